"""Who may be named as the decider of a decision a laptop pushes: the one rule the office
applies to a fine decision (``handhaving.<id>.besluit.door``) and to a PIP version
(``pip.version.<n>.vastgesteld_door``), both beschikkingen that print their decider's name
(AVG art. 22: a decision with legal effect names the person accountable for it).

A decision a laptop takes is taken by that laptop's consultant, so both its id and its
printed name are the consultant's office name: the id compared in NFC (a name the laptop
stored decomposed is the same person's, attack round 7, finding 13), the name by
``domain.safe_text.name_key`` (case and spacing aside, as the office tells its
consultants apart). Attack round 7, findings 4 and 14: ``door.naam`` "Burgemeester
Jansen" with the laptop's own id was accepted and printed as the signer.

A push never carries a decision by someone else: the transfer marker that lifted this
rule for the decisions it named is refused in a push (``server.push``; attack round 8,
finding 9); only a transfer imported at the office keeps decisions taken elsewhere.
"""

from __future__ import annotations

import unicodedata
from typing import Any, Literal

from inburg_desktop.domain.safe_text import name_key

DeciderProblem = Literal["decider_not_pusher", "decider_name_not_pusher"]


def decider_problem(door: Any, consultant: str, *, id_key: str = "id") -> DeciderProblem | None:
    """Why the stored decider ``door`` (an object with ``naam`` and, under ``id_key``, the
    consultant id: ``id`` for a fine decision, ``consulent_id`` for a PIP version) is not
    ``consultant``, the office name of the pushing laptop's consultant; ``None`` when it
    is. ``decider_not_pusher``: the id is another's (or missing);
    ``decider_name_not_pusher``: the id is the consultant's but the printed name is not.
    Pure; never raises."""
    if not isinstance(door, dict):
        return "decider_not_pusher"
    ident, naam = door.get(id_key), door.get("naam")
    if not isinstance(ident, str) or _nfc(ident) != _nfc(consultant):
        return "decider_not_pusher"
    if not isinstance(naam, str) or name_key(naam) != name_key(consultant):
        return "decider_name_not_pusher"
    return None


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)
