"""The server name in the office's address under IDNA (attack round 6, finding 6): hosts
httpx cannot encode (ZWSP, soft hyphen) were accepted and ended ``inburg device enroll``
with exit 70 "onverwachte fout"; ``https://gemeente.nl;x`` was accepted; a Cyrillic
look-alike host was accepted and kept in Unicode, unshown."""

from __future__ import annotations

import httpx
import idna
import pytest
from hypothesis import given
from hypothesis import strategies as st

from inburg_desktop.domain.server_url import (
    ServerUrlRefused,
    read_server_url,
    shown_server_url,
)
from inburg_desktop.messages import error_text

REFUSED = {
    "zero width space": ("https://gemeente.nl\u200b:8443", "server_url_host_char"),
    "soft hyphen": ("https://gemeente\u00ad.nl", "server_url_host_char"),
    "word joiner": ("https://gemeente\u2060.nl", "server_url_host_char"),
    "semicolon": ("https://gemeente.nl;x", "server_url_host_char"),
    "underscore": ("https://ge_meente.nl", "server_url_host_char"),
    "fullwidth letter": ("https://\uff47emeente.nl", "server_url_host_char"),
    "ideographic full stop": ("https://gemeente\u3002nl", "server_url_host_char"),
    "emoji": ("https://gemeente\U0001f600.nl", "server_url_host_char"),
    "leading hyphen": ("https://-gemeente.nl", "server_url_host"),
    "empty label": ("https://gemeente..nl", "server_url_host"),
    "bad xn-- label": ("https://xn--a.nl", "server_url_host"),
    "Cyrillic а in a Latin label": ("https://p\u0430ypal.com", "server_url_mixed_script"),
    "Cyrillic look-alike ending in Latin l": (
        "https://\u0440\u0430\u0443\u0440\u0430l.com",
        "server_url_mixed_script",
    ),
    "the same look-alike typed as xn--": ("https://xn--pypal-4ve.com", "server_url_mixed_script"),
}


@pytest.mark.parametrize(("typed", "code"), REFUSED.values(), ids=list(REFUSED))
def test_a_host_no_server_name_can_be_is_refused_with_a_sentence(typed: str, code: str) -> None:
    with pytest.raises(ServerUrlRefused) as refused:
        read_server_url(typed)
    assert refused.value.code == code
    text = error_text(refused.value)
    assert text and "{" not in text


ACCEPTED = {
    # typed: (url as used and stored, shown to a person)
    "https://b\u00fccher.nl:8443": (
        "https://xn--bcher-kva.nl:8443",
        "https://b\u00fccher.nl:8443 (xn--bcher-kva.nl)",
    ),
    "https://e\u0301xample.nl": (  # decomposed: the same name as composed
        "https://xn--xample-9ua.nl",
        "https://\u00e9xample.nl (xn--xample-9ua.nl)",
    ),
    "https://B\u00dcCHER.NL/": (
        "https://xn--bcher-kva.nl",
        "https://b\u00fccher.nl (xn--bcher-kva.nl)",
    ),
    "https://\u043f\u0440\u0438\u043c\u0435\u0440.nl": (  # one script per label
        "https://xn--e1afmkfd.nl",
        "https://\u043f\u0440\u0438\u043c\u0435\u0440.nl (xn--e1afmkfd.nl)",
    ),
    "https://inburgering.gemeente.nl:8443": (
        "https://inburgering.gemeente.nl:8443",
        "https://inburgering.gemeente.nl:8443",
    ),
    "https://kantoor-2.gemeente.nl": (
        "https://kantoor-2.gemeente.nl",
        "https://kantoor-2.gemeente.nl",
    ),
}


@pytest.mark.parametrize("typed", list(ACCEPTED))
def test_a_non_ascii_host_is_stored_in_ascii_and_shown_with_it(typed: str) -> None:
    url, shown = ACCEPTED[typed]
    read = read_server_url(typed)
    assert read.url == url
    assert read.shown == shown == shown_server_url(url)
    assert read_server_url(url).url == url  # the stored form reads back the same


HOST_CHARS = st.text(
    st.one_of(
        st.sampled_from("abcdefghijklmnopqrstuvwxyz0123456789-."),
        st.characters(codec="utf-8", exclude_categories=["Cs"]),
    ),
    min_size=1,
    max_size=20,
)


@given(HOST_CHARS)
def test_every_address_the_rule_accepts_can_be_sent_by_httpx(host: str) -> None:
    """The kind: what passes the rule never makes the transport fail on the address."""
    try:
        read = read_server_url(f"https://{host}:8443/sync")
    except ServerUrlRefused:
        return
    request = httpx.Request("POST", read.url + "/v1/push")
    assert request.url.raw_host.isascii()  # httpx encoded it without an error
    assert read.ascii_host.isascii()
    if "xn--" in read.ascii_host:
        assert idna.decode(read.ascii_host) == read.host
