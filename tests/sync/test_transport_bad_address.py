"""An address httpx cannot encode is a coded refusal of the transport, never an
unexpected error (attack round 6, finding 6: an IDNAError ended ``inburg device enroll``
with exit 70). The address rule refuses such addresses first; an address stored by an
older version must still come out as ``sync_bad_address``."""

from __future__ import annotations

from pathlib import Path

import pytest

from inburg_desktop.protocol.device_keys import DeviceKey
from inburg_desktop.sync.transport import ServerUnreachable, SyncClient

from .test_sync_cli import inburg, laptop

__all__ = ["laptop"]  # the fixture, imported for this module's tests


@pytest.mark.parametrize(
    "address",
    [
        "https://gemeente.nl\u200b:8443",
        "https://e\u0301xample\u00ad.nl",
        "https://gemeente\u2060.nl",
    ],
)
def test_an_address_httpx_cannot_use_is_a_code(address: str) -> None:
    with pytest.raises(ServerUnreachable) as refused, SyncClient(address, retries=0) as client:
        client.enroll("AAAA-BBBB-CCCC-DDDD-EEEE", DeviceKey.generate())
    assert refused.value.code == "sync_bad_address"


@pytest.mark.parametrize(
    ("address", "says"),
    [
        ("https://gemeente.nl\u200b:8443", "U+200B"),
        ("https://e\u0301xample\u00ad.nl", "U+00AD"),
        ("https://gemeente.nl;x", "U+003B"),
        ("https://p\u0430ypal.com", "verschillende schriften"),
    ],
)
def test_enroll_and_sync_say_what_is_wrong_with_the_host(
    laptop: Path, address: str, says: str
) -> None:
    """Before: exit 70 "onverwachte fout" (ZWSP, soft hyphen) or accepted (``;``, a
    look-alike). Now exit 2 with a sentence naming the character, nothing sent."""
    for command in (["device", "enroll", "--code", "AAAA-BBBB-CCCC-DDDD-EEEE"], ["sync"]):
        result = inburg(*command, "--vault", laptop, "--server", address)
        assert result.returncode == 2, (command, result.stderr)
        assert says in result.stderr
        assert "onverwacht" not in result.stderr
