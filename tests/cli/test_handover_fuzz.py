"""Handover import is all or nothing: 1,000 generated malformed files each give a clean
error (exit 5, the bad key named) and leave the vault unchanged."""

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
                        and not (len(t) == 3 and t.isupper() and t.isascii() and t.isalpha())
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
            draw(st.one_of(st.just("arabisch!"), st.just(""), st.integers())),
        ]
        return json.dumps(doc).encode(), "person.languages[1]"
    if kind == "bad_household":
        doc["household"] = [
            {"relation": "child", "date_of_birth": draw(st.sampled_from(BAD_DATES))}
        ]
        return json.dumps(doc).encode(), "household[0].date_of_birth"
    if kind == "not_object":
        value = draw(st.one_of(st.lists(st.integers(), max_size=3), st.integers(), st.text()))
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
