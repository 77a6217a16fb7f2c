"""``inburg_desktop.formatting``: the one home of dates, numbers and shared enum labels.

The UI's dates follow the UI language; the decision's dates are Dutch whatever the UI
language (Awb art. 2:6); labels are msgids with an English translation. A scan of
``src/`` keeps it the one home: Babel's date and number formatting is called nowhere
else (``domain/text.py`` may, for the reasons the domain writes in the decision's Dutch).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from inburg_desktop import formatting
from inburg_desktop.domain.agenda import AgendaKind, Groep
from inburg_desktop.domain.case import Doelgroep, Leerroute
from inburg_desktop.domain.text import N_, Reason, nl_date
from inburg_desktop.i18n import set_language
from inburg_desktop.prompts.catalogue import load_catalogue

SRC = Path(__file__).resolve().parents[1] / "src" / "inburg_desktop"
MAY_FORMAT = {SRC / "formatting.py", SRC / "domain" / "text.py"}


@pytest.fixture
def english() -> Iterator[None]:
    set_language("en")
    try:
        yield
    finally:
        set_language("nl")


def test_ui_dates_follow_the_ui_language(english: None) -> None:
    day = date(2026, 3, 2)
    assert formatting.format_date(day) == "2 Mar 2026"
    assert formatting.format_date(day, style="long") == "2 March 2026"
    set_language("nl")
    assert formatting.format_date(day) == "2 mrt 2026"
    assert formatting.format_date(day, style="long") == "2 maart 2026"


UI_LANGUAGES = sorted(
    p.name for p in (SRC.parents[1] / "translations" / "ui").iterdir() if p.is_dir()
)
# Day 22 cannot be a month: a US "3/22" or "Mar 22" order shows as a day after the month.
DAY = date(1987, 3, 22)
MOMENT = datetime(2026, 3, 22, 21, 36, 19)


@pytest.mark.parametrize("language", UI_LANGUAGES)
def test_every_ui_date_reads_day_month_year_on_a_24_hour_clock(language: str) -> None:
    """Issue 13 (98, 104): the English UI showed "Mar 22, 1987" and "9:36:19 AM" beside
    fields that take 22-03-1987. Every style in every UI language puts the day first and
    uses a 24-hour clock; the short style is the date fields' own dd-mm-jjjj."""
    set_language(language)
    names = formatting.date_locale_for(language).months["format"]
    months = sorted((names[w][3] for w in ("wide", "abbreviated")), key=len, reverse=True)
    try:
        for style in ("medium", "long", "full"):
            shown = formatting.format_date(DAY, style=style)
            assert shown.index("22") < shown.index("1987"), (language, style, shown)
            month = next(m for m in months if m in shown)
            assert shown.index("22") < shown.index(month), (language, style, shown)
        assert formatting.format_date(DAY, style="short") == "22-03-1987"
        for style in ("short", "medium", "long"):
            moment = formatting.format_datetime(MOMENT, style=style)
            assert "21:36" in moment and "PM" not in moment and "AM" not in moment, moment
            assert moment.index("22") < moment.index("2026"), moment
        assert formatting.format_time(MOMENT) == "21:36"
        stamp = formatting.format_utc_stamp(MOMENT.isoformat())
        assert "AM" not in stamp and "PM" not in stamp, stamp
    finally:
        set_language("nl")


def test_annex_languages_keep_their_own_convention() -> None:
    # Only the UI follows the Dutch convention; Arabic has no Netherlands variant in CLDR.
    assert str(formatting.date_locale_for("ar")) == "ar"
    assert str(formatting.date_locale_for("en")) == "en_NL"


def test_decision_dates_stay_dutch_in_the_english_ui(english: None) -> None:
    # Leap day and a month end: CLDR's long Dutch pattern, not a hand-made month table.
    assert formatting.decision_date(date(2028, 2, 29)) == "29 februari 2028"
    assert formatting.decision_date(date(2026, 5, 31)) == "31 mei 2026"
    assert nl_date(date(2026, 11, 12)) == "12 november 2026"


def test_numbers_and_annex_languages() -> None:
    assert formatting.format_number(1234.5, "nl") == "1.234,5"
    assert formatting.format_number(1234.5, "en") == "1,234.5"
    # Dari has the gettext code prs; CLDR knows it as fa_AF.
    assert str(formatting.locale_for("prs")) == "fa_AF"
    assert formatting.format_date(date(2026, 3, 2), "ar", formatting.DECISION_STYLE)


def test_a_utc_stamp_is_shown_in_local_time_or_as_stored() -> None:
    stamp = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    shown = formatting.format_utc_stamp(stamp.replace(tzinfo=None).isoformat())
    assert "2026" in shown
    assert formatting.format_utc_stamp("not a stamp") == "not a stamp"


def test_labels_are_translated_msgids(english: None) -> None:
    assert formatting.doelgroep_label("overige_migrant") == "other migrant"
    assert formatting.doelgroep_label(Doelgroep.STATUSHOUDER) == "status holder"
    assert formatting.doelgroep_label("onbekend") == "onbekend"
    assert formatting.route_label(Leerroute.ONDERWIJS) != "Onderwijsroute"
    assert list(formatting.route_labels()) == list(Leerroute)
    set_language("nl")
    assert formatting.doelgroep_label("overige_migrant") == "overige migrant"
    assert formatting.route_label(Leerroute.B1) == "B1-route"


def _babel_formatting_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("babel.dates", "babel.numbers"):
            found.append(f"{path.relative_to(SRC)}: from {node.module} import ...")
        if isinstance(node, ast.Import):
            found += [
                f"{path.relative_to(SRC)}: import {a.name}"
                for a in node.names
                if a.name in ("babel.dates", "babel.numbers")
            ]
    return found


def test_dates_and_numbers_are_formatted_in_one_module() -> None:
    others = [
        hit
        for path in sorted(SRC.rglob("*.py"))
        if path not in MAY_FORMAT
        for hit in _babel_formatting_imports(path)
    ]
    assert others == [], "format through inburg_desktop.formatting"


def test_every_agenda_kind_and_group_has_a_label() -> None:
    assert set(formatting.AGENDA_KIND_LABELS) == {kind.value for kind in AgendaKind}
    assert set(formatting.AGENDA_GROUP_LABELS) == {group.value for group in Groep}


CATALOGUES = SRC.parents[1] / "translations"
DUTCH_CITATION = re.compile(
    r"\b(?:Wet|Besluit|Regeling) art\.|art\. [\d.:]+[a-z]? (?:lid|para\.) \d"
)


@pytest.mark.parametrize(
    ("dutch", "english"),
    [
        (
            "Wet art. 14 lid 3 en lid 6; Besluit art. 5.2 lid 1",
            "Act art. 14(3) and (6); Decree art. 5.2(1)",
        ),
        ("Wet art. 15 lid 1 onder d", "Act art. 15(1)(d)"),
        ("Besluit art. 3.14 lid 6, 8 en 9", "Decree art. 3.14(6), (8) and (9)"),
        ("Wet art. 23 (Besluit art. 7.1 lid 4)", "Act art. 23 (Decree art. 7.1(4))"),
        ("Awb art. 3:46", "Awb art. 3:46"),
    ],
)
def test_legal_references_are_cited_one_way_per_language(dutch: str, english: str) -> None:
    assert formatting.cite_law(dutch, "en") == english
    assert formatting.cite_law(english, "en") == english
    assert formatting.cite_law(dutch, "nl") == dutch


def _translations(path: Path) -> Iterator[str]:
    with path.open("rb") as fh:
        for message in read_po(fh):
            string = message.string
            texts = [string] if isinstance(string, str) else list(string or ())
            yield from (" ".join(str(t).split()) for t in texts if message.id and t)


@pytest.mark.parametrize(
    "path",
    [
        CATALOGUES / "ui" / "en" / "LC_MESSAGES" / "ui.po",
        CATALOGUES / "prompts" / "en" / "LC_MESSAGES" / "prompts.po",
    ],
    ids=["ui", "prompts"],
)
def test_english_texts_cite_the_law_the_english_way(path: Path) -> None:
    """Issue 13 (98): the English intake showed "Wet art. 14 lid 3 en lid 6" beside a tip
    citing "Act art. 14(6)", and the UI catalogue mixed "Besluit art. 5.3 lid 1", "Decree
    art. 5.3 para. 1" and "Decree art. 5.3(2)"."""
    dutch = [text for text in _translations(path) if DUTCH_CITATION.search(text)]
    assert not dutch, dutch[:5]


def test_the_intake_topics_legal_basis_reads_english_in_english() -> None:
    # the topic catalogue's legal basis is Dutch source text; the header shows it cited
    topics = load_catalogue().topics
    assert topics
    for topic in topics:
        shown = formatting.cite_law(topic.legal_basis, "en")
        assert not DUTCH_CITATION.search(shown), shown


def test_a_reason_with_a_dutch_article_reads_english(english: None) -> None:
    reason = Reason.of(
        "pip_due",
        N_("Stel het PIP vast: uiterlijk {due} ({artikel})."),
        due="12 mei 2027",
        artikel="Wet art. 14 lid 2",
    )
    assert "Act art. 14(2)" in formatting.reason_text(reason)
