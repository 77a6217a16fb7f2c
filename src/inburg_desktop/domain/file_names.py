"""File names the app suggests when a document leaves the vault.

A suggested name must be a valid file name on Windows, macOS and Linux and must not turn
into something else on screen. :func:`safe_file_name` removes path separators, the
characters Windows reserves (``<>:"/\\|?*``), control characters, bidirectional controls
and invisible format characters (``safe_text``), folds runs of spaces, trims dots and
spaces at the ends (Windows drops them), avoids the reserved device names (``CON``,
``NUL``, ``COM1`` ...) and stays within 120 characters, well below the 255 bytes most file
systems allow, so a folder path in front still fits. Letters of every script stay (a name
like "Łukasz" or "هداد" is the name the consultant knows).

What the PIP's name holds, and why: the name the case list shows, the word "PIP", the
decision's date (or "concept" and today's date for a draft) and "ondertekend" for a
signed copy; a fine decision letter's likewise: the name, "beschikking boete" and the
decision's date. The consultant needs the name to find the file again in their documents;
the file holds the whole decision anyway, so the name adds nothing the file does not.
It holds nothing else personal (no V-nummer, BSN or date of birth): a file name is
shown in folder listings, recent-file lists and backups without opening the file.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from inburg_desktop.domain.safe_text import BIDI_CONTROLS, JOINERS

MAX_NAME = 120
RESERVED_CHARS = frozenset('<>:"/\\|?*')
WINDOWS_DEVICES = frozenset(
    {"CON", "PRN", "AUX", "NUL"}
    | {f"COM{n}" for n in range(1, 10)}
    | {f"LPT{n}" for n in range(1, 10)}
)


def _keep(char: str) -> str:
    if char in RESERVED_CHARS:
        return " "
    if char in JOINERS:
        return char
    category = unicodedata.category(char)
    if char in BIDI_CONTROLS or category in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
        return " " if category in ("Cc", "Zl", "Zp") else ""
    return " " if category == "Zs" else char


def safe_file_name(text: str, fallback: str = "document") -> str:
    """``text`` as a file name stem that is valid everywhere (rules in the module
    docstring); ``fallback`` when nothing usable is left. No extension is added."""
    cleaned = "".join(_keep(c) for c in unicodedata.normalize("NFC", text))
    cleaned = re.sub(r" {2,}", " ", cleaned).strip(" .")
    if len(cleaned) > MAX_NAME:
        cleaned = cleaned[:MAX_NAME].rstrip(" .")
    if not cleaned:
        return fallback
    if cleaned.split(".")[0].upper() in WINDOWS_DEVICES:
        cleaned = f"_{cleaned}"
    return cleaned


def pip_file_name(case_name: str, day: date, *, concept: bool = False, signed: bool = False) -> str:
    """The suggested name of a PIP PDF: ``"Amal Haddad PIP 2026-11-30.pdf"``.

    ``day``: the decision's date (dagtekening), or today for a ``concept``; ``signed``
    adds "ondertekend". ISO dates sort in order in every file list.
    """
    parts = ["PIP"]
    if concept:
        parts.append("concept")
    parts.append(day.isoformat())
    if signed:
        parts.append("ondertekend")
    return _named(case_name, " ".join(parts))


def boete_file_name(case_name: str, dagtekening: date) -> str:
    """The suggested name of a fine decision letter, in the PIP's style (usability round
    7, finding 7: it was "beschikking-boete-<kenmerk>.pdf", unlike the PIP's): ``"Amal
    Haddad beschikking boete 2026-11-30.pdf"``, ``dagtekening`` the decision's date."""
    return _named(case_name, f"beschikking boete {dagtekening.isoformat()}")


def _named(case_name: str, suffix: str) -> str:
    """``"<case name> <suffix>.pdf"``, valid everywhere; the name gives way first, so the
    kind of document and its date are never cut off."""
    name = safe_file_name(case_name, fallback="")[: MAX_NAME - len(suffix) - 1].rstrip(" .")
    return safe_file_name(f"{name} {suffix}" if name else suffix) + ".pdf"


def subject_access_file_name(case_name: str, day: date, suffix: str) -> str:
    """The suggested name of a subject-access copy (AVG art. 15 and 20), in the PIP's
    style: ``"Amal Haddad inzage AVG 2026-11-30.pdf"``; ``suffix`` is ``".pdf"`` (the
    readable overview) or ``".json"`` (the ``inburg-case/1`` document). ``day``: the day
    it is made."""
    words = f"inzage AVG {day.isoformat()}"
    name = safe_file_name(case_name, fallback="")[: MAX_NAME - len(words) - 1].rstrip(" .")
    return safe_file_name(f"{name} {words}" if name else words) + suffix
