"""Fictional demo cases, modelled on the local figures in DOMAIN.md."""
