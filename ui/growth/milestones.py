"""Milestone notifications: when the person reaches a node of their growth map, the notifier hears of it once.

`MilestoneWatcher` lives as long as the window (not only while the Growth section is open): after commits that
touch the person's activity it recomputes their growth on the store's thread, and on the GUI thread asks
`app.growth.news.milestone_news` which reached milestones are new. News goes to the notifier as
`Event.milestone` events, so `decide()` applies the person's quiet hours, pauses and presenting mode like for
any other event, the notified log makes sure each milestone notifies at most once (across restarts), and
clicking the pop-up opens the Growth section at that milestone. History is recorded as "badge only", never
shown: milestones reached before this device started watching, and on a new profile everything its first sync
brings (the watcher waits for that sync to finish before it looks).
"""

from __future__ import annotations

from datetime import date, datetime

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.growth import GrowthState, MilestoneStatus, compute, default_definition
from app.growth.news import EVENT_PREFIX, event_id, milestone_news
from app.growth.rows import local_zone, person_activity
from app.notifications.events import Event
from app.notifications.feed import has_cursors
from app.notifications.notifier import Notifier
from app.store import Changes, Store

from ..context import AppContext
from .data import ACTIVITY_KINDS, DEBOUNCE_MS

HISTORY_REASON = "Reached before this device started watching (or with the first sync), so it is not news."


def person_state(store: Store, person_id: str, today: date) -> GrowthState:
    """The person's growth from the local store (on the store's thread)."""
    return compute(default_definition(), person_activity(store.conn, person_id), person_id, today, local_zone())


class MilestoneWatcher(QObject):
    """Feeds newly reached milestones to `notifier`; `checked` fires after each look with how many were news."""

    checked = Signal(int)

    def __init__(self, ctx: AppContext, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.notifier = notifier
        self.since = ctx.today()
        # A profile that has never synced takes what its first sync brings as history: wait until it is done.
        self.waiting_for_first_sync = not has_cursors(ctx.conn)
        # The first look records everything already reached as history: it was reached before this device
        # started watching (today's too — a day is too coarse to tell "before start" from "since"). On a new
        # profile that first look comes after the first sync.
        self._baseline = True
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.check)
        ctx.data_changed.connect(self._data_changed)
        ctx.sync_state_changed.connect(self._sync_state)
        if not self.waiting_for_first_sync:
            self._timer.start()  # not at once: the window's first moments belong to the first sync

    def close(self) -> None:
        self._timer.stop()
        self._generation += 1  # a computation still running is ignored when it comes back
        self.ctx.data_changed.disconnect(self._data_changed)
        self.ctx.sync_state_changed.disconnect(self._sync_state)

    def check(self) -> None:
        """Recompute now (on the store's thread) and tell the notifier what is new."""
        if self.waiting_for_first_sync:
            return
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        person, today = self.ctx.user_id, self.ctx.today()
        self.ctx.run_store(lambda store: person_state(store, person, today),
                           on_done=lambda state: self._computed(generation, state))

    def _data_changed(self, changes: Changes) -> None:
        if not self.waiting_for_first_sync and self.ctx.changes_touch(changes, *ACTIVITY_KINDS):
            self._timer.start()  # restarting it is the debounce: a sync page is one look, not hundreds

    def _sync_state(self, state: str, _detail: str) -> None:
        if state == "online" and self.waiting_for_first_sync:
            self.waiting_for_first_sync = False
            self.check()

    def _computed(self, generation: int, state: GrowthState) -> None:
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        baseline, self._baseline = self._baseline, False
        known = self.notifier.log.known(event_id(s.milestone.id) for s in state.reached)
        recorded = {i.removeprefix(EVENT_PREFIX) for i in known}
        news, history = milestone_news(state, recorded, None if baseline else self.since)
        now = self.notifier.clock()
        if history:
            self.notifier.log.record_events(
                [(self._event(status, now), now, "badge_only", HISTORY_REASON, True, "history") for status in history])
        if news and self.notifier.consider_events([self._event(status, now) for status in news]):
            for listener in list(self.notifier.listeners):  # the notification centre refreshes
                listener()
        self.checked.emit(len(news))

    def _event(self, status: MilestoneStatus, now: datetime) -> Event:
        milestone = status.milestone
        title = f"{milestone.badge.emoji} {milestone.title.get(self.ctx.language)} (+{milestone.points})"
        return Event.milestone(milestone.id, now, title=title)
