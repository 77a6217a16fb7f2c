"""The encrypted vault: key management, SQLCipher engine, tables, repositories, migrations."""
