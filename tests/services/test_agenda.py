"""The agenda use case (issue 15 item 1): snapshots built from what a seeded vault holds,
one table-driven row per agenda kind the vault can produce (its due date, group and the
article its reason cites), the kinds the vault cannot know yet left out, the item states
set through the use case, and the whole caseload read in a fixed number of queries.

2026-05-11 is a Monday; this week runs to Sunday 2026-05-17.
"""

from __future__ import annotations

import copy
import json
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.agenda import AgendaKind, Done, Groep, Planned, Snoozed
from inburg_desktop.domain.handover import parse_handover
from inburg_desktop.domain.oproep import Oproep, OproepUitkomst
from inburg_desktop.services.agenda import (
    AgendaStateRefused,
    agenda_on,
    clear_item_state,
    set_item_state,
    snapshots,
)
from inburg_desktop.services.cancel import Cancelled, CancelToken
from inburg_desktop.services.errors import NoSuchCase
from inburg_desktop.services.intake_oproepen import StoredOproep, oproep_patch
from inburg_desktop.storage.cases import get_case, import_handover, update_fields
from inburg_desktop.storage.changes import apply_patch
from inburg_desktop.storage.sync_state import (
    Conflict,
    add_quarantine,
    mark_quarantine_sent,
    quarantine,
    replace_conflicts,
)
from inburg_desktop.storage.tables import OutboxRow
from inburg_desktop.storage.vault import OpenVault

from .test_case_list_loading import counted_selects

D = date.fromisoformat
ON = D("2026-05-11")
K = AgendaKind
OVERDUE, TODAY, WEEK, LATER = Groep.OVERDUE, Groep.TODAY, Groep.THIS_WEEK, Groep.LATER
AMAL = json.loads((Path(__file__).parents[1] / "data" / "handover-amal.json").read_text())
NV, VS = OproepUitkomst.NIET_VERSCHENEN, OproepUitkomst.VERSCHENEN
SIGNED_B1 = {"status": "signed", "leerroute": "b1", "signed_on": None, "version": 1}


def seed(
    vault: OpenVault,
    dates: dict[str, str | None],
    *,
    doelgroep: str = "statushouder",
    person: dict[str, Any] | None = None,
    oproepen: tuple[tuple[str, OproepUitkomst | None, bool], ...] = (),
    fields: dict[str, Any] | None = None,
) -> str:
    doc = copy.deepcopy(AMAL)
    doc["doelgroep"] = doelgroep
    doc["person"].pop("v_nummer")
    doc["person"].update(person or {})
    doc["dates"] = {k: v for k, v in {**doc["dates"], **dates}.items() if v is not None}
    with vault.transaction() as session:
        case_id = import_handover(session, parse_handover(doc))
        patch: dict[str, Any] = dict(fields or {})
        for day, outcome, warned in oproepen:
            patch.update(oproep_patch(StoredOproep(Oproep(D(day), None, outcome, warned)))[0])
        if patch:
            update_fields(session, case_id, patch)
    return case_id


def signed_pip(pip_date: str, route: str = "b1", *held: str) -> dict[str, Any]:
    """A signed PIP of ``pip_date`` and the voortgangsgesprekken ``held`` on those days
    (``services.voortgang``'s fields), so the talk item shows only where a row wants it."""
    talks = {f"voortgang.{n}.gehouden": day for n, day in enumerate(held, start=1)}
    return {"dates.pip_date": pip_date, "pip.current": {**SIGNED_B1, "leerroute": route}, **talks}


# Called in 2026-03-20 and came: no oproep item; kennisgeving 2026-03-02 → PIP 2026-05-11.
CAME = (("2026-03-20", VS, False),)
CASES: dict[str, dict[str, Any]] = {
    "pip_deadline": {"dates": {"duo_kennisgeving": "2026-03-02"}, "oproepen": CAME},
    "oproep_send": {"dates": {"brp_registration": "2026-04-20", "duo_kennisgeving": None}},
    "oproep_outcome": {
        "dates": {"brp_registration": "2026-04-20", "duo_kennisgeving": None},
        "oproepen": (("2026-05-08", None, False),),
    },
    "oproep_warning": {
        "dates": {"brp_registration": "2026-04-20", "duo_kennisgeving": None},
        "oproepen": (("2026-05-04", NV, False),),
    },
    "oproep_new": {
        "dates": {"brp_registration": "2026-04-20", "duo_kennisgeving": None},
        "oproepen": (("2026-05-04", NV, True),),
    },
    "intake_without_person": {
        "dates": {"brp_registration": "2026-04-01", "duo_kennisgeving": None},
        "oproepen": (("2026-04-10", NV, True), ("2026-04-20", NV, True), ("2026-05-06", NV, True)),
    },
    # bijstand from 2025-11-20: ontzorgen t/m 2026-05-19 (Participatiewet art. 56a); the
    # three talks due so far held (the fourth, month 6, is 2026-07-16)
    "ontzorgen_end": {
        "dates": {"brp_registration": "2025-11-01", "bijstand_start": "2025-11-20"},
        "fields": signed_pip("2026-01-15", "b1", "2026-02-16", "2026-03-16", "2026-04-16"),
    },
    # PIP 2026-01-15, termijn from 2026-01-16: two talks held, the third (month 3,
    # 2026-04-16) is due and overdue (Besluit art. 5.3 lid 4); no bijstand
    "voortgangsgesprek": {
        "dates": {"brp_registration": "2025-11-01", "bijstand_start": None},
        "fields": signed_pip("2026-01-15", "b1", "2026-02-16", "2026-03-16"),
    },
    # PIP 2024-11-20: termijn from 2024-11-21, route change t/m 2026-05-20 (art. 5.4 lid 1)
    "route_switch_window": {
        "doelgroep": "gezinsmigrant",
        "dates": {"brp_registration": "2024-08-01", "bijstand_start": None},
        "fields": signed_pip("2024-11-20", "b1", *["2025-01-01"] * 7),
    },
    # PIP 2023-08-01: termijn t/m 2026-08-01 (Wet art. 11), shown from 6 months before
    "termijn_end": {
        "doelgroep": "gezinsmigrant",
        "dates": {"brp_registration": "2023-05-01", "bijstand_start": None},
        "fields": signed_pip("2023-08-01", "b1", *["2024-01-01"] * 8),
    },
}

ROWS = [
    # (case, kind, due, group, article of its reason)
    ("pip_deadline", K.PIP_DEADLINE, "2026-05-11", TODAY, "Besluit art. 5.3 lid 1"),
    ("oproep_send", K.OPROEP_SEND, "2026-04-20", OVERDUE, "Wet art. 14 lid 1"),
    ("oproep_outcome", K.OPROEP_OUTCOME, "2026-05-08", OVERDUE, "Wet art. 14 lid 1"),
    ("oproep_warning", K.OPROEP_WARNING, "2026-05-04", OVERDUE, "Wet art. 14 lid 2"),
    ("oproep_new", K.OPROEP_NEW, "2026-05-04", OVERDUE, "Wet art. 14 lid 2"),
    ("intake_without_person", K.INTAKE_WITHOUT_PERSON, "2026-05-06", OVERDUE, "Wet art. 14 lid 2"),
    ("ontzorgen_end", K.ONTZORGEN_END, "2026-05-19", LATER, "Participatiewet art. 56a"),
    ("voortgangsgesprek", K.VOORTGANGSGESPREK, "2026-04-16", OVERDUE, "Besluit art. 5.3 lid 4"),
    ("route_switch_window", K.ROUTE_SWITCH_WINDOW, "2026-05-20", LATER, "Besluit art. 5.4 lid 1"),
    ("termijn_end", K.TERMIJN_END, "2026-08-01", LATER, "Wet art. 11"),
]


@pytest.fixture
def seeded(vault: OpenVault) -> dict[str, str]:
    return {name: seed(vault, **spec) for name, spec in CASES.items()}


@pytest.mark.parametrize(("case", "kind", "due", "group", "artikel"), ROWS)
def test_each_kind_from_the_vault(
    vault: OpenVault,
    seeded: dict[str, str],
    case: str,
    kind: AgendaKind,
    due: str,
    group: Groep,
    artikel: str,
) -> None:
    items = [i for i in agenda_on(vault, ON).items if i.case_id == seeded[case]]
    assert [(i.kind, i.due.isoformat(), i.group) for i in items] == [(kind, due, group)]
    (item,) = items
    assert item.artikel == artikel
    assert item.reason.render().strip()
    assert item.as_json()["due"] == due


def test_sync_conflicts_and_set_aside_records(vault: OpenVault) -> None:
    case_id = seed(vault, **CASES["termijn_end"])
    with vault.transaction() as session:
        replace_conflicts(
            session,
            case_id,
            [
                Conflict(case_id, "intake.werk.notes", "kantoor", "laptop", 2),
                Conflict(case_id, "intake.taal.notes", "a", "b", 2),
                # a topic's own bookkeeping settles itself: not for the consultant
                Conflict(case_id, "intake.werk._discussed", ["x"], ["y"], 2),
            ],
            1,
        )
        for n in range(3):
            add_quarantine(session, "push", case_id, {f"k{n}": n}, "invalid_field", op_id=n)
    with vault.transaction() as session:
        mark_quarantine_sent(session, [quarantine(session)[0].id], datetime(2026, 5, 10))
    items = {i.kind: i for i in agenda_on(vault, ON).items if i.case_id == case_id}
    assert items[K.SYNC_CONFLICTS].due == ON and items[K.SYNC_CONFLICTS].group is TODAY
    assert items[K.SYNC_CONFLICTS].reason.params["count"] == "2"
    assert items[K.SYNC_SET_ASIDE].reason.params["count"] == "2"  # one was sent to the office


def test_what_the_vault_cannot_know_makes_no_item(vault: OpenVault) -> None:
    """Exam results are not recorded yet: the snapshot says unknown, so no nazorg item.
    The talks held are known (``services.voortgang``)."""
    case_id = seed(vault, **CASES["ontzorgen_end"])
    (snap,) = snapshots(vault, ON, [case_id])
    assert snap.exam_passed_on is None
    assert snap.gesprekken_gehouden == (D("2026-02-16"), D("2026-03-16"), D("2026-04-16"))
    kinds = {i.kind for i in agenda_on(vault, ON).items if i.case_id == case_id}
    assert K.NAZORG not in kinds and K.VOORTGANGSGESPREK not in kinds


def test_talk_item_follows_the_planned_days(vault: OpenVault) -> None:
    """Without talks held, talk 1 of the signed PIP is due a month after the termijn
    start (Besluit art. 5.3 lid 4, default ladder); with planned days stored (planned
    from the PIP in force), the stored day and count are the item's."""
    bare = seed(vault, **{**CASES["voortgangsgesprek"], "fields": signed_pip("2026-01-15")})
    planned = seed(
        vault,
        **{
            **CASES["voortgangsgesprek"],
            "fields": {
                **signed_pip("2026-01-15", "b1", "2026-02-16"),
                "voortgang.1.gepland": "2026-02-16",
                "voortgang.2.gepland": "2026-05-20",
                "voortgang.3.gepland": "2027-01-16",
            },
        },
    )
    items = {i.case_id: i for i in agenda_on(vault, ON).items if i.kind is K.VOORTGANGSGESPREK}
    assert items[bare].due == D("2026-02-16") and items[bare].group is OVERDUE
    assert items[bare].reason.params["total"] == "8"
    assert items[planned].due == D("2026-05-20") and items[planned].group is LATER
    assert (items[planned].reason.params["number"], items[planned].reason.params["total"]) == (
        "2",
        "3",
    )


def test_snapshot_from_the_vault(vault: OpenVault, seeded: dict[str, str]) -> None:
    by_id = {s.case_id: s for s in snapshots(vault, ON)}
    assert len(by_id) == len(CASES)
    running = by_id[seeded["ontzorgen_end"]]
    assert running.pip_set and running.leerroute is not None
    assert running.leerroute.value == "b1"
    assert running.dates.bijstand_start == D("2025-11-20")
    called = by_id[seeded["intake_without_person"]]
    assert [o.datum for o in called.oproepen] == [D("2026-04-10"), D("2026-04-20"), D("2026-05-06")]
    assert not called.intake_afgerond and called.pip_status is None


def test_not_plichtig_has_no_law_items(vault: OpenVault) -> None:
    """Someone the data say is not plichtig (a temporary purpose of stay) gets no PIP,
    oproep or termijn item."""
    case_id = seed(
        vault,
        {"brp_registration": "2026-04-20", "duo_kennisgeving": None},
        doelgroep="overige_migrant",
        person={"residence_basis": "tijdelijk_doel"},
    )
    (snap,) = snapshots(vault, ON, [case_id])
    assert not snap.plichtig
    assert [i for i in agenda_on(vault, ON).items if i.case_id == case_id] == []


@pytest.mark.parametrize("cases", [3, 40])
def test_the_caseload_in_a_fixed_number_of_queries(vault: OpenVault, cases: int) -> None:
    for n in range(cases):
        seed(vault, **CASES[list(CASES)[n % len(CASES)]])
    agenda_on(vault, ON)  # summaries computed, today's outcomes stored
    with counted_selects(vault) as seen:
        agenda = agenda_on(vault, ON)
    assert agenda.cases == cases
    assert len(seen) == 5, seen  # stale marks, summaries, fields, conflicts, set aside


def _outbox(vault: OpenVault) -> int:
    with vault.session() as session:
        return int(session.scalar(select(func.count()).select_from(OutboxRow)) or 0)


def test_states_set_through_the_use_case(vault: OpenVault, seeded: dict[str, str]) -> None:
    pip_case, window = seeded["pip_deadline"], seeded["route_switch_window"]
    before = _outbox(vault)
    set_item_state(vault, pip_case, "pip_deadline:2026-05-11", Done(ON), ON)
    set_item_state(
        vault, window, "route_switch_window:2026-05-20", Planned(datetime(2026, 5, 12, 10, 30)), ON
    )
    assert _outbox(vault) == before + 2  # each state goes to the office like any edit
    items = {i.case_id: i for i in agenda_on(vault, ON).items}
    assert pip_case not in items
    assert items[window].group is WEEK  # grouped by the planned day, Tuesday
    assert items[window].planned_at == datetime(2026, 5, 12, 10, 30)
    with vault.session() as session:
        stored = get_case(session, window).field("agenda.route_switch_window:2026-05-20")
    assert stored == {"state": "planned", "at": "2026-05-12T10:30"}
    # snoozed until Wednesday: hidden before it, back on the day
    set_item_state(
        vault,
        window,
        "route_switch_window:2026-05-20",
        Snoozed("Wacht op taalschool", D("2026-05-13")),
        ON,
    )
    assert window not in {i.case_id for i in agenda_on(vault, ON).items}
    assert window in {i.case_id for i in agenda_on(vault, D("2026-05-13")).items}
    assert clear_item_state(vault, window, "route_switch_window:2026-05-20")
    assert window in {i.case_id for i in agenda_on(vault, ON).items}
    assert not clear_item_state(vault, window, "route_switch_window:2026-05-20")


@pytest.mark.parametrize(
    ("item_key", "state", "code"),
    [
        ("pip_deadline:2026-05-12", Done(ON), "agenda_item_unknown"),  # not its due date
        ("termijn_end:2026-08-01", Done(ON), "agenda_item_unknown"),  # not this case's
        ("no_such_kind:2026-05-11", Done(ON), "agenda_item_unknown"),
        ("pip_deadline:2026-05-11", Snoozed("later", ON), "agenda_snooze_not_later"),
        ("pip_deadline:2026-05-11", Snoozed("x" * 501, D("2026-06-01")), "agenda_reason_too_long"),
        ("pip_deadline:2026-05-11", Snoozed("a\u202eb", D("2026-06-01")), "agenda_reason_hidden"),
        ("pip_deadline:2026-05-11", Snoozed("two\nlines", D("2026-06-01")), "agenda_reason_hidden"),
        ("pip_deadline:2026-05-11", Snoozed("ok", D("2101-01-01")), "agenda_date_range"),
        ("pip_deadline:2026-05-11", Planned(datetime(2101, 1, 1, 9)), "agenda_date_range"),
    ],
)
def test_a_state_that_cannot_be_is_refused_and_nothing_written(
    vault: OpenVault, seeded: dict[str, str], item_key: str, state: Any, code: str
) -> None:
    before = _outbox(vault)
    with pytest.raises(AgendaStateRefused) as refused:
        set_item_state(vault, seeded["pip_deadline"], item_key, state, ON)
    assert refused.value.code == code
    assert _outbox(vault) == before


def test_a_case_the_vault_does_not_hold(vault: OpenVault) -> None:
    with pytest.raises(NoSuchCase):
        set_item_state(vault, "no-such-case", "sync_conflicts", Done(ON), ON)
    with pytest.raises(NoSuchCase):
        clear_item_state(vault, "no-such-case", "sync_conflicts")


def test_the_agenda_names_the_cases_with_items_as_the_case_list_does(
    vault: OpenVault, seeded: dict[str, str]
) -> None:
    quiet = seed(vault, {"brp_registration": "2026-05-01"}, fields=signed_pip("2026-05-05"))
    shown = agenda_on(vault, ON)
    assert quiet not in shown.names  # no item that day: not named
    assert set(shown.names) == {item.case_id for item in shown.items}
    assert shown.names[seeded["pip_deadline"]] == "Haddad, Amal"


def test_a_cancelled_read_stops(vault: OpenVault) -> None:
    """``cancel``: the read raises ``Cancelled`` instead of finishing (the agenda page
    stops a read nobody looks at)."""
    with vault.transaction() as session:
        add_demo_cases(session, 3)
    token = CancelToken()
    assert agenda_on(vault, ON, cancel=token).items  # not cancelled: the whole agenda
    token.cancel()
    with pytest.raises(Cancelled):
        agenda_on(vault, ON, cancel=token)


def test_a_closed_case_has_no_law_items(vault: OpenVault) -> None:
    """The office closed the case (the plicht ended, usability round 9 #20): no PIP,
    oproep or termijn item asks for work that can no longer be recorded on it."""
    dates: dict[str, str | None] = {"brp_registration": "2026-04-20"}
    open_case = seed(vault, dates)
    closed = seed(vault, dates)
    with vault.transaction() as session:  # as a sync brings the office's close
        apply_patch(
            session,
            closed,
            {"uitkomst.plicht_einde": "2026-05-01", "uitkomst.plicht_einde_reden": "vertrek"},
            origin="remote",
        )
    by_id = {s.case_id: s for s in snapshots(vault, ON, [open_case, closed])}
    assert by_id[open_case].plichtig and not by_id[closed].plichtig
    items = agenda_on(vault, ON).items
    assert [i for i in items if i.case_id == open_case]
    assert [i for i in items if i.case_id == closed] == []
