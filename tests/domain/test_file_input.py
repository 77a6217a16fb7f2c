"""The one bounded reader for files from chosen paths (``domain.file_input``), and a check
that nothing in ``src/`` reads a file any other way except the app's own resources."""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

from inburg_desktop.domain.file_input import (
    FileRefused,
    FileTooLarge,
    check_regular,
    describe_os_error,
    read_bounded,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "inburg_desktop"

# Modules that read files the app itself ships or writes (translations, prompt catalogues,
# its own log files) or that only open a file to fsync or lock it; none reads a path a
# person chose. Anything else that reads must use domain.file_input.read_bounded.
OWN_FILES = {
    "domain/file_input.py",  # the reader itself
    "i18n.py",  # the app's compiled catalogues
    "prompts/catalogue.py",  # resources/prompts
    "prompts/translations.py",  # resources/prompts, translations/
    "prompts/catalog_check.py",  # translations/ (the app's or a developer's checkout)
    "prompts/i18n_tools.py",  # developer tool on the source tree
    "prompts/templates.py",  # babel.cfg of the source tree (developer tool)
    "storage/files.py",  # fsync of a file the app wrote, the rotation lock
    "logging_setup.py",  # opens its own log for appending
    "server/logs.py",  # the office's own log for appending
}

# Modules whose open() calls open memory, not files.
IN_MEMORY = {
    "domain/logo.py": "Image.open(io.BytesIO(data))",
    "ui/pip/signature_pad.py": "QBuffer.open(WriteOnly)",
    "storage/vault_recovery.py": "RecoveryResponse.open(passphrase): decrypts in memory",
}


def _reads(tree: ast.AST) -> list[int]:
    """Lines with a call that reads a file: ``open()``, ``os.fdopen()``, ``.read_bytes()``,
    ``.read_text()`` or ``x.open(...)`` with arguments (``dialog.open()`` has none)."""
    lines = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if isinstance(func, ast.Name) and func.id == "open":
            lines.append(node.lineno)
        elif isinstance(func, ast.Attribute):
            reads = func.attr in {"read_bytes", "read_text"}
            if reads or (func.attr == "fdopen" and not _mode_only_writes(node)):
                lines.append(node.lineno)
            elif func.attr == "open" and (node.args or node.keywords):
                owner = func.value
                if not (isinstance(owner, ast.Name) and owner.id == "os"):
                    lines.append(node.lineno)  # Path.open(...), Image.open(...)
                elif not _only_for_writing(node):
                    lines.append(node.lineno)
    return lines


def _mode_only_writes(call: ast.Call) -> bool:
    """``os.fdopen(fd, "wb")``: a mode given as a literal that writes and cannot read."""
    mode = call.args[1] if len(call.args) > 1 else None
    if not isinstance(mode, ast.Constant) or not isinstance(mode.value, str):
        return False
    return any(c in mode.value for c in "wax") and "+" not in mode.value and "r" not in mode.value


def _only_for_writing(call: ast.Call) -> bool:
    flags = ast.unparse(call.args[1]) if len(call.args) > 1 else ""
    return "O_WRONLY" in flags or ("O_RDWR" in flags and "O_CREAT" in flags)


def test_every_file_from_a_chosen_path_is_read_through_the_bounded_reader() -> None:
    found = []
    for module in sorted(SRC.rglob("*.py")):
        name = module.relative_to(SRC).as_posix()
        if name in OWN_FILES or "/migrations/" in name:
            continue
        for line in _reads(ast.parse(module.read_text(encoding="utf-8"))):
            found.append(f"{name}:{line}")
    assert [f for f in found if f.split(":")[0] not in IN_MEMORY] == []


def test_a_regular_file_is_read_up_to_its_cap(tmp_path: Path) -> None:
    file = tmp_path / "f.bin"
    file.write_bytes(b"x" * 100)
    assert read_bounded(file, 100) == b"x" * 100
    with pytest.raises(FileTooLarge, match="groter dan de grens van 99 bytes") as refused:
        read_bounded(file, 99)
    assert refused.value.max_bytes == 99


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_a_device_and_a_directory_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pijp"
    os.mkfifo(fifo)
    link = tmp_path / "nul"
    link.symlink_to("/dev/zero")
    for path in (fifo, link, Path("/dev/null")):
        with pytest.raises(FileRefused, match="geen gewoon bestand"):
            read_bounded(path, 1000)
        with pytest.raises(FileRefused, match="geen gewoon bestand"):
            check_regular(path)
    with pytest.raises(FileRefused, match="is een map"):
        read_bounded(tmp_path, 1000)
    with pytest.raises(FileRefused, match="is een map"):
        check_regular(tmp_path)


def test_an_unreadable_file_is_an_os_error_worded_in_dutch(tmp_path: Path) -> None:
    with pytest.raises(OSError) as missing:
        read_bounded(tmp_path / "weg", 10)
    assert describe_os_error(missing.value) == "bestaat niet"
