"""Sign-in, refresh, logout, disabled accounts and throttling against a real server on loopback."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from sync.protocol import Role
from sync.server import org, passwords
from sync.server.app import ServerConfig
from sync.server.auth import AuthConfig
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


def _login(url: str, username: str, password: str, address: str) -> httpx.Response:
    """A sign-in from `address` (the server trusts X-Forwarded-For from its loopback proxy, as uvicorn does)."""
    return httpx.post(
        f"{url}/v1/auth/login",
        json={"username": username, "password": password},
        headers={"x-forwarded-for": address},
    )


STRANGER, OWNER = "10.0.0.66", "10.0.0.7"


def test_wrong_passwords_slow_one_address_down_with_growing_delays(server: LiveServer, fake_time: FakeTime) -> None:
    add_people(server.db, "alice")
    for _ in range(3):  # a few typos cost nothing
        assert _login(server.url, "alice", "x", STRANGER).status_code == 401
    waits = []
    for _ in range(4):
        assert _login(server.url, "alice", "x", STRANGER).status_code == 401
        # While it must wait, that address is refused without its password being looked at — even the right one.
        early = _login(server.url, "alice", PASSWORD, STRANGER)
        assert early.status_code == 429 and early.json()["error"] == "too_many_attempts"
        waits.append(int(early.headers["retry-after"]))
        fake_time.now += waits[-1]
    assert waits == [2, 4, 8, 16]
    # Having waited, the right password works and the streak ends: the next typo is free again.
    assert _login(server.url, "alice", PASSWORD, STRANGER).status_code == 200
    assert _login(server.url, "alice", "x", STRANGER).status_code == 401
    assert _login(server.url, "alice", PASSWORD, STRANGER).status_code == 200


def test_delays_stop_growing_at_a_cap_and_a_quiet_streak_is_forgotten(server: LiveServer, fake_time: FakeTime) -> None:
    add_people(server.db, "alice")
    for _ in range(3):
        assert _login(server.url, "alice", "x", STRANGER).status_code == 401
    waits = []
    for _ in range(9):
        assert _login(server.url, "alice", "x", STRANGER).status_code == 401
        early = _login(server.url, "alice", PASSWORD, STRANGER)
        assert early.status_code == 429
        waits.append(int(early.headers["retry-after"]))
        fake_time.now += waits[-1]
    assert waits == [2, 4, 8, 16, 32, 64, 128, 256, 300]  # capped at max_delay_s
    fake_time.now += server.config.auth.failure_window_s + 1
    for _ in range(3):  # a new streak: the first failures are free again
        assert _login(server.url, "alice", "x", STRANGER).status_code == 401


def test_a_stranger_cannot_lock_the_owner_out(server: LiveServer, fake_time: FakeTime) -> None:
    add_people(server.db, "alice")
    # Someone tries all day long (as fast as the delays let them): alice still signs in from her own desk.
    for _ in range(15):  # delays at their cap by the end
        reply = _login(server.url, "alice", "guess", STRANGER)
        assert reply.status_code in (401, 429)
        if reply.status_code == 429:
            fake_time.now += int(reply.headers["retry-after"])
        assert _login(server.url, "alice", PASSWORD, OWNER).status_code == 200
    # Her own typo costs her nothing extra either.
    assert _login(server.url, "alice", "typo", OWNER).status_code == 401
    assert _login(server.url, "alice", PASSWORD, OWNER).status_code == 200


def test_one_address_trying_many_accounts_is_slowed_down(server: LiveServer) -> None:
    names = [f"user{i:02d}" for i in range(21)]
    shared = passwords.hash_password(PASSWORD)  # one Argon2 hash for all (each costs ~50 ms)
    with server.db.write() as conn:
        ctx = org.system_context(conn)
        for name in names:
            org.add_user(ctx, name, None, name, name, None, Role.EMPLOYEE, password_hash=shared)
    limit = server.config.auth.free_failures_per_address
    for name in names[:limit]:  # one guess each: no account is throttled, but the address is counting
        assert _login(server.url, name, "Summer2026!", STRANGER).status_code == 401
    assert _login(server.url, names[limit], "Summer2026!", STRANGER).status_code == 401
    assert _login(server.url, names[limit], PASSWORD, STRANGER).status_code == 429
    assert _login(server.url, names[limit], PASSWORD, OWNER).status_code == 200


def _notices(client: Client) -> list[dict]:
    return [c["data"] for c in client.pull_all() if c["kind"] == "notice"]


def test_the_owner_is_told_about_a_burst_of_failures(
    server: LiveServer, fake_time: FakeTime, sign_in: Callable[..., Client]
) -> None:
    add_people(server.db, "alice")
    alice = sign_in("alice")
    assert _notices(alice) == []
    threshold = server.config.auth.notify_after_failures
    for i in range(threshold):
        address = f"10.0.1.{i % 3}"  # from three places
        reply = _login(server.url, "alice", "guess", address)
        if reply.status_code == 429:
            fake_time.now += int(reply.headers["retry-after"])
            reply = _login(server.url, "alice", "guess", address)
        assert reply.status_code == 401
        if i < threshold - 1:
            assert _notices(alice) == []
    (notice,) = _notices(alice)
    assert notice["topic"] == "failed_sign_ins" and notice["at"]
    assert notice["data"]["failures"] == threshold and notice["data"]["addresses"] == 3
    assert notice["data"]["latest_address"] == f"10.0.1.{(threshold - 1) % 3}"
    # The burst goes on: no notice per failure (the next one comes a day later at most once).
    for _ in range(5):
        reply = _login(server.url, "alice", "guess", "10.0.2.1")
        fake_time.now += int(reply.headers.get("retry-after", 0))
    assert _notices(alice) == []
    add_people(server.db, "bob")
    assert _notices(sign_in("bob")) == []  # nobody else sees it


def test_counters_hold_across_server_processes(tmp_path, fake_time: FakeTime) -> None:  # type: ignore[no-untyped-def]
    """Two servers over one database (as behind a load balancer): a delay earned at one holds at the other."""
    config = ServerConfig(auth=AuthConfig(clock=fake_time))
    with (
        running_server(tmp_path / "shared.db", config) as first,
        running_server(tmp_path / "shared.db", config) as second,
    ):
        add_people(first.db, "alice")
        for _ in range(4):
            assert _login(first.url, "alice", "x", STRANGER).status_code == 401
        refused = _login(second.url, "alice", PASSWORD, STRANGER)
        assert refused.status_code == 429 and int(refused.headers["retry-after"]) == 2
        assert _login(second.url, "alice", PASSWORD, OWNER).status_code == 200


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
