"""The amounts the fine rules use, as a setting: the Besluit's values unless the office (or,
without an office, this laptop) sets the municipality's own (DOMAIN.md "Enforcement": a
municipality may refine the amounts in policy rules; Besluit inburgering 2021 art. 7.1).

Stored as JSON: an object with any of ``intake_cents`` (lid 1), ``basis_cents`` (lid 2),
``maximum_cents`` (lid 3), ``percentages`` (lid 4: an object from each
:class:`~inburg_desktop.domain.fines.Verwijtbaarheid` value to a whole percentage),
``totaal_maximum_cents`` (the cap over the termijn) and ``nieuwe_termijn_maxima`` (lid 5:
a list of amounts); a key left out keeps the Besluit's value. Amounts are whole euro
cents. The office publishes it as :data:`OFFICE_SETTING`.
"""

from __future__ import annotations

from dataclasses import fields, replace
from typing import Any

from inburg_desktop.domain.fines import FineInvalid, FineSettings, Verwijtbaarheid

OFFICE_SETTING = "setting.fine_amounts"  # as the office publishes it to every laptop
_AMOUNTS = ("intake_cents", "basis_cents", "maximum_cents", "totaal_maximum_cents")
_KNOWN = frozenset(f.name for f in fields(FineSettings))
MAX_CENTS = 1_000_000_00  # far above any fine the Besluit allows; keeps a typo out


def _amount(value: Any, field: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_CENTS:
        raise FineInvalid("fine_settings_invalid", field=field)
    return value


def parse_fine_settings(value: Any) -> FineSettings:
    """:class:`FineSettings` from the stored JSON (module docstring). Raises
    :class:`FineInvalid` (``fine_settings_invalid``, ``field`` naming the part) for an
    unknown key, an amount that is not whole cents in range, a percentage outside 0-100,
    a basis above the maximum, or a culpability left out of ``percentages``;
    ``fine_settings_above_besluit`` for an amount or percentage above the Besluit's
    (art. 7.1: its amounts are maxima) and ``fine_settings_scale`` for percentages that
    rise as culpability falls (lid 4; ``FineSettings.__post_init__``)."""
    if not isinstance(value, dict):
        raise FineInvalid("fine_settings_invalid", field="amounts")
    unknown = sorted(set(value) - _KNOWN)
    if unknown:
        raise FineInvalid("fine_settings_invalid", field=unknown[0])
    settings = FineSettings()
    changes: dict[str, Any] = {}
    for name in _AMOUNTS:
        if name in value:
            changes[name] = _amount(value[name], name)
    if "percentages" in value:
        given = value["percentages"]
        if not isinstance(given, dict) or set(given) != {v.value for v in Verwijtbaarheid}:
            raise FineInvalid("fine_settings_invalid", field="percentages")
        changes["percentages"] = tuple((v, _percent(given[v.value])) for v in Verwijtbaarheid)
    if "nieuwe_termijn_maxima" in value:
        maxima = value["nieuwe_termijn_maxima"]
        if not isinstance(maxima, list) or not 0 < len(maxima) <= 20:
            raise FineInvalid("fine_settings_invalid", field="nieuwe_termijn_maxima")
        changes["nieuwe_termijn_maxima"] = tuple(
            _amount(m, "nieuwe_termijn_maxima") for m in maxima
        )
    return replace(settings, **changes)  # __post_init__ checks the whole


def read_fine_settings(value: Any) -> tuple[FineSettings, tuple[str, ...]]:
    """The office's published amounts as this laptop reads them: like
    :func:`parse_fine_settings`, but a key this version does not know (one a newer office
    adds) is left out and returned, sorted, instead of discarding every key with it
    (attack round 6, finding 17: the municipality's € 100 became the Besluit's € 250
    without a word). A known key that is wrong still refuses the whole
    (:class:`FineInvalid`): half a municipality's amounts are no one's."""
    if not isinstance(value, dict):
        raise FineInvalid("fine_settings_invalid", field="amounts")
    unknown = tuple(sorted(set(value) - _KNOWN))
    known = {k: v for k, v in value.items() if k in _KNOWN}
    return parse_fine_settings(known), unknown


def _percent(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise FineInvalid("fine_settings_invalid", field="percentages")
    return value


def fine_settings_value(settings: FineSettings) -> dict[str, Any]:
    """The stored JSON of ``settings`` (every key written out)."""
    return {
        **{name: getattr(settings, name) for name in _AMOUNTS},
        "percentages": {v.value: p for v, p in settings.percentages},
        "nieuwe_termijn_maxima": list(settings.nieuwe_termijn_maxima),
    }
