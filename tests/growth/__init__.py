"""Tests of the growth map's pure core (app/growth): definition, activity, rules, streaks, report."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from app.growth.activity import Activity

ME = "me"
_ids = itertools.count(1)


def act(kind: str, at: datetime, **fields: object) -> Activity:
    """An activity of mine with a fresh id unless one is given."""
    return Activity(
        kind=kind, at=at, actor=str(fields.pop("actor", ME)), id=str(fields.pop("id", next(_ids))), **fields
    )  # type: ignore[arg-type]


def at(day: date, hour: int = 10, minute: int = 0, tz: tzinfo = UTC) -> datetime:
    return datetime.combine(day, time(hour, minute), tz)


def workdays(start: date, n: int) -> list[date]:
    """The first n Monday–Friday days from start on."""
    days: list[date] = []
    day = start
    while len(days) < n:
        if day.isoweekday() <= 5:
            days.append(day)
        day += timedelta(days=1)
    return days
