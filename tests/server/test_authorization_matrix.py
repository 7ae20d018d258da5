"""Who may call which route, generated from the server's route table.

Every route declares `x-access` (public, signed_in, member, admin). This test calls each route as an
anonymous caller, an employee outside the conversation, a member, a department head and an admin, and checks
the answer against the declared rule; a route with no rule, or with no example request here, fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi.routing import APIRoute

from sync.protocol import Role, new_id
from sync.server import org
from sync.server.app import create_app
from sync.server.db import Database
from tests.helpers.live_server import LiveServer
from tests.server.http_helpers import PASSWORD, Client, add_people

ROLES = ("anonymous", "outsider", "member", "head", "admin")
EXPECTED_ALLOWED = {
    "public": set(ROLES),
    "signed_in": {"outsider", "member", "head", "admin"},
    "member": {"member"},
    "admin": {"admin"},
}


@dataclass
class Fixture:
    conversation_id: str
    message_id: str
    clients: dict[str, Client]
    base_url: str

    def spare_refresh_token(self) -> str:
        reply = httpx.post(f"{self.base_url}/v1/auth/login", json={"username": "victim", "password": PASSWORD})
        return str(reply.json()["refresh_token"])


def declared_routes(database: Database) -> dict[tuple[str, str], str]:
    app = create_app(database)
    rules = {}
    for route in app.routes:
        if isinstance(route, APIRoute):
            for method in route.methods - {"HEAD", "OPTIONS"}:
                rules[(method, route.path)] = (route.openapi_extra or {}).get("x-access", "")
    return rules


def example_request(method: str, path: str, fx: Fixture, who: str) -> dict[str, Any]:
    """A well-formed request for each route, so only the caller's rights decide the answer."""
    client = fx.clients.get(who)
    examples: dict[tuple[str, str], Callable[[], dict[str, Any]]] = {
        ("GET", "/healthz"): lambda: {},
        ("POST", "/v1/auth/login"): lambda: {"json": {"username": "member", "password": PASSWORD}},
        # A session of its own, so refreshing (which rotates tokens) leaves the callers' sessions alone.
        ("POST", "/v1/auth/refresh"): lambda: {"json": {"refresh_token": fx.spare_refresh_token()}},
        ("POST", "/v1/auth/logout"): lambda: {},
        ("GET", "/v1/me"): lambda: {},
        ("POST", "/v1/sync/push"): lambda: {
            "json": {"client_id": client.tokens["client_id"] if client else "x", "mutations": []}
        },
        ("POST", "/v1/sync/pull"): lambda: {"json": {"cursors": {}, "limit": 1}},
        ("GET", "/v1/sync/live"): lambda: {"stream": True},
        ("GET", "/v1/messages/{message_id}/readers"): lambda: {"path": {"message_id": fx.message_id}},
        ("GET", "/v1/admin/users"): lambda: {},
        ("GET", "/v1/growth/{user_id}"): lambda: {"path": {"user_id": "me"}},
        ("POST", "/v1/admin/growth/recognition"): lambda: {},
        ("POST", "/v1/admin/users/{username}/disable"): lambda: {"path": {"username": "victim"}},
    }
    if (method, path) not in examples:
        raise AssertionError(f"no example request for {method} {path}: add one to this test")
    return examples[(method, path)]()


@pytest.fixture
def fx(server: LiveServer, sign_in: Callable[..., Client]) -> Fixture:
    add_people(server.db, "outsider", "member", "victim")
    with server.db.write() as conn:
        org.create_department(org.system_context(conn), "ops", "运营部", "Operations")
    add_people(server.db, "head", role=Role.HEAD, department="ops")
    add_people(server.db, "admin", role=Role.ADMIN)
    clients = {name: sign_in(name) for name in ("outsider", "member", "head", "admin")}
    cid, mid = new_id(), new_id()
    member = clients["member"]
    assert member.do("conversation.create_group", id=cid, title="Members only")["status"] == "applied"
    assert (
        member.do("message.send", id=mid, conversation_id=cid, body="**important**", important=True)["status"]
        == "applied"
    )
    return Fixture(cid, mid, clients, server.url)


def call(server: LiveServer, method: str, path: str, who: str, fx: Fixture) -> int:
    example = example_request(method, path, fx, who)
    url = server.url + path.format(**example.get("path", {}))
    headers = fx.clients[who].headers if who in fx.clients else {}
    with httpx.Client(timeout=10) as http:
        if example.get("stream"):
            with http.stream(method, url, headers=headers) as reply:
                return reply.status_code
        return http.request(method, url, headers=headers, json=example.get("json")).status_code


def test_every_route_declares_who_may_call_it(tmp_path) -> None:  # type: ignore[no-untyped-def]
    database = Database.open(tmp_path / "routes.db")
    try:
        rules = declared_routes(database)
    finally:
        database.dispose()
    undeclared = [f"{m} {p}" for (m, p), rule in rules.items() if rule not in EXPECTED_ALLOWED]
    assert undeclared == []


def test_each_role_gets_exactly_what_its_rule_allows(server: LiveServer, fx: Fixture) -> None:
    rules = declared_routes(server.db)
    outcomes: dict[str, str] = {}
    expected: dict[str, str] = {}
    # Logout and disable change the callers' state; run them last.
    order = sorted(rules, key=lambda mp: ("logout" in mp[1] or "disable" in mp[1], mp))
    try:
        check_routes(server, fx, rules, order, outcomes, expected)
    finally:
        for client in fx.clients.values():
            client.close()
    assert outcomes == expected


def check_routes(
    server: LiveServer,
    fx: Fixture,
    rules: dict[tuple[str, str], str],
    order: list[tuple[str, str]],
    outcomes: dict[str, str],
    expected: dict[str, str],
) -> None:
    for method, path in order:
        rule = rules[(method, path)]
        for who in ROLES:
            status = call(server, method, path, who, fx)
            key = f"{method} {path} as {who}"
            outcomes[key] = "allowed" if status < 400 else "refused"
            expected[key] = "allowed" if who in EXPECTED_ALLOWED[rule] else "refused"
            if who == "anonymous" and rule != "public":
                assert status == 401, key
            if (method, path) == ("POST", "/v1/auth/logout") and status < 400:
                # The token was revoked by the call; sign in again for the next route.
                fx.clients[who].close()
                fx.clients[who] = Client.sign_in(server.url, who)
