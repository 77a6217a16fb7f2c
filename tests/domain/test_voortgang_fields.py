"""A voortgangsgesprek's parts as case fields (``domain.voortgang_fields``): the key scheme
and the one check of a value, table-driven, and the same check where the office takes a
field (``protocol.field_rules``) and where a conflict's side is chosen
(``services.field_values``, with each part's kind so the conflict view says it in words)."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.domain.satisfaction import Onderwerp
from inburg_desktop.domain.voortgang_fields import (
    TalkKey,
    afspraak_key,
    parse_key,
    talk_key,
    tevredenheid_key,
    value_problem,
)
from inburg_desktop.i18n import set_language
from inburg_desktop.protocol.field_rules import FieldRefused, check_field
from inburg_desktop.services.field_labels import field_label
from inburg_desktop.services.field_values import ValueRefused, check_value, kind_of


def test_keys_round_trip() -> None:
    assert parse_key(talk_key(3, "gehouden")) == TalkKey(3, "gehouden")
    assert parse_key(afspraak_key(2, 0, "stand")) == TalkKey(2, "stand", afspraak=0)
    assert parse_key(tevredenheid_key(1, Onderwerp.MAP)) == TalkKey(
        1, "tevredenheid", onderwerp=Onderwerp.MAP
    )
    for key in (
        "voortgang.0.gehouden",  # talks count from 1
        "voortgang.100.gehouden",
        "voortgang.01.gehouden",
        "voortgang.1.afspraak.01.stand",
        "voortgang.1.onbekend",
        "voortgang.1.tevredenheid.knm",
        "voortgang.plan",
        "agenda.voortgang.1.gehouden",
    ):
        assert parse_key(key) is None, key


NOTE = "voortgang.1.notities"
ROWS: list[tuple[str, Any, str | None]] = [
    ("voortgang.1.gepland", "2026-12-03", None),
    ("voortgang.1.gehouden", None, None),
    ("voortgang.1.gehouden", "2026-02-30", "voortgang_date_invalid"),
    ("voortgang.1.gehouden", "2026-W49-1", "voortgang_date_invalid"),
    ("voortgang.1.gehouden", "1899-12-31", "voortgang_date_range"),
    ("voortgang.1.gehouden", 20261203, "voortgang_date_invalid"),
    (NOTE, "Regel een\nregel twee\tmet tab", None),
    (NOTE, "x" * 20_001, "voortgang_text_too_long"),
    (NOTE, "omgedraaid \u202e tekst", "voortgang_text_hidden"),
    (NOTE, "bel\x07", "voortgang_text_hidden"),
    (NOTE, ["geen", "tekst"], "voortgang_text_hidden"),
    ("voortgang.1.afspraak.0.vervolg", "Elke week bellen.", None),
    ("voortgang.1.afspraak.0.vervolg", "twee\nregels", "voortgang_text_hidden"),
    ("voortgang.1.afspraak.0.vervolg", "x" * 1_001, "voortgang_text_too_long"),
    ("voortgang.1.afspraak.0.stand", "op_schema", None),
    ("voortgang.1.afspraak.0.stand", "Achter", "voortgang_choice_invalid"),
    ("voortgang.1.tevredenheid.begeleiding", "zeer_tevreden", None),
    ("voortgang.1.tevredenheid.begeleiding", "achter", "voortgang_choice_invalid"),
    ("voortgang.1.pip_versie", 2, None),
    ("voortgang.1.pip_versie", 0, "voortgang_version_invalid"),
    ("voortgang.1.pip_versie", True, "voortgang_version_invalid"),
    ("voortgang.1.pip_versie", "2", "voortgang_version_invalid"),
    ("voortgang.1.onbekend", "x", "voortgang_key_unknown"),
]


@pytest.mark.parametrize(("key", "value", "code"), ROWS)
def test_one_rule_for_every_part(key: str, value: Any, code: str | None) -> None:
    problem = value_problem(key, value)
    assert (None if problem is None else problem.code) == code
    # the office refuses what the rule refuses, and takes what it takes
    if code is None:
        check_field(key, value)
    else:
        with pytest.raises(FieldRefused) as refused:
            check_field(key, value)
        assert refused.value.problem == "not_voortgang"
        assert "voortgang" in refused.value.message_nl


@pytest.mark.parametrize(("key", "value", "code"), ROWS)
def test_a_conflicts_side_is_held_to_the_same_rule(key: str, value: Any, code: str | None) -> None:
    if code is None:
        assert check_value(key, value, None) == value
        return
    with pytest.raises(ValueRefused):
        check_value(key, value, None)


def test_each_part_has_a_kind_and_a_label_in_words() -> None:
    set_language("nl")
    kinds = {
        "voortgang.2.gepland": "date",
        "voortgang.2.gehouden": "date",
        "voortgang.2.notities": "longtext",
        "voortgang.2.afspraak.0.vervolg": "text",
        "voortgang.2.afspraak.0.stand": "choice",
        "voortgang.2.tevredenheid.pvt": "choice",
        "voortgang.2.pip_versie": "integer",
    }
    for key, kind in kinds.items():
        assert kind_of(key, None).kind == kind, key
    stand = kind_of("voortgang.2.afspraak.0.stand", None)
    assert stand.label_of("achter") == "Achter"
    assert kind_of("voortgang.2.tevredenheid.pvt", None).label_of("neutraal") == "Neutraal"
    assert field_label("voortgang.2.gehouden") == "Voortgangsgesprek 2: gehouden op"
    assert (
        field_label("voortgang.2.afspraak.0.vervolg")
        == "Voortgangsgesprek 2: afspraak 1, afgesproken vervolg"
    )
    assert field_label("voortgang.2.tevredenheid.pvt") == (
        "Voortgangsgesprek 2: tevredenheid over PVT (participatieverklaringstraject)"
    )
