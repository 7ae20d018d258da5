"""The monthly platform experts at the turn of a month: the month that ended is the company's (Asia/Shanghai),
not UTC's; at 00:05 on the 1st in Shanghai it is still the previous day in UTC, and the last minutes of the
month in Shanghai count for it while the first minutes of the next do not. Year ends and the leap day too.

Rows go straight into a real SQLite server database; the clock is pinned at fixed instants (never today).
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from app import clock
from sync.protocol import Role
from sync.server import growth
from sync.server.db import Database, conversations, messages
from tests.server.conftest import People

SHANGHAI = ZoneInfo("Asia/Shanghai")
_seq = itertools.count(1)


class Company:
    """Ten people in one group chat; `post` writes a message of theirs accepted by the server at an instant."""

    def __init__(self, db: Database, people: People) -> None:
        self.db = db
        self.ids = {name: people.add(name, Role.EMPLOYEE).id for name in ("ann", "bob", *(f"p{i}" for i in range(8)))}
        with db.write() as conn:
            conn.execute(conversations.insert().values(
                id="g-all", kind="group", title="全员", created_by=self.ids["p0"],
                created_at="2026-01-05T02:00:00+00:00"))

    def post(self, name: str, at: datetime, body: str = "客户反馈已经分类整理完毕，请大家查看") -> None:
        seq = next(_seq)
        with self.db.write() as conn:
            conn.execute(messages.insert().values(
                id=f"m{seq}", conversation_id="g-all", seq=seq, author_id=self.ids[name], body=body,
                sent_at=at.astimezone(UTC).isoformat(timespec="milliseconds"),
                created_hlc=f"{int(at.timestamp() * 1000):015d}-000000-c1"))

    def experts(self, month: str) -> list[str] | None:
        with self.db.read() as conn:
            result = growth.published(conn, month)
        if result is None:
            return None
        names = {uid: name for name, uid in self.ids.items()}
        return [names[e.user_id] for e in result.experts]


@pytest.fixture
def company(db: Database, people: People) -> Company:
    return Company(db, people)


def test_five_past_midnight_on_the_first_publishes_the_month_that_just_ended(company: Company) -> None:
    company.post("ann", datetime(2027, 2, 28, 23, 59, tzinfo=SHANGHAI))  # the last minute of February
    for s in range(3):  # the first minute of March in Shanghai: still 28 February in UTC
        company.post("bob", datetime(2027, 3, 1, 0, 1, s, tzinfo=SHANGHAI))
    clock.pin("2027-03-01T00:05:00+08:00")
    assert clock.now().date() == date(2027, 2, 28)  # what a UTC calendar would call today
    assert growth.last_month() == "2027-02"

    assert growth.publish_if_due(company.db) != {}
    assert company.experts("2027-02") == ["ann"]  # Bob's posts belong to March
    assert company.experts("2027-01") is None
    with company.db.read() as conn:
        february = growth.published(conn, "2027-02")
        assert february is not None and february.ranked == 10 and february.time_zone == "Asia/Shanghai"
        march = growth.rank_month(conn, "2027-03")  # the month just begun, ranked so far
    assert [e.user_id for e in march.experts] == [company.ids["bob"]]
    assert growth.publish_if_due(company.db) == {}  # once


def test_before_midnight_the_month_has_not_ended(company: Company) -> None:
    company.post("ann", datetime(2027, 2, 28, 23, 50, tzinfo=SHANGHAI))
    clock.pin("2027-02-28T23:55:00+08:00")
    assert growth.last_month() == "2027-01"
    with pytest.raises(growth.GrowthError, match="2027-02 has not ended"):
        growth.publish_recognition(company.db, "2027-02")
    growth.publish_if_due(company.db)  # January's, with nobody in it
    assert company.experts("2027-01") == [] and company.experts("2027-02") is None
    clock.advance(timedelta(minutes=10))  # 00:05 on 1 March
    growth.publish_if_due(company.db)
    assert company.experts("2027-02") == ["ann"]


def test_new_years_day_publishes_december_of_the_year_before(company: Company) -> None:
    company.post("ann", datetime(2026, 12, 31, 23, 59, tzinfo=SHANGHAI))
    company.post("bob", datetime(2027, 1, 1, 0, 0, tzinfo=SHANGHAI))  # 16:00 UTC on New Year's Eve
    clock.pin("2027-01-01T00:05:00+08:00")
    assert growth.last_month() == "2026-12"
    growth.publish_if_due(company.db)
    assert company.experts("2026-12") == ["ann"]
    assert company.experts("2026-11") is None


def test_the_leap_day_counts_for_february(company: Company) -> None:
    company.post("ann", datetime(2028, 2, 29, 23, 59, tzinfo=SHANGHAI))
    company.post("bob", datetime(2028, 3, 1, 0, 1, tzinfo=SHANGHAI))
    clock.pin("2028-03-01T00:05:00+08:00")
    growth.publish_if_due(company.db)
    assert company.experts("2028-02") == ["ann"]


def test_publish_if_due_takes_its_now_for_the_whole_decision(company: Company) -> None:
    # A caller that passes `now` (a test, a catch-up run) gets the month that ended by then, ranked as of then,
    # whatever the clock reads.
    company.post("ann", datetime(2027, 2, 28, 23, 59, tzinfo=SHANGHAI))
    company.post("bob", datetime(2027, 3, 1, 0, 1, tzinfo=SHANGHAI))
    clock.pin("2026-11-22T08:00:00+00:00")
    assert growth.publish_if_due(company.db, datetime(2027, 3, 1, 0, 5, tzinfo=SHANGHAI)) != {}
    assert company.experts("2027-02") == ["ann"]
    assert company.experts("2026-10") is None  # the clock's own last month was not published instead
