"""Builders shared by the notification tests: local times in a named zone and events with sensible defaults."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from app.notifications import Event, EventKind

LI = "u-li"  # a colleague
BOSS = "u-boss"  # on the priority list in some cases
SHANGHAI, LONDON, NEW_YORK = "Asia/Shanghai", "Europe/London", "America/New_York"


def local(zone_name: str, text: str) -> datetime:
    """'2026-03-09 10:00' as wall-clock time in the zone (fold 0 where ambiguous)."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone_name))


def utc(text: str) -> datetime:
    return local("UTC", text)


def message(
    kind: EventKind | str, at: datetime, *, number: int = 1, conversation: str = "dm-li", sender: str = LI,
    space: str | None = None, reason: str | None = None,
) -> Event:
    reason = reason if reason is not None else ("the build is broken" if kind == EventKind.URGENT_MESSAGE else None)
    return Event.message(kind, f"m{number}", conversation, sender, at, title=conversation, preview=f"text {number}",
                         space_id=space, urgent_reason=reason)


def dm(at: datetime, *, number: int = 1, conversation: str = "dm-li", sender: str = LI) -> Event:
    return message(EventKind.DIRECT_MESSAGE, at, number=number, conversation=conversation, sender=sender)


def group(
    at: datetime, *, number: int = 1, conversation: str = "g-team", sender: str = LI, space: str | None = None
) -> Event:
    return message(EventKind.GROUP_MESSAGE, at, number=number, conversation=conversation, sender=sender, space=space)


def mention(
    at: datetime, *, number: int = 1, conversation: str = "g-team", sender: str = LI, space: str | None = None
) -> Event:
    return message(EventKind.MENTION, at, number=number, conversation=conversation, sender=sender, space=space)


def urgent(at: datetime, *, number: int = 1, conversation: str = "g-team", sender: str = LI) -> Event:
    return message(EventKind.URGENT_MESSAGE, at, number=number, conversation=conversation, sender=sender)


def reminder(
    kind: EventKind | str, due: datetime, at: datetime, *, task: str = "t1", space: str | None = None
) -> Event:
    return Event.task_reminder(kind, task, due, at, title=f"task {task}", space_id=space)
