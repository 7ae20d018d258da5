"""The one place Atrium reads the time: wall time, today's date, the local time zone and monotonic time.

Every other module asks this one (tests/test_clock_reads.py fails on a direct `datetime.now()`,
`date.today()`, `time.time()`, `QDateTime.currentDateTime()` or SQL `datetime('now')`), so a test can pin
"now" and move it, and a whole run can be shifted to another day:

- `ATRIUM_NOW` (an ISO 8601 instant with its offset, e.g. `2027-03-01T00:05:00+08:00`) makes the process read
  wall time from that instant on, moving at real speed. Child processes inherit the shift: the first process
  that reads it records when the shift began (`ATRIUM_NOW_SINCE`, real epoch seconds) in its environment, so a
  server or CLI started minutes later reads the same shifted time as its parent, not the instant again.
- Only wall time moves. Monotonic time (timeouts, asyncio, keychain caching) stays real, because shifting it
  breaks waits — the reason libfaketime cannot be used for this (see DESIGN.md).
- `pin()` freezes wall time for a test and `advance()` moves it (and the monotonic reading) forward.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

SHIFT_VARIABLE = "ATRIUM_NOW"
SINCE_VARIABLE = "ATRIUM_NOW_SINCE"


class ClockError(ValueError):
    """ATRIUM_NOW (or a pinned instant) is not an ISO 8601 instant with its offset."""


def parse_instant(text: str) -> datetime:
    """An aware instant from ISO 8601 text; a time without an offset is refused (it would name no instant)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(f"{text!r} is not an ISO 8601 instant (e.g. 2027-03-01T00:05:00+08:00)") from None
    if moment.tzinfo is None:
        raise ClockError(f"{text!r} has no UTC offset; write it like 2027-03-01T00:05:00+08:00")
    return moment.astimezone(UTC)


def _shift_from_environment() -> timedelta:
    text = os.environ.get(SHIFT_VARIABLE)
    if not text:
        return timedelta(0)
    target = parse_instant(text)
    since = os.environ.get(SINCE_VARIABLE)
    try:
        began = float(since) if since else None
    except ValueError:
        began = None
    if began is None:
        began = time.time()
        os.environ[SINCE_VARIABLE] = repr(began)  # children inherit when the shift began, not a fresh start
    return target - datetime.fromtimestamp(began, UTC)


_shift = _shift_from_environment()
_pinned: datetime | None = None
_monotonic_shift = 0.0
_zone: tzinfo | None = None


def now() -> datetime:
    """The current instant, aware, in UTC."""
    pinned = _pinned
    if pinned is not None:
        return pinned
    return datetime.now(UTC) + _shift


def timestamp() -> float:
    """Seconds since the epoch (token lifetimes, throttling windows)."""
    return now().timestamp()


def wall_ms() -> int:
    """Milliseconds since the epoch (hybrid clocks and time-ordered ids use it)."""
    return int(now().timestamp() * 1000)


def iso_now(timespec: str = "milliseconds") -> str:
    """The current instant as stored in both databases: ISO 8601 in UTC."""
    return now().isoformat(timespec=timespec)


def local_zone() -> tzinfo:
    """This computer's time zone as a real zone (with its daylight-saving rules), not today's fixed offset.

    `TZ` is honoured; a test may pin another zone."""
    if _zone is not None:
        return _zone
    import tzlocal  # imported on first use: the window paints before it needs the zone

    try:
        return tzlocal.get_localzone()
    except (ZoneInfoNotFoundError, LookupError, ValueError):
        return UTC  # an unknown zone name in TZ: days follow UTC rather than failing to start


def local_now() -> datetime:
    """The current instant in this computer's time zone."""
    return now().astimezone(local_zone())


def today(zone: tzinfo | None = None) -> date:
    """Today's date in `zone` (this computer's zone when none is given)."""
    return now().astimezone(zone or local_zone()).date()


def monotonic() -> float:
    """Seconds on a clock that never jumps (for intervals and deadlines); `advance()` moves it too."""
    return time.monotonic() + _monotonic_shift


# ------------------------------------------------------------------------------------------- for tests


def pin(instant: datetime | str, zone: str | tzinfo | None = None) -> None:
    """Freeze wall time at `instant` (and the local zone at `zone`, if given) until `unpin()`."""
    global _pinned, _zone
    moment = parse_instant(instant) if isinstance(instant, str) else instant
    if moment.tzinfo is None:
        raise ClockError("a pinned instant needs its UTC offset")
    _pinned = moment.astimezone(UTC)
    if zone is not None:
        _zone = ZoneInfo(zone) if isinstance(zone, str) else zone


def advance(delta: timedelta | float) -> datetime:
    """Move a pinned clock forward by `delta` (seconds, or a timedelta); monotonic time moves with it."""
    global _pinned, _monotonic_shift
    step = delta if isinstance(delta, timedelta) else timedelta(seconds=delta)
    if step < timedelta(0):
        raise ClockError("time only moves forward; pin an earlier instant instead")
    if _pinned is None:
        raise ClockError("advance() moves a pinned clock; pin() it first")
    _pinned += step
    _monotonic_shift += step.total_seconds()
    return _pinned


def unpin() -> None:
    """Back to real time (shifted by ATRIUM_NOW, if set) and the computer's own zone."""
    global _pinned, _zone
    _pinned = None
    _zone = None


def is_pinned() -> bool:
    return _pinned is not None


@contextmanager
def pinned(instant: datetime | str, zone: str | tzinfo | None = None) -> Iterator[None]:
    """`pin()` for the length of a `with` block, restoring what was there before."""
    global _pinned, _zone
    before = (_pinned, _zone)
    pin(instant, zone)
    try:
        yield
    finally:
        _pinned, _zone = before
