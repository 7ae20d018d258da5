"""Notifications that respect quiet time: events, the person's settings, the pure policy and the digest.

Pure rules only (no Qt, no I/O, no clock reads): sync and the local scheduler produce `Event`s, `decide` says
what to do with each, and the notifier (ui/) delivers, holds or badges accordingly, then shows one `Digest`
when `quiet_period_ended`.
"""

from __future__ import annotations

from .digest import Bucket, Burst, ConversationCount, Digest, collapse_burst
from .events import Event, EventKind
from .policy import (
    Action,
    Decision,
    Rule,
    decide,
    in_working_hours,
    is_paused,
    is_quiet,
    next_working_start,
    quiet_period_ended,
)
from .settings import NotificationSettings, SettingsError, TimeRange, effective, office_hours, week

__all__ = [
    "Action",
    "Bucket",
    "Burst",
    "ConversationCount",
    "Decision",
    "Digest",
    "Event",
    "EventKind",
    "NotificationSettings",
    "Rule",
    "SettingsError",
    "TimeRange",
    "collapse_burst",
    "decide",
    "effective",
    "in_working_hours",
    "is_paused",
    "is_quiet",
    "next_working_start",
    "office_hours",
    "quiet_period_ended",
    "week",
]
