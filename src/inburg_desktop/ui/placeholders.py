"""The words a choice shows while nothing is chosen yet: one placeholder for every combo
that starts empty, so the consultant sees the same "nothing chosen" everywhere.

Usability round 6 (finding 18): the enforcement form said "(kies)" where the household
editor and Nieuw dossier say "— kies —". A combo whose placeholder names what to choose
("— kies een leerroute —", "— kies de grond —") keeps that longer form, in the same style.
"""

from __future__ import annotations

from inburg_desktop.domain.text import N_

CHOOSE = N_("— kies —")
"""A choice not made yet; shown through ``_()`` where it is used."""
