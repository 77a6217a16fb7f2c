"""Print ``run.py``'s JSON as the Markdown table of docs/performance.md, with issue 14's
goal beside each figure and whether this run met it.

Run: python benchmarks/table.py RUN.json
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Check = Callable[[dict[str, Any]], bool | None]


def ratio_at_most(limit: float) -> Check:
    def check(fig: dict[str, Any]) -> bool | None:
        return None if fig["ratio"] is None else bool(fig["ratio"] <= limit)

    return check


def value_at_most(limit: float) -> Check:
    def check(fig: dict[str, Any]) -> bool | None:
        return None if fig["value"] is None else bool(fig["value"] <= limit)

    return check


def both(first: Check, second: Check) -> Check:
    def check(fig: dict[str, Any]) -> bool | None:
        a, b = first(fig), second(fig)
        return None if a is None or b is None else a and b

    return check


# (label, goal in words, check): issue 14 "Goals".
ROWS: dict[str, tuple[str, str, Check | None]] = {
    "cold_start": ("cold start → unlock window shown", "≤ 2.5× bare window", ratio_at_most(2.5)),
    "case_list_load_10000": (
        "unlock → case list filled and painted, 10,000 cases",
        "≤ 1.5× plain Qt",
        ratio_at_most(1.5),
    ),
    "search_keystroke_worst_10000": (
        "worst search keystroke, 10,000 cases",
        "≤ 2× baseline",
        ratio_at_most(2.0),
    ),
    "search_keystroke_worst_1000": (
        "worst search keystroke, 1,000 cases",
        "≤ 2× baseline and < 16.7 ms",
        both(ratio_at_most(2.0), value_at_most(16.7)),
    ),
    "search_clear_10000": ("clearing the search box, 10,000 cases", "as fast as typing", None),
    "cli_case_list_json_10000": (
        "`inburg case list --json`, 10,000 cases",
        "≤ 1.5× baseline",
        ratio_at_most(1.5),
    ),
    "pull_1000_cases": (
        "pull 1,000 cases onto a fresh laptop",
        "≤ 1.5× pages fetched",
        ratio_at_most(1.5),
    ),
    "bytes_back_after_first_push": (
        "bytes downloaded in the first sync (vs sent)",
        "no download-back",
        None,
    ),
    "server_pull_page_1000": ("server time per pull page, 1,000 cases", "—", None),
    "server_pull_page_10000": (
        "server time per pull page, 10,000 cases",
        "independent of size",
        ratio_at_most(1.2),
    ),
    "server_pull_page_100000": (
        "server time per pull page, 100,000 cases",
        "independent of size",
        ratio_at_most(1.2),
    ),
    "write_case_ms": (
        "writing a case, SQLCipher vs plain SQLite",
        "≤ 1.3× plain",
        ratio_at_most(1.3),
    ),
    "push_1000_cases": ("push 1,000 cases vs raw signed POSTs", "—", None),
    "autosave_p99_ms": ("autosave p99 vs plain sqlite3", "≤ 15 ms", value_at_most(15)),
    "autosave_during_list_reload_10000": (
        "autosave while the case list reloads, 10,000 cases (vs idle)",
        "≤ 15 ms",
        value_at_most(15),
    ),
    "agenda_2000_cases_after_unlock_ms": (
        "agenda of 2,000 cases after unlock",
        "≤ 300 ms",
        value_at_most(300),
    ),
    "gui_rss_mb": ("GUI resident set, demo vault open vs bare window", "—", None),
    "sync_load_ops_per_s": ("50 laptops at once: ops/s", "—", None),
    "sync_load_p95_ms": ("50 laptops at once: p95 per request (baseline p50)", "—", None),
    "sync_load_lost": ("50 laptops at once: ops lost", "0", value_at_most(0)),
}


def cell(value: Any, unit: str) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and value >= 100:
        value = round(value)
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return f"{int(value):,} {unit}".strip()
    return f"{value:g} {unit}".strip()


def table(figures: dict[str, dict[str, Any]]) -> str:
    lines = [
        "| figure | value | baseline, same run | ratio | goal | met | runs |",
        "|---|---|---|---|---|---|---|",
    ]
    for key, fig in figures.items():
        label, goal, check = ROWS.get(key, (key, "—", None))
        met = check(fig) if check is not None else None
        verdict = {True: "yes", False: "**no**", None: "—"}[met]
        lines.append(
            f"| {label} | {cell(fig['value'], fig['unit'])} | "
            f"{cell(fig['baseline'], fig['unit'])} | "
            f"{'—' if fig['ratio'] is None else fig['ratio']} | {goal} | {verdict} | "
            f"{fig['runs']} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("run", type=Path)
    args = parser.parse_args()
    print(table(json.loads(args.run.read_text())))


if __name__ == "__main__":
    main()
