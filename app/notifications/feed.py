"""Turning store changes into notification events, and remembering what was already notified.

The store says which rows changed (`Changes`: kind -> ids); `message_events` reads those messages back and makes
an `Event` for each one addressed to me (in a conversation I am in, not written by me, not deleted). `NotifiedLog`
is the `notified` table: every event decided on is recorded there once, so an event never notifies twice, not
after a restart and not after a resync; read markers from my other devices mark events read there. The person's
settings live next to it in `notification_settings` as the JSON of `NotificationSettings.to_dict`.

Plain SQLite over a connection the caller owns (no Qt): the notifier and the notification centre both use it.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from app.store import reads

from .events import Event, EventKind
from .settings import NotificationSettings, SettingsError, office_hours, zone

_PREVIEW_CHARS = 140
_CHUNK = 500
SETTINGS_KEY = "settings"


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def parse_instant(text: str | None) -> datetime | None:
    """A stored ISO time as an aware datetime (UTC assumed for a naive one), or None."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)


def preview(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= _PREVIEW_CHARS else flat[: _PREVIEW_CHARS - 1] + "…"


def has_cursors(conn: sqlite3.Connection) -> bool:
    """Whether this profile has pulled anything yet (a fresh profile's first sync is all history)."""
    return conn.execute("SELECT 1 FROM cursors LIMIT 1").fetchone() is not None


# -- messages -> events -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MessageEvent:
    """An event and the message's place in its conversation (read markers are seqs)."""

    event: Event
    seq: int
    sender_name: str
    conversation_kind: str


def classify(conversation_kind: str, important: bool, mentioned: bool) -> EventKind:
    """Most specific first: important, then a mention, then direct vs group chatter."""
    if important:
        return EventKind.IMPORTANT_MESSAGE
    if mentioned:
        return EventKind.MENTION
    return EventKind.DIRECT_MESSAGE if conversation_kind == "direct" else EventKind.GROUP_MESSAGE


def mentions_me(body: str, mentions: Iterable[str], user_id: str, username: str) -> bool:
    if user_id in mentions:
        return True
    # "@wangfang" but not "@wangfangxu": a username ends where word characters end.
    return bool(username) and re.search(rf"@{re.escape(username)}(?![\w.-])", body, re.IGNORECASE) is not None


def message_events(
    conn: sqlite3.Connection, user_id: str, message_ids: Iterable[str], language: str = "en",
    *, since: datetime | None = None,
) -> list[MessageEvent]:
    """Events for the given messages that concern `user_id`, oldest first; messages sent before `since` (history)
    and messages not yet given an order by the server are left out."""
    ids = sorted(set(message_ids))
    me = reads.person(conn, user_id)
    username = me.username if me else ""
    found: list[MessageEvent] = []
    titles: dict[str, str] = {}
    names: dict[str, str] = {}
    for chunk in _chunks(ids):
        rows = conn.execute(
            "SELECT m.id, m.conversation_id, m.seq, m.author_id, m.body, m.important, m.mentions, m.sent_at,"
            " m.created_hlc, c.kind AS conversation_kind FROM messages m JOIN conversations c"
            " ON c.id = m.conversation_id"
            f" WHERE m.id IN ({','.join('?' * len(chunk))}) AND m.seq IS NOT NULL AND m.deleted = 0"
            " AND m.author_id != ? AND EXISTS (SELECT 1 FROM conversation_members cm"
            " WHERE cm.conversation_id = m.conversation_id AND cm.user_id = ? AND cm.present)",
            (*chunk, user_id, user_id),
        ).fetchall()
        for row in rows:
            at = parse_instant(row["sent_at"]) or parse_instant(reads.hlc_time(row["created_hlc"]))
            if at is None or (since is not None and at < since):
                continue
            try:
                mentions = tuple(json.loads(row["mentions"] or "[]"))
            except ValueError:
                mentions = ()
            cid = row["conversation_id"]
            if cid not in titles:
                titles[cid] = reads.conversation_title(conn, cid, user_id, language)
            author = row["author_id"]
            if author not in names:
                names[author] = reads.display_name(reads.person(conn, author), language, author)
            kind = classify(row["conversation_kind"], bool(row["important"]),
                            mentions_me(row["body"], mentions, user_id, username))
            event = Event.message(kind, row["id"], cid, author, at, title=titles[cid], preview=preview(row["body"]))
            found.append(MessageEvent(event, int(row["seq"]), names[author], row["conversation_kind"]))
    return sorted(found, key=lambda m: (m.event.at, m.event.id))


def message_id_of(event_id: str) -> str | None:
    return event_id.removeprefix("message:") if event_id.startswith("message:") else None


# -- the notified table -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryItem:
    """One row of the notification centre."""

    event_id: str
    at: datetime | None  # when it was decided
    action: str  # show_now | hold_for_digest | badge_only | digested | read
    reason: str
    read: bool
    kind: str  # what to open: message | task | article | "" when unknown
    subject_id: str
    title: str
    sender: str
    preview: str


class NotifiedLog:
    """The `notified` and `notification_settings` tables over one connection (autocommit: each call is atomic)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def known(self, event_ids: Iterable[str]) -> set[str]:
        ids = list(event_ids)
        seen: set[str] = set()
        for chunk in _chunks(ids):
            seen.update(r[0] for r in self.conn.execute(
                f"SELECT event_id FROM notified WHERE event_id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        return seen

    def record(self, entries: Iterable[tuple[str, datetime, str, str, bool]]) -> None:
        """(event id, when, action, reason, read); an id already recorded keeps its first record."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO notified(event_id, at, action, reason, read) VALUES (?, ?, ?, ?, ?)",
            [(i, at.astimezone(UTC).isoformat(timespec="seconds"), a, r, int(rd)) for i, at, a, r, rd in entries],
        )

    def set_action(self, event_ids: Iterable[str], action: str) -> None:
        self.conn.executemany("UPDATE notified SET action = ? WHERE event_id = ?", [(action, i) for i in event_ids])

    def mark_read(self, event_ids: Iterable[str]) -> None:
        self.conn.executemany("UPDATE notified SET read = 1 WHERE event_id = ?", [(i,) for i in event_ids])

    def mark_read_up_to(self, conversation_id: str, seq: int) -> None:
        """Everything recorded for the conversation's messages up to `seq` is read (on any device)."""
        # Walk the few unread notifications, not the conversation's messages (200k in a big chat).
        self.conn.execute(
            "UPDATE notified SET read = 1 WHERE read = 0 AND event_id LIKE 'message:%' AND EXISTS ("
            "SELECT 1 FROM messages m WHERE m.id = substr(notified.event_id, 9) AND m.conversation_id = ?"
            " AND m.seq <= ?)", (conversation_id, seq))

    def held(self) -> list[str]:
        """Ids held for the digest and neither shown in one nor read since (a restart must not lose them)."""
        return [r[0] for r in self.conn.execute(
            "SELECT event_id FROM notified WHERE action = 'hold_for_digest' AND read = 0 ORDER BY at")]

    def load_settings(self, default_zone: str = "UTC") -> NotificationSettings:
        row = self.conn.execute("SELECT value FROM notification_settings WHERE key = ?", (SETTINGS_KEY,)).fetchone()
        if row is not None:
            try:
                return NotificationSettings.from_dict(json.loads(row[0]))
            except (ValueError, SettingsError):
                pass  # unreadable (hand-edited, or a newer format): fall back to the defaults
        return default_settings(default_zone)

    def save_settings(self, settings: NotificationSettings) -> None:
        self.conn.execute(
            "INSERT INTO notification_settings(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (SETTINGS_KEY, json.dumps(settings.to_dict(), ensure_ascii=False, sort_keys=True)),
        )


def default_settings(zone_name: str = "UTC") -> NotificationSettings:
    """Office hours (Mon–Fri 09:00–18:00) in the given zone, or UTC when it is not a known IANA zone."""
    try:
        zone(zone_name)
    except SettingsError:
        zone_name = "UTC"
    return NotificationSettings(time_zone=zone_name, working_hours=office_hours())


def history(conn: sqlite3.Connection, user_id: str, language: str = "en", limit: int = 200) -> list[HistoryItem]:
    """The latest `limit` decisions, newest first, with what each was about (for the notification centre).
    Badge-only decisions are left out: they never notified."""
    rows = conn.execute(
        "SELECT event_id, at, action, reason, read FROM notified WHERE action != 'badge_only'"
        " ORDER BY at DESC, event_id DESC LIMIT ?", (limit,)).fetchall()
    message_ids = [m for m in (message_id_of(r[0]) for r in rows) if m]
    events = {m.event.id: m for m in message_events(conn, user_id, message_ids, language)}
    items = []
    for event_id, at, action, reason, read in rows:
        found = events.get(event_id)
        kind, subject = ("message", message_id_of(event_id) or "") if event_id.startswith("message:") else ("", "")
        items.append(HistoryItem(
            event_id, parse_instant(at), action, reason or "", bool(read), kind, subject,
            found.event.title if found else "", found.sender_name if found else "",
            found.event.preview if found else ""))
    return items
