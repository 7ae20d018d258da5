"""Reading one person's growth rows from the local store, shaped for `activity_from_rows`.

The desktop client computes the growth map from what it has synced (and what the person did offline, still
pending), so the map moves at once. Only the rows that can become the person's activity are read: their own
messages plus the ones they replied to or were @mentioned in, the tasks they created, own or changed (with
every history entry of those tasks, since the last status change decides who completed one), and the small
tables whole (people, conversations, articles). Runs on the store's worker thread: on a large profile this
is tens of thousands of rows. `recognitions` reads the monthly platform experts the server published.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

from app import clock

from .activity import Activity, activity_from_rows
from .recognition import MonthlyRecognition

_BATCH = 500  # SQLite's default limit on host parameters is 999 on older builds


def _dicts(conn: sqlite3.Connection, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
    cursor = conn.execute(sql, params)
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor]


def _chunks(items: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(items), _BATCH):
        yield items[start : start + _BATCH]


def growth_rows(conn: sqlite3.Connection, person_id: str) -> dict[str, list[dict[str, Any]]]:
    """The keyword arguments of `activity_from_rows` for `person_id` (everything but `logins`)."""
    # Mentions are stored as JSON text; the quoted id matches exactly one element.
    mention = f'%"{person_id}"%'
    messages = _dicts(
        conn,
        "SELECT * FROM messages WHERE author_id = ? OR mentions LIKE ? "
        "OR id IN (SELECT reply_to FROM messages WHERE author_id = ? AND reply_to IS NOT NULL)",
        (person_id, mention, person_id),
    )
    tasks = _dicts(
        conn,
        "SELECT * FROM tasks WHERE created_by = ? OR owner_id = ? "
        "OR id IN (SELECT task_id FROM task_history WHERE actor_id = ?)",
        (person_id, person_id, person_id),
    )
    task_ids = [str(task["id"]) for task in tasks]
    history: list[dict[str, Any]] = []
    for chunk in _chunks(task_ids):
        marks = ",".join("?" * len(chunk))
        history += _dicts(conn, f"SELECT * FROM task_history WHERE task_id IN ({marks})", tuple(chunk))
    return {
        "people": _dicts(conn, "SELECT id, department_id FROM people"),
        "conversations": _dicts(conn, "SELECT id, kind, created_by, created_at, _state FROM conversations"),
        "messages": messages,
        "tasks": tasks,
        "task_history": history,
        "articles": _dicts(conn, "SELECT * FROM articles"),
        "article_likes": _dicts(
            conn,
            "SELECT * FROM article_likes WHERE user_id = ? "
            "OR article_id IN (SELECT id FROM articles WHERE author_id = ?)",
            (person_id, person_id),
        ),
        "favorites": _dicts(conn, "SELECT * FROM favorites WHERE user_id = ?", (person_id,)),
        "spaces": _dicts(conn, "SELECT * FROM spaces WHERE created_by = ?", (person_id,)),
    }


def person_activity(conn: sqlite3.Connection, person_id: str) -> list[Activity]:
    """The person's activity as the local store knows it, oldest first."""
    return activity_from_rows(person_id, **growth_rows(conn, person_id))


def local_zone() -> tzinfo:
    """This computer's time zone: days, caps and streaks follow the person's own calendar."""
    return clock.local_zone()



def recognitions(conn: sqlite3.Connection) -> list[MonthlyRecognition]:
    """The monthly platform experts the server published (synced into the org scope), newest month first."""
    rows = conn.execute(
        "SELECT month, share, time_zone, ranked, cutoff, experts FROM growth_recognitions ORDER BY month DESC"
    ).fetchall()
    found = []
    for month, share, zone, ranked, cutoff, experts in rows:
        try:
            found.append(MonthlyRecognition.from_data({
                "month": month, "share": share, "time_zone": zone, "ranked": ranked, "cutoff": cutoff,
                "experts": json.loads(experts or "[]"),
            }))
        except (ValueError, KeyError, TypeError):
            continue  # written by a newer server in a shape this version does not know: leave it out
    return found
