"""``inburg rules evaluate FILE.json`` from the command line (INTERFACES.md).

Every scenario in ``tests/data/rules-scenarios.json`` cites the article (and lid) it
checks; each runs through the real command in a subprocess, with no vault anywhere.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

DATA = Path(__file__).parents[1] / "data"
SCENARIOS: list[dict[str, Any]] = json.loads((DATA / "rules-scenarios.json").read_text("utf-8"))[
    "scenarios"
]
COMPUTED_KEYS = {
    "plichtig",
    "plicht_reason",
    "warnings",
    "aow_date",
    "aow_date_provisional",
    "plicht_ends_on",
    "pip_deadline_provisional",
    "deadlines",
}
DEADLINE_KEYS = {
    "niet_plichtig",
    "pip_deadline",
    "pip_deadline_provisional",
    "pip_deadline_basis",
    "termijn_start",
    "termijn_end",
    "route_switch_until",
    "ontzorgen_until",
    "nazorg_contact",
    "plicht_ends_on",
}


def dig(doc: dict[str, Any], dotted: str) -> Any:
    value: Any = doc
    for part in dotted.split("."):
        value = value[part]
    return value


@pytest.mark.parametrize(
    "scenario", [pytest.param(s, id=f"{s['id']} ({s['cite']})") for s in SCENARIOS]
)
def test_rules_evaluate_scenario(inburg: Any, tmp_path: Path, scenario: dict[str, Any]) -> None:
    path = tmp_path / "scenario.json"
    path.write_text(json.dumps(scenario["input"]), encoding="utf-8")
    result = inburg("rules", "evaluate", path, passphrase=None)
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) >= COMPUTED_KEYS
    assert set(doc["deadlines"]) == DEADLINE_KEYS
    for key, expected in scenario["expect"].items():
        if key == "warnings":
            assert [w["code"] for w in doc["warnings"]] == expected
        else:
            assert dig(doc, key) == expected, key
    for warning in doc["warnings"]:
        assert warning["text"] and "{" not in warning["text"]
    # nothing but the scenario file was touched: no vault made beside it
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scenario.json"]


def test_rules_evaluate_reads_stdin_and_defaults_on_to_today(tmp_path: Path) -> None:
    import subprocess
    import sys
    from datetime import date

    scenario = SCENARIOS[0]["input"]
    doc = {k: v for k, v in scenario.items() if k != "on"}
    result = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.cli", "rules", "evaluate", "-"],
        input=json.dumps(doc),
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["on"] == date.today().isoformat()


HANDOVER = SCENARIOS[0]["input"]["handover"]


def _with(path: str, value: object) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps({"handover": HANDOVER, "on": "2026-04-15"}))
    target = doc
    parts = path.split(".")
    for part in parts[:-1]:
        target = target[part]
    if value is _DROP:
        del target[parts[-1]]
    else:
        target[parts[-1]] = value
    return doc


_DROP = object()

INVALID = [
    ("handover", _DROP, "handover: ontbreekt", "no handover"),
    ("handover.person.date_of_birth", "17-05-1994", "handover.person.date_of_birth", "bad dob"),
    ("handover.person.residence_basis", "vluchteling", "handover.person.residence_basis",
     "unknown residence basis"),
    ("handover.person.permit_since", "2026-02-30", "handover.person.permit_since",
     "impossible permit date"),
    ("handover.doelgroep", "student", "handover.doelgroep", "unknown doelgroep"),
    ("pip_date", "2026-5-11", "pip_date", "pip_date not ISO"),
    ("on", "2026-02-30", "on: bestaat niet", "on does not exist"),
    ("exam_passed_on", 20260101, "exam_passed_on", "a number, not a date"),
    ("wachten_op_derde", {"reden": " ", "sinds": "2026-04-01"}, "wachten_op_derde.reden",
     "a wait without a reason"),
    ("wachten_op_derde", {"reden": "GGD", "sinds": "2026-04-01", "ontvangen": "2026-03-01"},
     "wachten_op_derde.ontvangen", "received before asked"),
    ("pip_datum", "2026-05-11", "pip_datum: onbekend veld", "a misspelt key is not ignored"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [pytest.param(p, v, m, id=i) for p, v, m, i in INVALID],
)
def test_rules_evaluate_invalid_input_exits_5_naming_the_field(
    inburg: Any, tmp_path: Path, path: str, value: object, message: str
) -> None:
    file = tmp_path / "scenario.json"
    file.write_text(json.dumps(_with(path, value)), encoding="utf-8")
    result = inburg("rules", "evaluate", file, passphrase=None)
    assert result.returncode == 5
    assert message in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        pytest.param(b"{not json", "geen geldige JSON", id="not JSON"),
        pytest.param(b"[1, 2]", "moet een object zijn", id="not an object"),
        pytest.param(b"\xff\xfe", "UTF-16", id="UTF-16, not UTF-8"),
        pytest.param(b'{"on": "2026-01-01", "on": "2026-01-02"}', "on", id="duplicate key"),
        pytest.param(b'{"on": 1' + b"0" * 40 + b"}", "on", id="unbounded number"),
    ],
)
def test_rules_evaluate_unreadable_input_exits_5(
    inburg: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    file = tmp_path / "scenario.json"
    file.write_bytes(content)
    result = inburg("rules", "evaluate", file, passphrase=None)
    assert result.returncode == 5
    assert message in result.stderr


def test_rules_evaluate_accepts_a_byte_order_mark(inburg: Any, tmp_path: Path) -> None:
    file = tmp_path / "scenario.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(SCENARIOS[0]["input"]).encode())
    result = inburg("rules", "evaluate", file, passphrase=None)
    assert result.returncode == 0, result.stderr


def test_rules_evaluate_missing_file_exits_5(inburg: Any, tmp_path: Path) -> None:
    result = inburg("rules", "evaluate", tmp_path / "geen.json", passphrase=None)
    assert result.returncode == 5
    assert "kan" in result.stderr and "niet lezen" in result.stderr
