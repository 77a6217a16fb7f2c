"""The audit trail's hash chain (domain/audit.py).

Issue 16, "Must show": editing, deleting or reordering an audit row is detected and
reported. AVG art. 5 lid 2 (accountability) and art. 32: who saw what must be provable.
The chain is one per (case, device); a head kept by the office (the anchor) catches a
chain recomputed or cut short after it was synced.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inburg_desktop.domain.audit import (
    PART_LABELS,
    PART_PATTERN,
    WHOLE_CASE,
    Action,
    Anchor,
    AuditEntry,
    AuditError,
    BreakKind,
    append,
    canonical_bytes,
    compute_hash,
    entry_from_json,
    extends,
    genesis,
    part_of_key,
    verify,
)

CASE = "7f1c2a9e-0b1d-4c55-9a7e-3d2f1e0c9b8a"
DEVICE = "d3a1b2c4-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
T0 = datetime(2026, 3, 2, 9, 30, 0, 123456, tzinfo=UTC)
PARTS = ("dossier", "intake.opleiding", "intake.fysieke_gezondheid", "pip", "person")


def chain(n: int, case_id: str = CASE, device_id: str = DEVICE) -> list[AuditEntry]:
    out: list[AuditEntry] = []
    for i in range(n):
        out.append(
            append(
                out[-1] if out else None,
                at=T0 + timedelta(minutes=i),
                actor="consulent.de.vries",
                device_id=device_id,
                case_id=case_id,
                action=list(Action)[i % len(Action)],
                part=PARTS[i % len(PARTS)],
            )
        )
    return out


def head(entries: list[AuditEntry]) -> Anchor:
    return Anchor(entries[-1].seq, entries[-1].hash)


def rehash(entry: AuditEntry) -> AuditEntry:
    return replace(entry, hash=compute_hash(entry))


# --- the entry and its canonical form -------------------------------------------------------


def test_canonical_form_is_pinned() -> None:
    """The spelling is a contract between laptop and office: pinned to the byte."""
    first = chain(1)[0]
    assert first.prev_hash == genesis(CASE, DEVICE)
    assert canonical_bytes(first.body()) == (
        b'{"action":"create","actor":"consulent.de.vries","at":"2026-03-02T09:30:00.123456Z",'
        b'"case_id":"7f1c2a9e-0b1d-4c55-9a7e-3d2f1e0c9b8a",'
        b'"device_id":"d3a1b2c4-5e6f-4a7b-8c9d-0e1f2a3b4c5d","part":"dossier",'
        b'"prev_hash":"' + first.prev_hash.encode() + b'","seq":1}'
    )
    assert len(first.hash) == 64
    assert first.hash == compute_hash(first)


def test_time_is_written_in_utc_whatever_zone_it_was_made_in() -> None:
    amsterdam = timezone(timedelta(hours=1))
    one = append(None, at=T0.astimezone(amsterdam), actor="a", device_id=DEVICE,
                 case_id=CASE, action=Action.VIEW, part="pip")  # fmt: skip
    two = append(None, at=T0, actor="a", device_id=DEVICE, case_id=CASE,
                 action=Action.VIEW, part="pip")  # fmt: skip
    assert one.hash == two.hash
    assert one.to_json()["at"] == "2026-03-02T09:30:00.123456Z"


def test_json_round_trip() -> None:
    for entry in chain(7):
        text = json.dumps(entry.to_json())
        assert entry_from_json(json.loads(text)) == entry


def test_genesis_differs_per_chain() -> None:
    assert genesis(CASE, DEVICE) != genesis(CASE, "other-device")
    assert genesis(CASE, DEVICE) != genesis("other-case", DEVICE)


# (field, bad value, id): an entry never holds a value of the case, nor a malformed field
BAD_FIELDS = [
    ("part", "intake.opleiding: MBO-4 in Damascus", "a value instead of a part"),
    ("part", "Intake.Opleiding", "upper case is not a part key"),
    ("part", "", "empty part"),
    ("part", "a" * 121, "part too long"),
    ("actor", "", "no actor"),
    ("actor", "de\u202evries", "bidi override in the actor"),
    ("case_id", "../etc", "case id with a path"),
    ("device_id", "x" * 65, "device id too long"),
    ("seq", 0, "numbers start at 1"),
    ("seq", True, "a bool is no number"),
    ("at", datetime(2026, 3, 2, 9, 30), "a time without zone"),
    ("prev_hash", "A" * 64, "upper-case hex"),
    ("hash", "0" * 63, "short hash"),
]


@pytest.mark.parametrize(("field", "value"), [pytest.param(f, v, id=i) for f, v, i in BAD_FIELDS])
def test_entry_refuses_a_bad_field(field: str, value: object) -> None:
    good = chain(1)[0]
    changes: dict[str, Any] = {field: value}
    with pytest.raises(AuditError) as caught:
        replace(good, **changes)
    assert caught.value.reason.code == "audit_entry_invalid"
    assert caught.value.reason.params["field"] == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.pop("part"), "part"),
        (lambda d: d.update(note="Amal Haddad"), "note"),
        (lambda d: d.update(action="delete"), "action"),
        (lambda d: d.update(at="2026-03-02T09:30:00Z"), "at"),
        (lambda d: d.update(at="2026-02-30T09:30:00.000000Z"), "at"),
        (lambda d: d.update(seq="1"), "seq"),
    ],
    ids=["missing key", "unknown key", "unknown action", "time without micro", "no such day",
         "number as text"],
)  # fmt: skip
def test_entry_from_json_refuses(change: object, field: str) -> None:
    doc = chain(1)[0].to_json()
    change(doc)  # type: ignore[operator]
    with pytest.raises(AuditError) as caught:
        entry_from_json(doc)
    assert caught.value.reason.params["field"] == field


def test_append_refuses_another_chains_head() -> None:
    other = chain(1, device_id="other-device")[0]
    with pytest.raises(AuditError) as caught:
        append(other, at=T0, actor="a", device_id=DEVICE, case_id=CASE,
               action=Action.VIEW, part="pip")  # fmt: skip
    assert caught.value.reason.code == "audit_wrong_chain"


# --- verify: table of single changes ---------------------------------------------------------

C = chain(6)


def _swap(entries: list[AuditEntry], i: int, j: int) -> list[AuditEntry]:
    out = list(entries)
    out[i], out[j] = out[j], out[i]
    return out


# (rows, anchor, expected (position, kind) or None for ok, id)
TABLE = [
    (C, None, None, "untouched"),
    (C, head(C), None, "untouched, matches the office's head"),
    ([], None, None, "empty chain without anchor"),
    ([], head(C), (0, BreakKind.TRUNCATED), "empty chain, the office knows rows"),
    ([*C[:3], replace(C[3], part="pip.gewijzigd"), *C[4:]], None, (3, BreakKind.EDITED),
     "part edited"),
    ([*C[:2], replace(C[2], at=C[2].at + timedelta(seconds=1)), *C[3:]], None,
     (2, BreakKind.EDITED), "time edited"),
    ([*C[:1], replace(C[1], actor="iemand.anders"), *C[2:]], None, (1, BreakKind.EDITED),
     "actor edited"),
    ([*C[:4], rehash(replace(C[4], action=Action.VIEW)), *C[5:]], None, (4, BreakKind.EDITED),
     "edited and re-hashed: the next row's link shows it"),
    ([*C[:5], rehash(replace(C[5], action=Action.VIEW))], head(C), (5, BreakKind.REWRITTEN),
     "last row edited and re-hashed: only the office's head shows it"),
    (C[:2] + C[3:], None, (2, BreakKind.DELETED), "middle row deleted"),
    (C[1:], None, (0, BreakKind.DELETED), "first row deleted"),
    (C[:5], head(C), (5, BreakKind.TRUNCATED), "last row deleted: the office knows it"),
    (C[:5], None, None, "last row deleted, no anchor: a chain cannot know its own end"),
    (_swap(C, 1, 2), None, (1, BreakKind.REORDERED), "adjacent rows swapped"),
    (_swap(C, 0, 5), None, (0, BreakKind.REORDERED), "first and last swapped"),
    ([*C[:3], C[1], *C[3:]], None, (3, BreakKind.INSERTED), "a copy of row 2 inserted"),
    (C[:3] + chain(6, case_id="other-case")[3:4] + C[3:], None, (3, BreakKind.INSERTED),
     "a row of another case's chain inserted"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rows", "anchor", "expected"), [pytest.param(r, a, e, id=i) for r, a, e, i in TABLE]
)
def test_verify_table(
    rows: list[AuditEntry], anchor: Anchor | None, expected: tuple[int, BreakKind] | None
) -> None:
    check = verify(rows, anchor=anchor)
    if expected is None:
        assert check.ok and check.position is None and check.kind is None
        return
    assert not check.ok
    assert (check.position, check.kind) == expected
    assert check.reason is not None
    assert check.reason.code == f"audit_{expected[1].value}"
    assert "De audittrail is gewijzigd" in check.reason.render()


def test_a_whole_chain_recomputed_after_an_edit_is_caught_by_the_anchor() -> None:
    """Anyone can recompute a chain; the office's copy of the head is what catches it."""
    forged = list(C[:2])
    for old in C[2:]:
        forged.append(
            append(
                forged[-1],
                at=old.at,
                actor="iemand.anders",
                device_id=DEVICE,
                case_id=CASE,
                action=old.action,
                part=old.part,
            )
        )
    assert verify(forged).ok  # consistent in itself
    check = verify(forged, anchor=head(C))
    assert (check.position, check.kind) == (5, BreakKind.REWRITTEN)


def test_a_chain_named_by_the_caller_catches_a_foreign_first_row() -> None:
    foreign = chain(3, device_id="other-device")
    assert verify(foreign).ok  # a valid chain, of another device
    check = verify(foreign, case_id=CASE, device_id=DEVICE)
    assert (check.position, check.kind) == (0, BreakKind.INSERTED)
    assert verify(C, case_id=CASE, device_id=DEVICE).ok


def test_extends_is_the_offices_check_on_arrival() -> None:
    assert extends(None, C[0], CASE, DEVICE)
    assert extends(head(C[:3]), C[3], CASE, DEVICE)
    assert not extends(head(C[:3]), C[4], CASE, DEVICE)  # a row skipped
    assert not extends(head(C[:3]), C[3], CASE, "other-device")  # another chain
    assert not extends(head(C[:3]), replace(C[3], part="pip.x"), CASE, DEVICE)  # edited
    assert not extends(None, C[1], CASE, DEVICE)  # not a first row


# --- verify: any single change, generated ---------------------------------------------------

chains = st.integers(min_value=1, max_value=12).map(chain)


@settings(max_examples=300, deadline=None)
@given(chains)
def test_an_untouched_chain_verifies(entries: list[AuditEntry]) -> None:
    assert verify(entries).ok
    assert verify(entries, anchor=head(entries)).ok


EDITS = {
    "seq": lambda e, r: replace(e, seq=e.seq + r.randint(1, 5)),
    "at": lambda e, r: replace(e, at=e.at + timedelta(microseconds=r.randint(1, 10**9))),
    "actor": lambda e, r: replace(e, actor=e.actor + "x"),
    "action": lambda e, r: replace(e, action=next(a for a in Action if a != e.action)),
    "part": lambda e, r: replace(e, part=e.part + ".x"),
    "case_id": lambda e, r: replace(e, case_id="other-case"),
    "device_id": lambda e, r: replace(e, device_id="other-device"),
    "prev_hash": lambda e, r: replace(e, prev_hash=secrets.token_hex(32)),
    "hash": lambda e, r: replace(e, hash=secrets.token_hex(32)),
}


@settings(max_examples=300, deadline=None)
@given(chains, st.data(), st.sampled_from(sorted(EDITS)), st.randoms())
def test_any_single_edit_is_detected_where_it_is(
    entries: list[AuditEntry], data: st.DataObject, field: str, rnd: object
) -> None:
    i = data.draw(st.integers(0, len(entries) - 1))
    changed = list(entries)
    changed[i] = EDITS[field](entries[i], rnd)
    check = verify(changed)
    assert (check.position, check.kind) == (i, BreakKind.EDITED)


@settings(max_examples=300, deadline=None)
@given(chains, st.data())
def test_an_edit_re_hashed_is_detected_at_the_row_edited(
    entries: list[AuditEntry], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(entries) - 1))
    changed = list(entries)
    changed[i] = rehash(replace(entries[i], part="pip.gewijzigd"))
    check = verify(changed, anchor=head(entries))
    expected = BreakKind.REWRITTEN if i == len(entries) - 1 else BreakKind.EDITED
    assert (check.position, check.kind) == (i, expected)


@settings(max_examples=300, deadline=None)
@given(chains, st.data())
def test_any_single_delete_is_detected(entries: list[AuditEntry], data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(entries) - 1))
    changed = entries[:i] + entries[i + 1 :]
    check = verify(changed, anchor=head(entries))
    last = i == len(entries) - 1
    assert (check.position, check.kind) == (i, BreakKind.TRUNCATED if last else BreakKind.DELETED)


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=2, max_value=12).map(chain), st.data())
def test_any_swap_is_detected_at_the_first_row_moved(
    entries: list[AuditEntry], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(entries) - 2))
    j = data.draw(st.integers(i + 1, len(entries) - 1))
    check = verify(_swap(entries, i, j), anchor=head(entries))
    assert (check.position, check.kind) == (i, BreakKind.REORDERED)


def _forged(entries: list[AuditEntry], seq: int, prev: str) -> AuditEntry:
    return rehash(replace(entries[0], seq=seq, prev_hash=prev, part="pip.vervalst"))


@settings(max_examples=400, deadline=None)
@given(chains, st.data(), st.sampled_from(["copy", "linked", "random", "other_chain"]))
def test_any_single_insert_is_detected_where_it_is(
    entries: list[AuditEntry], data: st.DataObject, how: str
) -> None:
    n = len(entries)
    if how == "copy":
        i = data.draw(st.integers(0, n))
        row = entries[data.draw(st.integers(0, n - 1))]
    elif how == "linked":
        # A forger who knows the algorithm: the right number and link for its place,
        # placed before a genuine row (a row appended at the end is a new row to the
        # chain; the office authenticates who sends it).
        i = data.draw(st.integers(0, n - 1))
        prev = entries[i - 1].hash if i else genesis(CASE, DEVICE)
        row = _forged(entries, i + 1, prev)
    elif how == "random":
        i = data.draw(st.integers(0, n))
        seq = data.draw(st.integers(1, n + 5))
        row = _forged(entries, seq, secrets.token_hex(32))
    else:
        i = data.draw(st.integers(0, n))
        row = chain(n, case_id="other-case")[data.draw(st.integers(0, n - 1))]
    changed = [*entries[:i], row, *entries[i:]]
    check = verify(changed, anchor=head(entries))
    assert not check.ok
    if how == "copy" and check.position != i:
        # Two identical rows side by side: either is the copy.
        assert check.position is not None and changed[check.position] == row
        assert check.kind is BreakKind.INSERTED
        return
    assert check.position == i
    if how == "random" and i == n and row.seq > n + 1:
        # At the end, a row whose number skips reads as rows missing before it.
        assert check.kind is BreakKind.DELETED
    else:
        assert check.kind is BreakKind.INSERTED


@pytest.mark.parametrize(
    ("key", "part"),
    [
        ("intake.fysieke_gezondheid.notes", "intake.fysieke_gezondheid"),
        ("intake.opleiding", "intake.opleiding"),
        ("intake", "intake"),
        ("pip.version.3", "pip"),
        ("person.given_names", "person"),
        ("dates.pip_date", "dates"),
        ("doelgroep", "doelgroep"),
        ("progress.uren[2]", "progress"),
        ("Intake.x", WHOLE_CASE),  # not a part token: the case as a whole, never the key
        ("oproep:1.x", WHOLE_CASE),
        ("a" * 121, WHOLE_CASE),
    ],
)
def test_a_field_key_gives_its_field_group_as_part(key: str, part: str) -> None:
    """Issue 16 item 1: "which part", never a value (AVG art. 5 lid 1 c, minimal data)."""
    assert part_of_key(key) == part
    assert PART_PATTERN.fullmatch(part)


def test_every_field_group_the_domain_defines_has_a_label() -> None:
    """The Logboek showed raw tokens ("handover", "uren", "pvt") for parts no label
    named: every key a case can hold, by its group, must have a Dutch label."""
    from inburg_desktop.domain import handhaving, progress_fields, voortgang_fields
    from inburg_desktop.domain.agenda_fields import AGENDA_PREFIX
    from inburg_desktop.domain.retention import FIELD_CATEGORIES
    from inburg_desktop.domain.subject_access import HOUSEHOLD_FIELDS

    keys = [
        *(f"{prefix}x" for prefix in progress_fields.PROGRESS_PREFIXES),
        *(f"{prefix}x" for prefix in progress_fields.AFTERCARE_PREFIXES),
        f"{AGENDA_PREFIX}x",
        f"{handhaving.PREFIX}x",
        f"{voortgang_fields.PREFIX}x",
        "pip.version.1",
        *HOUSEHOLD_FIELDS,
        *(key for key, *_ in FIELD_CATEGORIES),
    ]
    unnamed = sorted(
        {part_of_key(k) for k in keys}
        - set(PART_LABELS)
        - {p for p in map(part_of_key, keys) if p.startswith("intake.")}
    )
    assert unnamed == []
