"""Notifications at the edges of the calendar: quiet hours on the minute they start and end, working hours on
the days clocks change, "pause until tomorrow's working hours" asked for on New Year's Eve, at a month end, on
a Friday evening and the evening before a daylight-saving change, and due-date reminders for tasks due on
1 January, on the 1st of a month and on the day clocks change.

Every instant is fixed. Zones: Shanghai has no daylight saving; Berlin goes forward on Sun 2026-03-29 (02:00 CET
→ 03:00 CEST) and back on Sun 2026-10-25 (03:00 CEST → 02:00 CET); Los Angeles goes forward on Sun 2026-03-08
and back on Sun 2026-11-01.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.notifications import (
    Action,
    EventKind,
    NotificationSettings,
    Rule,
    decide,
    next_working_start,
    quiet_period_ended,
    week,
)
from app.notifications.policy import Decision, in_working_hours, is_quiet
from app.notifications.sources import due_at, due_reminders, next_due_change
from app.store import Store
from tests.app import ME, WANG, Feed
from tests.notifications import SHANGHAI, dm, local, reminder, utc

from .test_sources import give_task

BERLIN, LOS_ANGELES = "Europe/Berlin", "America/Los_Angeles"
SH = NotificationSettings(time_zone=SHANGHAI)  # Mon–Fri 09:00–18:00
BE = NotificationSettings(time_zone=BERLIN)
LA = NotificationSettings(time_zone=LOS_ANGELES)
EVERY_DAY = {day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")}


def shown(settings: NotificationSettings, now: datetime) -> Decision:
    """The decision for a direct message that arrives at `now`."""
    return decide(dm(now), settings, now)


# ------------------------------------------------------------------------------------- quiet hours edges


@pytest.mark.parametrize(
    ("when", "action", "rule"),
    [
        ("2027-03-01 08:59", Action.HOLD_FOR_DIGEST, Rule.OUTSIDE_WORKING_HOURS),  # Monday, the 1st of the month
        ("2027-03-01 09:00", Action.SHOW_NOW, Rule.WORKING_HOURS),
        ("2027-12-31 17:59", Action.SHOW_NOW, Rule.WORKING_HOURS),  # Friday, New Year's Eve
        ("2027-12-31 18:00", Action.HOLD_FOR_DIGEST, Rule.OUTSIDE_WORKING_HOURS),
        ("2027-12-31 18:01", Action.HOLD_FOR_DIGEST, Rule.OUTSIDE_WORKING_HOURS),
        ("2028-01-01 10:00", Action.HOLD_FOR_DIGEST, Rule.OUTSIDE_WORKING_HOURS),  # Saturday
        ("2028-02-29 09:00", Action.SHOW_NOW, Rule.WORKING_HOURS),  # Tuesday, the leap day
        ("2027-02-28 23:59", Action.HOLD_FOR_DIGEST, Rule.OUTSIDE_WORKING_HOURS),  # Sunday, the month's last minute
    ],
)
def test_shanghai_working_hours_to_the_minute(when: str, action: Action, rule: Rule) -> None:
    now = local(SHANGHAI, when)
    for same_instant in (now, now.astimezone(UTC), now.astimezone(ZoneInfo(LOS_ANGELES))):
        decision = shown(SH, same_instant)
        assert (decision.action, decision.rule) == (action, rule), same_instant


def test_the_quiet_reason_names_the_local_day_and_time() -> None:
    # 18:01 on Friday in Shanghai is 10:01 on Friday in UTC and 02:01 on Friday in Los Angeles.
    decision = shown(SH, utc("2027-12-31 10:01"))
    assert decision.reason == (
        "It is Fri 18:01 in Asia/Shanghai, outside your working hours, so this waits for the summary."
    )
    monday = shown(SH, utc("2027-02-28 16:59"))  # 00:59 on Monday 1 March in Shanghai, still February in UTC
    assert "Mon 00:59 in Asia/Shanghai" in monday.reason


# ---------------------------------------------------------------------------- working hours and DST changes


@pytest.mark.parametrize(
    ("settings", "start_utc", "end_utc"),
    [
        # Friday before and Monday after Berlin springs forward: 09:00–18:00 local is 08–17 UTC, then 07–16 UTC.
        (BE, "2026-03-27 08:00", "2026-03-27 17:00"),
        (BE, "2026-03-30 07:00", "2026-03-30 16:00"),
        # Friday before and Monday after Berlin falls back: 07–16 UTC, then 08–17 UTC.
        (BE, "2026-10-23 07:00", "2026-10-23 16:00"),
        (BE, "2026-10-26 08:00", "2026-10-26 17:00"),
        # Los Angeles: 17–02 UTC in winter, 16–01 UTC in summer.
        (LA, "2026-03-06 17:00", "2026-03-07 02:00"),
        (LA, "2026-03-09 16:00", "2026-03-10 01:00"),
        (LA, "2026-10-30 16:00", "2026-10-31 01:00"),
        (LA, "2026-11-02 17:00", "2026-11-03 02:00"),
        # People who work on the Sunday of the change itself.
        (NotificationSettings(time_zone=BERLIN, working_hours=week(EVERY_DAY)), "2026-03-29 07:00", "2026-03-29 16:00"),
        (NotificationSettings(time_zone=BERLIN, working_hours=week(EVERY_DAY)), "2026-10-25 08:00", "2026-10-25 17:00"),
        (NotificationSettings(time_zone=LOS_ANGELES, working_hours=week(EVERY_DAY)), "2026-03-08 16:00",
         "2026-03-09 01:00"),
    ],
)
def test_nine_stays_nine_on_both_sides_of_a_change(settings: NotificationSettings, start_utc: str,
                                                   end_utc: str) -> None:
    start, end = utc(start_utc), utc(end_utc)
    assert start.astimezone(settings.zone).strftime("%H:%M") == "09:00"
    assert end.astimezone(settings.zone).strftime("%H:%M") == "18:00"
    minute = timedelta(minutes=1)
    assert not in_working_hours(settings, start - minute)
    assert in_working_hours(settings, start)
    assert in_working_hours(settings, end - minute)
    assert not in_working_hours(settings, end)
    # An hour either way is the mistake a fixed offset would make.
    assert not in_working_hours(settings, start - timedelta(hours=1))
    assert not in_working_hours(settings, end + timedelta(hours=1) - minute)
    assert shown(settings, start).rule is Rule.WORKING_HOURS
    assert shown(settings, start - minute).rule is Rule.OUTSIDE_WORKING_HOURS


def test_a_night_shift_through_the_night_clocks_go_back() -> None:
    # Saturday 22:00 – Sunday 06:00 in Berlin: the night of 24/25 October 2026 is nine hours long.
    night = NotificationSettings(time_zone=BERLIN, working_hours=week(sat=["22:00-06:00"]))
    assert not in_working_hours(night, utc("2026-10-24 19:59"))  # 21:59 CEST
    assert in_working_hours(night, utc("2026-10-24 20:00"))  # 22:00 CEST
    assert in_working_hours(night, utc("2026-10-25 00:30"))  # 02:30 CEST
    assert in_working_hours(night, utc("2026-10-25 01:30"))  # 02:30 CET, the same wall time again
    assert in_working_hours(night, utc("2026-10-25 04:59"))  # 05:59 CET
    assert not in_working_hours(night, utc("2026-10-25 05:00"))  # 06:00 CET


@pytest.mark.parametrize("zone_of_now", ["UTC", BERLIN, SHANGHAI])
def test_lateness_is_real_time_even_when_the_wall_clock_repeats_an_hour(zone_of_now: str) -> None:
    # Someone working Sunday 00:00–06:00 in Berlin. A message written at 02:30 CEST arrives at 02:30 CET: the
    # wall clock reads the same, but an hour has passed, so it is late and waits for the summary.
    nights = NotificationSettings(time_zone=BERLIN, working_hours=week(sun=["00:00-06:00"]))
    berlin = ZoneInfo(BERLIN)
    written = utc("2026-10-25 00:30").astimezone(berlin)
    now = utc("2026-10-25 01:30").astimezone(ZoneInfo(zone_of_now))
    decision = decide(dm(written), nights, now)
    assert (decision.action, decision.rule) == (Action.HOLD_FOR_DIGEST, Rule.LATE)


@pytest.mark.parametrize("zone_of_now", ["UTC", BERLIN, SHANGHAI])
def test_due_soon_is_real_time_even_when_the_wall_clock_jumps(zone_of_now: str) -> None:
    # 01:30 CET on the night Berlin springs forward; the task is due at 04:00 CEST, 90 minutes later although
    # the wall clock moves two and a half hours. Quiet time (Sunday), so only "due within 2 hours" gets through.
    berlin = ZoneInfo(BERLIN)
    now = utc("2026-03-29 00:30").astimezone(ZoneInfo(zone_of_now))
    due = datetime(2026, 3, 29, 4, 0, tzinfo=berlin)
    assert due - now.astimezone(UTC) == timedelta(minutes=90)
    decision = decide(reminder(EventKind.TASK_DUE_2H, due, now), BE, now)
    assert (decision.action, decision.rule) == (Action.SHOW_NOW, Rule.DUE_SOON)


# --------------------------------------------------------------------- pause until tomorrow's working hours


def pause_until_tomorrow(settings: NotificationSettings, now: datetime) -> NotificationSettings:
    """What the tray's and the settings page's "until tomorrow's working hours" do."""
    start = next_working_start(settings.resumed(), now)
    assert start is not None
    return settings.paused(start)


@pytest.mark.parametrize(
    ("settings", "asked", "resumes"),
    [
        # New Year's Eve, a Thursday, late at night: Friday 1 January is a working day for these settings.
        (SH, local(SHANGHAI, "2026-12-31 23:30"), local(SHANGHAI, "2027-01-01 09:00")),
        # New Year's Eve on a Friday: the next working day is Monday in the new year.
        (SH, local(SHANGHAI, "2027-12-31 22:00"), local(SHANGHAI, "2028-01-03 09:00")),
        # The last day of a month (Thursday 30 April): tomorrow is 1 May.
        (SH, local(SHANGHAI, "2026-04-30 21:00"), local(SHANGHAI, "2026-05-01 09:00")),
        # The last day of January is a Saturday: Monday 2 February.
        (SH, local(SHANGHAI, "2026-01-31 20:00"), local(SHANGHAI, "2026-02-02 09:00")),
        # A Friday evening: Monday.
        (SH, local(SHANGHAI, "2026-01-30 19:00"), local(SHANGHAI, "2026-02-02 09:00")),
        # Just after midnight, "tomorrow's" working hours are this morning's.
        (SH, local(SHANGHAI, "2027-03-01 00:10"), local(SHANGHAI, "2027-03-01 09:00")),
        # The leap day's evening.
        (SH, local(SHANGHAI, "2028-02-29 20:00"), local(SHANGHAI, "2028-03-01 09:00")),
    ],
)
def test_pause_until_tomorrows_working_hours_at_calendar_edges(settings: NotificationSettings, asked: datetime,
                                                               resumes: datetime) -> None:
    paused = pause_until_tomorrow(settings, asked)
    assert paused.paused_until == resumes
    assert paused.paused_until is not None
    assert paused.paused_until.astimezone(settings.zone).strftime("%H:%M") == "09:00"
    minute = timedelta(minutes=1)
    assert shown(paused, resumes - minute).action is Action.HOLD_FOR_DIGEST
    assert shown(paused, resumes).rule is Rule.WORKING_HOURS
    assert not quiet_period_ended(paused, asked, resumes - minute)
    assert quiet_period_ended(paused, asked, resumes)  # the summary comes at 09:00 sharp


@pytest.mark.parametrize(
    ("settings", "asked_utc", "resumes_utc", "hours"),
    [
        # Saturday 21:00 CET before Berlin springs forward; Monday 09:00 CEST is 07:00 UTC, not 08:00.
        (BE, "2026-03-28 20:00", "2026-03-30 07:00", 35),
        # Saturday 21:00 CEST before Berlin falls back; Monday 09:00 CET is 08:00 UTC.
        (BE, "2026-10-24 19:00", "2026-10-26 08:00", 37),
        # Sunday workers: the short night and the long night.
        (NotificationSettings(time_zone=BERLIN, working_hours=week(EVERY_DAY)), "2026-03-28 20:00",
         "2026-03-29 07:00", 11),
        (NotificationSettings(time_zone=BERLIN, working_hours=week(EVERY_DAY)), "2026-10-24 19:00",
         "2026-10-25 08:00", 13),
        # Saturday 21:00 PST before Los Angeles springs forward; Sunday 09:00 PDT.
        (NotificationSettings(time_zone=LOS_ANGELES, working_hours=week(EVERY_DAY)), "2026-03-08 05:00",
         "2026-03-08 16:00", 11),
        # Friday evening before Los Angeles falls back: Monday 09:00 PST.
        (LA, "2026-10-31 03:00", "2026-11-02 17:00", 62),
    ],
)
def test_pause_until_tomorrow_on_the_evening_before_clocks_change(
    settings: NotificationSettings, asked_utc: str, resumes_utc: str, hours: int
) -> None:
    asked, resumes = utc(asked_utc), utc(resumes_utc)
    paused = pause_until_tomorrow(settings, asked)
    assert paused.paused_until == resumes
    assert paused.paused_until is not None
    assert paused.paused_until.astimezone(settings.zone).strftime("%H:%M") == "09:00"
    assert paused.paused_until.astimezone(UTC) - asked == timedelta(hours=hours)
    assert is_quiet(paused, resumes - timedelta(minutes=1)) and not is_quiet(paused, resumes)
    assert quiet_period_ended(paused, asked, resumes)


def test_a_shift_that_starts_in_the_skipped_hour_resumes_at_the_first_real_instant() -> None:
    # 02:30 does not happen in Berlin on 29 March 2026: the pause ends at 03:30 CEST (01:30 UTC), the moment a
    # shift planned to start at 02:30 CET would begin.
    early = NotificationSettings(time_zone=BERLIN, working_hours=week(sun=["02:30-06:00"]))
    paused = pause_until_tomorrow(early, utc("2026-03-28 21:00"))
    assert paused.paused_until == utc("2026-03-29 01:30")


def test_the_paused_reason_names_tomorrow_by_its_weekday() -> None:
    paused = pause_until_tomorrow(SH, local(SHANGHAI, "2026-12-31 23:30"))
    decision = decide(dm(local(SHANGHAI, "2026-12-31 23:40")), paused, local(SHANGHAI, "2026-12-31 23:40"))
    assert decision.rule is Rule.PAUSED and "paused until Fri 09:00" in decision.reason


# --------------------------------------------------------------------------------------- due-date reminders


@pytest.fixture
def feed(store: Store) -> Feed:
    f = Feed(store)
    f.org()
    f.space("s1", "Launch", members=(ME, WANG))
    return f


def task_due(feed: Feed, due: str, tid: str = "t1") -> None:
    give_task(feed, tid, owner=ME, by=ME, at=utc("2026-01-05 10:00"), due=due)


def reminders_at(store: Store, settings: NotificationSettings, now: datetime) -> list[tuple[EventKind, datetime]]:
    return [(e.kind, e.at) for e in due_reminders(store.conn, ME, settings, now)]


def test_a_task_due_on_new_years_day(store: Store, feed: Feed) -> None:
    task_due(feed, "2027-01-01")  # a Friday: due at 18:00 in Shanghai, 10:00 UTC
    due = local(SHANGHAI, "2027-01-01 18:00")
    assert due_at(date(2027, 1, 1), SH) == due
    day_before = local(SHANGHAI, "2026-12-31 18:00")
    assert next_due_change(store.conn, ME, SH, local(SHANGHAI, "2026-12-31 12:00")) == day_before
    assert reminders_at(store, SH, day_before - timedelta(minutes=1)) == []
    assert reminders_at(store, SH, day_before) == [(EventKind.TASK_DUE_24H, day_before)]
    assert reminders_at(store, SH, local(SHANGHAI, "2027-01-01 15:59")) == [(EventKind.TASK_DUE_24H, day_before)]
    two_before = local(SHANGHAI, "2027-01-01 16:00")
    assert reminders_at(store, SH, two_before) == [(EventKind.TASK_DUE_2H, two_before)]
    assert reminders_at(store, SH, local(SHANGHAI, "2027-01-01 17:59")) == [(EventKind.TASK_DUE_2H, two_before)]
    assert reminders_at(store, SH, due) == [(EventKind.TASK_OVERDUE, due)]
    assert next_due_change(store.conn, ME, SH, due) is None


def test_the_due_date_is_a_day_in_the_persons_zone(store: Store, feed: Feed) -> None:
    # Due Monday 1 March 2027 for someone in Los Angeles: 18:00 PST, which is 02:00 UTC on 2 March.
    task_due(feed, "2027-03-01")
    due = local(LOS_ANGELES, "2027-03-01 18:00")
    assert due == utc("2027-03-02 02:00")
    assert reminders_at(store, LA, utc("2027-03-01 01:59")) == []  # 17:59 on 28 February in LA
    assert reminders_at(store, LA, utc("2027-03-01 02:00")) == [(EventKind.TASK_DUE_24H, utc("2027-03-01 02:00"))]
    # Already the 2nd in UTC, still the afternoon of the 1st where the person is: due soon, not overdue.
    assert reminders_at(store, LA, utc("2027-03-02 00:30")) == [(EventKind.TASK_DUE_2H, utc("2027-03-02 00:00"))]
    assert reminders_at(store, LA, utc("2027-03-02 02:00")) == [(EventKind.TASK_OVERDUE, due)]
    # The same task for someone in Shanghai was overdue at 10:00 UTC on 1 March.
    assert reminders_at(store, SH, utc("2027-03-01 10:00")) == [(EventKind.TASK_OVERDUE, utc("2027-03-01 10:00"))]


def test_a_task_due_on_the_first_of_the_month_after_a_weekend(store: Store, feed: Feed) -> None:
    # Due Monday 2 February 2026 in Shanghai; the 24-hour reminder comes on Sunday 1 February at 18:00.
    task_due(feed, "2026-02-02")
    sunday = local(SHANGHAI, "2026-02-01 18:00")
    assert reminders_at(store, SH, sunday) == [(EventKind.TASK_DUE_24H, sunday)]
    event = due_reminders(store.conn, ME, SH, sunday)[0]
    assert decide(event, SH, sunday).action is Action.HOLD_FOR_DIGEST  # Sunday evening: for the morning summary


@pytest.mark.parametrize(
    ("settings", "due_day", "due_utc", "day_before_utc"),
    [
        # Berlin springs forward on Sunday 29 March (a day off: due 18:00 CEST = 16:00 UTC). 24 hours earlier
        # is 16:00 UTC on Saturday, 17:00 CET, not 18:00 CET (only 23 hours before).
        (BE, "2026-03-29", "2026-03-29 16:00", "2026-03-28 16:00"),
        # Berlin falls back on Sunday 25 October: due 18:00 CET = 17:00 UTC; 24 hours earlier is 19:00 CEST.
        (BE, "2026-10-25", "2026-10-25 17:00", "2026-10-24 17:00"),
        # Los Angeles springs forward on Sunday 8 March: due 18:00 PDT = 01:00 UTC on the 9th.
        (LA, "2026-03-08", "2026-03-09 01:00", "2026-03-08 01:00"),
        # Los Angeles falls back on Sunday 1 November (also the 1st of a month): 18:00 PST = 02:00 UTC.
        (LA, "2026-11-01", "2026-11-02 02:00", "2026-11-01 02:00"),
        # A Sunday worker in Berlin: due at the end of the working day, 17:00 CEST.
        (NotificationSettings(time_zone=BERLIN, working_hours=week(sun=["09:00-17:00"])), "2026-03-29",
         "2026-03-29 15:00", "2026-03-28 15:00"),
        # The day after the change: both ends are in summer time.
        (BE, "2026-03-30", "2026-03-30 16:00", "2026-03-29 16:00"),
    ],
)
def test_a_task_due_on_the_day_clocks_change(store: Store, feed: Feed, settings: NotificationSettings,
                                             due_day: str, due_utc: str, day_before_utc: str) -> None:
    task_due(feed, due_day)
    due, day_before = utc(due_utc), utc(day_before_utc)
    assert due_at(date.fromisoformat(due_day), settings) == due
    assert due - day_before == timedelta(hours=24)
    minute = timedelta(minutes=1)
    assert next_due_change(store.conn, ME, settings, day_before - timedelta(hours=3)) == day_before
    assert reminders_at(store, settings, day_before - minute) == []
    assert reminders_at(store, settings, day_before) == [(EventKind.TASK_DUE_24H, day_before)]
    two_before = due - timedelta(hours=2)
    assert next_due_change(store.conn, ME, settings, day_before) == two_before
    assert reminders_at(store, settings, two_before - minute) == [(EventKind.TASK_DUE_24H, day_before)]
    assert reminders_at(store, settings, two_before) == [(EventKind.TASK_DUE_2H, two_before)]
    assert next_due_change(store.conn, ME, settings, two_before) == due
    assert reminders_at(store, settings, due - minute) == [(EventKind.TASK_DUE_2H, two_before)]
    assert reminders_at(store, settings, due) == [(EventKind.TASK_OVERDUE, due)]
    # The reminders' ids name the due instant, whichever zone it was worked out in.
    ids = {e.id for now in (day_before, two_before, due) for e in due_reminders(store.conn, ME, settings, now)}
    assert len(ids) == 3 and all(i.endswith(due.strftime("%Y-%m-%dT%H:%M:%SZ")) for i in ids)


def test_a_due_soon_reminder_on_a_quiet_sunday_gets_through(store: Store, feed: Feed) -> None:
    # Due on the Sunday Berlin springs forward (a day off, so quiet): the 2-hour reminder at 16:00 CEST
    # interrupts, the 24-hour one on Saturday waits for the summary, and the overdue one too.
    task_due(feed, "2026-03-29")
    saturday = utc("2026-03-28 16:00")
    [day_before] = due_reminders(store.conn, ME, BE, saturday)
    assert decide(day_before, BE, saturday).action is Action.HOLD_FOR_DIGEST
    sunday = utc("2026-03-29 14:00")
    [soon] = due_reminders(store.conn, ME, BE, sunday)
    assert (decide(soon, BE, sunday).action, decide(soon, BE, sunday).rule) == (Action.SHOW_NOW, Rule.DUE_SOON)
    overdue_at = utc("2026-03-29 16:00")
    [overdue] = due_reminders(store.conn, ME, BE, overdue_at)
    assert decide(overdue, BE, overdue_at).action is Action.HOLD_FOR_DIGEST
