"""Real storage conditions for tests: a small tmpfs to fill up, a read-only remount, a
permission problem that holds even for root, and another process holding the vault.

CI runs as root in a container that may mount: tmpfs gives a real ``ENOSPC`` and a real
``EROFS``. Where mounting is not allowed, the tests that need it are skipped with that
reason (never faked). Root ignores file modes, so permission tests run their subprocess
without ``CAP_DAC_OVERRIDE`` (``setpriv``), which makes the kernel check modes again.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

HOLDER = Path(__file__).with_name("vault_holder.py")


@functools.cache
def mount_refusal() -> str | None:
    """Why tmpfs cannot be mounted here, or ``None`` when it can."""
    if not sys.platform.startswith("linux"):
        return "tmpfs mounts need Linux"
    if shutil.which("mount") is None:
        return "no mount command"
    probe = Path(tempfile.mkdtemp(prefix="inburg-mount-probe-"))
    try:
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            return f"cannot mount tmpfs: {done.stderr.strip() or done.returncode}"
        subprocess.run(["umount", str(probe)], check=True)
        return None
    finally:
        probe.rmdir()


def need_mount() -> None:
    reason = mount_refusal()
    if reason:
        pytest.skip(reason)


@contextlib.contextmanager
def tmpfs(where: Path, size_kib: int) -> Iterator[Path]:
    """A fresh tmpfs of ``size_kib`` mounted at ``where`` for the block."""
    need_mount()
    where.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size_kib}k,mode=0700", "tmpfs", str(where)],
        check=True,
    )
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], check=True)


def remount(where: Path, *, read_only: bool) -> None:
    flag = "ro" if read_only else "rw"
    subprocess.run(["mount", "-o", f"remount,{flag}", str(where)], check=True)


def fill(where: Path, leave_bytes: int = 0) -> Path:
    """Write a filler file until the file system is full; delete it to make room again."""
    filler = where / ".filler"
    chunk = b"\0" * 4096
    with filler.open("wb", buffering=0) as fh:  # unbuffered: nothing left to flush at close
        try:
            while shutil.disk_usage(where).free > leave_bytes:
                fh.write(chunk)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return filler


def unprivileged() -> list[str]:
    """A command prefix under which file modes apply, even when the tests run as root."""
    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file modes cannot be made to apply")
    return [
        "setpriv",
        "--bounding-set=-dac_override,-dac_read_search,-fowner",
        "--",
    ]


@contextlib.contextmanager
def held_by_another_process(vault: Path, passphrase: str, how: str) -> Iterator[None]:
    """Another process holds the vault: ``how`` is ``write`` (an open write transaction)
    or ``exclusive`` (SQLite's exclusive locking mode: not even readers get in)."""
    child = subprocess.Popen(
        [sys.executable, str(HOLDER), str(vault), how],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, INBURG_PASSPHRASE=passphrase),
    )
    assert child.stdout is not None and child.stdin is not None
    ready = child.stdout.readline().strip()  # the holder says when it holds the lock
    if ready != "holding":
        child.kill()
        raise RuntimeError(f"holder did not start: {child.communicate()[1]}")
    try:
        yield
    finally:
        child.stdin.close()  # tells the holder to let go
        child.wait(timeout=30)
