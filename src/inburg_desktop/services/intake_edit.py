"""Writing the brede intake: answers, the consultant's marks, and when a topic was discussed.

Every write goes through ``storage.cases.update_fields`` (one transaction, outbox included).
Answers carry the catalogue version and the prompt id they answer (issue 3, item 1); the
key scheme is the one in ``services.intake_progress``:

- ``intake.<topic>.<field>``: an answer (str, int, bool, list, list of dicts for groups);
- ``intake.<topic>._parked`` / ``._covered``: the consultant's marks (``True`` or absent);
- ``intake.<topic>._discussed``: the ISO datetimes (minutes) when the topic was discussed.

An empty answer (``""``, ``[]``, ``None``) clears the field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from inburg_desktop.domain.intake import TopicState
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.problem import InputRefused
from inburg_desktop.prompts.catalogue import Catalogue, Field, FieldType, Topic
from inburg_desktop.services.intake_progress import (
    COVERED,
    DISCUSSED,
    PARKED,
    answered,
    field_key,
    state_of,
    topic_answers,
)
from inburg_desktop.services.vault_session import Vault
from inburg_desktop.storage.cases import COA_SOURCE as COA_SOURCE  # the UI marks COA data
from inburg_desktop.storage.cases import StoredCase as StoredCase
from inburg_desktop.storage.cases import get_case, update_fields
from inburg_desktop.storage.changes import FieldMeta as FieldMeta
from inburg_desktop.storage.stale_writes import apply_screen_edit
from inburg_desktop.storage.tables import FieldRow

Patch = dict[str, Any]
Meta = dict[str, FieldMeta]


def answer_meta(catalogue: Catalogue, item: Field, source: str = "consultant") -> FieldMeta:
    """Provenance of an answer: who gave it, the catalogue version and the prompt answered."""
    return FieldMeta(
        source=source,
        confirmed=True,
        catalogue_version=catalogue.version,
        prompt_id=item.prompt_id,
    )


def stored_value(value: Any) -> Any:
    """``None`` for an empty answer (so the field is cleared), else the value."""
    return value if answered(value) else None


class AnswerRefused(InputRefused):
    """An answer its catalogue field cannot hold; nothing is written. Code
    ``input_refused`` (the message catalogue says it); ``reason`` says which rule, for the
    log: out_of_range, not_integer, not_boolean, not_option, not_date, not_text,
    not_rows, unknown_sub_field. The intake screen refuses such input at the field before
    it gets here."""

    def __init__(self, item: Field, reason: str) -> None:
        super().__init__()
        self.item = item
        self.reason = reason


def check_answer(item: Field, value: Any) -> None:
    """Raise :class:`AnswerRefused` unless ``value`` fits ``item``'s type: a whole number
    within the catalogue's ``min``/``max`` (inclusive), one of its options, an ISO date,
    text, yes/no, or group rows of the group's sub-fields. ``None`` (empty) always fits."""
    if value is None:
        return
    kind = item.type
    if kind is FieldType.INTEGER:
        if isinstance(value, bool) or not isinstance(value, int):
            raise AnswerRefused(item, "not_integer")
        low = item.minimum if item.minimum is not None else value
        high = item.maximum if item.maximum is not None else value
        if not low <= value <= high:
            raise AnswerRefused(item, "out_of_range")
    elif kind is FieldType.BOOLEAN:
        if not isinstance(value, bool):
            raise AnswerRefused(item, "not_boolean")
    elif kind is FieldType.CHOICE:
        if value not in item.option_values():
            raise AnswerRefused(item, "not_option")
    elif kind is FieldType.MULTICHOICE:
        if not isinstance(value, list) or not set(value) <= set(item.option_values()):
            raise AnswerRefused(item, "not_option")
    elif kind is FieldType.DATE:
        if not isinstance(value, str):
            raise AnswerRefused(item, "not_date")
        try:
            parse_iso_date(value)
        except ValueError:
            raise AnswerRefused(item, "not_date") from None
    elif kind in (FieldType.TEXT, FieldType.LONGTEXT):
        if not isinstance(value, str):
            raise AnswerRefused(item, "not_text")
    elif kind is FieldType.GROUP:
        if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
            raise AnswerRefused(item, "not_rows")
        for row in value:
            for sub_id, sub_value in row.items():
                try:
                    sub = item.sub_field(sub_id)
                except KeyError:
                    raise AnswerRefused(item, "unknown_sub_field") from None
                check_answer(sub, sub_value)


def answer_patch(
    catalogue: Catalogue, topic_id: str, field_id: str, value: Any, source: str = "consultant"
) -> tuple[Patch, Meta]:
    """The patch for one answer; raises ``KeyError`` for a field not in the catalogue and
    :class:`AnswerRefused` for a value the field cannot hold (see :func:`check_answer`)."""
    item = catalogue.field(topic_id, field_id)
    check_answer(item, stored_value(value))
    key = field_key(topic_id, field_id)
    return {key: stored_value(value)}, {key: answer_meta(catalogue, item, source)}


def mark_patch(topic_id: str, mark: str, on: bool) -> Patch:
    if mark not in (PARKED, COVERED):
        raise ValueError(f"unknown mark {mark!r}")
    return {field_key(topic_id, mark): True if on else None}


def discussed_patch(fields: Mapping[str, Any], topic_id: str, when: datetime) -> Patch:
    """Append ``when`` (to the minute) to the topic's discussed moments, once."""
    key = field_key(topic_id, DISCUSSED)
    moments = list(fields.get(key) or [])
    stamp = when.replace(second=0, microsecond=0).isoformat(timespec="minutes")
    if stamp in moments:
        return {}
    return {key: [*moments, stamp]}


def save(
    session: Session,
    case_id: str,
    patch: Patch,
    meta: Meta | None = None,
    *,
    seen_version: int | None = None,
) -> int:
    """Write a patch in the caller's transaction; returns the case's new version.

    ``seen_version``: the office version the intake screen loaded (an edit on a view older
    than the last sync becomes a conflict at the office, never a silent overwrite).
    """
    return update_fields(session, case_id, patch, meta or {}, seen_version=seen_version)


def save_from_screen(
    session: Session,
    case_id: str,
    patch: Patch,
    meta: Meta | None = None,
    *,
    started: Mapping[str, Any],
    seen_version: int | None = None,
) -> list[str]:
    """Write an edit from the intake screen in the caller's transaction; returns the keys
    kept as conflicts because the vault changed underneath the screen (a sync or a
    conflict resolution since the screen showed ``started[key]``), never overwritten.
    See ``storage.stale_writes``."""
    return apply_screen_edit(
        session, case_id, patch, meta or {}, started=started, seen_version=seen_version
    )


@dataclass(frozen=True)
class CoverCheck:
    """Whether a topic may be marked covered, and if not, the labels of what is missing."""

    ok: bool
    missing_labels: tuple[str, ...]
    nothing_recorded: bool


def cover_check(fields: Mapping[str, Any], topic: Topic) -> CoverCheck:
    """Marking covered needs every required field and something recorded (domain rule)."""
    answers = topic_answers(fields, topic)
    given = {k: v for k, v in answers.items() if answered(v)}
    missing = tuple(
        topic.field(fid).label for fid in topic.required_field_ids(answers) if fid not in given
    )
    return CoverCheck(not missing and bool(given), missing, not given)


def states(fields: Mapping[str, Any], catalogue: Catalogue) -> dict[str, TopicState]:
    return {topic.id: state_of(fields, topic) for topic in catalogue.topics}


def field_meta(session: Session, case_id: str, prefix: str = "") -> dict[str, FieldMeta]:
    """The provenance of a case's fields (source, confirmed, catalogue version, prompt)."""
    stmt = select(
        FieldRow.key,
        FieldRow.source,
        FieldRow.confirmed,
        FieldRow.catalogue_version,
        FieldRow.prompt_id,
    ).where(FieldRow.case_id == case_id)
    if prefix:
        stmt = stmt.where(FieldRow.key.startswith(prefix, autoescape=True))
    return {
        key: FieldMeta(source, bool(confirmed), version, prompt)
        for key, source, confirmed, version, prompt in session.execute(stmt)
    }


def load_intake(session: Session, case_id: str) -> tuple[StoredCase, dict[str, FieldMeta]]:
    """A case with the provenance of its fields (one read for the intake screen)."""
    return get_case(session, case_id), field_meta(session, case_id)


@dataclass(frozen=True)
class LoadedIntake:
    """A case as the intake window shows it: its fields and their provenance."""

    stored: StoredCase
    meta: dict[str, FieldMeta]


def open_intake(vault: Vault, case_id: str) -> LoadedIntake:
    """Read a case and the provenance of its fields in one session (``NoSuchCase``)."""
    with vault.session() as session:
        stored, meta = load_intake(session, case_id)
    return LoadedIntake(stored, meta)


def save_edits(
    vault: Vault,
    case_id: str,
    patch: Patch,
    meta: Meta | None = None,
    *,
    seen_version: int | None = None,
) -> int:
    """Autosave: one transaction with the fields and the outbox entry; returns the case's
    new version. Raises ``FieldRefused`` or a ``VaultError`` kind; nothing written then."""
    with vault.transaction() as session:
        return save(session, case_id, patch, meta, seen_version=seen_version)


def save_screen_edits(
    vault: Vault,
    case_id: str,
    patch: Patch,
    meta: Meta | None = None,
    *,
    started: Mapping[str, Any],
    seen_version: int | None = None,
) -> list[str]:
    """Autosave from the intake screen: :func:`save_from_screen` in its own transaction;
    returns the keys kept as conflicts because the vault changed underneath the screen.
    Raises ``FieldRefused`` or a ``VaultError`` kind; nothing written then."""
    with vault.transaction() as session:
        return save_from_screen(
            session, case_id, patch, meta, started=started, seen_version=seen_version
        )
