"""What a case field may hold, by its kind: the one check a value passes before it is
written from a screen other than its own editor (a conflict's choice or merge), and the
description a screen needs to offer only valid values (a choice as its labels, a number
within its range, a date as a date).

Field kinds come from where the field is defined: identity keys from the case's columns
(``storage.changes``: dates, the doelgroep and residence basis enums), intake answers from
the prompt catalogue (``prompts.catalogue.FieldType``, with options and ranges), the
intake's marks from ``services.intake_progress``. A key of none of these (an oproep, a PIP
version) is "other": any JSON value one of its sides already held.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from inburg_desktop.domain.case import Doelgroep, ResidenceBasis
from inburg_desktop.domain.handhaving import PREFIX as HANDHAVING_PREFIX
from inburg_desktop.domain.iso_date import parse_iso_date
from inburg_desktop.domain.problem import InputRefused
from inburg_desktop.domain.progress_fields import (
    ART57,
    BUDGETTRAINING,
    is_aftercare_field,
    is_progress_field,
)
from inburg_desktop.domain.progress_fields import value_problem as progress_problem
from inburg_desktop.domain.text import N_
from inburg_desktop.domain.voortgang_fields import (
    GEHOUDEN,
    GEPLAND,
    MAX_PIP_VERSIE,
    NOTITIES,
    PIP_VERSIE,
    STAND,
    VERVOLG,
)
from inburg_desktop.domain.voortgang_fields import parse_key as parse_talk_key
from inburg_desktop.formatting import STAND_LABELS, TEVREDENHEID_LABELS
from inburg_desktop.prompts.catalogue import Catalogue, Field, FieldType
from inburg_desktop.protocol.field_rules import FieldRefused
from inburg_desktop.protocol.field_rules import check_field as office_check
from inburg_desktop.services.agenda_state import AGENDA_PREFIX, AgendaStateRefused
from inburg_desktop.services.agenda_state import check_stored as check_agenda_state
from inburg_desktop.services.household import HOUSEHOLD_KEY, HouseholdRefused, check_stored
from inburg_desktop.services.intake_progress import COVERED, DISCUSSED, PARKED
from inburg_desktop.services.text_merge import has_markers
from inburg_desktop.storage.changes import DATE_COLUMNS, REQUIRED_COLUMNS, PatchError, check_field

DOELGROEP_LABELS = {
    Doelgroep.STATUSHOUDER.value: N_("statushouder"),
    Doelgroep.GEZINSMIGRANT.value: N_("gezinsmigrant"),
    Doelgroep.OVERIGE_MIGRANT.value: N_("overige migrant"),
}
RESIDENCE_LABELS = {
    ResidenceBasis.ASIEL.value: N_("Asiel (statushouder, nareiziger)"),
    ResidenceBasis.GEZIN.value: N_("Gezin (gezinsmigratie)"),
    ResidenceBasis.EU_FAMILIELID.value: N_("Familielid van een EU-burger (EU-verblijfsrecht)"),
    ResidenceBasis.TIJDELIJK_DOEL.value: N_("Tijdelijk doel (werk, studie, …; Besluit art. 2.2)"),
    ResidenceBasis.OVERIG.value: N_("Overig niet-tijdelijk verblijf"),
}
BOOLEAN_LABELS = ((True, N_("Ja")), (False, N_("Nee")))

TEXT_KINDS = frozenset({"text", "longtext"})


@dataclass(frozen=True)
class FieldKind:
    """How a field's value is typed.

    ``kind``: ``text``, ``longtext``, ``integer`` (``minimum``..``maximum``, inclusive,
    either may be ``None``), ``date`` (ISO ``YYYY-MM-DD``), ``boolean``, ``choice`` (one of
    ``options``), ``multichoice`` (a list of them), ``mark`` (``True`` or empty),
    ``group`` (rows of sub-fields), ``household`` (the case's household members,
    ``services.household``), ``agenda_state`` (what was done with an agenda item,
    ``services.agenda_state``), ``handhaving`` (a step of enforcement,
    ``domain.handhaving``, checked by the office's rule), ``progress`` (a record of the
    progress or aftercare data, ``domain.progress_fields``: an hours line, a PVT
    activity, an exam result, the budget training, the art. 57 decision) or ``other``
    (any JSON). A day of the progress data (``map.thema.<t>``, ``pvt.ondertekend``, ...)
    is a ``date``.
    ``options`` are ``(value, Dutch label msgid)`` pairs; ``required``: empty is not a
    value it may hold.
    """

    kind: str
    options: tuple[tuple[Any, str], ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    required: bool = False

    @property
    def is_text(self) -> bool:
        return self.kind in TEXT_KINDS

    def label_of(self, value: Any) -> str | None:
        """The option label msgid of ``value`` (``None`` when it is not an option)."""
        for option, label in self.options:
            if option == value and type(option) is type(value):
                return label
        return None


class ValueRefused(InputRefused):
    """A value the field cannot hold; nothing was written. ``code`` (a key of
    ``inburg_desktop.messages``) says why, ``params`` the range where one applies; never
    the value itself (it may be personal data). ``key`` is the field's key."""

    def __init__(self, code: str, /, key: str = "", **params: object) -> None:
        super().__init__(code, **params)
        self.key = key


def _catalogue_field(key: str, catalogue: Catalogue | None) -> Field | None:
    parts = key.split(".")
    if catalogue is None or len(parts) != 3 or parts[0] != "intake":
        return None
    try:
        return catalogue.field(parts[1], parts[2])
    except KeyError:
        return None


def kind_of(key: str, catalogue: Catalogue | None) -> FieldKind:
    """The kind of field ``key`` (see :class:`FieldKind`)."""
    if key == "doelgroep":
        return FieldKind("choice", tuple(DOELGROEP_LABELS.items()), required=True)
    if key == "person.residence_basis":
        return FieldKind("choice", tuple(RESIDENCE_LABELS.items()))
    if key in DATE_COLUMNS:
        return FieldKind("date", required=key in REQUIRED_COLUMNS)
    if key == HOUSEHOLD_KEY:
        return FieldKind("household")
    if key.startswith(AGENDA_PREFIX):
        return FieldKind("agenda_state")
    if key.startswith(HANDHAVING_PREFIX):
        return FieldKind("handhaving")
    if is_progress_field(key) or is_aftercare_field(key):
        # progress data (domain.progress_fields): a record in words, a day as a date,
        # never JSON (usability round 8 #2)
        return FieldKind("progress" if _progress_record(key) else "date")
    talk = parse_talk_key(key)
    if talk is not None:
        # a voortgangsgesprek's parts (domain.voortgang_fields): each an ordinary kind, so
        # a conflict shows dates as dates and choices by their label, never as codes
        return _TALK_KINDS[talk.part]
    if key.startswith(("person.", "dates.")) and key != "person.languages":
        return FieldKind("text", required=key in REQUIRED_COLUMNS)
    parts = key.split(".")
    if len(parts) == 3 and parts[0] == "intake" and parts[2] in (PARKED, COVERED):
        return FieldKind("mark")
    item = _catalogue_field(key, catalogue)
    if item is None:
        return FieldKind("other")
    if item.type is FieldType.BOOLEAN:
        return FieldKind("boolean", BOOLEAN_LABELS)
    if item.type in (FieldType.CHOICE, FieldType.MULTICHOICE):
        options = tuple((option.value, option.label) for option in item.options)
        return FieldKind(item.type.value, options)
    if item.type is FieldType.INTEGER:
        return FieldKind("integer", minimum=item.minimum, maximum=item.maximum)
    return FieldKind(item.type.value)


def _progress_record(key: str) -> bool:
    """Whether progress or aftercare field ``key`` holds a record of parts (else a day)."""
    return key in (BUDGETTRAINING, ART57) or key.startswith(("uren.", "pvt.activiteit.", "examen."))


_TALK_KINDS: dict[str, FieldKind] = {
    GEPLAND: FieldKind("date"),
    GEHOUDEN: FieldKind("date"),
    NOTITIES: FieldKind("longtext"),
    VERVOLG: FieldKind("text"),
    PIP_VERSIE: FieldKind("integer", minimum=1, maximum=MAX_PIP_VERSIE),
    STAND: FieldKind("choice", tuple((s.value, label) for s, label in STAND_LABELS.items())),
    "tevredenheid": FieldKind(
        "choice", tuple((t.value, label) for t, label in TEVREDENHEID_LABELS.items())
    ),
}


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == []


def check_value(key: str, value: Any, catalogue: Catalogue | None) -> Any:
    """``value`` as field ``key`` stores it (empty forms as ``None``), or
    :class:`ValueRefused` saying why not.

    The rules are the field's own: an option of the catalogue (Regeling inburgering 2021,
    the brede intake's topics as the catalogue defines them), a number within the
    catalogue's range, a real calendar date, an identity column as ``storage.changes``
    accepts it (a required one never empty).
    """
    kind = kind_of(key, catalogue)
    if kind.kind == "household":
        try:
            # A side that a newer rule refuses (or a hand-made merge) is refused the same
            # way as the editor refuses it (services.household).
            value = check_stored(value, date.today())
        except HouseholdRefused as exc:
            raise ValueRefused(exc.code, key=key, **exc.params) from None
    if kind.kind == "agenda_state":
        try:
            # A side (or a state written by a newer version) is checked as the agenda's
            # own use case checks it (services.agenda_state).
            check_agenda_state(value)
        except AgendaStateRefused as exc:
            raise ValueRefused(exc.code, key=key, **exc.params) from None
    if is_progress_field(key) or is_aftercare_field(key):
        # the one check of the progress data (domain.progress_fields), as its use cases
        # and the office hold a value to it
        problem = progress_problem(key, value)
        if problem is not None:
            raise ValueRefused(problem.code, key=key, **problem.params)
    if _empty(value):
        if kind.required:
            raise ValueRefused("value_empty", key=key)
        return None
    if kind.kind in ("choice", "boolean"):
        if kind.label_of(value) is None:
            raise ValueRefused("value_not_an_option", key=key)
        return value
    if kind.kind == "multichoice":
        allowed = {option for option, _label in kind.options}
        if not isinstance(value, list) or not all(
            isinstance(item, str) and item in allowed for item in value
        ):
            raise ValueRefused("value_not_options", key=key)
        return sorted(set(value), key=[option for option, _label in kind.options].index)
    if kind.kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            raise ValueRefused("value_not_a_number", key=key)
        low, high = kind.minimum, kind.maximum
        if (low is not None and value < low) or (high is not None and value > high):
            raise ValueRefused(
                "value_out_of_range",
                key=key,
                low=low if low is not None else 0,
                high=high if high is not None else value,
            )
        return value
    if kind.kind == "date":
        if not isinstance(value, str):
            raise ValueRefused("value_not_a_date", key=key)
        try:
            parse_iso_date(value)
        except ValueError:
            raise ValueRefused("value_no_such_date", key=key) from None
    elif kind.kind in TEXT_KINDS and not isinstance(value, str):
        raise ValueRefused("value_not_text", key=key)
    elif kind.kind == "mark" and value is not True:
        raise ValueRefused("value_not_an_option", key=key)
    if key.startswith(("person.", "dates.")) or key == "doelgroep":
        try:
            check_field(key, value)
        except PatchError:
            raise ValueRefused("input_refused", key=key) from None
    if key.endswith("." + DISCUSSED) and not (
        isinstance(value, list) and all(isinstance(item, str) for item in value)
    ):
        raise ValueRefused("input_refused", key=key)
    if isinstance(value, str) and has_markers(value):
        raise ValueRefused("value_merge_markers", key=key)
    try:
        # What the office will store (protocol.field_rules): plain text, a size it takes,
        # a date as YYYY-MM-DD in range. A value it refuses would sit on this laptop only
        # and come back as set aside at the next sync (attack round 2).
        office_check(key, value)
    except FieldRefused:
        raise ValueRefused("value_office_refuses", key=key) from None
    return value
