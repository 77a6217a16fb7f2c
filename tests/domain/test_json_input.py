"""The one reader of external JSON (``domain.json_input``): what json.loads gets right it
gives back unchanged, with or without a byte order mark; whatever else it is handed, it
answers with a value or a JsonInputError, never another exception, a hang or a huge read."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.json_input import (
    DEFAULT_MAX_DEPTH,
    MAX_NUMBER_CHARS,
    JsonInputError,
    describe_os_error,
    format_path,
    loads_json,
    read_bounded,
    read_json_file,
)

BOM = b"\xef\xbb\xbf"

# JSON values the reader must give back exactly: ints within I-JSON's safe range (RFC 7493
# §2.2), finite doubles, text without lone surrogates, nesting within the limit.
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text()
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)


def refused(data: bytes | str, **limits: Any) -> JsonInputError:
    with pytest.raises(JsonInputError) as caught:
        loads_json(data, **limits)
    return caught.value


@given(value=json_values, bom=st.booleans(), indent=st.sampled_from([None, 2]))
def test_what_json_reads_is_read_the_same_with_or_without_a_bom(
    value: Any, bom: bool, indent: int | None
) -> None:
    data = json.dumps(value, ensure_ascii=False, indent=indent).encode("utf-8")
    assert loads_json((BOM if bom else b"") + data) == json.loads(data)
    assert loads_json(data.decode("utf-8")) == json.loads(data)


@settings(max_examples=300)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_a_value_or_a_refusal_never_another_error(data: bytes) -> None:
    try:
        loads_json(data)
    except JsonInputError as exc:
        assert exc.problem


@settings(max_examples=300)
@given(value=json_values, cut=st.integers(min_value=0), insert=st.text(max_size=3))
def test_damaged_json_gives_a_value_or_a_refusal(value: Any, cut: int, insert: str) -> None:
    text = json.dumps(value, ensure_ascii=False)
    at = cut % (len(text) + 1)
    try:
        loads_json(text[:at] + insert + text[at:])
    except JsonInputError as exc:
        assert exc.problem


@given(
    value=st.dictionaries(st.text(min_size=1, max_size=5), scalars, min_size=1, max_size=5),
    parents=st.lists(st.text(min_size=1, max_size=5), max_size=4),
    data=st.data(),
)
def test_a_repeated_key_is_refused_where_it_stands(
    value: dict[str, Any], parents: list[str], data: st.DataObject
) -> None:
    key = data.draw(st.sampled_from(sorted(value)))
    inner = json.dumps(value, ensure_ascii=False)[:-1] + f", {json.dumps(key)}: 1}}"
    text = inner
    for parent in reversed(parents):
        text = f"{{{json.dumps(parent)}: {text}}}"
    error = refused(text)
    assert error.problem == "staat twee keer in hetzelfde object"
    assert error.path == format_path((*parents, key))


@pytest.mark.parametrize(
    ("token", "words"),
    [
        ("9" * 5000, "getal te lang: 5.000 tekens"),  # Dutch digits
        ("-" + "9" * MAX_NUMBER_CHARS, "getal te lang"),
        ("0." + "0" * MAX_NUMBER_CHARS + "1", "getal te lang"),
        ("NaN", "NaN is geen JSON-getal"),
        ("Infinity", "Infinity is geen JSON-getal"),
        ("-Infinity", "-Infinity is geen JSON-getal"),
        ("1e400", "buiten het bereik"),
        ("-1.5E+999", "buiten het bereik"),
        ("1e-400", "buiten het bereik"),  # would silently become 0.0
    ],
)
def test_numbers_a_program_cannot_hold_are_refused_at_their_path(token: str, words: str) -> None:
    error = refused('{"a": {"b": [1, ' + token + "]}}")
    assert words in error.problem
    assert error.path == "a.b[1]"


def test_ordinary_numbers_pass() -> None:
    assert loads_json("[0, -0, 0e-400, 1.5e300, -12345678901234567890, 3.14]") == [
        0,
        0,
        0.0,
        1.5e300,
        -12345678901234567890,
        3.14,
    ]


def test_nesting_to_the_limit_passes_and_one_deeper_is_refused() -> None:
    assert loads_json("[" * DEFAULT_MAX_DEPTH + "]" * DEFAULT_MAX_DEPTH) is not None
    error = refused('{"x": ' + "[" * DEFAULT_MAX_DEPTH + "]" * DEFAULT_MAX_DEPTH + "}")
    assert "te diep genest" in error.problem
    assert error.path.startswith("x[0]")


@pytest.mark.parametrize("depth", [2_000, 500_000])
def test_nesting_beyond_the_recursion_limit_is_refused_not_crashed(depth: int) -> None:
    error = refused("[" * depth + "]" * depth, max_bytes=2 * depth)
    assert "te diep genest" in error.problem


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "a\\udc00b", "\\ud83d"])
def test_lone_surrogates_are_refused(escape: str) -> None:
    error = refused('{"naam": "' + escape + '"}')
    assert error.path == "naam" and "losse surrogaat" in error.problem
    assert refused('{"' + escape + '": 1}').problem.startswith("bevat een ongeldig teken")


def test_a_surrogate_pair_is_one_character() -> None:
    assert loads_json('"\\ud83d\\ude00"') == "\U0001f600"


def test_size_is_checked_before_parsing() -> None:
    assert loads_json(b"[" + b"1," * 10 + b"1]", max_bytes=100) == [1] * 11
    error = refused(b"[" + b" " * 200 + b"]", max_bytes=100)
    assert error.problem == "groter dan de grens van 100 bytes"
    assert refused("x" * 2_000_001).problem == "groter dan de grens van 1 MB"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "is leeg"),
        (b"  \n", "is leeg"),
        (BOM, "is leeg"),
        ("[1]".encode("utf-16"), "UTF-16"),
        (b'["caf\xe9"]', "geen geldige UTF-8-tekst (bij byte 5)"),
        (b'{"a" 1}', "geen geldige JSON (regel 1, kolom 6)"),
        (b'{"a": 1}\n{"b": 2}', "geen geldige JSON (regel 2, kolom 1)"),
    ],
)
def test_what_is_not_utf8_json_is_refused_in_words(data: bytes, words: str) -> None:
    error = refused(data)
    assert words in error.problem and error.path == ""


def test_a_hostile_key_is_named_escaped_and_short() -> None:
    error = refused('{"naam\u202e": 1, "naam\u202e": 2}')
    assert error.path == "naam<U+202E>"
    error = refused('{"' + "k" * 500 + '": 1, "' + "k" * 500 + '": 2}')
    assert error.path == "k" * 60 + "…"


# --- files --------------------------------------------------------------------------------


def test_a_file_with_a_bom_is_read(tmp_path: Path) -> None:
    file = tmp_path / "notepad.json"
    file.write_bytes(BOM + b'{"a": [1, 2]}')
    assert read_json_file(file) == {"a": [1, 2]}


@pytest.mark.timeout(30)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_without_a_writer_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp.json"
    os.mkfifo(fifo)
    with pytest.raises(JsonInputError, match="geen gewoon bestand"):
        read_json_file(fifo)  # json.load(open(fifo)) waits for a writer forever


@pytest.mark.timeout(30)
@pytest.mark.skipif(sys.platform == "win32", reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    with pytest.raises(JsonInputError, match="geen gewoon bestand"):
        read_bounded("/dev/zero")  # would read forever


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(JsonInputError, match="is een map"):
        read_json_file(tmp_path)


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_read(tmp_path: Path) -> None:
    file = tmp_path / "groot.json"
    file.write_bytes(b'"' + b"x" * 998 + b'"')
    assert read_json_file(file, max_bytes=1000) == "x" * 998
    file.write_bytes(b'"' + b"x" * 999 + b'"')
    with pytest.raises(JsonInputError, match="groter dan de grens van 1 kB"):
        read_json_file(file, max_bytes=1000)


def test_os_errors_are_worded_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught:
        read_json_file(tmp_path / "weg.json")
    assert describe_os_error(caught.value) == "bestaat niet"


def test_floats_that_pass_are_finite() -> None:
    value = loads_json("[1.7976931348623157e308, 5e-324]")
    assert all(math.isfinite(v) for v in value)
