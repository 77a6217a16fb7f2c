"""``inburg demo`` builds the same cases as ``inburg-desktop --demo`` (one source:
``demo.fill.add_demo_cases``), also on a vault that already holds some of its people
(usability round 9, finding 18: the CLI demo gave Gebremedhin without an intake or PIP,
so Voortgang and Handhaving could not be tried on it)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import run_inburg


def _by_name(path: Path) -> dict[str, tuple[str, int]]:
    cases = json.loads(run_inburg("case", "list", "--vault", path, "--json").stdout)
    return {
        f"{c['given_names']} {c['family_name']}": (
            c["pip_status"],
            c["intake"]["topics_covered"],
        )
        for c in cases
    }


def test_a_demo_added_to_a_vault_with_demo_people_has_the_same_stages(tmp_path: Path) -> None:
    fresh, grown = tmp_path / "fresh.db", tmp_path / "grown.db"
    for path in (fresh, grown):
        assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", fresh, "--cases", "14").returncode == 0
    assert run_inburg("demo", "--vault", grown, "--cases", "2").returncode == 0
    assert run_inburg("demo", "--vault", grown, "--cases", "14").returncode == 0

    expected = _by_name(fresh)
    assert expected["Semhar Gebremedhin"] == ("signed", 16)
    assert _by_name(grown) == expected
