"""The sync engine against a real server on loopback, as several people each with their own profile.

Covers the first sync of the demo company, exactly-once delivery between two people, the live channel, token
expiry and refusal (the outbox survives a forced sign-in), a replaced server (nothing local is touched),
losing access to a conversation (purged, pending messages refused with a reason) and a refused change (kept
with its reason, the row put back to the server's version).
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path

import pytest

import sync.engine
from app.services import chats
from app.store import reads
from app.store.schema import KINDS
from sync.engine import ServerIdentityChanged, SignInRequired
from sync.server import org
from sync.server.app import ServerConfig
from sync.server.db import Database
from sync.server.demo import seed_demo
from tests.helpers.live_server import LiveServer, running_server

from .conftest import WAIT, FakeTime, Profile, cluster, demo_id, run, wait_for

TODAY = date(2026, 11, 22)


async def dm(a: Profile, b: Profile) -> str:
    return await a.act(chats.open_direct, b.user_id)


async def bodies(profile: Profile, conversation_id: str) -> list[tuple[int | None, str]]:
    rows = await profile.sql("SELECT seq, body FROM messages WHERE conversation_id = ? ORDER BY seq", conversation_id)
    return [(r[0], r[1]) for r in rows]


async def table_counts(profile: Profile) -> dict[str, int]:
    tables = [spec.table for spec in KINDS.values()] + ["outbox", "outbox_rows", "shadows", "cursors", "sync_state",
                                                         "search_docs"]
    return {t: (await profile.sql(f"SELECT COUNT(*) FROM {t}"))[0][0] for t in tables}


def test_first_sync_fills_the_demo_company_and_a_second_sync_pulls_nothing(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a = await c.client("wangfang")
            first = await a.sync()
            assert first.pulled > 0 and first.pushed == 0
            counts = await table_counts(a)
            assert counts["people"] == 13
            assert counts["conversations"] >= 3 and counts["messages"] > 0
            assert counts["tasks"] > 0 and counts["articles"] > 0 and counts["article_revisions"] > 0
            assert await a.read(reads.conversations, a.user_id)
            assert await a.read(reads.tasks, demo_id(server, "spaces", "title LIKE ?", "Atrium%"), TODAY)
            assert await a.read(reads.articles, a.user_id)
            assert a.engine.state == "online"
            second = await a.sync()
            assert (second.pulled, second.pushed) == (0, 0)
            assert await table_counts(a) == counts

    run(main())


def test_a_message_reaches_the_other_person_after_exactly_one_sync(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            await b.sync()
            cid = await dm(a, b)
            mid = await a.act(chats.send, cid, "见面聊 / let's meet")
            pending = await a.read(reads.message, mid)
            assert pending is not None and pending.state == "pending" and pending.seq is None
            report = await a.sync()
            assert report.pushed == 1 and report.rejected == 0
            sent = await a.read(reads.message, mid)
            assert sent is not None and sent.state == "sent" and sent.seq is not None
            assert (await b.sync()).pulled >= 1
            got = await b.read(reads.message, mid)
            assert got is not None and got.body == "见面聊 / let's meet" and got.seq == sent.seq
            assert got.author_id == a.user_id and got.state == "sent"
            assert await bodies(a, cid) == await bodies(b, cid)

    run(main())


def test_a_live_poke_brings_the_message_without_asking(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            cid = await dm(a, b)
            changed = asyncio.Event()
            loop = asyncio.get_running_loop()
            b.store.add_listener(lambda _changes: loop.call_soon_threadsafe(changed.set))
            online = asyncio.Event()
            b.engine.listeners.append(lambda state, _d: online.set() if state == "online" else None)
            live = asyncio.create_task(b.engine.run(poll_interval=3600))
            try:
                await asyncio.wait_for(online.wait(), WAIT)  # B's first sync (on connect) has finished
                mid = await a.act(chats.send, cid, "poke me")
                await a.sync()

                async def arrived() -> bool:
                    found = await b.read(reads.message, mid)
                    return found is not None and found.seq is not None

                await wait_for(arrived, changed)
                assert not live.done()
            finally:
                live.cancel()
                with pytest.raises(asyncio.CancelledError):
                    await live

    run(main())


def test_an_expired_access_token_is_refreshed_without_the_person_noticing(
    server: LiveServer, tmp_path: Path, fake_time: FakeTime
) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            before = a.vault.load()
            fake_time.now += server.config.auth.access_ttl_s + 60
            cid = await dm(a, b)
            mid = await a.act(chats.send, cid, "after a long lunch")
            report = await a.sync()
            assert report.pushed == 1 and report.rejected == 0  # the demo's direct chat exists: only the message
            after = a.vault.load()
            assert after is not None and before is not None and after.access_token != before.access_token
            await b.sync()
            assert await b.read(reads.message, mid) is not None

    run(main())


@pytest.mark.parametrize("how", ["refresh_expired", "account_disabled"])
def test_a_refused_session_asks_to_sign_in_and_keeps_the_outbox(
    server: LiveServer, tmp_path: Path, fake_time: FakeTime, how: str
) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            cid = await dm(a, b)
            await a.sync()
            sent = [await a.act(chats.send, cid, f"offline note {i}") for i in range(3)]
            if how == "refresh_expired":
                fake_time.now += server.config.auth.refresh_ttl_s + 60
            else:
                with server.db.write() as conn:
                    org.disable_user(org.system_context(conn), "wangfang")
            with pytest.raises(SignInRequired):
                await a.sync()
            assert a.engine.state == "signed_out"
            assert a.vault.load() is None
            assert (await a.read(reads.outbox)).pending_total == 3
            assert [(await a.read(reads.message, m)).state for m in sent] == ["pending"] * 3  # type: ignore[union-attr]
            with pytest.raises(SignInRequired):  # no session: no request goes out at all
                await a.sync()
            if how == "account_disabled":
                with server.db.write() as conn:
                    org.enable_user(org.system_context(conn), "wangfang")
            await a.sign_in()
            report = await a.sync()
            assert report.pushed == 3 and report.rejected == 0
            assert (await a.read(reads.outbox)).pending_total == 0
            again = await a.sync()
            assert again.pushed == 0
            if how == "refresh_expired":
                with pytest.raises(SignInRequired):  # B's session ended too: the same clock
                    await b.sync()
                await b.sign_in()
            await b.sync()
            got = [body for _, body in await bodies(b, cid) if body.startswith("offline note")]
            assert got == [f"offline note {i}" for i in range(3)]  # each exactly once, in order
            assert await bodies(a, cid) == await bodies(b, cid)

    run(main())


def test_a_different_server_at_the_address_changes_nothing_locally(server: LiveServer, tmp_path: Path) -> None:
    async def main(other: LiveServer) -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            cid = await dm(a, b)
            await a.act(chats.send, cid, "queued before the move")
            before = await table_counts(a)
            snapshot = await a.sql("SELECT id, body, _state FROM messages ORDER BY id")
            a.point_at(other.url)
            with pytest.raises(ServerIdentityChanged):
                await a.sync()
            assert a.engine.state == "error"
            with pytest.raises(ServerIdentityChanged):
                await a.sign_in()
            after = await table_counts(a)
            assert after == before
            assert await a.sql("SELECT id, body, _state FROM messages ORDER BY id") == snapshot
            assert (await a.read(reads.outbox)).pending_total == 1
            # Back at the right server, everything goes out as if nothing had happened.
            a.point_at(server.url)
            assert (await a.sync()).pushed == 1

    other_db = Database.open(tmp_path / "other.db")
    try:
        seed_demo(other_db)
    finally:
        other_db.dispose()
    with running_server(tmp_path / "other.db", ServerConfig()) as other:
        assert other.db.instance_id != server.db.instance_id
        run(main(other))


def test_removed_from_a_group_purges_it_and_refuses_what_was_queued(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            cid = await a.act(chats.create_group, "Launch crew", [b.user_id])
            await a.act(chats.send, cid, "welcome")
            await a.sync()
            await b.sync()
            first = await b.act(chats.send, cid, "thanks!")
            await b.sync()
            assert len(await bodies(b, cid)) == 2
            queued = await b.act(chats.send, cid, "written offline")
            await a.sync()
            await a.act(chats.remove_member, cid, b.user_id)
            await a.sync()
            await b.sync()
            assert await b.sql("SELECT COUNT(*) FROM conversations WHERE id = ?", cid) == [(0,)]
            assert await b.sql("SELECT COUNT(*) FROM conversation_members WHERE conversation_id = ?", cid) == [(0,)]
            assert await b.sql("SELECT COUNT(*) FROM messages WHERE conversation_id = ? AND _state != 'rejected'",
                               cid) == [(0,)]
            assert await b.sql("SELECT COUNT(*) FROM cursors WHERE scope = ?", f"conv:{cid}") == [(0,)]
            assert await b.sql("SELECT COUNT(*) FROM search_docs WHERE ref_id = ?", first) == [(0,)]
            assert await b.read(reads.conversation, cid, b.user_id) is None
            box = await b.read(reads.outbox)
            assert box.pending_total == 0
            assert len(box.rejected) == 1 and box.rejected[0].name == "message.send"
            assert box.rejected[0].reason and box.rejected[0].code
            assert queued not in [body for _, body in await bodies(a, cid)]
            # A second sync changes nothing and does not resurrect the conversation.
            assert (await b.sync()).pulled == 0
            assert await b.read(reads.conversation, cid, b.user_id) is None

    run(main())


def test_a_refused_change_is_kept_with_its_reason_and_the_row_goes_back(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("lijie"), await c.client("chenjing")
            await a.sync()
            await b.sync()
            task_id = demo_id(server, "tasks", "title = ?", "需求调研问卷（覆盖全员）")  # created by chenjing
            rollout = demo_id(server, "conversations", "title LIKE ?", "Atrium%")
            theirs = await b.act(chats.send, rollout, "original words")
            await b.sync()
            await a.sync()
            space = (await a.read(reads.task_row, task_id, TODAY)).space_id  # type: ignore[union-attr]
            # Stale local knowledge would let these through the services' checks; the server knows better.
            await a.act(lambda s: s.enqueue("task.delete", {"id": task_id}, scope=f"space:{space}",
                                            summary="Delete task"))
            await a.act(lambda s: s.enqueue("message.edit", {"id": theirs, "body": "not mine to change"},
                                            scope=f"conv:{rollout}", summary="Edit message"))
            mine = await a.act(chats.send, rollout, "this one is fine")
            assert (await a.read(reads.task_row, task_id, TODAY)).deleted  # type: ignore[union-attr]
            report = await a.sync()
            assert report.pushed == 3 and report.rejected == 2
            box = await a.read(reads.outbox)
            assert [(r.name, r.code) for r in box.rejected] == [("task.delete", "forbidden"),
                                                               ("message.edit", "forbidden")]
            assert all(r.reason for r in box.rejected)
            task = await a.read(reads.task_row, task_id, TODAY)
            assert task is not None and not task.deleted and task.state == "synced"
            message = await a.read(reads.message, theirs)
            assert message is not None and message.body == "original words" and message.state == "sent"
            assert (await a.read(reads.message, mine)).state == "sent"  # type: ignore[union-attr]
            assert await a.sql("SELECT COUNT(*) FROM shadows") == [(0,)]
            # Kept until the person decides; another sync neither resends nor forgets them.
            assert (await a.sync()).pushed == 0
            assert len((await a.read(reads.outbox)).rejected) == 2

    run(main())


def test_a_cancelled_sync_is_not_left_syncing_and_the_next_one_finishes(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            cid = await dm(a, b)
            for i in range(20):
                await a.act(chats.send, cid, f"interrupted {i}")
            started = asyncio.Event()
            a.engine.listeners.append(lambda state, _d: started.set() if state == "syncing" else None)
            syncing = asyncio.create_task(a.engine.sync_once())
            await asyncio.wait_for(started.wait(), WAIT)
            syncing.cancel()
            with pytest.raises(asyncio.CancelledError):
                await syncing
            assert a.engine.state != "syncing"
            await a.sync()
            await b.sync()
            got = [body for _, body in await bodies(b, cid) if body.startswith("interrupted")]
            assert got == [f"interrupted {i}" for i in range(20)]

    run(main())


def test_a_window_pulls_in_small_pages_prepared_on_threads_and_ends_with_the_same_data(
    server: LiveServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window's engine (interactive): many small pages, each parsed and prepared off the event loop, written
    in order one at a time; the result is the same as a headless profile's, search included."""
    monkeypatch.setattr(sync.engine, "INTERACTIVE_PULL_PAGE", 7)

    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            headless, window = await c.client("wangfang", "headless"), await c.client("wangfang", "window")
            window.engine.interactive = True
            await headless.sync()
            report = await window.sync()
            assert report.pulled > 7 * 5  # many pages
            assert await table_counts(window) == await table_counts(headless)
            assert await window.sql("SELECT kind, ref_id FROM search_docs ORDER BY kind, ref_id") == \
                await headless.sql("SELECT kind, ref_id FROM search_docs ORDER BY kind, ref_id")
            assert await window.worker.run(lambda s: s.cursors()) == await headless.worker.run(lambda s: s.cursors())

    run(main())
