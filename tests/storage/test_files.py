"""``storage.files.write_atomic`` never puts a file in the place of something that is not
a regular file (attack round 4: ``--out /dev/full`` as root replaced the device node)."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from inburg_desktop.storage.errors import NotARegularFile
from inburg_desktop.storage.files import write_atomic


def _fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pijp"
    os.mkfifo(path)
    return path


def _socket(tmp_path: Path) -> Path:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    server.close()  # the socket file stays behind
    return path


def _folder(tmp_path: Path) -> Path:
    path = tmp_path / "map"
    path.mkdir()
    return path


def _link_to_fifo(tmp_path: Path) -> Path:
    link = tmp_path / "link.pdf"
    link.symlink_to(_fifo(tmp_path))
    return link


@pytest.mark.parametrize("make", [_fifo, _socket, _folder, _link_to_fifo])
def test_a_special_file_is_refused_and_left_as_it_was(tmp_path: Path, make: object) -> None:
    target: Path = make(tmp_path)  # type: ignore[operator]
    before = os.lstat(target)
    with pytest.raises(NotARegularFile) as refused:
        write_atomic(target, b"%PDF-")
    assert refused.value.params["path"] == str(target)
    after = os.lstat(target)
    assert stat.S_IFMT(after.st_mode) == stat.S_IFMT(before.st_mode)
    assert after.st_ino == before.st_ino
    # and no temp file is left next to it
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == []


def test_a_character_device_is_refused(tmp_path: Path) -> None:
    device = Path("/dev/null")
    if not device.exists() or not stat.S_ISCHR(os.stat(device).st_mode):
        pytest.skip("no /dev/null character device here")
    link = tmp_path / "uit.pdf"
    link.symlink_to(device)  # never aim the real call at /dev itself
    with pytest.raises(NotARegularFile):
        write_atomic(link, b"x")
    assert link.is_symlink() and stat.S_ISCHR(os.stat(link).st_mode)


def test_a_regular_file_and_a_symlink_to_one_are_replaced(tmp_path: Path) -> None:
    plain = tmp_path / "a.pdf"
    plain.write_bytes(b"old")
    write_atomic(plain, b"new")
    assert plain.read_bytes() == b"new"
    assert plain.stat().st_mode & 0o777 == 0o600
    real = tmp_path / "real.pdf"
    real.write_bytes(b"old")
    link = tmp_path / "link.pdf"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert not link.is_symlink() and link.read_bytes() == b"new"
    assert real.read_bytes() == b"old"  # the link's target is left alone


def test_a_missing_folder_is_left_missing_when_asked(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "geen" / "map" / "x.pdf", b"x", create_folder=False)
    assert not (tmp_path / "geen").exists()
