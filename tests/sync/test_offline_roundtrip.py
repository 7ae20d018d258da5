"""The issue's scenario: one person works offline for a while, another edits the same things online.

A (wangfang) is offline: 50 messages, task edits and an article edit. B (admin) edits another field of the
same task and another paragraph of the same article, and syncs. Then A syncs, then B syncs again. Every
client and the server must then agree — nothing lost, nothing doubled, both field edits and both paragraph
edits present — and a third profile that pulls everything fresh must see exactly the same. When both edit
the same task field, the later clock wins everywhere and the losing value stays in the task's history.
"""

from __future__ import annotations

import asyncio
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app import clock
from app.services import chats, knowledge, tasks
from app.store import reads
from sync.transport import SyncError
from tests.helpers.live_server import LiveServer

from .conftest import Profile, cluster, demo_id, run

TODAY = date(2026, 11, 22)
BODY = "# Rollout FAQ\n\nParagraph one: how to sign in.\n\nParagraph two: quiet hours.\n\nParagraph three: search.\n"


async def view(profile: Profile, conversation_id: str, task_ids: list[str], article_id: str) -> dict[str, Any]:
    """What a person sees of the shared things, as the UI reads it."""
    messages = await profile.read(reads.history, conversation_id, None, 1000)
    task_views = [await profile.read(reads.task_row, t, TODAY) for t in task_ids]
    detail = await profile.read(reads.article, article_id, profile.user_id)
    assert detail is not None
    return {
        "messages": sorted((m.seq, m.id, m.author_id, m.body, m.state) for m in messages),
        "tasks": [(t.title, t.status, t.progress, t.owner_id, t.due, t.state) for t in task_views if t],
        "article": (detail.article.title, detail.article.head_revision_id, detail.body, detail.article.state,
                    len(detail.conflicts)),
    }


async def wait_past(hlc: str) -> None:
    """Let the wall clock pass the millisecond of `hlc`, so the next reading anywhere is later (no fixed sleep)."""
    millis = int(hlc.split("-", 1)[0])
    while clock.wall_ms() <= millis:
        await asyncio.sleep(0)


async def last_hlc(profile: Profile) -> str:
    rows = await profile.sql("SELECT hlc FROM outbox ORDER BY mutation_id DESC LIMIT 1")
    return str(rows[0][0])


def test_fifty_offline_messages_and_concurrent_edits_converge(server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang", "a"), await c.client("admin", "b")
            rollout = demo_id(server, "conversations", "title LIKE ?", "Atrium%")
            workshop = demo_id(server, "tasks", "title LIKE ?", "培训工作坊%")  # owner wangfang
            launch = demo_id(server, "tasks", "title = ?", "全员上线公告")
            await a.sync()
            article_id = await a.act(knowledge.create_article, "Rollout FAQ", BODY, category="guide")
            await a.sync()
            await b.sync()
            before = len(await b.read(reads.history, rollout, None, 1000))

            # A goes offline and works.
            a.faults.offline = True
            sent = [await a.act(chats.send, rollout, f"offline #{i:02d} 离线消息") for i in range(50)]
            await a.act(tasks.update_task, workshop, {"status": "in_progress"})
            await a.act(tasks.update_task, launch, {"title": "全员上线公告（定稿）"})
            await a.act(knowledge.edit_article, article_id, BODY.replace("how to sign in", "how to sign in (SSO)"))
            with pytest.raises(SyncError):
                await a.sync()
            assert a.engine.state == "offline"
            assert (await a.read(reads.outbox)).pending_total == 53

            # B edits the same task (another field) and the same article (another paragraph), online.
            await b.act(tasks.update_task, workshop, {"progress": 40})
            await b.act(knowledge.edit_article, article_id, BODY.replace("Paragraph three: search.",
                                                                          "Paragraph three: search finds 审批."))
            assert (await b.sync()).rejected == 0

            a.faults.offline = False
            report = await a.sync()
            assert report.pushed == 53 and report.rejected == 0
            await b.sync()
            fresh = await c.client("admin", "c")
            await fresh.sync()

            ids = [workshop, launch]
            seen = [await view(p, rollout, ids, article_id) for p in (a, b, fresh)]
            assert seen[0] == seen[1] == seen[2]
            everyone = seen[0]
            # Nothing lost, nothing doubled: exactly 50 new messages, each once, in A's order.
            assert len(everyone["messages"]) == before + 50
            mine = [(seq, mid) for seq, mid, _author, body, _state in everyone["messages"] if "offline #" in body]
            assert [mid for _, mid in mine] == sent
            assert all(state == "sent" for *_, state in everyone["messages"])
            # Both field edits survive.
            workshop_view = everyone["tasks"][0]
            assert workshop_view[1:3] == ("in_progress", 40)
            assert everyone["tasks"][1][0] == "全员上线公告（定稿）"
            # Both paragraph edits are in the head; no conflict.
            _title, _head, body, state, conflicts = everyone["article"]
            assert "how to sign in (SSO)" in body and "search finds 审批" in body and conflicts == 0
            assert state == "synced"
            # The server holds the same messages exactly once.
            with server.db.read() as conn:
                count = conn.exec_driver_sql(
                    "SELECT COUNT(*), COUNT(DISTINCT id) FROM messages WHERE body LIKE 'offline #%'").one()
            assert tuple(count) == (50, 50)
            for p in (a, b, fresh):
                assert (await p.read(reads.outbox)).pending_total == 0
                assert await p.sql("SELECT COUNT(*) FROM shadows") == [(0,)]

    run(main())


@pytest.mark.parametrize("order", ["later_edit_arrives_first", "later_edit_arrives_last"])
def test_the_same_field_on_both_sides_goes_to_the_later_clock_and_the_loser_is_in_history(
    server: LiveServer, tmp_path: Path, order: str
) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang", "a"), await c.client("admin", "b")
            task_id = demo_id(server, "tasks", "title LIKE ?", "培训工作坊%")
            await a.sync()
            await b.sync()
            a.faults.offline = True
            if order == "later_edit_arrives_first":
                await a.act(tasks.update_task, task_id, {"title": "Workshops — A's title"})
                await wait_past(await last_hlc(a))
                await b.act(tasks.update_task, task_id, {"title": "Workshops — B's title"})
                await b.sync()
                winner, loser = "Workshops — B's title", "Workshops — A's title"
            else:
                await b.act(tasks.update_task, task_id, {"title": "Workshops — B's title"})
                b_hlc = await last_hlc(b)
                await b.sync()
                await wait_past(b_hlc)
                await a.act(tasks.update_task, task_id, {"title": "Workshops — A's title"})
                winner, loser = "Workshops — A's title", "Workshops — B's title"
            a.faults.offline = False
            await a.sync()
            await b.sync()
            fresh = await c.client("zhaomin", "c")
            await fresh.sync()
            for p in (a, b, fresh):
                detail = await p.read(reads.task, task_id, TODAY)
                assert detail is not None and detail.task.title == winner, p.name
                titles = [(h.outcome, h.old_value, h.new_value) for h in detail.history if h.field == "title"]
                # The losing value is kept: either it lost on arrival or it was overwritten by the winner.
                assert ("lost", winner, loser) in titles or ("applied", loser, winner) in titles, titles
            histories = [await p.sql("SELECT id, outcome FROM task_history WHERE task_id = ? ORDER BY id", task_id)
                         for p in (a, b, fresh)]
            assert histories[0] == histories[1] == histories[2]

    run(main())
