"""`atrium-server growth USER` and `atrium-server experts`: growth maps and the monthly ranking from a terminal.

    atrium-server --db PATH growth wangfang [--json] [--tz Asia/Shanghai] [--today 2026-11-22]
    atrium-server --db PATH experts [--month 2026-10] [--publish] [--json]

Both print what the server's own tables say, computed by the same code the clients run (see growth.py). A
mistake (unknown person, bad zone, month not over) ends with one line on stderr, as every other command does.
"""

from __future__ import annotations

import argparse
import json

from app.growth import default_definition
from app.growth.recognition import month_bounds
from app.growth.summary import state_summary

from . import growth
from .cli import CliError, _table
from .db import Database, users


def run(database: Database, args: argparse.Namespace) -> int:
    try:
        return _growth(database, args) if args.command == "growth" else _experts(database, args)
    except growth.GrowthError as exc:
        raise CliError(str(exc)) from None


def _growth(database: Database, args: argparse.Namespace) -> int:
    tz = growth.zone(args.tz)
    today = growth.day(args.today, tz)
    with database.read() as conn:
        person = growth.find_person(conn, args.user)
        if person is None:
            raise CliError(f"there is no account {args.user!r} (see: atrium-server user list)")
        state = growth.person_state(conn, str(person["id"]), today, tz)
    summary = state_summary(state)
    if args.json:
        print(json.dumps({"time_zone": tz.key, "state": summary}, ensure_ascii=False, indent=2))
        return 0
    level = state.level.title
    print(f"{person['username']}: {level.en} ({level.zh}) · {state.total_points} points")
    if state.next_level is not None:
        needs = f"{state.points_to_next_level} more points" if state.points_to_next_level else "milestones"
        print(f"next level: {state.next_level.title.en} ({needs})")
    print(f"workday streak: {state.current_streak} now, {state.longest_streak} longest · as of {today} ({tz.key})")
    rows = [
        [
            s.milestone.badge.emoji if s.status == "reached" else "",
            s.milestone.id,
            s.status,
            s.reached_on.isoformat() if s.reached_on else "-",
            f"{s.progress}/{s.target}",
        ]
        for s in (*state.reached, *state.next, *state.locked)
    ]
    print()
    _table(["", "milestone", "status", "reached", "progress"], rows)
    return 0


def _experts(database: Database, args: argparse.Namespace) -> int:
    month = args.month or growth.last_month()
    try:
        month_bounds(month)
    except ValueError as exc:
        raise CliError(str(exc)) from None
    if args.publish:
        result, _touched = growth.publish_recognition(database, month)
    else:
        with database.read() as conn:
            result = growth.rank_month(conn, month)
    if args.json:
        print(json.dumps({**result.to_data(), "published": bool(args.publish)}, ensure_ascii=False, indent=2))
        return 0
    with database.read() as conn:
        names = dict(conn.execute(users.select().with_only_columns(users.c.id, users.c.username)).all())
    title = default_definition().recognition.title
    share = round(result.share * 100)
    print(f"{title.en} ({title.zh}) {month}: top {share}% of {result.ranked} people, at least {result.cutoff} points")
    if not result.experts:
        print("nobody earned points this month")
    else:
        _table(["rank", "username", "points"], [[str(e.rank), names.get(e.user_id, e.user_id), str(e.points)]
                                                for e in result.experts])
    if args.publish:
        print("published: every client receives it with its next sync")
    return 0
