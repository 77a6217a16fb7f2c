"""The settings file outside the vault is read with the safe JSON reader: any program of the
user can write it, and a FIFO, a non-object or a BOM must not hang or stop the app."""

from __future__ import annotations

import os

import pytest

from inburg_desktop.ui.app_settings import AppSettings


def test_settings_written_by_notepad_with_a_bom_are_read() -> None:
    path = AppSettings.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b'\xef\xbb\xbf{"ui_language": "en", "idle_minutes": 10}')
    settings = AppSettings.load()
    assert (settings.ui_language, settings.idle_minutes) == ("en", 10.0)


@pytest.mark.parametrize(
    "content", [b"[1, 2]", b'"en"', b'{"idle_minutes": 1, "idle_minutes": 2}', b"{"]
)
def test_a_settings_file_that_is_not_one_clean_object_gives_the_defaults(content: bytes) -> None:
    path = AppSettings.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    assert AppSettings.load() == AppSettings()


@pytest.mark.timeout(30)
@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_settings_file_does_not_hang_the_start() -> None:
    path = AppSettings.path()
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)
    assert AppSettings.load() == AppSettings()
