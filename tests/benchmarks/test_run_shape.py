"""``benchmarks/run.py`` prints one JSON object whose every key is a figure of issue 14,
each ``{"value", "unit", "baseline", "ratio", "runs", "note"}``. Checked on the tiny
``--smoke`` mode (a few cases, offscreen, seconds): the shape and the keys, never the
numbers (they belong to the machine, not to the code)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN = ROOT / "benchmarks" / "run.py"

# Every row of issue 14's table and its "Deliver" list.
FIGURES = {
    "cold_start",
    "case_list_load_10000",
    "search_keystroke_worst_10000",
    "search_keystroke_worst_1000",
    "search_clear_10000",
    "cli_case_list_json_10000",
    "pull_1000_cases",
    "bytes_back_after_first_push",
    "server_pull_page_1000",
    "server_pull_page_10000",
    "server_pull_page_100000",
    "write_case_ms",
    "push_1000_cases",
    "autosave_p99_ms",
    "autosave_during_list_reload_10000",
    "agenda_2000_cases_after_unlock_ms",
    "gui_rss_mb",
    "sync_load_ops_per_s",
    "sync_load_p95_ms",
    "sync_load_lost",
}
POSTGRES_ONLY = {
    "server_pull_page_1000",
    "server_pull_page_10000",
    "server_pull_page_100000",
    "sync_load_ops_per_s",
    "sync_load_p95_ms",
    "sync_load_lost",
}


def run(tmp_path: Path, *args: str, postgres: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    env["INBURG_BENCH_CACHE"] = str(tmp_path / "cache")  # no file of another run reused
    env["QT_QPA_PLATFORM"] = "offscreen"
    env.pop("INBURG_BENCH_POSTGRES_URL", None)
    if not postgres:
        env.pop("INBURG_TEST_POSTGRES_URL", None)
    return subprocess.run(
        [sys.executable, str(RUN), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=tmp_path,
    )


def check_figure(name: str, fig: Any) -> None:
    assert isinstance(fig, dict), name
    assert set(fig) == {"value", "unit", "baseline", "ratio", "runs", "note"}, name
    for key in ("value", "baseline", "ratio"):
        assert fig[key] is None or isinstance(fig[key], int | float), (name, key)
        assert not isinstance(fig[key], bool), (name, key)
    assert isinstance(fig["unit"], str) and fig["unit"], name
    assert isinstance(fig["runs"], int) and fig["runs"] >= 0, name
    assert isinstance(fig["note"], str) and fig["note"].strip(), name
    if fig["value"] is None:
        assert fig["runs"] == 0 and fig["ratio"] is None, name
    else:
        assert fig["runs"] >= 1, name
    if fig["ratio"] is not None:
        assert fig["value"] is not None and fig["baseline"], name


@pytest.mark.slow
def test_smoke_run_prints_every_figure_in_shape(tmp_path: Path) -> None:
    done = run(tmp_path, "--smoke")
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) == FIGURES
    for name, fig in figures.items():
        check_figure(name, fig)
    # The agenda is measured (issue 15's use case), beside its baseline.
    agenda = figures["agenda_2000_cases_after_unlock_ms"]
    assert agenda["value"] is not None and agenda["baseline"] is not None
    if os.environ.get("INBURG_TEST_POSTGRES_URL"):
        for name in POSTGRES_ONLY:
            assert figures[name]["value"] is not None, name


@pytest.mark.slow
def test_without_postgres_those_figures_are_null_and_say_why(tmp_path: Path) -> None:
    done = run(tmp_path, "--smoke", "--only", "office,sync_load", postgres=False)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert set(figures) >= POSTGRES_ONLY
    for name in POSTGRES_ONLY:
        check_figure(name, figures[name])
        assert figures[name]["value"] is None, name
        assert "PostgreSQL" in figures[name]["note"], name
    # The push and pull figures still run, against a SQLite office.
    assert figures["push_1000_cases"]["value"] is not None
    assert "sqlite" in figures["pull_1000_cases"]["note"]


def test_an_unknown_group_is_refused(tmp_path: Path) -> None:
    done = run(tmp_path, "--smoke", "--only", "nothing")
    assert done.returncode == 2
    assert "nothing" in done.stderr
    assert done.stdout == ""
