"""Client profiles against one real server on loopback: each with its own store, transport and keychain entry.

`Cluster` opens profiles inside one `asyncio.run` (transports belong to the loop that uses them) and closes
every engine, transport and store worker on the way out. `Faults` is an httpx transport that passes requests
to the real network and misbehaves on request: drops, repeats, corrupts, truncates or fails a reply.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import httpx
import pytest
from argon2 import PasswordHasher

from app import clock
from app.credentials import TokenVault
from app.services.context import Session
from app.store import Store
from app.store.worker import StoreWorker
from sync.engine import SyncEngine
from sync.server.app import ServerConfig
from sync.server.auth import AuthConfig
from sync.server.db import Database
from sync.server.demo import DEMO_PASSWORD, seed_demo
from sync.transport import Transport
from tests.helpers.live_server import LiveServer, running_server

T = TypeVar("T")
WAIT = 15.0  # seconds any awaited event may take before a test fails (never a sleep)


def run(coro: Awaitable[T]) -> T:
    """Run one test's async body on a fresh event loop."""
    return asyncio.run(coro)  # type: ignore[arg-type]


class FakeTime:
    """The server's wall clock for tokens, moved by hand (expiry without waiting)."""

    def __init__(self) -> None:
        self.now = clock.timestamp()

    def __call__(self) -> float:
        return self.now


# --------------------------------------------------------------------------------------------- faults


@dataclass
class Fault:
    """One planned misbehaviour for the next request whose path ends with `path` ("" = any request)."""

    action: str  # drop_before | drop_after | timeout_after | repeat | garbage | wrong_shape | truncate | status
    #              | poison (an upsert in the middle of a pull page loses its data) | poison_row (… its columns)
    #              | poison_type (… gets objects for its values)
    path: str = ""
    status: int = 500
    skip: int = 0  # let this many matching requests through first


class Faults(httpx.AsyncBaseTransport):
    """Passes requests to the real network; the next matching request meets the first planned fault."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.planned: list[Fault] = []
        self.offline = False
        self.log: list[tuple[str, str]] = []  # (path, what happened)

    def plan(self, action: str, path: str = "", status: int = 500, skip: int = 0) -> None:
        self.planned.append(Fault(action, path, status, skip))

    def _take(self, path: str) -> Fault | None:
        for fault in self.planned:
            if path.endswith(fault.path):
                if fault.skip:
                    fault.skip -= 1
                    return None
                self.planned.remove(fault)
                return fault
        return None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        if self.offline:
            self.log.append((path, "offline"))
            raise httpx.ConnectError("network is unreachable (test)", request=request)
        fault = self._take(path) if not path.endswith("/sync/live") else None
        if fault is None:
            return await self.inner.handle_async_request(request)
        self.log.append((path, fault.action))
        if fault.action == "drop_before":
            raise httpx.ConnectError("connection refused (test)", request=request)
        if fault.action == "status":
            return httpx.Response(fault.status, content=b"<html>bad gateway</html>", request=request)
        if fault.action == "garbage":
            return httpx.Response(200, content=b"<html>hello from a captive portal</html>", request=request)
        if fault.action == "wrong_shape":
            return httpx.Response(200, json={"results": "yes", "changes": 3}, request=request)
        body = await self._forward(request)
        if fault.action == "repeat":
            body = await self._forward(request)
        if fault.action == "drop_after":
            raise httpx.ReadError("connection reset by peer (test)", request=request)
        if fault.action == "timeout_after":
            raise httpx.ReadTimeout("timed out (test)", request=request)
        if fault.action in ("poison", "poison_row", "poison_type"):
            page = json.loads(body)
            upserts = [c for c in page["changes"] if c["op"] == "upsert"]
            assert upserts, "poison needs a page with changes"
            victim = upserts[len(upserts) // 2]
            if fault.action == "poison_type":  # valid JSON, but objects where the store holds text and numbers
                victim["data"] = {k: v if k == "id" else {"nested": [1]} for k, v in victim["data"].items()}
            else:
                victim["data"] = None if fault.action == "poison" else {"id": victim["id"]}
            body = json.dumps(page).encode()
        if fault.action == "truncate":
            return httpx.Response(200, stream=_Truncated(body[: len(body) // 2]), request=request,
                                  headers={"content-type": "application/json", "content-length": str(len(body))})
        return httpx.Response(200, content=body, request=request, headers={"content-type": "application/json"})

    async def _forward(self, request: httpx.Request) -> bytes:
        response = await self.inner.handle_async_request(request)
        try:
            await response.aread()
        finally:
            await response.aclose()
        assert response.status_code == 200, response.content
        return response.content

    async def aclose(self) -> None:
        await self.inner.aclose()


class _Truncated(httpx.AsyncByteStream):
    """A body that ends half-way with the connection closing under it."""

    def __init__(self, head: bytes) -> None:
        self.head = head

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.head
        raise httpx.RemoteProtocolError("peer closed connection without sending complete message body")


# -------------------------------------------------------------------------------------------- profiles


@dataclass
class Profile:
    """One person's installation: a store on its own thread, a transport, a keychain entry and the engine."""

    name: str
    username: str
    worker: StoreWorker
    transport: Transport
    vault: TokenVault
    engine: SyncEngine
    faults: Faults
    user_id: str = ""
    session: Session | None = None

    @property
    def store(self) -> Store:
        return self.worker.store

    async def sign_in(self, password: str = DEMO_PASSWORD) -> None:
        info = await self.engine.sign_in(self.username, password)
        self.user_id = info.id
        client_id = await self.worker.run(lambda s: s.state("client_id"))
        self.session = Session.open(self.store, info.id, client_id or self.name, language="en")
        self.session.today = lambda: date(2026, 11, 22)

    async def act(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a service (`func(session, *args)`) on the store's thread, as the UI would."""
        session = self.session
        assert session is not None, "sign in first"
        return await self.worker.run(lambda _s: func(session, *args, **kwargs))

    async def read(self, func: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a read (`func(conn, *args)`) on the store's thread."""
        return await self.worker.run(lambda s: func(s.conn, *args, **kwargs))

    async def sql(self, query: str, *params: Any) -> list[tuple[Any, ...]]:
        return await self.worker.run(lambda s: [tuple(r) for r in s.conn.execute(query, params).fetchall()])

    async def sync(self) -> Any:
        return await asyncio.wait_for(self.engine.sync_once(), WAIT)

    def point_at(self, base_url: str) -> None:
        """Talk to another server from now on (same store, same keychain entry)."""
        self.transport.base_url = base_url.rstrip("/")
        self.transport._http.base_url = httpx.URL(base_url)


@dataclass
class Cluster:
    server: LiveServer
    root: Path
    profiles: list[Profile] = field(default_factory=list)

    async def client(self, username: str, name: str | None = None, *, sign_in: bool = True,
                     url: str | None = None, store_path: Path | None = None, account: str | None = None) -> Profile:
        """A profile (new, or an existing store file and keychain entry); signed in unless told not to."""
        name = name or f"{username}-{len(self.profiles)}"
        folder = self.root / "profiles" / name
        folder.mkdir(parents=True, exist_ok=True)
        worker = StoreWorker(store_path or folder / "atrium.db")
        faults = Faults()
        base = url or self.server.url
        transport = Transport(base, http=httpx.AsyncClient(base_url=base, transport=faults,
                                                           timeout=httpx.Timeout(20.0, connect=5.0)))
        vault = TokenVault(account or str(folder))
        profile = Profile(name, username, worker, transport, vault, SyncEngine(worker, transport, vault), faults)
        self.profiles.append(profile)
        if sign_in:
            await profile.sign_in()
        return profile

    async def aclose(self) -> None:
        for profile in self.profiles:
            await profile.transport.aclose()
            profile.worker.close()


@asynccontextmanager
async def cluster(server: LiveServer, root: Path) -> AsyncIterator[Cluster]:
    group = Cluster(server, root)
    try:
        yield group
    finally:
        await group.aclose()


# -------------------------------------------------------------------------------------------- fixtures


@pytest.fixture(autouse=True)
def keyring_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo company seeded once; each test serves a copy (a copy keeps the instance id: one server)."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = Database.open(path)
    try:
        seed_demo(database)
    finally:
        database.dispose()
    # Real Argon2 verification, but with the cheapest parameters: signing in costs milliseconds, not a second.
    cheap = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1).hash(DEMO_PASSWORD)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE users SET password_hash = ?", (cheap,))
    conn.close()
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return path


@pytest.fixture
def fake_time() -> FakeTime:
    return FakeTime()


@pytest.fixture
def server(tmp_path: Path, demo_template: Path, fake_time: FakeTime) -> Iterator[LiveServer]:
    db_path = tmp_path / "server.db"
    shutil.copyfile(demo_template, db_path)
    config = ServerConfig(auth=AuthConfig(clock=fake_time), heartbeat_s=0.5)
    with running_server(db_path, config) as live:
        yield live


def demo_id(server: LiveServer, table: str, where: str, *params: Any) -> str:
    """An id from the server's database (e.g. a demo conversation by title)."""
    with server.db.read() as conn:
        value = conn.exec_driver_sql(f"SELECT id FROM {table} WHERE {where}", params).scalar()
    assert value is not None, (table, where, params)
    return str(value)


async def wait_for(predicate: Callable[[], Awaitable[bool]], event: asyncio.Event, timeout: float = WAIT) -> None:
    """Wait until `predicate()` holds, re-checking each time `event` is set (a store listener sets it)."""
    async def loop() -> None:
        while not await predicate():
            await event.wait()
            event.clear()

    await asyncio.wait_for(loop(), timeout)
