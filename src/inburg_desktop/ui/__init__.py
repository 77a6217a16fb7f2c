"""Qt windows and widgets; the only package that imports PySide6.

May import: ``services`` (what a user can do), ``sync``, ``pdf`` (to render what a
service gathered), ``demo``, ``locale_names``, ``prompts``, ``i18n``, ``logging_setup``,
``domain``; ``storage`` only to create or unlock a vault (the other listed exceptions in
``pyproject.toml`` are being removed); never ``commands`` or ``server``.
"""
