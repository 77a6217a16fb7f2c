"""The encrypted vault: key management, SQLCipher engine, tables, repositories, migrations.

Every change to a case passes ``changes.apply_patch`` in a transaction, with its outbox
entry for the office.

May import: ``protocol`` (field keys a handover becomes), ``alembic_runner``, ``domain``;
never ``services`` or higher.
"""
