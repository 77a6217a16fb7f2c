"""Retention per data category (domain/retention.py).

Besluit art. 9.9 lid 1: delete 5 years after the plicht ends (death ends it); identity and
outcome data at most 50 years; lid 3: loan data 5 years after the loan ends; Wet art. 37
lid 2: health data only for intake, PIP and support. "5 years after day D" is the period
of 60 months from the day after D, its last day by DOMAIN.md "Counting periods". The
laptop: closed or removed cases go a grace period after their last full sync.
"""

from __future__ import annotations

from datetime import date

import pytest

from inburg_desktop.domain.plicht import plicht_ends_on
from inburg_desktop.domain.retention import (
    DEFAULT_GRACE_DAYS,
    FEIT_KEYS,
    FIELD_CATEGORIES,
    DataCategorie,
    LaptopFeiten,
    PlichtEinde,
    RetentieFeiten,
    categorie_van,
    categorieen_van,
    feiten_uit_velden,
    grace_days,
    laptop_purge,
    office_retention,
    recorded_problem,
    years_after,
)

D = date.fromisoformat
KERN, GEZ, LEN, OV = (
    DataCategorie.KERN,
    DataCategorie.GEZONDHEID,
    DataCategorie.LENING,
    DataCategorie.OVERIG,
)
ALL = frozenset(DataCategorie)
DOB = D("1994-05-17")  # plicht ends at the latest 2061-08-16 (day before AOW 67 + 3 months)

# (ended on, years, last day kept t/m, id)
YEARS_AFTER = [
    ("2026-05-11", 5, "2031-05-11", "plain: from 2026-05-12, 60 months"),
    ("2024-02-28", 5, "2029-02-28", "starts on 29 Feb: no 29 Feb in 2029, so 1 March is S+N"),
    ("2023-02-28", 5, "2028-02-29", "starts 1 March 2023: the leap day 2028 is the last day"),
    ("2025-12-31", 5, "2030-12-31", "year end"),
    ("2026-05-11", 50, "2076-05-11", "fifty years"),
]


@pytest.mark.parametrize(
    ("ended", "years", "last"), [pytest.param(D(e), y, D(t), id=i) for e, y, t, i in YEARS_AFTER]
)
def test_years_after_counts_like_every_legal_period(ended: date, years: int, last: date) -> None:
    assert years_after(ended, years) == last


def _terms(feiten: RetentieFeiten, **kw: int) -> dict[DataCategorie, tuple[str | None, bool]]:
    return {
        t.categorie: (t.bewaren_tot.isoformat() if t.bewaren_tot else None, t.voorlopig)
        for t in office_retention(feiten, **kw)
    }


VOLDAAN = PlichtEinde.VOLDAAN
# (facts, expected {category: (bewaren t/m, voorlopig)}, reason codes of KERN, id)
OFFICE = [
    (
        RetentieFeiten(DOB, ALL, D("2026-05-11"), VOLDAAN, lening_einde=D("2027-01-31")),
        {KERN: ("2076-05-11", False), GEZ: ("2031-05-11", False), LEN: ("2032-01-31", False),
         OV: ("2031-05-11", False)},
        ("retentie_plicht_geeindigd", "retentie_kern"),
        "art. 9.9 lid 1 and 3: plicht met, loan repaid",
    ),
    (
        RetentieFeiten(DOB, ALL, lening_einde=None),
        {KERN: ("2111-08-16", True), GEZ: ("2066-08-16", True), LEN: (None, False),
         OV: ("2066-08-16", True)},
        ("retentie_einde_onbekend", "retentie_kern"),
        "end not recorded: at the latest the AOW age, provisional; loan still running",
    ),
    (
        RetentieFeiten(DOB, frozenset({KERN, OV}), overleden_op=D("2027-03-15")),
        {KERN: ("2077-03-15", False), OV: ("2032-03-15", False)},
        ("retentie_overleden", "retentie_kern"),
        "art. 9.9: death ends the plicht; 5 years from the day of death",
    ),
    (
        RetentieFeiten(DOB, frozenset({OV}), D("2028-01-10"), PlichtEinde.VERTREK,
                       overleden_op=D("2027-03-15")),
        {KERN: ("2077-03-15", False), OV: ("2032-03-15", False)},
        ("retentie_overleden", "retentie_kern"),
        "death before the recorded end: the earlier counts",
    ),
    (
        RetentieFeiten(D("1960-01-01"), frozenset({OV}), D("2027-06-01"), PlichtEinde.ONTHEFFING),
        {KERN: ("2076-12-31", False), OV: ("2031-12-31", False)},
        ("retentie_aow_bereikt", "retentie_kern"),
        "Wet art. 3: recorded end after the AOW age: the plicht ended the day before it",
    ),
    (
        RetentieFeiten(DOB, frozenset({OV})),
        {KERN: ("2111-08-16", True), OV: ("2066-08-16", True)},
        ("retentie_einde_onbekend", "retentie_kern"),
        "identity is always held, even when not listed",
    ),
]  # fmt: skip


@pytest.mark.parametrize(
    ("feiten", "expected", "kern_codes"),
    [pytest.param(f, e, c, id=i) for f, e, c, i in OFFICE],
)
def test_office_retention(
    feiten: RetentieFeiten,
    expected: dict[DataCategorie, tuple[str | None, bool]],
    kern_codes: tuple[str, ...],
) -> None:
    assert _terms(feiten) == expected
    kern = next(t for t in office_retention(feiten) if t.categorie is KERN)
    assert tuple(r.code for r in kern.reasons) == kern_codes
    for term in office_retention(feiten):
        for reason in term.reasons:
            reason.render()  # every placeholder filled


def test_the_provisional_bound_is_the_aow_age_of_plicht_py() -> None:
    """One rule for the plicht's end: plicht.plicht_ends_on, not a second copy."""
    term = office_retention(RetentieFeiten(DOB, frozenset({OV})))[-1]
    assert term.bewaren_tot == years_after(plicht_ends_on(DOB), 5)


@pytest.mark.parametrize(
    ("on", "due"),
    [("2031-05-11", False), ("2031-05-12", True), ("2040-01-01", True), ("2026-05-12", False)],
    ids=["last day kept", "day it must be gone", "long after", "just ended"],
)
def test_due_from_the_day_after_the_last_day(on: str, due: bool) -> None:
    (overig,) = (
        t
        for t in office_retention(RetentieFeiten(DOB, frozenset({OV}), D("2026-05-11"), VOLDAAN))
        if t.categorie is OV
    )
    assert overig.weg_op == D("2031-05-12")
    assert overig.is_due(D(on)) is due


def test_a_running_loan_is_never_due() -> None:
    (lening,) = (
        t for t in office_retention(RetentieFeiten(DOB, frozenset({LEN}))) if t.categorie is LEN
    )
    assert lening.bewaren_tot is None and lening.weg_op is None
    assert not lening.is_due(D("2199-01-01"))
    assert lening.reasons[0].code == "retentie_lening_loopt"


def test_kern_years_is_a_setting_up_to_fifty() -> None:
    feiten = RetentieFeiten(DOB, frozenset({KERN}), D("2026-05-11"), VOLDAAN)
    assert _terms(feiten, kern_years=20)[KERN] == ("2046-05-11", False)
    for bad in (4, 51):
        with pytest.raises(ValueError, match="kern_years"):
            office_retention(feiten, kern_years=bad)


def test_facts_refuse_an_end_without_reason_or_before_birth() -> None:
    with pytest.raises(ValueError, match="both or neither"):
        RetentieFeiten(DOB, ALL, plicht_einde=D("2026-05-11"))
    with pytest.raises(ValueError, match="before the date of birth"):
        RetentieFeiten(DOB, ALL, overleden_op=D("1990-01-01"))


# --- the category table ----------------------------------------------------------------------

CATEGORY_OF = [
    ("person.given_names", KERN),
    ("person.bsn", KERN),
    ("person.languages", OV),
    ("person.residence_basis", OV),
    ("doelgroep", KERN),
    ("gemeente", KERN),
    ("dates.pip_date", KERN),
    ("dates.brp_registration", KERN),
    ("uitkomst.examen.lezen", KERN),
    ("intake.fysieke_gezondheid.notes", GEZ),
    ("intake.mentale_gezondheid.zorg", GEZ),
    ("intake.fysieke_gezondheidx.notes", OV),  # a prefix is a whole segment
    ("intake.opleiding.notes", OV),
    ("handover.notes.gezondheid", GEZ),
    ("handover.notes.gezondheid-1234567890", OV),
    ("lening.bedrag", LEN),
    ("pip.v1", OV),
    ("oproep.3", OV),
    ("attachment.0f0e", OV),
    ("something.new", OV),
]


@pytest.mark.parametrize(("key", "categorie"), CATEGORY_OF)
def test_categorie_van(key: str, categorie: DataCategorie) -> None:
    assert categorie_van(key) is categorie


def test_every_table_row_is_reachable_and_every_category_used() -> None:
    for pattern, categorie, what in FIELD_CATEGORIES:
        key = pattern[:-2] + ".x" if pattern.endswith(".*") else pattern
        assert categorie_van(key) is categorie, pattern
        assert what
    assert {c for _, c, _ in FIELD_CATEGORIES} | {OV} == set(DataCategorie)


def test_categorieen_van() -> None:
    assert categorieen_van([]) == {KERN}
    assert categorieen_van(["intake.mentale_gezondheid.x", "pip.v1"]) == {KERN, GEZ, OV}


# --- the laptop -----------------------------------------------------------------------------

ON = D("2026-06-30")
# (facts, on, weg_op, due, blocker codes, id)
LAPTOP = [
    (LaptopFeiten(), ON, None, False, (), "open case: stays"),
    (LaptopFeiten(afgesloten_op=D("2026-05-01"), volledig_gesynct_op=D("2026-05-31")), ON,
     "2026-06-30", True, (), "30 days after the last full sync, which came after closing"),
    (LaptopFeiten(afgesloten_op=D("2026-05-01"), volledig_gesynct_op=D("2026-05-31")),
     D("2026-06-29"), "2026-06-30", False, (), "the day before"),
    (LaptopFeiten(van_caseload_op=D("2026-06-01"), volledig_gesynct_op=D("2026-05-20")), ON,
     "2026-07-01", False, (), "removed after the sync: counts from the removal"),
    (LaptopFeiten(afgesloten_op=D("2026-05-01"), volledig_gesynct_op=D("2026-05-01"),
                  wachtende_wijzigingen=2), ON, "2026-05-31", False,
     ("laptop_purge_wachtende_wijzigingen",), "a change not yet at the office keeps it"),
    (LaptopFeiten(afgesloten_op=D("2026-05-01"), volledig_gesynct_op=D("2026-05-01"),
                  wachtende_bijlagen=1, open_conflicten=1, in_quarantaine=3), ON, "2026-05-31",
     False, ("laptop_purge_wachtende_bijlagen", "laptop_purge_open_conflicten",
             "laptop_purge_in_quarantaine"), "attachments, conflicts, quarantine keep it"),
    (LaptopFeiten(afgesloten_op=D("2026-05-01")), ON, None, False,
     ("laptop_purge_never_synced",), "never fully synced: never purged by the grace rule"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("feiten", "on", "weg_op", "due", "blockers"),
    [pytest.param(f, o, w, d, b, id=i) for f, o, w, d, b, i in LAPTOP],
)
def test_laptop_purge(
    feiten: LaptopFeiten, on: date, weg_op: str | None, due: bool, blockers: tuple[str, ...]
) -> None:
    purge = laptop_purge(feiten, on)
    assert (purge.weg_op.isoformat() if purge.weg_op else None) == weg_op
    assert purge.due is due
    assert tuple(r.code for r in purge.blocked) == blockers
    for reason in (*purge.blocked, *purge.reasons):
        reason.render()


def test_laptop_grace_is_a_setting() -> None:
    feiten = LaptopFeiten(afgesloten_op=D("2026-05-01"), volledig_gesynct_op=D("2026-05-01"))
    assert DEFAULT_GRACE_DAYS == 30
    assert laptop_purge(feiten, ON, grace=0).weg_op == D("2026-05-01")
    assert laptop_purge(feiten, ON, grace=90).weg_op == D("2026-07-30")
    for bad in (-1, 91, 1.5, True, "30"):
        with pytest.raises(ValueError, match="grace"):
            grace_days(bad)


def test_a_passed_legal_term_makes_the_laptop_copy_go_even_when_open() -> None:
    terms = office_retention(RetentieFeiten(DOB, frozenset({OV}), D("2020-01-10"), VOLDAAN))
    purge = laptop_purge(LaptopFeiten(wachtende_wijzigingen=1), D("2025-01-11"), legal_terms=terms)
    assert purge.due and purge.weg_op == D("2025-01-11")
    assert [r.code for r in purge.blocked] == ["laptop_purge_wachtende_wijzigingen"]
    assert purge.reasons[-1].code == "retentie_overig"
    assert not laptop_purge(LaptopFeiten(), D("2025-01-10"), legal_terms=terms).due


# What the office and the laptop read from a case's fields (Besluit art. 9.9: the term runs
# from the end of the plicht, or the death; lid 3 from the end of the loan).
# (fields beyond the date of birth, expected facts or None for "refused", id)
FROM_FIELDS = [
    ({}, {}, "nothing recorded: counted from the AOW age"),
    (
        {"uitkomst.plicht_einde": "2026-05-11", "uitkomst.plicht_einde_reden": "voldaan"},
        {"plicht_einde": D("2026-05-11"), "plicht_einde_reden": PlichtEinde.VOLDAAN},
        "the recorded end and its reason",
    ),
    ({"person.overleden_op": "2030-01-02"}, {"overleden_op": D("2030-01-02")}, "death"),
    ({"lening.einde": "2029-03-04"}, {"lening_einde": D("2029-03-04")}, "the loan's end"),
    ({"uitkomst.plicht_einde": "2026-05-11"}, None, "an end without its reason"),
    ({"uitkomst.plicht_einde_reden": "weet niet"}, None, "a reason the law does not know"),
    ({"person.overleden_op": "gisteren"}, None, "a day that is no date"),
    ({"lening.einde": 20290304}, None, "a day that is no text"),
]


@pytest.mark.parametrize(
    ("fields", "expected"), [pytest.param(f, e, id=i) for f, e, i in FROM_FIELDS]
)
def test_facts_are_read_from_the_fields_or_refused(
    fields: dict[str, object], expected: dict[str, object] | None
) -> None:
    values = {"person.date_of_birth": DOB.isoformat(), **fields}
    if expected is None:
        with pytest.raises(ValueError):
            feiten_uit_velden(values)
        return
    feiten = feiten_uit_velden(values)
    assert feiten == RetentieFeiten(
        date_of_birth=DOB,
        categorieen=categorieen_van(values),
        **expected,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("fields", "expected"), [pytest.param(f, e, id=i) for f, e, i in FROM_FIELDS]
)
def test_of_every_field_but_the_facts_only_the_key_counts(
    fields: dict[str, object], expected: dict[str, object] | None
) -> None:
    """``FEIT_KEYS`` names every value ``feiten_uit_velden`` reads, so the office's purge
    plan (Besluit art. 9.9) may leave the others unread: the same facts, or the same
    refusal, whatever the other fields hold."""
    values = {
        "person.date_of_birth": DOB.isoformat(),
        "intake.mentale_gezondheid.notes": "een notitie",
        "lening.bedrag": 1000,
        "pip.version.1": {"leerroute": "b1"},
        **fields,
    }
    unread = {k: (v if k in FEIT_KEYS else None) for k, v in values.items()}
    if expected is None:
        with pytest.raises(ValueError):
            feiten_uit_velden(unread)
        return
    assert feiten_uit_velden(unread) == feiten_uit_velden(values)


def test_without_a_date_of_birth_no_term_can_be_counted() -> None:
    with pytest.raises(ValueError):
        feiten_uit_velden({"uitkomst.plicht_einde": "2026-05-11"})


def test_the_day_of_death_is_kept_with_identity_so_the_term_stays_countable() -> None:
    """Deleting intake data (lid 1) must not delete the fact the 50 years count from."""
    assert categorie_van("person.overleden_op") is KERN


def test_every_field_a_case_cannot_exist_without_is_kept_with_the_identity() -> None:
    """atk9 #5: a partial purge (Besluit art. 9.9 lid 1) keeps identity and outcome (up to
    50 years); a required field in another category left a case that neither exported
    (inburg-case/1) nor pulled (a laptop's required columns)."""
    from inburg_desktop.protocol.field_rules import REQUIRED_KEYS

    assert {key: categorie_van(key) for key in REQUIRED_KEYS} == dict.fromkeys(
        REQUIRED_KEYS, DataCategorie.KERN
    )


TODAY = date(2026, 11, 30)
BORN = {"person.date_of_birth": "1990-01-01", "dates.brp_registration": "2020-01-06"}


@pytest.mark.parametrize(
    ("values", "problem"),
    [
        # Besluit art. 9.9 counts from the end of the plicht, which DUO decides (atk9 #2)
        ({}, None),
        ({"uitkomst.plicht_einde": "2026-02-01", "uitkomst.plicht_einde_reden": "voldaan"}, None),
        ({"uitkomst.plicht_einde": "2026-11-30", "uitkomst.plicht_einde_reden": "vertrek"}, None),
        (
            {"uitkomst.plicht_einde": "2026-12-01", "uitkomst.plicht_einde_reden": "vertrek"},
            "retentie_toekomst",
        ),
        (
            {"uitkomst.plicht_einde": "2026-2-1", "uitkomst.plicht_einde_reden": "voldaan"},
            "retentie_geen_datum",
        ),
        (
            {"uitkomst.plicht_einde": 20260201, "uitkomst.plicht_einde_reden": "voldaan"},
            "retentie_geen_datum",
        ),
        (
            {"uitkomst.plicht_einde": "2026-02-01", "uitkomst.plicht_einde_reden": "geslaagd"},
            "retentie_geen_reden",
        ),
        ({"uitkomst.plicht_einde_reden": {"nested": [1, 2]}}, "retentie_geen_reden"),
        ({"uitkomst.plicht_einde": "2026-02-01"}, "retentie_einde_half"),
        ({"uitkomst.plicht_einde_reden": "voldaan"}, "retentie_einde_half"),
        (
            {"uitkomst.plicht_einde": "2019-12-31", "uitkomst.plicht_einde_reden": "vertrek"},
            "retentie_voor_brp",
        ),
        ({"lening.einde": "1989-12-31"}, "retentie_voor_geboorte"),
        ({"lening.einde": "2019-12-31"}, None),  # a loan may end before this registration
        ({"lening.einde": "2026-12-01"}, "retentie_toekomst"),
    ],
)
def test_recorded_problem(values: dict[str, object], problem: str | None) -> None:
    assert recorded_problem({**BORN, **values}, TODAY) == problem
