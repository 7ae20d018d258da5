"""A burst of failed sign-ins reaches the account's owner as a notification (issue 20, item 3), end to end: the
server counts the failures, writes a notice into the owner's own scope, the owner's profile pulls it, and the
notifier words and shows it (and the notification centre keeps it)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from app.notifications import NotificationSettings, office_hours
from app.notifications.feed import NotifiedLog, history
from app.notifications.notifier import Notifier
from app.store import Store
from tests.helpers.live_server import LiveServer
from tests.notifications.test_feed import Recorder

from .conftest import FakeTime, cluster, run

FRIDAY_16_IN_SHANGHAI = datetime(2027, 1, 15, 8, 0, tzinfo=UTC)


async def fail_sign_ins(url: str, username: str, times: int, fake_time: FakeTime) -> None:
    """Wrong passwords from two addresses, waiting out each delay the server asks for."""
    async with httpx.AsyncClient(base_url=url) as http:
        done = 0
        while done < times:
            reply = await http.post(
                "/v1/auth/login",
                json={"username": username, "password": "letmein"},
                headers={"x-forwarded-for": f"198.51.100.{done % 2 + 1}"},
            )
            if reply.status_code == 429:
                fake_time.now += int(reply.headers["retry-after"])
                continue
            assert reply.status_code == 401
            done += 1


def test_a_burst_of_failed_sign_ins_notifies_the_owner(server: LiveServer, tmp_path: Path, fake_time: FakeTime) -> None:
    recorder = Recorder()
    fake_time.now = FRIDAY_16_IN_SHANGHAI.timestamp()  # the server's clock for sign-ins and its notice

    def now() -> datetime:
        return datetime.fromtimestamp(fake_time.now, UTC)

    async def main() -> None:
        async with cluster(server, tmp_path) as c:
            owner = await c.client("wangfang")
            await owner.sync()

            def listen(store: Store) -> Notifier:
                # Friday 16:00 in Shanghai: within working hours, so it pops up at once.
                NotifiedLog(store.conn).save_settings(
                    NotificationSettings(time_zone="Asia/Shanghai", working_hours=office_hours())
                )
                notifier = Notifier(store.conn, owner.user_id, recorder, clock=now, default_zone="Asia/Shanghai")
                store.add_listener(notifier.on_changes)
                return notifier

            notifier = await owner.worker.run(listen)
            await fail_sign_ins(server.url, "wangfang", server.config.auth.notify_after_failures - 1, fake_time)
            await owner.sync()
            assert recorder.shown == []  # a few typos are nobody's business
            await fail_sign_ins(server.url, "wangfang", 1, fake_time)
            await owner.sync()
            (shown,) = recorder.shown
            assert shown.title == "Failed sign-ins to your account"
            assert shown.body.startswith("10 wrong passwords since 2027-01-15 16:00 from 2 address(es)")
            assert "198.51.100." in shown.body and "tell your administrator" in shown.body
            assert shown.open_kind is None  # clicking it opens the notification centre
            # The notification centre keeps it; a second device of the owner pulls the same notice.
            (item,) = await owner.read(history, owner.user_id)
            assert item.event_kind == "account_notice" and item.action == "show_now"
            other = await c.client("lijie")
            await other.sync()
            assert await other.sql("SELECT count(*) FROM notices") == [(0,)]
            await owner.worker.run(lambda store: store.remove_listener(notifier.on_changes))

    run(main())
