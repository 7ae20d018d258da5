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
from datetime import datetime, timedelta
from typing import Protocol

from app import clock
from app.store import reads

from . import sources
from .digest import Digest, collapse_burst
from .events import DUE_KINDS, Event, EventKind
from .feed import MessageEvent, NotifiedLog, has_cursors, message_events, message_id_of
from .policy import Action, decide, is_quiet_or_presenting, quiet_period_ended
from .settings import NotificationSettings

BASELINE_GRACE = timedelta(minutes=5)
READ_ELSEWHERE = "read_elsewhere"  # the rule code of an event read on another device before it arrived here
# An existing profile opened in the morning still hears about the task that fell overdue last night.
REMINDER_LOOKBACK = timedelta(hours=24)
# More pop-ups than this at one moment (say ten tasks overdue after a weekend) come as one summary.
MAX_POPUPS_AT_ONCE = 3
Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Notification:
    """What one pop-up shows, and what clicking it opens."""

    title: str
    body: str
    open_kind: str | None  # message | task | article | growth; None for a digest
    open_id: str | None
    sound: bool
    event_ids: tuple[str, ...]
    is_digest: bool = False


class Adapter(Protocol):
    def show(self, notification: Notification) -> None: ...


_TEXT = {
    "en": {"new_message": "New message", "in": "{sender} in {chat}", "digest_title": "Atrium",
           "urgent": "Urgent: {title}", "reason": "Reason: {reason}", "ack_reminder": "Please acknowledge: {title}",
           "from": "{title} (from {sender})",
           EventKind.TASK_ASSIGNED: "New task for you", EventKind.TASK_DUE_24H: "Due within 24 hours",
           EventKind.TASK_DUE_2H: "Due within 2 hours", EventKind.TASK_OVERDUE: "Overdue",
           EventKind.REVIEW_WAITING: "Waiting for your review",
           EventKind.ARTICLE_APPROVED: "Your article was approved and published",
           EventKind.ARTICLE_SENT_BACK: "Your article was sent back", EventKind.MILESTONE_REACHED: "Milestone reached"},
    "zh": {"new_message": "新消息", "in": "{sender}（{chat}）", "digest_title": "Atrium",
           "urgent": "紧急：{title}", "reason": "原因：{reason}", "ack_reminder": "请确认：{title}",
           "from": "{title}（来自 {sender}）",
           EventKind.TASK_ASSIGNED: "你有一项新任务", EventKind.TASK_DUE_24H: "24 小时内到期",
           EventKind.TASK_DUE_2H: "2 小时内到期", EventKind.TASK_OVERDUE: "已逾期",
           EventKind.REVIEW_WAITING: "等待你审核", EventKind.ARTICLE_APPROVED: "你的文章已通过审核并发布",
           EventKind.ARTICLE_SENT_BACK: "你的文章被退回修改", EventKind.MILESTONE_REACHED: "达成成长里程碑"},
}


class Notifier:
    def __init__(
        self, conn: sqlite3.Connection, user_id: str, adapter: Adapter, *, clock: Clock = clock.now,
        language: str = "en", default_zone: str = "UTC",
        persist: Callable[[NotificationSettings], None] | None = None,
    ) -> None:
        self.conn = conn
        self.log = NotifiedLog(conn)
        self.user_id = user_id
        self.adapter = adapter
        self.clock = clock
        self.language = "zh" if language.startswith("zh") else "en"
        self.default_zone = default_zone
        self.persist = persist  # also sends changed settings to the person's other devices (the UI's outbox)
        self.started = clock()
        existing = has_cursors(conn)
        self.cutoff = self.started - BASELINE_GRACE if existing else self.started
        self.reminder_cutoff = self.started - REMINDER_LOOKBACK if existing else self.started
        self.settings = self.log.load_settings(default_zone, user_id)
        self._articles = sources.article_statuses(conn)
        self._held: dict[str, tuple[Event, int | None]] = {}  # event id -> (event, message seq if a message)
        self._last_check = self.started
        self._previous_settings = self.settings
        self.listeners: list[Callable[[], None]] = []  # told when the history changed (the centre refreshes)
        self._reload_held()

    # -- input ------------------------------------------------------------------------------------------------

    def on_changes(self, changes: Mapping[str, Iterable[str]]) -> None:
        """A committed change set from the store (kind -> ids)."""
        changed = False
        if "preference" in changes:
            changed |= self.reload_settings()
        if "read_marker" in changes:
            changed |= self._read_markers_moved(changes["read_marker"])
        if "message" in changes:
            found = message_events(self.conn, self.user_id, changes["message"], self.language, since=self.cutoff)
            changed |= self.consider(found)
        if "acknowledgement" in changes:
            changed |= self._acknowledged(changes["acknowledgement"])
        if "task" in changes:
            ids = list(changes["task"])
            changed |= self.consider_events(sources.task_events(self.conn, self.user_id, ids, since=self.cutoff))
            changed |= self._remind(self.clock())
        if "notice" in changes:
            changed |= self.consider_events(sources.notice_events(
                self.conn, changes["notice"], self.language, self.settings.zone, since=self.cutoff))
        if "article" in changes:
            ids = list(changes["article"])
            before, self._articles = self._articles, {**self._articles, **sources.article_statuses(self.conn, ids)}
            changed |= self.consider_events(
                sources.article_events(self.conn, self.user_id, ids, before, since=self.cutoff))
        if changed:
            self._tell()

    def consider_events(self, events: list[Event]) -> bool:
        """Decide on events that are not messages (tasks, articles, reminders, milestones) not seen before."""
        fresh = self._fresh(events)
        if not fresh:
            return False
        now = self.clock()
        records, shown = [], []
        for event in fresh:
            if event.kind in DUE_KINDS:  # a newer reminder of a task replaces the one still waiting
                for stale in [i for i, (e, _s) in self._held.items()
                              if e.kind in DUE_KINDS and e.subject_id == event.subject_id]:
                    del self._held[stale]
            decision = decide(event, self.settings, now)
            records.append((event, now, decision.action.value, decision.reason, False, decision.rule.value))
            if decision.action is Action.SHOW_NOW:
                shown.append(event)
            elif decision.action is Action.HOLD_FOR_DIGEST:
                self._held[event.id] = (event, None)
        self.log.record_events(records)
        if len(shown) > MAX_POPUPS_AT_ONCE:
            self._show_digest(shown, now)
        else:
            for event in shown:
                self._show(self._note(event))
        return True

    def _fresh(self, events: Iterable[Event]) -> list[Event]:
        events = list(events)
        known = self.log.known(e.id for e in events) if events else set()
        return [e for e in events if e.id not in known]

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
                records.append((item.event, now, "read", "Already read on another device.", True, READ_ELSEWHERE))
                continue
            decision = decide(item.event, self.settings, now)
            records.append((item.event, now, decision.action.value, decision.reason, False, decision.rule.value))
            if decision.action is Action.SHOW_NOW:
                shown.append(item)
            elif decision.action is Action.HOLD_FOR_DIGEST:
                self._held[item.event.id] = (item.event, item.seq)
        # Recorded before anything pops up: a crash between the two loses one pop-up, never repeats one.
        self.log.record_events(records)
        by_id = {m.event.id: m for m in shown}
        for burst in collapse_burst(m.event for m in shown):
            self._show(self._message_note(by_id[burst.event.id], burst.event_ids, burst.more(self.language)))
        return True

    # -- time -----------------------------------------------------------------------------------------------

    def check(self) -> bool:
        """Called every minute: due-date reminders and reminders to acknowledge urgent messages (the local
        scheduler: it reads only local data, so it works offline), then the digest if quiet time ended since
        the last check. Returns whether the digest was shown."""
        now = self.clock()
        if self._remind(now) | self._remind_to_acknowledge(now):
            self._tell()
        ended = bool(self._held) and quiet_period_ended(
            self.settings, self._last_check, now, previous=self._previous_settings)
        if now > self._last_check:
            self._last_check, self._previous_settings = now, self.settings
        return self._flush(now) if ended else False

    def _remind(self, now: datetime) -> bool:
        return self.consider_events(
            sources.due_reminders(self.conn, self.user_id, self.settings, now, since=self.reminder_cutoff))

    def _remind_to_acknowledge(self, now: datetime) -> bool:
        """Urgent messages I still have not acknowledged remind me again, each round at most once. A reminder
        that may not pop up now is not held: the message itself is in the digest already."""
        ids = sources.open_urgent_ids(self.conn, self.user_id, now)
        if not ids:
            return False
        urgent = [m.event for m in message_events(self.conn, self.user_id, ids, self.language, since=self.cutoff)]
        fresh = self._fresh(sources.ack_reminders(now, urgent))
        if not fresh:
            return False
        records = []
        for event in fresh:
            decision = decide(event, self.settings, now)
            show = decision.action is Action.SHOW_NOW
            records.append((event, now, decision.action.value if show else Action.BADGE_ONLY.value, decision.reason,
                            False, decision.rule.value))
        self.log.record_events(records)
        for event, _now, action, _reason, _read, _rule in records:
            if action == Action.SHOW_NOW.value:
                self._show(self._note(event))
        return True

    def reload_settings(self) -> bool:
        """The settings changed in the store (synced from another device or the organisation): use them. A
        pause or presenting mode ended elsewhere brings the digest here too."""
        new = self.log.load_settings(self.default_zone, self.user_id)
        if new == self.settings:
            return False
        self._apply_settings(new)
        return True

    def back_online(self) -> bool:
        """The app was offline and is back: what it held (late arrivals) comes as one digest, unless still quiet."""
        now = self.clock()
        if self._held and not is_quiet_or_presenting(self.settings, now):
            return self._flush(now)
        return False

    def set_settings(self, settings: NotificationSettings) -> None:
        """New settings from the settings page (saved at once). Resuming or ending presenting mode brings the
        digest right away."""
        self.log.save_settings(settings)
        if self.persist is not None:
            self.persist(settings)
        self._apply_settings(settings)
        self._tell()

    def _apply_settings(self, settings: NotificationSettings) -> None:
        old, now = self.settings, self.clock()
        self.settings = settings
        if self._held and is_quiet_or_presenting(old, now) and not is_quiet_or_presenting(settings, now):
            self._flush(now)

    # -- what the UI shows ------------------------------------------------------------------------------------

    @property
    def held_count(self) -> int:
        return len(self._held)

    def _flush(self, now: datetime) -> bool:
        open_tasks = sources.open_task_ids(self.conn, self.user_id, [e.subject_id for e, _s in self._held.values()
                                                         if e.kind in DUE_KINDS])
        # A reminder of a task finished (or taken away) meanwhile is no news any more.
        events = [event for event, _seq in self._held.values()
                  if event.kind not in DUE_KINDS or event.subject_id in open_tasks]
        self._held.clear()
        if not events:
            return False
        self._show_digest(events, now)
        self._tell()
        return True

    def _show_digest(self, events: list[Event], now: datetime) -> None:
        digest = Digest.build(events, now.astimezone(self.settings.zone), self.language)
        self.log.set_action(digest.event_ids, "digested")
        self._show(Notification(_TEXT[self.language]["digest_title"], digest.text, None, None, self.settings.sound,
                                digest.event_ids, is_digest=True))

    def _note(self, event: Event) -> Notification:
        """The pop-up for one event that is not an ordinary new message."""
        text = _TEXT[self.language]
        sender = _name(self.conn, event.sender_id, self.language)
        if event.kind is EventKind.URGENT_MESSAGE:
            template = text["ack_reminder"] if event.id.startswith("ack-reminder:") else text["urgent"]
            body = text["new_message"] if self.settings.hide_previews else event.preview
            reason = text["reason"].format(reason=event.urgent_reason or "")
            return Notification(template.format(title=sender or event.title), f"{reason}\n{body}", "message",
                                event.subject_id, self.settings.sound, (event.id,))
        if event.kind is EventKind.ACCOUNT_NOTICE:  # worded already; never hidden: it is about my own account
            return Notification(event.title, event.preview, None, None, self.settings.sound, (event.id,))
        body = text["from"].format(title=event.title, sender=sender) if sender else event.title
        if event.kind is EventKind.ARTICLE_SENT_BACK and event.preview and not self.settings.hide_previews:
            body = f"{body}\n{event.preview}"
        return Notification(text.get(event.kind, event.kind.value), body, event.opens, event.subject_id,
                            self.settings.sound, (event.id,))

    def _message_note(self, item: MessageEvent, event_ids: tuple[str, ...], more: str) -> Notification:
        text = _TEXT[self.language]
        event = item.event
        if event.kind is EventKind.URGENT_MESSAGE:
            return self._note(event)
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
            gone = [i for i, (e, s) in self._held.items() if e.conversation_id == cid and s is not None and s <= seq]
            for event_id in gone:
                del self._held[event_id]
            moved = True
        return moved

    def _acknowledged(self, ack_ids: Iterable[str]) -> bool:
        """My acknowledgement (from any device) settles the urgent message: its pending reminders go."""
        mine = [a.rsplit(":", 1)[0] for a in ack_ids if a.endswith(f":{self.user_id}")]
        gone = [i for i, (e, _s) in self._held.items() if e.subject_id in mine and e.kind is EventKind.URGENT_MESSAGE]
        for event_id in gone:
            del self._held[event_id]
        return bool(mine)

    def _reload_held(self) -> None:
        """Held events survive a restart: messages are rebuilt from their messages (ids are stable), the rest
        from the event stored with their decision."""
        held = self.log.held()
        for event in self.log.stored_events([i for i in held if not i.startswith("message:")]):
            self._held[event.id] = (event, None)
        ids = [m for m in (message_id_of(i) for i in held) if m]
        read: list[str] = []
        for item in message_events(self.conn, self.user_id, ids, self.language):
            if item.seq <= _read_seq(self.conn, item.event.conversation_id or "", self.user_id):
                read.append(item.event.id)  # read elsewhere while this app was closed
            else:
                self._held[item.event.id] = (item.event, item.seq)
        self.log.mark_read(read)


def _read_seq(conn: sqlite3.Connection, conversation_id: str, user_id: str) -> int:
    return reads.read_seq(conn, conversation_id, user_id)


def _name(conn: sqlite3.Connection, user_id: str | None, language: str) -> str:
    return reads.display_name(reads.person(conn, user_id), language, user_id) if user_id else ""
