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
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from app.markup import mentioned_names, person_names
from app.store import reads

from .events import Event, EventKind
from .settings import NotificationSettings, SettingsError, effective, office_hours, personal_changes, zone

_PREVIEW_CHARS = 140
_CHUNK = 500
SETTINGS_KEY = "settings"
DEVICE_KEY = "device"


def chunks(items: Sequence[str], size: int = _CHUNK) -> Iterator[Sequence[str]]:
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


def classify(conversation_kind: str, important: bool, mentioned: bool, urgent: bool = False) -> EventKind:
    """Most specific first: urgent, important, then a mention, then direct vs group chatter."""
    if urgent:
        return EventKind.URGENT_MESSAGE
    if important:
        return EventKind.IMPORTANT_MESSAGE
    if mentioned:
        return EventKind.MENTION
    return EventKind.DIRECT_MESSAGE if conversation_kind == "direct" else EventKind.GROUP_MESSAGE


def mentions_me(body: str, mentions: Iterable[str], user_id: str, *names: str) -> bool:
    """Whether a message calls me: the sender's client named me, or the body @mentions one of my `names` (username,
    display names) as the message shows it (app.markup, the parser that highlights it: not in code, not inside a
    link's address)."""
    if user_id in mentions:
        return True
    mine = person_names(*names) if names else frozenset()
    lowered = body.lower()
    # Parsing costs ~0.1 ms: only a body with "@" and one of my names in it can mention me.
    return any(f"@{name}" in lowered for name in mine) and bool(mentioned_names(body, mine))


def message_events(
    conn: sqlite3.Connection, user_id: str, message_ids: Iterable[str], language: str = "en",
    *, since: datetime | None = None,
) -> list[MessageEvent]:
    """Events for the given messages that concern `user_id`, oldest first; messages sent before `since` (history)
    and messages not yet given an order by the server are left out."""
    ids = sorted(set(message_ids))
    me = reads.person(conn, user_id)
    my_names = (me.username, me.display_name, me.display_name_en) if me else ()
    found: list[MessageEvent] = []
    titles: dict[str, str] = {}
    names: dict[str, str] = {}
    # History is left out in SQL, not after reading it: a first sync names thousands of old messages per page, and
    # reading each back on the GUI thread stalled the window. The server writes sent_at as UTC ISO text with
    # milliseconds, which orders as text; the bound is a second early, and the exact test below stays.
    floor = (since - timedelta(seconds=1)).astimezone(UTC).isoformat(timespec="milliseconds") if since else ""
    for chunk in chunks(ids):
        rows = conn.execute(
            "SELECT m.id, m.conversation_id, m.seq, m.author_id, m.body, m.important, m.mentions, m.sent_at,"
            " m.created_hlc, m.urgent, m.urgent_reason, c.kind AS conversation_kind FROM messages m"
            " JOIN conversations c"
            " ON c.id = m.conversation_id"
            f" WHERE m.id IN ({','.join('?' * len(chunk))}) AND m.seq IS NOT NULL AND m.deleted = 0"
            " AND (m.sent_at IS NULL OR m.sent_at >= ?)"
            " AND m.author_id != ? AND EXISTS (SELECT 1 FROM conversation_members cm"
            " WHERE cm.conversation_id = m.conversation_id AND cm.user_id = ? AND cm.present)",
            (*chunk, floor, user_id, user_id),
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
            urgent = bool(row["urgent"]) and bool((row["urgent_reason"] or "").strip())
            kind = classify(row["conversation_kind"], bool(row["important"]),
                            mentions_me(row["body"], mentions, user_id, *my_names), urgent)
            event = Event.message(kind, row["id"], cid, author, at, title=titles[cid], preview=preview(row["body"]),
                                  urgent_reason=row["urgent_reason"] if urgent else None)
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
    event_kind: str = ""  # the EventKind of events that are not messages (the centre words them)
    rule: str = ""  # the policy's Rule code (or "read_elsewhere"), for a reason worded in the UI's language


class NotifiedLog:
    """The `notified` and `notification_settings` tables over one connection (autocommit: each call is atomic)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def known(self, event_ids: Iterable[str]) -> set[str]:
        ids = list(event_ids)
        seen: set[str] = set()
        for chunk in chunks(ids):
            seen.update(r[0] for r in self.conn.execute(
                f"SELECT event_id FROM notified WHERE event_id IN ({','.join('?' * len(chunk))})", tuple(chunk)))
        return seen

    def record(self, entries: Iterable[tuple[str, datetime, str, str, bool]]) -> None:
        """(event id, when, action, reason, read); an id already recorded keeps its first record."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO notified(event_id, at, action, reason, read) VALUES (?, ?, ?, ?, ?)",
            [(i, at.astimezone(UTC).isoformat(timespec="seconds"), a, r, int(rd)) for i, at, a, r, rd in entries],
        )

    def record_events(self, entries: Iterable[tuple[Event, datetime, str, str, bool, str]]) -> None:
        """(event, when, action, reason, read, rule code), keeping the event itself for the centre and restarts;
        an id already recorded keeps its first record."""
        self.conn.executemany(
            "INSERT OR IGNORE INTO notified(event_id, at, action, reason, read, event, rule)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(event.id, at.astimezone(UTC).isoformat(timespec="seconds"), action, reason, int(read),
              json.dumps(event.to_dict(), ensure_ascii=False), rule)
             for event, at, action, reason, read, rule in entries])

    def stored_events(self, event_ids: Sequence[str]) -> list[Event]:
        """The events recorded with these ids (those recorded with their event), in the order asked."""
        found: dict[str, Event] = {}
        for chunk in chunks(list(event_ids)):
            for event_id, text in self.conn.execute(
                f"SELECT event_id, event FROM notified WHERE event_id IN ({','.join('?' * len(chunk))})"
                " AND event IS NOT NULL", tuple(chunk)):
                try:
                    found[event_id] = Event.from_dict(json.loads(text))
                except (ValueError, KeyError, TypeError):
                    continue  # written by a newer version: leave it out rather than fail
        return [found[i] for i in event_ids if i in found]

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

    def load_settings(self, default_zone: str = "UTC", user_id: str | None = None) -> NotificationSettings:
        """The settings in force on this device: the organisation's default (synced through the org scope)
        with the person's own choices over it (synced through their user scope; before the first sync, the
        copy kept on this device), and this device's presenting mode."""
        base = org_default(self.conn, default_zone)
        personal = _preference(self.conn, user_id, "notifications") if user_id else None
        local = self._local(SETTINGS_KEY)
        try:
            settings = effective(base, personal if personal is not None else local)
        except SettingsError:
            settings = base  # unreadable (hand-edited, or a newer format): fall back to the defaults
        device = self._local(DEVICE_KEY) or (local or {})
        presenting = device.get("presenting")
        return replace(settings, presenting=presenting) if isinstance(presenting, bool) else settings

    def save_settings(self, settings: NotificationSettings) -> None:
        """Keep the settings on this device (its copy until the synced one arrives, and its presenting mode).
        Kept as what differs from the organisation's default, like the synced copy, so a later change of the
        default still reaches what the person did not change."""
        personal = personal_changes(settings, org_default(self.conn, settings.time_zone))
        self.conn.executemany(
            "INSERT INTO notification_settings(key, value) VALUES (?, ?)"
            " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [(SETTINGS_KEY, json.dumps(personal, ensure_ascii=False, sort_keys=True)),
             (DEVICE_KEY, json.dumps({"presenting": settings.presenting}))],
        )

    def _local(self, key: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT value FROM notification_settings WHERE key = ?", (key,)).fetchone()
        try:
            value = json.loads(row[0]) if row else None
        except ValueError:
            return None
        return value if isinstance(value, dict) else None


def _preference(conn: sqlite3.Connection, owner: str, key: str) -> dict[str, Any] | None:
    row = conn.execute("SELECT value FROM preferences WHERE owner = ? AND key = ?", (owner, key)).fetchone()
    try:
        value = json.loads(row[0]) if row else None
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def org_default(conn: sqlite3.Connection, default_zone: str = "UTC") -> NotificationSettings:
    """The organisation's default settings as synced, laid over office hours in `default_zone` (so a default
    that names no time zone follows the device's)."""
    base = default_settings(default_zone)
    try:
        return effective(base, _preference(conn, "org", "notifications"))
    except SettingsError:
        return base


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
        "SELECT event_id, at, action, reason, read, event, rule FROM notified WHERE action != 'badge_only'"
        " ORDER BY at DESC, event_id DESC LIMIT ?", (limit,)).fetchall()
    message_ids = [m for m in (message_id_of(r[0]) for r in rows) if m]
    events = {m.event.id: m for m in message_events(conn, user_id, message_ids, language)}
    names: dict[str, str] = {}
    items = []
    for event_id, at, action, reason, read, stored, rule in rows:
        found = events.get(event_id)
        if found is not None or event_id.startswith("message:"):
            items.append(HistoryItem(
                event_id, parse_instant(at), action, reason or "", bool(read), "message",
                message_id_of(event_id) or "", found.event.title if found else "",
                found.sender_name if found else "", found.event.preview if found else "",
                found.event.kind.value if found else "", rule or ""))
            continue
        try:
            event = Event.from_dict(json.loads(stored)) if stored else None
        except (ValueError, KeyError, TypeError):
            event = None
        if event is None:
            items.append(HistoryItem(event_id, parse_instant(at), action, reason or "", bool(read), "", "", "", "", "",
                                     "", rule or ""))
            continue
        sender = event.sender_id or ""
        if sender and sender not in names:
            names[sender] = reads.display_name(reads.person(conn, sender), language, sender)
        items.append(HistoryItem(
            event_id, parse_instant(at), action, reason or "", bool(read), event.opens, event.subject_id,
            event.title, names.get(sender, ""), event.preview, event.kind.value, rule or ""))
    return items
