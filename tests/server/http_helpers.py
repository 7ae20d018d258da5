"""Talking to a live test server as a client would: sign in, push mutations, pull until up to date."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import httpx

from sync.protocol import HybridClock, Role
from sync.server import org
from sync.server.db import Database

PASSWORD = "correct horse battery staple"


def add_people(db: Database, *names: str, role: Role = Role.EMPLOYEE, department: str | None = None) -> None:
    with db.write() as conn:
        ctx = org.system_context(conn)
        for name in names:
            org.add_user(ctx, name, PASSWORD, display_name=name.title(), department_id=department, role=role)


@dataclass
class Client:
    """One signed-in device of one person."""

    http: httpx.Client
    username: str
    tokens: dict[str, Any] = field(default_factory=dict)
    cursors: dict[str, int] = field(default_factory=dict)
    clock: HybridClock = field(default_factory=lambda: HybridClock("t"))
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @classmethod
    def sign_in(cls, base_url: str, username: str, password: str = PASSWORD) -> Client:
        client = cls(http=httpx.Client(base_url=base_url, timeout=30), username=username)
        reply = client.http.post("/v1/auth/login", json={"username": username, "password": password})
        reply.raise_for_status()
        client.tokens = reply.json()
        return client

    @property
    def user_id(self) -> str:
        return str(self.tokens["user"]["id"])

    @property
    def headers(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.tokens['access_token']}"}

    def mutation(self, name: str, **args: Any) -> dict[str, Any]:
        return {"mutation_id": next(self._ids), "name": name, "args": args, "hlc": self.clock.now()}

    def push(self, *mutations: dict[str, Any]) -> list[dict[str, Any]]:
        reply = self.push_raw(list(mutations))
        assert reply.status_code == 200, reply.text
        return list(reply.json()["results"])

    def push_raw(self, mutations: list[dict[str, Any]], client_id: str | None = None) -> httpx.Response:
        body = {"client_id": client_id or self.tokens["client_id"], "mutations": mutations}
        return self.http.post("/v1/sync/push", json=body, headers=self.headers)

    def do(self, name: str, **args: Any) -> dict[str, Any]:
        """Push one mutation and return its result."""
        return self.push(self.mutation(name, **args))[0]

    def pull_page(self, limit: int = 1000) -> dict[str, Any]:
        reply = self.http.post("/v1/sync/pull", json={"cursors": self.cursors, "limit": limit}, headers=self.headers)
        assert reply.status_code == 200, reply.text
        page = reply.json()
        for scope in page["revoked"]:
            self.cursors.pop(scope, None)
        self.cursors.update(page["cursors"])
        return dict(page)

    def pull_all(self, limit: int = 1000) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        while True:
            page = self.pull_page(limit)
            found.extend(page["changes"])
            if not page["more"]:
                return found

    def close(self) -> None:
        self.http.close()


def of_kind(changes: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [c for c in changes if c["kind"] == kind]
