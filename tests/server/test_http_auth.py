"""Sign-in, refresh, logout, disabled accounts and throttling against a real server on loopback."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from sync.server import org
from tests.helpers.live_server import LiveServer, running_server
from tests.server.conftest import FakeTime
from tests.server.http_helpers import PASSWORD, Client, add_people


def test_healthz_names_the_server_instance(server: LiveServer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = httpx.get(f"{server.url}/healthz").json()
    assert first["status"] == "ok" and len(first["instance_id"]) == 32
    assert httpx.get(f"{server.url}/healthz").json()["instance_id"] == first["instance_id"]
    with running_server(tmp_path / "other.db") as other:
        assert httpx.get(f"{other.url}/healthz").json()["instance_id"] != first["instance_id"]


def test_instance_id_survives_a_restart(tmp_path) -> None:  # type: ignore[no-untyped-def]
    with running_server(tmp_path / "s.db") as first:
        before = httpx.get(f"{first.url}/healthz").json()["instance_id"]
    with running_server(tmp_path / "s.db") as again:
        assert httpx.get(f"{again.url}/healthz").json()["instance_id"] == before


def test_openapi_schema_is_served(server: LiveServer) -> None:
    schema = httpx.get(f"{server.url}/openapi.json").json()
    assert "/v1/sync/push" in schema["paths"] and "/v1/sync/pull" in schema["paths"]


def test_login_refresh_logout(server: LiveServer, sign_in: Callable[..., Client]) -> None:
    add_people(server.db, "alice")
    alice = sign_in("alice")
    assert alice.tokens["user"]["username"] == "alice"
    assert alice.http.get("/v1/me", headers=alice.headers).status_code == 200

    old_refresh = alice.tokens["refresh_token"]
    renewed = alice.http.post("/v1/auth/refresh", json={"refresh_token": old_refresh})
    assert renewed.status_code == 200
    assert renewed.json()["client_id"] == alice.tokens["client_id"]
    # Refresh tokens rotate: the old one is spent, and so is the old access token.
    assert alice.http.post("/v1/auth/refresh", json={"refresh_token": old_refresh}).status_code == 401
    assert alice.http.get("/v1/me", headers=alice.headers).status_code == 401
    alice.tokens = renewed.json()
    assert alice.http.get("/v1/me", headers=alice.headers).status_code == 200

    assert alice.http.post("/v1/auth/logout", headers=alice.headers).status_code == 204
    refused = alice.http.get("/v1/me", headers=alice.headers)
    assert refused.status_code == 401 and refused.json()["error"] == "invalid_token"
    assert alice.http.post("/v1/auth/refresh", json={"refresh_token": alice.tokens["refresh_token"]}).status_code == 401


def test_wrong_password_and_unknown_user_look_the_same(server: LiveServer) -> None:
    add_people(server.db, "alice")
    wrong = httpx.post(f"{server.url}/v1/auth/login", json={"username": "alice", "password": "nope"})
    unknown = httpx.post(f"{server.url}/v1/auth/login", json={"username": "nobody", "password": "nope"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"error": "bad_credentials", "detail": "wrong user name or password"}


def test_login_is_throttled_per_account(server: LiveServer, fake_time: FakeTime) -> None:
    add_people(server.db, "alice")
    url = f"{server.url}/v1/auth/login"
    for _ in range(5):
        assert httpx.post(url, json={"username": "alice", "password": "x"}).status_code == 401
    blocked = httpx.post(url, json={"username": "alice", "password": PASSWORD})
    assert blocked.status_code == 429 and blocked.json()["error"] == "too_many_attempts"
    assert int(blocked.headers["retry-after"]) > 0
    fake_time.now += 301
    assert httpx.post(url, json={"username": "alice", "password": PASSWORD}).status_code == 200


def test_expired_access_token_is_refused_then_refreshed(
    server: LiveServer, fake_time: FakeTime, sign_in: Callable[..., Client]
) -> None:
    add_people(server.db, "alice")
    alice = sign_in("alice")
    fake_time.now += 16 * 60
    expired = alice.http.get("/v1/me", headers=alice.headers)
    assert expired.status_code == 401 and expired.json()["error"] == "token_expired"
    renewed = alice.http.post("/v1/auth/refresh", json={"refresh_token": alice.tokens["refresh_token"]})
    assert renewed.status_code == 200
    fake_time.now += 31 * 24 * 3600
    late = alice.http.post("/v1/auth/refresh", json={"refresh_token": renewed.json()["refresh_token"]})
    assert late.status_code == 401 and late.json()["error"] == "refresh_refused"


def test_disabled_account_loses_access_at_once(server: LiveServer, sign_in: Callable[..., Client]) -> None:
    add_people(server.db, "alice")
    alice = sign_in("alice")
    with server.db.write() as conn:
        org.disable_user(org.system_context(conn), "alice")
    assert alice.http.get("/v1/me", headers=alice.headers).status_code == 401
    assert alice.http.post("/v1/auth/refresh", json={"refresh_token": alice.tokens["refresh_token"]}).status_code == 401
    again = httpx.post(f"{server.url}/v1/auth/login", json={"username": "alice", "password": PASSWORD})
    assert again.status_code == 403 and again.json()["error"] == "account_disabled"


def test_login_keeps_the_clients_own_id(server: LiveServer, sign_in: Callable[..., Client]) -> None:
    add_people(server.db, "alice", "bob")
    alice = sign_in("alice")
    again = httpx.post(
        f"{server.url}/v1/auth/login",
        params={"client_id": alice.tokens["client_id"]},
        json={"username": "alice", "password": PASSWORD},
    )
    assert again.json()["client_id"] == alice.tokens["client_id"]
    # Someone else cannot take over that id: they get a fresh one.
    bob = httpx.post(
        f"{server.url}/v1/auth/login",
        params={"client_id": alice.tokens["client_id"]},
        json={"username": "bob", "password": PASSWORD},
    )
    assert bob.json()["client_id"] != alice.tokens["client_id"]
