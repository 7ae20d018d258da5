"""The one clock: pinned and advanced by tests, shifted for a whole process tree by ATRIUM_NOW."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app import clock

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_a_pinned_clock_stands_still_and_moves_only_when_advanced() -> None:
    clock.pin("2027-02-28T23:59:30+08:00", zone="Asia/Shanghai")
    assert clock.now() == datetime(2027, 2, 28, 15, 59, 30, tzinfo=UTC)
    assert clock.now() == clock.now()
    assert clock.today() == date(2027, 2, 28)
    assert clock.today(UTC) == date(2027, 2, 28)
    before = clock.monotonic()
    clock.advance(60)
    assert clock.today() == date(2027, 3, 1)  # 2027 is no leap year: March follows
    assert clock.local_now().isoformat() == "2027-03-01T00:00:30+08:00"
    assert clock.monotonic() - before >= 60  # intervals measured by the app move with it
    assert clock.wall_ms() == int(datetime(2027, 2, 28, 16, 0, 30, tzinfo=UTC).timestamp() * 1000)
    assert clock.iso_now() == "2027-02-28T16:00:30.000+00:00"


def test_a_day_is_a_date_in_a_zone_not_24_hours() -> None:
    # 31 October 2027, Europe/Berlin: clocks go back at 03:00 CEST, the day has 25 hours.
    clock.pin("2027-10-31T00:30:00+02:00", zone="Europe/Berlin")
    clock.advance(timedelta(hours=24))
    assert clock.local_now().isoformat() == "2027-10-31T23:30:00+01:00"  # still the same day
    assert clock.today() == date(2027, 10, 31)
    assert clock.local_zone() == ZoneInfo("Europe/Berlin")  # a real zone with its rules, not an offset


def test_time_only_moves_forward_and_only_when_pinned() -> None:
    with pytest.raises(clock.ClockError):
        clock.advance(1)
    clock.pin(datetime(2027, 1, 1, tzinfo=UTC))
    with pytest.raises(clock.ClockError):
        clock.advance(-1)
    with pytest.raises(clock.ClockError):
        clock.pin(datetime(2027, 1, 1))  # an instant without an offset names no instant
    clock.unpin()
    assert not clock.is_pinned()


def test_pinned_restores_what_was_there() -> None:
    clock.pin("2027-05-01T08:00:00+08:00")
    with clock.pinned("2028-02-29T12:00:00+00:00", zone="Europe/London"):
        assert clock.today() == date(2028, 2, 29)
    assert clock.now() == datetime(2027, 5, 1, tzinfo=UTC)


@pytest.mark.parametrize("text", ["tomorrow", "2027-03-01T00:05:00", "", "2027-13-01T00:00:00+08:00"])
def test_a_bad_instant_says_how_to_write_one(text: str) -> None:
    with pytest.raises(clock.ClockError, match="2027-03-01T00:05:00"):
        clock.parse_instant(text)


def _child_time(extra: dict[str, str], drop: tuple[str, ...] = ()) -> datetime:
    env = {k: v for k, v in os.environ.items() if k not in (clock.SHIFT_VARIABLE, clock.SINCE_VARIABLE, *drop)}
    env.update(extra)
    out = subprocess.run(
        [sys.executable, "-c", "from app import clock; print(clock.now().isoformat())"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True, timeout=60,
    ).stdout
    return datetime.fromisoformat(out.strip())


def test_atrium_now_shifts_a_process_from_that_instant_on() -> None:
    moment = _child_time({clock.SHIFT_VARIABLE: "2027-03-01T00:05:00+08:00"})
    start = datetime(2027, 2, 28, 16, 5, tzinfo=UTC)
    assert start <= moment < start + timedelta(seconds=60)


def test_children_inherit_when_the_shift_began_not_the_instant_again() -> None:
    # A parent whose shift began at the epoch's start has been running "for decades": its child must agree with
    # it, not start over at ATRIUM_NOW.
    moment = _child_time({clock.SHIFT_VARIABLE: "2027-03-01T00:05:00+08:00", clock.SINCE_VARIABLE: "0.0"})
    assert moment.year >= 2027 + 50


def test_a_process_that_reads_the_shift_passes_it_on() -> None:
    script = (
        "import os, subprocess, sys\n"
        "from app import clock\n"
        "clock.now()\n"
        "print(os.environ[clock.SINCE_VARIABLE])\n"
    )
    env = {k: v for k, v in os.environ.items() if k not in (clock.SHIFT_VARIABLE, clock.SINCE_VARIABLE)}
    env[clock.SHIFT_VARIABLE] = "2027-03-01T00:05:00+08:00"
    since = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                           check=True, timeout=60).stdout.strip()
    assert float(since) > 1_700_000_000  # the real moment the shift began, for its own children to inherit
