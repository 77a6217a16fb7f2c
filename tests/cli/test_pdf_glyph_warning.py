"""Issue 13: every command that makes a PDF says on standard error when a character
printed as its code, naming the field, and still exits 0 with the PDF written.

Since every PDF prints a character no shipped font draws as ``<U+XXXX>``, ``inburg pip
render`` wrote a PIP with "<U+05E9>" for the consultant's name and said nothing, as did
``inburg catalog booklet`` and ``inburg-office case export --out FILE.pdf`` (the child's
warning was dropped). ``inburg case pdf`` and ``case export`` are walked in
tests/cli/test_case_export.py.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from tests.cli.test_pip_render import _by_status
from tests.ui.pdf_text import pdf_text

from inburg_desktop import cli
from inburg_desktop.domain.case_document import dumps
from inburg_desktop.pdf.fonts import resources_dir
from inburg_desktop.server.case_transfer import readable_pdf

HEBREW_NAME = "שרה כהן"
ADVICE = "voordat u het besluit ondertekent of verstuurt"


def test_pip_render_names_the_field_on_stderr_and_writes_the_pip(
    inburg: Any, tmp_path: Path
) -> None:
    """The consultant's name in Hebrew script (the name rule accepts it; no shipped font
    has Hebrew): exit 0, the PIP written with the code, and standard error names the
    field and the character, never the name, with the advice to correct it before
    signing."""
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    assert inburg("demo", "--vault", path).returncode == 0
    assert inburg("consulent", "--vault", path, "--naam", HEBREW_NAME).returncode == 0
    cases = json.loads(inburg("case", "list", "--vault", path, "--json").stdout)
    out = tmp_path / "pip.pdf"
    done = inburg(
        "pip", "render", "--vault", path, "--case", _by_status(cases, "draft"), "--out", out
    )
    assert done.returncode == 0, done.stderr
    warning = next(line for line in done.stderr.splitlines() if line.startswith("waarschuwing:"))
    assert "«Uw consulent»" in warning and "U+05E9" in warning and ADVICE in warning
    assert HEBREW_NAME not in done.stderr
    assert "<U+05E9>" in pdf_text(out.read_bytes())


def test_catalog_booklet_names_the_prompt_on_stderr_and_writes_the_booklet(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    """A catalogue whose prompt holds a character no font draws (read by the real
    loader from a copy of the shipped files): the booklet is written and standard error
    names the prompt's key; a booklet is no decision, so no signing advice."""
    from inburg_desktop.prompts import catalogue as loader
    from inburg_desktop.prompts import translations

    # the prompt texts are cached per process: this test's altered catalogue must neither
    # meet a cache filled before it nor stay in it for the tests after it
    translations._default_source_texts.cache_clear()
    request.addfinalizer(translations._default_source_texts.cache_clear)
    root = tmp_path / "prompts"
    shutil.copytree(resources_dir() / "prompts", root)
    shipped = loader.load_catalogue()
    first = shipped.topics[0].opening
    files = [p for p in root.rglob("*.toml") if f'"{first.text}"' in p.read_text("utf-8")]
    assert files, "the first prompt's text is in a topic file"
    for file in files:
        text = file.read_text("utf-8")
        file.write_text(text.replace(f'"{first.text}"', f'"{first.text} 🦴"'), "utf-8")
    real_load = loader.load_catalogue
    monkeypatch.setattr(loader, "load_catalogue", lambda root_=None: real_load(root))
    out = tmp_path / "boekje.pdf"
    assert cli.main(["catalog", "booklet", "--lang", "ti", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert err.startswith("waarschuwing:"), err
    assert f"«prompt.{first.id}»" in err and "U+1F9B4" in err and ADVICE not in err
    assert "<U+1F9B4>" in pdf_text(out.read_bytes())


def test_the_office_passes_the_overviews_warning_on(tmp_path: Path) -> None:
    """``inburg-office case export --out FILE.pdf`` makes the overview through the laptop's
    ``inburg case pdf``: its warning reaches the administrator (``readable_pdf``'s
    ``warn``), where it was dropped with the rest of the child's standard error."""
    from tests.domain.test_case_document import valid_document

    doc = valid_document()
    fields = tuple(
        replace(f, value="Rugklachten 🦴") if f.key == "intake.fysieke_gezondheid.notes" else f
        for f in doc.fields
    )
    told: list[str] = []
    pdf = readable_pdf(dumps(replace(doc, fields=fields)), warn=told.append)
    assert pdf.startswith(b"%PDF-")
    assert len(told) == 1 and "U+1F9B4" in told[0]
    assert "Aantekeningen van de consulent" in told[0] and "Rugklachten" not in told[0]
