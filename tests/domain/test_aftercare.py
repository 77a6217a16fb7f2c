"""Ontzorgen (Participatiewet art. 56a, going on under art. 57), budget training and the
nazorg contact six months after the exam, table-driven with dates."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from inburg_desktop.domain.aftercare import (
    AftercareInvalid,
    Art57Besluit,
    Budgettraining,
    OntzorgenFase,
    nazorg_stand,
    ontzorgen_stand,
)
from inburg_desktop.domain.case import Doelgroep

D = date.fromisoformat


def opt(day: str | None) -> date | None:
    return None if day is None else D(day)


SH, GM = Doelgroep.STATUSHOUDER, Doelgroep.GEZINSMIGRANT
TRAINING = Budgettraining(D("2026-04-01"))
OPEN_ENDED = Art57Besluit(D("2026-08-20"), "PW-57-001", D("2026-09-02"))
UNTIL_DEC = Art57Besluit(D("2026-08-20"), "PW-57-002", D("2026-09-02"), D("2026-12-31"))

ONTZORGEN = [
    # (doelgroep, bijstand start, on, art. 57 decision, phase, end, codes)
    # art. 56a: 2026-03-02 → t/m 2026-09-01 (DOMAIN.md "Counting periods")
    (SH, "2026-03-02", "2026-08-03", None, OntzorgenFase.LOOPT, "2026-09-01", ["ontzorgen_loopt"]),
    (SH, "2026-03-02", "2026-08-04", None, OntzorgenFase.LOOPT_AF, "2026-09-01",
     ["ontzorgen_eindigt"]),  # 28 days before the last day
    (SH, "2026-03-02", "2026-09-01", None, OntzorgenFase.LOOPT_AF, "2026-09-01",
     ["ontzorgen_eindigt"]),  # the last day still counts
    (SH, "2026-03-02", "2026-09-02", None, OntzorgenFase.BEEINDIGD, "2026-09-01",
     ["ontzorgen_beeindigd"]),
    (SH, "2026-03-02", "2026-09-02", OPEN_ENDED, OntzorgenFase.VOORTGEZET, "2026-09-01",
     ["ontzorgen_art57"]),  # art. 57: going on, the six months' end does not move
    (SH, "2026-03-02", "2026-12-31", UNTIL_DEC, OntzorgenFase.VOORTGEZET, "2026-09-01",
     ["ontzorgen_art57"]),
    (SH, "2026-03-02", "2027-01-01", UNTIL_DEC, OntzorgenFase.BEEINDIGD, "2026-09-01",
     ["ontzorgen_beeindigd"]),
    (SH, "2026-08-31", "2027-02-28", None, OntzorgenFase.LOOPT_AF, "2027-02-28",
     ["ontzorgen_eindigt"]),  # no 31 February: t/m 2027-02-28
    (GM, "2026-03-02", "2026-05-01", None, OntzorgenFase.GEEN, None, []),  # asylum permit only
    (SH, None, "2026-05-01", None, OntzorgenFase.GEEN, None, []),
]  # fmt: skip


@pytest.mark.parametrize(("doelgroep", "start", "on", "art57", "fase", "end", "codes"), ONTZORGEN)
def test_ontzorgen(
    doelgroep: Doelgroep,
    start: str | None,
    on: str,
    art57: Art57Besluit | None,
    fase: OntzorgenFase,
    end: str | None,
    codes: list[str],
) -> None:
    result = ontzorgen_stand(doelgroep, opt(start), D(on), art57, TRAINING)
    assert result.fase is fase
    assert result.eind == (opt(end))
    assert list(result.codes) == codes
    for reason in result.reasons:
        assert reason.params["artikel"] in reason.render()


def test_art57_decision_is_named_in_the_reason() -> None:
    reason = ontzorgen_stand(SH, D("2026-03-02"), D("2026-10-01"), UNTIL_DEC, TRAINING).reasons[0]
    text = reason.render()
    assert "PW-57-002" in text and "31 december 2026" in text and "1 september 2026" in text
    assert "Participatiewet art. 57" in text


def test_budget_training_missing_is_said_while_ontzorgen_runs() -> None:
    running = ontzorgen_stand(SH, D("2026-03-02"), D("2026-05-01"))
    assert running.codes == ("ontzorgen_loopt", "budgettraining_niet_gestart")
    ended = ontzorgen_stand(SH, D("2026-03-02"), D("2026-10-01"))
    assert ended.codes == ("ontzorgen_beeindigd",)


def test_bad_records_are_refused_with_a_code_naming_the_field() -> None:
    cases: list[tuple[Callable[[], object], str, str]] = [
        (lambda: Art57Besluit(D("2026-08-20"), " ", D("2026-09-02")), "art57_kenmerk_missing",
         "kenmerk"),
        (lambda: Art57Besluit(D("2026-08-20"), "x", D("2026-09-02"), D("2026-09-01")),
         "end_before_start", "tot"),
        (lambda: Budgettraining(None, D("2026-05-01")), "training_finished_not_started",
         "afgerond_op"),
        (lambda: Budgettraining(D("2026-05-02"), D("2026-05-01")), "end_before_start",
         "afgerond_op"),
    ]  # fmt: skip
    for build, code, field in cases:
        with pytest.raises(AftercareInvalid) as refused:
            build()
        assert (refused.value.code, refused.value.params["field"]) == (code, field)


NAZORG = [
    # (exam passed on, contact on, due, done, code) — seed step 11, six months (add_months)
    (None, None, None, None, None),
    ("2027-06-15", None, "2027-12-15", None, "nazorg_te_doen"),
    ("2026-08-31", None, "2027-02-28", None, "nazorg_te_doen"),  # month end clamps
    ("2027-06-15", "2027-12-20", "2027-12-15", "2027-12-20", "nazorg_gedaan"),
    ("2027-06-15", "2027-06-01", "2027-12-15", None, "nazorg_te_doen"),  # before the exam
]


@pytest.mark.parametrize(("exam", "contact", "due", "done", "code"), NAZORG)
def test_nazorg(
    exam: str | None, contact: str | None, due: str | None, done: str | None, code: str | None
) -> None:
    result = nazorg_stand(opt(exam), opt(contact))
    assert result.due == (opt(due))
    assert result.gedaan_op == (opt(done))
    assert (result.reason and result.reason.code) == code
    assert result.open is (due is not None and done is None)
