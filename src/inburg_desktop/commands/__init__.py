"""The ``inburg`` subcommands, one module per noun (vault, case, demo, ...).

Each parses its arguments, calls ``services`` (or ``sync`` for ``inburg sync``, ``pdf`` to
render what a service gathered) and prints Dutch text looked up with ``_()``.

May import: ``demo``, ``pdf``, ``services``, ``sync``, ``prompts``, ``i18n``, ``domain``;
never ``storage`` (the vault is opened through ``services.vault_session``), ``ui`` or
``server``.
"""
