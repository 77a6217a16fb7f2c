"""Every code a laptop sets something aside with has Dutch words for office staff
(``protocol.set_aside_reasons``): the office never prints a machine code instead."""

from __future__ import annotations

import re
from pathlib import Path

from inburg_desktop.protocol.set_aside_reasons import REASONS, UNKNOWN, reason_words
from inburg_desktop.sync.caseload_exit import LEFT_CASELOAD

SRC = Path(__file__).parents[2] / "src" / "inburg_desktop" / "sync" / "quarantine.py"


def test_every_code_the_laptop_words_has_office_words() -> None:
    source = SRC.read_text(encoding="utf-8")
    codes = set(re.findall(r'entry\.error == "([a-z_]+)"', source))
    for group in re.findall(r"entry\.error in \(([^)]*)\)", source):
        codes |= set(re.findall(r'"([a-z_]+)"', group))
    codes.add(LEFT_CASELOAD)
    assert len(codes) > 10  # the pattern still finds the laptop's codes
    assert codes <= set(REASONS), sorted(codes - set(REASONS))


PUSH = Path(__file__).parents[2] / "src" / "inburg_desktop" / "server" / "push.py"


def test_every_code_the_office_refuses_an_op_with_has_words() -> None:
    """A refused op is set aside with the office's own code (attack round 7: the most
    common, ``invalid_field``, read "onbekende reden")."""
    from inburg_desktop.protocol.field_rules import FieldRefused

    codes = set(re.findall(r'_rejected\(\s*op,\s*"([a-z_]+)"', PUSH.read_text(encoding="utf-8")))
    codes |= {FieldRefused("k", "missing").error, FieldRefused("k", "not_a_name").error}
    assert {"case_not_found", "missing_field", "invalid_field"} <= codes
    assert codes <= set(REASONS), sorted(codes - set(REASONS))


def test_an_unknown_code_is_words_too() -> None:
    assert reason_words("made_up_by_a_device") == UNKNOWN
    assert "_" not in UNKNOWN and all("_" not in words for words in REASONS.values())
