"""The ``inburg`` subcommands, one module per noun (vault, case, demo, ...).

Each parses its arguments, calls ``services`` (or ``sync`` for ``inburg sync``, ``pdf`` to
render what a service gathered) and prints Dutch text looked up with ``_()``.

May import: ``demo``, ``pdf``, ``services``, ``sync``, ``storage`` only to open the vault
(the listed exceptions in ``pyproject.toml`` are being removed), ``prompts``, ``i18n``,
``domain``; never ``ui`` or ``server``.
"""
