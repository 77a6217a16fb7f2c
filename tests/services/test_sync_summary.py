"""A sync round counted once and worded once (usability round 3).

The tester saw "2 wijzigingen verstuurd" for two changes that became conflicts, three
conflicts for two fields, cases counted once per page, and a case taken off the laptop
without its name. Counts here come from real rounds against a real office (SQLite and
PostgreSQL); the CLI and the window say the same lines from one function."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from inburg_desktop.commands import human_text
from inburg_desktop.domain.case_label import case_number
from inburg_desktop.protocol.messages import CaseState, FieldState, PullResponse
from inburg_desktop.server import admin
from inburg_desktop.server.db import Database
from inburg_desktop.services import conflicts, sync_round
from inburg_desktop.services.sync_round import RoundReport
from inburg_desktop.services.sync_summary import summary_lines
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from inburg_desktop.ui import sync_window

from ..conftest import LiveServer
from ..sync.test_laptops_office import (
    HANDOVER,
    case_ids,
    client_for,
    enroll_vault,
    make_vault,
    new_consultant,
    sync,
)


def test_changes_that_became_conflicts_count_as_conflicts_not_as_sent(
    server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    consultant = new_consultant("telling")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere" / "kluis.db")
    try:
        enroll_vault(vault, server.url, office, consultant)
        enroll_vault(other, server.url, office, consultant)
        sync(vault)
        sync(other)
        keys = ("intake.werk.notes", "intake.opleiding.notes")
        for n, key in enumerate(keys):  # two changes on the other laptop, sent first
            with other.transaction() as session:
                update_fields(session, case, {key: f"ander {n}"})
        for n, key in enumerate(keys):  # the same two fields here: two ops
            with vault.transaction() as session:
                update_fields(session, case, {key: f"hier {n}"})
        assert sync(other).pushed == 2
        summary = sync_round.sync(vault)
        assert (summary.pushed, summary.conflicts, summary.pulled) == (0, 2, 1)
        assert (summary.fields_sent, summary.conflicts_new, summary.fields_held) == (0, 2, 2)
        lines = summary_lines(summary)
        # the consultant's own two edits are said as held, one sentence (round 7 #13)
        assert lines[0] == (
            "2 wijzigingen van u zijn niet doorgevoerd maar als conflict bewaard: die velden "
            "waren intussen ook elders gewijzigd. 1 dossier bijgewerkt door het kantoor."
        )
        assert any(line.startswith("2 velden zijn op twee plaatsen verschillend") for line in lines)
        again = sync_round.sync(vault)  # nothing new: the open conflicts still counted once each
        assert (again.pushed, again.conflicts, again.pulled) == (0, 2, 0)
        assert (again.conflicts_new, again.conflicts_earlier) == (0, 2)
    finally:
        other.lock()


def test_a_case_on_two_pages_counts_once(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("paginas")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    admin.edit_case(office, case, {"intake.werk.notes": "eerste"})
    with client_for(vault) as client:
        real_pull = client.pull
        version = client.get_case(case).version

        again = CaseState(
            case_id=case,
            version=version,
            full=False,
            fields={"intake.werk.notes": FieldState(value="eerste", version=version)},
        )
        calls: list[int] = []

        def pull(since: int, limit: int = 500) -> PullResponse:
            # the office's pages as they come when a case changes again while a round
            # pulls: the same case on the first page and on the next
            page = real_pull(since, limit)
            calls.append(since)
            if len(calls) == 1:
                return page.model_copy(update={"more": True})
            if len(calls) == 2:
                return page.model_copy(update={"cases": [again], "more": False})
            return page

        client.pull = pull  # type: ignore[method-assign]
        summary = SyncEngine(vault, client).run()
    assert summary.pulled == 1


def test_a_case_taken_off_the_laptop_is_named(
    server: LiveServer, office: Database, vault: OpenVault
) -> None:
    consultant = new_consultant("weg")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    enroll_vault(vault, server.url, office, consultant)
    sync(vault)
    admin.unassign(office, case)
    summary = sync(vault)
    assert summary.purged == 1
    (label,) = summary.purged_cases
    assert "Haddad" in label and case_number(case) in label
    lines = summary_lines(RoundReport.of(summary))
    (line,) = [line for line in lines if "van deze laptop verwijderd" in line]
    assert label in line
    assert "purged_cases" not in summary.as_json() and "Haddad" not in str(summary.as_json())


def test_one_function_words_the_round_for_both_edges() -> None:
    summary = RoundReport(
        pushed=1,
        pulled=2,
        conflicts=1,
        purged=1,
        purged_cases=("Amal Haddad (V 1234567890, INB-0B0E7E4E)",),
        quarantined=1,
        bytes_sent=1638,
    )
    lines = summary_lines(summary)
    assert human_text.sync_lines(summary) == lines
    assert sync_window.summary_text(summary) == "\n".join(lines)
    # neither edge words a count itself any more
    for edge in (human_text.sync_lines, sync_window.summary_text):
        source = inspect.getsource(edge)
        assert "verstuurd" not in source and "count(" not in source, edge


# --- the round as the consultant reads it (usability round 3, finding 10) -----------------


@dataclass(frozen=True)
class Outcome:
    """One kind of round: what happens before it (``arrange``, on the office, this laptop
    ``here`` and another laptop of the same consultant), then what its report counts and
    what its lines must and must not say."""

    name: str
    arrange: Callable[[Database, str, OpenVault, OpenVault], None]
    counts: dict[str, int]
    says: tuple[str, ...] = ()
    never: tuple[str, ...] = ()


def _write(vault: OpenVault, case_id: str, patch: dict[str, object]) -> None:
    """One autosave of the intake: one transaction, so one outbox entry."""
    with vault.transaction() as session:
        update_fields(session, case_id, patch)


def _only_case(vault: OpenVault) -> str:
    (case_id,) = case_ids(vault)
    return case_id


def _three_edits_of_one_topic_marked_done(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    case = _only_case(here)
    stamp = ["2026-11-30T08:00"]
    # as the intake writes them: each answer with the moment the topic was discussed,
    # then the mark "Afgerond": four outbox entries, three edits
    _write(
        here,
        case,
        {"intake.competenties.sterke_punten": "koken", "intake.competenties._discussed": stamp},
    )
    _write(here, case, {"intake.competenties.vakvaardigheden": "lassen"})
    _write(here, case, {"intake.competenties.notes": "rijbewijs volgt"})
    _write(here, case, {"intake.competenties._covered": True})


def _a_topic_marked_alone(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    _write(here, _only_case(here), {"intake.werkervaring._parked": True})


def _three_edits_two_of_which_collide(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    case = _only_case(here)
    for key in ("intake.opleiding.notes", "intake.werkervaring.notes"):
        _write(other, case, {key: "daar"})
    assert sync_round.sync(other).fields_sent == 2
    for key in ("intake.opleiding.notes", "intake.werkervaring.notes", "intake.competenties.notes"):
        _write(here, case, {key: "hier"})


def _three_edits_all_of_which_collide(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    case = _only_case(here)
    keys = ("intake.opleiding.notes", "intake.werkervaring.notes", "intake.competenties.notes")
    for key in keys:
        _write(other, case, {key: "daar"})
    assert sync_round.sync(other).fields_sent == 3
    for key in keys:
        _write(here, case, {key: "hier"})


def _conflicts_left_open_from_an_earlier_round(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    _three_edits_two_of_which_collide(office, consultant, here, other)
    first = sync_round.sync(here)
    assert (first.fields_sent, first.conflicts_new) == (1, 2)


def _the_office_changed_two_cases_and_added_one(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    first = _only_case(here)
    second = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    sync_round.sync(here)
    for case in (first, second):
        admin.edit_case(office, case, {"intake.opleiding.notes": "van kantoor"})
    admin.import_handover(office, HANDOVER.read_bytes(), consultant)


def _the_other_laptop_settled_a_conflict(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    # this laptop's value met the other's; the other laptop chose, and sent its choice
    case = _only_case(here)
    _write(here, case, {"intake.opleiding.notes": "hier"})
    sync_round.sync(here)
    _write(other, case, {"intake.opleiding.notes": "daar"})
    assert sync_round.sync(other).conflicts_new == 1
    sync_round.sync(here)  # the conflict comes here too: both laptops hold it
    conflicts.resolve(other, case, "intake.opleiding.notes", "daar en hier")
    assert sync_round.sync(other).fields_sent == 1


def _both_conflicts_settled_here(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    # usability round 4 #6: the laptop that settled the conflicts said only "2 wijzigingen
    # verstuurd", not that its choices went and the conflicts are closed
    _three_edits_two_of_which_collide(office, consultant, here, other)
    assert sync_round.sync(here).conflicts_new == 2
    for n, item in enumerate(conflicts.list_conflicts(here)):
        chosen = item.office_value if n == 0 else "hier en daar"
        conflicts.resolve(here, item.case_id, item.field_key, chosen)


def _one_conflict_settled_and_one_edit(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    case = _only_case(here)
    _write(other, case, {"intake.opleiding.notes": "daar"})
    sync_round.sync(other)
    _write(here, case, {"intake.opleiding.notes": "hier"})
    assert sync_round.sync(here).conflicts_new == 1
    (item,) = conflicts.list_conflicts(here)
    conflicts.resolve(here, case, item.field_key, item.laptop_value)
    _write(here, case, {"intake.werkervaring.notes": "kok"})


def _a_choice_the_office_moved_past(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    # the office changed the field again before the choice arrived: a conflict again,
    # so the choice is not said as sent
    case = _only_case(here)
    _write(other, case, {"intake.opleiding.notes": "daar"})
    sync_round.sync(other)
    _write(here, case, {"intake.opleiding.notes": "hier"})
    assert sync_round.sync(here).conflicts_new == 1
    (item,) = conflicts.list_conflicts(here)
    conflicts.resolve(here, case, item.field_key, item.laptop_value)
    admin.edit_case(office, case, {"intake.opleiding.notes": "van kantoor"})


def _the_office_unassigned_a_case_with_an_unsent_edit(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    case = _only_case(here)
    _write(here, case, {"intake.opleiding.notes": "nog niet verstuurd"})
    admin.unassign(office, case)


def _the_office_unassigned_a_case_with_nothing_unsent(
    office: Database, consultant: str, here: OpenVault, other: OpenVault
) -> None:
    admin.unassign(office, _only_case(here))


OUTCOMES = [
    Outcome(
        "this laptop settled two conflicts: its choices said as sent and settled",
        _both_conflicts_settled_here,
        {"fields_sent": 2, "resolutions_sent": 2, "conflicts": 0, "conflicts_new": 0},
        says=(
            "Uw keuzes in 2 conflicten zijn verstuurd; die conflicten zijn nu ook op "
            "kantoor opgelost.",
        ),
        never=("Niets verstuurd", "2 wijzigingen verstuurd", "Nog "),
    ),
    Outcome(
        "one conflict settled and one edit: both sent, the choice said among them",
        _one_conflict_settled_and_one_edit,
        {"fields_sent": 2, "resolutions_sent": 1, "conflicts": 0},
        says=(
            "2 wijzigingen verstuurd. Daaronder uw keuze in 1 conflict; dat is nu ook op "
            "kantoor opgelost.",
        ),
    ),
    Outcome(
        "a choice the office moved past: a conflict again, not said as settled",
        _a_choice_the_office_moved_past,
        {"fields_sent": 0, "resolutions_sent": 0, "conflicts": 1},
        never=("opgelost.", "verstuurd;"),
    ),
    Outcome(
        # usability round 4 (90): "Niets te versturen", then the one edit said twice
        "the office unassigned a case with one unsent edit: said once, as kept",
        _the_office_unassigned_a_case_with_an_unsent_edit,
        {"fields_sent": 0, "kept_unsent": 1, "purged": 1, "unsent_before": 1},
        says=(
            "Niets verstuurd.",
            "1 nog niet verstuurde wijziging of bijlage van een dossier dat niet meer op uw "
            "lijst staat, is bewaard onder ‘Apart gezet’",
        ),
        never=("Niets te versturen", "kon niet naar kantoor", "wijziging verstuurd"),
    ),
    Outcome(
        "the office unassigned a case with nothing unsent: no word of kept work",
        _the_office_unassigned_a_case_with_nothing_unsent,
        {"fields_sent": 0, "kept_unsent": 0, "purged": 1, "quarantined": 0},
        says=("Niets te versturen",),
        never=("Apart gezet", "apart gezet"),
    ),
    Outcome(
        "three edits of one topic, marked done: three changes, not five",
        _three_edits_of_one_topic_marked_done,
        {"fields_sent": 3, "cases_sent": 1, "conflicts_new": 0},
        says=("3 wijzigingen verstuurd.", "Niets nieuws van het kantoor."),
        never=("5 wijzigingen", "4 wijzigingen", "conflict"),
    ),
    Outcome(
        "a topic parked, nothing answered: one change",
        _a_topic_marked_alone,
        {"fields_sent": 1, "conflicts_new": 0},
        says=("1 wijziging verstuurd.",),
    ),
    Outcome(
        "three edits, two met the other laptop's: one sent, two conflicts said and where",
        _three_edits_two_of_which_collide,
        {"fields_sent": 1, "conflicts_new": 2, "conflicts_earlier": 0, "conflicts": 2},
        says=(
            "1 wijziging verstuurd.",
            "2 velden zijn op twee plaatsen verschillend gewijzigd (conflicten).",
            "Synchroniseren → Conflicten oplossen",
        ),
        never=("Nog 2 conflicten",),
    ),
    Outcome(
        # usability round 7 #13: "1 dossier bijgewerkt … 3 velden … conflicten" did not
        # say that these were the consultant's own three edits, kept
        "three edits all met the other laptop's: said as the consultant's, held",
        _three_edits_all_of_which_collide,
        {"fields_sent": 0, "fields_held": 3, "conflicts_new": 3, "cases_updated": 1},
        says=(
            "3 wijzigingen van u zijn niet doorgevoerd maar als conflict bewaard",
            "1 dossier bijgewerkt door het kantoor.",
            "Synchroniseren → Conflicten oplossen",
        ),
        never=("wijzigingen verstuurd", "wijziging verstuurd"),
    ),
    Outcome(
        "one of three edits sent, two held: each said in a sentence of its own",
        _three_edits_two_of_which_collide,
        {"fields_sent": 1, "fields_held": 2},
        says=(
            "1 wijziging verstuurd. 2 wijzigingen van u zijn niet doorgevoerd maar als "
            "conflict bewaard",
        ),
    ),
    Outcome(
        "a round with nothing new: the open conflicts are said as left open, not as made",
        _conflicts_left_open_from_an_earlier_round,
        {"fields_sent": 0, "conflicts_new": 0, "conflicts_earlier": 2, "cases_updated": 0},
        says=(
            "Niets te versturen en niets nieuws van het kantoor.",
            "Nog 2 conflicten van eerder staan open.",
            "Synchroniseren → Conflicten oplossen",
        ),
        never=("op twee plaatsen", "gewijzigd (", "wijzigingen verstuurd"),
    ),
    Outcome(
        "the office changed two cases and added one: by case, updated apart from new",
        _the_office_changed_two_cases_and_added_one,
        {"fields_sent": 0, "cases_updated": 2, "cases_new": 1},
        says=(
            "Niets verstuurd. 2 dossiers bijgewerkt door het kantoor. "
            "1 nieuw dossier van het kantoor.",
        ),
        never=("opgehaald",),
    ),
    Outcome(
        "the other laptop settled a conflict: this laptop made no change and says none",
        _the_other_laptop_settled_a_conflict,
        {"fields_sent": 0, "conflicts_new": 0, "conflicts": 0, "cases_updated": 1},
        says=("Niets verstuurd. 1 dossier bijgewerkt door het kantoor.",),
        never=("velden", "veld is", "conflict", "wijzigingen verstuurd", "wijziging verstuurd"),
    ),
]


@pytest.mark.parametrize("outcome", OUTCOMES, ids=[o.name for o in OUTCOMES])
def test_a_round_counts_what_the_consultant_did_and_saw(
    outcome: Outcome, server: LiveServer, office: Database, vault: OpenVault, tmp_path: Path
) -> None:
    consultant = new_consultant("telt")
    case = admin.import_handover(office, HANDOVER.read_bytes(), consultant)
    other = make_vault(tmp_path / "andere" / "kluis.db")
    try:
        enroll_vault(vault, server.url, office, consultant)
        enroll_vault(other, server.url, office, consultant)
        sync_round.sync(vault)
        sync_round.sync(other)
        assert case_ids(vault) == {case}
        outcome.arrange(office, consultant, vault, other)
        report = sync_round.sync(vault)
    finally:
        other.lock()
    text = "\n".join(summary_lines(report))
    for phrase in outcome.says:
        assert phrase in text, (phrase, text)
    for phrase in outcome.never:
        assert phrase not in text, (phrase, text)
    got = {key: getattr(report, key) for key in outcome.counts}
    assert got == outcome.counts
    # the command line says the same lines (one wording)
    assert human_text.sync_lines(report) == summary_lines(report)
