"""Where events other than new messages come from: tasks, articles, due dates and unacknowledged urgent messages.

Each function reads the local store (plain SQLite, no Qt) and returns `Event`s built by the factories in
events.py, so the same task, review or reminder always gets the same id on every device and after every
restart. They do not decide anything: the notifier asks `decide` about what they return and records it once.

- `task_events`: a task given to me by someone else (the clock reading of the owner change names the
  assignment, so being given the task again later notifies again, replays do not).
- `article_events`: an article waiting for my review, my article approved or sent back. Review outcomes are
  seen as a change of status from "in review", so editing an approved article later is not news.
- `due_reminders`: the local scheduler. A task's due date is a day; it is due at the end of my working day
  on that date (in my time zone), so "due in 2 hours" comes while I can still act on it. Only the most
  pressing reminder is made for a task (overdue, else 2 h, else 24 h); works offline, it reads local data.
- `notice_events`: what the server told me about my account (a burst of failed sign-ins), worded here in the
  person's language.
- `ack_reminders`: an urgent message asking me to acknowledge it reminds me every ACK_REMINDER_EVERY until I
  do, for at most ACK_REMINDER_FOR after it was sent.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from app.store import reads

from .events import Event, EventKind
from .feed import chunks, parse_instant, preview
from .settings import NotificationSettings

ACK_REMINDER_EVERY = timedelta(minutes=5)
ACK_REMINDER_FOR = timedelta(hours=1)
DUE_SOON = timedelta(hours=2)
DUE_TOMORROW = timedelta(hours=24)
_DEFAULT_END = time(18, 0)


def _clock_instant(hlc: str | None) -> datetime | None:
    return parse_instant(reads.hlc_time(hlc))


# -- tasks ------------------------------------------------------------------------------------------------------


def task_events(conn: sqlite3.Connection, user_id: str, task_ids: Iterable[str], *,
                since: datetime | None = None) -> list[Event]:
    """"Assigned to you" for the tasks now mine that someone else gave me, made at or after `since`."""
    found: list[Event] = []
    for chunk in chunks(sorted(set(task_ids))):
        rows = conn.execute(
            f"SELECT id, space_id, title, owner_id, due, clocks, created_by, status FROM tasks"
            f" WHERE id IN ({','.join('?' * len(chunk))}) AND owner_id = ? AND deleted = 0 AND status != 'done'"
            " AND _state != 'rejected'", (*chunk, user_id)).fetchall()
        for row in rows:
            try:
                clocks = json.loads(row["clocks"] or "{}")
            except ValueError:
                clocks = {}
            assignment = clocks.get("owner_id") if isinstance(clocks, dict) else None
            if not isinstance(assignment, str):
                continue
            actor = conn.execute(
                "SELECT actor_id FROM task_history WHERE task_id = ? AND field = 'owner_id' AND hlc = ?",
                (row["id"], assignment)).fetchone()
            by = actor[0] if actor else row["created_by"]
            at = _clock_instant(assignment)
            if by in (None, user_id) or at is None or (since is not None and at < since):
                continue  # I took it myself, or it is history
            found.append(Event.task_assigned(row["id"], assignment, at, title=row["title"], space_id=row["space_id"],
                                             sender_id=by))
    return found


def open_task_ids(conn: sqlite3.Connection, user_id: str, task_ids: Iterable[str]) -> set[str]:
    """Which of these tasks are still mine and open."""
    found: set[str] = set()
    for chunk in chunks(sorted(set(task_ids))):
        found.update(r[0] for r in conn.execute(
            f"SELECT id FROM tasks WHERE id IN ({','.join('?' * len(chunk))}) AND owner_id = ? AND deleted = 0"
            " AND status != 'done'", (*chunk, user_id)))
    return found


def due_at(due: date, settings: NotificationSettings) -> datetime:
    """When a task due on `due` is due: the end of that day's (last) working hours in the person's zone,
    or 18:00 on a day off."""
    ranges = settings.working_hours[due.weekday()]
    end = max((r.end for r in ranges if not r.crosses_midnight and r.end != time(0, 0)), default=_DEFAULT_END)
    return datetime.combine(due, end, tzinfo=settings.zone)


def due_reminders(conn: sqlite3.Connection, user_id: str, settings: NotificationSettings, now: datetime, *,
                  since: datetime | None = None) -> list[Event]:
    """The reminder each of my open tasks with a due date needs at `now`; ones that fell due before `since`
    are history (a new profile, or a task overdue for weeks) and are not made."""
    found: list[Event] = []
    rows = conn.execute(
        "SELECT id, space_id, title, due FROM tasks WHERE owner_id = ? AND due IS NOT NULL AND deleted = 0"
        " AND status != 'done' AND _state != 'rejected'", (user_id,)).fetchall()
    for row in rows:
        day = reads.parse_due(row["due"])
        if day is None:
            continue
        due = due_at(day, settings)
        # The reminders come real hours before the due time: arithmetic on a zoned time keeps the wall clock,
        # so on the day clocks change "24 hours before" would be 23 or 25 hours before.
        instant = due.astimezone(UTC)
        if now >= due:
            kind, fire = EventKind.TASK_OVERDUE, due
        elif now >= instant - DUE_SOON:
            kind, fire = EventKind.TASK_DUE_2H, instant - DUE_SOON
        elif now >= instant - DUE_TOMORROW:
            kind, fire = EventKind.TASK_DUE_24H, instant - DUE_TOMORROW
        else:
            continue
        if since is not None and fire < since:
            continue
        found.append(Event.task_reminder(kind, row["id"], due, fire, title=row["title"], space_id=row["space_id"]))
    return sorted(found, key=lambda e: (e.at, e.id))


def next_due_change(conn: sqlite3.Connection, user_id: str, settings: NotificationSettings,
                    now: datetime) -> datetime | None:
    """The next moment a reminder becomes due (so a caller can wake up then instead of polling)."""
    upcoming: list[datetime] = []
    for (text,) in conn.execute(
        "SELECT due FROM tasks WHERE owner_id = ? AND due IS NOT NULL AND deleted = 0 AND status != 'done'"
        " AND _state != 'rejected'", (user_id,)
    ):
        day = reads.parse_due(text)
        if day is None:
            continue
        due = due_at(day, settings).astimezone(UTC)  # real hours before it, as in due_reminders
        upcoming += [m for m in (due - DUE_TOMORROW, due - DUE_SOON, due) if m > now]
    return min(upcoming, default=None)


# -- articles ---------------------------------------------------------------------------------------------------


def article_statuses(conn: sqlite3.Connection, ids: Sequence[str] | None = None) -> dict[str, str]:
    """The status of these articles (of every local one without `ids`), to tell later which changed from
    "in review"."""
    if ids is None:
        return dict(conn.execute("SELECT id, status FROM articles"))
    found: dict[str, str] = {}
    for chunk in chunks(ids):
        found.update(conn.execute(f"SELECT id, status FROM articles WHERE id IN ({','.join('?' * len(chunk))})",
                                  tuple(chunk)).fetchall())
    return found


def article_events(conn: sqlite3.Connection, user_id: str, article_ids: Iterable[str], before: Mapping[str, str],
                   *, since: datetime | None = None) -> list[Event]:
    """Events for articles whose status changed from `before` (id -> status as last seen)."""
    found: list[Event] = []
    for chunk in chunks(sorted(set(article_ids))):
        rows = conn.execute(
            f"SELECT id, title, status, author_id, head_revision_id, reviewer_id, review_comment, updated_at,"
            f" published_at FROM articles WHERE id IN ({','.join('?' * len(chunk))}) AND _state != 'rejected'",
            chunk).fetchall()
        for row in rows:
            was, now_status, revision = before.get(row["id"]), row["status"], row["head_revision_id"] or ""
            if was == now_status or not revision:
                continue
            at = parse_instant(row["published_at"] if now_status == "published" else row["updated_at"])
            if at is None or (since is not None and at < since):
                continue
            mine = row["author_id"] == user_id
            if now_status == "in_review" and not mine and reads.may_review(conn, user_id, row["author_id"]):
                found.append(Event.article(EventKind.REVIEW_WAITING, row["id"], revision, at, title=row["title"],
                                           sender_id=row["author_id"]))
            elif mine and was == "in_review" and row["reviewer_id"] not in (None, user_id):
                kind = EventKind.ARTICLE_APPROVED if now_status == "published" else EventKind.ARTICLE_SENT_BACK
                found.append(Event.article(kind, row["id"], revision, at, title=row["title"],
                                           sender_id=row["reviewer_id"], preview=preview(row["review_comment"] or "")))
    return found


# -- notices about my account ------------------------------------------------------------------------------------

_NOTICE_TEXT = {
    "en": ("Failed sign-ins to your account",
           "{failures} wrong passwords since {since} from {addresses} address(es), the latest {address}. "
           "If this was not you, tell your administrator."),
    "zh": ("你的账号有多次登录失败",
           "自 {since} 起密码错误 {failures} 次，来自 {addresses} 个地址（最近：{address}）。"
           "如果不是你本人，请告诉管理员。"),
}


def notice_events(conn: sqlite3.Connection, notice_ids: Iterable[str], language: str, zone: tzinfo, *,
                  since: datetime | None = None) -> list[Event]:
    """The notices among `notice_ids` this client knows how to word (newer topics are left for a newer client)."""
    found: list[Event] = []
    title, body = _NOTICE_TEXT["zh" if language.startswith("zh") else "en"]
    for chunk in chunks(sorted(set(notice_ids))):
        rows = conn.execute(f"SELECT id, topic, at, data FROM notices WHERE id IN ({','.join('?' * len(chunk))})",
                            tuple(chunk)).fetchall()
        for row in rows:
            at = parse_instant(row["at"])
            if row["topic"] != "failed_sign_ins" or at is None or (since is not None and at < since):
                continue
            try:
                data = json.loads(row["data"] or "{}")
                first = parse_instant(str(data.get("since") or "")) or at
                text = body.format(failures=int(data["failures"]), addresses=int(data["addresses"]),
                                   address=str(data.get("latest_address") or "?"),
                                   since=first.astimezone(zone).strftime("%Y-%m-%d %H:%M"))
            except (ValueError, KeyError, TypeError, AttributeError):
                continue
            found.append(Event.account_notice(row["id"], at, title=title, preview=text))
    return found


# -- urgent messages I have not acknowledged ----------------------------------------------------------------------


def ack_reminders(now: datetime, open_urgent: Iterable[Event]) -> list[Event]:
    """For each urgent message I have not acknowledged yet (the events of `open_urgent_ids`): the reminder of
    the current round, if the message is between one round and ACK_REMINDER_FOR old."""
    found: list[Event] = []
    for original in open_urgent:
        age = now - original.at
        if original.kind is not EventKind.URGENT_MESSAGE or not ACK_REMINDER_EVERY <= age <= ACK_REMINDER_FOR:
            continue
        round_ = int(age / ACK_REMINDER_EVERY)
        found.append(Event.ack_reminder(original, round_, original.at + round_ * ACK_REMINDER_EVERY))
    return found


def open_urgent_ids(conn: sqlite3.Connection, user_id: str, now: datetime) -> list[str]:
    """Urgent messages sent to me in the last ACK_REMINDER_FOR that ask for an acknowledgement I have not given."""
    since = (now - ACK_REMINDER_FOR).astimezone(UTC).isoformat(timespec="milliseconds")
    return [r[0] for r in conn.execute(
        "SELECT m.id FROM messages m WHERE m.urgent = 1 AND m.ack_requested = 1 AND m.author_id != ?"
        " AND m.deleted = 0 AND m.sent_at >= ? AND NOT EXISTS (SELECT 1 FROM acknowledgements a"
        " WHERE a.message_id = m.id AND a.user_id = ?)", (user_id, since, user_id))]
