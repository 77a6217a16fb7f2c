"""The prompt booklet: every font embedded, and each language's prompts extract from the
translation column in catalogue order after NFKC normalisation."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from inburg_desktop.pdf.booklet import COLUMN as BOOKLET_COLUMN
from inburg_desktop.pdf.booklet import render_booklet
from inburg_desktop.pdf.document import FRAME_PADDING, LEFT_MARGIN
from inburg_desktop.prompts.catalogue import load_catalogue
from inburg_desktop.prompts.translations import prompt_text

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdffonts") is None,
    reason="poppler-utils not installed",
)
# The translation column: right of the margin, the frame's padding and the Dutch column.
_RIGHT = LEFT_MARGIN + FRAME_PADDING + BOOKLET_COLUMN
COLUMN = ["-x", str(round(_RIGHT)), "-y", "0", "-W", "300", "-H", "842"]


def squeeze(text: str) -> str:
    """NFKC, then drop whitespace and format controls (pdftotext adds bidi embeddings)."""
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")


def arabic_letters(text: str) -> str:
    return "".join(c for c in text if "ARABIC" in unicodedata.name(c, ""))


@pytest.fixture(scope="module")
def booklets(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("booklets")
    catalogue = load_catalogue()
    paths = {}
    for lang in ("ar", "ti", "prs", "tr"):
        paths[lang] = out / f"{lang}.pdf"
        paths[lang].write_bytes(render_booklet(catalogue, lang))
    return paths


@pytest.mark.parametrize("lang", ["ar", "ti", "prs", "tr"])
def test_every_font_is_embedded(booklets: dict[str, Path], lang: str) -> None:
    rows = subprocess.run(
        ["pdffonts", str(booklets[lang])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert rows
    for row in rows:
        assert row.split()[-5] == "yes", row  # the "emb" column


@pytest.mark.parametrize("lang", ["ar", "ti", "prs", "tr"])
def test_prompts_extract_in_order(booklets: dict[str, Path], lang: str) -> None:
    raw = subprocess.run(
        ["pdftotext", *COLUMN, str(booklets[lang]), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text, letters = squeeze(raw), arabic_letters(squeeze(raw))
    catalogue = load_catalogue()
    pos = pos_letters = 0
    for topic in catalogue.topics:
        for prompt in topic.prompts:
            expected = squeeze(prompt_text(f"prompt.{prompt.id}", lang))
            assert expected != squeeze(prompt.text), f"{prompt.id} is not translated"
            found = text.find(expected, pos)
            if found >= 0:
                pos = found + len(expected)
                continue
            # poppler reorders embedded Latin runs (AZC, mbo, a, b, c) in RTL lines by its
            # own rules: there, compare the Arabic-script letters and their order.
            assert any(c.isascii() and c.isalpha() for c in expected), (prompt.id, expected)
            only = arabic_letters(expected)
            found = letters.find(only, pos_letters)
            assert found >= 0, (prompt.id, expected)
            pos_letters = found + len(only)


def test_same_catalogue_same_bytes(tmp_path: Path) -> None:
    catalogue = load_catalogue()
    assert render_booklet(catalogue, "ti") == render_booklet(catalogue, "ti")


def test_unknown_language_is_refused() -> None:
    with pytest.raises(KeyError):
        render_booklet(load_catalogue(), "xx")


def test_cli_writes_the_booklet(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from inburg_desktop import cli

    out = tmp_path / "boekje.pdf"
    assert cli.main(["catalog", "booklet", "--lang", "ti", "--out", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    other = str(tmp_path / "ander.pdf")  # (the first name exists now: refused as such)
    assert cli.main(["catalog", "booklet", "--lang", "xx", "--out", other]) == 2
    assert "onbekende taal" in capsys.readouterr().err
