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


ROUTE_TERMS: dict[str, tuple[str, str]] = {
    "b1": ("option.route_wens.b1", "B1-route"),
    "onderwijs": ("option.route_wens.onderwijs", "Onderwijsroute"),
    "z": ("option.route_wens.z", "Z-route"),
}
"""Per leerroute (``Leerroute.value``), the prompts catalogue's entry that names it
(msgctxt, Dutch msgid): the brede intake asks the newcomer's route preference with these
words, so the annex names the route as the newcomer heard it, in their language
(usability round 4, finding 13: "Zelfredzaamheidsroute (Z-route)" stood in Dutch inside
the Arabic text). The annex's texts carry them under the key ``route.<value>``."""

ROUTE_KEY = "route."

ANNEX_KEPT_DUTCH = frozenset({"B1", "A1", "A2", "Z"})
"""Words an annex keeps as the Dutch decision writes them, deliberately: the language
levels (B1, A1, A2: the CEFR's names in every language) and the Z of "Z-route", which the
catalogue's translations keep ("مسار Z"). Besides these, only data stand in an annex as
they are: names, the municipality's address, phone numbers."""


def annex_contexts() -> dict[str, str]:
    """``{msgctxt: Dutch text}`` for the translation catalogue."""
    return {ANNEX_CONTEXT + key: text for key, text in ANNEX_SOURCE.items()}
