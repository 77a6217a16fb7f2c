"""What an amendment of the PIP changes against the version in force, field by field, in
the UI language: shown in "Wijziging van het PIP vaststellen" before the consultant sets
it, so the new decision is confirmed by what differs, not by rereading the whole plan
(usability round 6, finding 15: Taalaanbieder "—" → "ROC Mondriaan" was not shown).

Only the beschikking and what the version records with it are compared (the decision of
Wet art. 15 and Besluit art. 5.3 lid 6); the ontwikkelplan changes without a new decision
and is not part of it. Each value is written as the editor shows it: labels of choices,
dates as ``formatting.format_date``, numbers as ``formatting.format_number``; an empty
value is "—".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from inburg_desktop.domain.pip import (
    Begeleiding,
    Beschikking,
    Ontzorgen,
    ParticipatieComponent,
    PipVersion,
    VveAfspraak,
)
from inburg_desktop.formatting import format_date, format_number, route_labels
from inburg_desktop.i18n import _
from inburg_desktop.ui.pip.exceptions_box import ground_labels
from inburg_desktop.ui.pip.widgets import (
    begeleiding_labels,
    examen_labels,
    knm_labels,
    ontzorgen_labels,
    participatie_labels,
)

EMPTY = "—"


@dataclass(frozen=True)
class Change:
    """One field that differs: its ``label`` as the editor names it, the value in force
    (``old``) and the amendment's (``new``), each as shown (``"—"`` when empty)."""

    label: str
    old: str
    new: str


def _text(value: str) -> str:
    return value.strip() or EMPTY


def _day(value: date | None) -> str:
    return EMPTY if value is None else format_date(value)


def _yes_no(value: bool) -> str:
    return _("ja") if value else _("nee")


def _hours(value: int) -> str:
    return _("{hours} uur").format(hours=format_number(value))


def _joined(items: Iterable[str]) -> str:
    return "; ".join(items) or EMPTY


def _begeleiding(item: Begeleiding) -> str:
    parts = [begeleiding_labels()[item.soort]]
    parts += [text for text in (item.omschrijving.strip(), item.aanbieder.strip()) if text]
    return ", ".join(parts)


def _participatie(item: ParticipatieComponent) -> str:
    parts = [participatie_labels()[item.soort]]
    if item.omschrijving.strip():
        parts.append(item.omschrijving.strip())
    parts.append(_("{hours} uur per week").format(hours=format_number(item.uren_per_week)))
    parts.append(_("{hours} uur in totaal").format(hours=format_number(item.totaal_uren)))
    if item.organisatie.strip():
        parts.append(item.organisatie.strip())
    return ", ".join(parts)


def _vve(item: VveAfspraak) -> str:
    needed = {None: _("nog bespreken"), True: _("VVE nodig"), False: _("geen VVE nodig")}
    parts = [
        _("kind, geboren {born}").format(born=format_date(item.geboortedatum)),
        needed[item.vve_nodig],
    ]
    parts += [text for text in (item.afspraak.strip(), item.voorziening.strip()) if text]
    return ", ".join(parts)


Field = tuple[str, Callable[[PipVersion], str]]


def _fields() -> list[Field]:
    """Every compared field with how its value is shown, in the editor's order."""

    def b(version: PipVersion) -> Beschikking:
        return version.beschikking

    def route(v: PipVersion) -> str:
        value = b(v).leerroute
        return EMPTY if value is None else route_labels()[value]

    def intensity(v: PipVersion) -> str:
        value = b(v).leerroute_intensiteit
        if value is None:
            return EMPTY
        return _("{week} uur per week, {total} uur in totaal").format(
            week=format_number(value.uren_per_week), total=format_number(value.totaal_uren)
        )

    def provider(v: PipVersion) -> str:
        value = b(v).leerroute_intensiteit
        return EMPTY if value is None else _text(value.aanbieder)

    def pvt(v: PipVersion) -> str:
        value = b(v).pvt
        if value is None:
            return EMPTY
        return ", ".join(
            [_hours(value.uren), *(a for a in value.activiteiten if a.strip())]
            + ([value.aanbieder.strip()] if value.aanbieder.strip() else [])
        )

    def map_part(v: PipVersion) -> str:
        value = b(v).map
        if value is None:
            return EMPTY
        parts = [
            _("{themes} thema's").format(themes=format_number(value.themas)),
            _hours(value.uren),
            _("met eindgesprek") if value.eindgesprek else _("zonder eindgesprek"),
        ]
        if value.aanbieder.strip():
            parts.append(value.aanbieder.strip())
        return ", ".join(parts)

    def knm(v: PipVersion) -> str:
        value = b(v).knm
        if value is None:
            return EMPTY
        parts = [knm_labels()[value.vorm], _hours(value.uren)]
        if value.aanbieder.strip():
            parts.append(value.aanbieder.strip())
        return ", ".join(parts)

    def ontzorgen(v: PipVersion) -> str:
        value = b(v).ontzorgen
        if value is None:
            return EMPTY
        return ", ".join(ontzorgen_labels()[o] for o in value.onderdelen) or _("geen onderdelen")

    def ontzorgen_attr(read: Callable[[Ontzorgen], str]) -> Callable[[PipVersion], str]:
        def shown(v: PipVersion) -> str:
            value = b(v).ontzorgen
            return EMPTY if value is None else read(value)

        return shown

    def exams(v: PipVersion) -> str:
        return _joined(examen_labels()[e] for e in b(v).z_a2_examens)

    def uitzonderingen(v: PipVersion) -> str:
        return _joined(
            f"{ground_labels()[u.grond]}: {u.motivering.strip()}" for u in v.uitzonderingen
        )

    return [
        (_("Leerroute"), route),
        (_("Afschalen naar A2"), lambda v: _yes_no(v.afschaling_a2)),
        (_("Intensiteit"), intensity),
        (_("Taalaanbieder"), provider),
        (_("Z-route: A2-examens die de inburgeraar wil doen"), exams),
        (_("PVT"), pvt),
        (_("MAP"), map_part),
        (_("KNM"), knm),
        (_("Participatie"), lambda v: _joined(_participatie(p) for p in b(v).participatie)),
        (_("Begeleiding"), lambda v: _joined(_begeleiding(g) for g in b(v).begeleiding)),
        (_("VVE"), lambda v: _joined(_vve(k) for k in b(v).vve)),
        (_("Heeft bijstand"), lambda v: _yes_no(b(v).bijstand)),
        (_("Ontzorgen"), ontzorgen),
        (
            _("Datum van het besluit (Participatiewet)"),
            ontzorgen_attr(lambda o: _day(o.besluit_datum)),
        ),
        (
            _("Kenmerk van het besluit"),
            ontzorgen_attr(lambda o: _text(o.besluit_kenmerk)),
        ),
        (
            _("Ontzorgen voortgezet t/m (Participatiewet art. 57)"),
            ontzorgen_attr(lambda o: _day(o.verlengd_tot)),
        ),
        (
            _("Budgettraining"),
            ontzorgen_attr(lambda o: _yes_no(o.budgettraining)),
        ),
        (
            _("Voortgangsgesprekken in maand"),
            lambda v: (
                ", ".join(format_number(m) for m in b(v).voortgangsgesprekken.maanden) or EMPTY
            ),
        ),
        (_("Toelichting"), lambda v: _text(b(v).toelichting)),
        (_("Uren NT2 gevolgd"), lambda v: _hours(v.cursusuren_nt2)),
        (_("Uitzonderingen met motivering"), uitzonderingen),
    ]


def changes(base: PipVersion, draft: PipVersion) -> list[Change]:
    """The fields of ``draft`` (the amendment) that differ from ``base`` (the version in
    force), in the editor's order; empty when the decision stays the same."""
    found: list[Change] = []
    for label, shown in _fields():
        old, new = shown(base), shown(draft)
        if old != new:
            found.append(Change(label, old, new))
    return found
