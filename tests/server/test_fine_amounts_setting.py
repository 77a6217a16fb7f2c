"""``inburg-office setting setting.fine_amounts``: amounts above the Besluit inburgering 2021
art. 7.1 maxima or a rising culpability scale are refused with exit 1 naming the field and
nothing published; on success the command says what it published (attack round 6,
finding 4; every admin command says what it did)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from inburg_desktop.server import cli as office_cli
from inburg_desktop.server.db import Database
from inburg_desktop.server.tables import Setting

KEY = "setting.fine_amounts"


def _run(url: str, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = office_cli.main([*args, "--db", url])
    out, err = capsys.readouterr()
    return code, out, err


def _published(url: str) -> list[str]:
    db = Database(url)
    try:
        with db.read() as session:
            return list(session.scalars(select(Setting.key)))
    finally:
        db.dispose()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (
            {"intake_cents": 1_000_000_00, "basis_cents": 1_000_000_00},
            ["intake_cents", "Besluit inburgering 2021", "€ 250"],
        ),
        ({"nieuwe_termijn_maxima": [1_000_000_00]}, ["nieuwe_termijn_maxima[0]", "€ 400"]),
        (
            {
                "percentages": {
                    "opzet": 0,
                    "grove_schuld": 0,
                    "geen_opzet_of_grove_schuld": 0,
                    "verminderd": 100,
                }
            },
            ["percentages.verminderd", "25%"],
        ),
        (
            {
                "percentages": {
                    "opzet": 25,
                    "grove_schuld": 50,
                    "geen_opzet_of_grove_schuld": 50,
                    "verminderd": 25,
                }
            },
            ["percentages", "lid 4", "niet stijgen"],
        ),
    ],
)
def test_amounts_above_the_besluit_are_refused_naming_the_field(
    capsys: pytest.CaptureFixture[str], tmp_path: object, value: object, words: list[str]
) -> None:
    url = f"sqlite:///{tmp_path}/kantoor.db"
    code, out, err = _run(url, capsys, "setting", KEY, json.dumps(value))
    assert code == 1 and out == ""
    for word in words:
        assert word in err
    assert "niets gepubliceerd" in err
    assert KEY not in _published(url)


def test_a_published_setting_is_said(capsys: pytest.CaptureFixture[str], tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/kantoor.db"
    code, out, err = _run(url, capsys, "setting", KEY, json.dumps({"intake_cents": 100_00}))
    assert code == 0, err
    assert out.startswith(f"{KEY} gepubliceerd: intake € 100, basis € 50")
    assert "volgende synchronisatie" in out
    code, out, _err = _run(url, capsys, "setting", "setting.groet", json.dumps({"tekst": "geheim"}))
    assert code == 0 and out.startswith("setting.groet gepubliceerd.") and "geheim" not in out
    code, out, _err = _run(url, capsys, "setting", "setting.idle_lock_minutes", "10")
    assert code == 0 and "10 minuten" in out
