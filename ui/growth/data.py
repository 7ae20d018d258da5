"""Computing the person's growth off the GUI thread, and refreshing it when their activity changes.

Reading the rows and turning them into activity costs most of a second on a two-year profile, so
`GrowthLoader` runs it on the store's worker thread (`ctx.run_store`) and hands the finished `GrowthSnapshot`
back on the GUI thread. Commits that touch the person's activity restart a one-second timer instead of
recomputing at once: a sync page of 500 messages then costs one recompute, not 500.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo

import shiboken6
from PySide6.QtCore import QObject, QTimer, Signal

from app.growth import GrowthReport, GrowthState, compute, default_definition, growth_report
from app.growth.recognition import KIND as RECOGNITION_KIND
from app.growth.recognition import MonthlyRecognition, month_key, points_in_month, titles_for
from app.growth.rows import local_zone, person_activity, recognitions
from app.store import Store, reads

from ..context import AppContext

# The store kinds whose rows become growth activity (see app/growth/rows.py).
ACTIVITY_KINDS = (
    "message", "task", "task_history", "article", "article_like", "favorite", "conversation", "space", "person",
)
DEBOUNCE_MS = 1000


@dataclass(frozen=True)
class MonthStanding:
    """Where the platform-expert ranking stands: the newest month the server ranked, and this month so far
    (never empty, even on the 1st of a month when nobody has earned anything yet)."""

    month: str  # the month containing today: ranked once it has ended
    points: int  # the person's points in it so far
    last: MonthlyRecognition | None = None  # the newest month the server ranked
    last_names: tuple[str, ...] = ()  # its experts' names, best first


@dataclass(frozen=True)
class GrowthSnapshot:
    """Everything the growth section shows, computed together so the parts always agree."""

    state: GrowthState
    reports: dict[str, GrowthReport]  # "week" | "month" → the report for the period containing today
    # The months the person was a platform expert (published by the server), newest first.
    expert_months: tuple[MonthlyRecognition, ...] = ()
    standing: MonthStanding | None = None


def period(kind: str, today: date) -> tuple[date, date]:
    """The calendar week (Monday first) or month that contains `today`, both ends included."""
    if kind == "week":
        start = today - timedelta(days=today.weekday())
        return start, start + timedelta(days=6)
    last = calendar.monthrange(today.year, today.month)[1]
    return today.replace(day=1), today.replace(day=last)


def snapshot(store: Store, person_id: str, today: date, language: str, tz: tzinfo | None = None) -> GrowthSnapshot:
    """The person's growth from the local store (call it on the store's thread)."""
    zone = tz or local_zone()
    activity = person_activity(store.conn, person_id)
    state = compute(default_definition(), activity, person_id, today, zone)
    reports = {
        kind: growth_report(state, activity, *period(kind, today), language) for kind in ("week", "month")
    }
    published = recognitions(store.conn)
    month = month_key(today)
    last = next((r for r in published if r.month < month), None)
    names: tuple[str, ...] = ()
    if last is not None:
        people = reads.people_by_id(store.conn, [e.user_id for e in last.experts])
        names = tuple(reads.display_name(people.get(e.user_id), language, e.user_id) for e in last.experts)
    standing = MonthStanding(month, points_in_month(state, month), last, names)
    return GrowthSnapshot(state, reports, tuple(titles_for(published, person_id)), standing)


class GrowthLoader(QObject):
    """Recomputes the snapshot on the store's thread; `loaded` fires on the GUI thread with the newest one."""

    loaded = Signal(object)  # GrowthSnapshot

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.latest: GrowthSnapshot | None = None
        self._generation = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.reload)
        ctx.data_changed.connect(self._data_changed)

    def reload(self) -> None:
        """Compute now (on the worker thread)."""
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        person, today, language = self.ctx.user_id, self.ctx.today(), self.ctx.language
        self.ctx.run_store(
            lambda store: snapshot(store, person, today, language),
            on_done=lambda result: self._finished(generation, result),
        )

    def _data_changed(self, changes: dict[str, set[str]]) -> None:
        if self.ctx.changes_touch(changes, *ACTIVITY_KINDS, RECOGNITION_KIND):
            self._timer.start()  # restarting it is the debounce

    def _finished(self, generation: int, result: GrowthSnapshot) -> None:
        # The section may have closed while the worker computed, or a newer computation may be under way.
        if not shiboken6.isValid(self) or generation != self._generation:
            return
        self.latest = result
        self.loaded.emit(result)
