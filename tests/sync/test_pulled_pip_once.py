"""A pulled PIP is read once (review leftover of attack round 7, finding 14): the field
rule of each ``pip.version.<n>`` and the history rule over them together loaded every
version twice per pulled case, the costliest value of a case."""

from __future__ import annotations

from typing import Any

import pytest

from inburg_desktop.domain import pip, pip_fields
from inburg_desktop.storage.sync_state import quarantine
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.apply import apply_case, apply_new_cases, held

from ..protocol.test_pip_agenda_rules import amended_items
from .test_apply_page import state


@pytest.fixture
def version_loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every load of a ``PipVersion`` (its path), through the one loader both rules use."""
    seen: list[str] = []
    real = pip.load

    def counting(cls: Any, data: object, path: str = "pip") -> Any:
        if cls is pip.PipVersion:
            seen.append(path)
        return real(cls, data, path)

    monkeypatch.setattr(pip, "load", counting)
    monkeypatch.setattr(pip_fields, "load", counting)
    return seen


@pytest.mark.parametrize("bulk", [True, False])
def test_each_pulled_pip_version_is_loaded_once(
    vault: OpenVault, version_loads: list[str], bulk: bool
) -> None:
    items = amended_items()
    versions = sorted(k for k in items if k.startswith("pip.version."))
    assert len(versions) == 3
    pulled = [state(n, fields=items) for n in range(4)]
    with vault.transaction() as session:
        here = held(session, [s.case_id for s in pulled])
        rest = apply_new_cases(session, pulled, here) if bulk else pulled
        assert sum(apply_case(session, s, here) for s in rest) == 0
    with vault.session() as session:
        assert quarantine(session) == []
    assert sorted(version_loads) == sorted(versions * len(pulled))


def test_a_broken_history_is_still_set_aside(vault: OpenVault, version_loads: list[str]) -> None:
    """Read once, judged all the same: a version missing from the history sets the PIP
    fields aside (``pip_history_invalid``), the rest of the case is applied."""
    items = amended_items()
    del items["pip.version.2"]
    pulled = state(1, fields=items)
    with vault.transaction() as session:
        assert apply_case(session, pulled, held(session, [pulled.case_id])) == 3
    with vault.session() as session:
        codes = {e.detail["fields"][k] for e in quarantine(session) for k in e.detail["fields"]}
    assert codes == {"pip_history_invalid"}
    assert len(version_loads) == 2
