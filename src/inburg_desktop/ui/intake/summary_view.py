"""The intake summary on screen: per topic its state, what is known and what is missing."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from inburg_desktop.counts import count
from inburg_desktop.formatting import format_date, format_number
from inburg_desktop.i18n import _
from inburg_desktop.services.intake_summary import IntakeOverview
from inburg_desktop.ui.intake.style import STATE_COLOURS, state_label


def summary_html(overview: IntakeOverview) -> str:
    summary = overview.summary
    parts = [
        "<style>body{font-size:11pt;color:#111827} h2{font-size:13pt;margin:14px 0 4px}"
        " .state{font-weight:600} .missing{color:#991b1b} .coa{color:#1e3a8a}"
        " td{padding:2px 12px 2px 0;vertical-align:top} .label{color:#4b5563}</style>",
        "<p><b>"
        + escape(
            count(
                "{covered} van {n} onderwerp afgerond",
                "{covered} van {n} onderwerpen afgerond",
                summary.topics_total,
                covered=format_number(summary.topics_covered),
            )
        )
        + "</b></p>",
    ]
    for topic in summary.topics:
        colour = STATE_COLOURS[topic.state]
        when = (
            " · " + escape(_("besproken op {date}").format(date=format_date(topic.discussed_on)))
            if topic.discussed_on
            else ""
        )
        parts.append(
            f"<h2>{escape(topic.title)} <span class='state' style='color:{colour}'>"
            f"— {escape(state_label(topic.state))}</span>"
            f"<span style='font-size:9pt;color:#6b7280'>{when}</span></h2>"
        )
        rows = [
            f"<tr><td class='label'>{escape(known.label)}</td><td>{escape(known.value)}</td></tr>"
            for known in topic.known
        ]
        for item in overview.coa.get(topic.topic_id, []):
            status = "" if item.confirmed else " " + _("(van COA, nog niet bevestigd)")
            rows.append(
                f"<tr><td class='label coa'>{escape(item.label + status)}</td>"
                f"<td class='coa'>{escape(item.text)}</td></tr>"
            )
        if rows:
            parts.append("<table>" + "".join(rows) + "</table>")
        if topic.notes:
            notes_word = _("Aantekeningen")
            parts.append(
                f"<p><span class='label'>{escape(notes_word)}:</span> {escape(topic.notes)}</p>"
            )
        if topic.missing_labels:
            parts.append(
                "<p class='missing'>"
                + escape(
                    _("Ontbreekt nog: {fields}").format(fields=", ".join(topic.missing_labels))
                )
                + "</p>"
            )
        elif not rows and not topic.notes:
            nothing = _("Nog niets vastgelegd.")
            parts.append(f"<p class='label'>{escape(nothing)}</p>")
    if overview.other_coa:
        heading = _("Overige gegevens uit de warme overdracht")
        parts.append(f"<h2>{escape(heading)}</h2><table>")
        for label, text in overview.other_coa:
            parts.append(f"<tr><td class='label'>{escape(label)}</td><td>{escape(text)}</td></tr>")
        parts.append("</table>")
    return "".join(parts)


class SummaryView(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("intakeSummary")
        self.setAccessibleName(_("Samenvatting van de intake"))
        self.setOpenLinks(False)

    def show_overview(self, overview: IntakeOverview) -> None:
        self.setHtml(summary_html(overview))
