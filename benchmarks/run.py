"""Every figure of issue 14 in one run, each beside its baseline; prints one JSON object.

Each key is a figure ``{"value", "unit", "baseline", "ratio", "runs", "note"}``
(``bench_common.Figure``): value and baseline measured in the same run, the median of
``runs`` samples, ``ratio`` = value / baseline. A figure that cannot be measured here
(no PostgreSQL, a feature not reachable) has ``value: null`` and says why in ``note``.

    python benchmarks/run.py            # the full run: 5 runs per figure
    python benchmarks/run.py --quick    # the same figures, 3 runs (docs/performance.md)
    python benchmarks/run.py --smoke    # a few cases, seconds: checks that it all runs
    python benchmarks/run.py --only cold_start,gui_rss_mb   # some figures only
    python benchmarks/run.py --scaling docs/performance-scaling.json   # plus the series
                                         # benchmarks/plot.py draws (100 → 10,000 cases)

PostgreSQL figures (the server's pull page at 1,000/10,000/100,000 cases and the
50-laptop load) use ``INBURG_BENCH_POSTGRES_URL`` or ``INBURG_TEST_POSTGRES_URL``
(a fresh database is created and dropped); the push/pull figures run against it too, or
against a SQLite office without it. Seeded vaults are cached (``bench_common.cache_dir``).
GUI figures run offscreen (``QT_QPA_PLATFORM=offscreen``) in fresh processes
(``gui_child.py``), alternating app and baseline.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench_common import (
    BENCH,
    PASSPHRASE,
    Figure,
    child_env,
    figure,
    median,
    percentile,
    postgres_url,
    run_child,
    seeded_vault,
    time_command,
)

SEARCH_QUERY = "haddad"  # a family name of the demo people: 1 in 15 cases match


@dataclass(frozen=True)
class Sizes:
    """How much each figure does in a mode."""

    list_cases: int  # the case list, its search and the CLI's case list
    search_small: int  # the second search figure ("under one frame")
    sync_cases: int  # push, pull
    bytes_cases: int  # the first sync's bytes
    page_sizes: tuple[int, ...]  # caseloads for the server's pull page
    pages: int  # pull pages timed per caseload
    runs: int  # samples per figure (subprocesses for GUI and CLI figures)
    cold_runs: int
    write_cases: int  # cases written for SQLCipher vs plain SQLite
    edits: int  # autosaves timed
    load: tuple[int, int, int]  # devices, rounds, edits per round
    scaling: tuple[int, ...]  # case counts of the plotted series
    production_kdf: bool = True  # seeded vaults wrapped with the app's Argon2id parameters


MODES = {
    "full": Sizes(10_000, 1_000, 1_000, 1_000, (1_000, 10_000, 100_000), 10, 5, 7, 300, 500,
                  (50, 4, 10), (100, 1_000, 3_000, 10_000)),
    "quick": Sizes(10_000, 1_000, 1_000, 1_000, (1_000, 10_000, 100_000), 5, 3, 5, 100, 300,
                   (50, 2, 5), (100, 1_000, 10_000)),
    "smoke": Sizes(30, 15, 10, 10, (20, 40, 80), 2, 1, 1, 5, 20, (2, 1, 2), (10, 30), False),
}  # fmt: skip


def cold_start(home: Path, vault: Path, runs: int) -> Figure:
    """Process start → the unlock window's first paint, vs a bare PySide6 window."""

    def once(args: list[str]) -> float:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, str(BENCH / "gui_child.py"), *args],
            env=child_env(home),
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        assert proc.stdout is not None
        line = proc.stdout.readline()
        elapsed = time.perf_counter() - start
        proc.wait(timeout=60)
        if line.strip() != "painted":
            raise RuntimeError(f"{args[0]} did not paint (exit {proc.returncode})")
        return elapsed

    app: list[float] = []
    bare: list[float] = []
    for run in range(runs):
        steps = [("app", ["cold-app", str(vault)]), ("bare", ["cold-bare"])]
        for name, args in steps if run % 2 == 0 else steps[::-1]:
            (app if name == "app" else bare).append(once(args))
    return figure(
        median(app),
        "s",
        median(bare),
        runs,
        "process start → first paint of the unlock window (ui.app.main --vault, offscreen) "
        "vs a bare PySide6 QMainWindow; each run a fresh interpreter",
    )


def case_list(home: Path, vault: Path, cases: int, runs: int) -> list[dict[str, Any]]:
    """``runs`` pairs of (app, baseline) results of gui_child's list modes."""
    pairs = []
    for run in range(runs):
        got: dict[str, Any] = {}
        for mode in ("list-app", "list-base") if run % 2 == 0 else ("list-base", "list-app"):
            got[mode] = run_child(
                [str(BENCH / "gui_child.py"), mode, str(vault), str(cases), SEARCH_QUERY], home
            )
        pairs.append(got)
    return pairs


def list_figures(
    pairs: list[dict[str, Any]], cases: int, load: bool, label: str
) -> dict[str, Figure]:
    """The case list's figures, keyed by ``label`` (the full run's size: keys stay the
    same in every mode; the note says how many cases this run had)."""
    app = [p["list-app"] for p in pairs]
    base = [p["list-base"] for p in pairs]
    runs = len(pairs)
    out: dict[str, Figure] = {}
    worst_app = median([max(r["keystrokes_ms"]) for r in app])
    worst_base = median([max(r["keystrokes_ms"]) for r in base])
    shown = app[0]["shown_after_query"]
    failures = [r["failed"] for r in app if r.get("failed")]
    failed = (
        f"; in {len(failures)} of {runs} runs AppController.on_unlocked raised "
        f"{', '.join(sorted(set(failures)))} (the window was then shown by the benchmark "
        "to time the rest)"
        if failures
        else ""
    )
    if load:
        out[f"case_list_load_{label}"] = figure(
            median([r["load_ms"] for r in app]),
            "ms",
            median([r["load_ms"] for r in base]),
            runs,
            f"unlocked vault of {cases} cases → main window's list filled and painted "
            "(AppController.on_unlocked) vs one SELECT into a plain QAbstractTableModel + "
            "QSortFilterProxyModel + QTableView; key derivation not counted on either side"
            + failed,
            1,
        )
    out[f"search_keystroke_worst_{label}"] = figure(
        worst_app,
        "ms",
        worst_base,
        runs,
        f"the slowest keystroke typing '{SEARCH_QUERY}' ({len(SEARCH_QUERY)} keys, each "
        f"until the view repainted) in the search box over {cases} cases ({shown} shown "
        "after the last key) vs a QSortFilterProxyModel fixed-string filter on the name "
        "column; one frame at 60 Hz is 16.7 ms",
        1,
    )
    if load:
        out[f"search_clear_{label}"] = figure(
            median([r["clear_ms"] for r in app]),
            "ms",
            median([r["clear_ms"] for r in base]),
            runs,
            f"clearing the search box (Ctrl+A, Backspace) after '{SEARCH_QUERY}' until the "
            f"full list of {cases} repainted vs the same in the plain-Qt baseline; the "
            f"app's worst keystroke was {worst_app:.1f} ms",
            1,
        )
    return out


def cli_case_list(home: Path, vault: Path, cases: int, runs: int) -> Figure:
    app_cmd = [str(Path(sys.executable).parent / "inburg"), "case", "list", "--json",
               "--vault", str(vault)]  # fmt: skip
    base_cmd = [sys.executable, str(BENCH / "cli_baseline.py"), str(vault)]
    app: list[float] = []
    base: list[float] = []
    for run in range(runs):
        order = [(app, app_cmd), (base, base_cmd)]
        for samples, cmd in order if run % 2 == 0 else order[::-1]:
            samples.append(time_command(cmd, home))
    return figure(
        median(app),
        "s",
        median(base),
        runs,
        f"`inburg case list --json` over {cases} cases (production key derivation, output "
        "discarded) vs a script that unlocks the vault, runs one SELECT over the cases "
        "table and json.dumps it; whole processes, interpreter start included",
    )


def write_case(sizes: Sizes, workdir: Path) -> Figure:
    from unlock import measure_overhead

    cipher: list[float] = []
    plain: list[float] = []
    for run in range(sizes.runs):
        result = measure_overhead(workdir / f"write-{run}", sizes.write_cases)
        cipher.append(result["sqlcipher"]["write_per_case_ms"])
        plain.append(result["plain_sqlite"]["write_per_case_ms"])
    return figure(
        median(cipher),
        "ms",
        median(plain),
        sizes.runs,
        f"one new case (demo case, as an import writes it) per transaction, mean over "
        f"{sizes.write_cases} cases per run, on the SQLCipher vault vs the same code on a "
        "plain SQLite file with the same pragmas (benchmarks/unlock.py)",
    )


def autosave(sizes: Sizes, workdir: Path) -> Figure:
    from datetime import date

    from inburg_desktop.demo.vault_fill import add_cases
    from inburg_desktop.services import vault_session
    from inburg_desktop.services.intake_progress import shipped_catalogue
    from inburg_desktop.storage.keyfile import TEST_KDF
    from intake_autosave import COMPLETE_CASE, autosave_edits, baseline_edits

    # The app's vault (summaries kept on write): an autosave also recomputes its case's
    # summary before it commits, as it does for the consultant.
    vault = vault_session.create(workdir / "autosave" / "kluis.db", PASSPHRASE, TEST_KDF)
    try:
        ids = add_cases(vault, 12, today=date(2026, 11, 28))
        shipped_catalogue()
        app = autosave_edits(vault, ids[COMPLETE_CASE], sizes.edits)
    finally:
        vault.lock()
    base = baseline_edits(workdir / "autosave" / "plain.db", sizes.edits)
    return figure(
        percentile(app, 0.99),
        "ms",
        percentile(base, 0.99),
        sizes.edits,
        "p99 of one intake field autosaved (intake_edit.save: field, provenance, case "
        "version, outbox, one transaction, synchronous=FULL, WAL) vs the same logical write "
        "with stdlib sqlite3 on a plain file (benchmarks/intake_autosave.py); goal ≤ 15 ms; "
        f"app p50 {median(app):.2f} ms",
    )


def agenda_figure(workdir: Path, smoke: bool, runs: int) -> Figure:
    """The agenda of 2,000 cases after unlock (benchmarks/agenda.py)."""
    from agenda import agenda_after_unlock

    return agenda_after_unlock(workdir, 30 if smoke else 2_000, runs)


def gui_rss(home: Path, runs: int) -> Figure:
    app: list[float] = []
    bare: list[float] = []
    for run in range(runs):
        order = [(app, "rss-app"), (bare, "rss-bare")]
        for samples, mode in order if run % 2 == 0 else order[::-1]:
            samples.append(run_child([str(BENCH / "gui_child.py"), mode], home)["rss_mb"])
    return figure(
        median(app),
        "MB",
        median(bare),
        runs,
        "resident set once steady: the demo vault (inburg-desktop --demo, 12 cases) with "
        "its main window's list painted vs a bare QMainWindow with an empty QTableView",
        1,
    )


def scaling_series(sizes: Sizes, home: Path, workdir: Path, pg: str | None) -> dict[str, Any]:
    """Case list load, worst keystroke, pull and push at each of ``sizes.scaling``."""
    from inburg_desktop.server.db import Database
    from office_figures import office_database, pull_figure, push_figure
    from sync_load import office_server

    series: dict[str, Any] = {"cases": list(sizes.scaling), "list": [], "push": [], "pull": []}
    for n in sizes.scaling:
        vault = seeded_vault(n, workdir / f"scale-{n}", production_kdf=sizes.production_kdf)
        pairs = case_list(home, vault, n, 1)
        series["list"].append(
            {
                "app_load_ms": pairs[0]["list-app"]["load_ms"],
                "base_load_ms": pairs[0]["list-base"]["load_ms"],
                "app_keystroke_ms": max(pairs[0]["list-app"]["keystrokes_ms"]),
                "base_keystroke_ms": max(pairs[0]["list-base"]["keystrokes_ms"]),
            }
        )
        shutil.rmtree(vault.parent, ignore_errors=True)
        with office_database(pg, workdir / f"office-{n}") as db_url:
            office = Database(db_url)
            try:
                with office_server(db_url, 1, workdir / f"scale-{n}.log") as url:
                    push, consultant = push_figure(
                        url, office, workdir / f"push-{n}", n, 1, "scaling"
                    )
                    pull = pull_figure(url, office, workdir / f"pull-{n}", consultant, n, 1, "")
            finally:
                office.dispose()
        series["push"].append({"app_s": push["value"], "base_s": push["baseline"]})
        series["pull"].append({"app_s": pull["value"], "base_s": pull["baseline"]})
        print(f"scaling: {n} cases done", file=sys.stderr)
    return series


# The figures of each group (``--only``), so a group that fails still has its keys.
GROUP_KEYS: dict[str, tuple[str, ...]] = {
    "cold_start": ("cold_start",),
    "case_list": (
        "case_list_load_10000",
        "search_keystroke_worst_10000",
        "search_clear_10000",
        "search_keystroke_worst_1000",
    ),
    "cli_case_list": ("cli_case_list_json_10000",),
    "write_case": ("write_case_ms",),
    "autosave": ("autosave_p99_ms",),
    "autosave_during_reload": ("autosave_during_list_reload_10000",),
    "agenda": ("agenda_2000_cases_after_unlock_ms",),
    "gui_rss_mb": ("gui_rss_mb",),
    "office": (
        "pull_1000_cases",
        "bytes_back_after_first_push",
        "push_1000_cases",
        "server_pull_page_1000",
        "server_pull_page_10000",
        "server_pull_page_100000",
    ),
    "sync_load": ("sync_load_ops_per_s", "sync_load_p95_ms", "sync_load_lost"),
}
GROUPS = tuple(GROUP_KEYS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true", help="the same figures, fewer runs")
    mode.add_argument("--smoke", action="store_true", help="a few cases: seconds")
    parser.add_argument("--only", help=f"comma-separated groups of: {', '.join(GROUPS)}")
    parser.add_argument(
        "--scaling", type=Path, help="also measure the plotted series; write them here (JSON)"
    )
    args = parser.parse_args()
    sizes = MODES["smoke" if args.smoke else "quick" if args.quick else "full"]
    wanted = set(args.only.split(",")) if args.only else set(GROUPS)
    unknown = wanted - set(GROUPS)
    if unknown:
        parser.error(f"unknown groups: {', '.join(sorted(unknown))}")
    pg = postgres_url()
    workdir = Path(tempfile.mkdtemp(prefix="inburg-run-"))
    home = workdir / "home"
    figures: dict[str, Figure] = {}
    started = time.perf_counter()

    def step(name: str, work: Callable[[], dict[str, Figure]]) -> None:
        """Measure a group; if it fails, its figures are null and say how (the app
        failing under measurement is a finding, not a reason to lose the other figures)."""
        if name not in wanted:
            return
        t0 = time.perf_counter()
        try:
            figures.update(work())
        except Exception as exc:
            traceback.print_exc()
            last = str(exc).strip().splitlines()[-1:] or [""]
            for key in GROUP_KEYS[name]:
                figures[key] = figure(
                    None, "", None, 0, f"failed: {type(exc).__name__}: {last[0][:300]}"
                )
        print(f"{name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    try:
        needs_big = wanted & {"cold_start", "case_list", "cli_case_list", "autosave_during_reload"}
        big = (
            seeded_vault(sizes.list_cases, workdir / "big", production_kdf=sizes.production_kdf)
            if needs_big
            else workdir
        )
        step("cold_start", lambda: {"cold_start": cold_start(home, big, sizes.cold_runs)})

        def lists() -> dict[str, Figure]:
            small = seeded_vault(
                sizes.search_small, workdir / "small", production_kdf=sizes.production_kdf
            )
            big_runs = case_list(home, big, sizes.list_cases, sizes.runs)
            out = list_figures(big_runs, sizes.list_cases, True, "10000")
            small_runs = case_list(home, small, sizes.search_small, sizes.runs)
            out.update(list_figures(small_runs, sizes.search_small, False, "1000"))
            return out

        step("case_list", lists)
        step(
            "cli_case_list",
            lambda: {
                "cli_case_list_json_10000": cli_case_list(home, big, sizes.list_cases, sizes.runs)
            },
        )
        step("write_case", lambda: {"write_case_ms": write_case(sizes, workdir)})
        step("autosave", lambda: {"autosave_p99_ms": autosave(sizes, workdir)})

        def reload() -> dict[str, Figure]:
            from contention import autosave_during_reload

            return {
                "autosave_during_list_reload_10000": autosave_during_reload(
                    big, sizes.list_cases, sizes.runs
                )
            }

        step("autosave_during_reload", reload)
        step(
            "agenda",
            lambda: {
                "agenda_2000_cases_after_unlock_ms": agenda_figure(workdir, args.smoke, sizes.runs)
            },
        )
        step("gui_rss_mb", lambda: {"gui_rss_mb": gui_rss(home, max(1, sizes.runs))})

        def office() -> dict[str, Figure]:
            from office_figures import office_figures

            return office_figures(
                pg,
                workdir / "office",
                push_cases=sizes.sync_cases,
                pull_cases=sizes.sync_cases,
                bytes_cases=sizes.bytes_cases,
                runs=sizes.runs,
                page_sizes=list(sizes.page_sizes),
                pages=sizes.pages,
            )

        step("office", office)

        def load() -> dict[str, Figure]:
            from office_figures import load_figures

            devices, rounds, edits = sizes.load
            return load_figures(pg, workdir / "load", devices, rounds, edits)

        step("sync_load", load)
        print(f"figures: {time.perf_counter() - started:.1f} s", file=sys.stderr)
        # The figures first (the series take long; a run cut short keeps its figures).
        print(json.dumps(figures, indent=2, ensure_ascii=False), flush=True)
        if args.scaling:
            series = scaling_series(sizes, home, workdir / "scaling", pg)
            series["server_page"] = [
                {"cases": n, "ms": figures[key]["value"] if key in figures else None}
                for n, key in zip(
                    sizes.page_sizes,
                    ("server_pull_page_1000", "server_pull_page_10000", "server_pull_page_100000"),
                    strict=False,
                )
            ]
            args.scaling.write_text(json.dumps(series, indent=2) + "\n")
        print(f"total: {time.perf_counter() - started:.1f} s", file=sys.stderr)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
