"""The office server's address, one rule for the window and the commands (usability
round 4 #22): ``https://`` always; ``http://`` without a question only to this computer,
to another only once confirmed; a missing scheme said with the ``https://`` address
meant; every refusal a code the catalogue words."""

from __future__ import annotations

import pytest

from inburg_desktop.domain.server_url import (
    ServerUrl,
    ServerUrlRefused,
    is_this_computer,
    read_server_url,
)
from inburg_desktop.messages import MESSAGES, error_text

ACCEPTED = [
    ("https://inburgering.gemeente.nl:8443", "https://inburgering.gemeente.nl:8443", False),
    ("  HTTPS://Kantoor.Gemeente.NL/  ", "https://kantoor.gemeente.nl", False),
    ("https://kantoor.nl/sync/", "https://kantoor.nl/sync", False),
    ("https://[2001:db8::1]:8443", "https://[2001:db8::1]:8443", False),
    ("http://127.0.0.1:8443", "http://127.0.0.1:8443", False),
    ("http://127.8.9.10", "http://127.8.9.10", False),
    ("http://localhost:8441", "http://localhost:8441", False),
    ("http://[::1]:8441", "http://[::1]:8441", False),
]


@pytest.mark.parametrize("typed, url, unencrypted", ACCEPTED)
def test_an_address_that_can_be_used_is_read_as_it_is_used(
    typed: str, url: str, unencrypted: bool
) -> None:
    assert read_server_url(typed).url == url
    assert read_server_url(typed).unencrypted is unencrypted


REFUSED = [
    ("", "server_url_empty", {}),
    ("   ", "server_url_empty", {}),
    (
        "kantoor.gemeente.nl:8443",
        "server_url_no_scheme",
        {"suggestion": "https://kantoor.gemeente.nl:8443"},
    ),
    ("localhost:8441", "server_url_no_scheme", {"suggestion": "https://localhost:8441"}),
    ("//kantoor.nl", "server_url_no_scheme", {"suggestion": "https://kantoor.nl"}),
    ("ftp://kantoor.nl", "server_url_scheme", {"scheme": "ftp"}),
    ("https://", "server_url_no_host", {}),
    ("https://:8443", "server_url_no_host", {}),
    ("https://kantoor.nl:99999", "server_url_port", {"port": "99999"}),
    ("https://kantoor.nl:poort", "server_url_port", {"port": "poort"}),
    ("https://kantoor.nl:0", "server_url_port", {"port": "0"}),
    ("https://beheer:geheim@kantoor.nl", "server_url_extra", {}),
    ("https://kantoor.nl/?x=1", "server_url_extra", {}),
    ("https://kantoor.nl/#boven", "server_url_extra", {}),
    ("https://kantoor .nl", "server_url_spaces", {}),
    ("https://" + "a" * 2000 + ".nl", "server_url_too_long", {}),
    ("http://kantoor.gemeente.nl:8443", "server_url_unencrypted", {"host": "kantoor.gemeente.nl"}),
    ("http://192.168.1.20", "server_url_unencrypted", {"host": "192.168.1.20"}),
    ("http://0.0.0.0:8443", "server_url_unencrypted", {"host": "0.0.0.0"}),
    ("http://localhost.evil.nl", "server_url_unencrypted", {"host": "localhost.evil.nl"}),
    # attack round 7, finding 7: shown raw in the sync window
    ("https://kantoor.nl/\u202esync", "server_url_invalid", {}),
    ("https://kantoor.nl/in\u200bburg", "server_url_invalid", {}),
    ("https://kantoor.nl/inbürg", "server_url_invalid", {}),
]


@pytest.mark.parametrize(
    "typed, code, params", REFUSED, ids=[r[1] + ":" + r[0][:30] for r in REFUSED]
)
def test_an_address_that_cannot_be_used_is_refused_by_code(
    typed: str, code: str, params: dict[str, str]
) -> None:
    with pytest.raises(ServerUrlRefused) as refused:
        read_server_url(typed)
    assert refused.value.code == code
    assert dict(refused.value.params) == params
    assert code in MESSAGES  # worded at the edge, in the UI language
    text = error_text(refused.value)
    for value in params.values():
        assert value in text


def test_the_missing_scheme_is_said_with_the_address_meant() -> None:
    with pytest.raises(ServerUrlRefused) as refused:
        read_server_url("kantoor.gemeente.nl:8443")
    assert error_text(refused.value) == (
        "Het adres van de kantoorserver begint niet met https://. Bedoelt u "
        "https://kantoor.gemeente.nl:8443?"
    )


def test_plain_http_to_another_computer_only_once_confirmed() -> None:
    with pytest.raises(ServerUrlRefused) as refused:
        read_server_url("http://kantoor.gemeente.nl:8443")
    assert "niet versleuteld" in error_text(refused.value)
    assert read_server_url("http://kantoor.gemeente.nl:8443", unencrypted_ok=True) == ServerUrl(
        "http://kantoor.gemeente.nl:8443", "kantoor.gemeente.nl", True
    )


@pytest.mark.parametrize(
    "host, local",
    [
        ("localhost", True),
        ("LOCALHOST.", True),
        ("127.0.0.1", True),
        ("127.255.0.9", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("10.0.0.1", False),
        ("localhost.example", False),
        ("localhost.localdomain", False),  # /etc/hosts may lack it: then DNS answers
        ("kantoor", False),
    ],
)
def test_this_computer_is_localhost_or_a_loopback_address(host: str, local: bool) -> None:
    assert is_this_computer(host) is local
