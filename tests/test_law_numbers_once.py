"""A number of the law lives once, in domain/, and every sentence and letter that names it
takes it from there (review: ``pdf.pip_sections`` held its own ``BEZWAAR_WEEKS = 6`` beside
``domain.handhaving.BEZWAAR_WEEKS``; the progress window wrote "800 lesuren" and the
messages "zes maanden", "twee maanden" and "600 uur" into their sentences). A changed rule
then changes what the consultant and the newcomer read with it.

The walk reads the source of the modules that word things for people (``ui``, ``pdf``,
``commands``, ``messages.py``): no module-level number named as one of domain/'s, and no
text that writes a count of weeks, months, years or hours as digits or a Dutch word
(docstrings and comments aside: they explain, they are not shown)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from inburg_desktop.domain import deadlines, handhaving, pip
from inburg_desktop.messages import LAW_NUMBERS, MESSAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "inburg_desktop"
WORDING = [
    *sorted((SRC / "ui").rglob("*.py")),
    *sorted((SRC / "pdf").rglob("*.py")),
    *sorted((SRC / "commands").rglob("*.py")),
    SRC / "messages.py",
]
COUNT_WORDS = "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|achttien"
LAW_COUNT = re.compile(
    rf"(?<![\d:.,])\b(\d+|{COUNT_WORDS})\s+(weken|maanden|jaar|jaren|lesuren|uur)\b",
    re.IGNORECASE,
)
NOT_LAW = {
    # the case list's badge words domain.deadlines.DUE_SOON_DAYS, which is no rule of
    # the law but when the list starts to warn
    "binnen 2 weken",
}


def _module_numbers(path: Path) -> dict[str, int]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: dict[str, int] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
            value := node.value, ast.Constant
        ):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if isinstance(target, ast.Name) and type(value.value) is int:
                    out[target.id] = value.value
    return out


def _shown_texts(path: Path) -> list[tuple[int, str]]:
    """The string constants of ``path`` that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
    ]


def _domain_numbers() -> dict[str, int]:
    out: dict[str, int] = {}
    for path in sorted((SRC / "domain").rglob("*.py")):
        out.update(_module_numbers(path))
    return out


def test_no_wording_module_keeps_its_own_copy_of_a_domain_number() -> None:
    domain = _domain_numbers()
    copies = [
        f"{path.relative_to(SRC)}: {name} = {value}"
        for path in WORDING
        for name, value in _module_numbers(path).items()
        if name in domain
    ]
    assert copies == [], "import these from domain/ instead"


def test_no_shown_text_writes_a_count_of_the_law_itself() -> None:
    written = [
        f"{path.relative_to(SRC)}:{line}: {match.group(0)!r}"
        for path in WORDING
        for line, text in _shown_texts(path)
        for match in LAW_COUNT.finditer(text)
        if text not in NOT_LAW
    ]
    assert written == [], "take the number from domain/ through a placeholder"


@pytest.mark.parametrize(
    ("code", "placeholder", "rule"),
    [
        ("handhaving_new_term", "intake_termijn_maanden", handhaving.INTAKE_NEW_TERM_MONTHS),
        ("voortgangsdata_intake_not_nt2", "a2_lesuren", pip.A2_MIN_COURSE_HOURS),
        ("ontzorgen_art57_before_end", "ontzorgen_maanden", deadlines.ONTZORGEN_MONTHS),
        ("nazorg_no_exam", "contact_maanden", deadlines.NAZORG_MONTHS),
    ],
)
def test_a_message_names_the_number_its_rule_holds(code: str, placeholder: str, rule: int) -> None:
    """Wet art. 22 (two months), Besluit art. 5.5 (600 hours), Participatiewet art. 56a
    (six months of ontzorgen), the aftercare contact (six months after the exam)."""
    assert "{" + placeholder + "}" in MESSAGES[code]
    assert LAW_NUMBERS[placeholder] == rule
