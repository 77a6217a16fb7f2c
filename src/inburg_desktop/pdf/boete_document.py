"""The fine decision (boetebeschikking) as an A4 PDF, in Dutch: letterhead, the person, what
happened and the warning, the decision with its amount, the grounds with the articles (every
rule step of the proposal), the earlier fines it was computed from, payment, the new term,
the objection clause (Awb art. 6:7) and who decided.

**The consultant's texts** (usability round 7, finding 7: the warning's note "Brief
gestuurd" was glued after "… schriftelijk gewaarschuwd."): what happened (the violation's
toelichting) and the decision's reason are part of the decision's motivation (Awb art.
3:46) and stand in the letter each as a paragraph of its own (:func:`own_sentence`); the
warning's toelichting is the consultant's internal note and is not printed (the dialogs
say which is which).

**The annex** (after the signature, on a page of its own) holds in the newcomer's
language only what the PIP's annex already has translated and what holds for this
decision too: how to object, by which day, and whom to ask
(``domain.boete_document.BOETE_ANNEX_KEYS``), marked as a concept translation where it is
one. The letter says so in Dutch, and, for a newcomer whose language has no annex, that
the letter is in Dutch only.

Built on the PDF foundation (``document.py``) and the parts every letter shares
(``letter_parts.py``: letterhead, objection clause). Everything comes in through
:class:`~inburg_desktop.domain.boete_document.BoeteDocument`; the same record renders to
the same bytes (the document's date is the decision's own).
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from string import Formatter

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer

from inburg_desktop.domain.boete_document import BoeteDocument
from inburg_desktop.domain.cited import nl_euro
from inburg_desktop.domain.fines import BoeteStatus, EerdereBoete
from inburg_desktop.domain.handhaving import BEZWAAR_WEEKS, Besluit, Voorstel, bezwaar_last_day
from inburg_desktop.domain.text import fill_template
from inburg_desktop.formatting import (
    OVERTREDING_LABELS,
    VERWIJTBAARHEID_LABELS,
    WAARSCHUWING_LABELS,
    decision_date,
)
from inburg_desktop.locale_names import language_name
from inburg_desktop.pdf.document import DocumentInfo, render_story
from inburg_desktop.pdf.letter_parts import letterhead_block, objection_clause
from inburg_desktop.pdf.pip_document import annex_placeholders, local_date, phone_as_one_number
from inburg_desktop.pdf.pip_sections import (
    DOELGROEP_NAMES,
    body,
    bullets,
    heading,
    rows,
    section,
    small,
)
from inburg_desktop.pdf.text import paragraph
from inburg_desktop.pdf.translation_mark import CONCEPT_NOTE, language_label

TITLE_FINE = "Besluit: boete Wet inburgering 2021"
TITLE_NONE = "Besluit: geen boete Wet inburgering 2021"
STATUS_NAMES = {
    BoeteStatus.OPGELEGD: "opgelegd, nog niet onherroepelijk",
    BoeteStatus.ONHERROEPELIJK: "onherroepelijk",
    BoeteStatus.VERVALLEN: "vervallen (telt niet mee)",
}


def _in_sentence(label: str) -> str:
    """A label inside a sentence: its first letter small, abbreviations (PVT, MAP) kept."""
    return label[:1].lower() + label[1:]


def _decision(doc: BoeteDocument) -> tuple[Besluit, Voorstel]:
    besluit, voorstel = doc.record.besluit, doc.record.voorstel
    if besluit is None or voorstel is None:
        raise ValueError("a decision letter needs the decision and its proposal")
    return besluit, voorstel


def own_sentence(text: str) -> str:
    """A text the consultant typed for the letter, as a sentence of its own: its ends
    trimmed and a full stop added when it ends without one (the words stay theirs)."""
    stripped = text.strip()
    if stripped and stripped[-1] not in ".!?…:;)\"'”’":
        stripped += "."
    return stripped


def _legal_basis(doc: BoeteDocument) -> str:
    if doc.record.overtreding.soort.artikel_22:
        return "Wet inburgering 2021, art. 22, en Besluit inburgering 2021, art. 7.1 lid 1"
    return "Wet inburgering 2021, art. 23, en Besluit inburgering 2021, art. 7.1 lid 2 tot en met 5"


def _identification(doc: BoeteDocument, besluit: Besluit) -> list[Flowable]:
    person = doc.person
    pairs = [("Naam", person.display_name), ("Geboortedatum", decision_date(person.date_of_birth))]
    if person.v_nummer:
        pairs.append(("V-nummer", person.v_nummer))
    if person.bsn:
        pairs.append(("BSN", person.bsn))
    pairs += [
        ("Doelgroep", DOELGROEP_NAMES[doc.doelgroep]),
        ("Datum besluit", decision_date(besluit.dagtekening)),
        # AVG art. 22: the decision names the person who took it, for the college
        ("Besloten door", f"{besluit.door.naam}, namens het college"),
        ("Kenmerk", doc.kenmerk),
    ]
    return [*rows(pairs), Spacer(1, 4 * mm)]


def _facts(doc: BoeteDocument) -> list[Flowable]:
    o, w = doc.record.overtreding, doc.record.waarschuwing
    parts: list[Flowable] = [
        body(
            f"Op {decision_date(o.vastgesteld_op)} hebben wij vastgesteld: "
            f"{_in_sentence(OVERTREDING_LABELS[o.soort])}."
        ),
    ]
    if o.toelichting.strip():
        parts.append(body(own_sentence(o.toelichting), "Toelichting op de overtreding"))
    if w is not None:
        # the warning's toelichting is the consultant's internal note: not in the letter
        how = WAARSCHUWING_LABELS[w.wijze].lower()
        parts.append(body(f"Op {decision_date(w.op)} hebben wij u {how} gewaarschuwd."))
    if o.verwijtbaarheid is not None:
        label = VERWIJTBAARHEID_LABELS[o.verwijtbaarheid]
        parts.append(body(f"Verwijtbaarheid (Besluit art. 7.1 lid 4): {_in_sentence(label)}."))
    return section("1. Wat er is gebeurd", *parts)


def _decided(doc: BoeteDocument, besluit: Besluit, voorstel: Voorstel) -> list[Flowable]:
    parts: list[Flowable] = []
    if besluit.opleggen:
        parts.append(body(f"Wij leggen u een boete op van {nl_euro(besluit.bedrag_cents)}."))
        if besluit.bedrag_cents < voorstel.bedrag_cents:
            parts.append(
                body(
                    f"Volgens de regels is de boete ten hoogste {nl_euro(voorstel.bedrag_cents)}. "
                    "Wij leggen een lager bedrag op (Algemene wet bestuursrecht, art. 5:46 "
                    "lid 3)."
                )
            )
    else:
        parts.append(body("Wij leggen u geen boete op."))
    if besluit.reden.strip():
        parts.append(body("Onze reden:"))
        parts.append(body(own_sentence(besluit.reden), "Reden van het besluit"))
    parts.append(body(f"Dit besluit is genomen op grond van: {_legal_basis(doc)}."))
    return section("2. Ons besluit", *parts)


def _grounds(voorstel: Voorstel) -> list[Flowable]:
    steps = [step.render() for step in voorstel.stappen]  # Dutch, the decision's language
    return section(
        "3. Hoe de boete is berekend",
        body(f"Berekend op {decision_date(voorstel.berekend_op)}, stap voor stap:"),
        bullets(steps),
    )


def _earlier_line(fine: EerdereBoete) -> str:
    final = (
        f" op {decision_date(fine.onherroepelijk_op)}" if fine.onherroepelijk_op is not None else ""
    )
    what = _in_sentence(OVERTREDING_LABELS[fine.overtreding])
    return (
        f"{decision_date(fine.vastgesteld_op)}: {what}, "
        f"{nl_euro(fine.bedrag_cents)}, {STATUS_NAMES[fine.status]}{final}"
    )


def _history(voorstel: Voorstel) -> list[Flowable]:
    if not voorstel.eerdere:
        return section(
            "4. Eerdere boetes",
            body("Bij de berekening telden geen eerdere boetes mee."),
        )
    return section(
        "4. Eerdere boetes waarmee is gerekend",
        bullets([_earlier_line(e.boete) for e in voorstel.eerdere]),
    )


def _payment(doc: BoeteDocument, besluit: Besluit) -> list[Flowable]:
    parts: list[Flowable] = []
    if besluit.opleggen:
        parts.append(
            body(
                f"U betaalt {nl_euro(besluit.bedrag_cents)} aan {doc.letterhead.name}. Hoe en "
                "wanneer u betaalt, staat in de betaalinstructie die u van de gemeente krijgt. "
                f"Vermeld bij het betalen het kenmerk {doc.kenmerk}. Kunt u niet in één keer "
                "betalen? Neem dan contact op met uw consulent."
            )
        )
    if besluit.nieuwe_termijn_tot is not None:
        parts.append(
            body(
                "U krijgt een nieuwe termijn om alsnog aan uw verplichting te voldoen: tot en "
                f"met {decision_date(besluit.nieuwe_termijn_tot)}."
            )
        )
    if not parts:
        return []
    if besluit.opleggen and besluit.nieuwe_termijn_tot is not None:
        title = "5. Betalen en nieuwe termijn"
    else:
        title = "5. Betalen" if besluit.opleggen else "5. Nieuwe termijn"
    return section(title, *parts)


def _language_note(doc: BoeteDocument) -> list[Flowable]:
    """What the letter says about a translation (module docstring, "The annex")."""
    if doc.annex_lang is not None:
        return [
            body(
                f"In de bijlage staat in het {language_name(doc.annex_lang, 'nl')} hoe u "
                "bezwaar maakt en wie u kunt bellen. De rest van dit besluit is niet "
                "vertaald. Alleen de Nederlandse tekst is het besluit."
            )
        ]
    preferred = doc.preferred_language
    if preferred and not preferred.lower().startswith("nl"):
        return [
            body(
                "Dit besluit is er alleen in het Nederlands: er is geen vertaling in uw "
                "taal. Begrijpt u iets niet? Neem dan contact op met uw consulent."
            )
        ]
    return []


def annex_lines(doc: BoeteDocument, besluit: Besluit) -> list[str]:
    """The annex's lines in its language, filled (module docstring, "The annex");
    ``ValueError`` naming a text whose translation is missing or whose placeholders
    differ from the Dutch source."""
    lang, texts, head = doc.annex_lang, doc.annex_texts, doc.letterhead
    if lang is None or texts is None:
        return []
    values = {
        "weken": str(BEZWAAR_WEEKS),  # Awb art. 6:7
        "bezwaar_until": local_date(bezwaar_last_day(besluit.dagtekening), lang),
        "gemeente": f"{head.name}, {head.postal_address}",
        "consulent": besluit.door.naam,
        "telefoon": phone_as_one_number(head.phone),
    }
    out = []
    for key in ("bezwaar", "contact"):
        text = texts.get(key)
        if text is None:
            raise ValueError(f"annex_texts.{key}: translation missing")
        got = {name for _, name, _, _ in Formatter().parse(text) if name}
        if got != annex_placeholders(key):
            raise ValueError(
                f"annex_texts.{key}: placeholders {sorted(got)} differ from the source"
            )
        out.append(fill_template(text, values))
    return out


def _annex(doc: BoeteDocument, besluit: Besluit) -> list[Flowable]:
    lines = annex_lines(doc, besluit)
    if not lines or doc.annex_lang is None:
        return []
    lang = doc.annex_lang
    out: list[Flowable] = [
        PageBreak(),
        small(f"Bijlage: bezwaar en vragen in uw taal, {language_label(lang)}"),
    ]
    if doc.annex_concept:
        out.append(small(CONCEPT_NOTE))
    out.extend(paragraph(line, lang, "body") for line in lines)
    return out


def _signature(doc: BoeteDocument, besluit: Besluit) -> list[Flowable]:
    return [
        KeepTogether(
            [
                heading("Ondertekening"),
                body(f"Namens {doc.letterhead.college},"),
                body(f"{besluit.door.naam}, consulent inburgering", "Ondertekening"),
            ]
        )
    ]


def story(doc: BoeteDocument) -> list[Flowable]:
    """The whole letter as platypus flowables."""
    besluit, voorstel = _decision(doc)
    head = doc.letterhead
    title = TITLE_FINE if besluit.opleggen else TITLE_NONE
    return [
        *letterhead_block(head),
        *_identification(doc, besluit),
        paragraph(title, "nl", "title"),
        body(f"Beste {doc.person.display_name},", "Aanhef"),
        body(
            "In deze brief leest u ons besluit over een boete op grond van de Wet inburgering "
            f"2021. Het besluit is genomen door {head.college}."
        ),
        *_language_note(doc),
        *_facts(doc),
        *_decided(doc, besluit, voorstel),
        *_grounds(voorstel),
        *_history(voorstel),
        *_payment(doc, besluit),
        *objection_clause(besluit.dagtekening, head.college, head.postal_address, head.website),
        *_signature(doc, besluit),
        *_annex(doc, besluit),
    ]


def document_info(doc: BoeteDocument) -> DocumentInfo:
    """Metadata; its date is the decision's own, never the clock."""
    besluit, _voorstel = _decision(doc)
    return DocumentInfo(
        title=f"{TITLE_FINE if besluit.opleggen else TITLE_NONE} – {doc.person.display_name}",
        author=doc.letterhead.name,
        subject=f"Boetebesluit, kenmerk {doc.kenmerk}",
        lang="nl-NL",
        created=datetime.combine(besluit.dagtekening, time(0), UTC),
        keywords=("boete", "Wet inburgering 2021", "beschikking"),
    )


def render_boete(doc: BoeteDocument) -> bytes:
    """Render the decision letter to PDF bytes; same input, same bytes. ``ValueError`` for
    a record without its decision."""
    return render_story(lambda: story(doc), document_info(doc))
