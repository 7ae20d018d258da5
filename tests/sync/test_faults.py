"""A bad network and a misbehaving server never cost data: every fault leaves the profile as it was.

A fault-injecting httpx transport sits under the client's real one. For each fault on push and on pull —
garbage instead of JSON, JSON of the wrong shape, a timeout, a connection dropped before or after the server
acted, a body cut off half-way, 500/502/503 — sync_once raises a transient SyncError, the local rows and the
outbox are exactly as before, and the next clean sync converges with each change on the server exactly once.
A reply the server sent but the client never read makes the next push come back "duplicate", not doubled.
Each pulled page is applied whole or not at all, together with its cursors.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

import sync.engine
from app.services import chats
from app.store import reads
from app.store.schema import KINDS
from sync.transport import BadReply, ServerFailed, SyncError, Unreachable
from tests.helpers.live_server import LiveServer

from .conftest import WAIT, Profile, cluster, run, wait_for

TRANSIENT = (Unreachable, ServerFailed, BadReply)
FAULTS: list[tuple[str, int]] = [
    ("drop_before", 0), ("drop_after", 0), ("timeout_after", 0), ("garbage", 0), ("wrong_shape", 0),
    ("truncate", 0), ("status", 500), ("status", 502), ("status", 503),
]  # fmt: skip


async def snapshot(profile: Profile) -> dict[str, Any]:
    """Everything the profile holds except sync_state (which records the last error)."""
    tables = sorted({spec.table for spec in KINDS.values()} | {"outbox", "outbox_rows", "shadows", "cursors",
                                                                "search_docs"})
    return {t: sorted(map(repr, await profile.sql(f"SELECT * FROM {t}"))) for t in tables}


async def on_server(server: LiveServer, prefix: str) -> tuple[int, int]:
    with server.db.read() as conn:
        row = conn.exec_driver_sql("SELECT COUNT(*), COUNT(DISTINCT id) FROM messages WHERE body LIKE ?",
                                   (prefix + "%",)).one()
    return int(row[0]), int(row[1])


async def conversation(profile: Profile, cid: str) -> list[tuple[Any, ...]]:
    return await profile.sql("SELECT seq, id, body, _state FROM messages WHERE conversation_id = ? ORDER BY seq, id",
                             cid)


async def pair(c: Any) -> tuple[Profile, Profile, str]:
    a, b = await c.client("wangfang", "a"), await c.client("emily", "b")
    await a.sync()
    await b.sync()
    cid = await a.act(chats.open_direct, b.user_id)
    return a, b, cid


@pytest.mark.parametrize("endpoint", ["/sync/push", "/sync/pull", "/healthz"])
def test_every_fault_leaves_the_profile_as_it_was_and_the_next_sync_converges(
    server: LiveServer, tmp_path: Path, endpoint: str
) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, cid = await pair(c)
            for round_, (action, status) in enumerate(FAULTS):
                what = f"{action} {status or ''} on {endpoint}"
                prefix = f"r{round_:02d} "
                await b.act(chats.send, cid, prefix + "from B")
                await b.sync()  # something for A to pull
                if endpoint != "/sync/pull":
                    for i in range(2):
                        await a.act(chats.send, cid, f"{prefix}from A {i}")
                before = await snapshot(a)
                pending = (await a.read(reads.outbox)).pending_total
                a.faults.plan(action, endpoint, status)
                with pytest.raises(SyncError) as raised:
                    await a.sync()
                assert isinstance(raised.value, TRANSIENT), (what, raised.value)
                assert a.engine.state == "offline", what
                assert await snapshot(a) == before, what
                assert (await a.read(reads.outbox)).pending_total == pending, what
                assert await a.worker.run(lambda s: s.state("last_error")), what
                report = await a.sync()
                assert report.rejected == 0, what
                assert (await a.read(reads.outbox)).pending_total == 0, what
                await b.sync()
                assert await conversation(a, cid) == await conversation(b, cid), what
                mine = 2 if endpoint != "/sync/pull" else 0
                assert await on_server(server, prefix + "from A") == (mine, mine), what
                assert await a.worker.run(lambda s: s.state("last_error")) is None, what
            assert not a.faults.planned

    run(main())


def test_a_push_reply_lost_after_the_server_applied_it_comes_back_duplicate(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, cid = await pair(c)
            sent = [await a.act(chats.send, cid, f"lost reply {i}") for i in range(5)]
            a.faults.plan("drop_after", "/sync/push")
            with pytest.raises(Unreachable):
                await a.sync()
            assert await on_server(server, "lost reply") == (5, 5)  # the server did apply them
            assert (await a.read(reads.outbox)).pending_total == 5
            assert [(await a.read(reads.message, m)).state for m in sent] == ["pending"] * 5  # type: ignore[union-attr]
            results: list[str] = []
            inner = a.transport.push

            async def spy(token: str, request: Any) -> Any:
                reply = await inner(token, request)
                results.extend(r.status.value for r in reply.results)
                return reply

            a.transport.push = spy  # type: ignore[method-assign]
            report = await a.sync()
            assert results == ["duplicate"] * 5 and report.rejected == 0
            assert await on_server(server, "lost reply") == (5, 5)
            assert [(await a.read(reads.message, m)).state for m in sent] == ["sent"] * 5  # type: ignore[union-attr]
            await b.sync()
            assert await conversation(a, cid) == await conversation(b, cid)

    run(main())


def test_repeated_requests_and_replies_change_nothing(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, cid = await pair(c)
            for i in range(3):
                await a.act(chats.send, cid, f"said twice {i}")
            await b.act(chats.send, cid, "pulled twice")
            await b.sync()
            a.faults.plan("repeat", "/sync/push")
            a.faults.plan("repeat", "/sync/pull")
            report = await a.sync()
            assert report.rejected == 0 and not a.faults.planned
            assert await on_server(server, "said twice") == (3, 3)
            await b.sync()
            assert await conversation(a, cid) == await conversation(b, cid)
            assert len([r for r in await conversation(a, cid) if r[2] == "pulled twice"]) == 1

    run(main())


@pytest.mark.parametrize("poison", ["poison", "poison_row", "poison_type"])
def test_a_pull_page_is_applied_whole_or_not_at_all(server: LiveServer, tmp_path: Path, poison: str) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, cid = await pair(c)
            for i in range(6):
                await b.act(chats.send, cid, f"page item {i}")
            await b.sync()
            before = await snapshot(a)
            a.faults.plan(poison, "/sync/pull")
            with pytest.raises(SyncError) as raised:
                await a.sync()
            assert isinstance(raised.value, TRANSIENT), raised.value
            assert await snapshot(a) == before  # not the changes before the bad one, not the cursors
            await a.sync()
            await b.sync()
            assert await conversation(a, cid) == await conversation(b, cid)

    run(main())


def test_pages_before_a_failure_stay_applied_and_the_rest_follow(
    server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sync.engine, "PULL_PAGE", 4)

    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, cid = await pair(c)
            for i in range(20):
                await b.act(chats.send, cid, f"paged {i:02d}")
            await b.sync()
            a.faults.plan("truncate", "/sync/pull", skip=2)  # pages one and two arrive, the third breaks
            with pytest.raises(Unreachable):
                await a.sync()
            got = [r for r in await conversation(a, cid) if str(r[2]).startswith("paged")]
            assert 0 < len(got) < 20
            assert [r[2] for r in got] == [f"paged {i:02d}" for i in range(len(got))]  # a prefix, in order
            cursors = await a.worker.run(lambda s: s.cursors())
            assert cursors.get(f"conv:{cid}", 0) > 0
            await a.sync()
            await b.sync()
            final = await conversation(a, cid)
            assert [r[2] for r in final if str(r[2]).startswith("paged")] == [f"paged {i:02d}" for i in range(20)]
            assert final == await conversation(b, cid)

    run(main())


def test_the_background_loop_outlives_failed_syncs(server: LiveServer, tmp_path: Path) -> None:
    """`run` keeps going after a sync fails (a bad page, a 503): the next poke brings the data."""

    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, cid = await pair(c)
            for i in range(5):
                await a.act(chats.send, cid, f"before the loop {i}")
            await a.sync()
            b.faults.plan("poison_row", "/sync/pull")
            b.faults.plan("status", "/sync/pull", 503)
            states: list[str] = []
            failed_twice = asyncio.Event()

            def listen(state: str, _detail: str | None) -> None:
                states.append(state)
                if states.count("offline") >= 2 and not b.faults.planned:
                    failed_twice.set()

            b.engine.listeners.append(listen)
            changed = asyncio.Event()
            loop = asyncio.get_running_loop()
            b.store.add_listener(lambda _c: loop.call_soon_threadsafe(changed.set))
            live = asyncio.create_task(b.engine.run(poll_interval=3600))
            try:
                # The first sync (on connecting) meets the poisoned page; A's next message pokes B into a 503.
                await a.act(chats.send, cid, "first poke")
                await a.sync()
                await asyncio.wait_for(failed_twice.wait(), WAIT)
                mid = await a.act(chats.send, cid, "second poke")
                await a.sync()

                async def arrived() -> bool:
                    return await b.read(reads.message, mid) is not None

                await wait_for(arrived, changed)
                assert not live.done()
            finally:
                live.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await live
            assert "offline" in states
            await b.sync()
            await a.sync()
            assert await conversation(a, cid) == await conversation(b, cid)

    run(main())
