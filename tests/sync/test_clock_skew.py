"""A device whose wall clock is behind still wins a last-writer-wins race with an edit made after it saw the other.

The hybrid logical clock only orders edits by cause if it hears of the readings other devices made: the store
keeps the highest reading in every pulled page and the session stamps the next edit after it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app import clock
from app.hlc import HybridClock, Timestamp
from app.services import Session, tasks
from app.store import reads
from tests.helpers.live_server import LiveServer

from .conftest import cluster, demo_id, run

TODAY = date(2026, 11, 22)
BEHIND_MS = 3_600_000  # an hour


def test_an_edit_made_after_pulling_a_newer_one_wins_although_the_wall_clock_is_an_hour_behind(
    server: LiveServer, tmp_path: Path
) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang", "a"), await c.client("admin", "b")
            assert b.session is not None
            b.session = Session(b.store, b.user_id, HybridClock("b-behind", lambda: clock.wall_ms()
                                                                - BEHIND_MS), language="en")
            task_id = demo_id(server, "tasks", "title LIKE ?", "培训工作坊%")
            await a.sync()
            await a.act(tasks.update_task, task_id, {"title": "Workshops — A's title"})
            a_hlc = (await a.sql("SELECT hlc FROM outbox ORDER BY mutation_id DESC LIMIT 1"))[0][0]
            await a.sync()

            await b.sync()  # sees A's title, an hour "ahead" of b's own clock
            assert (await b.read(reads.task, task_id, TODAY)).task.title == "Workshops — A's title"
            await b.act(tasks.update_task, task_id, {"title": "Workshops — B's title"})
            b_hlc = (await b.sql("SELECT hlc FROM outbox ORDER BY mutation_id DESC LIMIT 1"))[0][0]
            assert Timestamp.parse(b_hlc) > Timestamp.parse(a_hlc)
            assert (await b.read(reads.task, task_id, TODAY)).task.title == "Workshops — B's title"
            assert (await b.sync()).rejected == 0
            await a.sync()

            for p in (a, b):
                detail = await p.read(reads.task, task_id, TODAY)
                assert detail is not None and detail.task.title == "Workshops — B's title", p.name
                titles = [(h.outcome, h.new_value) for h in detail.history if h.field == "title"]
                assert ("applied", "Workshops — B's title") in titles and ("lost", "Workshops — B's title") \
                    not in titles, titles
            with server.db.read() as conn:
                title = conn.exec_driver_sql("SELECT title FROM tasks WHERE id = ?", (task_id,)).scalar()
            assert title == "Workshops — B's title"

    run(main())
