"""Hours per provider against the PIP (usability round 9, finding 11: with two providers
each was measured against the whole PIP's hours, so neither could be on track).

Source: Wet art. 15 lid 1 (the PIP states the intensity of participation, here per
component with its organisation and hours) and lid 2 (for asielstatushouders the
intensity of the leerroute: one for the person, no split by provider); DOMAIN.md
"PIP content". A provider the PIP gives hours of its own is measured against them, with
a stand; any other provider shows its share only; the row of all providers together
keeps its stand."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from inburg_desktop.domain.case import Leerroute
from inburg_desktop.domain.pip import (
    Beschikking,
    LeerrouteIntensiteit,
    ParticipatieComponent,
    ParticipatieSoort,
    PipStatus,
    PipVersion,
)
from inburg_desktop.domain.voortgang import (
    Stand,
    UrenRegel,
    UrenSoort,
    leerroute_uren,
    participatie_uren,
)

START = date(2026, 5, 12)
ON = START + timedelta(weeks=10)  # ten whole weeks


def _version(**changes: object) -> PipVersion:
    beschikking = replace(Beschikking(leerroute=Leerroute.B1), **changes)  # type: ignore[arg-type]
    return PipVersion(1, PipStatus.SET, START, beschikking, dagtekening=START)


def _hours(*rows: tuple[str, UrenSoort, str]) -> list[UrenRegel]:
    return [UrenRegel(name, soort, ON, Decimal(uren)) for name, soort, uren in rows]


VRIJWILLIG = ParticipatieSoort.VRIJWILLIGERSWERK
SPLIT = (
    ParticipatieComponent(VRIJWILLIG, "Kringloop", 4, 200, organisatie="Kringloop Oost"),
    ParticipatieComponent(VRIJWILLIG, "Buurthuis", 2, 100, organisatie="buurthuis  de Ster"),
)
P = UrenSoort.PARTICIPATIE

PARTICIPATIE = [
    # (hours reported, expected (provider, shown stand, expected hours)), why
    (
        (("Kringloop Oost", P, "40"), ("Buurthuis de Ster", P, "20")),
        [("", Stand.OP_SCHEMA, "60"), ("Buurthuis de Ster", Stand.OP_SCHEMA, "20"),
         ("Kringloop Oost", Stand.OP_SCHEMA, "40")],
        "each on its own part: both on track, and so is the whole",
    ),
    (
        (("Kringloop Oost", P, "40"), ("Buurthuis de Ster", P, "5")),
        [("", Stand.ACHTER, "60"), ("Buurthuis de Ster", Stand.ACHTER, "20"),
         ("Kringloop Oost", Stand.OP_SCHEMA, "40")],
        "the one behind is named, the other is not",
    ),
    (
        (("Kringloop Oost", P, "40"), ("Sportclub", P, "20")),
        [("", Stand.OP_SCHEMA, "60"), ("Kringloop Oost", Stand.OP_SCHEMA, "40"),
         ("Sportclub", None, "60")],
        "a provider the PIP gives no hours: its share, no stand",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("reported", "rows", "why"), PARTICIPATIE)
def test_participation_per_provider_against_its_own_part_of_the_pip(
    reported: tuple[tuple[str, UrenSoort, str], ...],
    rows: list[tuple[str, Stand | None, str]],
    why: str,
) -> None:
    found = participatie_uren(_version(participatie=SPLIT), _hours(*reported), START, ON)
    assert [(r.aanbieder, r.eigen_stand, str(r.verwacht)) for r in found] == rows, why
    for row in found:
        text = row.reason.render()
        if row.eigen_stand is None:
            assert "Achter" not in text and "Op schema" not in text, why
        else:
            assert text.startswith({Stand.OP_SCHEMA: "Op schema", Stand.ACHTER: "Achter",
                                    Stand.VOOR: "Voor"}[row.eigen_stand]), why  # fmt: skip


def test_course_hours_of_two_providers_have_one_stand_in_all() -> None:
    # Wet art. 15 lid 2: one intensity for the person (10 h/week: 100 h by ON); the two
    # providers together are on track, and neither is measured against the whole
    pip = _version(leerroute_intensiteit=LeerrouteIntensiteit(10, 600, aanbieder="ROC Midden"))
    hours = _hours(("ROC Midden", UrenSoort.NT2, "35"), ("Taalhuis Noord", UrenSoort.NT2, "60"))
    found = leerroute_uren(pip, hours, START, ON)
    assert [(r.aanbieder, r.eigen_stand) for r in found] == [
        ("", Stand.OP_SCHEMA),
        ("ROC Midden", None),
        ("Taalhuis Noord", None),
    ]
    assert found[0].reason.render().startswith("Op schema: 95 van de verwachte 100 uur")
    assert found[1].reason.render() == "35 van de 95 gevolgde uren."
