"""Child process: with the system's fonts out of the way (an empty fontconfig), register
the shipped fonts and report every character of the given texts that no shipped font of
its language covers. Prints JSON: {"families": [...], "missing": {lang: [chars]}}."""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QFontMetrics
from PySide6.QtWidgets import QApplication

from inburg_desktop.ui.fonts import register_fonts
from inburg_desktop.ui.interpreter_window import families_for


def main() -> None:
    texts: dict[str, list[str]] = json.loads(sys.stdin.read())
    app = QApplication([])
    register_fonts()
    missing: dict[str, list[str]] = {}
    for lang, items in texts.items():
        fonts = []
        for family in families_for(lang):
            font = QFont(family)
            if QFontInfo(font).family() != family:
                raise SystemExit(f"font family {family!r} is not registered")
            fonts.append(QFontMetrics(font))
        chars = {c for text in items for c in text if not c.isspace()}
        missing[lang] = sorted(c for c in chars if not any(m.inFontUcs4(ord(c)) for m in fonts))
    print(json.dumps({"families": sorted(QFontDatabase.families()), "missing": missing}))
    app.quit()


if __name__ == "__main__":
    main()
