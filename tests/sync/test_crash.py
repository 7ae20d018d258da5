"""A sync killed at any moment (power cut, task manager) loses nothing and sends nothing twice.

A child process runs `SyncEngine.sync_once` over a profile with 2,000 queued messages and is SIGKILLed at
seeded random moments, several times. After one clean sync every message is on the server exactly once (a
second person pulls and counts), the profile's outbox is empty, and SQLite's integrity check passes.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.services import chats
from app.store import reads
from tests.helpers.live_server import LiveServer

from .conftest import cluster, run

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

MESSAGES = 2000
KILLS = 5
CHILD = """
import asyncio, sys
import sync.engine
sync.engine.PUSH_BATCH = 100  # many batches: many places to die in
from app.credentials import TokenVault
from app.store.worker import StoreWorker
from sync.engine import SyncEngine
from sync.transport import Transport

async def main() -> None:
    worker = StoreWorker(sys.argv[1])
    transport = Transport(sys.argv[2])
    engine = SyncEngine(worker, transport, TokenVault(sys.argv[3]))
    try:
        print("syncing", flush=True)
        await engine.sync_once()
        print("done", flush=True)
    finally:
        await transport.aclose()
        worker.close()

asyncio.run(main())
"""


def test_a_sync_killed_at_random_moments_loses_and_doubles_nothing(server: LiveServer, tmp_path: Path) -> None:
    async def prepare() -> tuple[Path, str, str]:
        async with cluster(server, tmp_path) as c:
            a = await c.client("wangfang", "victim")
            await a.sync()
            cid = await a.act(chats.open_direct, "emily")

            def queue(_store: object) -> None:
                assert a.session is not None
                for i in range(MESSAGES):
                    chats.send(a.session, cid, f"crash test {i:04d}")

            await a.worker.run(queue)
            return a.store.path, a.vault.account, cid

    store_path, account, cid = run(prepare())
    rng = random.Random(20261122)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    outcomes = []
    for _ in range(KILLS):
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD, str(store_path), server.url, account],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True,
        )
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "syncing"  # wait until it is inside sync_once
            try:
                child.wait(timeout=rng.uniform(0.0, 0.4))
                outcomes.append("finished")
            except subprocess.TimeoutExpired:
                child.send_signal(signal.SIGKILL)
                child.wait(timeout=10)
                outcomes.append("killed")
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
            if child.stdout is not None:
                child.stdout.close()
    assert "killed" in outcomes

    async def finish() -> None:
        async with cluster(server, tmp_path / "after") as c:
            # The same profile (store file and keychain entry) the killed processes used.
            again = await c.client("wangfang", "again", sign_in=False, store_path=store_path, account=account)
            await again.sync()
            assert (await again.read(reads.outbox)).pending_total == 0
            local = await again.sql("SELECT COUNT(*), COUNT(DISTINCT seq) FROM messages WHERE body LIKE 'crash test%'"
                                    " AND seq IS NOT NULL AND _state = 'synced'")
            assert local == [(MESSAGES, MESSAGES)]
            other = await c.client("emily", "other")
            await other.sync()
            bodies = [r[0] for r in await other.sql(
                "SELECT body FROM messages WHERE conversation_id = ? AND body LIKE 'crash test%' ORDER BY seq", cid)]
            assert bodies == [f"crash test {i:04d}" for i in range(MESSAGES)]  # each once, in the order written

    run(finish())
    with server.db.read() as conn:
        count = conn.exec_driver_sql("SELECT COUNT(*), COUNT(DISTINCT id) FROM messages WHERE body LIKE 'crash test%'"
                                     ).one()
    assert tuple(count) == (MESSAGES, MESSAGES)
    with sqlite3.connect(store_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    conn.close()
