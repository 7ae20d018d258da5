"""The demo company's history sits at working hours in the zone it was seeded for (issue 20, item 5).

The dataset says "-3 09:15": three days before the seeding day at 09:15. Seeded by `atrium demo`, that is the
viewer's 09:15 (the computer's zone); seeded by `atrium-server --demo` alone, the company's. Never in the future.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from app import clock
from sync.server import demo
from sync.server.db import Database, messages

# A Tuesday three days after New York moved its clocks forward (14 March 2027): the history spans the change.
NOW = "2027-03-16T19:30:00+00:00"


def _dataset_times() -> set[str]:
    return {m["at"].split(" ", 1)[1] for conv in demo.load_company()["conversations"] for m in conv.get("messages", [])}


def _sent(db: Database) -> list[datetime]:
    with db.read() as conn:
        return [datetime.fromisoformat(t) for (t,) in conn.execute(select(messages.c.sent_at))]


@pytest.mark.parametrize("zone", ["America/New_York", "Asia/Shanghai", "Europe/Berlin"])
def test_messages_sit_at_the_datasets_hours_in_the_viewers_zone(db: Database, zone: str) -> None:
    clock.pin(NOW)
    now = clock.now()
    assert demo.seed_demo(db, zone=ZoneInfo(zone)) is True
    sent = _sent(db)
    assert sent and all(moment < now for moment in sent)
    local = {moment.astimezone(ZoneInfo(zone)).strftime("%H:%M") for moment in sent}
    # Every message at the hour the dataset gives, in the viewer's zone (across the daylight-saving change too).
    assert local == _dataset_times()
    assert all("08:00" <= hhmm <= "21:00" for hhmm in local)


def test_without_a_zone_the_companys_own_hours_are_used(db: Database) -> None:
    clock.pin(NOW)
    assert demo.seed_demo(db) is True
    company = demo.load_company()
    offset = timedelta(hours=company["timezone_offset_hours"])
    local = {(moment + offset).strftime("%H:%M") for moment in _sent(db)}
    assert local == _dataset_times()


def test_a_time_later_than_now_today_is_moved_to_just_before_now(db: Database) -> None:
    # Seeded at 08:10 in Shanghai: yesterday's messages keep their hours, nothing lands after 08:10 today.
    clock.pin("2027-03-17T08:10:00+08:00")
    assert demo.seed_demo(db, zone=ZoneInfo("Asia/Shanghai")) is True
    newest = max(_sent(db))
    assert newest < clock.now()
    assert newest.astimezone(ZoneInfo("Asia/Shanghai")).date().isoformat() == "2027-03-16"


def test_an_unknown_zone_is_one_line_of_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from sync.server import cli

    code = cli.main(["--db", str(tmp_path / "s.db"), "--demo", "--demo-zone", "Mars/Olympus_Mons"])
    err = capsys.readouterr().err
    assert code == 1 and err.count("\n") == 1 and "unknown time zone 'Mars/Olympus_Mons'" in err
