"""The audit trail's pure core: entries, their canonical form, the hash chain and its check.

Who saw or changed which part of a case, when, from which device (AVG art. 5 lid 2 and
art. 32: the municipality must be able to show it; Wet art. 37 lid 2: access to health
data only for staff who need it). Storage, sync and the office only store, carry and show
what is defined here.

**An entry** (:class:`AuditEntry`) records one act: ``seq`` (its number in its chain,
from 1), ``at`` (UTC), ``actor`` (the consultant), ``device_id``, ``case_id``, ``action``
(:class:`Action`) and ``part``: *which part* of the case (a topic or field group such as
``intake.fysieke_gezondheid`` or ``pip``), never a value. ``part`` is a key-like token
(:data:`PART_PATTERN`), so a name or a note cannot end up in the trail by mistake.

**The hash chain.** ``hash = SHA-256(prev_hash ‖ "\\n" ‖ canonical(entry))`` in lower-case
hex, where ``canonical`` (:func:`canonical_bytes`) is the entry without its hash as
compact JSON with sorted keys in UTF-8, the time as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``.
Editing a field changes the hash; removing, inserting or moving a row breaks the link of
the row after it or its number.

**One chain per case per device.** The genesis (the ``prev_hash`` of entry 1) is
:func:`genesis` of ``(case_id, device_id)``. Why not one chain per case: several devices
of one consultant write entries for the same case while offline, so a single chain per
case would fork and could only be joined by rewriting it. Why not one chain per device:
a laptop purges a case after sync and the office deletes a case when its retention ends
(Besluit art. 9.9); in a device-wide chain that would cut holes into every other case's
proof, and a subject-access export of one case could not be verified on its own. Per
(case, device), a purge removes whole chains and leaves the rest intact; the office
checks on arrival that an incoming entry extends the head it holds for that chain
(:func:`extends`); an exported case carries its chains, each verifiable alone.

**What a hash chain can and cannot prove.** Anyone who knows this module can recompute
a whole chain after editing it; the chain alone proves only that the rows are consistent.
Tampering after a row left the device is caught against an **anchor**: a head
(``seq``, ``hash``) kept elsewhere, in practice the office's copy of the last synced
entry. :func:`verify` with ``anchor`` reports a chain that was recomputed (``rewritten``)
or cut short (``truncated``). Without an anchor, removing the last rows or the whole chain
cannot be seen, which is why the office checks on arrival and keeps its own copy.

The Dutch texts here are msgids marked ``N_``: the app's "Logboek" and ``inburg audit``
show them (the reasons of a broken chain, the names of acts and parts).
"""

from __future__ import annotations

import enum
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from inburg_desktop.domain.iso_date import parse_iso_moment
from inburg_desktop.domain.safe_text import label_problem
from inburg_desktop.domain.text import N_, Reason

FORMAT = "inburg-audit/1"
"""Hashed into every genesis and entry: a later format cannot be mistaken for this one."""
ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-]{0,63}")
"""A case or device id: the sync protocol's case-id rule (1–64 letters, digits, - and _)."""
PART_PATTERN = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_\-]+)*")
"""A part of a case: lower-case key segments joined by dots (``intake.mentale_gezondheid``)."""
MAX_PART = 120
MAX_ACTOR = 200
HASH_PATTERN = re.compile(r"[0-9a-f]{64}")
TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
# re.ASCII: a bare \d takes every script's digits (Arabic-Indic too: attack round 4)
_TIME_PATTERN = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z", re.ASCII)
WHOLE_CASE = "dossier"
"""The ``part`` of an act on the case as a whole (an export, a sync, a print of all)."""


TOPIC_PREFIXES = frozenset({"intake"})
"""Field-key prefixes whose second segment names the part (an intake topic)."""
_SEGMENT = re.compile(r"[a-z0-9_]+")


def part_of_key(key: str) -> str:
    """The part of the case a field key belongs to: the field group, never a value.

    ``intake.<topic>.…`` gives ``intake.<topic>``; any other key its first segment
    (``pip.version.3`` gives ``pip``, ``person.given_names`` gives ``person``,
    ``doelgroep`` gives ``doelgroep``). A key whose segments are no part token (upper
    case, brackets) gives :data:`WHOLE_CASE`, so the result always fits
    :data:`PART_PATTERN`.
    """
    segments = key.split(".")
    head = segments[0]
    if not _SEGMENT.fullmatch(head) or len(head) > MAX_PART:
        return WHOLE_CASE
    if head in TOPIC_PREFIXES and len(segments) > 1 and _SEGMENT.fullmatch(segments[1]):
        topic = f"{head}.{segments[1]}"
        return topic if len(topic) <= MAX_PART else head
    return head


class Action(enum.StrEnum):
    """What was done to the part (issue 16: view, change, export, print, sync)."""

    CREATE = "create"  # the case was made here (new, or a handover file imported)
    VIEW = "view"  # the part was shown on screen
    CHANGE = "change"  # the part was changed (any edit, a conflict resolved)
    EXPORT = "export"  # written to a file outside the vault (inburg-case/1, PDF)
    PRINT = "print"  # a PDF made to print or hand over (the PIP, the annex)
    SYNC = "sync"  # sent to or received from the office
    IMPORT = "import"  # arrived in an inburg-case/1 document (a transfer)


ACTION_LABELS = {
    Action.CREATE: N_("aangemaakt"),
    Action.VIEW: N_("bekeken"),
    Action.CHANGE: N_("gewijzigd"),
    Action.EXPORT: N_("geëxporteerd"),
    Action.PRINT: N_("afgedrukt"),
    Action.SYNC: N_("gesynchroniseerd"),
    Action.IMPORT: N_("geïmporteerd"),
}
"""What was done, as the trail shows it (Dutch msgids)."""

PART_LABELS = {
    WHOLE_CASE: N_("het hele dossier"),
    "intake": N_("intake"),
    "pip": N_("PIP"),
    "progress": N_("voortgang (uren, examens, ontzorgen, nazorg)"),
    "voortgang": N_("voortgangsgesprek"),
    "handhaving": N_("handhaving"),
    "person": N_("persoonsgegevens"),
    "dates": N_("datums"),
    "doelgroep": N_("doelgroep"),
    "dossiergegevens": N_("dossiergegevens"),
    "nazorg": N_("nazorg"),
    "oproep": N_("oproepen"),
    "session": N_("intakegesprekken"),
    "attachment": N_("bijlagen"),
    "attachments": N_("bijlagen"),
    "logboek": N_("logboek"),
    "handover": N_("warme overdracht (COA)"),
    "household": N_("huishouden"),
    "agenda": N_("agenda"),
    "uren": N_("voortgang: gevolgde uren"),
    "pvt": N_("voortgang: PVT"),
    "map": N_("voortgang: MAP"),
    "examen": N_("voortgang: examens"),
    "zroute": N_("voortgang: Z-route"),
    "ontzorgen": N_("ontzorgen"),
    "uitkomst": N_("uitkomst van de inburgering"),
    "lening": N_("lening"),
    "gemeente": N_("gemeente"),
}
"""The parts a trail names, as it shows them (Dutch msgids); an intake topic is shown
as "intake: <the topic's title>" (:data:`INTAKE_TOPIC_LABEL`), any other part as its
token."""
INTAKE_TOPIC_LABEL = N_("intake: {topic}")


class AuditError(ValueError):
    """An entry that cannot be made or read; ``reason`` names the field and the rule."""

    def __init__(self, reason: Reason) -> None:
        super().__init__(reason.code)
        self.reason = reason


def _refuse(field: str, text: str, **params: object) -> AuditError:
    """An entry refused: ``text`` a Dutch msgid naming ``{field}``."""
    return AuditError(Reason.of("audit_entry_invalid", text, field=field, **params))


def format_time(at: datetime) -> str:
    """``at`` (timezone-aware) in UTC as ``YYYY-MM-DDTHH:MM:SS.ffffffZ``: one spelling."""
    return at.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text: object, field: str = "at") -> datetime:
    """The UTC time written by :func:`format_time`; :class:`AuditError` for anything else."""
    if not isinstance(text, str) or not _TIME_PATTERN.fullmatch(text):
        raise _refuse(
            field, N_("Auditregel: {field} moet een UTC-tijd zijn als JJJJ-MM-DDTuu:mm:ss.ffffffZ")
        )
    try:
        return parse_iso_moment(text, zone="required")
    except ValueError:
        raise _refuse(field, N_("Auditregel: {field} bestaat niet als tijdstip")) from None


def genesis(case_id: str, device_id: str) -> str:
    """The ``prev_hash`` of entry 1 in the chain of ``case_id`` written on ``device_id``.

    SHA-256 over ``FORMAT``, NUL, the case id, NUL, the device id (hex). Distinct per
    chain, so an entry cannot be moved into another case's or device's chain unnoticed.
    """
    return hashlib.sha256(f"{FORMAT}\x00{case_id}\x00{device_id}".encode()).hexdigest()


@dataclass(frozen=True)
class AuditEntry:
    """One act on one part of a case; see the module docstring for the fields.

    Construct through :func:`append` (which numbers, links and hashes it) or
    :func:`entry_from_json` (which checks a stored or received one). The constructor
    checks every field's form and raises :class:`AuditError`; it does not check the hash,
    which is :func:`verify`'s job.
    """

    seq: int
    at: datetime
    actor: str
    device_id: str
    case_id: str
    action: Action
    part: str
    prev_hash: str
    hash: str

    def __post_init__(self) -> None:
        if isinstance(self.seq, bool) or not isinstance(self.seq, int) or self.seq < 1:
            raise _refuse("seq", N_("Auditregel: {field} moet een geheel getal vanaf 1 zijn"))
        if not isinstance(self.at, datetime) or self.at.utcoffset() is None:
            raise _refuse("at", N_("Auditregel: {field} moet een tijdstip met tijdzone zijn"))
        if (
            not isinstance(self.actor, str)
            or not self.actor.strip()
            or len(self.actor) > MAX_ACTOR
            or label_problem(self.actor) is not None
        ):
            raise _refuse(
                "actor",
                N_("Auditregel: {field} moet een naam van hoogstens {max} tekens zijn"),
                max=MAX_ACTOR,
            )
        for name in ("device_id", "case_id"):
            value = getattr(self, name)
            if not isinstance(value, str) or not ID_PATTERN.fullmatch(value):
                raise _refuse(
                    name, N_("Auditregel: {field} moet 1 tot 64 letters, cijfers, - of _ zijn")
                )
        if not isinstance(self.action, Action):
            raise _refuse("action", N_("Auditregel: {field} is geen bekende handeling"))
        if (
            not isinstance(self.part, str)
            or len(self.part) > MAX_PART
            or not PART_PATTERN.fullmatch(self.part)
        ):
            raise _refuse(
                "part",
                N_(
                    "Auditregel: {field} moet een onderdeel zijn zoals intake.opleiding, "
                    "geen waarde"
                ),
            )
        for name in ("prev_hash", "hash"):
            value = getattr(self, name)
            if not isinstance(value, str) or not HASH_PATTERN.fullmatch(value):
                raise _refuse(
                    name,
                    N_(
                        "Auditregel: {field} moet een SHA-256 in 64 kleine hexadecimale tekens zijn"
                    ),
                )

    def body(self) -> dict[str, Any]:
        """The entry without its own hash: what :func:`canonical_bytes` spells."""
        return {
            "seq": self.seq,
            "at": format_time(self.at),
            "actor": self.actor,
            "device_id": self.device_id,
            "case_id": self.case_id,
            "action": self.action.value,
            "part": self.part,
            "prev_hash": self.prev_hash,
        }

    def to_json(self) -> dict[str, Any]:
        """The entry as a JSON object (storage, sync, ``inburg audit --json``)."""
        return {**self.body(), "hash": self.hash}


def canonical_bytes(body: Mapping[str, Any]) -> bytes:
    """The one spelling of an entry body: compact JSON, sorted keys, UTF-8 (not escaped)."""
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def compute_hash(entry: AuditEntry) -> str:
    """SHA-256 (hex) over the previous hash, a newline and the canonical entry body."""
    digest = hashlib.sha256(entry.prev_hash.encode("ascii") + b"\n")
    digest.update(canonical_bytes(entry.body()))
    return digest.hexdigest()


def append(
    head: AuditEntry | None,
    *,
    at: datetime,
    actor: str,
    device_id: str,
    case_id: str,
    action: Action,
    part: str,
) -> AuditEntry:
    """The next entry of a chain whose last entry is ``head`` (``None``: a new chain).

    Numbers it ``head.seq + 1`` (or 1), links it to ``head.hash`` (or :func:`genesis`)
    and hashes it. Raises :class:`AuditError` for a bad field, or when ``head`` belongs to
    another case or device (``audit_wrong_chain``).
    """
    if head is not None and (head.case_id, head.device_id) != (case_id, device_id):
        raise AuditError(
            Reason(
                "audit_wrong_chain",
                N_(
                    "Een auditregel kan alleen volgen op een regel van hetzelfde dossier "
                    "en apparaat"
                ),
            )
        )
    unhashed = AuditEntry(
        seq=1 if head is None else head.seq + 1,
        at=at,
        actor=actor,
        device_id=device_id,
        case_id=case_id,
        action=action,
        part=part,
        prev_hash=genesis(case_id, device_id) if head is None else head.hash,
        hash="0" * 64,
    )
    return replace(unhashed, hash=compute_hash(unhashed))


_ENTRY_KEYS = frozenset(
    ("seq", "at", "actor", "device_id", "case_id", "action", "part", "prev_hash", "hash")
)


def entry_from_json(doc: object) -> AuditEntry:
    """An entry from its JSON object (as :meth:`AuditEntry.to_json` wrote it).

    Every key is required and no other is allowed (an entry is hashed whole; a key the
    hash does not cover would be unprotected). Raises :class:`AuditError` naming the field.
    """
    if not isinstance(doc, dict):
        raise _refuse("(regel)", N_("Auditregel: {field} moet een object zijn"))
    unknown = sorted(set(doc) - _ENTRY_KEYS)
    if unknown:
        raise _refuse(
            str(unknown[0])[:40], N_("Auditregel: {field} is geen veld van een auditregel")
        )
    missing = sorted(_ENTRY_KEYS - set(doc))
    if missing:
        raise _refuse(missing[0], N_("Auditregel: {field} ontbreekt"))
    try:
        action = Action(doc["action"])
    except ValueError:
        raise _refuse("action", N_("Auditregel: {field} is geen bekende handeling")) from None
    return AuditEntry(
        seq=doc["seq"],
        at=parse_time(doc["at"]),
        actor=doc["actor"],
        device_id=doc["device_id"],
        case_id=doc["case_id"],
        action=action,
        part=doc["part"],
        prev_hash=doc["prev_hash"],
        hash=doc["hash"],
    )


class BreakKind(enum.StrEnum):
    """How a chain is broken, as the most likely single change that explains it."""

    EDITED = "edited"  # a row's content no longer matches its hash, or was re-hashed
    DELETED = "deleted"  # rows are missing before this one (its number skips)
    INSERTED = "inserted"  # this row does not belong: a copy, a forgery, another chain's
    REORDERED = "reordered"  # this row stands before a row that should precede it
    TRUNCATED = "truncated"  # the chain ends before the anchor: its last rows are gone
    REWRITTEN = "rewritten"  # consistent, but not the chain the anchor confirmed


@dataclass(frozen=True)
class Anchor:
    """A head known from elsewhere (the office's copy): entry ``seq`` had ``hash``."""

    seq: int
    hash: str


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of :func:`verify`.

    ``ok`` when unbroken. Otherwise ``position`` is the 0-based index, in the sequence
    given, of the first row found bad (for ``truncated``: the length of the sequence,
    where the missing rows would be) and ``kind`` how; ``reason`` says it in Dutch with
    the row number (``position + 1``) and the entry's ``seq`` where there is one.
    """

    ok: bool
    position: int | None = None
    kind: BreakKind | None = None
    reason: Reason | None = None

    def break_json(self) -> dict[str, Any] | None:
        """Where and how the chain is broken, for scripts (``inburg audit --json``,
        ``inburg-office audit --json``): ``kind``, ``row`` (1-based, in stored order),
        ``seq``, ``code`` and the Dutch ``message``; ``None`` when it is intact."""
        if self.ok or self.reason is None or self.kind is None:
            return None
        return {
            "kind": self.kind.value,
            "row": (self.position or 0) + 1,
            "seq": int(self.reason.params.get("seq", "0")),
            "code": self.reason.code,
            "message": self.reason.render(),
        }


_TEXTS = {
    BreakKind.EDITED: N_(
        "De audittrail is gewijzigd: regel {row} (nummer {seq}) is na het vastleggen aangepast"
    ),
    BreakKind.DELETED: N_(
        "De audittrail is gewijzigd: vóór regel {row} (nummer {seq}) ontbreken regels"
    ),
    BreakKind.INSERTED: N_(
        "De audittrail is gewijzigd: regel {row} (nummer {seq}) hoort niet in deze keten"
    ),
    BreakKind.REORDERED: N_(
        "De audittrail is gewijzigd: regel {row} (nummer {seq}) staat niet op zijn plaats"
    ),
    BreakKind.TRUNCATED: N_(
        "De audittrail is gewijzigd: de keten eindigt bij nummer {seq}, maar het kantoor "
        "kent regels tot en met nummer {anchor_seq}"
    ),
    BreakKind.REWRITTEN: N_(
        "De audittrail is gewijzigd: regel {row} (nummer {seq}) is niet de regel die het "
        "kantoor bevestigde; de keten is tot en met die regel opnieuw berekend"
    ),
}


def _broken(kind: BreakKind, position: int, seq: int, **extra: str) -> ChainCheck:
    params = {"row": str(position + 1), "seq": str(seq), **extra}
    return ChainCheck(
        False, position, kind, Reason.of(f"audit_{kind.value}", _TEXTS[kind], **params)
    )


def entry_from_fields(source: object) -> AuditEntry:
    """An entry from an object that carries its fields as attributes (a stored row),
    checked as :func:`entry_from_json` checks one."""
    return entry_from_json({key: getattr(source, key) for key in _ENTRY_KEYS})


def verify_stored(
    rows: Sequence[object], *, anchor: Anchor | None, case_id: str, device_id: str
) -> tuple[tuple[AuditEntry, ...], ChainCheck]:
    """:func:`verify` over stored rows (:func:`entry_from_fields`), in stored order.

    A row that is no entry at all (a field no longer of its form, such as a value written
    into ``part``) is reported ``edited`` where it stands; the entries read before it
    are returned with that verdict."""
    entries: list[AuditEntry] = []
    for position, row in enumerate(rows):
        try:
            entries.append(entry_from_fields(row))
        except (AuditError, TypeError):
            seq = getattr(row, "seq", 0)
            return tuple(entries), _broken(
                BreakKind.EDITED, position, seq if isinstance(seq, int) else 0
            )
    return tuple(entries), verify(entries, anchor=anchor, case_id=case_id, device_id=device_id)


def verify(
    entries: Sequence[AuditEntry],
    *,
    anchor: Anchor | None = None,
    case_id: str | None = None,
    device_id: str | None = None,
) -> ChainCheck:
    """Check one chain (one case, one device), in stored order, from its first entry.

    Finds the first bad row and the most likely single change behind it:

    * ``edited``: the row's content does not give its hash (changed in place), or the
      next row links to a hash no row has (this row was changed and re-hashed);
    * ``deleted``: the row's number skips and the missing numbers are nowhere;
    * ``inserted``: a row whose number another row also has and that nothing links to
      (a copy or a forgery), a row of another case or device, or a row that follows the
      previous one but carries a wrong number or a link to no row;
    * ``reordered``: the row's number is not the next one, and the next one comes later;
    * with ``anchor``: ``truncated`` when the anchor's entry is missing at the end,
      ``rewritten`` when it is there with another hash (the chain was recomputed).

    ``case_id`` and ``device_id`` name the chain expected (the office knows which chain
    it asked for); without them the first entry's are taken. An empty sequence is ok
    without an anchor. Timestamps are not judged: a laptop clock may be set back without
    anyone tampering.
    """
    if not entries:
        if anchor is not None:
            return _broken(BreakKind.TRUNCATED, 0, 0, anchor_seq=str(anchor.seq))
        return ChainCheck(True)
    case_id = entries[0].case_id if case_id is None else case_id
    device_id = entries[0].device_id if device_id is None else device_id
    hashes = {e.hash for e in entries}
    linked_to = [e.prev_hash for e in entries]
    positions: dict[int, list[int]] = {}
    for index, entry in enumerate(entries):
        positions.setdefault(entry.seq, []).append(index)
    prev_hash = genesis(case_id, device_id)
    expected = 1
    for i, entry in enumerate(entries):
        if compute_hash(entry) != entry.hash:
            return _broken(BreakKind.EDITED, i, entry.seq)
        if (entry.case_id, entry.device_id) != (case_id, device_id):
            return _broken(BreakKind.INSERTED, i, entry.seq)
        twins = positions[entry.seq]
        if len(twins) > 1:
            bad = _inserted_twin(entries, twins, i, linked_to, anchor)
            if bad is not None:
                return _broken(BreakKind.INSERTED, bad, entries[bad].seq)
        if entry.seq == expected and entry.prev_hash == prev_hash:
            prev_hash, expected = entry.hash, expected + 1
            continue
        if len(twins) > 1:
            return _broken(BreakKind.INSERTED, i, entry.seq)
        if entry.seq == expected:
            if i > 0 and entry.prev_hash not in hashes and not _confirmed(entries[i - 1], anchor):
                # It links to a version of the row before that is no longer here.
                return _broken(BreakKind.EDITED, i - 1, entries[i - 1].seq)
            return _broken(BreakKind.INSERTED if i > 0 else BreakKind.EDITED, i, entry.seq)
        if entry.prev_hash == prev_hash:
            return _broken(BreakKind.INSERTED, i, entry.seq)  # follows, but a wrong number
        if entry.seq > expected and expected in positions:
            later = entry.prev_hash in hashes
            return _broken(BreakKind.REORDERED if later else BreakKind.INSERTED, i, entry.seq)
        if entry.seq > expected:
            return _broken(BreakKind.DELETED, i, entry.seq)
        return _broken(BreakKind.REORDERED, i, entry.seq)
    if anchor is not None:
        return _against_anchor(entries, anchor, positions)
    return ChainCheck(True)


def _inserted_twin(
    entries: Sequence[AuditEntry],
    twins: list[int],
    current: int,
    linked_to: list[str],
    anchor: Anchor | None,
) -> int | None:
    """Of rows sharing one number, the position of the one that does not belong, when
    that can be told and it lies at or before ``current``; else ``None``.

    The genuine row is the one a later row links to, or the one the anchor confirms.
    Exact copies (one hash) are left to the walk: the copy is the one out of place.
    """
    by_hash = {entries[p].hash for p in twins}
    if len(by_hash) == 1:
        return None
    genuine = {
        entries[p].hash
        for p in twins
        if entries[p].hash in linked_to[p + 1 :] or _confirmed(entries[p], anchor)
    }
    if len(genuine) != 1:
        return None
    impostors = [p for p in twins if entries[p].hash not in genuine]
    if impostors and impostors[0] <= current:
        return impostors[0]
    return None


def _confirmed(entry: AuditEntry, anchor: Anchor | None) -> bool:
    return anchor is not None and (anchor.seq, anchor.hash) == (entry.seq, entry.hash)


def _against_anchor(
    entries: Sequence[AuditEntry], anchor: Anchor, positions: Mapping[int, list[int]]
) -> ChainCheck:
    at = positions.get(anchor.seq)
    if at is None:
        last = entries[-1].seq
        return _broken(BreakKind.TRUNCATED, len(entries), last, anchor_seq=str(anchor.seq))
    index = at[0]
    if entries[index].hash != anchor.hash:
        return _broken(BreakKind.REWRITTEN, index, anchor.seq)
    return ChainCheck(True)


def extends(head: Anchor | None, entry: AuditEntry, case_id: str, device_id: str) -> bool:
    """Whether ``entry`` may be appended to the chain whose head the office holds.

    The office's check on arrival: the entry belongs to the chain of (``case_id``,
    ``device_id``), carries the next number, links to ``head`` (or to :func:`genesis` for
    a first entry when ``head`` is ``None``) and its hash matches its content.
    """
    if (entry.case_id, entry.device_id) != (case_id, device_id):
        return False
    expected_seq = 1 if head is None else head.seq + 1
    expected_prev = genesis(case_id, device_id) if head is None else head.hash
    return (
        entry.seq == expected_seq
        and entry.prev_hash == expected_prev
        and compute_hash(entry) == entry.hash
    )
