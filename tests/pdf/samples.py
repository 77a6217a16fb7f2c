"""A sample PIP for the PDF tests: a statushouder in the B1-route with children, ontzorgen
and an ontwikkelplan, signed or draft, with the annex in Arabic or Tigrinya.

The Arabic and Tigrinya annex texts below are test fixtures written for these tests, not
reviewed translations.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, replace
from datetime import date

from inburg_desktop.domain.case import CaseDates, Doelgroep, Inburgeraar, Leerroute
from inburg_desktop.domain.letterhead import Letterhead
from inburg_desktop.domain.pip import (
    Actor,
    Afspraak,
    Begeleiding,
    BegeleidingSoort,
    Doel,
    LeerrouteIntensiteit,
    Ontwikkelplan,
    ParticipatieComponent,
    ParticipatieSoort,
    PipHistory,
    PvtIntensiteit,
    VveAfspraak,
)
from inburg_desktop.domain.pip_prefill import Kind, PrefillInput, prefill
from inburg_desktop.domain.pip_rules import pip_deadlines
from inburg_desktop.pdf.pip_document import PipDocument

D = date.fromisoformat
SH = Doelgroep.STATUSHOUDER
PERSON = Inburgeraar(
    "Amal", "Haddad", D("1994-05-17"), "SYR", ("ar",), "ar", v_nummer="1234567890", bsn="123456782"
)
DATES = CaseDates(
    brp_registration=D("2026-03-02"),
    duo_kennisgeving=D("2026-02-20"),
    bijstand_start=D("2026-03-02"),
)

ARABIC = {
    "title": "ملخص خطة الاندماج والمشاركة الخاصة بك",
    "notice": "هذه ترجمة لأهم الاتفاقات. النص الهولندي وحده هو القرار.",
    "leerroute": "مسار التعلم الخاص بك هو {leerroute}. هدفك هو مستوى اللغة {taaldoel}.",
    "termijn": "تمتد مدة الاندماج الخاصة بك من {termijn_start} حتى نهاية يوم {termijn_end}.",
    "termijn_unknown": "تبدأ مدة الاندماج البالغة {jaren} سنوات في اليوم التالي لتاريخ القرار.",
    "gesprekken": "ستجري حوالي {aantal} محادثات مع مستشارك حول تقدمك.",
    "bezwaar": (
        "هل لا توافق على القرار؟ قدّم اعتراضًا خلال {weken} أسابيع، في موعد أقصاه {bezwaar_until}. "
        "أرسل رسالة إلى {gemeente}."
    ),
    "bezwaar_unknown": (
        "هل لا توافق على القرار؟ قدّم اعتراضًا خلال {weken} أسابيع من تاريخ القرار. "
        "أرسل رسالة إلى {gemeente}."
    ),
    "contact": "هل لديك أسئلة؟ اتصل بمستشارك {consulent}، الهاتف {telefoon}.",
    "route.b1": "مسار B1",
    "route.onderwijs": "مسار التعليم",
    "route.z": "مسار Z (الاعتماد على الذات)",
}
TIGRINYA = {
    "title": "ጽማቕ ናይ ውጥን ምውህሃድን ተሳትፎን",
    "notice": "እዚ ትርጉም ናይ እቶም ኣገደስቲ ስምምዓት እዩ። እቲ ብሆላንድኛ ዘሎ ጽሑፍ ጥራይ እዩ ውሳነ።",
    "leerroute": "መስመር ትምህርትኻ {leerroute} እዩ። ዕላማኻ ደረጃ ቋንቋ {taaldoel} እዩ።",
    "termijn": "ግዜ ምውህሃድካ ካብ {termijn_start} ክሳብ መወዳእታ መዓልቲ {termijn_end} እዩ።",
    "termijn_unknown": "ናይ {jaren} ዓመት ግዜ ምውህሃድካ ድሕሪ ዕለት ውሳነ ይጅምር።",
    "gesprekken": "ምስ ኣማኻሪኻ ብዛዕባ ምዕባለኻ ዳርጋ {aantal} ዝርርባት ክህልወካ እዩ።",
    "bezwaar": (
        "ምስቲ ውሳነ እንተዘይተሰማሚዕካ ኣብ ውሽጢ {weken} ሰሙን ተቓውሞ ኣቕርብ፣ ክሳብ {bezwaar_until}። "
        "ናብ {gemeente} ደብዳበ ስደድ።"
    ),
    "bezwaar_unknown": "ምስቲ ውሳነ እንተዘይተሰማሚዕካ ኣብ ውሽጢ {weken} ሰሙን ተቓውሞ ኣቕርብ። ናብ {gemeente} ደብዳበ ስደድ።",
    "contact": "ሕቶ ኣለካ ድዩ? ንኣማኻሪኻ {consulent} ተወከስ፣ ተሌፎን {telefoon}።",
    "route.b1": "መስመር B1",
    "route.onderwijs": "መስመር ትምህርቲ",
    "route.z": "መስመር Z (ብርእሲ ምኽኣል)",
}


def history(signed: bool = True) -> PipHistory:
    draft = prefill(
        PrefillInput(
            Leerroute.B1,
            SH,
            D("2026-04-20"),
            kinderen=(Kind(D("2024-01-10"), True),),
            bijstand_start=D("2026-03-02"),
            participatieladder=3,
        )
    )
    b = draft.beschikking
    assert b.ontzorgen is not None
    b = replace(
        b,
        ontzorgen=replace(b.ontzorgen, besluit_datum=D("2026-03-10"), besluit_kenmerk="PW-0117"),
        vve=(replace(b.vve[0], afspraak="Twee ochtenden per week.", voorziening="De Kikker"),),
    )
    h = PipHistory()
    h = h.with_draft(h.new_draft(b, D("2026-05-01"), ontwikkelplan=draft.ontwikkelplan))
    return h.set_draft(D("2026-05-11")).sign(D("2026-05-11")) if signed else h


def signature_png(seed: int) -> bytes:
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (300, 90), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    draw.line([(10, 70), (80, 20 + seed), (150, 70), (220, 15), (290, 60)], fill="navy", width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def sample_doc(
    lang: str | None = None, signed: bool = True, signatures: bool = False
) -> PipDocument:
    h = history(signed)
    version = h.in_force or h.versions[-1]
    texts = {"ar": ARABIC, "ti": TIGRINYA}.get(lang or "")
    return PipDocument(
        person=PERSON,
        doelgroep=SH,
        version=version,
        deadlines=pip_deadlines(h, DATES, SH, plichtig=True),
        consulent="Mw. S. de Vries",
        kenmerk="INB-2026-0042",
        signature_inburgeraar=signature_png(0) if signatures else None,
        signature_consulent=signature_png(30) if signatures else None,
        annex_lang=lang,
        annex_texts=texts,
    )


# The text fields a PIP shows (with Fields.address_lines): single texts and lists.
SINGLE = (
    "given_names",
    "family_name",
    "consulent",
    "kenmerk",
    "letterhead_name",
    "college",
    "postal_address",
    "phone",
    "email",
    "website",
    "toelichting",
    "reden",
    "route_aanbieder",
    "ontzorgen_kenmerk",
)
LISTS = (
    "pvt",
    "begeleiding_omschrijving",
    "begeleiding_aanbieder",
    "participatie_omschrijving",
    "participatie_organisatie",
    "vve_afspraak",
    "vve_voorziening",
    "doel",
    "afspraak_wat",
    "afspraak_wie",
)


@dataclass(frozen=True)
class Fields:
    """Text for every field a PIP shows: ``single`` by name (:data:`SINGLE`), ``lists`` by
    name (:data:`LISTS`), the letterhead's address lines, and the annex language."""

    single: dict[str, str]
    lists: dict[str, list[str]]
    annex: str | None
    address_lines: tuple[str, ...] = ()

    def texts(self) -> dict[str, list[str]]:
        """Every text by field, as the PIP shows it."""
        f = shown(self)
        return {
            **{k: [v] for k, v in f.single.items()},
            **f.lists,
            "address_lines": list(f.address_lines),
        }


def _cycled(values: list[str], n: int) -> list[str]:
    """``n`` values taken round from ``values`` (empty strings when there are none)."""
    return [values[i % len(values)] if values else "" for i in range(n)]


def pip_with(f: Fields) -> PipDocument:
    """The sample PIP with every text field it shows taken from ``f``."""
    base = sample_doc(f.annex)
    s, ls = f.single, shown(f).lists
    b = base.version.beschikking
    assert b.ontzorgen is not None
    beschikking = replace(
        b,
        toelichting=s["toelichting"],
        leerroute_intensiteit=LeerrouteIntensiteit(12, 1200, s["route_aanbieder"]),
        pvt=PvtIntensiteit(12, tuple(ls["pvt"])),
        begeleiding=tuple(
            Begeleiding(BegeleidingSoort.TAALMAATJE, omschrijving, aanbieder)
            for omschrijving, aanbieder in zip(
                ls["begeleiding_omschrijving"], ls["begeleiding_aanbieder"], strict=True
            )
        ),
        participatie=tuple(
            ParticipatieComponent(ParticipatieSoort.WERK, omschrijving, 8, 0, organisatie)
            for omschrijving, organisatie in zip(
                ls["participatie_omschrijving"], ls["participatie_organisatie"], strict=True
            )
        ),
        vve=tuple(
            VveAfspraak(date(2024, 1, 10), True, afspraak, voorziening)
            for afspraak, voorziening in zip(ls["vve_afspraak"], ls["vve_voorziening"], strict=True)
        ),
        ontzorgen=replace(
            b.ontzorgen, besluit_datum=date(2026, 3, 10), besluit_kenmerk=s["ontzorgen_kenmerk"]
        ),
    )
    plan = Ontwikkelplan(
        doelen=tuple(Doel(text) for text in ls["doel"]),
        afspraken=tuple(
            Afspraak(Actor.OVERIG, wat, wie_naam=wie)
            for wat, wie in zip(ls["afspraak_wat"], ls["afspraak_wie"], strict=True)
        ),
    )
    version = replace(
        base.version,
        nummer=2,
        based_on=1,
        reden=s["reden"],
        beschikking=beschikking,
        ontwikkelplan=plan,
    )
    return replace(
        base,
        person=replace(base.person, given_names=s["given_names"], family_name=s["family_name"]),
        version=version,
        consulent=s["consulent"],
        kenmerk=s["kenmerk"],
        letterhead=Letterhead(
            name=s["letterhead_name"],
            college=s["college"],
            address_lines=tuple(f.address_lines),
            postal_address=s["postal_address"],
            phone=s["phone"],
            email=s["email"],
            website=s["website"],
            is_default=False,
        ),
    )


def shown(f: Fields) -> Fields:
    """``f`` with only what the PIP shows: a second list (a provider, an organisation) has
    one entry per entry of the list it belongs to, taken round."""
    ls = dict(f.lists)
    for detail, main in (
        ("begeleiding_aanbieder", "begeleiding_omschrijving"),
        ("participatie_organisatie", "participatie_omschrijving"),
        ("vve_voorziening", "vve_afspraak"),
        ("afspraak_wie", "afspraak_wat"),
    ):
        ls[detail] = _cycled(ls[detail], len(ls[main]))
    return replace(f, lists=ls)
