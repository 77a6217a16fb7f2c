"""Attachments by SHA-256 with resumable upload and download; TLS from a test CA."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import os
from pathlib import Path

import httpx
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from inburg_desktop.protocol.device_keys import sign_request
from inburg_desktop.protocol.messages import Op
from inburg_desktop.server.db import Database
from inburg_desktop.sync.transport import ProtocolError, ServerUnreachable, SyncClient

from .conftest import LiveServer, creating, enroll, new_case_id


def _case_for(client: SyncClient) -> str:
    case_id = new_case_id()
    patch = creating({"pip.status": "signed"})
    client.push([Op(op_id=1, case_id=case_id, base_version=0, patch=patch)])
    return case_id


def test_upload_resumes_after_interruption_and_download_verifies(
    laptop: SyncClient,
) -> None:
    case_id = _case_for(laptop)
    pdf = os.urandom(700_000)
    sha = hashlib.sha256(pdf).hexdigest()
    assert [m.sha256 for m in laptop.missing([sha])] == [sha]
    # Start an upload and send only the first chunk, as if the connection dropped.
    from inburg_desktop.protocol.messages import BeginUpload

    spec = BeginUpload(case_id=case_id, length=len(pdf), media_type="application/pdf")
    laptop._send("PUT", f"/v1/attachments/{sha}", body=spec.model_dump_json().encode())
    laptop._send(
        "PUT",
        f"/v1/attachments/{sha}/content",
        params={"offset": "0"},
        body=pdf[:250_000],
        content_type="application/octet-stream",
    )
    missing = laptop.missing([sha])
    assert missing[0].received == 250_000 and not missing[0].complete
    # A chunk at the wrong offset is refused with where to continue.
    with pytest.raises(ProtocolError) as err:
        laptop._send(
            "PUT",
            f"/v1/attachments/{sha}/content",
            params={"offset": "300000"},
            body=pdf[300_000:310_000],
            content_type="application/octet-stream",
        )
    assert err.value.body["expected_offset"] == 250_000
    seen: list[int] = []
    state = laptop.upload_attachment(
        pdf, case_id, chunk_size=200_000, progress=lambda done, total: seen.append(done)
    )
    assert state.complete and state.received == len(pdf)
    assert seen[0] == 450_000  # resumed, not restarted
    assert laptop.missing([sha]) == []
    assert laptop.download_attachment(sha, chunk_size=300_000) == pdf
    assert laptop.download_attachment(sha, partial=pdf[:123_456]) == pdf


def test_corrupt_upload_is_thrown_away(laptop: SyncClient) -> None:
    case_id = _case_for(laptop)
    data = b"%PDF-1.7 echt" * 1000
    sha = hashlib.sha256(data).hexdigest()
    from inburg_desktop.protocol.messages import BeginUpload

    spec = BeginUpload(case_id=case_id, length=len(data), media_type="application/pdf")
    laptop._send("PUT", f"/v1/attachments/{sha}", body=spec.model_dump_json().encode())
    forged = b"X" * len(data)
    with pytest.raises(ProtocolError) as err:
        laptop._send(
            "PUT",
            f"/v1/attachments/{sha}/content",
            params={"offset": "0"},
            body=forged,
            content_type="application/octet-stream",
        )
    assert err.value.error == "hash_mismatch"
    assert laptop.missing([sha])[0].received == 0
    assert laptop.upload_attachment(data, case_id).complete


def test_other_consultant_cannot_fetch_an_attachment(
    server: LiveServer, office: Database, laptop: SyncClient
) -> None:
    case_id = _case_for(laptop)
    data = os.urandom(1000)
    sha = hashlib.sha256(data).hexdigest()
    laptop.upload_attachment(data, case_id)
    stranger = enroll(server, office, "vreemde-consulent-bijlage")
    for call in (
        lambda: stranger.download_attachment(sha),
        lambda: stranger.attachment_status(sha),
        lambda: stranger.upload_attachment(data, case_id),
    ):
        with pytest.raises(ProtocolError) as err:
            call()
        assert err.value.status == 404
    stranger.close()


def test_announcing_a_hash_reserves_nothing_for_anyone_else(
    server: LiveServer, office: Database, laptop: SyncClient, consultant: str
) -> None:
    """Issue 10: one device announcing a hash with a wrong length made the owner's upload
    fail with 409 forever (and, as uploads run before the pull, stopped its syncing)."""
    case_id = _case_for(laptop)
    pdf = os.urandom(5000)
    sha = hashlib.sha256(pdf).hexdigest()
    from inburg_desktop.protocol.messages import BeginUpload

    for squatter in (
        enroll(server, office, "vreemde-consulent-claim"),
        enroll(server, office, consultant),
    ):
        own_case = _case_for(squatter)
        for length in (1, len(pdf) + 1):
            spec = BeginUpload(case_id=own_case, length=length, media_type="application/pdf")
            squatter._send("PUT", f"/v1/attachments/{sha}", body=spec.model_dump_json().encode())
        squatter._send(
            "PUT",
            f"/v1/attachments/{sha}/content",
            params={"offset": "0"},
            body=b"x",
            content_type="application/octet-stream",
        )
        squatter.close()
    assert [m.sha256 for m in laptop.missing([sha])] == [sha]
    assert laptop.upload_attachment(pdf, case_id).complete
    assert laptop.missing([sha]) == []
    assert laptop.download_attachment(sha) == pdf


def test_the_same_bytes_from_two_caseloads_are_stored_once(
    server: LiveServer, office: Database, laptop: SyncClient
) -> None:
    from sqlalchemy import func, select

    from inburg_desktop.server.tables import Attachment, AttachmentChunk

    pdf = os.urandom(300_000)
    sha = hashlib.sha256(pdf).hexdigest()
    assert laptop.upload_attachment(pdf, _case_for(laptop), chunk_size=100_000).complete
    other = enroll(server, office, "andere-consulent-zelfde-pdf")
    # The other consultant holds the same bytes: uploading them proves it, and links them.
    assert [m.sha256 for m in other.missing([sha])] == [sha]
    assert other.upload_attachment(pdf, _case_for(other), chunk_size=100_000).complete
    assert other.download_attachment(sha) == pdf
    assert laptop.download_attachment(sha) == pdf
    with office.read() as session:
        assert (
            session.scalar(
                select(func.count()).select_from(Attachment).where(Attachment.sha256 == sha)
            )
            == 1
        )
        assert (
            session.scalar(
                select(func.count())
                .select_from(AttachmentChunk)
                .where(AttachmentChunk.sha256 == sha)
            )
            == 3
        )
    other.close()


def _test_ca(tmp: Path) -> tuple[Path, Path, Path]:
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "inburg test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = tmp / "ca.pem", tmp / "server.pem", tmp / "server.key"
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return ca_path, cert_path, key_path


def test_tls_with_a_test_ca(db_url: str, office: Database, tmp_path: Path) -> None:
    from inburg_desktop.protocol.device_keys import DeviceKey
    from inburg_desktop.server import admin

    ca, cert, key = _test_ca(tmp_path)
    live = LiveServer(
        db_url=db_url,
        log_dir=tmp_path / "logs",
        extra_args=["--tls-cert", str(cert), "--tls-key", str(key)],
        tls_ca=ca,
    )
    live.start()
    try:
        code, _ = admin.create_enrollment_code(office, "tls-consulent")
        with SyncClient(live.url, verify=str(ca)) as client:
            client.enroll(code, DeviceKey.generate())
            assert client.pull(0).refetch is False
        with SyncClient(live.url, retries=0) as untrusting, pytest.raises(ServerUnreachable):
            untrusting.health()
    finally:
        live.kill()


def test_signed_request_body_is_bound_to_the_signature(laptop: SyncClient) -> None:
    assert laptop.key is not None and laptop.device_id is not None
    body = b'{"hashes": ["' + b"a" * 64 + b'"]}'
    headers = sign_request(
        laptop.key,
        laptop.device_id,
        method="POST",
        path="/v1/attachments/missing",
        query=b"",
        body=body,
    )
    other = body.replace(b"a" * 64, b"b" * 64)
    response = httpx.post(
        f"{laptop._http.base_url}/v1/attachments/missing", content=other, headers=headers
    )
    assert response.status_code == 401 and response.json()["error"] == "bad_signature"
