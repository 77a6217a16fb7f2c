"""``services.files.export_file``: a file the user named that cannot be written is told
as what happened, naming that file, with the README's classes (so the CLI's exit codes
12/13/14/16), never the system's English ``strerror`` (attack round 4, finding 4)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from inburg_desktop.domain.problem import Problem
from inburg_desktop.messages import error_text
from inburg_desktop.services import files
from inburg_desktop.services.errors import (
    DiskFull,
    NoPermission,
    NotARegularFile,
    OutputRefused,
    ReadOnlyMedium,
    StorageFault,
)

CAUSES = [
    (errno.ENOSPC, DiskFull, "output_disk_full", "de schijf is vol"),
    (errno.EDQUOT, DiskFull, "output_disk_full", "de schijf is vol"),
    (errno.EROFS, ReadOnlyMedium, "output_read_only", "alleen gelezen"),
    (errno.EACCES, NoPermission, "output_no_permission", "geen toestemming"),
    (errno.EIO, StorageFault, "output_storage_fault", "schrijffout"),
    (errno.ENAMETOOLONG, OutputRefused, "output_name_too_long", "te lang"),
    (errno.EINVAL, OutputRefused, "output_failed", "kon niet worden geschreven"),
]


@pytest.mark.parametrize(("code", "kind", "problem", "words"), CAUSES)
def test_a_refused_write_is_the_problem_naming_the_file(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    code: int,
    kind: type[Problem],
    problem: str,
    words: str,
) -> None:
    def refuse(_fd: int) -> None:
        raise OSError(code, os.strerror(code))

    # The write reaches the disk at fsync: where a full disk or I/O error shows.
    monkeypatch.setattr(os, "fsync", refuse)
    out = tmp_path / "pip.pdf"
    with pytest.raises(kind) as raised:
        files.export_file(out, b"%PDF-")
    assert raised.value.code == problem
    text = error_text(raised.value)
    assert words in text and str(out) in text
    assert os.strerror(code) not in text
    assert list(tmp_path.iterdir()) == []  # nothing written, no temp file left


def test_a_missing_folder_is_said_and_not_made(tmp_path: Path) -> None:
    out = tmp_path / "nodir" / "x" / "pip.pdf"
    with pytest.raises(OutputRefused) as raised:
        files.export_file(out, b"%PDF-")
    assert raised.value.code == "output_no_folder"
    assert error_text(raised.value).startswith(f"De map {out.parent} bestaat niet")
    assert not (tmp_path / "nodir").exists()


def test_a_folder_or_pipe_in_the_way_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pijp.pdf")
    for target in (tmp_path, tmp_path / "pijp.pdf"):
        with pytest.raises(NotARegularFile) as raised:
            files.export_file(target, b"%PDF-")
        assert "geen gewoon bestand" in error_text(raised.value)
