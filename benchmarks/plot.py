"""Draw how the figures grow with the caseload, from ``run.py --scaling FILE``'s series:
case list load, worst search keystroke, pull and push (app and baseline, 100 → 10,000
cases) and the server's time per pull page (1,000 → 100,000 cases). Writes one PNG.

Run: python benchmarks/plot.py docs/performance-scaling.json docs/performance-scaling.png
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no screen needed

import matplotlib.pyplot as plt
from matplotlib.axes import Axes


def panel(
    ax: Axes, cases: list[int], app: list[float], base: list[float], title: str, unit: str
) -> None:
    ax.plot(cases, app, "o-", label="app", color="#c0392b")
    ax.plot(cases, base, "s--", label="baseline", color="#2c3e50")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_title(title, fontsize=10)
    ax.set_xlabel("cases")
    ax.set_ylabel(unit)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8)


def draw(series: dict[str, Any], out: Path, caption: str) -> None:
    cases = series["cases"]
    fig, axes = plt.subplots(2, 3, figsize=(13, 7.5))
    lists = series["list"]
    panel(axes[0][0], cases, [r["app_load_ms"] for r in lists],
          [r["base_load_ms"] for r in lists], "unlock → case list painted", "ms")  # fmt: skip
    panel(axes[0][1], cases, [r["app_keystroke_ms"] for r in lists],
          [r["base_keystroke_ms"] for r in lists], "worst search keystroke", "ms")  # fmt: skip
    axes[0][1].axhline(16.7, color="#888", linewidth=0.8, linestyle=":")
    axes[0][1].annotate("one frame (16.7 ms)", (cases[0], 16.7), fontsize=7, color="#666")
    panel(axes[0][2], cases, [r["app_s"] for r in series["pull"]],
          [r["base_s"] for r in series["pull"]],
          "pull onto a fresh laptop (baseline: pages fetched)", "s")  # fmt: skip
    panel(axes[1][0], cases, [r["app_s"] for r in series["push"]],
          [r["base_s"] for r in series["push"]],
          "push new cases (baseline: raw signed POSTs)", "s")  # fmt: skip
    pages = [p for p in series.get("server_page", []) if p["ms"] is not None]
    ax = axes[1][1]
    if pages:
        ax.plot([p["cases"] for p in pages], [p["ms"] for p in pages], "o-", color="#c0392b")
        ax.set_xscale("log")
        ax.set_ylim(bottom=0)
        ax.grid(True, which="both", alpha=0.3)
    else:
        ax.text(0.5, 0.5, "no PostgreSQL in this run", ha="center", transform=ax.transAxes)
    ax.set_title("server time per 100-case pull page (PostgreSQL)", fontsize=10)
    ax.set_xlabel("cases in the consultant's caseload")
    ax.set_ylabel("ms")
    axes[1][2].axis("off")
    axes[1][2].text(0, 0.9, caption, fontsize=8, va="top", wrap=True)
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out, dpi=110)
    plt.close(fig)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("series", type=Path, help="the JSON run.py --scaling wrote")
    parser.add_argument("png", type=Path)
    parser.add_argument("--caption", default="", help="e.g. the commit and the machine")
    args = parser.parse_args()
    draw(json.loads(args.series.read_text()), args.png, args.caption)


if __name__ == "__main__":
    main()
