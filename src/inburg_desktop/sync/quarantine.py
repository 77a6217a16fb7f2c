"""What sync set aside, in words for the consultant and as a file to hand to the office.

Every entry says which case, when, which way (not sent to the office, or not applied from
it) and why, in a sentence, never a traceback. The export holds the values that were set
aside (personal data: that is its purpose, the office needs them), so it is written
owner-only (mode 600) and atomically, where the consultant chooses.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from inburg_desktop.counts import format_kilobytes
from inburg_desktop.domain import handhaving
from inburg_desktop.domain.text import Reason
from inburg_desktop.formatting import format_utc_stamp
from inburg_desktop.i18n import _
from inburg_desktop.protocol.set_aside_describe import ABSENT, describe
from inburg_desktop.storage.files import write_atomic
from inburg_desktop.storage.sync_state import OFFICE_REFUSED, QuarantineEntry
from inburg_desktop.sync.apply import RECORD_CODE
from inburg_desktop.sync.caseload_exit import BEFORE, CASE_LABEL, LEFT_CASELOAD

EXPORT_FORMAT = "inburg-sync-quarantine"
EXPORT_VERSION = 1

Label = Callable[[str], str]
"""Turns a field key into words for the consultant (e.g. ``services.field_labels``)."""


def _names(keys: Iterable[str], label: Label, most: int = 4) -> str:
    # one name once: a PIP is stored as two fields (pip.current, pip.version.<n>)
    shown = list(dict.fromkeys(label(key) if key else _("(onleesbaar)") for key in keys))
    if len(shown) > most:
        shown = [*shown[: most - 1], _("en {n} andere").format(n=len(shown) - most + 1)]
    return ", ".join(shown) or _("alle gegevens")


def direction_text(entry: QuarantineEntry) -> str:
    if entry.direction == "pull":
        return _("Niet van kantoor verwerkt")
    return _("Niet naar kantoor verstuurd")


PERMANENT = "permanent"
"""The office refuses the entry for what it holds: sent again it is refused again."""
RETRY = "retry"
"""The office (or something between it and the laptop) refused the entry for the moment,
a clock or a size limit that is not the office's rule: left unsent, sent next time."""
UNKNOWN_CASE = "unknown_case"
"""The office does not know the case on this consultant's list (yet): sent next time."""
STOP = "stop"
"""About the report as a whole or the connection (the office's list is full, the device
is refused, the office is down): sending stops and the error is said."""

REPORT_REFUSALS: dict[str, str] = {
    # content: what the entry holds breaks the office's rule (protocol.set_aside_words,
    # protocol.messages.MAX_SET_ASIDE_ENTRY_BYTES, the report's shape)
    "invalid_set_aside_reason": PERMANENT,
    "invalid_set_aside_label": PERMANENT,
    "set_aside_entry_too_large": PERMANENT,
    "invalid_request": PERMANENT,
    # the moment: the laptop's clock ran ahead of the office's (or the entry is older than
    # the office keeps); a later round, with the clock right, is taken (attack round 6 #11)
    "invalid_set_aside_at": RETRY,
    # a body limit: one entry is far below the office's own limit, so this is a proxy's
    "body_too_large": RETRY,
    "case_not_found": UNKNOWN_CASE,
    "set_aside_full": STOP,
}
"""How ``send_to_office`` treats each code the office can answer ``POST /v1/set-aside``
with (``server.set_aside.receive``, ``server.errors``); see :func:`report_refusal`."""


def report_refusal(status: int | None, code: str | None) -> str:
    """How to treat the office's refusal of a report of one entry: :data:`PERMANENT`
    (noted, never sent again), :data:`RETRY` or :data:`UNKNOWN_CASE` (left unsent, sent
    next time) or :data:`STOP`. A code in :data:`REPORT_REFUSALS` decides; a 413 or 422
    without a known code (a proxy's page, a newer office's code) is retried, never taken
    as a permanent refusal: one answer this laptop does not understand must not silence
    an entry for good (attack round 6 #11); any other status stops."""
    if code is not None and code in REPORT_REFUSALS:
        return REPORT_REFUSALS[code]
    if status in (413, 422):
        return RETRY
    return STOP


def office_refused_code(entry: QuarantineEntry) -> str | None:
    """The office's code when it refused the report of ``entry`` for what it holds
    (``storage.sync_state.OFFICE_REFUSED``, noted by ``services.quarantine_list``), else
    None. A refusal noted with a code that is not :data:`PERMANENT` (an earlier version
    noted a clock or proxy refusal so) does not count: the entry is sent again."""
    noted = entry.detail.get(OFFICE_REFUSED)
    if not isinstance(noted, dict):
        return None
    code = noted.get("code")
    if not isinstance(code, str) or not code:
        return "refused"
    return code if REPORT_REFUSALS.get(code) == PERMANENT else None


def office_refusal_text(entry: QuarantineEntry) -> str | None:
    """Why the office did not take ``entry`` when it was sent, and what happens now, in
    words; None when it did not refuse it."""
    code = office_refused_code(entry)
    if code is None:
        return None
    why = {
        "invalid_set_aside_reason": _("de uitleg bevat een teken dat het kantoor niet aanneemt"),
        "invalid_set_aside_label": _(
            "de naam van een gegeven bevat een teken dat het kantoor niet aanneemt"
        ),
        "set_aside_entry_too_large": _("het is groter dan het kantoor aanneemt"),
    }.get(code) or _("het kantoor gaf code {code}").format(code=code)
    return _(
        "Het kantoor nam dit niet aan toen het werd verstuurd: {why}. Het blijft hier "
        "bewaard en wordt niet opnieuw verstuurd; exporteer het en geef de export aan het "
        "kantoor."
    ).format(why=why)


def _why_field(code: str) -> str:
    if code.startswith(RECORD_CODE):
        return _record_words(code.removeprefix(RECORD_CODE))
    return {
        "bad_date": _("geen geldige datum"),
        "unknown_field": _("een gegeven dat deze versie van de app niet kent"),
        "empty": _("een verplicht gegeven is leeg"),
        "bad_type": _("een verkeerde soort waarde"),
        "bad_doelgroep": _("een onbekende doelgroep"),
        "bad_key": _("een ongeldige naam"),
        # protocol.field_rules' codes: a pulled value the office's own rules refuse.
        "not_date": _("geen geldige datum"),
        "no_such_date": _("geen geldige datum"),
        "date_range": _("geen geldige datum"),
        "control_characters": _("verborgen of richting-omkerende tekens"),
        "invisible": _("verborgen of richting-omkerende tekens"),
        "not_a_name": _("tekens die niet in een naam horen"),
        "not_v_nummer": _("geen geldig V-nummer"),
        "not_household": _("een gezinssamenstelling die de regels niet volgt"),
        "not_pip": _("een PIP-versie die deze app niet kan lezen of niet zo zou vastleggen"),
        "not_agenda": _("een stand van een agendapunt die de agenda niet kent"),
        "not_voortgang": _("een deel van een voortgangsgesprek dat de regels niet volgt"),
        "not_handhaving": _("een stap van handhaving die de regels niet volgt"),
        "not_progress": _("voortgangsgegevens (uren, PVT, MAP, examen) die de regels niet volgen"),
        "not_aftercare": _("gegevens over ontzorgen of nazorg die de regels niet volgen"),
        "not_portable": _("iets wat een kopie van het dossier niet kan dragen"),
        "retention_value": _(
            "een einde van de plicht of de lening waar de bewaartermijn niet van kan uitgaan"
        ),
        "progress_route": _(
            "voortgangsgegevens van een leerroute die het PIP van het dossier niet vastlegt"
        ),
        **dict.fromkeys(
            (
                "voortgang_number_gap",
                "voortgang_held_order",
                "voortgang_before_brp",
                "voortgang_held_future",
                "voortgang_version_unknown",
                "voortgang_afspraak_unknown",
            ),
            _("een voortgangsgesprek dat niet klopt met de rest van het dossier"),
        ),
        **dict.fromkeys(
            ("pip_history_invalid", "pip_pointer_mismatch"),
            _("PIP-versies die samen geen geschiedenis van één PIP vormen"),
        ),
    }.get(code, _("een ongeldige waarde"))


def _record_words(rule_code: str) -> str:
    """An enforcement step set aside with its record (``sync.apply._records_refused``): the
    rule it breaks in its Dutch sentence with the article (``domain.handhaving``)."""
    rule = handhaving.RECORD_RULES.get(rule_code)
    if rule is None:
        return _("een stap van handhaving die de regels niet volgt")
    sentence = Reason.of(rule.code, rule.dutch, artikel=rule.artikel).render(_).rstrip(".")
    return _("een stap van handhaving die niet klopt met de rest van de overtreding: {why}").format(
        why=sentence
    )


def _kb(value: Any) -> str:
    return format_kilobytes(value) if isinstance(value, int) else "?"


def reason(entry: QuarantineEntry, label: Label = str) -> str:
    """Why ``entry`` was set aside and what happens next, in a sentence or two."""
    fields = _names(entry.field_keys, label)
    detail = entry.detail
    if entry.direction == "pull":
        problems = detail.get("fields") if isinstance(detail.get("fields"), dict) else {}
        assert isinstance(problems, dict)
        if entry.error == "case_incomplete":
            missing = [str(k) for k in detail.get("missing", []) if isinstance(k, str)]
            names = _names([*missing, *sorted(problems)], label, most=10)
            return _(
                "Dit dossier kwam van kantoor zonder bruikbare persoonsgegevens ({fields}) en "
                "staat daarom niet op deze laptop. Vraag het kantoor het dossier aan te vullen; "
                "daarna komt het bij de volgende synchronisatie vanzelf binnen."
            ).format(fields=names)
        if entry.error == "field_unusable":
            why = ", ".join(sorted({_why_field(str(c)) for c in problems.values()}))
            return _(
                "{fields} kwam van kantoor met {why}, wat deze laptop niet kan gebruiken. De "
                "rest van het dossier is wel bijgewerkt."
            ).format(fields=fields, why=why or _why_field(""))
        return _(
            "Dit dossier kwam van kantoor maar kon op deze laptop niet worden verwerkt en is "
            "daarom niet bijgewerkt."
        )
    if entry.error == "too_large":
        sizes = [v for v in (detail.get("fields") or {}).values() if isinstance(v, dict)]
        size = max((s.get("bytes", 0) for s in sizes), default=0)
        limit = max((s.get("limit", 0) for s in sizes), default=0)
        return _(
            "{fields}: te groot om naar kantoor te sturen ({size} kB; hoogstens {limit} kB). "
            "Het staat nog op deze laptop. Maak de tekst korter: de kortere versie gaat bij "
            "de volgende synchronisatie gewoon mee."
        ).format(fields=fields, size=_kb(size), limit=_kb(limit))
    if entry.error == "too_deep":
        return _(
            "{fields}: te diep genest om naar kantoor te sturen. Het staat nog op deze laptop."
        ).format(fields=fields)
    if entry.error == "bad_key":
        return _(
            "{fields}: de naam van dit gegeven kan niet mee in de uitwisseling met kantoor "
            "(bijvoorbeeld een spatie of een letter met accent, uit een ouder "
            "overdrachtsbestand). Het gaat niet mee met de synchronisatie."
        ).format(fields=fields)
    if entry.error == "unreadable":
        return _(
            "Deze wijziging was op deze laptop onleesbaar opgeslagen en kon niet worden verstuurd."
        )
    if entry.error == "bad_case_id":
        return _("Het dossiernummer van deze wijziging is ongeldig; ze is niet verstuurd.")
    if entry.error == "invalid_op":
        return _(
            "{fields}: deze wijziging voldoet niet aan de afspraken met de kantoorserver en "
            "is niet verstuurd."
        ).format(fields=fields)
    if entry.error == "case_not_found":
        return _(
            "Het kantoor kent dit dossier niet (meer) op uw lijst; de wijziging is niet verwerkt."
        )
    if entry.error == LEFT_CASELOAD:
        if detail.get("what") == "unsaved_window":
            return _(
                "Dit dossier is van deze laptop verwijderd (niet meer op uw lijst) terwijl het "
                "nog open stond; wat u daarna nog typte ({fields}) kon niet meer worden "
                "opgeslagen."
            ).format(fields=fields)
        if detail.get("what") == "attachment":
            return _(
                "Dit dossier staat niet meer op uw lijst en is van deze laptop verwijderd, "
                "maar deze bijlage ({size} kB) was nog niet naar kantoor verstuurd."
            ).format(size=_kb(entry.values.get("size")))
        return _(
            "Dit dossier staat niet meer op uw lijst en is van deze laptop verwijderd, maar "
            "deze wijziging ({fields}) was nog niet naar kantoor verstuurd."
        ).format(fields=fields)
    if entry.error == "gemeente_niet_van_consulent":
        # the office's check on push (issue 16 item 5): the case's gemeente is not one
        # this consultant works for
        return _(
            "Het kantoor weigerde deze wijziging: het dossier hoort bij een gemeente waarvoor "
            "u volgens het kantoor niet werkt. Kies in Dossiergegevens een van uw gemeenten, "
            "of vraag het kantoor u aan die gemeente toe te voegen; synchroniseer daarna "
            "opnieuw."
        )
    if entry.error == "dossier_afgesloten":
        # the office closed the case before this change reached it (attack round 10 #2)
        return _(
            "Het kantoor heeft dit dossier gesloten (de inburgeringsplicht is geëindigd); "
            "deze wijziging ({fields}) is daarom niet verwerkt. Is het dossier ten onrechte "
            "gesloten, vraag het kantoor het te heropenen en voer de wijziging opnieuw in."
        ).format(fields=fields)
    if entry.error == "gemeente_na_pip":
        # the office keeps a set PIP its college's decision (Wet art. 15)
        return _(
            "Het kantoor weigerde een andere gemeente voor dit dossier: het PIP is al "
            "vastgesteld door het college van de gemeente die er nu bij staat. Verhuist de "
            "persoon, dan draagt het kantoor het dossier over en stelt de nieuwe gemeente "
            "een nieuw PIP vast."
        )
    if entry.error == "gemeente_onbekend":
        return _(
            "Het kantoor weigerde deze wijziging: het kent de gemeente van dit dossier niet. "
            "Synchroniseer eerst (dan haalt deze laptop de gemeenten van het kantoor op) en "
            "kies in Dossiergegevens een van uw gemeenten; of vraag het kantoor de gemeente "
            "toe te voegen."
        )
    if entry.error == "base_version_ahead":
        return _(
            "Het kantoor heeft een oudere stand van dit dossier dan deze laptop (bijvoorbeeld "
            "na het terugzetten van een back-up op kantoor); de wijziging is niet verwerkt."
        )
    if entry.error == "attachment_refused":
        size = entry.values.get("size")
        return _(
            "Een bijlage ({size} kB) kon niet naar kantoor: de kantoorserver weigerde haar "
            "(code {code}). Ze staat nog op deze laptop; bij elke synchronisatie wordt het "
            "opnieuw geprobeerd."
        ).format(size=_kb(size), code=detail.get("code", "?"))
    if entry.error in ("invalid_request", "body_too_large"):
        return _(
            "{fields}: de kantoorserver weigerde deze wijziging als geheel; de rest is wel "
            "verstuurd."
        ).format(fields=fields)
    return _("Het kantoor weigerde deze wijziging (code {code}).").format(code=entry.error)


OWN_NEXT_STEP = frozenset({"too_large", "attachment_refused"})
"""Codes whose reason says its own next step (make the text shorter; retried every sync):
no step by the entry's state is added."""


def next_step(entry: QuarantineEntry) -> str | None:
    """What happens to ``entry`` now and what the consultant can do, by where it stands
    (usability round 6 #11: after "Naar kantoor sturen" the text still said to export it
    and hand it over): refused by the office for good, and why (:func:`office_refusal_text`);
    sent on a day, and the office has it; or kept here, with how to get it to the office.
    None for an entry whose reason says its own step (:data:`OWN_NEXT_STEP`)."""
    refusal = office_refusal_text(entry)
    if refusal is not None:
        return refusal
    if entry.error in OWN_NEXT_STEP:
        return None
    if entry.sent_at is not None:
        return _(
            "Naar kantoor gestuurd op {when}: het kantoor ziet het in zijn lijst ‘apart "
            "gezet’ en kan ermee verder; u hoeft het niet meer te exporteren. Het blijft ook "
            "hier staan."
        ).format(when=format_utc_stamp(entry.sent_at.isoformat()))
    return _(
        "Het blijft hier bewaard. Stuur het met ‘Naar kantoor sturen’ naar het kantoor, of "
        "exporteer het en geef de export aan het kantoor."
    )


def reason_and_step(entry: QuarantineEntry, label: Label = str) -> str:
    """:func:`reason` and :func:`next_step` as the consultant reads them together."""
    step = next_step(entry)
    why = reason(entry, label)
    return why if step is None else f"{why}\n\n{step}"


def stamp(when: datetime) -> str:
    """A stored UTC time as ISO 8601 with ``Z``."""
    return when.replace(tzinfo=UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def export_document(
    entries: Sequence[QuarantineEntry],
    *,
    device_id: str | None = None,
    consultant: str | None = None,
    label: Label = str,
    exported_at: datetime | None = None,
) -> dict[str, Any]:
    """The export as JSON: one item per entry with its values, reason and code."""
    when = exported_at or datetime.now(UTC).replace(tzinfo=None)
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": stamp(when),
        "device_id": device_id,
        "consultant": consultant,
        "entries": [
            {
                "case_id": entry.case_id,
                "case_label": entry.detail.get(CASE_LABEL) or None,
                "direction": entry.direction,
                "op_id": entry.op_id,
                "set_aside_at": stamp(entry.created_at),
                "error": entry.error,
                "reason": reason(entry, label),
                "office_message": entry.message or None,
                "detail": dict(entry.detail),
                "fields": dict(entry.values),
            }
            for entry in entries
        ],
    }


def export_quarantine(
    path: Path,
    entries: Sequence[QuarantineEntry],
    *,
    device_id: str | None = None,
    consultant: str | None = None,
    label: Label = str,
) -> None:
    """Write the export to ``path`` (owner-only, atomic): plain text for people when the
    name ends in ``.txt``, else JSON for programs. ``OSError`` when it cannot be written
    (the caller says so in words)."""
    if path.suffix.lower() == ".txt":
        data = export_text(entries, device_id=device_id, consultant=consultant, label=label)
    else:
        document = export_document(entries, device_id=device_id, consultant=consultant, label=label)
        data = json.dumps(document, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
    # The consultant chose this file: a missing folder is said, not made.
    write_atomic(path, data.encode("utf-8"), create_folder=False)


def export_text(
    entries: Sequence[QuarantineEntry],
    *,
    device_id: str | None = None,
    consultant: str | None = None,
    label: Label = str,
    exported_at: datetime | None = None,
) -> str:
    """The export as plain text for people (the consultant, office staff): per entry the
    case, when, which way and why in words, and every value set aside in full."""
    when = exported_at or datetime.now(UTC).replace(tzinfo=None)
    lines = [
        _("Apart gezet bij synchroniseren"),
        _("Geëxporteerd op {when} (UTC)").format(when=stamp(when)),
        _("Consulent: {name}").format(name=consultant or "-"),
        _("Apparaat: {device}").format(device=device_id or "-"),
        "",
    ]
    for number, entry in enumerate(entries, start=1):
        kept = entry.detail.get(CASE_LABEL)
        case = kept if isinstance(kept, str) and kept else entry.case_id
        lines.append(f"{number}. {case} — {direction_text(entry)}")
        lines.append("   " + _("Apart gezet op {when} (UTC)").format(when=stamp(entry.created_at)))
        lines.append("   " + reason(entry, label))
        if (step := next_step(entry)) is not None:
            lines.append("   " + step)
        if entry.message:
            lines.append("   " + _("Kantoor: {message}").format(message=entry.message))
        before = entry.detail.get(BEFORE)
        earlier = before if isinstance(before, dict) else {}
        for key, value in entry.values.items():
            name = label(key) if key else _("(onleesbaar)")
            if isinstance(value, str):
                lines.append(f"   {name}:")
                lines.extend(f"      {line}" for line in value.splitlines() or [""])
                continue
            # anything else in words, a structured value as its changed parts (usability
            # round 6 #22; the JSON export holds the values whole)
            described = describe(name, value, earlier.get(key, ABSENT), words=_)
            lines.extend(f"   {line}" for line in described)
        lines.append("")
    return "\n".join(lines)
