"""Bytes moved by a sync round after one changed field, in a vault of 1,000 synced cases;
prints JSON. Goal (issue 6): that round sends at most 5 KB.

A vault with ``--cases`` demo cases is enrolled with a fresh office server and fully
synced; a second round with nothing changed shows the floor; then one field of one case is
edited and synced again. For each round the JSON has the client's own counters
(``SyncClient.bytes_sent``/``bytes_received``: bodies plus a fixed allowance per request
for the HTTP headers, as ``inburg sync`` reports them) and the bytes actually on the wire
(request and answer, headers included), counted by a loopback TCP proxy between the
laptop and the server.

Run: python benchmarks/sync_bytes.py [--cases 1000] [--pg URL | --db URL]
(default: a temporary SQLite office database).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url

from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.server.db import Database
from inburg_desktop.services import vault_session
from inburg_desktop.storage.cases import update_fields
from inburg_desktop.storage.keyfile import TEST_KDF
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.engine import SyncEngine
from sync_load import (
    PASSPHRASE,
    client_for,
    enroll_vault,
    fresh_postgres,
    migrate,
    office_server,
)

GOAL_BYTES = 5 * 1024


class CountingProxy:
    """A loopback TCP proxy that counts the bytes going each way."""

    def __init__(self, target_port: int) -> None:
        self.target_port = target_port
        self.lock = threading.Lock()
        self.up = 0
        self.down = 0
        self.connections = 0
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        threading.Thread(target=self._accept, daemon=True).start()

    def reset(self) -> None:
        with self.lock:
            self.up = self.down = self.connections = 0

    def close(self) -> None:
        self.sock.close()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            with self.lock:
                self.connections += 1
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            threading.Thread(target=self._pipe, args=(conn, upstream, "up"), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, conn, "down"), daemon=True).start()

    def _pipe(self, source: socket.socket, sink: socket.socket, direction: str) -> None:
        try:
            while data := source.recv(65536):
                with self.lock:
                    if direction == "up":
                        self.up += len(data)
                    else:
                        self.down += len(data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


def one_round(vault: OpenVault, proxy: CountingProxy) -> dict[str, Any]:
    proxy.reset()
    start = time.perf_counter()
    with client_for(vault, proxy.url) as client:
        summary = SyncEngine(vault, client).run()
    elapsed = time.perf_counter() - start
    time.sleep(0.1)  # let the proxy threads count the last bytes
    with proxy.lock:
        wire = {"wire_sent": proxy.up, "wire_received": proxy.down}
    return {
        "pushed": summary.pushed,
        "pulled": summary.pulled,
        "bytes_sent": summary.bytes_sent,
        "bytes_received": summary.bytes_received,
        **wire,
        "seconds": round(elapsed, 3),
    }


@contextlib.contextmanager
def office_database(args: argparse.Namespace, workdir: Path) -> Iterator[str]:
    if args.pg:
        with fresh_postgres(args.pg) as url:
            yield url
        return
    url = args.db or f"sqlite:///{workdir / 'office.db'}"
    migrate(url)
    yield url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--pg", help="PostgreSQL server URL; a fresh database is used")
    where.add_argument("--db", help="an existing office database URL")
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="inburg-bytes-"))
    try:
        with (
            office_database(args, workdir) as db_url,
            office_server(db_url, 1, workdir / "server.log") as url,
        ):
            office = Database(db_url)
            vault = vault_session.create(workdir / "laptop" / "kluis.db", PASSPHRASE, TEST_KDF)
            try:
                enroll_vault(vault, url, office, "bytes-consulent")
                with vault.transaction() as session:
                    cases = add_demo_cases(session, args.cases)
                port = int(url.rsplit(":", 1)[1])
                proxy = CountingProxy(port)
                first = one_round(vault, proxy)
                idle = one_round(vault, proxy)
                with vault.transaction() as session:
                    update_fields(
                        session,
                        cases[len(cases) // 2],
                        {"intake.opleiding.notes": "Bachelor farmacie, Damascus (2016)"},
                    )
                changed = one_round(vault, proxy)
                proxy.close()
            finally:
                vault.lock()
                office.dispose()
        print(
            json.dumps(
                {
                    "cases": args.cases,
                    "database": make_url(db_url).get_backend_name(),
                    "first_sync": first,
                    "nothing_changed": idle,
                    "one_field_changed": changed,
                    "goal_bytes_sent": GOAL_BYTES,
                    "goal_met": changed["wire_sent"] <= GOAL_BYTES
                    and changed["bytes_sent"] <= GOAL_BYTES,
                },
                indent=2,
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
