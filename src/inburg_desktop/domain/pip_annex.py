"""The Dutch source texts of the PIP annex: a short summary of the plan in the newcomer's
language, stating that only the Dutch text is the decision.

They are translated in the prompts catalogue under the message context
``pip.annex.<key>`` (see ``prompts/i18n_tools.py``); every translation keeps the named
placeholders, which the PDF fills with the case's dates and names and with the law's
numbers (``{jaren}``: the termijn in years, Wet art. 11; ``{weken}``: the objection term,
Awb art. 6:7) from the constants the rules use. An end date is the last day that still
counts ("tot en met").
"""

from __future__ import annotations

ANNEX_CONTEXT = "pip.annex."
ANNEX_SOURCE: dict[str, str] = {
    "title": "Samenvatting van uw Plan Inburgering en Participatie",
    "notice": (
        "Dit is een vertaling van de belangrijkste afspraken. Alleen de Nederlandse tekst is "
        "het besluit."
    ),
    "leerroute": "Uw leerroute is de {leerroute}. Uw doel is taalniveau {taaldoel}.",
    "termijn": "Uw inburgeringstermijn loopt van {termijn_start} tot en met {termijn_end}.",
    "termijn_unknown": (
        "Uw inburgeringstermijn van {jaren} jaar begint de dag na de datum van het besluit."
    ),
    "gesprekken": "U hebt ongeveer {aantal} gesprekken met uw consulent over hoe het gaat.",
    "bezwaar": (
        "Bent u het niet eens met het besluit? Maak dan binnen {weken} weken bezwaar, uiterlijk "
        "op {bezwaar_until}. Stuur een brief naar {gemeente}."
    ),
    "bezwaar_unknown": (
        "Bent u het niet eens met het besluit? Maak dan binnen {weken} weken na de datum van "
        "het besluit bezwaar. Stuur een brief naar {gemeente}."
    ),
    "contact": "Vragen? Neem contact op met uw consulent {consulent}, telefoon {telefoon}.",
}


def annex_contexts() -> dict[str, str]:
    """``{msgctxt: Dutch text}`` for the translation catalogue."""
    return {ANNEX_CONTEXT + key: text for key, text in ANNEX_SOURCE.items()}
