"""``inburg-office``: run the office server and administer devices, caseloads and cases.

Every command takes ``--db URL`` (default: an SQLite file in the user data dir) and
migrates the database first. Errors are one line on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from inburg_desktop.server import admin
from inburg_desktop.server.db import Database, default_db_url
from inburg_desktop.server.migrate import upgrade

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_INVALID_FILE = 5
DB_ENV = "INBURG_OFFICE_DB"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inburg-office", description="Kantoorserver voor inburg-desktop."
    )
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        default=os.environ.get(DB_ENV),
        help="database URL (sqlite:///PATH or postgresql+psycopg://...)",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", parents=[common], help="run the server")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8443)
    serve.add_argument("--tls-cert", type=Path)
    serve.add_argument("--tls-key", type=Path)
    serve.add_argument("--workers", type=int, default=1)
    serve.add_argument("--log-level", default="info")

    enroll = sub.add_parser("enroll", parents=[common], help="make a one-time enrollment code")
    enroll.add_argument("--consultant", required=True)
    enroll.add_argument("--valid-hours", type=int, default=admin.DEFAULT_CODE_HOURS)

    devices = sub.add_parser("devices", parents=[common], help="list enrolled devices")
    devices.add_argument("--json", action="store_true")

    revoke = sub.add_parser("revoke", parents=[common], help="revoke a device")
    revoke.add_argument("device_id")

    assign = sub.add_parser("assign", parents=[common], help="put a case on a caseload")
    assign.add_argument("case_id")
    assign.add_argument("--consultant", required=True)

    unassign = sub.add_parser("unassign", parents=[common], help="take a case off its caseload")
    unassign.add_argument("case_id")

    cases = sub.add_parser("cases", parents=[common], help="list the office's cases")
    cases.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", parents=[common], help="import a handover file")
    imp.add_argument("file", type=Path)
    imp.add_argument("--consultant", help="assign the new case at once")

    setting = sub.add_parser("setting", parents=[common], help="publish a setting to laptops")
    setting.add_argument("key", help="setting.NAME or catalogue.NAME")
    setting.add_argument("value", help="a JSON value, or @FILE to read the JSON from a file")

    prune = sub.add_parser("prune", parents=[common], help="forget old removals")
    prune.add_argument("--keep-days", type=int, default=90)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    url = args.db or default_db_url()
    if args.command == "serve":
        return _serve(args, url)
    try:
        db = Database(url)
        upgrade(db.engine)
        try:
            return _admin(args, db)
        finally:
            db.dispose()
    except admin.AdminError as exc:
        print(f"inburg-office: {exc}", file=sys.stderr)
        return EXIT_INVALID_FILE if args.command == "import" else EXIT_ERROR
    except OSError as exc:
        print(f"inburg-office: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR


def _admin(args: argparse.Namespace, db: Database) -> int:
    command = args.command
    if command == "enroll":
        code, expires = admin.create_enrollment_code(db, args.consultant, args.valid_hours)
        until = f"{expires:%Y-%m-%d %H:%M} UTC"
        print(f"Eenmalige code voor {args.consultant.strip()}, geldig tot {until}:")
        print(code)
    elif command == "devices":
        rows = admin.list_devices(db)
        if args.json:
            print(admin.dumps(rows))
        else:
            for d in rows:
                state = "INGETROKKEN" if d["revoked"] else "actief"
                print(
                    f"{d['id']}  {d['consultant']}  {state}  "
                    f"ingeschreven {d['enrolled_at']}  laatst gezien {d['last_seen'] or '-'}"
                )
    elif command == "revoke":
        admin.revoke(db, args.device_id)
        print(f"Apparaat {args.device_id} is ingetrokken.")
    elif command == "assign":
        admin.assign(db, args.case_id, args.consultant)
        print(f"Dossier {args.case_id} staat op de caseload van {args.consultant.strip()}.")
    elif command == "unassign":
        admin.unassign(db, args.case_id)
        print(f"Dossier {args.case_id} staat op geen caseload meer.")
    elif command == "cases":
        rows = admin.list_cases(db)
        if args.json:
            print(admin.dumps(rows))
        else:
            for c in rows:
                print(
                    f"{c['id']}  versie {c['version']}  {c['consultant'] or '-'}  "
                    f"{c['fields']} velden  {c['open_conflicts']} conflicten"
                )
    elif command == "import":
        try:
            data = args.file.read_bytes()
        except OSError as exc:
            raise admin.AdminError(f"{args.file}: {exc.strerror or exc}") from None
        print(admin.import_handover(db, data, args.consultant))
    elif command == "setting":
        raw: str = args.value
        if raw.startswith("@"):
            try:
                raw = Path(raw[1:]).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise admin.AdminError(f"{raw[1:]}: kan het bestand niet lezen ({exc})") from None
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise admin.AdminError("De waarde moet geldige JSON zijn.") from None
        admin.set_setting(db, args.key, value)
    elif command == "prune":
        print(admin.prune_removals(db, args.keep_days))
    return 0


def _serve(args: argparse.Namespace, url: str) -> int:
    import uvicorn

    from inburg_desktop.logging_setup import setup_logging

    if bool(args.tls_cert) != bool(args.tls_key):
        print("inburg-office: --tls-cert en --tls-key horen bij elkaar.", file=sys.stderr)
        return EXIT_USAGE
    setup_logging(logging.INFO)
    tls = {}
    if args.tls_cert:
        tls = {"ssl_certfile": str(args.tls_cert), "ssl_keyfile": str(args.tls_key)}
    if args.workers > 1:
        os.environ[DB_ENV] = url
        uvicorn.run(
            "inburg_desktop.server.asgi:app_factory",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level=args.log_level,
            **tls,  # type: ignore[arg-type]
        )
        return 0
    from inburg_desktop.server.app import create_app

    app = create_app(url)
    uvicorn.run(app, host=args.host, port=args.port, log_level=args.log_level, **tls)  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
