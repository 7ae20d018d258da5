"""The feed and the notifier over a real store, with a fake clock and an adapter that records what would pop up."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from app.notifications import EventKind, NotificationSettings, office_hours
from app.notifications.feed import NotifiedLog, classify, history, mentions_me, message_events
from app.notifications.notifier import Notification, Notifier
from app.store import Changes, PulledChange, Store
from tests.app import LI, ME, WANG, Feed

# 2026-11-02 is a Monday; office hours 09:00-18:00 UTC.
MONDAY_10 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
MONDAY_20 = datetime(2026, 11, 2, 20, 0, tzinfo=UTC)
SETTINGS = NotificationSettings(time_zone="UTC", working_hours=office_hours())


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Recorder:
    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def show(self, notification: Notification) -> None:
        self.shown.append(notification)


@pytest.fixture
def feed(store: Store) -> Feed:
    f = Feed(store)
    f.org()
    f.conversation("dm", "direct", "", (ME, WANG))
    f.conversation("g1", "group", "Project", (ME, WANG, LI))
    return f


class Setup:
    def __init__(self, store: Store, clock: FakeClock, settings: NotificationSettings = SETTINGS) -> None:
        self.store, self.clock, self.adapter = store, clock, Recorder()
        NotifiedLog(store.conn).save_settings(settings)
        self.notifier = Notifier(store.conn, ME, self.adapter, clock=clock, default_zone="UTC")
        store.add_listener(self.notifier.on_changes)

    def close(self) -> None:
        self.store.remove_listener(self.notifier.on_changes)


def send(feed: Feed, cid: str, seqs: range | list[int], author: str, at: datetime, **extra: Any) -> None:
    feed.many([
        (f"conv:{cid}", "message", f"m-{cid}-{seq}",
         Feed.message_data(cid, seq, author, f"hello {seq}", sent_at=at.isoformat(), **extra))
        for seq in seqs
    ])


def test_classify_and_mentions() -> None:
    assert classify("direct", False, False) is EventKind.DIRECT_MESSAGE
    assert classify("group", False, False) is EventKind.GROUP_MESSAGE
    assert classify("group", False, True) is EventKind.MENTION
    assert classify("direct", True, True) is EventKind.IMPORTANT_MESSAGE
    assert mentions_me("ping @Me please", (), ME, "me")
    assert not mentions_me("ping @meadow", (), ME, "me")
    assert mentions_me("no at-sign", (ME,), ME, "me")
    # The body is read by the parser that highlights it: code, fenced blocks and link addresses call nobody.
    assert mentions_me("请@me看一下", (), ME, "me")
    assert not mentions_me("`@me` is my handle", (), ME, "me")
    assert not mentions_me("```\n@me\n```", (), ME, "me")
    assert not mentions_me("https://medium.com/@me and [post](https://medium.com/@me/post)", (), ME, "me")
    assert not mentions_me("write to x@me.com", (), ME, "me")
    assert mentions_me("请@王芳 看一下", (), ME, "me", "王芳", "Wang Fang")
    assert not mentions_me("请@王芳芳 看一下", (), ME, "me", "王芳", "Wang Fang")


def test_events_skip_my_own_and_other_conversations(store: Store, feed: Feed) -> None:
    feed.conversation("other", "group", "Not mine", (WANG, LI))
    send(feed, "dm", [1], WANG, MONDAY_10)
    send(feed, "dm", [2], ME, MONDAY_10)
    send(feed, "other", [1], WANG, MONDAY_10)
    send(feed, "g1", [1], LI, MONDAY_10, mentions=[ME])
    found = message_events(store.conn, ME, ["m-dm-1", "m-dm-2", "m-other-1", "m-g1-1"])
    assert [(m.event.id, m.event.kind) for m in found] == [
        ("message:m-dm-1", EventKind.DIRECT_MESSAGE), ("message:m-g1-1", EventKind.MENTION)]
    assert found[0].sender_name == "Wang Fang" and found[1].event.title == "Project"


def test_first_sync_of_5000_historical_messages_notifies_nothing(store: Store) -> None:
    # A fresh profile: no cursors yet. History sent just before the start still counts as history.
    clock = FakeClock(MONDAY_10)
    setup = Setup(store, clock)
    feed = Feed(store)
    feed.org()
    feed.conversation("g1", "group", "Project", (ME, WANG, LI))
    feed.conversation("dm", "direct", "", (ME, WANG))
    changes = [
        PulledChange("conv:dm", seq, "message", f"m-dm-{seq}", "upsert",
                     Feed.message_data("dm", seq, WANG, f"old {seq}",
                                       sent_at=(MONDAY_10 - timedelta(seconds=5001 - seq)).isoformat(),
                                       mentions=[ME] if seq % 7 == 0 else []))
        for seq in range(1, 5001)
    ]
    store.apply_pull(changes, {"conv:dm": 5000}, revoked=[])
    assert store.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 5000
    clock.now += timedelta(hours=1)
    setup.notifier.check()
    assert setup.adapter.shown == []
    assert setup.notifier.held_count == 0
    setup.close()


def test_quiet_hours_hold_200_then_one_digest(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_20)
    setup = Setup(store, clock)
    send(feed, "g1", range(1, 151), WANG, MONDAY_20, mentions=[])
    send(feed, "dm", range(1, 51), WANG, MONDAY_20)
    assert setup.adapter.shown == []
    assert setup.notifier.held_count == 200
    for hour in range(1, 15):  # the minute timer through the night, into Tuesday morning
        clock.now = MONDAY_20 + timedelta(hours=hour)
        setup.notifier.check()
    assert len(setup.adapter.shown) == 1
    digest = setup.adapter.shown[0]
    assert digest.is_digest and len(digest.event_ids) == 200
    assert digest.body.startswith("While you were away: 200 messages in 2 chats")
    clock.now += timedelta(hours=1)
    setup.notifier.check()
    assert len(setup.adapter.shown) == 1
    setup.close()


def test_restart_does_not_repeat(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_10)
    first = Setup(store, clock)
    send(feed, "dm", [1], WANG, MONDAY_10)
    assert len(first.adapter.shown) == 1
    first.close()
    second = Setup(store, clock)
    # A resync sends the same message again, and the change set names it again.
    send(feed, "dm", [1], WANG, MONDAY_10)
    second.notifier.on_changes({"message": {"m-dm-1"}})
    assert second.adapter.shown == []
    second.close()


def test_held_events_survive_a_restart_into_the_digest(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_20)
    first = Setup(store, clock)
    send(feed, "dm", [1, 2], WANG, MONDAY_20)
    first.close()
    clock.now = MONDAY_20 + timedelta(minutes=3)
    second = Setup(store, clock)
    assert second.notifier.held_count == 2
    clock.now = MONDAY_20 + timedelta(hours=14)
    assert second.notifier.check()
    assert second.adapter.shown[0].event_ids == ("message:m-dm-1", "message:m-dm-2")
    second.close()


def test_read_on_another_device_is_never_shown_later(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_20)
    setup = Setup(store, clock)
    send(feed, "dm", [1, 2, 3], WANG, MONDAY_20)
    send(feed, "g1", [1], WANG, MONDAY_20, mentions=[ME])
    assert setup.notifier.held_count == 4
    feed.read_marker("dm", ME, 3)  # device A read the direct chat
    assert setup.notifier.held_count == 1
    clock.now = MONDAY_20 + timedelta(hours=14)
    setup.notifier.check()
    assert [n.event_ids for n in setup.adapter.shown] == [("message:m-g1-1",)]
    # A message that reaches this device after it was read elsewhere says nothing either.
    clock.now = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)
    feed.read_marker("dm", ME, 4)
    send(feed, "dm", [4], WANG, clock.now)
    assert len(setup.adapter.shown) == 1
    read = {i.event_id: i.read for i in history(store.conn, ME)}
    assert read["message:m-dm-1"] and read["message:m-dm-4"] and not read["message:m-g1-1"]
    setup.close()


def test_direct_message_in_working_hours_pops_up_with_sender_and_preview(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_10)
    setup = Setup(store, clock)
    send(feed, "dm", [1], WANG, MONDAY_10)
    [note] = setup.adapter.shown
    assert (note.title, note.body, note.open_kind, note.open_id) == ("Wang Fang", "hello 1", "message", "m-dm-1")
    setup.notifier.set_settings(replace(SETTINGS, hide_previews=True))
    send(feed, "dm", [2], WANG, MONDAY_10)
    assert setup.adapter.shown[-1].title == "Wang Fang"
    assert "hello" not in setup.adapter.shown[-1].body
    setup.close()


def test_burst_is_one_pop_up_per_conversation(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_10)
    setup = Setup(store, clock)
    send(feed, "dm", range(1, 6), WANG, MONDAY_10)
    [note] = setup.adapter.shown
    assert len(note.event_ids) == 5 and note.body.endswith("+4 more")
    setup.close()


def test_presenting_mode_shows_nothing_until_turned_off(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_10)
    setup = Setup(store, clock, replace(SETTINGS, presenting=True))
    send(feed, "dm", [1], WANG, MONDAY_10)
    send(feed, "g1", [1], LI, MONDAY_10, mentions=[ME], important=True)
    assert setup.adapter.shown == []
    setup.notifier.set_settings(replace(setup.notifier.settings, presenting=False))
    [digest] = setup.adapter.shown
    assert digest.is_digest and len(digest.event_ids) == 2
    setup.close()


def test_back_online_brings_late_arrivals_as_one_digest(store: Store, feed: Feed) -> None:
    clock = FakeClock(MONDAY_10)
    setup = Setup(store, clock)
    send(feed, "dm", [1, 2], WANG, MONDAY_10 - timedelta(minutes=4))
    clock.now = MONDAY_10 + timedelta(minutes=30)  # they arrive half an hour late
    send(feed, "dm", [3], WANG, MONDAY_10 + timedelta(minutes=1))
    shown_before = len(setup.adapter.shown)
    assert setup.notifier.held_count == 1
    assert setup.notifier.back_online()
    assert len(setup.adapter.shown) == shown_before + 1 and setup.adapter.shown[-1].is_digest
    setup.close()


def test_settings_persist_and_default_to_office_hours(store: Store) -> None:
    log = NotifiedLog(store.conn)
    assert log.load_settings("Asia/Shanghai") == NotificationSettings(time_zone="Asia/Shanghai")
    assert log.load_settings("Nowhere/Else").time_zone == "UTC"
    log.save_settings(replace(SETTINGS, sound=False))
    assert log.load_settings("Asia/Shanghai") == replace(SETTINGS, sound=False)


def test_changes_without_messages_are_ignored(store: Store, feed: Feed) -> None:
    setup = Setup(store, FakeClock(MONDAY_10))
    changes: Changes = {"outbox": {"1"}, "read_marker": {f"dm:{WANG}"}}
    setup.notifier.on_changes(changes)
    assert setup.adapter.shown == []
    setup.close()
