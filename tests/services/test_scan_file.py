"""A signed scan is read from the consultant's chosen path through the one bounded reader
(attack finding F2): a FIFO or a symbolic link to a device named ``scan.pdf`` is refused at
once, a file over :data:`MAX_SCAN_BYTES` is refused from its size before it is read, and a
scan the office could never receive never marks the PIP signed."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.demo.pip_stages import DRAFT_INDEX
from inburg_desktop.domain.pip import Besluitnemer, PipStatus
from inburg_desktop.messages import error_text
from inburg_desktop.protocol.messages import MAX_ATTACHMENT_BYTES
from inburg_desktop.services import pip_attachments
from inburg_desktop.services.pip_attachments import MAX_SCAN_BYTES, ScanRefused, read_scan_file
from inburg_desktop.services.pip_service import load_history, set_pip
from inburg_desktop.storage.cases import get_case
from inburg_desktop.storage.tables import AttachmentRow
from inburg_desktop.storage.vault import OpenVault

DOOR = Besluitnemer("Sanne de Vries", "test", "2026-05-11T10:00:00+00:00")


TODAY = date(2026, 11, 2)
NOTHING = "niets bewaard"


def test_the_scan_cap_lies_below_what_the_office_accepts() -> None:
    assert 0 < MAX_SCAN_BYTES <= MAX_ATTACHMENT_BYTES


def test_a_scan_is_read(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 signed")
    assert read_scan_file(scan) == b"%PDF-1.4 signed"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_scan_pdf_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "scan.pdf"
    os.mkfifo(fifo)  # no writer: Path.read_bytes() would wait for one forever
    with pytest.raises(ScanRefused) as refused:
        read_scan_file(fifo)
    said = error_text(refused.value)
    assert "geen gewoon bestand" in said and NOTHING in said


def test_a_link_to_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    link = tmp_path / "zero.pdf"
    link.symlink_to("/dev/zero")  # read_bytes() would read until memory runs out
    with pytest.raises(ScanRefused) as refused:
        read_scan_file(link)
    assert "geen gewoon bestand" in error_text(refused.value)


def test_a_directory_and_a_missing_file_are_refused_in_words(tmp_path: Path) -> None:
    with pytest.raises(ScanRefused) as folder:
        read_scan_file(tmp_path)
    assert "is een map" in error_text(folder.value)
    with pytest.raises(ScanRefused) as missing:
        read_scan_file(tmp_path / "weg.pdf")
    assert "bestaat niet" in error_text(missing.value)


def test_a_scan_over_the_cap_is_refused_from_its_size(tmp_path: Path) -> None:
    big = tmp_path / "groot.pdf"
    with big.open("wb") as fh:  # sparse: the size is there without writing 25 MB
        fh.write(b"%PDF-1.4\n")
        fh.truncate(MAX_SCAN_BYTES + 1)
    with pytest.raises(ScanRefused) as refused:
        read_scan_file(big)
    said = error_text(refused.value)
    assert "groter dan de grens van 25 MB" in said and "niets gewijzigd" in said
    at_cap = tmp_path / "net.pdf"
    with at_cap.open("wb") as fh:
        fh.write(b"%PDF-1.4\n")
        fh.truncate(MAX_SCAN_BYTES)
    assert len(read_scan_file(at_cap)) == MAX_SCAN_BYTES


def test_an_oversized_scan_is_not_stored_and_the_pip_stays_unsigned(vault: OpenVault) -> None:
    """What ``scan_attach.py big`` did: 101 MiB stored, the PIP signed, sync refusing it."""
    with vault.transaction() as session:
        case_id = add_demo_cases(session, 12, TODAY)[DRAFT_INDEX]
        set_pip(session, case_id, TODAY, door=DOOR)
    with vault.session() as session:
        stored_before = session.query(AttachmentRow).count()
    content = b"%PDF-1.4\n" + bytes(MAX_SCAN_BYTES)
    with pytest.raises(ScanRefused) as refused, vault.transaction() as session:
        pip_attachments.attach_scan(session, case_id, content, TODAY)
    assert "groter dan de grens" in error_text(refused.value)
    with vault.session() as session:
        latest = load_history(get_case(session, case_id)).latest
        assert latest is not None and latest.status is PipStatus.SET
        assert session.query(AttachmentRow).count() == stored_before
