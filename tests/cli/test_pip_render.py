"""``inburg pip render`` as INTERFACES.md specifies: the PDF of the current PIP, and the exit
codes for a wrong passphrase (3), no such case (6), no PIP yet (10) and a missing annex
translation (7); ``--lang`` adds the translated annex."""

from __future__ import annotations

import errno
import json
import os
import re
import shutil
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete
from tests.cli.conftest import PASSPHRASE

from inburg_desktop.demo.pip_stages import DEMO_CONSULENT
from inburg_desktop.services.consulent import ENROLLED_SETTING, NAAM_SETTING
from inburg_desktop.storage.sync_state import get_setting
from inburg_desktop.storage.tables import SettingRow
from inburg_desktop.storage.vault import unlock_vault


@pytest.fixture(scope="module")
def demo_vault(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    from tests.cli.conftest import run_inburg

    path = tmp_path_factory.mktemp("pipcli") / "kluis.db"
    assert run_inburg("vault", "init", "--vault", path).returncode == 0
    assert run_inburg("demo", "--vault", path).returncode == 0
    assert run_inburg("consulent", "--vault", path, "--naam", "Sanne de Vries").returncode == 0
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
    # the Arabic annex names the leerroute in Arabic, as the intake's catalogue does
    # (pdftotext marks the embedded Latin "B1" with U+202A..U+202C)
    plain = re.sub("[\u202a-\u202e]", "", annex)
    assert "مسار التعلم الخاص بك هو مسار" in plain and "B1-route" not in plain, plain
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


def test_the_annex_is_in_the_preferred_language_unless_asked_otherwise(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """Issue 13 item 6: ``--lang voorkeur`` puts the annex in the newcomer's preferred
    language (the demo's signed case: Semhar, Tigrinya); ``--lang nl`` and no ``--lang``
    (INTERFACES.md: ``--lang`` adds the annex) give none."""
    path, cases = demo_vault
    case_id = _by_status(cases, "signed")
    out = tmp_path / "pip.pdf"
    done = inburg(
        "pip", "render", "--vault", path, "--case", case_id, "--out", out, "--lang", "voorkeur"
    )
    assert done.returncode == 0, done.stderr
    annex = _pdftotext(out).rsplit("Bijlage: samenvatting in uw taal", 1)[1]
    assert annex.startswith(", Tigrinya")
    assert "Sanne de Vries" in annex  # the contact line names the consultant
    plain = tmp_path / "nl.pdf"
    done = inburg(
        "pip", "render", "--vault", path, "--case", case_id, "--out", plain, "--lang", "nl"
    )
    assert done.returncode == 0, done.stderr
    assert "Bijlage: samenvatting" not in _pdftotext(plain)
    default = tmp_path / "default.pdf"
    done = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", default)
    assert done.returncode == 0, done.stderr
    assert "Bijlage: samenvatting" not in _pdftotext(default)


def test_no_pip_without_the_consultants_name(inburg: Any, tmp_path: Path) -> None:
    """No PIP says "uw consulent" where a name belongs: without a name nothing is
    rendered (exit 17, saying how to set it); a word that stands for a name is refused
    (exit 5); once set, every PIP carries it, in Dutch and inside the annex."""
    path = tmp_path / "kluis.db"
    assert inburg("vault", "init", "--vault", path).returncode == 0
    assert inburg("demo", "--vault", path).returncode == 0
    # The demo names its fictional consultant (and, not enrolled, its office account for
    # the gemeenten it shows); a real vault starts without a name and without an account.
    opened = unlock_vault(path, PASSPHRASE)
    try:
        with opened.transaction() as session:
            assert get_setting(session, NAAM_SETTING) == DEMO_CONSULENT
            session.execute(
                delete(SettingRow).where(SettingRow.key.in_((NAAM_SETTING, ENROLLED_SETTING)))
            )
    finally:
        opened.lock()
    cases = json.loads(inburg("case", "list", "--vault", path, "--json").stdout)
    draft = _by_status(cases, "draft")
    out = tmp_path / "pip.pdf"
    refused = inburg("pip", "render", "--vault", path, "--case", draft, "--out", out)
    assert refused.returncode == 17
    assert "inburg consulent --naam" in refused.stderr and not out.exists()
    shown = inburg("consulent", "--vault", path)
    assert shown.returncode == 0 and "nog geen naam" in shown.stdout
    bad = inburg("consulent", "--vault", path, "--naam", "Uw consulent")
    assert bad.returncode == 5 and "geen naam" in bad.stderr
    assert inburg("consulent", "--vault", path, "--naam", "Joris Bakker").returncode == 0
    assert "Joris Bakker" in inburg("consulent", "--vault", path).stdout
    for status in ("draft", "signed"):
        out = tmp_path / f"{status}.pdf"
        case_id = _by_status(cases, status)
        done = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out)
        assert done.returncode == 0, done.stderr
        text = _pdftotext(out)
        assert "uw consulent uw consulent" not in text.lower()
        assert "consulent , telefoon" not in text
    # the signed PIP keeps the name it was set with (the demo's), the draft takes the new one
    assert "Joris Bakker" in _pdftotext(tmp_path / "draft.pdf")


def test_the_placeholder_letterhead_is_said_on_stderr_until_it_is_filled_in(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """The same rule as the GUI's confirmation (``domain.pip_sender``), in the same words:
    a PIP with the placeholder letterhead is not sent unseen (usability round 3, 2)."""
    from inburg_desktop.domain.letterhead import Letterhead
    from inburg_desktop.services.letterhead import set_local_letterhead

    source, cases = demo_vault
    path = tmp_path / "kluis.db"
    for suffix in ("", ".key"):  # the vault and its key file beside it
        shutil.copy(f"{source}{suffix}", f"{path}{suffix}")
    case_id = _by_status(cases, "draft")
    out = tmp_path / "pip.pdf"
    done = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "let op: Het briefhoofd is nog de standaardtekst" in done.stderr
    vault = unlock_vault(path, PASSPHRASE)
    try:
        set_local_letterhead(vault, Letterhead(name="Gemeente Leiden", is_default=False))
    finally:
        vault.lock()
    # made again over the first one, on purpose (an --out file is never replaced unasked)
    done = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out, "--vervang")
    assert done.returncode == 0, done.stderr
    assert "briefhoofd" not in done.stderr.lower()


DISK_CAUSES = [
    (errno.ENOSPC, 12, "de schijf is vol"),
    (errno.EROFS, 13, "alleen gelezen"),
    (errno.EACCES, 14, "geen toestemming"),
    (errno.EIO, 16, "schrijffout"),
]


@pytest.mark.parametrize(("code", "exit_code", "words"), DISK_CAUSES)
def test_a_disk_that_refuses_out_gives_the_readme_exit_code_in_dutch(
    demo_vault: tuple[Path, list[dict[str, Any]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    code: int,
    exit_code: int,
    words: str,
) -> None:
    """Attack round 4: a full disk or read-only medium under --out was exit 1 with the
    system's English ("No space left on device"). In-process, so the write can fail with
    the errno a full tmpfs or read-only mount gives (mounting needs root)."""
    from inburg_desktop import cli

    path, cases = demo_vault
    monkeypatch.setenv("INBURG_PASSPHRASE", PASSPHRASE)
    monkeypatch.setenv("INBURG_TEST_FAST_KDF", "1")

    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, "fsync", refuse)
    out = tmp_path / "pip.pdf"
    args = ["pip", "render", "--vault", str(path), "--case", _by_status(cases, "signed")]
    assert cli.main([*args, "--out", str(out)]) == exit_code
    err = capsys.readouterr().err
    assert words in err and str(out) in err
    assert os.strerror(code) not in err
    assert list(tmp_path.iterdir()) == []


def test_out_that_names_no_writable_file_is_exit_2_and_nothing_is_replaced(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """A missing folder (not made), a folder, a FIFO: refused in words; the FIFO stays."""
    path, cases = demo_vault
    signed = _by_status(cases, "signed")
    fifo = tmp_path / "pijp.pdf"
    os.mkfifo(fifo)
    for out, words in (
        (tmp_path / "nodir" / "x" / "pip.pdf", "bestaat niet"),
        (tmp_path, "geen gewoon bestand"),
        (fifo, "geen gewoon bestand"),
    ):
        done = inburg("pip", "render", "--vault", path, "--case", signed, "--out", out)
        assert done.returncode == 2, done.stderr
        assert words in done.stderr and "Errno" not in done.stderr
    assert not (tmp_path / "nodir").exists()
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_damaged_stored_pip_is_its_own_exit_not_an_unexpected_error(
    inburg: Any, demo_vault: tuple[Path, list[dict[str, Any]]], tmp_path: Path
) -> None:
    """Attack round 7, finding 14: a PIP whose stored versions do not load as one history
    (a lone version numbered 7, as an older office served it) exited 70 "unexpected
    error" with an ERROR in the log; it is exit 18 with the stored-PIP sentence."""
    from inburg_desktop.storage.cases import get_case, update_fields

    path, cases = demo_vault
    case_id = _by_status(cases, "signed")
    opened = unlock_vault(path, PASSPHRASE)
    try:
        with opened.transaction() as session:
            fields = get_case(session, case_id).fields
            versions = sorted(k for k in fields if k.startswith("pip.version."))
            last = fields[versions[-1]]
            update_fields(
                session,
                case_id,
                {**dict.fromkeys(versions), "pip.version.7": {**last, "nummer": 7}},
            )
    finally:
        opened.lock()
    out = tmp_path / "pip.pdf"
    done = inburg("pip", "render", "--vault", path, "--case", case_id, "--out", out)
    assert done.returncode == 18, done.stderr
    assert "Het opgeslagen PIP klopt niet" in done.stderr and "geen PDF" in done.stderr
    assert not out.exists()
