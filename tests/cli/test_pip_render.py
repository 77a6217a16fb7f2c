"""``inburg pip render`` as INTERFACES.md specifies: the PDF of the current PIP, and the exit
codes for a wrong passphrase (3), no such case (6), no PIP yet (10) and a missing annex
translation (7); ``--lang`` adds the translated annex."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    from tests.cli.conftest import run_inburg

    path = tmp_path_factory.mktemp("pipcli") / "kluis.db"
    assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", path).returncode == 0
    listed = run_inburg("case", "list", "--vault", path, "--json")
    assert listed.returncode == 0, listed.stderr
    cases = json.loads(listed.stdout)
    return path, cases


def _by_status(cases: list[dict[str, Any]], status: str) -> str:
    case_id: str = next(c["id"] for c in cases if c["pip_status"] == status)
    return case_id


def _pdftotext(pdf: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.skip("pdftotext is not installed")
    done = subprocess.run([tool, str(pdf), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


@pytest.mark.parametrize("status", ["signed", "draft"])
def test_renders_the_current_pip(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path, status: str
) -> None:
    path, cases = demo_vault
    out = tmp_path / "pip.pdf"
    done = inburg(
        "pip", "render", "--vault", path, "--case", _by_status(cases, status), "--out", out
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert out.stat().st_mode & 0o777 == 0o600
    text = _pdftotext(out)
    assert "U volgt de B1-route" in text
    assert "inburgeringstermijn" in text
    assert ("CONCEPT" in text.replace(" ", "")) is (status == "draft")  # the watermark


def test_lang_adds_the_annex_and_a_missing_language_is_exit_7(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    path, cases = demo_vault
    case_id = _by_status(cases, "signed")
    out = tmp_path / "pip-ar.pdf"
    done = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out, "--lang", "ar")
    assert done.returncode == 0, done.stderr
    text = _pdftotext(out)
    annex = text.rsplit("Bijlage: samenvatting in uw taal", 1)[1]
    assert "B1-route" in annex  # the Arabic annex names the leerroute
    # named in Dutch, not by code, and marked as the unreviewed draft it is (review-status)
    assert annex.startswith(", Arabisch") and "(ar)" not in text
    assert "Concept-vertaling: deze vertaling is nog niet door een vertaler nagekeken" in annex
    unknown = inburg(
        "pip",
        "render",
        "--vault",
        path,
        "--case",
        case_id,
        "--out",
        tmp_path / "x.pdf",
        "--lang",
        "xx",
    )
    assert unknown.returncode == 7
    assert "geen volledige vertaling van de samenvatting in xx" in unknown.stderr


def test_same_pip_renders_to_the_same_bytes(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    path, cases = demo_vault
    case_id = _by_status(cases, "signed")
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for out in outs:
        assert (
            inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out).returncode
            == 0
        )
    assert outs[0].read_bytes() == outs[1].read_bytes()


def test_exit_codes(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    path, cases = demo_vault
    out = tmp_path / "pip.pdf"
    signed = _by_status(cases, "signed")
    wrong = inburg(
        "pip", "render", "--vault", path, "--case", signed, "--out", out, passphrase="verkeerd!!"
    )
    assert wrong.returncode == 3
    missing = inburg("pip", "render", "--vault", path, "--case", "geen-dossier", "--out", out)
    assert missing.returncode == 6
    assert "bestaat niet" in missing.stderr
    no_pip = inburg(
        "pip", "render", "--vault", path, "--case", _by_status(cases, "none"), "--out", out
    )
    assert no_pip.returncode == 10
    assert no_pip.stderr.strip() == "inburg: Dit dossier heeft nog geen PIP. Stel eerst een PIP op."
    assert not out.exists()
