"""Every character of every Arabic and Tigrinya prompt has a glyph in the shipped fonts,
checked with the system's own fonts out of the way (an empty fontconfig)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from inburg_desktop.i18n import catalogue_paths

PROBE = Path(__file__).with_name("glyph_probe.py")


def translated_texts(language: str) -> list[str]:
    po, _mo = catalogue_paths("prompts", language)
    with po.open("rb") as fh:
        catalog = read_po(fh)
    return [m.string for m in catalog if m.id and isinstance(m.string, str) and m.string]


def test_every_ar_and_ti_character_has_a_shipped_glyph(tmp_path: Path) -> None:
    texts = {lang: translated_texts(lang) for lang in ("ar", "ti", "prs", "fa")}
    assert all(texts.values()), "the prompt translations are missing"
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">'
        f"<fontconfig><dir>{tmp_path / 'no-fonts'}</dir>"
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>"
    )
    env = dict(os.environ, FONTCONFIG_FILE=str(conf), QT_QPA_PLATFORM="offscreen")
    env.pop("FONTCONFIG_PATH", None)
    result = subprocess.run(
        [sys.executable, str(PROBE)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    # Only our own fonts are there: the system's are out of the way.
    assert {"Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic"} <= set(report["families"])
    assert not [f for f in report["families"] if "DejaVu" in f or "Liberation" in f]
    assert report["missing"] == {"ar": [], "ti": [], "prs": [], "fa": []}
