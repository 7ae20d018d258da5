"""Growth at the edges of the calendar: month and year ends, leap days and days that are 23 or 25 hours long.

Every instant here is fixed (never today's date). Days are the person's local days, so the same instant can
fall in different months for people in different zones; a daylight-saving day is still one day for daily
caps, active days and workday streaks; the month and week periods of the reports and of the monthly ranking
start and end where the calendar says.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from app.growth import activity as kinds
from app.growth import compute, default_definition, growth_report, parse_definition
from app.growth.activity import Activity
from app.growth.definition import Definition
from app.growth.recognition import month_bounds, month_key, points_in_month, previous_month, rank_month
from app.growth.rules import GrowthState, workday_streaks
from tests.growth.test_definition import definition_text, milestone

from . import act

SHANGHAI = ZoneInfo("Asia/Shanghai")  # UTC+8 all year
BERLIN = ZoneInfo("Europe/Berlin")  # back on Sun 2026-10-25 03:00 CEST → 02:00 CET; forward on Sun 2026-03-29
LOS_ANGELES = ZoneInfo("America/Los_Angeles")  # forward on Sun 2026-03-08 02:00 PST → 03:00 PDT
WORKWEEK = frozenset({1, 2, 3, 4, 5})
DAY_POINTS = 10  # the daily sign-in point of the shipped map: once per active day
POST_POINTS, POST_CAP = 30, 90  # "valid content" per group post, and its daily cap


def post(moment: datetime, person: str = "me") -> Activity:
    """A group message worth the valid-content points (no milestone of the shipped map is about it alone)."""
    return act(kinds.GROUP_MESSAGE_SENT, moment, actor=person, subject="g-team", text_weight=20)


def login(moment: datetime) -> Activity:
    return act(kinds.LOGIN, moment)


def grow(
    activities: list[Activity], today: date, tz: tzinfo, person: str = "me", definition: Definition | None = None
) -> GrowthState:
    return compute(definition or default_definition(), activities, person, today, tz)


def reached_on(state: GrowthState, milestone_id: str) -> date | None:
    return next(s.reached_on for s in state.milestones if s.milestone.id == milestone_id)


def every_day_counts() -> Definition:
    """A map whose streak counts every day of the week (a 7-day rota), so a streak can run through Sundays."""
    streak = milestone("three_days", condition="{ streak_workdays = 3 }")
    return parse_definition("workdays = [1, 2, 3, 4, 5, 6, 7]\n" + definition_text(streak))


# ------------------------------------------------------------------------------------------ month ends


def test_the_last_minute_of_a_month_and_the_first_of_the_next_in_the_persons_zone() -> None:
    last_minute = datetime(2026, 1, 31, 23, 59, tzinfo=SHANGHAI)  # 15:59 UTC
    first_minute = datetime(2026, 2, 1, 0, 1, tzinfo=SHANGHAI)  # 16:01 UTC, still 31 January in UTC
    activities = [post(last_minute), post(first_minute)]

    in_shanghai = grow(activities, date(2026, 2, 28), SHANGHAI)
    assert in_shanghai.points_by_day == {date(2026, 1, 31): 40, date(2026, 2, 1): 40}
    assert points_in_month(in_shanghai, "2026-01") == 40
    assert points_in_month(in_shanghai, "2026-02") == 40

    in_utc = grow(activities, date(2026, 2, 28), UTC)  # both on 31 January: one sign-in point, two posts
    assert in_utc.points_by_day == {date(2026, 1, 31): DAY_POINTS + 2 * POST_POINTS}
    assert points_in_month(in_utc, "2026-01") == 70
    assert points_in_month(in_utc, "2026-02") == 0


@pytest.mark.parametrize(
    ("zone", "month"),
    [(UTC, "2026-01"), (SHANGHAI, "2026-02"), (LOS_ANGELES, "2026-01"), (ZoneInfo("Pacific/Kiritimati"), "2026-02")],
)
def test_one_instant_lands_in_the_month_of_the_persons_own_calendar(zone: tzinfo, month: str) -> None:
    instant = datetime(2026, 1, 31, 16, 30, tzinfo=UTC)  # 00:30 on 1 February in Shanghai, 08:30 on 31 January in LA
    state = grow([post(instant)], date(2026, 3, 31), zone)
    assert points_in_month(state, month) == DAY_POINTS + POST_POINTS
    other = "2026-02" if month == "2026-01" else "2026-01"
    assert points_in_month(state, other) == 0
    assert state.active_days == {instant.astimezone(zone).date()}


def test_the_ranking_of_a_month_follows_the_company_calendar() -> None:
    # Ann posts in the last minute of January in Shanghai, Bob in the first minute of February: in UTC both
    # posted on 31 January.
    ann = [post(datetime(2026, 1, 31, 23, 59, tzinfo=SHANGHAI) + timedelta(seconds=s), "ann") for s in range(3)]
    bob = [post(datetime(2026, 2, 1, 0, 1, tzinfo=SHANGHAI) + timedelta(seconds=s), "bob") for s in range(3)]
    people = {"ann": ann, "bob": bob, **{f"p{i}": [] for i in range(8)}}

    def ranking(month: str, zone: tzinfo) -> list[tuple[str, int]]:
        points = {
            uid: points_in_month(grow(acts, month_bounds(month)[1], zone, person=uid), month)
            for uid, acts in people.items()
        }
        result = rank_month(month, points, 0.10, str(zone))
        return [(e.user_id, e.points) for e in result.experts]

    assert ranking("2026-01", SHANGHAI) == [("ann", 100)]  # 10 for the day, 3 × 30 capped at 90
    assert ranking("2026-02", SHANGHAI) == [("bob", 100)]
    assert ranking("2026-01", UTC) == [("ann", 100), ("bob", 100)]  # tied: both are experts
    assert ranking("2026-02", UTC) == []


# ------------------------------------------------------------------------------------------- year ends


def test_previous_month_of_january_is_december_of_the_year_before() -> None:
    assert previous_month(date(2027, 1, 1)) == "2026-12"
    assert previous_month(date(2027, 1, 31)) == "2026-12"
    assert previous_month(date(2026, 12, 31)) == "2026-11"
    assert previous_month(date(2027, 2, 1)) == "2027-01"
    assert month_bounds("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert month_bounds("2027-01") == (date(2027, 1, 1), date(2027, 1, 31))
    assert month_key(date(2026, 12, 31)) == "2026-12" and month_key(date(2027, 1, 1)) == "2027-01"


def test_new_years_eve_and_new_years_day_are_different_years() -> None:
    activities = [
        post(datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI)),
        post(datetime(2027, 1, 1, 0, 1, tzinfo=SHANGHAI)),
        post(datetime(2027, 1, 1, 0, 2, tzinfo=SHANGHAI)),
    ]
    state = grow(activities, date(2027, 1, 1), SHANGHAI)
    assert points_in_month(state, "2026-12") == 40
    assert points_in_month(state, "2027-01") == 70
    assert points_in_month(state, previous_month(date(2027, 1, 1))) == 40
    # Seen from UTC all three were on New Year's Eve.
    assert points_in_month(grow(activities, date(2027, 1, 1), UTC), "2026-12") == 100


def test_a_workday_streak_runs_across_the_year_end() -> None:
    # Mon 28 Dec 2026 … Fri 1 Jan 2027, one sign-in a day at 09:00 in Shanghai (01:00 UTC).
    days = [date(2026, 12, 28) + timedelta(days=i) for i in range(5)]
    activities = [login(datetime(d.year, d.month, d.day, 9, tzinfo=SHANGHAI)) for d in days]
    on_friday = grow(activities, date(2027, 1, 1), SHANGHAI)
    assert (on_friday.current_streak, on_friday.longest_streak) == (5, 5)
    assert reached_on(on_friday, "five_day_streak") == date(2027, 1, 1)
    # The weekend that follows does not break it; Monday 4 January not over yet does not either.
    assert grow(activities, date(2027, 1, 4), SHANGHAI).current_streak == 5
    assert grow(activities, date(2027, 1, 5), SHANGHAI).current_streak == 0  # Monday passed without activity


def test_the_week_report_across_the_year_end_is_one_iso_week() -> None:
    # ISO week 53 of 2026 runs from Monday 28 December 2026 to Sunday 3 January 2027.
    monday, sunday = date(2026, 12, 28), date(2027, 1, 3)
    assert monday.isocalendar()[:2] == (2026, 53) and sunday.isocalendar()[:2] == (2026, 53)
    assert date(2027, 1, 4).isocalendar()[:2] == (2027, 1)
    days = [monday + timedelta(days=i) for i in range(5)]
    activities = [login(datetime(d.year, d.month, d.day, 9, tzinfo=SHANGHAI)) for d in days]
    activities += [
        post(datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI)),
        post(datetime(2027, 1, 1, 0, 1, tzinfo=SHANGHAI)),
    ]
    state = grow(activities, sunday, SHANGHAI)
    streak_points = default_definition().milestone("five_day_streak").points

    week = growth_report(state, activities, monday, sunday, "en")
    assert [d for d, _ in week.points_by_day] == [monday + timedelta(days=i) for i in range(7)]
    assert dict(week.points_by_day) == {
        date(2026, 12, 28): 10, date(2026, 12, 29): 10, date(2026, 12, 30): 10, date(2026, 12, 31): 40,
        date(2027, 1, 1): 40 + streak_points, date(2027, 1, 2): 0, date(2027, 1, 3): 0,
    }
    assert week.period_points == 110 + streak_points
    assert (week.active_days, week.longest_streak) == (5, 5)
    assert [m.milestone_id for m in week.milestones] == ["five_day_streak"]
    assert week.activity_counts == {kinds.GROUP_MESSAGE_SENT: 2, kinds.LOGIN: 5}

    december = growth_report(state, activities, *month_bounds("2026-12"), "en")
    january = growth_report(state, activities, *month_bounds("2027-01"), "en")
    assert len(december.points_by_day) == 31 and len(january.points_by_day) == 31
    assert december.period_points + january.period_points == week.period_points
    assert (december.active_days, december.longest_streak, december.milestones) == (4, 4, ())
    assert (january.active_days, january.longest_streak) == (1, 1)
    assert [m.day for m in january.milestones] == [date(2027, 1, 1)]
    assert december.activity_counts == {kinds.GROUP_MESSAGE_SENT: 1, kinds.LOGIN: 4}
    assert january.activity_counts == {kinds.GROUP_MESSAGE_SENT: 1, kinds.LOGIN: 1}


def test_the_views_week_and_month_periods_at_the_year_end() -> None:
    pytest.importorskip("PySide6")
    from ui.growth.data import period

    assert period("week", date(2026, 12, 31)) == (date(2026, 12, 28), date(2027, 1, 3))
    assert period("week", date(2027, 1, 3)) == (date(2026, 12, 28), date(2027, 1, 3))
    assert period("week", date(2027, 1, 4)) == (date(2027, 1, 4), date(2027, 1, 10))
    assert period("month", date(2026, 12, 31)) == (date(2026, 12, 1), date(2026, 12, 31))
    assert period("month", date(2027, 1, 1)) == (date(2027, 1, 1), date(2027, 1, 31))
    assert period("month", date(2028, 2, 29)) == (date(2028, 2, 1), date(2028, 2, 29))
    assert period("month", date(2027, 2, 15)) == (date(2027, 2, 1), date(2027, 2, 28))


# ------------------------------------------------------------------------------------------- leap years


@pytest.mark.parametrize(
    ("month", "last"),
    [("2028-02", 29), ("2024-02", 29), ("2000-02", 29), ("2027-02", 28), ("2026-02", 28), ("2100-02", 28)],
)
def test_february_has_its_leap_day_only_in_leap_years(month: str, last: int) -> None:
    first, end = month_bounds(month)
    assert first.day == 1 and end.day == last and end.month == 2
    assert previous_month(end + timedelta(days=1)) == month


def test_the_leap_day_belongs_to_february() -> None:
    leap_evening = post(datetime(2028, 2, 29, 23, 59, tzinfo=SHANGHAI))
    march_first = post(datetime(2028, 2, 29, 16, 30, tzinfo=UTC))  # 00:30 on 1 March in Shanghai
    state = grow([leap_evening, march_first], date(2028, 3, 31), SHANGHAI)
    assert state.points_by_day == {date(2028, 2, 29): 40, date(2028, 3, 1): 40}
    assert points_in_month(state, "2028-02") == 40 and points_in_month(state, "2028-03") == 40
    assert previous_month(date(2028, 3, 1)) == "2028-02"
    assert previous_month(date(2028, 2, 29)) == "2028-01"
    in_utc = grow([leap_evening, march_first], date(2028, 3, 31), UTC)
    assert in_utc.points_by_day == {date(2028, 2, 29): 70}


def test_a_streak_runs_over_the_leap_day() -> None:
    # Mon 28 Feb … Fri 3 Mar 2028: the leap day is the Tuesday.
    days = [date(2028, 2, 28) + timedelta(days=i) for i in range(5)]
    assert [d.isoweekday() for d in days] == [1, 2, 3, 4, 5]
    activities = [login(datetime(d.year, d.month, d.day, 10, tzinfo=SHANGHAI)) for d in days]
    state = grow(activities, date(2028, 3, 3), SHANGHAI)
    assert state.current_streak == 5 and reached_on(state, "five_day_streak") == date(2028, 3, 3)
    without_leap_day = [a for a in activities if a.at.date() != date(2028, 2, 29)]
    assert grow(without_leap_day, date(2028, 3, 3), SHANGHAI).longest_streak == 3  # the leap day is a workday


# -------------------------------------------------------------------------------- daylight-saving days


def test_the_25_hour_day_when_berlin_turns_its_clocks_back_is_one_day() -> None:
    # Sunday 25 October 2026 runs from 22:00 UTC on the 24th to 23:00 UTC on the 25th.
    instants = [
        datetime(2026, 10, 24, 22, 10, tzinfo=UTC),  # 00:10 CEST
        datetime(2026, 10, 25, 0, 30, tzinfo=UTC),  # 02:30 CEST, the first time round
        datetime(2026, 10, 25, 1, 30, tzinfo=UTC),  # 02:30 CET, the second time round
        datetime(2026, 10, 25, 22, 50, tzinfo=UTC),  # 23:50 CET
    ]
    assert {i.astimezone(BERLIN).date() for i in instants} == {date(2026, 10, 25)}
    monday = datetime(2026, 10, 25, 23, 10, tzinfo=UTC)  # 00:10 CET on Monday (01:10 if summer time had stayed)
    saturday = datetime(2026, 10, 24, 21, 50, tzinfo=UTC)  # 23:50 CEST on Saturday
    state = grow([post(i) for i in [saturday, *instants, monday]], date(2026, 10, 26), BERLIN)
    assert state.points_by_day == {
        date(2026, 10, 24): DAY_POINTS + POST_POINTS,
        date(2026, 10, 25): DAY_POINTS + POST_CAP,  # four posts in one (long) day: capped once
        date(2026, 10, 26): DAY_POINTS + POST_POINTS,
    }
    # 23:30 CET on Sunday is 22:30 UTC: Sunday, although it would be Monday at the summer offset.
    late_sunday = grow([post(datetime(2026, 10, 25, 22, 30, tzinfo=UTC))], date(2026, 10, 26), BERLIN)
    assert late_sunday.active_days == {date(2026, 10, 25)}


def test_the_23_hour_day_when_los_angeles_springs_forward_is_one_day() -> None:
    # Sunday 8 March 2026 runs from 08:00 UTC to 07:00 UTC on the 9th.
    instants = [
        datetime(2026, 3, 8, 8, 10, tzinfo=UTC),  # 00:10 PST
        datetime(2026, 3, 8, 9, 59, tzinfo=UTC),  # 01:59 PST
        datetime(2026, 3, 8, 10, 0, tzinfo=UTC),  # 03:00 PDT, a minute later
        datetime(2026, 3, 9, 6, 50, tzinfo=UTC),  # 23:50 PDT (07:50 UTC would already be Monday)
    ]
    monday = datetime(2026, 3, 9, 7, 10, tzinfo=UTC)  # 00:10 PDT on Monday (23:10 on Sunday at the winter offset)
    saturday = datetime(2026, 3, 8, 7, 50, tzinfo=UTC)  # 23:50 PST on Saturday
    state = grow([post(i) for i in [saturday, *instants, monday]], date(2026, 3, 9), LOS_ANGELES)
    assert state.points_by_day == {
        date(2026, 3, 7): DAY_POINTS + POST_POINTS,
        date(2026, 3, 8): DAY_POINTS + POST_CAP,
        date(2026, 3, 9): DAY_POINTS + POST_POINTS,
    }


@pytest.mark.parametrize(
    ("zone", "saturday"),
    [(BERLIN, date(2026, 10, 24)), (BERLIN, date(2026, 3, 28)), (LOS_ANGELES, date(2026, 3, 7)),
     (LOS_ANGELES, date(2026, 10, 31))],
    ids=["berlin-back", "berlin-forward", "la-forward", "la-back"],
)
def test_a_seven_day_streak_counts_the_change_day_once(zone: ZoneInfo, saturday: date) -> None:
    # Sat, Sun (the change), Mon: signed in just after midnight and just before midnight each local day.
    days = [saturday + timedelta(days=i) for i in range(3)]
    sunday = days[1]
    assert (datetime(sunday.year, sunday.month, sunday.day, tzinfo=zone) + timedelta(days=1)).utcoffset() != (
        datetime(sunday.year, sunday.month, sunday.day, tzinfo=zone).utcoffset()
    ), "the Sunday is the day the clocks change"
    activities = [
        login(datetime(d.year, d.month, d.day, hour, minute, tzinfo=zone))
        for d in days
        for hour, minute in ((0, 5), (23, 55))
    ]
    definition = every_day_counts()
    state = grow(activities, days[-1], zone, definition=definition)
    assert state.active_days == frozenset(days)
    assert state.points_by_source["daily_login"] == 3 * DAY_POINTS
    assert (state.current_streak, state.longest_streak) == (3, 3)
    assert reached_on(state, "three_days") == days[-1]


@pytest.mark.parametrize(
    ("zone", "wednesday"),
    [(BERLIN, date(2026, 10, 21)), (BERLIN, date(2026, 3, 25)), (LOS_ANGELES, date(2026, 3, 4)),
     (LOS_ANGELES, date(2026, 10, 28))],
    ids=["berlin-back", "berlin-forward", "la-forward", "la-back"],
)
def test_a_workday_streak_over_a_daylight_saving_weekend(zone: ZoneInfo, wednesday: date) -> None:
    # Wed, Thu, Fri, (the weekend with the change), Mon, Tue at 08:30 local: five workdays in a row.
    days = [wednesday + timedelta(days=i) for i in (0, 1, 2, 5, 6)]
    activities = [login(datetime(d.year, d.month, d.day, 8, 30, tzinfo=zone)) for d in days]
    state = grow(activities, days[-1], zone)
    assert state.active_days == frozenset(days)
    assert state.current_streak == 5 and reached_on(state, "five_day_streak") == days[-1]
    summary = workday_streaks(state.active_days, WORKWEEK, (), days[-1])
    assert (summary.current, summary.longest) == (5, 5)


def test_the_week_report_over_the_25_hour_day() -> None:
    monday, sunday = date(2026, 10, 19), date(2026, 10, 25)
    activities = [post(datetime(2026, 10, 24, 22, 10, tzinfo=UTC)), post(datetime(2026, 10, 25, 22, 50, tzinfo=UTC))]
    activities += [login(datetime(2026, 10, 19 + i, 9, tzinfo=BERLIN)) for i in range(5)]
    state = grow(activities, date(2026, 10, 26), BERLIN)
    report = growth_report(state, activities, monday, sunday, "zh")
    assert len(report.points_by_day) == 7 and report.points_by_day[-1] == (sunday, DAY_POINTS + 2 * POST_POINTS)
    assert report.activity_counts[kinds.GROUP_MESSAGE_SENT] == 2
    assert report.active_days == 6 and report.longest_streak == 5
    next_week = growth_report(state, activities, date(2026, 10, 26), date(2026, 11, 1), "zh")
    assert next_week.period_points == 0 and next_week.activity_counts == {}
