"""Client and server compute the same growth from the same activity (issue 6).

Real clients (store, sync engine, transport) work against a real server on loopback: group replies across
departments, mentions, an important message, tasks done for someone in another department, an article written,
reviewed and liked, plus what must earn nothing (one-word messages, a task created then deleted). After every
profile has synced, each person's growth computed on their device from the synced store rows equals the growth
the server computes from its own tables — through `sync.server.growth` directly and through GET /v1/growth/me.
Before syncing, work done offline already moves the device's map.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from app import clock
from app.growth import compute, default_definition
from app.growth.recognition import KIND, titles_for
from app.growth.rows import person_activity, recognitions
from app.growth.summary import state_summary
from app.services import chats, knowledge, tasks
from app.store import reads
from sync.protocol import SCOPE_ORG
from sync.server import growth as server_growth
from sync.server import org
from tests.helpers.live_server import LiveServer

from .conftest import Profile, cluster, demo_id, run

ZONE = ZoneInfo("Asia/Shanghai")


def today() -> Any:
    return clock.today(ZONE)


async def client_summary(profile: Profile) -> dict[str, Any]:
    activity = await profile.read(person_activity, profile.user_id)
    state = compute(default_definition(), activity, profile.user_id, today(), ZONE)
    return state_summary(state)


def server_summary(server: LiveServer, user_id: str) -> dict[str, Any]:
    with server.db.read() as conn:
        return state_summary(server_growth.person_state(conn, user_id, today(), ZONE))


async def http_summary(server: LiveServer, profile: Profile) -> dict[str, Any]:
    token = profile.vault.load()
    assert token is not None
    async with httpx.AsyncClient(base_url=server.url) as http:
        reply = await http.get("/v1/growth/me", params={"tz": ZONE.key, "today": today().isoformat()},
                               headers={"authorization": f"Bearer {token.access_token}"})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["time_zone"] == ZONE.key
    return dict(body["state"])


def reached(summary: dict[str, Any]) -> set[str]:
    return {m["id"] for m in summary["milestones"] if m["status"] == "reached"}


def test_client_and_server_compute_identical_growth(server: LiveServer, tmp_path: Path, frozen_clock: None) -> None:
    # Frozen at the run's instant: a run started at 23:59 must not compare one day's map with the next day's.
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            wang = await c.client("wangfang", "wang")  # 市场部 head
            lin = await c.client("linxue", "lin")  # 研发部
            admin = await c.client("admin", "admin")  # 行政部, reviews every article
            for person in (wang, lin, admin):
                await person.sync()
            team = demo_id(server, "conversations", "title LIKE ?", "Atrium 推广项目组%")
            rollout = demo_id(server, "spaces", "title LIKE ?", "Atrium 平台推广%")
            workshop = demo_id(server, "tasks", "title LIKE ?", "培训工作坊%")  # chenjing's (行政部), owner wangfang
            article = demo_id(server, "articles", "title LIKE ?", "Atrium 快速入门%")  # linxue's

            question = await lin.act(chats.send, team, "@wangfang 市场部的培训材料什么时候可以定稿？")
            await lin.sync()
            await wang.sync()
            await wang.act(chats.send, team, "下周三之前定稿，我会先发初稿给大家看看", reply_to=question)
            await wang.act(chats.send, team, "ok")  # trivial: earns nothing
            await wang.act(chats.send, team, "重要：周五下午的培训改到 3 号会议室", important=True)
            await wang.act(tasks.update_task, workshop, {"status": "done"})
            await wang.act(tasks.add_task, rollout, "整理市场部的常见问题清单", owner="emily")
            scratch = await wang.act(tasks.add_task, rollout, "临时任务", owner="wangfang")
            await wang.act(tasks.delete_task, scratch)  # create-then-delete earns nothing
            await wang.act(knowledge.like, article)
            await wang.act(knowledge.favorite, article)
            mine = await wang.act(knowledge.create_article, "市场部培训材料清单",
                                  "# 培训材料\n\n新品发布会的讲稿、演示文稿和常见问题。\n", category="guide")
            await wang.act(knowledge.submit, mine)
            await wang.sync()

            await admin.sync()
            await admin.act(knowledge.review, mine, True, "写得很清楚")
            await admin.sync()
            await lin.sync()
            await lin.act(knowledge.like, mine)
            await lin.sync()

            # Offline work moves the device's map before the server has heard of it.
            before = await client_summary(wang)
            wang.faults.offline = True
            await wang.act(chats.send, team, "补充一下：培训材料的初稿已经放到知识库里了，欢迎大家提意见")
            offline = await client_summary(wang)
            assert offline["total_points"] >= before["total_points"]
            assert offline != server_summary(server, wang.user_id)
            wang.faults.offline = False

            for person in (wang, lin, admin, wang, lin, admin):
                await person.sync()
            for person in (wang, lin, admin):
                on_device = await client_summary(person)
                assert on_device == server_summary(server, person.user_id), person.username
                assert on_device == await http_summary(server, person), person.username

            wang_state = await client_summary(wang)
            assert {"first_group_reply", "first_mention_answered", "first_important", "first_task_completed",
                    "first_task_for_other", "first_task_for_other_department", "first_cross_department",
                    "first_like_given", "first_favorite", "first_article_published"} <= reached(wang_state)
            assert "first_review_done" in reached(await client_summary(admin))
            # The deleted task and the one-word message left no trace.
            assert wang_state["points_by_source"]["valid_content"] == 30 * 4  # 3 group messages + 1 article
            messages = await wang.read(reads.history, team, None, 100)
            assert any(m.body == "ok" for m in messages)

    run(main())


def test_the_months_platform_experts_reach_every_device(server: LiveServer, tmp_path: Path) -> None:
    """The server ranks with everyone's activity, which no device sees; the result arrives like any row.

    The facts are the test's own: the clock is pinned to the middle of a month after the demo's seeding, when
    nobody has earned anything yet, and zhangwei does the month's only substantial work."""
    seeded = clock.today(ZONE)
    later = (seeded.replace(day=1) + timedelta(days=62)).replace(day=15)
    clock.pin(datetime.combine(later, time(10, 30), ZONE))

    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            zhang = await c.client("zhangwei", "zhang")
            wang = await c.client("wangfang", "wang")
            await zhang.sync()
            await wang.sync()
            team = demo_id(server, "conversations", "title LIKE ?", "Atrium 推广项目组%")
            for text in ("本月的客户回访计划已经整理好，请大家补充各自负责的客户名单",
                         "回访记录模板放在知识库的案例库分类里，填写时注意写清楚问题和处理结果"):
                await zhang.act(chats.send, team, text)
            await zhang.sync()
            month = later.strftime("%Y-%m")
            with server.db.read() as conn:
                ranking = server_growth.rank_month(conn, month)
            assert ranking.ranked == 13
            assert [e.user_id for e in ranking.experts] == [zhang.user_id]
            # What the server writes when the month is over (publish_recognition refuses a month still running).
            with server.db.write() as conn:
                ctx = org.system_context(conn)
                ctx.emit(SCOPE_ORG, KIND, month, ranking.to_data())
            for person in (zhang, wang):
                await person.sync()
                found = [r for r in await person.read(recognitions) if r.month == month]
                assert found == [ranking]  # (the demo's seeding published the month before it too)
                titles = titles_for(found, person.user_id)
                assert bool(titles) == (person is zhang)

    run(main())
