"""The whole suite at adversarial moments: `python -m tests.calendar_run [--all | NAME ...] [-- PYTEST_ARGS]`.

Each run sets `ATRIUM_NOW` (read by app/clock.py; servers and CLIs the tests start inherit it) and `TZ`, so every
test sees that instant and zone. Without names, two instants are picked by today's day of the year, so that
over four days (well inside a week) CI has run every one of them; `--all` runs them all; `--list` names them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from dataclasses import dataclass

from app import clock


@dataclass(frozen=True)
class Instant:
    name: str
    at: str  # ATRIUM_NOW: an ISO 8601 instant with its offset
    zone: str  # TZ
    why: str


INSTANTS = (
    Instant("month-start", "2027-03-01T00:05:00+08:00", "Asia/Shanghai",
            "the 1st of a month just after midnight: this month has no activity yet, last month's ranking is due"),
    Instant("month-end", "2027-04-30T23:55:00+08:00", "Asia/Shanghai",
            "the last day of a month before midnight: the run crosses into May"),
    Instant("new-year", "2026-12-31T23:58:00-05:00", "America/New_York",
            "31 December: the run crosses into 1 January (and into a new year's weeks)"),
    Instant("leap-day", "2028-02-29T12:00:00+00:00", "Europe/London", "29 February of a leap year"),
    Instant("clocks-back", "2027-10-31T02:30:00+02:00", "Europe/Berlin",
            "the night clocks go back: 02:30 comes twice"),
    Instant("clocks-forward", "2027-03-14T01:58:00-08:00", "America/Los_Angeles",
            "the night clocks go forward: the run jumps from 01:59 to 03:00"),
    Instant("monday-0859", "2027-03-08T08:59:00+08:00", "Asia/Shanghai", "a minute before working hours start"),
    Instant("friday-1801", "2027-03-12T18:01:00+08:00", "Asia/Shanghai", "a minute after the working week ends"),
)


def todays_pair() -> tuple[Instant, Instant]:
    """Two instants that change every day and cover all of them within four consecutive days."""
    first = (clock.today().timetuple().tm_yday * 2) % len(INSTANTS)
    return INSTANTS[first], INSTANTS[first + 1]


def run(instant: Instant, pytest_args: list[str]) -> int:
    env = {**os.environ, clock.SHIFT_VARIABLE: instant.at, "TZ": instant.zone}
    env.pop(clock.SINCE_VARIABLE, None)  # the shift starts with this run
    print(f"\n=== calendar run {instant.name}: ATRIUM_NOW={instant.at} TZ={instant.zone} — {instant.why}", flush=True)
    return subprocess.call([sys.executable, "-m", "pytest", *pytest_args], env=env)


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    pytest_args = args[args.index("--") + 1:] if "--" in args else []
    ours = args[: args.index("--")] if "--" in args else args
    parser = argparse.ArgumentParser(prog="python -m tests.calendar_run", description=__doc__)
    parser.add_argument("names", nargs="*", help="instants to run (default: today's two)")
    parser.add_argument("--all", action="store_true", help="run every instant")
    parser.add_argument("--list", action="store_true", help="list the instants and exit")
    options = parser.parse_args(ours)
    if options.list:
        for instant in INSTANTS:
            print(f"{instant.name:15} {instant.at}  {instant.zone:20} {instant.why}")
        return 0
    by_name = {i.name: i for i in INSTANTS}
    unknown = [n for n in options.names if n not in by_name]
    if unknown:
        parser.error(f"unknown instant {', '.join(unknown)}; --list shows them")
    chosen = list(INSTANTS) if options.all else [by_name[n] for n in options.names] or list(todays_pair())
    failed = [i.name for i in chosen if run(i, pytest_args) != 0]
    print(f"\ncalendar runs: {len(chosen) - len(failed)} of {len(chosen)} green" +
          (f"; failed: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
