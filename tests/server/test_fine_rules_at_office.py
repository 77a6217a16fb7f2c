"""The fine rules the office applies to what it holds, attacked through a real office
(SQLite and PostgreSQL), with the article each follows (attack round 8, findings 10 and
11; round 7, finding 3):

* the repeat doubling counts an earlier fine as final only as the case records it, and a
  fine is final at the earliest the day after its objection period (Besluit art. 7.1 lid
  3; Awb art. 6:7 and 6:8): a proposal claiming an earlier fine final doubled it;
* no municipal fine for a violation found after the termijn (Wet art. 11 and 23), so no
  fine escapes the termijn's € 2.400;
* before a PIP date, an art. 23 fine's new term ends within the termijn a PIP of the
  decision's day would give (Wet art. 11): 2100 was taken."""

from __future__ import annotations

from typing import Any

from inburg_desktop.domain import handhaving as h
from inburg_desktop.server.db import Database

from .conftest import LiveServer, enroll, new_case_id
from .laptop_sim import SimLaptop
from .test_handhaving_records import _results

FIRST, SECOND = "0000000000e1", "0000000000e2"


def violation(found: str) -> dict[str, Any]:
    return {
        "soort": "pvt_intensiteit",
        "vastgesteld_op": found,
        "toelichting": "Niet bij het PVT.",
        "verwijtbaarheid": "opzet",
        "bijstand_verlaagd": False,
    }


def fine(
    rid: str,
    consultant: str,
    found: str,
    cents: int = 5000,
    eerdere: list[dict[str, Any]] | None = None,
    **decision: Any,
) -> dict[str, Any]:
    """The steps of a decided fine of ``cents`` on the violation found on ``found``
    (proposed the same day, decided the next, resting on what it was taken on)."""
    day = decision.pop("dagtekening", found)
    words = {"bedrag": f"€ {cents // 100}"}
    step = {"code": "fine_proposed", "text": "Voorgestelde boete: {bedrag}.", "params": words}
    steps = {
        "overtreding": violation(found),
        "voorstel": {
            "bedrag_cents": cents,
            "berekend_op": found,
            "stappen": [step],
            "eerdere": eerdere or [],
        },
    }
    basis = h.grondslag_of(steps)
    steps["besluit"] = {
        "opleggen": True,
        "bedrag_cents": cents,
        "reden": "",
        "dagtekening": day,
        "nieuwe_termijn_tot": None,
        "door": {"naam": consultant, "id": consultant, "tijdstip": f"{day}T10:00:00+00:00"},
        "grondslag": {"voorstel_cents": basis.voorstel_cents, "sha256": basis.sha256},
        **decision,
    }
    return {h.key(rid, stap): value for stap, value in steps.items()}


def quoted_final(on: str) -> dict[str, Any]:
    """The first fine as the second's proposal quotes it: final since ``on``, it says."""
    return {
        "id": FIRST,
        "soort": "pvt_intensiteit",
        "vastgesteld_op": "2026-06-01",
        "bedrag_cents": 5000,
        "status": "onherroepelijk",
        "onherroepelijk_op": on,
        "nieuwe_termijn": None,
    }


def _push(laptop: SimLaptop, case: str, patch: dict[str, Any]) -> tuple[str, str]:
    laptop.edit(case, patch)
    status, _error, message = _results(laptop)[0]
    return status, str(message)


def test_a_claimed_finality_doubles_nothing(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    # the first fine, decided 3-6-2026: objection possible t/m 15-7-2026
    first = fine(FIRST, consultant, "2026-06-01", dagtekening="2026-06-03")
    assert _push(laptop, case, first)[0] == "applied"
    laptop.pull()
    doubled = fine(SECOND, consultant, "2026-10-01", 100_00, [quoted_final("2026-07-16")])
    status, message = _push(laptop, case, doubled)
    assert status == "rejected" and "above what the Besluit allows" in message
    # recorded final inside its objection period: the record's own rule
    status, message = _push(laptop, case, {h.key(FIRST, "afloop"): _final("2026-07-15")})
    assert status == "rejected" and "objection period" in message
    assert _push(laptop, case, {h.key(FIRST, "afloop"): _final("2026-07-16")})[0] == "applied"
    laptop.pull()
    assert _push(laptop, case, doubled)[0] == "applied"


def _final(on: str) -> dict[str, str]:
    return {"status": "onherroepelijk", "op": on}


def test_no_fine_after_the_termijn(server: LiveServer, office: Database, consultant: str) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    case = new_case_id()
    # PIP of 10-1-2022: the termijn ran t/m 10-1-2025 (Wet art. 11)
    dates = {"dates.brp_registration": "2021-06-01", "dates.pip_date": "2022-01-10"}
    status, message = _push(laptop, case, {**dates, **fine(FIRST, consultant, "2026-10-01")})
    assert status == "rejected" and "after the inburgeringstermijn ended" in message
    inside = fine(FIRST, consultant, "2025-01-10")
    assert _push(laptop, new_case_id(), {**dates, **inside})[0] == "applied"


def test_a_new_term_before_a_pip_date_ends_within_a_termijn(
    server: LiveServer, office: Database, consultant: str
) -> None:
    laptop = SimLaptop(enroll(server, office, consultant))
    far = fine(FIRST, consultant, "2026-10-01", nieuwe_termijn_tot="2100-12-31")
    status, message = _push(laptop, new_case_id(), far)
    assert status == "rejected" and "any termijn a PIP set now could have" in message
    # decided 1-10-2026: a PIP of that day gives a termijn t/m 1-10-2029
    within = fine(FIRST, consultant, "2026-10-01", nieuwe_termijn_tot="2029-10-01")
    assert _push(laptop, new_case_id(), within)[0] == "applied"
