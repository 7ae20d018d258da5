"""Which reached milestones are news (worth a notification) and which are history (never to notify).

A milestone notifies at most once, ever: the caller passes the milestones already recorded in the
notification log. Of the rest, one reached before `since` (the day this device started watching) is history —
it happened while the app was closed, or it came in with the first sync of a new profile — and is recorded
without a pop-up, so it can never notify later either. `since=None` makes everything history: the baseline
taken when a new profile's first sync has finished. Pure; the UI feeds it and hands the news to the notifier.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from .rules import GrowthState, MilestoneStatus

EVENT_PREFIX = "milestone:"  # the notification event id of a milestone (see app.notifications.events)


def event_id(milestone_id: str) -> str:
    return EVENT_PREFIX + milestone_id


def milestone_news(
    state: GrowthState, recorded: Collection[str], since: date | None
) -> tuple[tuple[MilestoneStatus, ...], tuple[MilestoneStatus, ...]]:
    """(news, history) among the reached milestones whose ids are not in `recorded`, in the order reached."""
    fresh = [s for s in state.reached if s.milestone.id not in recorded]
    if since is None:
        return (), tuple(fresh)
    news = tuple(s for s in fresh if s.reached_on is not None and s.reached_on >= since)
    return news, tuple(s for s in fresh if s not in news)
