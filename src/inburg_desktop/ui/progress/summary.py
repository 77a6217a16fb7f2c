"""The progress summary as the Voortgang window shows it: one block per part, each line a
reason of the domain's rules in the UI language (``formatting.reason_text``: dates and
articles the language's way), and the recorded entries as list lines.

Pure text from a :class:`~inburg_desktop.services.progress.ProgressOverview`; no widgets,
so the window and its tests read the same lines.
"""

from __future__ import annotations

from inburg_desktop.domain.deadlines import NAZORG_MONTHS
from inburg_desktop.domain.progress_fields import overlaps
from inburg_desktop.domain.voortgang import Onderdeelstand, UrenStand
from inburg_desktop.formatting import (
    examen_label,
    format_date,
    format_number,
    reason_text,
    route_label,
    uren_soort_label,
)
from inburg_desktop.i18n import _
from inburg_desktop.services.progress import ProgressOverview


def _hours_block(title: str, rows: tuple[UrenStand, ...]) -> list[str]:
    if not rows:
        return [title, "• " + _("Het PIP legt hiervoor geen intensiteit vast.")]
    lines = [title]
    for row in rows:
        who = row.aanbieder or _("Alle aanbieders samen")
        lines.append(f"• {who}: {reason_text(row.reason)}")
    return lines


def _part_block(title: str, stand: Onderdeelstand) -> list[str]:
    if not stand.van_toepassing:
        return [title, "• " + _("Niet van toepassing in deze leerroute.")]
    if stand.afgerond:
        return [title, "• " + _("Afgerond.")]
    return [title] + [f"• {reason_text(r)}" for r in stand.ontbreekt]


def summary_lines(shown: ProgressOverview) -> list[str]:
    """Where the case stands on ``shown.on``, against the PIP in force."""
    lines: list[str] = []
    if shown.pip_versie is None:
        lines.append(
            _("Er is nog geen vastgesteld PIP: er is geen intensiteit om de uren tegen te meten.")
        )
    else:
        route = _("geen leerroute") if shown.leerroute is None else route_label(shown.leerroute)
        lines.append(_("PIP-versie {number}: {route}").format(number=shown.pip_versie, route=route))
    lines.append("")
    lines += _hours_block(_("Lesuren (NT2 en KNM)"), shown.lesuren)
    lines += _hours_block(_("Participatie"), shown.participatie)
    lines += overlap_lines(shown)
    lines.append("")
    lines += _part_block(_("PVT"), shown.pvt)
    lines += _part_block(_("MAP"), shown.map)
    lines += _part_block(_("KNM"), shown.knm)
    if shown.z_route is not None:
        lines += _part_block(_("Z-route"), shown.z_route)
    lines.append("")
    if shown.examen_behaald_op is not None:
        lines.append(
            _("Examen behaald op {day}.").format(
                day=format_date(shown.examen_behaald_op, style="long")
            )
        )
    elif shown.z_route is None:
        lines.append(_("Examen: nog niet behaald, of de uitslagen van DUO zijn niet vastgelegd."))
    if shown.afschalen is not None:
        lines.append(reason_text(shown.afschalen))
    return lines


def overlap_lines(shown: ProgressOverview) -> list[str]:
    """Hours of one provider and kind over periods that overlap (two laptops each recorded
    one: the entry refuses it on one laptop, ``services.progress.add_uren``): they count
    twice, so each pair is named for the consultant to remove the wrong line."""
    lines = []
    for first, second in overlaps(shown.records.uren):
        lines.append(
            "• "
            + _(
                "Let op: {provider} ({kind}) meldde uren over {start} t/m {end} en over "
                "{start2} t/m {end2}; die overlappen en tellen dubbel. Verwijder de regel "
                "die niet klopt."
            ).format(
                provider=first.regel.aanbieder,
                kind=uren_soort_label(first.regel.soort),
                start=format_date(first.van),
                end=format_date(first.regel.datum),
                start2=format_date(second.van),
                end2=format_date(second.regel.datum),
            )
        )
    return lines


def aftercare_lines(shown: ProgressOverview) -> list[str]:
    """Ontzorgen and nazorg on ``shown.on``."""
    lines = [_("Ontzorgen")]
    if shown.ontzorgen.reasons:
        lines += [f"• {reason_text(r)}" for r in shown.ontzorgen.reasons]
    else:
        lines.append(
            "• "
            + _("Niet van toepassing: geen asielstatushouder of geen startdatum van de bijstand.")
        )
    lines.append(_("Nazorg"))
    if shown.nazorg.reason is not None:
        lines.append(f"• {reason_text(shown.nazorg.reason)}")
    else:
        later = _("Nog geen behaald examen: het nazorgcontact volgt {maanden} maanden erna.")
        lines.append("• " + later.format(maanden=format_number(NAZORG_MONTHS)))
    return lines


def uren_lines(shown: ProgressOverview) -> list[tuple[str, str]]:
    """Each hours entry (newest last) as (key, line)."""
    out = []
    for entry in shown.records.uren:
        r = entry.regel
        line = _("{start} t/m {end} · {provider} · {kind} · {hours} uur").format(
            start=format_date(entry.van),
            end=format_date(r.datum),
            provider=r.aanbieder,
            kind=uren_soort_label(r.soort),
            hours=format_number(r.uren),
        )
        if r.tijdens_intake:
            line += " · " + _("tijdens de brede intake")
        out.append((f"uren.{entry.id}", line))
    return out


def pvt_lines(shown: ProgressOverview) -> list[tuple[str, str]]:
    """Each PVT activity as (key, line)."""
    out = []
    for entry in shown.records.pvt:
        a = entry.activiteit
        attended = _("aanwezig") if a.aanwezig else _("niet aanwezig")
        line = _("{day} · {activity} · {hours} uur · {attended}").format(
            day=format_date(a.datum),
            activity=a.omschrijving,
            hours=format_number(a.uren),
            attended=attended,
        )
        out.append((f"pvt.activiteit.{entry.id}", line))
    return out


def examen_lines(shown: ProgressOverview) -> list[tuple[str, str]]:
    """Each exam result as (key, line)."""
    out = []
    for entry in shown.records.examens:
        u = entry.uitslag
        what = examen_label(u.onderdeel)
        if u.niveau is not None:
            what += f" {u.niveau.value}"
        result = _("behaald") if u.behaald else _("niet behaald")
        out.append((f"examen.{entry.id}", f"{format_date(u.datum)} · {what} · {result}"))
    return out


def map_lines(shown: ProgressOverview) -> list[str]:
    """The MAP themes finished and the eindgesprek."""
    themas = shown.records.map_themas or {}
    lines = [
        _("Thema {number}: afgerond op {day}").format(number=t, day=format_date(themas[t]))
        for t in sorted(themas)
    ]
    if shown.records.map_eindgesprek is not None:
        lines.append(
            _("Eindgesprek op {day}").format(day=format_date(shown.records.map_eindgesprek))
        )
    return lines
