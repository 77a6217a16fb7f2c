"""Another process holding a vault, for tests: ``vault_holder.py PATH write|exclusive``.

Unwraps the key with ``INBURG_PASSPHRASE``, takes the lock, prints ``holding`` and keeps
it until its stdin closes. ``write`` holds an open write transaction (as a second
inburg process in the middle of an import would); ``exclusive`` sets SQLite's exclusive
locking mode, which shuts out readers too (as some backup and repair tools do).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from inburg_desktop.storage import keyfile
from inburg_desktop.storage.engine import connect_raw


def main() -> None:
    path, how = Path(sys.argv[1]), sys.argv[2]
    key = keyfile.unwrap_key(keyfile.read_key_file(path), os.environ["INBURG_PASSPHRASE"])
    conn = connect_raw(path, key)
    if how == "exclusive":
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    else:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO settings(key, value) VALUES ('holder', '1')")
    print("holding", flush=True)
    sys.stdin.read()
    conn.execute("ROLLBACK")
    conn.close()


if __name__ == "__main__":
    main()
