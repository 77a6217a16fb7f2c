"""Smoke: the server starts, answers /health and publishes OpenAPI."""

from __future__ import annotations

import httpx

from .conftest import LiveServer


def test_health_and_openapi(server: LiveServer) -> None:
    health = httpx.get(f"{server.url}/health").json()
    assert health["status"] == "ok"
    spec = httpx.get(f"{server.url}/openapi.json").json()
    assert "/v1/push" in spec["paths"]
    assert "/v1/pull" in spec["paths"]
