"""Dates inside the rules' Dutch sentences read as Dutch dates ("19 februari 2027"), never
ISO ("2027-02-19"): every reason and warning of ``plicht`` and ``evaluation`` that carries a
date, rendered, for a row that produces it (the AOW warning's "eindigt op … t/m …", the
Turkish permit's "sinds …", the third party's wait, "voorlopig bereikt op …")."""

from __future__ import annotations

import re
from datetime import date

import pytest

from inburg_desktop.domain.case import (
    CaseDates,
    Doelgroep,
    Inburgeraar,
    ResidenceBasis,
    WachtenOpDerde,
)
from inburg_desktop.domain.evaluation import evaluate

D = date.fromisoformat
ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
ASIEL, GEZIN = ResidenceBasis.ASIEL, ResidenceBasis.GEZIN
DATES = CaseDates(brp_registration=D("2026-03-02"), duo_kennisgeving=D("2026-02-20"))
WAIT = WachtenOpDerde("medisch advies", D("2026-04-20"))


def who(born: str, nationality: str = "SYR", basis: ResidenceBasis | None = ASIEL,
        permit: str | None = None) -> Inburgeraar:  # fmt: skip
    return Inburgeraar("T", "P", D(born), nationality, residence_basis=basis,
                       permit_since=None if permit is None else D(permit))  # fmt: skip


SET = CaseDates(D("2026-03-02"), pip_date=D("2026-10-01"))
WAITING = CaseDates(D("2026-03-02"), duo_kennisgeving=D("2026-02-20"), wachten_op_derde=WAIT)
LATE = CaseDates(
    D("2026-03-02"),
    duo_kennisgeving=D("2026-02-20"),
    wachten_op_derde=WachtenOpDerde("x", D("2026-06-01")),
)
EMRE = who("1996-07-08", "TUR", GEZIN, "2019-06-29")
# (the code whose text holds a date, person, doelgroep, dates, day, a Dutch date it shows)
ROWS = [
    ("aow_during_termijn", who("1962-06-15"), SH, SET, "2026-10-02", "14 september 2029"),
    ("aow_during_termijn", who("1962-01-15"), SH, DATES, "2026-04-01", "14 april 2029"),
    ("turkish_permit_before_2022", EMRE, GM, DATES, "2026-04-01", "29 juni 2019"),
    ("turkish_asiel_old_law", who("1990-01-01", "TUR", ASIEL, "2021-03-01"), SH, DATES,
     "2026-04-01", "1 maart 2021"),
    ("old_law", who("1990-01-01", permit="2021-06-01"), SH, DATES, "2026-04-01", "1 juni 2021"),
    ("law_not_in_force", who("1990-01-01"), SH, DATES, "2021-06-01", "1 juni 2021"),
    ("age_in_range", who("1996-07-08"), SH, DATES, "2026-04-01", "8 oktober 2063"),
    ("aow_age_provisional", who("1965-01-01"), SH, DATES, "2035-01-01", "30 september 1964"),
    ("age_aow", who("1955-01-01"), SH, DATES, "2026-04-01", "1 mei 2021"),
    ("age_under_16", who("2012-01-01"), SH, DATES, "2026-04-01", "1 januari 2028"),
    ("under_18", who("2009-05-01"), SH, DATES, "2026-06-01", "1 mei 2027"),
    ("date_of_birth_after_reference", who("2027-01-01"), SH, DATES, "2026-04-01",
     "1 januari 2027"),
    ("pip_deadline_waiting", who("1990-01-01"), SH, WAITING, "2026-04-25", "20 april 2026"),
    ("pip_wachten_te_laat", who("1990-01-01"), SH, LATE, "2026-06-02", "1 juni 2026"),
    ("kennisgeving_niet_plichtig", EMRE, GM, DATES, "2026-04-01", "20 februari 2026"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "person", "doelgroep", "dates", "on", "shown"),
    [pytest.param(*row, id=row[0]) for row in ROWS],
)
def test_dates_in_the_rules_sentences_are_dutch(
    code: str, person: Inburgeraar, doelgroep: Doelgroep, dates: CaseDates, on: str, shown: str
) -> None:
    result = evaluate(person, doelgroep, dates, D(on))
    texts = {r.code: r.render() for r in (*result.plicht.reasons, *result.warnings)}
    assert code in texts, sorted(texts)
    assert shown in texts[code], texts[code]
    for key, text in texts.items():
        assert not ISO.search(text), (key, text)
