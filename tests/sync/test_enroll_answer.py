"""The office's answer to an enrollment is checked field by field before anything is stored
(attack round 2 finding 7: a 3,000-character device id with ESC/OSC/RLO and a consultant
name with RLO and markup were stored as given)."""

from __future__ import annotations

import base64
import json
from functools import partial
from typing import Any

import httpx
import pytest

from inburg_desktop.messages import error_text
from inburg_desktop.protocol.device_keys import DeviceKey
from inburg_desktop.protocol.messages import EnrollResponse
from inburg_desktop.services import consulent, sync_round
from inburg_desktop.storage.sync_state import enrollment
from inburg_desktop.storage.vault import OpenVault
from inburg_desktop.sync.transport import EnrollAnswerRefused, SyncClient

GOOD: dict[str, Any] = {
    "device_id": "4f1c2b9e-8a4d-4c7e-9a51-2b3c4d5e6f70",
    "consultant": "Marieke de Vries",
    "server_time": 1_796_000_000,
    "protocol_version": 1,
}
BAD_ANSWERS: dict[str, dict[str, Any]] = {
    "device id of 3000 characters": {"device_id": "a" * 3000},
    "device id with ESC and OSC": {"device_id": "abc\x1b]0;owned\x07def"},
    "device id with RLO": {"device_id": "abc\u202edef"},
    "device id with a slash": {"device_id": "../../etc"},
    "empty device id": {"device_id": ""},
    "name with RLO": {"consultant": "Marieke\u202e seirV ed"},
    "name with markup": {"consultant": "<b>Marieke</b><img src=x>"},
    "name with ESC": {"consultant": "Marieke\x1b[2J"},
    "name of Hangul fillers": {"consultant": "\u3164\u3164"},
    "name with zero width space": {"consultant": "Mar\u200bieke"},
    "name of 201 characters": {"consultant": "M" * 201},
    "empty name": {"consultant": "   "},
    "negative time": {"server_time": -5},
    "time far beyond any clock": {"server_time": 2**62},
    "time as text": {"server_time": "1796000000"},
    # the recovery public key the vault key is wrapped to (issue 16 item 4)
    "recovery key not base64": {"recovery_public_key": "*" * 44},
    "recovery key of 31 bytes": {"recovery_public_key": base64.b64encode(b"k" * 31).decode()},
    "recovery key of 3000 characters": {"recovery_public_key": "A" * 3000},
    "recovery key as a number": {"recovery_public_key": 12345},
}


def handler(body: dict[str, Any]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(200, content=json.dumps(body)))


def test_a_good_answer_passes() -> None:
    assert EnrollResponse.model_validate_json(json.dumps(GOOD)).consultant == "Marieke de Vries"
    key = base64.b64encode(bytes(range(32))).decode()
    with_key = EnrollResponse.model_validate_json(json.dumps({**GOOD, "recovery_public_key": key}))
    assert with_key.recovery_public_key == key


@pytest.mark.parametrize("bad", BAD_ANSWERS.values(), ids=list(BAD_ANSWERS))
def test_a_bad_answer_is_refused_by_the_client(bad: dict[str, Any]) -> None:
    client = SyncClient("http://office.test", transport=handler({**GOOD, **bad}))
    with client, pytest.raises(EnrollAnswerRefused) as refused:
        client.enroll("ABCD-EFGH-JKMN-PQRS-TVWX", DeviceKey.generate())
    assert client.device_id is None
    text = error_text(refused.value)
    assert "niets opgeslagen" in text and "niet ingeschreven" in text
    # The message names no value the office sent.
    for value in bad.values():
        if isinstance(value, str) and value.strip():
            assert value not in str(refused.value)


@pytest.mark.parametrize("bad", BAD_ANSWERS.values(), ids=list(BAD_ANSWERS))
def test_a_bad_answer_stores_nothing_in_the_vault(
    vault: OpenVault, monkeypatch: pytest.MonkeyPatch, bad: dict[str, Any]
) -> None:
    monkeypatch.setattr(
        sync_round, "SyncClient", partial(SyncClient, transport=handler({**GOOD, **bad}))
    )
    with pytest.raises(EnrollAnswerRefused):
        sync_round.enroll(vault, "https://office.test", "ABCD-EFGH-JKMN-PQRS-TVWX")
    with vault.session() as session:
        assert enrollment(session) is None


def test_a_good_answer_is_stored(vault: OpenVault, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sync_round, "SyncClient", partial(SyncClient, transport=handler(GOOD)))
    enrolled = sync_round.enroll(vault, "https://office.test", "ABCD-EFGH-JKMN-PQRS-TVWX")
    assert enrolled.consultant == "Marieke de Vries"
    with vault.session() as session:
        stored = enrollment(session)
    assert stored is not None and stored.device_id == GOOD["device_id"]


@pytest.mark.parametrize(
    ("own", "replaced", "naam"),
    [
        # a code made for someone else: the code's consultant is the laptop's one name
        ("Piet Jansen", "Piet Jansen", "Marieke de Vries"),
        # the same name apart from case and spacing is the same person: kept as typed (a
        # double space is no longer a name the consultant can type: the name rule)
        ("marieke de vries", None, "marieke de vries"),
        ("MARIEKE DE VRIES", None, "MARIEKE DE VRIES"),
        # no own name yet: the enrolled one stands in, nothing is replaced
        (None, None, "Marieke de Vries"),
    ],
)
def test_one_name_per_laptop_after_enrolling(
    vault: OpenVault,
    monkeypatch: pytest.MonkeyPatch,
    own: str | None,
    replaced: str | None,
    naam: str,
) -> None:
    """Usability round 4: "Piet Jansen" typed, a code for "Marieke de Vries", and the PIPs
    of her caseload would have named Piet."""
    if own is not None:
        consulent.save_name(vault, own)
    monkeypatch.setattr(sync_round, "SyncClient", partial(SyncClient, transport=handler(GOOD)))
    enrolled = sync_round.enroll(vault, "https://office.test", "ABCD-EFGH-JKMN-PQRS-TVWX")
    assert enrolled.name_replaced == replaced
    assert consulent.read(vault).naam == naam
    with vault.session() as session:
        assert consulent.name_of(session) == naam
