"""Events that are not plain messages, over a real store with a fake clock: tasks given to me, due-date reminders
from the local scheduler, review requests and outcomes, urgent messages with their reason and the reminders to
acknowledge them, and settings that arrive from the person's other devices or the organisation."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.hlc import Timestamp
from app.notifications import NotificationSettings, office_hours, week
from app.notifications.feed import NotifiedLog, history, org_default
from app.notifications.notifier import Notifier
from app.notifications.settings import effective, personal_changes
from app.notifications.sources import due_at
from app.store import Store
from tests.app import LI, ME, T0, WANG, Feed

from .test_feed import FakeClock, Recorder

# 2026-11-02 is a Monday; office hours 09:00-18:00 UTC.
MONDAY_10 = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)
SETTINGS = NotificationSettings(time_zone="UTC", working_hours=office_hours())


def hlc(moment: datetime, node: str = "c1") -> str:
    return str(Timestamp(int(moment.timestamp() * 1000), 0, node))


@pytest.fixture
def feed(store: Store) -> Feed:
    f = Feed(store)
    f.org()
    f.space("s1", "Launch", members=(ME, WANG, LI))
    f.conversation("g1", "group", "Project", (ME, WANG, LI))
    return f


class Setup:
    def __init__(self, store: Store, clock: FakeClock, settings: NotificationSettings = SETTINGS, **kw: Any) -> None:
        self.store, self.clock, self.adapter = store, clock, Recorder()
        NotifiedLog(store.conn).save_settings(settings)
        self.notifier = Notifier(store.conn, ME, self.adapter, clock=clock, default_zone="UTC", **kw)
        store.add_listener(self.notifier.on_changes)

    def restart(self) -> None:
        self.close()
        self.adapter = Recorder()
        self.notifier = Notifier(self.store.conn, ME, self.adapter, clock=self.clock, default_zone="UTC")
        self.store.add_listener(self.notifier.on_changes)

    @property
    def titles(self) -> list[str]:
        return [n.title for n in self.adapter.shown]

    def close(self) -> None:
        self.store.remove_listener(self.notifier.on_changes)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(MONDAY_10)


@pytest.fixture
def setup(store: Store, feed: Feed, clock: FakeClock) -> Iterator[Setup]:
    s = Setup(store, clock)
    yield s
    s.close()


def give_task(feed: Feed, tid: str, *, owner: str, by: str, at: datetime, due: str | None = None,
              status: str = "todo", title: str = "Write the launch plan") -> None:
    """A task whose owner was set by `by` at `at` (the owner field's clock and its history entry)."""
    owner_clock = hlc(at)
    fields = ("title", "description", "owner_id", "due", "status", "progress", "depends_on")
    feed.many([
        ("space:s1", "task", tid, {
            "id": tid, "space_id": "s1", "title": title, "description": "", "owner_id": owner, "due": due,
            "status": status, "progress": 0, "depends_on": [],
            "clocks": {**dict.fromkeys(fields, "001793000000000-000000-s"), "owner_id": owner_clock},
            "created_by": WANG, "created_at": T0, "updated_at": at.isoformat(), "deleted": False}),
        ("space:s1", "task_history", f"h-{tid}-{owner_clock}", {
            "id": f"h-{tid}-{owner_clock}", "task_id": tid, "field": "owner_id", "old_value": None,
            "new_value": owner, "actor_id": by, "hlc": owner_clock, "outcome": "applied", "at": at.isoformat()}),
    ])


# -- tasks --------------------------------------------------------------------------------------------------------


def test_a_task_given_to_me_notifies_once(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    give_task(feed, "t1", owner=ME, by=WANG, at=MONDAY_10)
    assert setup.titles == ["New task for you"]
    assert setup.adapter.shown[0].open_kind == "task" and setup.adapter.shown[0].open_id == "t1"
    assert "Wang Fang" in setup.adapter.shown[0].body
    give_task(feed, "t1", owner=ME, by=WANG, at=MONDAY_10)  # the same change again (a resync)
    setup.restart()
    give_task(feed, "t1", owner=ME, by=WANG, at=MONDAY_10)
    assert setup.titles == []
    # Given to someone else and back later: a new assignment, news again.
    clock.now += timedelta(minutes=30)
    give_task(feed, "t1", owner=WANG, by=WANG, at=clock.now)
    give_task(feed, "t1", owner=ME, by=LI, at=clock.now + timedelta(seconds=1))
    assert setup.titles == ["New task for you"]


def test_a_task_i_took_myself_or_long_ago_is_not_news(setup: Setup, feed: Feed) -> None:
    give_task(feed, "mine", owner=ME, by=ME, at=MONDAY_10)
    give_task(feed, "old", owner=ME, by=WANG, at=MONDAY_10 - timedelta(days=3))
    assert setup.adapter.shown == []


def test_due_reminders_fire_from_the_local_scheduler(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    # Due Tuesday: the end of Tuesday's working hours, 18:00.
    give_task(feed, "t1", owner=ME, by=ME, at=MONDAY_10 - timedelta(days=1), due="2026-11-03")
    setup.notifier.check()
    assert setup.adapter.shown == []  # Monday 10:00: more than 24 h ahead
    clock.now = datetime(2026, 11, 2, 17, 30, tzinfo=UTC)
    setup.notifier.check()
    assert setup.adapter.shown == []
    clock.now = datetime(2026, 11, 2, 18, 1, tzinfo=UTC)  # 24 h before, but quiet time now: held
    setup.notifier.check()
    assert setup.adapter.shown == [] and setup.notifier.held_count == 1
    clock.now = datetime(2026, 11, 3, 9, 1, tzinfo=UTC)  # the morning digest
    setup.notifier.check()
    assert len(setup.adapter.shown) == 1 and setup.adapter.shown[0].is_digest
    assert "due" in setup.adapter.shown[0].body.lower()
    clock.now = datetime(2026, 11, 3, 16, 5, tzinfo=UTC)  # 2 h before: shown
    setup.notifier.check()
    assert setup.titles[-1] == "Due within 2 hours"
    setup.restart()  # no repeats after a restart
    setup.notifier.check()
    assert setup.adapter.shown == []
    clock.now = datetime(2026, 11, 3, 18, 0, tzinfo=UTC)  # overdue at quiet time: held for the digest
    setup.notifier.check()
    assert setup.adapter.shown == [] and setup.notifier.held_count == 1


def test_moving_the_due_date_gives_a_fresh_reminder_and_done_tasks_none(
        setup: Setup, feed: Feed, clock: FakeClock) -> None:
    give_task(feed, "t1", owner=ME, by=ME, at=MONDAY_10 - timedelta(days=1), due="2026-11-02")
    clock.now = datetime(2026, 11, 2, 16, 30, tzinfo=UTC)
    setup.notifier.check()
    assert setup.titles == ["Due within 2 hours"]
    give_task(feed, "t1", owner=ME, by=ME, at=MONDAY_10 - timedelta(days=1), due="2026-11-03")
    give_task(feed, "t2", owner=ME, by=ME, at=MONDAY_10 - timedelta(days=1), due="2026-11-02", status="done")
    clock.now = datetime(2026, 11, 3, 16, 30, tzinfo=UTC)
    setup.notifier.check()
    assert setup.titles == ["Due within 2 hours", "Due within 2 hours"]


def test_a_new_profile_is_not_reminded_of_old_overdue_tasks(store: Store, clock: FakeClock) -> None:
    setup = Setup(store, clock)  # no cursors yet: a fresh profile
    feed = Feed(store)
    feed.org()
    feed.space("s1", "Launch", members=(ME, WANG))
    for n in range(10):
        give_task(feed, f"t{n}", owner=ME, by=WANG, at=MONDAY_10 - timedelta(days=20), due="2026-10-20")
    setup.notifier.check()
    assert setup.adapter.shown == [] and setup.notifier.held_count == 0
    setup.close()


def test_many_reminders_at_once_come_as_one_summary(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    for n in range(6):
        give_task(feed, f"t{n}", owner=ME, by=ME, at=MONDAY_10 - timedelta(days=1), due="2026-11-02",
                  title=f"Task {n}")
    clock.now = datetime(2026, 11, 2, 16, 30, tzinfo=UTC)
    setup.notifier.check()
    assert len(setup.adapter.shown) == 1 and setup.adapter.shown[0].is_digest
    assert "6" in setup.adapter.shown[0].body


def test_due_time_follows_the_working_day() -> None:
    night = NotificationSettings(time_zone="Asia/Shanghai", working_hours=week(mon=["08:00-12:00", "13:00-17:30"]))
    assert due_at(date(2026, 11, 2), night) == datetime(2026, 11, 2, 17, 30, tzinfo=night.zone)
    assert due_at(date(2026, 11, 7), night).hour == 18  # Saturday is a day off: 18:00


# -- articles -----------------------------------------------------------------------------------------------------


def article(feed: Feed, aid: str, *, author: str, status: str, reviewer: str | None = None, comment: str = "",
            revision: str = "r1", at: datetime = MONDAY_10) -> None:
    scope = "kb" if status == "published" else f"drafts:{author}"
    feed.put(scope, "article", aid, {
        "id": aid, "title": "报销流程", "category": "", "tags": [], "status": status, "author_id": author,
        "head_revision_id": f"{aid}-{revision}", "created_at": T0, "updated_at": at.isoformat(),
        "published_at": at.isoformat() if status == "published" else None, "reviewer_id": reviewer,
        "review_comment": comment})


def test_review_requests_reach_the_reviewer(store: Store, feed: Feed, clock: FakeClock) -> None:
    feed.person(ME, "me", "我", "Me", role="head")  # I head department d1, where Wang works
    setup = Setup(store, clock)
    article(feed, "a1", author=WANG, status="draft")
    assert setup.adapter.shown == []
    article(feed, "a1", author=WANG, status="in_review")
    assert setup.titles == ["Waiting for your review"]
    assert setup.adapter.shown[0].open_kind == "article"
    article(feed, "a1", author=WANG, status="in_review")  # nothing new
    assert len(setup.adapter.shown) == 1
    setup.close()


def test_people_who_cannot_review_hear_nothing(setup: Setup, feed: Feed) -> None:
    article(feed, "a1", author=WANG, status="in_review")
    assert setup.adapter.shown == []


def test_my_article_approved_or_sent_back(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    article(feed, "a1", author=ME, status="in_review")
    article(feed, "a1", author=ME, status="draft", reviewer=LI, comment="请补充审批人")
    assert setup.titles == ["Your article was sent back"]
    assert "请补充审批人" in setup.adapter.shown[0].body
    clock.now += timedelta(minutes=10)
    article(feed, "a1", author=ME, status="in_review", revision="r2", at=clock.now)
    article(feed, "a1", author=ME, status="published", reviewer=LI, revision="r2", at=clock.now)
    assert setup.titles[-1] == "Your article was approved and published"
    # Editing it later is not another approval.
    article(feed, "a1", author=ME, status="published", reviewer=LI, revision="r3", at=clock.now)
    assert len(setup.adapter.shown) == 2
    items = history(setup.store.conn, ME)
    assert {i.kind for i in items} == {"article"} and {i.event_kind for i in items} == {
        "article_approved", "article_sent_back"}


# -- urgent messages and acknowledgements --------------------------------------------------------------------------


def urgent(feed: Feed, seq: int, at: datetime, *, ack_requested: bool = True) -> str:
    data = Feed.message_data("g1", seq, WANG, "机房漏水，请马上处理", sent_at=at.isoformat(), urgent=True,
                             urgent_reason="Server room flooding", ack_requested=ack_requested, important=True)
    feed.put("conv:g1", "message", data["id"], data)
    return str(data["id"])


def test_urgent_message_gets_through_quiet_time_with_its_reason(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 2, 22, 0, tzinfo=UTC)
    urgent(feed, 1, clock.now)
    assert len(setup.adapter.shown) == 1
    note = setup.adapter.shown[0]
    assert note.title == "Urgent: Wang Fang" and "Reason: Server room flooding" in note.body
    assert note.open_kind == "message"


def test_unacknowledged_urgent_message_reminds_every_5_minutes_for_an_hour(
        setup: Setup, feed: Feed, clock: FakeClock) -> None:
    sent = clock.now
    mid = urgent(feed, 1, sent)
    assert len(setup.adapter.shown) == 1
    for minutes, expected in ((3, 1), (5, 2), (7, 2), (10, 3), (11, 3)):
        clock.now = sent + timedelta(minutes=minutes)
        setup.notifier.check()
        assert len(setup.adapter.shown) == expected, minutes
    assert setup.titles[-1] == "Please acknowledge: Wang Fang"
    setup.restart()  # the reminder of this round is not repeated
    setup.notifier.check()
    assert setup.adapter.shown == []
    feed.put("conv:g1", "acknowledgement", f"{mid}:{ME}", {"message_id": mid, "user_id": ME, "at": T0})
    clock.now = sent + timedelta(minutes=15)
    setup.notifier.check()
    assert setup.adapter.shown == []


def test_reminders_stop_after_an_hour(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    sent = clock.now
    urgent(feed, 1, sent)
    clock.now = sent + timedelta(minutes=61)
    setup.notifier.check()
    assert len(setup.adapter.shown) == 1  # just the message itself


def test_a_message_not_asking_for_acknowledgement_is_not_reminded(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    sent = clock.now
    urgent(feed, 1, sent, ack_requested=False)
    clock.now = sent + timedelta(minutes=5)
    setup.notifier.check()
    assert len(setup.adapter.shown) == 1


# -- settings from other devices and the organisation ------------------------------------------------------------


def test_settings_follow_the_person_and_the_organisation(setup: Setup, feed: Feed, clock: FakeClock) -> None:
    clock.now = datetime(2026, 11, 2, 19, 0, tzinfo=UTC)  # after office hours
    feed.put("org", "preference", "org:notifications", {
        "owner": "org", "key": "notifications", "value": {"working_hours": {"mon": ["09:00-20:00"]}}, "hlc": "1"})
    assert setup.notifier.settings.working_hours[0][0].end.hour == 20  # the organisation's new default
    def mention(seq: int) -> None:
        data = Feed.message_data("g1", seq, WANG, "@me still there?", sent_at=clock.now.isoformat())
        feed.put("conv:g1", "message", data["id"], data)

    mention(1)
    assert len(setup.adapter.shown) == 1
    # Another device of mine says: sound off, and Monday ends at 18:00 after all.
    feed.put(f"user:{ME}", "preference", f"{ME}:notifications", {
        "owner": ME, "key": "notifications", "value": {"sound": False, "working_hours": {"mon": ["09:00-18:00"]}},
        "hlc": "2"})
    assert not setup.notifier.settings.sound
    mention(2)
    assert len(setup.adapter.shown) == 1 and setup.notifier.held_count == 1


def test_presenting_mode_stays_on_this_device(setup: Setup, feed: Feed) -> None:
    sent: list[NotificationSettings] = []
    setup.notifier.persist = sent.append
    setup.notifier.set_settings(replace(setup.notifier.settings, presenting=True))
    assert sent and sent[0].presenting
    assert "presenting" not in personal_changes(sent[0], org_default(setup.store.conn))
    feed.put(f"user:{ME}", "preference", f"{ME}:notifications", {
        "owner": ME, "key": "notifications", "value": {"sound": False}, "hlc": "3"})
    assert setup.notifier.settings.presenting and not setup.notifier.settings.sound


_ZONES = st.sampled_from(["UTC", "Asia/Shanghai", "Europe/London", "America/New_York"])
_HOURS = st.sampled_from([[], ["09:00-18:00"], ["08:00-12:00", "13:00-17:00"], ["22:00-06:00"]])


@given(zone=_ZONES, org_zone=_ZONES, mon=_HOURS, sat=_HOURS, org_mon=_HOURS, sound=st.booleans(),
       priority=st.frozensets(st.sampled_from([WANG, LI]), max_size=2))
def test_personal_changes_round_trip(zone: str, org_zone: str, mon: list[str], sat: list[str], org_mon: list[str],
                                     sound: bool, priority: frozenset[str]) -> None:
    org = NotificationSettings(time_zone=org_zone, working_hours=week(mon=org_mon, tue=["09:00-18:00"]))
    mine = NotificationSettings(time_zone=zone, working_hours=week(mon=mon, tue=["09:00-18:00"], sat=sat),
                                sound=sound, priority_people=priority)
    assert effective(org, personal_changes(mine, org)) == mine
