"""The name rule's cost per name (attack round 4: about 500 µs per pulled case), as
``protocol.field_rules`` pays it for each name of a pulled or pushed case.

Times ``domain.safe_text.name_problem`` followed by ``label_problem`` (what the office
and the laptop run on a name) over a caseload of 1,000 names: 600 in plain ASCII (``Amal
Haddad``), 400 in other scripts (Latin with accents, Turkish, Vietnamese, Arabic, Persian
with ZWNJ, Tigrinya), each name different (a number in words is appended), in microseconds
per name: the median of ``--runs`` passes. The first pass of a fresh process is reported
apart (``first_pass_us``): it fills the per-character cache.

    python benchmarks/name_rule.py [--runs 21]        # prints one JSON object

To compare with another version of the rule, run it with that version's ``src`` first on
``PYTHONPATH``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from inburg_desktop.domain.safe_text import label_problem, name_problem

ASCII = ["Amal Haddad", "Anne-Marieke van 't Hof", "Mary O'Neil", "Cabdi Xasan", "Jan de Vries"]
OTHER = [
    "Yıldız Çelik",
    "Zoë Ñúñez",
    "Nguyễn Thị Ngọc",
    "محمد الحداد",
    "مهر\u200cانگیز رحیمی",
    "ሰላም ገብረመድህን",
    "Łukasz Wójcik",
    "Şêrko Bêkes",
]
ONES = ["een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien"]


def caseload(size: int = 1_000) -> list[str]:
    names = []
    for index in range(size):
        base = ASCII if index % 5 < 3 else OTHER
        suffix = "-".join(ONES[int(d)] for d in str(index))
        names.append(f"{base[index % len(base)]} {suffix}")
    return names


def one_pass(names: list[str]) -> float:
    """Microseconds per name for one pass over ``names``."""
    start = time.perf_counter()
    for name in names:
        name_problem(name)
        label_problem(name)
    return (time.perf_counter() - start) * 1e6 / len(names)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    names = caseload()
    assert all(name_problem(n) is None for n in names)  # every name is a real one
    first = one_pass(names)
    ascii_names = [n for n in names if n.isascii()]
    other_names = [n for n in names if not n.isascii()]
    result = {
        "first_pass_us": round(first, 2),
        "per_name_us": round(statistics.median(one_pass(names) for _ in range(args.runs)), 2),
        "ascii_name_us": round(
            statistics.median(one_pass(ascii_names) for _ in range(args.runs)), 2
        ),
        "other_script_name_us": round(
            statistics.median(one_pass(other_names) for _ in range(args.runs)), 2
        ),
        "names": len(names),
        "runs": args.runs,
    }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
