"""Why a laptop set something aside, in a few Dutch words for office staff, by the code a
set-aside entry carries (``SetAsideEntry.error``).

The office lists what laptops reported (``inburg-office apart-gezet``) for staff who act
on it; they read the reason, never a machine code such as ``case_not_found:``, and never
the laptop's own sentence (text a device chose). The office server may not import the
laptop's message catalogue (``messages.py``, through ``_()``): these words are shared
here, next to the codes the protocol carries, and the laptop's catalogue tests check that
every code a laptop sets aside with has an entry (``tests/protocol``).
"""

from __future__ import annotations

REASONS: dict[str, str] = {
    "case_left_caseload": "niet verstuurde wijziging van een dossier dat van de caseload ging",
    "case_not_found": "het kantoor kende het dossier niet (meer) op de caseload",
    "case_incomplete": "dossier van kantoor zonder bruikbare persoonsgegevens",
    "field_unusable": "gegeven van kantoor dat de laptop niet kon gebruiken",
    "too_large": "wijziging te groot om te versturen",
    "too_deep": "wijziging te diep genest om te versturen",
    "bad_key": "naam van een gegeven die niet mee kan naar kantoor",
    "unreadable": "wijziging onleesbaar opgeslagen op de laptop",
    "bad_case_id": "ongeldig dossiernummer",
    "invalid_op": "wijziging voldoet niet aan de afspraken met de kantoorserver",
    "invalid_request": "kantoorserver weigerde de wijziging als geheel",
    "body_too_large": "kantoorserver weigerde de wijziging als geheel (te groot)",
    "base_version_ahead": "kantoor heeft een oudere stand van het dossier dan de laptop",
    "attachment_refused": "bijlage door de kantoorserver geweigerd",
    "rejected": "wijziging door het kantoor geweigerd",
    # the office's own answers to a pushed op (server/push.py, protocol.field_rules)
    "invalid_field": "gegeven door het kantoor geweigerd: het past niet bij de regels voor "
    "dat soort gegeven",
    "missing_field": "nieuw dossier door het kantoor geweigerd: een verplicht gegeven ontbrak",
    "refused": "wijziging door het kantoor geweigerd",
    # the office's gemeente check on push (issue 16 item 5)
    "gemeente_niet_van_consulent": "dossier van een gemeente waarvoor de consulent niet werkt",
    "gemeente_onbekend": "dossier van een gemeente die het kantoor niet kent",
    # the office refuses every edit of a case it closed (inburg-office case sluit)
    "dossier_afgesloten": "dossier door het kantoor gesloten",
    "gemeente_na_pip": "andere gemeente voor een dossier met een vastgesteld PIP",
}

UNKNOWN = "onbekende reden (code van een andere versie van de app)"


def reason_words(code: str) -> str:
    """The Dutch words for ``code``; :data:`UNKNOWN` for a code this version does not know
    (a newer laptop, or a forged report): never the code itself."""
    return REASONS.get(code, UNKNOWN)
