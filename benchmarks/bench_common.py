"""What the figures of ``benchmarks/run.py`` share: the figure's shape, medians, the
seeded vaults (cached), child processes and a clean environment for them.

A figure is ``{"value", "unit", "baseline", "ratio", "runs", "note"}``: ``value`` and
``baseline`` in ``unit``, measured in the same run; ``ratio`` is value / baseline (``None``
when either is missing or the baseline is 0); ``runs`` is how many samples the median
was taken over; ``note`` says what was measured and anything a reader must know (e.g.
why a value is ``None``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, TypedDict

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PASSPHRASE = "benchmark passphrase, not secret"
TODAY = date(2026, 11, 28)  # the seeded vaults' "today": fixed, so cached files stay valid
CACHE_ENV = "INBURG_BENCH_CACHE"


class Figure(TypedDict):
    value: float | int | None
    unit: str
    baseline: float | int | None
    ratio: float | None
    runs: int
    note: str


def figure(
    value: float | None,
    unit: str,
    baseline: float | None,
    runs: int,
    note: str,
    digits: int = 3,
) -> Figure:
    """One figure; ``ratio`` computed from the unrounded value and baseline."""
    ratio = None
    if value is not None and baseline is not None and baseline != 0:
        ratio = round(value / baseline, 2)
    return {
        "value": None if value is None else round(value, digits),
        "unit": unit,
        "baseline": None if baseline is None else round(baseline, digits),
        "ratio": ratio,
        "runs": runs,
        "note": note,
    }


def median(samples: Sequence[float]) -> float:
    return float(statistics.median(samples))


def percentile(samples: Sequence[float], q: float) -> float:
    """Nearest-rank percentile, ``q`` in [0, 1]."""
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def postgres_url() -> str | None:
    """``INBURG_BENCH_POSTGRES_URL``, else ``INBURG_TEST_POSTGRES_URL``, else ``None``."""
    return os.environ.get("INBURG_BENCH_POSTGRES_URL") or os.environ.get("INBURG_TEST_POSTGRES_URL")


def child_env(home: Path) -> dict[str, str]:
    """The environment of a child process: offscreen Qt, settings and logs in ``home``
    (never the user's own), the passphrase for ``inburg``'s non-interactive unlock."""
    env = dict(os.environ)
    env.update(
        {
            "QT_QPA_PLATFORM": "offscreen",
            "INBURG_CONFIG_DIR": str(home / "config"),
            "INBURG_LOG_DIR": str(home / "logs"),
            "XDG_CONFIG_HOME": str(home / "xdg-config"),
            "XDG_DATA_HOME": str(home / "xdg-data"),
            "XDG_CACHE_HOME": str(home / "xdg-cache"),
            "INBURG_PASSPHRASE": PASSPHRASE,
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    env["PYTHONPATH"] = os.pathsep.join([str(BENCH), *filter(None, [env.get("PYTHONPATH", "")])])
    return env


def run_child(args: Sequence[str], home: Path, timeout: float = 600) -> dict[str, Any]:
    """Run ``python benchmarks/gui_child.py ARGS`` (or another child script named first)
    and return the JSON object it prints on its last stdout line."""
    proc = subprocess.run(
        [sys.executable, *args],
        env=child_env(home),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"{args[0]} {args[1:]} failed ({proc.returncode}):\n{proc.stderr}")
    lines = [line for line in proc.stdout.splitlines() if line.startswith("{")]
    if not lines:
        raise RuntimeError(f"{args} printed no JSON:\n{proc.stdout}\n{proc.stderr}")
    result: dict[str, Any] = json.loads(lines[-1])
    return result


def time_command(args: Sequence[str], home: Path, timeout: float = 600) -> float:
    """Wall seconds of a whole command (interpreter start included), output discarded."""
    start = time.perf_counter()
    proc = subprocess.run(
        list(args),
        env=child_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"{args} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed


# --- the seeded vaults -----------------------------------------------------------------


def _source_fingerprint() -> str:
    """A hash of what decides a seeded vault's content: the vault's schema (migrations),
    the storage layer, the demo data, and the rules and use cases that compute the case
    summaries kept on write (domain, services). A change to any of them makes a new file
    (a stale summary would otherwise be computed again at every measured unlock)."""
    digest = hashlib.sha256()
    src = ROOT / "src" / "inburg_desktop"
    for folder in ("storage", "demo", "domain", "services"):
        for path in sorted((src / folder).rglob("*.py")):
            digest.update(path.relative_to(src).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def cache_dir() -> Path:
    """Where seeded vaults are kept between runs (``INBURG_BENCH_CACHE`` or a folder in
    the temp dir); only fictional demo data is ever stored there."""
    folder = Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "inburg-bench")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def seeded_vault(cases: int, into: Path, *, production_kdf: bool = True) -> Path:
    """A vault with ``cases`` demo cases (intakes and PIPs in their demo stages), copied
    to ``into``; returns the database path (its key file beside it).

    The first call for a size writes the cases as ``inburg demo`` does
    (``services.vault_session.create``, then ``demo.vault_fill.add_cases``: the import
    path of a handover file, one transaction, each case's summary computed before
    commit) and keeps the result in :func:`cache_dir`, keyed by the size, the KDF and
    :func:`_source_fingerprint`; later calls copy that file (seconds, not minutes, at
    10,000 cases). ``production_kdf``: the key is wrapped with the app's real Argon2id
    parameters, so an unlock costs what it costs the consultant.
    """
    kdf_name = "prod" if production_kdf else "test"
    cached = cache_dir() / f"vault-{cases}-{kdf_name}-{_source_fingerprint()}"
    if not (cached / "kluis.db").exists():
        from inburg_desktop.demo.vault_fill import add_cases
        from inburg_desktop.services import vault_session
        from inburg_desktop.storage.keyfile import TEST_KDF, KdfParams

        building = Path(tempfile.mkdtemp(prefix="seed-", dir=cache_dir()))
        # As the app makes and fills one: services.vault_session keeps each case's summary
        # on write (services.case_summary), so the measured vault is what users have.
        vault = vault_session.create(
            building / "kluis.db", PASSPHRASE, KdfParams() if production_kdf else TEST_KDF
        )
        try:
            add_cases(vault, cases, today=TODAY)
        finally:
            vault_session.lock(vault)
        if cached.exists():
            shutil.rmtree(cached)
        building.rename(cached)
    into.mkdir(parents=True, exist_ok=True)
    for item in cached.iterdir():
        shutil.copy2(item, into / item.name)
    return into / "kluis.db"
