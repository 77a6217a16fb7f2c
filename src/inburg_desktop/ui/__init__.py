"""Qt windows and widgets; the only package that imports PySide6.

May import: ``services`` (what a user can do), ``sync``, ``pdf`` (to render what a
service gathered), ``demo``, ``locale_names``, ``prompts``, ``i18n``, ``logging_setup``,
``domain``; never ``storage`` (a vault is created, unlocked and locked through
``services.vault_session``), ``commands`` or ``server``.
"""
