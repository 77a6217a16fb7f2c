"""The text of a PDF as pdftotext reads it (poppler-utils), whitespace folded."""

from __future__ import annotations

import shutil
import subprocess

import pytest


def pdf_text(pdf: bytes) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-", "-"], input=pdf, capture_output=True, check=True)
    return " ".join(done.stdout.decode("utf-8").split())


def pdf_pages(pdf: bytes) -> list[str]:
    """The text of each page of ``pdf`` (pdftotext ends each page with a form feed),
    whitespace folded."""
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, "-", "-"], input=pdf, capture_output=True, check=True)
    pages = done.stdout.decode("utf-8").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # after the last page's form feed
    return [" ".join(page.split()) for page in pages]
