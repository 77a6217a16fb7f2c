"""``--ca FILE`` (the office's CA certificate) is read through the one bounded reader: a
FIFO or device named so is refused in words at once (``ssl`` would wait on the FIFO for a
writer forever), as are a missing file and one without a certificate; PEM and DER work."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from inburg_desktop.messages import error_text
from inburg_desktop.sync.transport import SyncClient, SyncError


def _ca() -> x509.Certificate:
    now = dt.datetime.now(dt.UTC)
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "inburg test CA")])
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )


@pytest.mark.parametrize("encoding", [serialization.Encoding.PEM, serialization.Encoding.DER])
def test_a_ca_file_in_pem_or_der_is_trusted(
    tmp_path: Path, encoding: serialization.Encoding
) -> None:
    ca = tmp_path / "ca.crt"
    ca.write_bytes(_ca().public_bytes(encoding))
    with SyncClient("https://127.0.0.1:1", verify=str(ca)) as client:
        assert client.device_id is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_as_ca_file_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "ca.pem"
    os.mkfifo(fifo)
    with pytest.raises(SyncError) as refused:
        SyncClient("https://127.0.0.1:1", verify=str(fifo))
    assert "geen gewoon bestand" in error_text(refused.value)


def test_a_device_a_missing_file_and_no_certificate_are_refused_in_words(tmp_path: Path) -> None:
    link = tmp_path / "ca.pem"
    link.symlink_to("/dev/zero")
    with pytest.raises(SyncError) as refused:
        SyncClient("https://127.0.0.1:1", verify=str(link))
    assert "geen gewoon bestand" in error_text(refused.value)
    with pytest.raises(SyncError) as refused:
        SyncClient("https://127.0.0.1:1", verify=str(tmp_path / "weg.pem"))
    assert "bestaat niet" in error_text(refused.value)
    junk = tmp_path / "junk.pem"
    junk.write_bytes(b"-----BEGIN CERTIFICATE-----\nnope\n-----END CERTIFICATE-----\n")
    with pytest.raises(SyncError) as refused:
        SyncClient("https://127.0.0.1:1", verify=str(junk))
    assert "geen leesbaar certificaat" in error_text(refused.value)
