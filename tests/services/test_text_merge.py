"""Three-way merge of a text conflict: what each side changed since the common base is
kept, down to words within one paragraph; only a place both changed differently is marked."""

from __future__ import annotations

from inburg_desktop.services.text_merge import has_markers, merge_text

BASE = "Werkt als kok. Wil Nederlands leren.\nHeeft twee kinderen.\n"


def test_changes_in_different_places_merge_without_markers() -> None:
    office = "Werkte als kok in Aleppo. Wil Nederlands leren.\nHeeft twee kinderen.\n"
    laptop = "Werkt als kok. Wil snel Nederlands leren.\nHeeft twee kinderen.\nRijbewijs B.\n"
    result = merge_text(BASE, office, laptop)
    assert result.conflicts == 0
    merged = result.text("Op kantoor", "Deze laptop")
    assert merged == (
        "Werkte als kok in Aleppo. Wil snel Nederlands leren.\nHeeft twee kinderen.\nRijbewijs B.\n"
    )
    assert not has_markers(merged)
    kinds = {part.kind for part in result.parts}
    assert {"office", "laptop", "same"} <= kinds  # what each side changed, shown apart


def test_the_same_place_changed_twice_is_marked_with_both_sides_named() -> None:
    result = merge_text(BASE, BASE.replace("twee", "vier"), BASE.replace("twee", "drie"))
    assert result.conflicts == 1
    merged = result.text("Op kantoor", "Deze laptop")
    assert merged.startswith("Werkt als kok. Wil Nederlands leren.\n<<<<<<< Op kantoor\n")
    assert "Heeft vier kinderen.\n======= Deze laptop\nHeeft drie kinderen.\n>>>>>>>\n" in merged
    assert has_markers(merged)
    (conflict,) = [p for p in result.parts if p.kind == "conflict"]
    assert conflict.base == "Heeft twee kinderen.\n"


def test_not_a_concatenation_of_both_texts() -> None:
    # The old view offered office + "\n" + laptop: every sentence twice.
    office = BASE + "Afspraak bij UWV.\n"
    merged = merge_text(BASE, office, BASE).text("a", "b")
    assert merged == office


def test_edits_within_the_same_lines_are_settled_line_by_line() -> None:
    base = "Zes jaar school.\nDiploma niet gezien.\nWil de zorg in.\n"
    office = "Zes jaar school.\nDiploma niet gezien; IDW loopt.\nWil de zorg in, helpende.\n"
    laptop = "Zeven jaar school.\nDiploma niet gezien.\nWil de zorg in, eerst taal.\n"
    result = merge_text(base, office, laptop)
    assert result.conflicts == 1  # only the last line both changed
    assert result.text("K", "L") == (
        "Zeven jaar school.\nDiploma niet gezien; IDW loopt.\n"
        "<<<<<<< K\nWil de zorg in, helpende.\n======= L\nWil de zorg in, eerst taal.\n>>>>>>>\n"
    )
