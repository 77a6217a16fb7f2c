"""Qt's own words in the UI language: the buttons of QMessageBox and QDialogButtonBox
("Opslaan", "Annuleren"), QFileDialog, the context menu of every text field, the calendar
popup's month names; key names in menus and the F1 list.

Those strings are not ours (not in ``translations/ui``): Qt ships them as ``qtbase_*.qm``
in PySide6's translations directory, found through ``QLibraryInfo``. The default
``QLocale`` follows the UI language too, so Qt's number and date widgets read the same.
What ``qtbase_nl`` lacks is filled in by ``ui.qt_words``.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from inburg_desktop.ui.qt_words import QtWordsTranslator

log = logging.getLogger(__name__)

# Qt's catalogues for the widgets the app uses (QtWidgets' strings live in qtbase).
QT_CATALOGUES = ("qtbase",)


def qt_translations_dir() -> str:
    """PySide6's directory of Qt's ``.qm`` catalogues."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


_installed: list[QTranslator] = []  # kept referenced: Qt does not own them


def apply_qt_language(language: str) -> bool:
    """Install Qt's own catalogues for ``language`` (an ISO 639-1 code, "nl" or "en") in
    the running application, replacing those of an earlier language, and make it the
    default ``QLocale``. Widgets created afterwards speak it.

    Returns whether every catalogue was found (English needs none: Qt's source language).
    Raises ``RuntimeError`` when no ``QCoreApplication`` exists yet.
    """
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("apply_qt_language needs a running QApplication")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale(language))
    complete = True
    for catalogue in QT_CATALOGUES if language != "en" else ():
        translator = QTranslator(app)
        if translator.load(QLocale(language), catalogue, "_", qt_translations_dir()):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            # Qt falls back to English for its own buttons; the app still works.
            log.warning("Qt catalogue %s for %s not found", catalogue, language)
            complete = False
    # Installed last, so asked first: the words Qt's catalogue misses, and key names.
    words = QtWordsTranslator(language, app)
    app.installTranslator(words)
    _installed.append(words)
    return complete
