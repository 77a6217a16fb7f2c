"""The Dutch sections of the PIP decision, each a list of platypus flowables in plain Dutch.

One function per section of the beschikking (leerroute, termijn, KNM, PVT and MAP,
participatie, begeleiding, kinderen, ontzorgen, voortgangsgesprekken), the ontwikkelplan,
the table of deadlines and the objection clause (Awb art. 6:7). A numbered section takes
its ``number`` from the assembly (``pip_document.story``), so the headings run 1, 2, 3 …
without gaps whatever sections a PIP has. Dates are Dutch ("11 mei 2026", Babel
``d MMMM y``); every end date is the last day that still counts, said as "t/m"; a
deadline that is not known yet is explained, not left blank. The law's numbers in the
sentences (3 years, 800 hours, 18 months, 6 weeks) come from the constants the rules use,
in domain/ (the objection period: ``domain.handhaving.BEZWAAR_WEEKS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.deadlines import ROUTE_SWITCH_MONTHS, TERMIJN_YEARS, Deadlines
from inburg_desktop.domain.handhaving import bezwaar_last_day
from inburg_desktop.domain.pip import (
    Z_COURSE_HOURS,
    Z_PARTICIPATION_HOURS,
    Actor,
    BegeleidingSoort,
    Beschikking,
    KnmVorm,
    Ontwikkelplan,
    OntzorgenOnderdeel,
    ParticipatieSoort,
    PipVersion,
    UitzonderingGrond,
    Voortgang,
    ground_citation,
    propose_voortgangsgesprekken,
    taaldoel,
)
from inburg_desktop.formatting import decision_date, decision_number
from inburg_desktop.pdf.columns import Columns, Padding, Rule
from inburg_desktop.pdf.fonts import LATIN
from inburg_desktop.pdf.text import paragraph, paragraph_style

TEXT_WIDTH = 165 * mm  # A4 minus the document's margins
LABEL_WIDTH = 52 * mm
BULLET_WIDTH = 12  # points: the bullet and the gap before the text
RULE = colors.HexColor("#b9c2cc")

ROUTE_NAMES = {
    Leerroute.B1: "B1-route",
    Leerroute.ONDERWIJS: "Onderwijsroute",
    Leerroute.Z: "Zelfredzaamheidsroute (Z-route)",
}
DOELGROEP_NAMES = {
    Doelgroep.STATUSHOUDER: "statushouder (asielmigrant)",
    Doelgroep.GEZINSMIGRANT: "gezinsmigrant",
    Doelgroep.OVERIGE_MIGRANT: "overige migrant",
}
BEGELEIDING_NAMES = {
    BegeleidingSoort.MAATSCHAPPELIJKE_BEGELEIDING: "Maatschappelijke begeleiding",
    BegeleidingSoort.TAALMAATJE: "Taalmaatje",
    BegeleidingSoort.BUDGETCOACHING: "Budgetcoaching",
    BegeleidingSoort.GEZONDHEID: "Ondersteuning bij gezondheid",
    BegeleidingSoort.JOBCOACH: "Jobcoach",
    BegeleidingSoort.DIGITALE_VAARDIGHEDEN: "Digitale vaardigheden",
    BegeleidingSoort.OVERIG: "Andere begeleiding",
}
PARTICIPATIE_NAMES = {
    ParticipatieSoort.WERK: "Werk",
    ParticipatieSoort.VRIJWILLIGERSWERK: "Vrijwilligerswerk",
    ParticipatieSoort.MBO_ENTREE: "Entreeopleiding (mbo niveau 1)",
    ParticipatieSoort.STAGE: "Stage of werkervaringsplek",
    ParticipatieSoort.ACTIVITEIT: "Activiteit",
}
ONTZORGEN_NAMES = {
    OntzorgenOnderdeel.HUUR: "de huur",
    OntzorgenOnderdeel.ENERGIE: "gas, water en elektriciteit",
    OntzorgenOnderdeel.ZORGVERZEKERING: "de premie van de zorgverzekering",
}
ACTOR_NAMES = {
    Actor.INBURGERAAR: "U",
    Actor.CONSULENT: "Consulent",
    Actor.TAALAANBIEDER: "Taalaanbieder",
    Actor.MAATSCHAPPELIJK_BEGELEIDER: "Maatschappelijk begeleider",
    Actor.WERKGEVER: "Werkgever",
    Actor.OVERIG: "Anders",
}
GROUND_CASES = {  # the case, in the decision's Dutch; the article from domain.pip
    UitzonderingGrond.BESLUIT_5_4_LID_2: "een opleiding zonder vrijstelling is afgerond of "
    "afgebroken",
    UitzonderingGrond.BESLUIT_5_4_LID_3: "een bijzonder geval",
    UitzonderingGrond.BESLUIT_3_14_LID_6: "uren zijn al gevolgd in een andere leerroute",
    UitzonderingGrond.BESLUIT_3_14_LID_8: "een gedeeltelijke ontheffing",
    UitzonderingGrond.BESLUIT_3_14_LID_9: "een ander geval dat deze leden noemen",
    UitzonderingGrond.WET_15_LID_1: "de leerroute van het plan, op basis van de brede intake",
}
GROUND_NAMES = {
    grond: f"{ground_citation(grond, full_title=True)} ({case})"
    for grond, case in GROUND_CASES.items()
}
EXCEPTION_NAMES = {
    "z_course_hours": f"minder dan {Z_COURSE_HOURS} lesuren in de Z-route",
    "z_participation_hours": (
        f"minder dan {decision_number(Z_PARTICIPATION_HOURS)} uur participatie in de Z-route"
    ),
    "route_differs_from_choice": (
        "de leerroute in dit plan is een andere dan de leerroute die in de brede intake is gekozen"
    ),
    "route_switch_after_window": (
        f"de leerroute verandert later dan {ROUTE_SWITCH_MONTHS} maanden na de start van de "
        "inburgeringstermijn"
    ),
}
STATUS_NAMES = {
    Voortgang.OPEN: "open",
    Voortgang.BEREIKT: "klaar",
    Voortgang.VERVALLEN: "vervallen",
}


def _and(items: Sequence[str]) -> str:
    """ "a, b en c"."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def _style(role: str = "body") -> ParagraphStyle:
    return paragraph_style("nl", role)  # type: ignore[arg-type]


def heading(text: str) -> Flowable:
    return paragraph(text, "nl", "heading")


def body(text: str, field: str | None = None) -> Flowable:
    """``text`` as running text; ``field``: the label of the value it shows, named when a
    character in it cannot be drawn (``text.undrawable``)."""
    return paragraph(text, "nl", field=field)


def small(text: str, field: str | None = None) -> Flowable:
    """``text`` in the small role; ``field`` as :func:`body`'s."""
    return paragraph(text, "nl", "small", field=field)


def bullets(items: Sequence[str]) -> list[Flowable]:
    """One row per item: the bullet, then the text hanging beside it; items flow across
    pages line by line and every run is set in a font that has it (text.paragraph)."""
    mark = ParagraphStyle("bullet-nl", parent=_style(), leftIndent=2, spaceAfter=0)
    text = ParagraphStyle("bulleted-nl", parent=_style(), spaceAfter=0)
    return [
        Columns(
            [[paragraph("•", "nl", style=mark)], [paragraph(item, "nl", style=text)]],
            [BULLET_WIDTH, None],
            space_after=2,
        )
        for item in items
    ]


def rows(pairs: Sequence[tuple[str, str]], label_width: float = LABEL_WIDTH) -> list[Flowable]:
    """Label-value rows: bold labels on the left, values on the right.

    One row per pair, so a long list breaks between rows across pages and a section
    heading needs to stay only with the first row; a value taller than a page (a long
    list of activities) flows on line by line (columns.Columns).
    """
    label = ParagraphStyle("label-nl", parent=_style(), fontName=LATIN.bold, spaceAfter=0)
    value = ParagraphStyle("value-nl", parent=_style(), spaceAfter=0)
    return [
        Columns(
            [
                [paragraph(key, "nl", style=label, field=key)],
                [paragraph(text, "nl", style=value, field=key)],
            ],
            [label_width, None],
            Padding(right=6, top=2, bottom=2),
            Rule(0.3, RULE),
        )
        for key, text in pairs
    ]


def section(title: str, *parts: Flowable | list[Flowable]) -> list[Flowable]:
    """A heading kept together with its first part."""
    flat: list[Flowable] = []
    for part in parts:
        flat.extend(part if isinstance(part, list) else [part])
    if not flat:
        return [heading(title)]
    return [KeepTogether([heading(title), flat[0]]), *flat[1:]]


def leerroute_section(version: PipVersion, doelgroep: Doelgroep, number: int) -> list[Flowable]:
    b = version.beschikking
    route = b.leerroute
    title = f"{number}. Uw leerroute"
    if route is None:
        return section(title, body("Er is nog geen leerroute gekozen."))
    target = taaldoel(route, version.afschaling_a2)
    parts: list[Flowable] = [
        body(f"U volgt de {ROUTE_NAMES[route]}. Uw doel is taalniveau {target}.")
    ]
    if route is Leerroute.ONDERWIJS:
        parts.append(
            body(
                "U volgt een taalschakeltraject. Daarna kunt u verder leren op het mbo, hbo "
                "of de universiteit."
            )
        )
    intensity = b.leerroute_intensiteit
    if route is Leerroute.Z:
        z_hours = intensity.totaal_uren if intensity is not None else Z_COURSE_HOURS
        parts.append(
            body(
                f"In de Z-route volgt u {decision_number(z_hours)} uur les (Nederlands en KNM). "
                "Er is geen examen: u sluit af met een eindgesprek bij de gemeente "
                "(Besluit inburgering art. 3.14)."
            )
        )
        if b.z_a2_examens:
            parts.append(
                body(
                    "U wilt ook examen doen op niveau A2 voor: "
                    + ", ".join(e.value for e in b.z_a2_examens)
                    + "."
                )
            )
    if version.afschaling_a2:
        parts.append(
            body(
                "Voor een of meer onderdelen van het examen is uw doel verlaagd naar A2. U had "
                f"toen {decision_number(version.cursusuren_nt2)} uur les gevolgd "
                "(Besluit art. 5.5)."
            )
        )
    if intensity is not None:
        where = f" bij {intensity.aanbieder}" if intensity.aanbieder else ""
        # lid 2 is the asielstatushouder's rule; for others the intensity is agreed freely
        cite = " (Wet inburgering art. 15 lid 2)" if doelgroep is Doelgroep.STATUSHOUDER else ""
        parts.append(
            body(
                f"U krijgt {intensity.uren_per_week} uur les per week{where}, in totaal "
                f"{decision_number(intensity.totaal_uren)} uur{cite}."
            )
        )
    elif doelgroep is Doelgroep.STATUSHOUDER:
        parts.append(body("Het aantal lesuren is nog niet vastgelegd."))
    for u in version.uitzonderingen:
        what = EXCEPTION_NAMES.get(u.regel, u.regel)
        parts.append(
            body(
                f"De gemeente wijkt hier af van de gewone regel ({what}), op grond van "
                f"{GROUND_NAMES[u.grond]}. Waarom: {u.motivering}"
            )
        )
    return section(title, *parts)


NIET_PLICHTIG_TEXT = (
    "Volgens de gegevens van de gemeente bent u niet inburgeringsplichtig. Daarom loopt er "
    "geen inburgeringstermijn (Wet inburgering art. 11)."
)


def termijn_section(deadlines: Deadlines, route: Leerroute | None, number: int) -> list[Flowable]:
    """The termijn and the route-change window. Only what applies to this PIP: nothing of a
    termijn for someone not plichtig, and the onderwijsroute's own rule (to the B1-route at
    any time, Besluit art. 5.4) only in the onderwijsroute."""
    if deadlines.niet_plichtig:
        return section(f"{number}. Uw inburgeringstermijn", body(NIET_PLICHTIG_TEXT))
    start, end = deadlines.termijn_start, deadlines.termijn_end
    years = TERMIJN_YEARS
    if start is None or end is None:
        text = (
            f"U hebt {years} jaar om te voldoen aan de inburgeringsplicht: de "
            "inburgeringstermijn. Die termijn begint op de dag na de datum van dit besluit "
            "(Wet inburgering art. 11)."
        )
        parts: list[Flowable] = [body(text)]
    else:
        parts = [
            body(
                f"U hebt {years} jaar om te voldoen aan de inburgeringsplicht: de "
                f"inburgeringstermijn. Uw inburgeringstermijn loopt van {decision_date(start)} t/m "
                f"{decision_date(end)} (Wet inburgering art. 11). Als dit plan later verandert, "
                "blijft de termijn hetzelfde."
            )
        ]
    if deadlines.route_switch_until is not None:
        always = (
            " Van de onderwijsroute naar de B1-route kan altijd."
            if route is Leerroute.ONDERWIJS
            else ""
        )
        parts.append(
            body(
                "Gaat het leren veel beter of minder goed dan verwacht? Dan kan de gemeente uw "
                f"leerroute veranderen t/m {decision_date(deadlines.route_switch_until)}, "
                f"{ROUTE_SWITCH_MONTHS} maanden na de start van de termijn (Besluit inburgering "
                f"art. 5.4 lid 1).{always}"
            )
        )
    return section(f"{number}. Uw inburgeringstermijn", *parts)


def onderdelen_section(b: Beschikking, number: int) -> list[Flowable]:
    """KNM, PVT and MAP: what every route holds."""
    items: list[tuple[str, str]] = []
    if b.knm is not None:
        how = (
            "U doet het KNM-examen bij DUO."
            if b.knm.vorm is KnmVorm.EXAMEN
            else "KNM hoort bij uw lessen. U sluit af met het eindgesprek."
        )
        hours = f" U krijgt {decision_number(b.knm.uren)} uur les." if b.knm.uren else ""
        items.append(("Kennis van de Nederlandse Maatschappij (KNM)", how + hours))
    if b.pvt is not None:
        text = f"Minstens {decision_number(b.pvt.uren)} uur, met deze activiteiten:\n" + "\n".join(
            f"• {a}" for a in b.pvt.activiteiten
        )
        items.append(("Participatieverklaringstraject (PVT)", text))
    if b.map is not None:
        hours = f", ongeveer {decision_number(b.map.uren)} uur" if b.map.uren else ""
        end = " en een eindgesprek" if b.map.eindgesprek else ""
        items.append(
            ("Module Arbeidsmarkt en Participatie (MAP)", f"{b.map.themas} thema's{end}{hours}.")
        )
    elif b.leerroute is Leerroute.ONDERWIJS:
        items.append(
            ("Module Arbeidsmarkt en Participatie (MAP)", "Niet nodig in de onderwijsroute.")
        )
    if not items:
        return []
    return section(f"{number}. Wat u verder doet: KNM, PVT en MAP", rows(items, 70 * mm))


def participatie_section(b: Beschikking, number: int) -> list[Flowable]:
    if not b.participatie:
        return []
    lines = []
    for part in b.participatie:
        text = PARTICIPATIE_NAMES[part.soort]
        if part.omschrijving:
            text += f": {part.omschrijving}"
        if part.organisatie:
            text += f" bij {part.organisatie}"
        hours = [f"{part.uren_per_week} uur per week"] if part.uren_per_week else []
        hours += [f"{decision_number(part.totaal_uren)} uur in totaal"] if part.totaal_uren else []
        lines.append(text + (f" ({', '.join(hours)})" if hours else ""))
    return section(f"{number}. Meedoen: werk, vrijwilligerswerk en activiteiten", bullets(lines))


def begeleiding_section(b: Beschikking, number: int) -> list[Flowable]:
    if not b.begeleiding:
        return []
    lines = []
    for item in b.begeleiding:
        text = BEGELEIDING_NAMES[item.soort]
        if item.omschrijving:
            text += f": {item.omschrijving}"
        if item.aanbieder:
            text += f" ({item.aanbieder})"
        lines.append(text)
    return section(f"{number}. Hulp en begeleiding", bullets(lines))


def kinderen_section(b: Beschikking, number: int) -> list[Flowable]:
    if not b.vve:
        return []
    lines = []
    for child in b.vve:
        born = decision_date(child.geboortedatum)
        if child.vve_nodig:
            where = f" bij {child.voorziening}" if child.voorziening else ""
            lines.append(
                f"Kind geboren op {born}: voor- en vroegschoolse educatie{where}. {child.afspraak}"
            )
        elif child.vve_nodig is False:
            lines.append(f"Kind geboren op {born}: geen VVE nodig. {child.afspraak}".strip())
        else:
            lines.append(f"Kind geboren op {born}: dit bespreken we nog.")
    return section(
        f"{number}. Uw kinderen (voor- en vroegschoolse educatie)",
        body("Afspraken over voor- en vroegschoolse educatie (Wet inburgering art. 15 lid 1 d):"),
        bullets(lines),
    )


def ontzorgen_section(b: Beschikking, deadlines: Deadlines, number: int) -> list[Flowable]:
    o = b.ontzorgen
    if o is None:
        return []
    what = _and([ONTZORGEN_NAMES[x] for x in o.onderdelen]) or "vaste lasten"
    period = ""
    if o.bijstand_start is not None and deadlines.ontzorgen_until is not None:
        start, until = decision_date(o.bijstand_start), decision_date(deadlines.ontzorgen_until)
        period = f" van {start} t/m {until}"
    parts: list[Flowable] = [
        body(f"De gemeente betaalt{period} {what} voor u uit uw bijstandsuitkering (ontzorgen).")
    ]
    if o.verlengd_tot is not None:
        parts.append(
            body(
                f"Daarna gaat het ontzorgen door t/m {decision_date(o.verlengd_tot)}. Dat is een "
                "apart besluit (Participatiewet art. 57)."
            )
        )
    if o.budgettraining:
        parts.append(body("U volgt een budgettraining, zodat u daarna zelf uw rekeningen betaalt."))
    if o.besluit_datum is not None and o.besluit_kenmerk:
        parts.append(
            body(
                f"Dit staat in het besluit van {decision_date(o.besluit_datum)}, kenmerk "
                f"{o.besluit_kenmerk}. Dat besluit hoort bij dit plan (Participatiewet art. 56a)."
            )
        )
    return section(f"{number}. Ontzorgen", *parts)


def gesprekken_section(b: Beschikking, deadlines: Deadlines, number: int) -> list[Flowable]:
    talks = b.voortgangsgesprekken
    parts: list[Flowable] = [
        body(
            f"U hebt ongeveer {talks.aantal} voortgangsgesprekken met uw consulent, vaker in het "
            "begin. We bespreken dan hoe het gaat en passen het ontwikkelplan aan."
        )
    ]
    if deadlines.termijn_start is not None:
        dates = propose_voortgangsgesprekken(deadlines.termijn_start, talks.maanden)
        parts.append(body("Rond deze data: " + ", ".join(decision_date(d) for d in dates) + "."))
    return section(f"{number}. Voortgangsgesprekken", *parts)


def ontwikkelplan_section(plan: Ontwikkelplan, number: int) -> list[Flowable]:
    if not plan.doelen and not plan.afspraken:
        return []
    stand = f" (stand op {decision_date(plan.bijgewerkt_op)})" if plan.bijgewerkt_op else ""
    parts: list[Flowable] = [
        small(
            "Het ontwikkelplan is geen deel van het besluit. Het verandert bij elk "
            "voortgangsgesprek."
        )
    ]
    if plan.doelen:
        parts.append(body("Doelen:"))
        parts.extend(bullets([f"{d.omschrijving} ({STATUS_NAMES[d.status]})" for d in plan.doelen]))
    if plan.afspraken:
        lines = []
        for a in plan.afspraken:
            who = a.wie_naam or ACTOR_NAMES[a.wie]
            when = f", vóór {decision_date(a.wanneer)}" if a.wanneer else ""
            lines.append(f"{who}: {a.wat}{when} ({STATUS_NAMES[a.status]})")
        parts.append(body("Afspraken (wie doet wat, wanneer):"))
        parts.extend(bullets(lines))
    return section(f"{number}. Ontwikkelplan{stand}", *parts)


@dataclass(frozen=True)
class KeyDate:
    label: str
    day: date | None
    unknown: str = "na de datum van dit besluit"


def key_dates(version: PipVersion, deadlines: Deadlines) -> list[KeyDate]:
    """The dates the decision lists; the termijn's, the route window's and ontzorgen's only
    for someone plichtig (``Deadlines.niet_plichtig``)."""
    out = [KeyDate("Datum van dit besluit", version.dagtekening, "nog niet vastgesteld (concept)")]
    if not deadlines.niet_plichtig:
        out += [
            KeyDate("Start inburgeringstermijn", deadlines.termijn_start),
            KeyDate("Inburgeringstermijn loopt t/m", deadlines.termijn_end),
            KeyDate("Leerroute wijzigen kan t/m", deadlines.route_switch_until),
        ]
    if version.beschikking.ontzorgen is not None and not deadlines.niet_plichtig:
        out.append(KeyDate("Ontzorgen t/m", deadlines.ontzorgen_until, "onbekend"))
    if version.dagtekening is not None:
        out.append(KeyDate("Bezwaar maken kan t/m", bezwaar_last_day(version.dagtekening)))
    return out


def dates_section(version: PipVersion, deadlines: Deadlines) -> list[Flowable]:
    pairs = [
        (k.label, decision_date(k.day) if k.day else k.unknown)
        for k in key_dates(version, deadlines)
    ]
    return section("Belangrijke data", rows(pairs, 70 * mm))
