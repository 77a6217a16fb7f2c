"""Application services: compose the vault, the prompt catalogue and the domain rules
for the command line and the GUI (which must not disagree).

A service hands content (a PIP as ``domain.pip_document.PipDocument``), never a rendered
file: the caller renders it with ``pdf``.

May import: ``sync`` (a sync round, the quarantine list), ``locale_names``, ``storage``,
``prompts``, ``protocol``, ``i18n``, ``domain``; never ``pdf``, ``ui`` or ``commands``.
"""
