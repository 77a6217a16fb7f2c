"""The case list names each case's gemeente and finds cases by it when the consultant
works for several (issue 16 item 5), read from the summaries as fast as before: the same
rows as computed from the cases, kept current when a case's gemeente is corrected."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.domain.search_fold import matches, search_words
from inburg_desktop.services import case_details
from inburg_desktop.services.case_list import case_rows, changed_case_rows, load_case_rows
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.vault import OpenVault

from ..gemeente_office import publish

TODAY = date(2026, 11, 2)


def spread(vault: OpenVault) -> list[str]:
    with vault.transaction() as session:
        ids = add_demo_cases(session, 6, TODAY)
        for n, case_id in enumerate(ids):
            update_fields(session, case_id, {"gemeente": ("GM0626", "GM0629", "GM1916")[n % 3]})
    return ids


def test_several_gemeenten_each_row_named_and_searchable(vault: OpenVault) -> None:
    ids = spread(vault)
    publish(vault, "GM0626", "GM0629")
    rows = case_rows(vault, TODAY)
    with vault.session() as session:
        assert rows == load_case_rows(session, TODAY)  # summaries: as computed afresh
    by_id = {row.id: row for row in rows}
    assert by_id[ids[0]].gemeente == "GM0626" and by_id[ids[0]].gemeente_naam == "Voorschoten"
    # a gemeente of the office the consultant does not work for is named all the same
    assert by_id[ids[2]].gemeente_naam == "Leidschendam-Voorburg"
    found = {row.id for row in rows if matches(search_words("wassenaar"), row.search_text)}
    assert found == {ids[1], ids[4]}


def test_one_gemeente_or_none_known_no_name_in_the_list(vault: OpenVault) -> None:
    spread(vault)
    for codes in ((), ("GM0629",)):
        if codes:
            publish(vault, *codes)
        rows = case_rows(vault, TODAY)
        assert {row.gemeente_naam for row in rows} == {""}
        assert {row.gemeente for row in rows} == {"GM0626", "GM0629", "GM1916"}
        assert not any(matches(search_words("wassenaar"), row.search_text) for row in rows)


def test_a_corrected_gemeente_is_the_list_s_at_the_next_read(vault: OpenVault) -> None:
    ids = spread(vault)
    publish(vault, "GM0626", "GM0629")
    shown = {row.id: row.version for row in case_rows(vault, TODAY)}
    with vault.session() as session:
        stored = get_case(session, ids[0])
    details = case_details.details_of(stored)
    case_details.save(vault, ids[0], replace(details, gemeente="GM0629"), TODAY, loaded=stored)
    update = changed_case_rows(vault, shown, TODAY)
    [row] = update.rows
    assert row.id == ids[0] and row.gemeente == "GM0629" and row.gemeente_naam == "Wassenaar"
