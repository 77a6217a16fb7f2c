"""Reasons that cite their article, and the Dutch amounts and hours they quote."""

from __future__ import annotations

from decimal import Decimal

import pytest

from inburg_desktop.domain.cited import cited, nl_euro, nl_hours


@pytest.mark.parametrize(
    ("cents", "text"),
    [(250_00, "€ 250"), (37_50, "€ 37,50"), (2_400_00, "€ 2.400"), (12_05, "€ 12,05"),
     (0, "€ 0"), (1_234_567_89, "€ 1.234.567,89")],
)  # fmt: skip
def test_nl_euro(cents: int, text: str) -> None:
    assert nl_euro(cents) == text


@pytest.mark.parametrize(
    ("hours", "text"),
    [("10.5", "10,5"), ("600", "600"), ("1200", "1.200"), ("599.75", "599,75"), ("0", "0")],
)
def test_nl_hours(hours: str, text: str) -> None:
    assert nl_hours(Decimal(hours)) == text


def test_cited_keeps_the_article_apart_and_in_the_sentence() -> None:
    reason = cited("x", "Tekst {n} ({artikel}).", "Wet art. 11", n=3)
    assert reason.params == {"n": "3", "artikel": "Wet art. 11"}
    assert reason.render() == "Tekst 3 (Wet art. 11)."
    assert "artikel" not in cited("y", "Zonder artikel.", None).params
