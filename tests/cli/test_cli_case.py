"""``inburg case import|list|show`` and ``inburg demo`` as INTERFACES.md specifies."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

PASSPHRASE = "een lange zin als wachtwoord"


HANDOVER: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)


@pytest.fixture
def vault_file(inburg: Any, tmp_path: Path) -> Path:
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    return path


def write_json(path: Path, doc: object) -> Path:
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_import_then_show_gives_the_computed_part(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    result = inburg(
        "case", "import", "--vault", vault_file, write_json(tmp_path / "h.json", HANDOVER)
    )
    assert result.returncode == 0, result.stderr
    case_id = result.stdout.strip()
    shown = inburg("case", "show", "--vault", vault_file, case_id, "--json")
    assert shown.returncode == 0, shown.stderr
    doc = json.loads(shown.stdout)
    assert doc["id"] == case_id
    assert doc["doelgroep"] == "statushouder"
    assert doc["plichtig"] is True and doc["plicht_reason"]
    assert doc["intake"]["topics_total"] >= 13 and doc["intake"]["topics_covered"] == 0
    assert doc["pip"] == {"status": "none", "signed_on": None, "leerroute": None}
    # 10 weeks after the later of kennisgeving (20 Feb) and BRP (2 Mar): 11 May 2026.
    assert doc["deadlines"]["pip_deadline"] == "2026-05-11"
    assert doc["deadlines"]["termijn_start"] is None
    assert doc["deadlines"]["termijn_end"] is None
    assert doc["deadlines"]["route_switch_until"] is None
    assert doc["deadlines"]["ontzorgen_until"] == "2026-09-01"  # Pw art. 56a, t/m
    assert "nazorg_contact" in doc["deadlines"]
    # INTERFACES.md: plicht_ends_on, warnings and pip_deadline_provisional
    assert doc["deadlines"]["plicht_ends_on"] == doc["plicht_ends_on"] == "2061-08-16"
    assert doc["pip_deadline_provisional"] is False
    assert doc["deadlines"]["pip_deadline_provisional"] is False
    assert [w["code"] for w in doc["warnings"]] == ["residence_basis_unknown"]
    assert doc["aow_date"] == "2061-08-17" and doc["aow_date_provisional"] is True


def test_list_json_has_the_contract_keys(inburg: Any, vault_file: Path, tmp_path: Path) -> None:
    inburg("case", "import", "--vault", vault_file, write_json(tmp_path / "h.json", HANDOVER))
    result = inburg("case", "list", "--vault", vault_file, "--json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 1
    assert {
        "id",
        "given_names",
        "family_name",
        "doelgroep",
        "brp_registration",
        "pip_deadline",
    } <= set(rows[0])
    assert rows[0]["given_names"] == "Amal"


def test_two_cases_of_one_v_nummer_are_marked_in_the_list(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    """Usability round 9 #9: two identical rows of one person, with nothing to say so."""
    ids = []
    for n in range(2):
        done = inburg(
            "case", "import", "--vault", vault_file, write_json(tmp_path / f"{n}.json", HANDOVER)
        )
        assert done.returncode == 0, done.stderr
        ids.append(done.stdout.strip())
    other = {**HANDOVER, "person": {**HANDOVER["person"], "v_nummer": "2345678901"}}
    assert (
        inburg(
            "case", "import", "--vault", vault_file, write_json(tmp_path / "o.json", other)
        ).returncode
        == 0
    )
    lines = inburg("case", "list", "--vault", vault_file).stdout.splitlines()
    number = HANDOVER["person"]["v_nummer"]
    for mine, theirs in (ids, ids[::-1]):
        at = next(i for i, line in enumerate(lines) if line.startswith(mine))
        assert lines[at + 1].strip() == (
            f"let op: V-nummer {number} staat ook in dossier {theirs}: dezelfde persoon twee "
            "keer, of een tikfout"
        )
    assert sum("let op" in line for line in lines) == 2  # the third case is no twin


def test_show_unknown_case_exit_6(inburg: Any, vault_file: Path) -> None:
    result = inburg("case", "show", "--vault", vault_file, "geen-dossier", "--json")
    assert result.returncode == 6
    assert "bestaat niet" in result.stderr


@pytest.mark.parametrize(
    ("mutate", "key"),
    [
        (lambda d: d["person"].pop("family_name"), "person.family_name"),
        (lambda d: d["person"].update(date_of_birth="17-05-1994"), "person.date_of_birth"),
        (lambda d: d["person"].update(nationality="Syrië"), "person.nationality"),
        (lambda d: d.update(doelgroep="toerist"), "doelgroep"),
        (lambda d: d["dates"].pop("brp_registration"), "dates.brp_registration"),
        (lambda d: d.update(format="coa/9"), "format"),
    ],
)
def test_invalid_handover_exit_5_names_the_key(
    inburg: Any, vault_file: Path, tmp_path: Path, mutate: Any, key: str
) -> None:
    doc = json.loads(json.dumps(HANDOVER))
    mutate(doc)
    result = inburg("case", "import", "--vault", vault_file, write_json(tmp_path / "b.json", doc))
    assert result.returncode == 5
    assert key in result.stderr
    assert "Traceback" not in result.stderr
    listed = json.loads(inburg("case", "list", "--vault", vault_file, "--json").stdout)
    assert listed == []


def test_unknown_keys_are_kept_as_notes(inburg: Any, vault_file: Path, tmp_path: Path) -> None:
    result = inburg(
        "case", "import", "--vault", vault_file, write_json(tmp_path / "h.json", HANDOVER)
    )
    assert result.returncode == 0
    from inburg_desktop.storage.cases import get_case
    from inburg_desktop.storage.vault import unlock_vault

    vault = unlock_vault(vault_file, PASSPHRASE)
    with vault.session() as session:
        stored = get_case(session, result.stdout.strip())
    vault.lock()
    # "azc" is a key the sender chose: it is stored under a stable safe key (slug plus a
    # hash of the label, pinned in tests/domain/test_handover_notes.py) with the label kept.
    assert stored.field("handover.notes.extra.azc-8918a3f6d1") == "Ter Apel"
    assert stored.field("handover.note_labels") == {"extra.azc-8918a3f6d1": "azc"}
    assert stored.field("handover.notes.opleiding") == "Apotheekassistente"


def test_demo_adds_twelve_cases_by_default(inburg: Any, vault_file: Path) -> None:
    assert inburg("demo", "--vault", vault_file).returncode == 0
    rows = json.loads(inburg("case", "list", "--vault", vault_file, "--json").stdout)
    assert len(rows) == 12
    assert {r["doelgroep"] for r in rows} >= {"statushouder", "gezinsmigrant"}


def test_demo_run_twice_adds_no_one_twice(inburg: Any, vault_file: Path) -> None:
    """Issue 13 item 14: the same fictional people are not added again."""
    first = inburg("demo", "--vault", vault_file, "--cases", "3")
    assert first.stdout.strip() == "3 demodossiers toegevoegd."
    again = inburg("demo", "--vault", vault_file, "--cases", "3")
    assert again.returncode == 0, again.stderr
    assert again.stdout.strip() == (
        "De 3 demodossiers staan al in deze kluis; er is niets toegevoegd."
    )
    more = inburg("demo", "--vault", vault_file, "--cases", "4")
    assert more.stdout.strip() == "1 demodossier toegevoegd (3 stonden al in deze kluis)."
    rows = json.loads(inburg("case", "list", "--vault", vault_file, "--json").stdout)
    names = [(r["family_name"], r["given_names"]) for r in rows]
    assert len(rows) == 4 and len(set(names)) == 4


# --- inputs from the real world (issue 10, item 6) ----------------------------------------


def _doc(**changes: Any) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(json.dumps(HANDOVER))
    for dotted_key, value in changes.items():
        target = doc
        *parents, last = dotted_key.split("__")
        for part in parents:
            target = target[part]
        target[last] = value
    return doc


def _raw(doc: dict[str, Any], placeholder: str, token: str) -> bytes:
    return json.dumps(doc, ensure_ascii=False).replace(f'"{placeholder}"', token).encode()


def _empty(inburg: Callable[..., subprocess.CompletedProcess[str]], vault_file: Path) -> bool:
    listed = inburg("case", "list", "--vault", vault_file, "--json")
    return listed.returncode == 0 and json.loads(listed.stdout) == []


def test_a_handover_saved_by_notepad_with_a_bom_imports(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    file = tmp_path / "notepad.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(HANDOVER, indent=2).encode("utf-8"))
    result = inburg("case", "import", "--vault", vault_file, file)
    assert result.returncode == 0, result.stderr
    assert not _empty(inburg, vault_file)


REFUSED: list[tuple[str, Callable[[], bytes], str, str]] = [
    (
        "duplicate key",
        lambda: (
            json.dumps(HANDOVER)
            .replace('"given_names": "Amal"', '"given_names": "Amal", "given_names": "Eve"')
            .encode()
        ),
        "person.given_names",
        "twee keer",
    ),
    (
        "5000-digit number",
        lambda: _raw(_doc(notes__opleiding="N"), "N", "9" * 5000),
        "notes.opleiding",
        "getal te lang",
    ),
    ("NaN", lambda: _raw(_doc(notes__opleiding="N"), "N", "NaN"), "notes.opleiding", "NaN"),
    (
        "1e400",
        lambda: _raw(_doc(notes__opleiding="N"), "N", "1e400"),
        "notes.opleiding",
        "bereik",
    ),
    (
        "lone surrogate",
        lambda: _raw(_doc(person__family_name="N"), "N", '"Had\\ud800dad"'),
        "person.family_name",
        "U+D800",
    ),
    (
        "UTF-16",
        lambda: json.dumps(HANDOVER).encode("utf-16"),
        "(bestand)",
        "UTF-16",
    ),
    (
        "invalid UTF-8",
        lambda: (
            json.dumps(HANDOVER)
            .replace("Haddad", "Had\udcffdad")
            .encode("utf-8", "surrogateescape")
        ),
        "(bestand)",
        "UTF-8",
    ),
    (
        "nested too deep",
        lambda: _raw(_doc(notes__opleiding="N"), "N", "[" * 40 + "]" * 40),
        "notes.opleiding[0]…",
        "genest",
    ),
    (
        "right-to-left override in a name",
        lambda: json.dumps(_doc(person__family_name="Had\u202edad")).encode(),
        "person.family_name",
        "U+202E",
    ),
    (
        "C1 control (CSI) in a name",
        lambda: json.dumps(_doc(person__given_names="Am\u009bal")).encode(),
        "person.given_names",
        "U+009B",
    ),
    (
        "isolate in a name",
        lambda: json.dumps(_doc(person__given_names="\u2067Amal\u2069")).encode(),
        "person.given_names",
        "U+2067",
    ),
    (
        "zero width space in a name",
        lambda: json.dumps(_doc(person__family_name="Had\u200bdad")).encode(),
        "person.family_name",
        "U+200B",
    ),
    (
        "bidi override in the household",
        lambda: json.dumps(
            _doc(household=[{"relation": "chi\u202eld", "date_of_birth": "2021-08-01"}])
        ).encode(),
        "household[0].relation",
        "U+202E",
    ),
    (
        "control character in a note",
        lambda: json.dumps(_doc(notes__werkervaring="Apotheek\u009b2J")).encode(),
        "notes.werkervaring",
        "U+009B",
    ),
    (
        "unassigned nationality",
        lambda: json.dumps(_doc(person__nationality="QQQ")).encode(),
        "person.nationality",
        "geen bestaande",
    ),
    (
        "withdrawn nationality",
        lambda: json.dumps(_doc(person__nationality="ANT")).encode(),
        "person.nationality",
        "Netherlands Antilles",
    ),
    (
        "unregistered language",
        lambda: json.dumps(_doc(person__languages=["ar", "zz"])).encode(),
        "person.languages[1]",
        "BCP 47",
    ),
    (
        "malformed preferred language",
        lambda: json.dumps(_doc(person__preferred_language="ar_SY")).encode(),
        "person.preferred_language",
        "BCP 47",
    ),
    (
        "more notes than one sync change holds",
        lambda: json.dumps(_doc(notes={f"notitie {i}": "x" for i in range(600)})).encode(),
        "notes",
        "hoogstens 200",
    ),
    (
        "two spellings of one note",
        lambda: json.dumps(_doc(notes={"opleiding": "a", "Opleiding": "b"})).encode(),
        "notes.Opleiding",
        "staat al",
    ),
]


@pytest.fixture(scope="module")
def shared_vault(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from inburg_desktop.storage.keyfile import TEST_KDF
    from inburg_desktop.storage.vault import create_vault

    path = tmp_path_factory.mktemp("refused") / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    return path


def _vault_digest(vault: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(vault.parent.iterdir()):
        if not path.name.endswith(("-shm", "-wal")):
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [pytest.param(data, field, words, id=name) for name, data, field, words in REFUSED],
)
def test_real_world_inputs_exit_5_naming_the_field(
    shared_vault: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    data: Callable[[], bytes],
    field: str,
    words: str,
) -> None:
    """``inburg case import`` in-process (the fuzz test's way): exit 5, one line naming
    the field and the problem, and the vault byte for byte unchanged."""
    from inburg_desktop import cli

    monkeypatch.setenv("INBURG_PASSPHRASE", PASSPHRASE)
    file = tmp_path / "overdracht.json"
    file.write_bytes(data())
    before = _vault_digest(shared_vault)
    capsys.readouterr()
    code = cli.main(["case", "import", "--vault", str(shared_vault), str(file)])
    err = capsys.readouterr().err
    assert code == 5, err
    assert f"veld {field}:" in err
    assert words in err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert _vault_digest(shared_vault) == before


def test_a_hostile_note_key_is_named_but_escaped_in_the_message(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    doc = _doc(notes={"medisch\u202egpj.exe": "x"})
    file = write_json(tmp_path / "h.json", doc)
    result = inburg("case", "import", "--vault", vault_file, file)
    assert result.returncode == 5
    assert "veld notes.medisch<U+202E>gpj.exe:" in result.stderr
    assert "\u202e" not in result.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_is_refused_without_waiting_for_a_writer(
    inburg: Any, vault_file: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "overdracht.json"
    os.mkfifo(fifo)
    result = inburg("case", "import", "--vault", vault_file, fifo)  # hung before
    assert result.returncode == 5
    assert "veld (bestand): is geen gewoon bestand" in result.stderr


@pytest.mark.parametrize("kind", ["directory", "device", "too_large", "missing"])
def test_what_is_not_a_readable_handover_file_is_refused_in_words(
    inburg: Any, vault_file: Path, tmp_path: Path, kind: str
) -> None:
    if kind == "directory":
        path, words = tmp_path / "map.json", "is een map"
        path.mkdir()
    elif kind == "device":
        if sys.platform == "win32":
            pytest.skip("no /dev/zero")
        path, words = Path("/dev/zero"), "geen gewoon bestand"
    elif kind == "too_large":
        path, words = tmp_path / "groot.json", "groter dan de grens van 1 MB"
        doc = _doc(notes={"opleiding": "x" * 1_000_000})
        write_json(path, doc)
    else:
        path, words = tmp_path / "weg.json", "bestaat niet"
    result = inburg("case", "import", "--vault", vault_file, path)
    assert result.returncode == 5, result.stderr
    assert words in result.stderr
    assert "Traceback" not in result.stderr


LEGITIMATE_NAMES = [
    ("محمد علي", "الحداد"),  # Arabic
    ("ሰላም", "ገብረመድህን"),  # Tigrinya (Ethiopic)
    ("نیک\u200cنام", "می\u200cخواهم"),  # Persian: the ZWNJ is part of the spelling
    ("Anne-Marieke", "van 't Hof"),
    ("Yıldız", "Çelik"),
]


def test_legitimate_names_pass_untouched(inburg: Any, vault_file: Path, tmp_path: Path) -> None:
    for i, (given, family) in enumerate(LEGITIMATE_NAMES):
        doc = _doc(person__given_names=given, person__family_name=family)
        file = tmp_path / f"h{i}.json"
        file.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        imported = inburg("case", "import", "--vault", vault_file, file)
        assert imported.returncode == 0, imported.stderr
    rows = json.loads(inburg("case", "list", "--vault", vault_file, "--json").stdout)
    assert {(r["given_names"], r["family_name"]) for r in rows} == set(LEGITIMATE_NAMES)
    listed = inburg("case", "list", "--vault", vault_file).stdout
    for given, family in LEGITIMATE_NAMES:
        assert f"{family}, {given}" in listed  # ZWNJ kept, nothing escaped


def test_names_already_in_the_vault_are_escaped_on_the_terminal(
    inburg: Any, vault_file: Path
) -> None:
    """A name stored before import refused such characters (or pulled from the office)
    is printed with its control and bidi characters visible, never raw; --json stays
    exact JSON."""
    from inburg_desktop.domain.handover import parse_handover
    from inburg_desktop.storage.cases import import_handover
    from inburg_desktop.storage.vault import unlock_vault

    parsed = parse_handover(HANDOVER)
    hostile = "Had\u202edad\u009b[2J\u2066x"
    handover = dataclasses.replace(
        parsed, person=dataclasses.replace(parsed.person, family_name=hostile)
    )
    vault = unlock_vault(vault_file, PASSPHRASE)
    with vault.transaction() as session:
        case_id = import_handover(session, handover)
    vault.lock()

    listed = inburg("case", "list", "--vault", vault_file)
    assert listed.returncode == 0
    assert "Had<U+202E>dad<U+009B>[2J<U+2066>x, Amal" in listed.stdout
    as_json = inburg("case", "list", "--vault", vault_file, "--json")
    shown = inburg("case", "show", "--vault", vault_file, case_id)
    shown_json = inburg("case", "show", "--vault", vault_file, case_id, "--json")
    for out in (listed.stdout, as_json.stdout, shown.stdout, shown_json.stdout):
        assert not {"\u202e", "\u009b", "\u2066"} & set(out)
    assert json.loads(as_json.stdout)[0]["family_name"] == hostile
    assert json.loads(shown_json.stdout)["family_name"] == hostile


def test_invisible_names_already_in_the_vault_are_escaped_on_the_terminal(
    inburg: Any, vault_file: Path
) -> None:
    """Attack round 4, finding 8: Hangul fillers, the combining grapheme joiner, variation
    selectors, private use and a ZWNJ between Latin letters were printed raw by case
    list and show. They are shown as code points; a Persian word keeps its ZWNJ; --json
    reads back the stored name."""
    from inburg_desktop.domain.handover import parse_handover
    from inburg_desktop.storage.cases import import_handover
    from inburg_desktop.storage.vault import unlock_vault

    parsed = parse_handover(HANDOVER)
    hostile = "\u3164Had\u034fdad\ufe0f\ue000\u200cx \u115f"
    persian = "نیک\u200cنام"
    handover = dataclasses.replace(
        parsed,
        person=dataclasses.replace(parsed.person, family_name=hostile, given_names=persian),
    )
    vault = unlock_vault(vault_file, PASSPHRASE)
    with vault.transaction() as session:
        case_id = import_handover(session, handover)
    vault.lock()

    escaped = "<U+3164>Had<U+034F>dad<U+FE0F><U+E000><U+200C>x <U+115F>"
    listed = inburg("case", "list", "--vault", vault_file)
    assert listed.returncode == 0
    assert f"{escaped}, {persian}" in listed.stdout
    shown = inburg("case", "show", "--vault", vault_file, case_id)
    assert escaped in shown.stdout and persian in shown.stdout
    as_json = inburg("case", "list", "--vault", vault_file, "--json")
    shown_json = inburg("case", "show", "--vault", vault_file, case_id, "--json")
    invisible = set(hostile) - set("Haddx ")
    for out in (listed.stdout, as_json.stdout, shown.stdout, shown_json.stdout):
        assert not (invisible - {"\u200c"}) & set(out)
    assert json.loads(as_json.stdout)[0]["family_name"] == hostile
    assert json.loads(shown_json.stdout)["family_name"] == hostile
    assert json.loads(shown_json.stdout)["given_names"] == persian
