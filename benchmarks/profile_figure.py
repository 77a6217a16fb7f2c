"""Where a figure of ``run.py`` spends its time: the same workload under pyinstrument,
printed as a call tree (the main thread; ``--html FILE`` for the interactive view).

Workloads (on a seeded vault of ``--cases`` demo cases, cached as run.py's):

* ``autosave_during_reload``: the autosave timed while ``case_rows`` reloads the list on
  another thread (benchmarks/contention.py): shows what the autosave waits in.
* ``case_rows``: the case list's rows as the main window loads them.
* ``write_case``: one demo case written per transaction on the SQLCipher vault.

Run: python benchmarks/profile_figure.py autosave_during_reload --cases 10000
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import date
from pathlib import Path

from pyinstrument import Profiler

from bench_common import PASSPHRASE, seeded_vault
from contention import during_reload, one_autosave
from inburg_desktop.demo.fill import add_demo_cases
from inburg_desktop.services import vault_session
from inburg_desktop.services.case_list import case_rows
from inburg_desktop.storage.tables import CaseRow


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("workload", choices=("autosave_during_reload", "case_rows", "write_case"))
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML view here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        vault = vault_session.unlock(seeded_vault(args.cases, Path(tmp) / "v"), PASSPHRASE)
        try:
            with vault.session() as session:
                case_id = session.query(CaseRow.id).limit(1).scalar()
            assert case_id is not None
            one_autosave(vault, case_id, -1)
            profiler = Profiler(interval=0.001)
            profiler.start()
            if args.workload == "autosave_during_reload":
                during_reload(vault, case_id, 0)
            elif args.workload == "case_rows":
                case_rows(vault)
            else:
                for _ in range(50):
                    with vault.transaction() as session:
                        add_demo_cases(session, 1, date(2026, 11, 28))
            profiler.stop()
        finally:
            vault.lock()
    print(profiler.output_text(unicode=True, color=False, show_all=False))
    if args.html:
        args.html.write_text(profiler.output_html())


if __name__ == "__main__":
    main()
