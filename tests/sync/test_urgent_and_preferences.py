"""Urgent messages, acknowledgements and synced notification settings end to end: real profiles, a real server on
loopback, the sync engine in between."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from app.notifications import NotificationSettings, week
from app.notifications.feed import NotifiedLog, org_default
from app.services import chats, preferences
from app.services.context import ActionRefused
from app.store import reads
from tests.helpers.live_server import LiveServer

from .conftest import Profile, cluster, run


async def shared_group(a: Profile, *others: Profile) -> str:
    people = [o.username for o in others]
    cid = await a.act(chats.create_group, "Incident", people)
    await a.sync()
    for other in others:
        await other.sync()
    return cid


def test_an_urgent_message_is_acknowledged_offline_and_the_sender_sees_who_is_missing(
        server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b, d = await c.client("wangfang"), await c.client("emily"), await c.client("lijie")
            for p in (a, b, d):
                await p.sync()
            cid = await shared_group(a, b, d)
            mid = await a.act(chats.send, cid, "机房漏水，先停机", urgent_reason="Server room flooding",
                              ack_requested=True)
            await a.sync()
            await b.sync()
            got = await b.read(reads.message, mid, user_id=b.user_id)
            assert got is not None and got.urgent and got.urgent_reason == "Server room flooding"
            assert got.ack_requested and got.important and not got.acknowledged_by_me
            # Emily acknowledges while offline: queued, shown at once on her side.
            b.faults.offline = True
            assert await b.act(chats.acknowledge, mid) is True
            assert await b.act(chats.acknowledge, mid) is False  # twice is once
            mine = await b.read(reads.message, mid, user_id=b.user_id)
            assert mine is not None and mine.acknowledged_by_me and mine.acknowledged == 1
            b.faults.offline = False
            await b.sync()
            await a.sync()
            status = await a.read(reads.acknowledgements, mid)
            assert [p.username for p, _at in status.acknowledged] == ["emily"]
            assert [p.username for p in status.waiting] == ["lijie"]
            assert status.total == 2
            # A second device of Emily's pulls her acknowledgement too.
            b2 = await c.client("emily", "emily-laptop")
            await b2.sync()
            seen = await b2.read(reads.message, mid, user_id=b2.user_id)
            assert seen is not None and seen.acknowledged_by_me

    run(main())


def test_the_urgent_allowance_is_checked_before_queueing_and_by_the_server(
        server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            a, b = await c.client("wangfang"), await c.client("emily")
            await a.sync()
            await b.sync()
            cid = await shared_group(a, b)
            with pytest.raises(ActionRefused, match="reason"):
                await a.act(chats.send, cid, "now!", urgent_reason="   ")
            for n in range(3):
                await a.act(chats.send, cid, f"alarm {n}", urgent_reason="outage")
            assert await a.act(chats.urgent_left) == 0
            with pytest.raises(ActionRefused, match="important instead"):
                await a.act(chats.send, cid, "alarm 3", urgent_reason="outage")
            report = await a.sync()
            assert report.rejected == 0
            # Another device of the same person knows once it has synced; and the server refuses a fourth even
            # from a device that queued it before it could know.
            a2 = await c.client("wangfang", "wangfang-phone")
            await a2.sync()
            assert await a2.act(chats.urgent_left) == 0
            session = a2.session
            assert session is not None
            mid = "urgent-from-the-phone"
            await a2.worker.run(lambda _s: session.enqueue(
                "message.send", {"id": mid, "conversation_id": cid, "body": "alarm from the phone", "urgent": True,
                                 "urgent_reason": "outage", "important": True},
                scope=f"conv:{cid}", summary="alarm"))
            report = await a2.sync()
            assert report.rejected == 1
            refused = await a2.read(reads.message, mid)
            assert refused is not None and refused.state == "rejected" and "urgent" in (refused.reason or "")
            assert refused.urgent and refused.urgent_reason == "outage"  # still shown as what was written

    run(main())


def test_notification_settings_follow_the_person_and_the_admin_sets_the_default(
        server: LiveServer, tmp_path: Path) -> None:
    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            desk, laptop, admin = (await c.client("emily", "emily-desk"), await c.client("emily", "emily-laptop"),
                                   await c.client("admin"))
            for p in (desk, laptop, admin):
                await p.sync()
            # The admin publishes the organisation's default: 08:30-17:30 in Shanghai.
            default = NotificationSettings(time_zone="Asia/Shanghai",
                                           working_hours=week({d: ["08:30-17:30"] for d in
                                                               ("mon", "tue", "wed", "thu", "fri")}))
            with pytest.raises(ActionRefused, match="administrator"):
                await desk.act(preferences.save_organisation_default, default)
            await admin.act(preferences.save_organisation_default, default)
            await admin.sync()
            await desk.sync()
            base = await desk.read(org_default, "Europe/London")
            assert base.time_zone == "Asia/Shanghai" and str(base.working_hours[0][0]) == "08:30-17:30"
            # Emily changes sound and Saturday on her desk; her laptop follows; presenting mode stays on the desk.
            current = await desk.read(lambda conn: NotifiedLog(conn).load_settings("UTC", desk.user_id))
            assert current.working_hours == base.working_hours
            mine = replace(current, sound=False, presenting=True,
                           working_hours=(*current.working_hours[:5], (week(sat=["10:00-12:00"])[5]), ()))
            await desk.worker.run(lambda s: NotifiedLog(s.conn).save_settings(mine))
            await desk.act(preferences.save_notification_settings, mine)
            await desk.sync()
            await laptop.sync()
            there = await laptop.read(lambda conn: NotifiedLog(conn).load_settings("UTC", laptop.user_id))
            assert not there.sound and str(there.working_hours[5][0]) == "10:00-12:00"
            assert not there.presenting
            assert there.working_hours[0] == base.working_hours[0]  # what she did not change follows the org

    run(main())
