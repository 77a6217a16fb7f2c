"""The office's published list of gemeenten as the laptop reads it (issue 16 item 5: a
case belongs to a gemeente; a consultant may work for several; the CBS gemeentecode is the
key). Table-driven: each published value, what the laptop makes of it."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.gemeente import GemeenteError
from inburg_desktop.domain.gemeente_setting import letterhead_key, parse_gemeenten

WASSENAAR = {"code": "GM0629", "naam": "Wassenaar", "consulenten": ["fatima"]}
VOORSCHOTEN = {"code": "GM0626", "naam": "Voorschoten", "consulenten": ["fatima", "joost"]}

# (published value, account, codes that account works for, or the refusal's code)
CASES = [
    ({"gemeenten": []}, "fatima", None, "no gemeente recorded: as before"),
    ({"gemeenten": [WASSENAAR]}, "fatima", ("GM0629",), "one"),
    ({"gemeenten": [VOORSCHOTEN, WASSENAAR]}, "fatima", ("GM0626", "GM0629"), "several"),
    ({"gemeenten": [VOORSCHOTEN, WASSENAAR]}, "joost", ("GM0626",), "another account"),
    ({"gemeenten": [VOORSCHOTEN, WASSENAAR]}, "nobody", (), "an account not listed"),
    ({"gemeenten": [WASSENAAR]}, None, (), "a laptop not enrolled"),
    # account names compare in NFC, as sync.consultant is stored (migration 0010)
    (
        {"gemeenten": [{**WASSENAAR, "consulenten": ["Jose\u0301"]}]},
        "Jos\u00e9",
        ("GM0629",),
        "NFC",
    ),
    ({"gemeenten": [{**WASSENAAR, "code": "629"}]}, "fatima", "gemeentecode_invalid", "code"),
    ({"gemeenten": [{**WASSENAAR, "naam": ""}]}, "fatima", "gemeente_naam_invalid", "name"),
    ({"gemeenten": [WASSENAAR, WASSENAAR]}, "fatima", "gemeente_dubbel", "twice"),
    ({"gemeenten": "GM0629"}, "fatima", "gemeenten_setting_invalid", "not a list"),
    ([], "fatima", "gemeenten_setting_invalid", "not an object"),
    ({"gemeenten": [["GM0629"]]}, "fatima", "gemeenten_setting_invalid", "item no object"),
    (
        {"gemeenten": [{**WASSENAAR, "consulenten": "fatima"}]},
        "fatima",
        "gemeenten_setting_invalid",
        "consulenten not a list",
    ),
]


@pytest.mark.parametrize(
    ("value", "account", "expected"),
    [case[:3] for case in CASES],
    ids=[case[3] for case in CASES],
)
def test_the_published_list_read(value: object, account: str | None, expected: object) -> None:
    if isinstance(expected, str):
        with pytest.raises(GemeenteError) as refused:
            parse_gemeenten(value)
        assert refused.value.reason.code == expected
        return
    office = parse_gemeenten(value)
    if expected is None:
        assert office is None
        return
    assert office is not None
    assert tuple(g.code for g in office.van(account)) == expected


def test_a_gemeente_named_by_its_code_and_its_letterhead_key() -> None:
    office = parse_gemeenten({"gemeenten": [VOORSCHOTEN, WASSENAAR]})
    assert office is not None
    assert office.naam("GM0629") == "Wassenaar"
    assert office.naam("GM1916") is None
    assert letterhead_key("GM0629") == "setting.letterhead_GM0629"
