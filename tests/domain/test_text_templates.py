"""Templates from stored or pulled data are filled without ``str.format`` (attack round 6,
finding 1): only plain ``{name}`` placeholders, and the filled text is bounded by the
template and its values whatever the template holds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.text import (
    MAX_PLACEHOLDERS,
    Reason,
    TemplateInvalid,
    fill_template,
    template_names,
)

PARAMS = {"a": "b" * 200, "b": "200000000", "bedrag": "€ 50"}


def test_plain_names_and_escaped_braces_are_filled() -> None:
    assert fill_template("Boete {bedrag} ({{x}})", PARAMS) == "Boete € 50 ({x})"
    assert template_names("{a} en {b}") == {"a", "b"}


@pytest.mark.parametrize(
    "template",
    [
        "{a:>300000000}",
        "{a:>{b}}",
        "{a.__class__.__mro__}",
        "{a[0]}",
        "{a!r}",
        "{0}",
        "{}",
        "{a",
        "a}",
        "{x}",  # no value for it
        "{a}" * (MAX_PLACEHOLDERS + 1),
    ],
)
def test_anything_but_plain_names_is_refused_unformatted(template: str) -> None:
    with pytest.raises(TemplateInvalid):
        fill_template(template, PARAMS)
    with pytest.raises(TemplateInvalid):
        Reason("x", template, PARAMS).render()


SHORT = {"a": "b", "b": "9"}


FIELDS = st.tuples(
    st.sampled_from(["a", "b", "x", "0", ""]),
    st.sampled_from(["", "", ".__class__", "[0]"]),
    st.sampled_from(["", "", "!r", "!s"]),
    st.sampled_from(["", "", ":>99", ":>{b}", ":^999", ":09", ":"]),
).map(lambda part: "{" + "".join(part) + "}")
TEMPLATES = st.lists(st.one_of(st.text(alphabet="ab {}:", max_size=6), FIELDS), max_size=12).map(
    "".join
)


@given(TEMPLATES)
def test_any_stored_template_renders_in_bounded_size_or_is_refused(template: str) -> None:
    try:
        out = fill_template(template, SHORT)
    except TemplateInvalid:
        return
    assert len(out) <= len(template) + MAX_PLACEHOLDERS * max(len(v) for v in SHORT.values())


@given(st.text(max_size=200), st.dictionaries(st.sampled_from("abc"), st.text(max_size=20)))
def test_any_text_and_values_never_raise_but_template_invalid(
    template: str, params: dict[str, str]
) -> None:
    try:
        out = fill_template(template, params)
    except TemplateInvalid:
        return
    assert len(out) <= len(template) + MAX_PLACEHOLDERS * 20
