"""Handover import is all or nothing: 1,000 generated malformed files each give a clean
error (exit 5, the bad key named) and leave the vault unchanged.

Beyond bad values, the files carry what real-world and hostile senders produce (issue 10,
item 6): duplicate keys, numbers that are too long or not numbers, lone surrogates, deep
nesting, UTF-16, control and bidi characters in names, labels and notes, unassigned
nationality and language codes, and more notes than one sync change can hold.
"""

from __future__ import annotations

import copy
import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inburg_desktop import cli
from inburg_desktop.domain import countries
from inburg_desktop.domain.handover import MAX_NOTES
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import create_vault

PASSPHRASE = "een lange zin als wachtwoord"
# The INTERFACES.md example, shared with the other handover tests.
VALID: dict[str, Any] = json.loads(
    (Path(__file__).parents[1] / "data" / "handover-amal.json").read_text("utf-8")
)
REQUIRED = [
    ("format",),
    ("person",),
    ("person", "given_names"),
    ("person", "family_name"),
    ("person", "date_of_birth"),
    ("person", "nationality"),
    ("doelgroep",),
    ("dates",),
    ("dates", "brp_registration"),
]
TEXT = [("person", "given_names"), ("person", "family_name")]
DATES = [
    ("person", "date_of_birth"),
    ("dates", "brp_registration"),
    ("dates", "koppeling"),
    ("dates", "duo_kennisgeving"),
    ("dates", "bijstand_start"),
]
BAD_DATES = [
    "2026-02-30",
    "2026-13-01",
    "02-03-2026",
    "",
    "gisteren",
    "2026-2-3",
    "1899-12-31",
    "2026-03-02T10:00",
    "٢٠٢٦-٠٣-٠٢",
]
# Characters that may not hide in a name or label: C0, DEL, C1 (U+009B is a terminal's
# CSI), bidi embeddings/overrides/isolates, marks, invisible format characters, separators.
UNSAFE_IN_LABELS = [
    "\x00",
    "\x1b",
    "\n",
    "\x7f",
    "\x85",
    "\x9b",
    "\u200b",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202c",
    "\u202d",
    "\u202e",
    "\u2028",
    "\u2060",
    "\u2066",
    "\u2067",
    "\u2068",
    "\u2069",
    "\ufeff",
    "\U000e0041",
]
# ...and in free text (tabs and line breaks are fine there).
UNSAFE_IN_NOTES = ["\x00", "\x1b", "\x7f", "\x9b", "\u202e", "\u2066", "\u2069"]
BAD_NUMBERS = [
    "9" * 5000,
    "-" + "1" * 40,
    "1" * 33,
    "NaN",
    "Infinity",
    "-Infinity",
    "1e400",
    "-1e999",
    "1e-400",
    "0." + "0" * 40 + "1",
]
LABEL_PATHS = [
    ("person", "given_names"),
    ("person", "family_name"),
    ("source",),
]
BAD_LANGUAGES = ["arabisch!", "", "zz", "xx", "ar_SY", "en--US", "ar-SY-SY", "a", "ara bic"]
non_strings = st.one_of(
    st.integers(),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)


def dotted(path: tuple[str, ...]) -> str:
    return ".".join(path)


def set_at(doc: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


def _get(doc: dict[str, Any], path: tuple[str, ...]) -> Any:
    target: Any = doc
    for part in path:
        target = target[part]
    return target


def del_at(doc: dict[str, Any], path: tuple[str, ...]) -> None:
    target = doc
    for part in path[:-1]:
        target = target[part]
    del target[path[-1]]


@st.composite
def malformed(draw: st.DrawFn) -> tuple[bytes, str]:
    """Bytes of a broken handover file and the key its error must name."""
    kind = draw(
        st.sampled_from(
            [
                "missing",
                "bad_text",
                "bad_date",
                "bad_enum",
                "bad_type",
                "not_json",
                "not_object",
                "bad_language",
                "bad_household",
                "duplicate_key",
                "bad_number",
                "surrogate",
                "too_deep",
                "utf16",
                "unsafe_label",
                "unsafe_note_key",
                "unsafe_note_text",
                "unknown_nationality",
                "bad_preferred_language",
                "too_many_notes",
            ]
        )
    )
    doc = copy.deepcopy(VALID)
    if kind == "missing":
        path = draw(st.sampled_from(REQUIRED))
        if draw(st.booleans()):
            del_at(doc, path)
        else:
            set_at(doc, path, None)
        return json.dumps(doc).encode(), dotted(path)
    if kind == "bad_text":
        path = draw(st.sampled_from(TEXT))
        value = draw(
            st.one_of(non_strings, st.just(""), st.just("   "), st.text(min_size=201, max_size=300))
        )
        set_at(doc, path, value)
        return json.dumps(doc).encode(), dotted(path)
    if kind == "bad_date":
        path = draw(st.sampled_from(DATES))
        set_at(doc, path, draw(st.one_of(st.sampled_from(BAD_DATES), non_strings)))
        return json.dumps(doc).encode(), dotted(path)
    if kind == "bad_enum":
        path = draw(st.sampled_from([("doelgroep",), ("format",), ("person", "nationality")]))
        value = draw(
            st.one_of(
                st.text(max_size=12).filter(
                    lambda t: (
                        t
                        not in (
                            "statushouder",
                            "gezinsmigrant",
                            "overige_migrant",
                            "inburg-handover/1",
                        )
                        and not countries.is_known(t)
                    )
                ),
                non_strings,
            )
        )
        set_at(doc, path, value)
        return json.dumps(doc).encode(), dotted(path)
    if kind == "bad_type":
        path = draw(st.sampled_from([("person",), ("dates",), ("notes",)]))
        set_at(
            doc,
            path,
            draw(
                st.one_of(st.text(max_size=5), st.integers(), st.lists(st.integers(), max_size=2))
            ),
        )
        return json.dumps(doc).encode(), dotted(path)
    if kind == "bad_language":
        doc["person"]["languages"] = [
            "ar",
            draw(st.one_of(st.sampled_from(BAD_LANGUAGES), st.integers(-(2**53), 2**53))),
        ]
        return json.dumps(doc).encode(), "person.languages[1]"
    if kind == "bad_preferred_language":
        doc["person"]["preferred_language"] = draw(st.sampled_from(BAD_LANGUAGES))
        return json.dumps(doc).encode(), "person.preferred_language"
    if kind == "unknown_nationality":
        code = draw(
            st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=3, max_size=3).filter(
                lambda c: not countries.is_known(c)
            )
        )
        doc["person"]["nationality"] = code
        return json.dumps(doc).encode(), "person.nationality"
    if kind == "duplicate_key":
        # The same key twice in one object: json.loads would silently keep the last one.
        path = draw(st.sampled_from([*TEXT, *DATES[:2], ("doelgroep",), ("notes", "opleiding")]))
        text = json.dumps(doc)
        key, value = path[-1], json.dumps(_get(doc, path))
        first = f'"{key}": {value}'
        assert text.count(first) == 1
        text = text.replace(first, f'{first}, "{key}": {json.dumps(draw(st.text(max_size=8)))}')
        return text.encode(), dotted(path)
    if kind == "bad_number":
        path = draw(st.sampled_from([*TEXT, ("notes", "opleiding"), ("dates", "koppeling")]))
        set_at(doc, path, "__NUMBER__")
        token = draw(st.sampled_from(BAD_NUMBERS))
        return json.dumps(doc).replace('"__NUMBER__"', token).encode(), dotted(path)
    if kind == "surrogate":
        path = draw(st.sampled_from([*TEXT, ("notes", "opleiding")]))
        set_at(doc, path, "__TEXT__")
        lone = draw(st.sampled_from(["\\ud800", "\\udfff", "a\\udc00b", "\\ud83d"]))
        return json.dumps(doc).replace("__TEXT__", lone).encode(), dotted(path)
    if kind == "too_deep":
        # Deeper than the recursion limit, json itself stops: see test_json_input.py.
        depth = draw(st.integers(min_value=32, max_value=600))
        doc["notes"]["opleiding"] = "__DEEP__"
        nested = "[" * depth + "]" * depth
        return json.dumps(doc).replace('"__DEEP__"', nested).encode(), "notes.opleiding"
    if kind == "utf16":
        return json.dumps(doc).encode(draw(st.sampled_from(["utf-16", "utf-16-be"]))), "(bestand)"
    if kind == "unsafe_label":
        path = draw(st.sampled_from(LABEL_PATHS))
        value = str(_get(doc, path))
        at = draw(st.integers(min_value=0, max_value=len(value)))
        set_at(doc, path, value[:at] + draw(st.sampled_from(UNSAFE_IN_LABELS)) + value[at:])
        return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode(), dotted(path)
    if kind == "unsafe_note_key":
        key = "medische" + draw(st.sampled_from(UNSAFE_IN_LABELS)) + "bijzonderheden"
        doc["notes"][key] = "tekst"
        return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode(), "notes.medische"
    if kind == "unsafe_note_text":
        text = "Regel 1\nRegel 2" + draw(st.sampled_from(UNSAFE_IN_NOTES)) + " en verder"
        doc["notes"]["werkervaring"] = text
        return json.dumps(doc, ensure_ascii=draw(st.booleans())).encode(), "notes.werkervaring"
    if kind == "too_many_notes":
        count = draw(st.integers(min_value=MAX_NOTES + 1, max_value=3 * MAX_NOTES))
        doc["notes"] = {f"notitie {i}": "x" for i in range(count)}
        return json.dumps(doc).encode(), "notes"
    if kind == "bad_household":
        doc["household"] = [
            {"relation": "child", "date_of_birth": draw(st.sampled_from(BAD_DATES))}
        ]
        return json.dumps(doc).encode(), "household[0].date_of_birth"
    if kind == "not_object":
        ints = st.integers(-(2**53), 2**53)  # a longer number is refused at its own path
        value = draw(st.one_of(st.lists(ints, max_size=3), ints, st.text()))
        return json.dumps(value).encode(), "(bestand)"
    raw = draw(st.binary(min_size=0, max_size=200).filter(lambda b: not _is_json(b)))
    return raw, "(bestand)"


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return False
    return True


def digest(directory: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(directory.iterdir()):
        if path.name.endswith(("-shm", "-wal")):
            continue  # SQLite's own index files; the database and key file are what matter
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module")
def vault_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("fuzz") / "vault" / "kluis.db"
    create_vault(path, PASSPHRASE, TEST_KDF).lock()
    return path


@settings(
    max_examples=1000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=malformed())
def test_malformed_handover_files_are_refused_cleanly(
    case: tuple[bytes, str],
    vault_file: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data, key = case
    monkeypatch.setenv("INBURG_PASSPHRASE", PASSPHRASE)
    before = digest(vault_file.parent)
    file = tmp_path / "overdracht.json"
    file.write_bytes(data)
    capsys.readouterr()
    code = cli.main(["case", "import", "--vault", str(vault_file), str(file)])
    err = capsys.readouterr().err
    assert code == 5, err
    assert f"veld {key}" in err, (key, err)
    assert err.count("\n") == 1 and "Traceback" not in err
    assert digest(vault_file.parent) == before
