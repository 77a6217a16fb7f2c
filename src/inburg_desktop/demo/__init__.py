"""Fictional demo cases, modelled on the local figures in DOMAIN.md.

Fills a vault through the same services a consultant's actions use, so the demo shows
what the app really does.

May import: ``pdf`` (the demo's signed PIP), ``services``, ``storage``, ``prompts``,
``domain``; never ``ui``, ``commands`` or ``server``.
"""
