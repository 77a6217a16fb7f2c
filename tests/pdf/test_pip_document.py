"""The PIP PDF (pdf/pip_document.py): embedded fonts, a valid file, the Dutch texts and dates
a reader needs, the objection clause (Awb art. 6:7), signatures, the annex and same bytes."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from inburg_desktop.domain.pip_annex import ROUTE_KEY, ROUTE_TERMS
from inburg_desktop.pdf.pip_document import (
    ANNEX_SOURCE,
    Letterhead,
    annex_lines,
    render_pip,
)

from .samples import ARABIC, TIGRINYA, sample_doc


def _run(tool: str, *args: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed")
    done = subprocess.run([path, *args], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _text(pdf: Path, *pages: int) -> str:
    args = ["-f", str(pages[0]), "-l", str(pages[-1])] if pages else []
    return " ".join(_run("pdftotext", *args, str(pdf), "-").split())


@pytest.fixture(scope="module")
def signed_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("pip") / "pip.pdf"
    out.write_bytes(render_pip(sample_doc("ar", signatures=True)))
    return out


def test_fonts_embedded_and_file_valid(signed_pdf: Path) -> None:
    rows = _run("pdffonts", str(signed_pdf)).splitlines()[2:]
    assert rows
    for row in rows:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert (emb, sub, uni) == ("yes", "yes", "yes"), row
        assert "+" in name
    assert "No syntax or stream encoding errors" in _run("qpdf", "--check", str(signed_pdf))


def test_dutch_text_has_clause_route_termijn_and_dates(signed_pdf: Path) -> None:
    text = _text(signed_pdf)
    # Awb art. 6:7: bezwaar within 6 weeks after the date of the decision, where and how
    assert "binnen 6 weken na de datum van dit besluit" in text
    assert "Algemene wet bestuursrecht, art. 6:7" in text
    assert "Postbus 12, 2240 AA Wassenaar" in text
    assert "bezwaar maken t/m 22 juni 2026" in text
    assert "U volgt de B1-route. Uw doel is taalniveau B1." in text
    # Wet art. 11: termijn from the day after the dagtekening, 3 years, the last day t/m
    assert "Uw inburgeringstermijn loopt van 12 mei 2026 t/m 11 mei 2029" in text
    for label, day in [
        ("Datum van dit besluit", "11 mei 2026"),
        ("Start inburgeringstermijn", "12 mei 2026"),
        ("Inburgeringstermijn loopt t/m", "11 mei 2029"),
        ("Leerroute wijzigen kan t/m", "11 november 2027"),
        ("Ontzorgen t/m", "1 september 2026"),
        ("Bezwaar maken kan t/m", "22 juni 2026"),
    ]:
        assert f"{label} {day}" in text
    assert "kenmerk PW-0117" in text  # the attached Participatiewet decision
    assert "Geboortedatum 17 mei 1994" in text
    assert "V-nummer 1234567890" in text and "BSN 123456782" in text
    assert re.search(r"pagina 1 van \d", text)


def test_metadata(signed_pdf: Path) -> None:
    info = _run("pdfinfo", str(signed_pdf))
    assert re.search(r"Title:\s+Plan Inburgering en Participatie \(PIP\) – Amal Haddad", info)
    assert re.search(r"Author:\s+Gemeente Wassenaar", info)
    assert re.search(r"Subject:\s+Besluit PIP, kenmerk INB-2026-0042, versie 1", info)
    raw = signed_pdf.read_bytes()
    assert b"/Lang (nl-NL)" in raw


def test_signature_images_are_drawn(signed_pdf: Path) -> None:
    listing = _run("pdfimages", "-list", str(signed_pdf)).splitlines()[2:]
    assert len(listing) >= 2


def test_same_input_same_bytes() -> None:
    assert render_pip(sample_doc("ar", signatures=True)) == render_pip(
        sample_doc("ar", signatures=True)
    )
    assert render_pip(sample_doc()) != render_pip(sample_doc(signatures=True))


# pdftotext marks right-to-left runs with bidi embedding controls; they are not text.
_BIDI_CONTROLS = dict.fromkeys(
    map(ord, "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
)


def _reading(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_BIDI_CONTROLS)
    return " ".join(text.split())


def _arabic_words(text: str) -> list[str]:
    """The Arabic-script words in order, punctuation stripped.

    poppler reorders the left-to-right pieces inside a right-to-left line (a Dutch name,
    a phone number) and the punctuation beside them by its own rules; the Arabic words and
    their order are what the reader reads, so those are compared.
    """
    words = [re.sub(r"[^\u0600-\u06ff]", "", w) for w in _reading(text).split()]
    return [w.strip("،؛؟.") for w in words if re.search(r"[\u0621-\u064a]", w)]


def _unspaced(text: str) -> str:
    """:func:`_reading` minus spaces beside digits and punctuation: poppler moves the space
    around a full stop in a right-to-left line ("الاتفاقات. النص" → "الاتفاقات .النص")."""
    return re.sub(r"\s*([0-9.,:;،؛؟])\s*", r"\1", _reading(text))


def _contains(haystack: list[str], needle: list[str]) -> bool:
    return any(haystack[i : i + len(needle)] == needle for i in range(len(haystack)))


@pytest.mark.parametrize("lang", ["ar", "ti"])
def test_annex_extracts_as_source(lang: str, tmp_path: Path) -> None:
    # the annex text extracts equal to the source after NFKC normalisation, word order kept
    out = tmp_path / f"pip-{lang}.pdf"
    doc = sample_doc(lang)
    out.write_bytes(render_pip(doc))
    pages = int(re.findall(r"Pages:\s+(\d+)", _run("pdfinfo", str(out)))[0])
    extracted = _run("pdftotext", "-f", str(pages), "-l", str(pages), str(out), "-")
    assert "Bijlage: samenvatting in uw taal" in _reading(extracted)
    for key, line in annex_lines(doc, lang, {"ar": ARABIC, "ti": TIGRINYA}[lang]):
        if lang == "ti":
            assert _reading(line) in _reading(extracted), key
        else:
            assert _contains(_arabic_words(extracted), _arabic_words(line)), key
            if not re.search(r"[A-Za-z0-9]", line):  # pure Arabic: exactly as written
                assert _unspaced(line) in _unspaced(extracted), key


def test_draft_says_concept_and_explains_the_termijn(tmp_path: Path) -> None:
    out = tmp_path / "draft.pdf"
    out.write_bytes(render_pip(sample_doc(signed=False)))
    text = _text(out)
    assert "CONCEPT" in text.replace(" ", "")  # the diagonal watermark
    assert "Die termijn begint op de dag na de datum van dit besluit" in text
    assert "Datum van dit besluit nog niet vastgesteld (concept)" in text


def test_annex_needs_every_text_with_its_placeholders() -> None:
    doc = sample_doc("ar")
    with pytest.raises(ValueError, match=r"annex_texts\.contact: translation missing"):
        annex_lines(doc, "ar", {k: v for k, v in ARABIC.items() if k != "contact"})
    broken = dict(ARABIC, leerroute="{leerroute}")
    with pytest.raises(ValueError, match=r"annex_texts\.leerroute: placeholders"):
        annex_lines(doc, "ar", broken)
    without_route = {k: v for k, v in ARABIC.items() if k != "route.b1"}
    with pytest.raises(ValueError, match=r"annex_texts\.route\.b1: translation missing"):
        annex_lines(doc, "ar", without_route)  # the route's name in the annex language
    routes = {ROUTE_KEY + route for route in ROUTE_TERMS}
    assert set(ARABIC) == set(TIGRINYA) == set(ANNEX_SOURCE) | routes


def test_letterhead_is_a_setting(tmp_path: Path) -> None:
    head = Letterhead(
        name="Gemeente Voorschoten",
        college="het college van burgemeester en wethouders van Voorschoten",
        postal_address="Postbus 1, 2250 AA Voorschoten",
        is_default=False,
    )
    out = tmp_path / "v.pdf"
    out.write_bytes(render_pip(replace(sample_doc(), letterhead=head)))
    text = _text(out)
    assert "Gemeente Voorschoten" in text and "Postbus 1, 2250 AA Voorschoten" in text
    assert "standaardgegevens" not in text


def _png(size: tuple[int, int]) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.linear_gradient("L").resize(size).convert("RGB").save(out, format="PNG")
    return out.getvalue()


def _jpeg_claiming_13000_square() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(out, format="JPEG", quality=20)
    data = bytearray(out.getvalue())
    at = data.index(b"\xff\xc0")
    data[at + 5 : at + 9] = struct.pack(">HH", 13000, 13000)
    return bytes(data)


@pytest.mark.parametrize(
    ("logo", "reason"),
    [
        (_png((400, 300))[:700], "de afbeelding is beschadigd of onvolledig"),
        (_jpeg_claiming_13000_square(), "te groot"),
    ],
    ids=["truncated-png", "jpeg-bomb"],
)
def test_a_logo_that_does_not_decode_is_left_out_with_a_note(
    tmp_path: Path, logo: bytes, reason: str
) -> None:
    """A logo stored before logos were checked (an old vault, an older office) made every
    render exit 70, or cost 1.8 GB: now the PIP renders without it and says so."""
    head = Letterhead(
        name="Gemeente Voorschoten",
        college="het college van burgemeester en wethouders van Voorschoten",
        postal_address="Postbus 1, 2250 AA Voorschoten",
        logo=logo,
        is_default=False,
    )
    out = tmp_path / "logo.pdf"
    out.write_bytes(render_pip(replace(sample_doc(), letterhead=head)))
    text = _text(out)
    assert f"(logo niet getoond: {reason}" in text
    assert "Postbus 1, 2250 AA Voorschoten" in text
    assert _run("pdfimages", "-list", str(out)).splitlines()[2:] == []


def test_a_good_logo_is_drawn(tmp_path: Path) -> None:
    out = tmp_path / "logo.pdf"
    out.write_bytes(render_pip(replace(sample_doc(), letterhead=Letterhead(logo=_png((240, 80))))))
    assert len(_run("pdfimages", "-list", str(out)).splitlines()[2:]) == 1
    assert "logo niet getoond" not in _text(out)
