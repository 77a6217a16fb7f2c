"""The one folding of text for search: what the consultant types and what is searched
are folded alike, so "lukasz" finds "Łukasz", "yildiz" "Yıldız" and "haddad, a" the list's
"Haddad, Amal".

Folding transliterates to ASCII with ``anyascii`` (maintained tables for every script, so
letters that do not decompose under Unicode normalisation fold too: Ł, ø, ß, ı, æ, đ, ð,
þ, œ, ə), case-folds, and treats every character that is not a letter or digit as a word
break (the comma of "Haddad, A", the hyphen of "Al-Sanabani", the apostrophe of an
Uzbek "oʻ"). Text in other scripts folds the same way on both sides, so Arabic typed finds
Arabic stored. A query matches when each of its words begins a word of the text.
"""

from __future__ import annotations

import re
import unicodedata

from anyascii import anyascii

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """``text`` as search compares it: ASCII, lower case, words separated by one space.

    ``fold("Łukasz Nowak-Øberg")`` -> ``"lukasz nowak oberg"``.
    """
    ascii_text = anyascii(unicodedata.normalize("NFC", text)).casefold()
    return _NOT_WORD.sub(" ", ascii_text).strip()


def search_words(query: str) -> list[str]:
    """The folded words of a query; a row matches when each is part of its text."""
    return fold(query).split()


def matches(words: list[str], haystack: str) -> bool:
    """Whether every folded query word begins a word of the folded ``haystack``:
    "haddad a" finds "haddad amal", but "am" does not find "rami"."""
    padded = f" {haystack}"
    return all(f" {word}" in padded for word in words)
