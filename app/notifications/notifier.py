"""The notifier: decides on each new event, shows, holds or badges it, and shows one digest when quiet time ends.

It is fed the store's change sets (`on_changes`), asks `decide` about every event it has not seen before, records
the decision in the `notified` table (so no event notifies twice, even after a restart), and hands what must pop
up to an `Adapter` (the desktop's tray, a toast, or a test's recorder). What it holds is shown as one `Digest`
when `check` (called every minute by the UI) or `back_online` sees that quiet time has ended. No Qt here: the
clock and the adapter are given, so tests drive it with a fake clock.

History is never news: a profile with no cursors yet takes everything sent before the notifier started as
history, and any profile ignores messages sent more than BASELINE_GRACE before the notifier started.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol

from app.store import reads

from .digest import Digest, collapse_burst
from .events import Event
from .feed import MessageEvent, NotifiedLog, has_cursors, message_events, message_id_of
from .policy import Action, decide, is_quiet_or_presenting, quiet_period_ended
from .settings import NotificationSettings

BASELINE_GRACE = timedelta(minutes=5)
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Notification:
    """What one pop-up shows, and what clicking it opens."""

    title: str
    body: str
    open_kind: str | None  # message | task | article; None for a digest
    open_id: str | None
    sound: bool
    event_ids: tuple[str, ...]
    is_digest: bool = False


class Adapter(Protocol):
    def show(self, notification: Notification) -> None: ...


_TEXT = {
    "en": {"new_message": "New message", "in": "{sender} in {chat}", "digest_title": "Atrium"},
    "zh": {"new_message": "新消息", "in": "{sender}（{chat}）", "digest_title": "Atrium"},
}


class Notifier:
    def __init__(
        self, conn: sqlite3.Connection, user_id: str, adapter: Adapter, *, clock: Clock = lambda: datetime.now(UTC),
        language: str = "en", default_zone: str = "UTC",
    ) -> None:
        self.conn = conn
        self.log = NotifiedLog(conn)
        self.user_id = user_id
        self.adapter = adapter
        self.clock = clock
        self.language = "zh" if language.startswith("zh") else "en"
        self.started = clock()
        self.cutoff = self.started - BASELINE_GRACE if has_cursors(conn) else self.started
        self.settings = self.log.load_settings(default_zone)
        self._held: dict[str, tuple[Event, int]] = {}  # event id -> (event, message seq)
        self._last_check = self.started
        self._previous_settings = self.settings
        self.listeners: list[Callable[[], None]] = []  # told when the history changed (the centre refreshes)
        self._reload_held()

    # -- input ------------------------------------------------------------------------------------------------

    def on_changes(self, changes: Mapping[str, Iterable[str]]) -> None:
        """A committed change set from the store (kind -> ids)."""
        changed = False
        if "read_marker" in changes:
            changed |= self._read_markers_moved(changes["read_marker"])
        if "message" in changes:
            found = message_events(self.conn, self.user_id, changes["message"], self.language, since=self.cutoff)
            changed |= self.consider(found)
        if changed:
            self._tell()

    def consider(self, found: list[MessageEvent]) -> bool:
        """Decide on the events not seen before; returns whether anything was recorded."""
        if not found:
            return False
        known = self.log.known(m.event.id for m in found)
        fresh = [m for m in found if m.event.id not in known]
        if not fresh:
            return False
        now = self.clock()
        read_upto: dict[str, int] = {}
        records, shown = [], []
        for item in fresh:
            cid = item.event.conversation_id or ""
            if cid not in read_upto:
                read_upto[cid] = _read_seq(self.conn, cid, self.user_id)
            if item.seq <= read_upto[cid]:
                # Read on another device before it reached this one: nothing to say about it.
                records.append((item.event.id, now, "read", "Already read on another device.", True))
                continue
            decision = decide(item.event, self.settings, now)
            records.append((item.event.id, now, decision.action.value, decision.reason, False))
            if decision.action is Action.SHOW_NOW:
                shown.append(item)
            elif decision.action is Action.HOLD_FOR_DIGEST:
                self._held[item.event.id] = (item.event, item.seq)
        # Recorded before anything pops up: a crash between the two loses one pop-up, never repeats one.
        self.log.record(records)
        by_id = {m.event.id: m for m in shown}
        for burst in collapse_burst(m.event for m in shown):
            self._show(self._message_note(by_id[burst.event.id], burst.event_ids, burst.more(self.language)))
        return True

    # -- time -----------------------------------------------------------------------------------------------

    def check(self) -> bool:
        """Called every minute: show the digest if quiet time ended since the last check. Returns whether it did."""
        now = self.clock()
        ended = bool(self._held) and quiet_period_ended(
            self.settings, self._last_check, now, previous=self._previous_settings)
        if now > self._last_check:
            self._last_check, self._previous_settings = now, self.settings
        return self._flush(now) if ended else False

    def back_online(self) -> bool:
        """The app was offline and is back: what it held (late arrivals) comes as one digest, unless still quiet."""
        now = self.clock()
        if self._held and not is_quiet_or_presenting(self.settings, now):
            return self._flush(now)
        return False

    def set_settings(self, settings: NotificationSettings) -> None:
        """New settings from the settings page (saved at once). Resuming or ending presenting mode brings the
        digest right away."""
        old, now = self.settings, self.clock()
        self.settings = settings
        self.log.save_settings(settings)
        if self._held and is_quiet_or_presenting(old, now) and not is_quiet_or_presenting(settings, now):
            self._flush(now)
        self._tell()

    # -- what the UI shows ------------------------------------------------------------------------------------

    @property
    def held_count(self) -> int:
        return len(self._held)

    def _flush(self, now: datetime) -> bool:
        events = [event for event, _seq in self._held.values()]
        self._held.clear()
        if not events:
            return False
        digest = Digest.build(events, now.astimezone(self.settings.zone), self.language)
        self.log.set_action(digest.event_ids, "digested")
        self._show(Notification(_TEXT[self.language]["digest_title"], digest.text, None, None, self.settings.sound,
                                digest.event_ids, is_digest=True))
        self._tell()
        return True

    def _message_note(self, item: MessageEvent, event_ids: tuple[str, ...], more: str) -> Notification:
        text = _TEXT[self.language]
        event = item.event
        title = item.sender_name if item.conversation_kind == "direct" else text["in"].format(
            sender=item.sender_name, chat=event.title)
        body = text["new_message"] if self.settings.hide_previews else event.preview
        if more:
            body = f"{body}\n{more}"
        return Notification(title, body, "message", event.subject_id, self.settings.sound, event_ids)

    def _show(self, notification: Notification) -> None:
        self.adapter.show(notification)

    def _tell(self) -> None:
        for listener in list(self.listeners):
            listener()

    # -- read markers and restarts -----------------------------------------------------------------------------

    def _read_markers_moved(self, marker_ids: Iterable[str]) -> bool:
        suffix = f":{self.user_id}"
        moved = False
        for marker in marker_ids:
            if not marker.endswith(suffix):
                continue
            cid = marker[: -len(suffix)]
            seq = _read_seq(self.conn, cid, self.user_id)
            self.log.mark_read_up_to(cid, seq)
            gone = [i for i, (e, s) in self._held.items() if e.conversation_id == cid and s <= seq]
            for event_id in gone:
                del self._held[event_id]
            moved = True
        return moved

    def _reload_held(self) -> None:
        """Held events survive a restart: rebuild them from their messages (ids are stable)."""
        ids = [m for m in (message_id_of(i) for i in self.log.held()) if m]
        read: list[str] = []
        for item in message_events(self.conn, self.user_id, ids, self.language):
            if item.seq <= _read_seq(self.conn, item.event.conversation_id or "", self.user_id):
                read.append(item.event.id)  # read elsewhere while this app was closed
            else:
                self._held[item.event.id] = (item.event, item.seq)
        self.log.mark_read(read)


def _read_seq(conn: sqlite3.Connection, conversation_id: str, user_id: str) -> int:
    return reads.read_seq(conn, conversation_id, user_id)
