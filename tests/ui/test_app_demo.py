"""``inburg-desktop --demo``: a fresh throwaway vault with the demo cases, passphrase
``demo``, and a fictional consultant whose name the demo PIPs carry (not "uw consulent")."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from inburg_desktop.demo.fill import DEMO_CONSULENT, DEMO_PASSPHRASE
from inburg_desktop.pdf.pip_document import render_pip
from inburg_desktop.services import pip_service
from inburg_desktop.services.case_list import load_case_rows
from inburg_desktop.storage.vault import unlock_vault
from inburg_desktop.ui.app import make_demo_vault


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_demo_vault_has_the_cases_and_a_named_consultant() -> None:
    path, vault = make_demo_vault()
    try:
        vault.lock()
        reopened = unlock_vault(path, DEMO_PASSPHRASE)
        try:
            with reopened.session() as session:
                rows = load_case_rows(session)
                (signed,) = [r.id for r in rows if r.pip_status == "signed"]
                pdf = render_pip(pip_service.current_document(session, signed, lang="ar"))
        finally:
            reopened.lock()
    finally:
        shutil.rmtree(path.parent)
    assert len(rows) == 12
    text = subprocess.run(
        ["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    assert DEMO_CONSULENT in text
