"""The office's monitoring report: built from the database, rendered, written, served.

``inburg-office report [--gemeente NAAM|CODE] --out BESTAND.pdf|BESTAND.html`` and
``GET /report[?gemeente=NAAM|CODE]`` (docs/monitoring-report.md). The report is always
computed over the whole office and then one gemeente's part shown, so a report of one
gemeente and the full report come from the same suppression (two of them side by side
reveal no more than one).

**Access to** ``GET /report``: the figures are aggregated but still the municipality's,
so the page is not open to whoever reaches the port. It is served only when the operator
configured a report token (``INBURG_OFFICE_REPORT_TOKEN``, or ``serve
--report-token-file BESTAND``; at least :data:`MIN_TOKEN_CHARS` characters) and only to a
request that sends it as ``Authorization: Bearer TOKEN`` (compared in constant time).
Without a configured token the page does not exist (404); a missing or wrong token gets
401. Enrolled laptops get no access through their device keys: the report is for the
municipality's policy staff, not the consultants' devices.
"""

from __future__ import annotations

import hmac
import subprocess
import sys
from datetime import date
from pathlib import Path

from inburg_desktop.domain.gemeente import GemeenteError
from inburg_desktop.monitoring_view.document import ReportDocument, dumps
from inburg_desktop.monitoring_view.html import render_html
from inburg_desktop.server.db import Database
from inburg_desktop.server.monitoring_source import office_kantoor, read_office
from inburg_desktop.server.recovery import write_new_file

REPORT_TOKEN_ENV = "INBURG_OFFICE_REPORT_TOKEN"
MIN_TOKEN_CHARS = 32
"""A report token is a secret of at least this many characters (e.g. ``openssl rand
-hex 32``): long enough that guessing it over the network is hopeless."""
PDF_TIMEOUT = 300


class ReportRefused(ValueError):
    """The report cannot be made as asked; the message says why in Dutch."""


def build(db: Database, on: date, gemeente: str | None = None) -> ReportDocument:
    """The report of the office on ``on``; ``gemeente`` (a name or CBS code of one of the
    office's gemeenten) selects its part. Raises :class:`ReportRefused` for a gemeente
    the office does not serve, naming those it does."""
    with db.read() as session:
        kantoor = office_kantoor(session)
        code = None
        if gemeente is not None:
            try:
                code = kantoor.find(gemeente).code
            except GemeenteError as exc:
                raise ReportRefused(f"{exc.reason.render()}.") from None
        office = read_office(session, on)
    namen = {g.code: g.naam for g in kantoor.gemeenten}
    return ReportDocument(office.report(on), namen, code, office.niet_geteld)


def html(doc: ReportDocument) -> bytes:
    """The self-contained HTML page."""
    return render_html(doc)


def pdf(doc: ReportDocument) -> bytes:
    """The PDF, drawn by ``python -m inburg_desktop.pdf.monitoring_report`` in a child
    process (the server does not import the PDF layer); the document goes in by a pipe,
    the PDF comes back by one. Raises :class:`ReportRefused` when the child fails."""
    done = subprocess.run(
        [sys.executable, "-m", "inburg_desktop.pdf.monitoring_report"],
        input=dumps(doc),
        capture_output=True,
        timeout=PDF_TIMEOUT,
        check=False,
    )
    if done.returncode != 0 or not done.stdout.startswith(b"%PDF-"):
        raise ReportRefused("De PDF van het rapport kon niet worden gemaakt.")
    return done.stdout


def suffix_problem(out: Path) -> str | None:
    """Why ``--out`` is refused before anything is read (Dutch), or ``None``."""
    if out.suffix.lower() not in (".pdf", ".html", ".htm"):
        return (
            "--out moet op .pdf of .html eindigen (het rapport als PDF of als HTML-pagina); "
            "er is niets geschreven."
        )
    if out.exists() or out.is_symlink():
        return f"{out} bestaat al; kies een nieuwe bestandsnaam. Er is niets geschreven."
    return None


def write_new(out: Path, data: bytes) -> None:
    """Write ``data`` to the new file ``out``, owner-only, never over an existing one
    (``recovery.write_new_file``: a write that fails, a full disk, removes what it began,
    so a retry is not refused by a cut-off report; attack round 10, finding 7).
    ``FileExistsError`` and other ``OSError`` go to the caller."""
    write_new_file(out, data)


def token_problem(token: str) -> str | None:
    """Why a configured report token is refused (Dutch), or ``None``."""
    if len(token) < MIN_TOKEN_CHARS or not token.isascii() or not token.isprintable():
        return (
            f"Het rapporttoken moet minstens {MIN_TOKEN_CHARS} zichtbare ASCII-tekens zijn "
            "(bijvoorbeeld uit 'openssl rand -hex 32')."
        )
    if any(c.isspace() for c in token):
        return "Het rapporttoken mag geen spaties bevatten."
    return None


def bearer_matches(header: str | None, token: str) -> bool:
    """Whether an ``Authorization`` header carries ``token`` as a bearer token (constant
    time over the token's bytes)."""
    if header is None:
        return False
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode(), token.encode())
