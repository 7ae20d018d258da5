"""Workday streaks: weekends and leave neither count nor break them, and days are the person's local days."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

from app.growth import REACHED, compute, default_definition
from app.growth import activity as kinds
from app.growth.activity import Activity
from app.growth.rules import GrowthState, workday_streaks

from . import act, at

SHANGHAI = ZoneInfo("Asia/Shanghai")
LONDON = ZoneInfo("Europe/London")
MON = date(2024, 3, 4)  # Monday 4 March 2024
WORKWEEK = frozenset({1, 2, 3, 4, 5})


def day(offset: int) -> date:
    return MON + timedelta(days=offset)


def logins(*days: date, tz: tzinfo = UTC, hour: int = 10) -> list[Activity]:
    return [act(kinds.LOGIN, at(d, hour, tz=tz)) for d in days]


def grow(activities: list[Activity], today: date, tz: tzinfo = UTC, leave: tuple[date, ...] = ()) -> GrowthState:
    return compute(default_definition(), activities, "me", today, tz, leave=leave)


def five_days_reached_on(state: GrowthState) -> date | None:
    return next(s.reached_on for s in state.milestones if s.milestone.id == "five_day_streak")


def test_five_workdays_in_a_row() -> None:
    state = grow(logins(*(day(i) for i in range(5))), today=day(4))
    assert (state.current_streak, state.longest_streak) == (5, 5)
    assert five_days_reached_on(state) == day(4)


def test_a_weekend_does_not_break_a_streak() -> None:
    # Thursday, Friday, (Saturday, Sunday), Monday, Tuesday, Wednesday.
    state = grow(logins(day(3), day(4), day(7), day(8), day(9)), today=day(9))
    assert state.current_streak == 5 and five_days_reached_on(state) == day(9)


def test_weekend_activity_does_not_count_towards_a_workday_streak() -> None:
    state = grow(logins(day(5), day(6), day(7), day(8), day(9)), today=day(9))
    assert state.current_streak == 3 and five_days_reached_on(state) is None
    assert len(state.active_days) == 5  # but the weekend days were active days (and earned the sign-in points)
    assert state.points_by_source["daily_login"] == 50


def test_leave_does_not_break_a_streak() -> None:
    days = (day(0), day(1), day(3), day(4), day(7))  # Wednesday off
    assert grow(logins(*days), today=day(7)).current_streak == 3  # Thursday, Friday, Monday
    on_leave = grow(logins(*days), today=day(7), leave=(day(2),))
    assert on_leave.current_streak == 5 and five_days_reached_on(on_leave) == day(7)


def test_a_missed_workday_breaks_a_streak() -> None:
    state = grow(logins(day(0), day(1), day(3), day(4)), today=day(4))
    assert (state.current_streak, state.longest_streak) == (2, 2)


def test_today_is_not_over_yet() -> None:
    days = logins(day(0), day(1), day(2))
    assert grow(days, today=day(3)).current_streak == 3  # nothing yet on Thursday: the streak stands
    assert grow(days, today=day(4)).current_streak == 0  # Thursday passed without activity
    assert grow(days, today=day(4)).longest_streak == 3
    assert grow(days, today=day(7), leave=(day(3), day(4))).current_streak == 3  # on leave Thu–Fri


def test_friday_evening_in_shanghai_is_friday_morning_in_london() -> None:
    # One instant, 18:30 on Friday in Shanghai = 10:30 in London: Friday for both.
    friday_evening_shanghai = datetime(2024, 3, 8, 18, 30, tzinfo=SHANGHAI)
    assert friday_evening_shanghai.astimezone(LONDON).hour == 10
    week = [act(kinds.LOGIN, datetime(2024, 3, 4 + i, 9, 0, tzinfo=LONDON)) for i in range(4)]
    friday = act(kinds.LOGIN, friday_evening_shanghai)
    for tz in (SHANGHAI, LONDON):
        state = grow([*week, friday], today=day(4), tz=tz)
        assert state.current_streak == 5 and five_days_reached_on(state) == day(4), tz


def test_late_friday_in_london_is_already_saturday_in_shanghai() -> None:
    # 16:30 on Friday in London = 00:30 on Saturday in Shanghai.
    late_friday_london = datetime(2024, 3, 8, 16, 30, tzinfo=LONDON)
    assert late_friday_london.astimezone(SHANGHAI).date() == day(5)
    week = [act(kinds.LOGIN, datetime(2024, 3, 4 + i, 11, 0, tzinfo=UTC)) for i in range(4)]  # 19:00 in Shanghai
    activities = [*week, act(kinds.LOGIN, late_friday_london)]

    in_london = grow(activities, today=day(4), tz=LONDON)
    assert in_london.current_streak == 5 and five_days_reached_on(in_london) == day(4)

    in_shanghai = grow(activities, today=day(5), tz=SHANGHAI)
    assert in_shanghai.longest_streak == 4 and five_days_reached_on(in_shanghai) is None
    assert day(5) in in_shanghai.active_days and day(4) not in in_shanghai.active_days
    # ...and Friday passed without activity in Shanghai: by Monday the streak is gone.
    assert grow(activities, today=day(7), tz=SHANGHAI).current_streak == 0


def test_sunday_night_in_london_is_monday_morning_in_shanghai() -> None:
    # Tuesday–Friday in Shanghai, plus 23:30 on Sunday in London = 07:30 on Monday in Shanghai.
    week = [act(kinds.LOGIN, datetime(2024, 3, 5 + i, 10, 0, tzinfo=SHANGHAI)) for i in range(4)]
    sunday_night = act(kinds.LOGIN, datetime(2024, 3, 10, 23, 30, tzinfo=LONDON))
    assert grow([*week, sunday_night], today=day(7), tz=SHANGHAI).current_streak == 5
    # In London: Tuesday–Friday and a Sunday; the Monday is still to come (no activity yet is no break).
    in_london = grow([*week, sunday_night], today=day(7), tz=LONDON)
    assert in_london.current_streak == 4


def test_days_follow_daylight_saving_time() -> None:
    # London moves to summer time on 31 March 2024: 23:30 UTC on Sunday is 00:30 on Monday 1 April.
    sunday_night_utc = act(kinds.LOGIN, datetime(2024, 3, 31, 23, 30, tzinfo=UTC))
    before_change = act(kinds.LOGIN, datetime(2024, 3, 31, 0, 30, tzinfo=UTC))  # 00:30 GMT, Sunday
    after_change = act(kinds.LOGIN, datetime(2024, 3, 31, 23, 0, tzinfo=UTC))  # 00:00 BST, Monday
    just_before = act(kinds.LOGIN, datetime(2024, 3, 31, 22, 59, tzinfo=UTC))  # 23:59 BST, Sunday
    state = grow([sunday_night_utc, before_change, after_change, just_before], today=date(2024, 4, 1), tz=LONDON)
    assert state.active_days == {date(2024, 3, 31), date(2024, 4, 1)}
    winter = grow([act(kinds.LOGIN, datetime(2024, 1, 7, 23, 30, tzinfo=UTC))], today=date(2024, 1, 8), tz=LONDON)
    assert winter.active_days == {date(2024, 1, 7)}


def test_quarter_hour_time_zones() -> None:
    kathmandu = ZoneInfo("Asia/Kathmandu")  # UTC+05:45
    last_minute = act(kinds.LOGIN, datetime(2024, 3, 8, 18, 14, tzinfo=UTC))  # 23:59 Friday
    first_minute = act(kinds.LOGIN, datetime(2024, 3, 8, 18, 15, tzinfo=UTC))  # 00:00 Saturday
    state = grow([last_minute, first_minute], today=day(5), tz=kathmandu)
    assert state.active_days == {day(4), day(5)}


def test_a_long_history_of_steady_weeks() -> None:
    # Every workday for 8 weeks, with a week of leave in the middle: one streak of 35 workdays.
    leave = tuple(day(21 + i) for i in range(5))
    active = [d for d in (day(i) for i in range(56)) if d.isoweekday() <= 5 and d not in leave]
    state = grow(logins(*active), today=day(55), leave=leave)
    assert state.current_streak == state.longest_streak == 35
    twenty = next(s for s in state.milestones if s.milestone.id == "twenty_day_streak")
    assert twenty.status == REACHED and twenty.reached_on == active[19]


def test_workday_streaks_with_another_working_week() -> None:
    # Sunday–Thursday working week: Friday and Saturday are the weekend.
    days = [date(2024, 3, 3 + i) for i in range(7)]  # Sunday 3 March … Saturday 9 March
    summary = workday_streaks(days, frozenset({7, 1, 2, 3, 4}), (), today=date(2024, 3, 10), targets=(5,))
    assert summary.longest == 5 and summary.current == 5 and summary.first_reached == {5: date(2024, 3, 7)}
