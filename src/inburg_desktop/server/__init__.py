"""The office server: FastAPI app, its tables and migrations, device auth, admin CLI.

May import: ``protocol`` (what it shares with the laptop's sync client), ``domain``,
``logging_setup``, ``alembic_runner``; never ``sync``, ``storage``, ``services`` or
anything else of the laptop (import-linter's "office server" contract).
"""
