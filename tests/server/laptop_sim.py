"""A minimal laptop for tests: an outbox of ops and a pulled copy of the caseload.

It follows the client rules of docs/sync-protocol.md: op ids 1, 2, 3, ...; drop outbox
entries only up to the acknowledged op id; base versions advance only by pulling; a
pulled field is not applied over a local edit still in the outbox. Like a real laptop, its
first op for a case it does not know yet carries the case's identity fields (the office
creates no case without them).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from inburg_desktop.protocol.messages import FieldConflict, Op, batches
from inburg_desktop.sync.transport import SyncClient

IDENTITY: dict[str, Any] = {
    "doelgroep": "statushouder",
    "person.given_names": "Testpersoon",
    "person.family_name": "Fictief",
    "person.date_of_birth": "1990-01-01",
    "person.nationality": "SYR",
    "dates.brp_registration": "2026-01-05",
}
"""The identity fields a case needs to come into existence at the office (field_rules)."""


@dataclass
class SimLaptop:
    client: SyncClient
    next_op_id: int = 1
    outbox: list[Op] = field(default_factory=list)
    cursor: int = 0
    versions: dict[str, int] = field(default_factory=dict)
    cases: dict[str, dict[str, Any]] = field(default_factory=dict)
    conflicts: dict[str, list[FieldConflict]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    quarantined: list[int] = field(default_factory=list)

    def edit(self, case_id: str, patch: dict[str, Any], resolves: list[str] | None = None) -> Op:
        if case_id not in self.cases:
            patch = {**IDENTITY, **patch}
        op = Op(
            op_id=self.next_op_id,
            case_id=case_id,
            base_version=self.versions.get(case_id, 0),
            patch=patch,
            resolves=resolves or [],
        )
        self.next_op_id += 1
        self.outbox.append(op)
        self.cases.setdefault(case_id, {}).update(patch)
        return op

    def push(self, max_bytes: int = 1024 * 1024) -> int:
        pushed = 0
        for batch in list(batches(list(self.outbox), max_bytes)):
            answer = self.client.push(batch)
            self.quarantined += [r.op_id for r in answer.results if r.status == "rejected"]
            self.outbox = [op for op in self.outbox if op.op_id > answer.acknowledged_op_id]
            pushed += len(batch)
        return pushed

    def pull(self, limit: int = 100) -> int:
        pulled = 0
        while True:
            page = self.client.pull(self.cursor, limit)
            if page.refetch:
                self.cursor = 0
                continue
            pending = {(op.case_id, k) for op in self.outbox for k in op.patch}
            for case in page.cases:
                local = self.cases.setdefault(case.case_id, {})
                if case.full:
                    for key in list(local):
                        if (case.case_id, key) not in pending and key not in case.fields:
                            del local[key]
                for key, state in case.fields.items():
                    if (case.case_id, key) not in pending:
                        local[key] = state.value
                self.versions[case.case_id] = case.version
                self.conflicts[case.case_id] = list(case.conflicts)
                pulled += 1
            for case_id in page.removals:
                self._purge(case_id)
            if page.caseload is not None:
                keep = set(page.caseload) | {op.case_id for op in self.outbox}
                for case_id in list(self.cases):
                    if case_id not in keep:
                        self._purge(case_id)
            self.settings.update(page.settings)
            self.cursor = page.cursor
            if not page.more:
                return pulled

    def sync(self) -> None:
        self.push()
        self.pull()

    def _purge(self, case_id: str) -> None:
        self.cases.pop(case_id, None)
        self.versions.pop(case_id, None)
        self.conflicts.pop(case_id, None)
