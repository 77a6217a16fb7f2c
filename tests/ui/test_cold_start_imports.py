"""A cold start shows the unlock window before the vault's stack is imported (issue 14:
0.88 s against 0.09 s for a bare window): the ORM, Alembic, the main window with its sync
engine, the demo and the PDF stack come after, in the background or on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

AT_UNLOCK = """
import sys
from inburg_desktop.ui import app, unlock_window
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic",
    "reportlab", "httpx", "pydantic", "pycountry") or m in WANTED)))
"""
NOT_YET = (
    "inburg_desktop.ui.main_window",
    "inburg_desktop.demo.fill",
    "inburg_desktop.sync.engine",
    "inburg_desktop.pdf.document",
    "inburg_desktop.storage.vault",
    # the labels of every enum in ``domain`` and the prompts: 0.2-0.4 s of a cold start
    # when ui.app imported ui.close_guard at the top (2.65x a bare window, goal 2.5x)
    "inburg_desktop.formatting",
    "inburg_desktop.domain.pip",
    "inburg_desktop.domain.handhaving",
    "inburg_desktop.domain.voortgang",
    "inburg_desktop.prompts.catalogue",
)


def loaded(code: str) -> set[str]:
    """The modules of interest a fresh interpreter holds after running ``code``."""
    wanted = f"WANTED = {NOT_YET!r}\n"
    out = subprocess.run(
        [sys.executable, "-c", wanted + code], check=True, capture_output=True, text=True
    ).stdout.strip()
    return set(out.split(",")) - {""}


def test_the_unlock_window_needs_none_of_the_vault_stack() -> None:
    assert loaded(AT_UNLOCK) == set()


AT_MAIN_WINDOW = """
import sys
from inburg_desktop.ui import main_window
print(",".join(sorted(m for m in sys.modules if m.split(".")[0] in ("reportlab", "httpx")
    or m in WANTED)))
"""
NOT_WITH_MAIN_WINDOW = (
    "inburg_desktop.pdf.document",
    "inburg_desktop.sync.engine",
    "inburg_desktop.sync.transport",
)


def test_the_main_window_needs_neither_the_pdf_nor_the_sync_stack() -> None:
    """Unlock → case list shown imports the main window: the PDF stack (ReportLab) and
    the sync stack (engine, httpx) come when the consultant prints or syncs (issue 14:
    they were a third of a second of every unlock, at any caseload)."""
    code = AT_MAIN_WINDOW.replace("WANTED", repr(NOT_WITH_MAIN_WINDOW))
    assert loaded(code) == set()


@pytest.mark.parametrize(
    ("argv", "absent"),
    [
        (["case", "list", "--json"], ("inburg_desktop.sync.engine", "reportlab", "httpx")),
        (["rules", "evaluate"], ("inburg_desktop.sync.engine", "reportlab", "httpx")),
    ],
)
def test_a_command_loads_only_its_own_module(argv: list[str], absent: tuple[str, ...]) -> None:
    code = (
        "import sys\nfrom inburg_desktop.cli import build_parser\n"
        f"build_parser({argv!r})\n"
        "print(','.join(m for m in sys.modules if m in WANTED or m.split('.')[0] in WANTED))"
    )
    held = subprocess.run(
        [sys.executable, "-c", f"WANTED = {absent!r}\n" + code],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    assert held == ""


def test_help_still_lists_every_noun() -> None:
    from inburg_desktop.cli import NOUNS, build_parser

    text = build_parser().format_help()
    for noun in NOUNS:
        assert noun in text
