"""Fixtures for server unit tests: a real SQLite server database and people to act as."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sync.protocol import HybridClock, Role
from sync.server.app import ServerConfig
from sync.server.auth import AuthConfig
from sync.server.changes import Actor, WriteContext
from sync.server.db import Database, departments, users
from tests.helpers.live_server import LiveServer, running_server
from tests.server.http_helpers import PASSWORD, Client

_NOW = "2026-11-22T08:00:00+00:00"


@pytest.fixture
def db(tmp_path: Path) -> Iterator[Database]:
    database = Database.open(tmp_path / "server.db")
    yield database
    database.dispose()


class People:
    """Creates accounts straight in the tables (no password hashing) for tests that act as them."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._ids = itertools.count(1)
        self.clock = HybridClock("test")

    def department(self, dept_id: str, name: str = "部门", head_id: str | None = None) -> str:
        with self.db.write() as conn:
            conn.execute(departments.insert().values(id=dept_id, name=name, name_en=dept_id, head_id=head_id))
        return dept_id

    def add(self, username: str, role: Role = Role.EMPLOYEE, department_id: str | None = None) -> Actor:
        uid = f"u{next(self._ids):04d}-{username}"
        with self.db.write() as conn:
            conn.execute(
                users.insert().values(
                    id=uid,
                    username=username,
                    display_name=username,
                    display_name_en=username,
                    password_hash="x",
                    role=role.value,
                    department_id=department_id,
                    active=True,
                    created_at=_NOW,
                )
            )
        return Actor(id=uid, username=username, role=role, department_id=department_id)

    @contextmanager
    def acting(self, actor: Actor) -> Iterator[WriteContext]:
        """One mutation's transaction, as the push endpoint opens it."""
        with self.db.write() as conn:
            yield WriteContext(conn=conn, actor=actor, hlc=self.clock.now(), now=_NOW)


@pytest.fixture
def people(db: Database) -> People:
    return People(db)


class FakeTime:
    """A wall clock the test moves by hand (token expiry, login throttling)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def server(tmp_path: Path, fake_time: FakeTime) -> Iterator[LiveServer]:
    config = ServerConfig(auth=AuthConfig(clock=fake_time), heartbeat_s=0.5)
    with running_server(tmp_path / "live.db", config) as live:
        yield live


@pytest.fixture
def sign_in(server: LiveServer) -> Iterator[Callable[..., Client]]:
    """Sign a person in to the live server; every client is closed after the test."""
    opened: list[Client] = []

    def open_client(username: str, password: str = PASSWORD) -> Client:
        client = Client.sign_in(server.url, username, password)
        opened.append(client)
        return client

    yield open_client
    for client in opened:
        client.close()
