"""How a case is named where the case itself may be gone: the person's name with the
V-nummer and the case number, e.g. ``"Amal Haddad (V 1234567890, INB-0B0E7E4E)"``.

A case taken off this laptop (caseload exit, purge) is named in the sync summary, in the
message of a window that closes because of it and in 'Apart gezet' (usability round 3: "a
case was removed" without saying which). The case number is the one every PIP of the case
carries as its reference (``kenmerk``): stable per case and short enough to read out.
"""

from __future__ import annotations


def case_number(case_id: str) -> str:
    """The case's number as people read it: ``INB-`` and the first eight hex digits of its
    id, upper case (``"0b0e7e4e-…"`` -> ``"INB-0B0E7E4E"``)."""
    return f"INB-{case_id.replace('-', '')[:8].upper()}"


def enforcement_number(case_id: str, record_id: str) -> str:
    """The kenmerk of one enforcement record (its decision letter, the enforcement window):
    the case number, ``H-`` and the first six hex digits of the record's id, upper case as
    the case number is (``("0b0e7e4e-…", "08aa42e1c3d0")`` -> ``"INB-0B0E7E4E-H-08AA42"``).
    Usability round 6 (finding 18): the window said "Kenmerk: 08aa42", a code unlike the
    municipality's "INB-…" kenmerk. Every stored record id (twelve hex digits) reads as
    one; a letter of an earlier release printed the same digits in lower case, the same
    kenmerk read without regard to case."""
    return f"{case_number(case_id)}-{record_number(record_id)}"


def record_number(record_id: str) -> str:
    """An enforcement record's own part of its kenmerk (``"08aa42e1c3d0"`` ->
    ``"H-08AA42"``): where the case is already named (a field of the case)."""
    return f"H-{record_id[:6].upper()}"


def case_label(
    given_names: str | None, family_name: str | None, v_nummer: str | None, case_id: str
) -> str:
    """``"Amal Haddad (V 1234567890, INB-0B0E7E4E)"``; the V-nummer is left out when not
    known, the name when neither name is (then ``"INB-0B0E7E4E"`` alone)."""
    name = f"{given_names or ''} {family_name or ''}".strip()
    number = case_number(case_id)
    inside = f"V {v_nummer}, {number}" if v_nummer else number
    return f"{name} ({inside})" if name else inside
