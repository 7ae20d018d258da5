"""A person's notification settings: working hours in their time zone, pause, mutes, priority people, modes.

The settings travel as plain JSON (`to_dict` / `from_dict`) so they can sync to the person's other devices
through the user scope. An organisation sets a default; a person stores only what they changed, and
`effective(org_default, personal)` lays the one over the other.

Working hours are wall-clock ranges per weekday in the person's IANA time zone, so "09:00–18:00" stays
09:00–18:00 across daylight saving changes. A range whose end is not after its start crosses midnight:
Monday 22:00–06:00 covers Monday night until Tuesday 06:00, and 18:00–00:00 means "until midnight".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # index = datetime.weekday()
SETTINGS_VERSION = 1
_RANGE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})\s*$")


class SettingsError(ValueError):
    """Settings that cannot be used, with one sentence saying which part and why."""


def zone(name: str) -> ZoneInfo:
    """The IANA zone `name`, or a clear refusal; cached by zoneinfo, so cheap to call per decision."""
    if not isinstance(name, str) or not name.strip():
        raise SettingsError("The time zone is missing; use an IANA name such as Asia/Shanghai.")
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        # ValueError: names zoneinfo refuses outright (absolute paths, "..").
        raise SettingsError(f"{name!r} is not a known time zone; use an IANA name such as Asia/Shanghai.") from None


@dataclass(frozen=True, order=True)
class TimeRange:
    """Working time on one weekday, in local wall-clock time, to the minute."""

    start: time
    end: time

    def __post_init__(self) -> None:
        for value in (self.start, self.end):
            if not isinstance(value, time):
                raise SettingsError(f"{value!r} is not a time of day.")
            if value.tzinfo is not None:
                raise SettingsError("Working hours are local times; give them without a time zone.")
            if value.second or value.microsecond:
                raise SettingsError(f"Working hours are whole minutes; {value.isoformat()} is not.")
        if self.start == self.end:
            raise SettingsError(f"The working hours {self} start and end at the same time.")

    @property
    def start_minute(self) -> int:
        return self.start.hour * 60 + self.start.minute

    @property
    def end_minute(self) -> int:
        return self.end.hour * 60 + self.end.minute

    @property
    def crosses_midnight(self) -> bool:
        return self.end_minute < self.start_minute

    def covers(self, minute: int) -> bool:
        """Whether the minute of its own day (0–1439) is working time."""
        if self.crosses_midnight:
            return minute >= self.start_minute
        return self.start_minute <= minute < self.end_minute

    def covers_next_day(self, minute: int) -> bool:
        """Whether the minute of the following day is working time (the part after midnight)."""
        return self.crosses_midnight and minute < self.end_minute

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> TimeRange:
        """'09:00-18:00' (an en dash works too)."""
        match = _RANGE.match(text) if isinstance(text, str) else None
        if not match:
            raise SettingsError(f"{text!r} is not a range of hours; write it like 09:00-18:00.")
        sh, sm, eh, em = (int(g) for g in match.groups())
        if sh > 23 or eh > 23 or sm > 59 or em > 59:
            raise SettingsError(f"{text!r} is not a range of hours; hours go from 00:00 to 23:59.")
        return cls(time(sh, sm), time(eh, em))


Week = tuple[tuple[TimeRange, ...], ...]  # seven entries, Monday first


def week(hours: Mapping[str, Iterable[str | TimeRange]] | None = None, **days: Iterable[str | TimeRange]) -> Week:
    """Working hours from weekday names: week(mon=["09:00-18:00"], ...); days not named are days off."""
    given: dict[int, list[TimeRange]] = {}
    for name, ranges in {**(hours or {}), **days}.items():
        index = _weekday_index(name)
        if index in given:
            raise SettingsError(f"{WEEKDAYS[index]} is given twice in the working hours.")
        given[index] = [r if isinstance(r, TimeRange) else TimeRange.parse(r) for r in ranges]
    return tuple(tuple(sorted(given.get(index, ()))) for index in range(7))


def office_hours(start: str = "09:00", end: str = "18:00") -> Week:
    """The same range Monday to Friday, weekends off."""
    return week({name: [f"{start}-{end}"] for name in WEEKDAYS[:5]})


_FULL_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def _weekday_index(name: object) -> int:
    key = name.strip().lower() if isinstance(name, str) else ""
    for names in (WEEKDAYS, _FULL_DAYS):
        if key in names:
            return names.index(key)
    raise SettingsError(f"{name!r} is not a weekday; use mon, tue, wed, thu, fri, sat or sun.")


@dataclass(frozen=True)
class NotificationSettings:
    """Everything the policy needs to know about a person's wishes; see the module docstring for the rules."""

    time_zone: str = "UTC"
    working_hours: Week = field(default_factory=office_hours)
    paused_until: datetime | None = None  # notifications paused before this instant
    muted_conversations: frozenset[str] = frozenset()
    muted_spaces: frozenset[str] = frozenset()
    mentions_only_conversations: frozenset[str] = frozenset()
    priority_people: frozenset[str] = frozenset()  # user ids whose messages to me get through quiet time
    urgent_bypass: bool = True  # urgent messages, priority people and tasks due within 2 h get through quiet time
    presenting: bool = False  # nothing pops up at all, urgent included
    hide_previews: bool = False
    sound: bool = True

    def __post_init__(self) -> None:
        zone(self.time_zone)
        if len(self.working_hours) != 7:
            raise SettingsError("Working hours need an entry for each of the seven weekdays.")
        for day in self.working_hours:
            for item in day:
                if not isinstance(item, TimeRange):
                    raise SettingsError(f"{item!r} is not a range of working hours.")
        # Sorted tuples whatever the caller passed, so equal hours compare (and serialise) equal.
        object.__setattr__(self, "working_hours", tuple(tuple(sorted(day)) for day in self.working_hours))
        if self.paused_until is not None and (
            not isinstance(self.paused_until, datetime) or self.paused_until.utcoffset() is None
        ):
            raise SettingsError("The end of a pause must be a time with a time zone.")
        # Sets may arrive as lists or sets from callers; keep them frozen so settings stay hashable and immutable.
        for name in ("muted_conversations", "muted_spaces", "mentions_only_conversations", "priority_people"):
            value = getattr(self, name)
            if isinstance(value, str):
                raise SettingsError(f"{name.replace('_', ' ').capitalize()} must be a list of ids, not one string.")
            object.__setattr__(self, name, frozenset(value))

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.time_zone)

    # -- changes the settings page makes; each returns new settings -----------------------------------------

    def paused(self, until: datetime) -> NotificationSettings:
        return replace(self, paused_until=until)

    def resumed(self) -> NotificationSettings:
        return replace(self, paused_until=None)

    # -- JSON -------------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON values, lists sorted, so equal settings serialise to equal text on every device."""
        return {
            "version": SETTINGS_VERSION,
            "time_zone": self.time_zone,
            "working_hours": {
                name: [str(r) for r in day] for name, day in zip(WEEKDAYS, self.working_hours, strict=True)
            },
            "paused_until": self.paused_until.isoformat() if self.paused_until else None,
            "muted_conversations": sorted(self.muted_conversations),
            "muted_spaces": sorted(self.muted_spaces),
            "mentions_only_conversations": sorted(self.mentions_only_conversations),
            "priority_people": sorted(self.priority_people),
            "urgent_bypass": self.urgent_bypass,
            "presenting": self.presenting,
            "hide_previews": self.hide_previews,
            "sound": self.sound,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NotificationSettings:
        """Settings from `to_dict`'s shape. Missing keys take the defaults and unknown keys are ignored, so a
        device running an older version keeps working with settings a newer one wrote; known keys are checked
        strictly."""
        if not isinstance(data, Mapping):
            raise SettingsError("Notification settings must be a JSON object.")
        values: dict[str, Any] = {}
        if "time_zone" in data:
            values["time_zone"] = data["time_zone"]
        if "working_hours" in data:
            hours = data["working_hours"]
            if not isinstance(hours, Mapping):
                raise SettingsError("Working hours must map weekdays to lists of ranges such as 09:00-18:00.")
            for name, ranges in hours.items():
                if isinstance(ranges, str) or not isinstance(ranges, Iterable):
                    raise SettingsError(f"The working hours for {name} must be a list of ranges.")
            values["working_hours"] = week(hours)
        if data.get("paused_until") is not None:
            values["paused_until"] = _parse_instant(data["paused_until"])
        for name in ("muted_conversations", "muted_spaces", "mentions_only_conversations", "priority_people"):
            if name in data:
                ids = data[name]
                if isinstance(ids, str) or not isinstance(ids, Iterable) or not all(isinstance(i, str) for i in ids):
                    raise SettingsError(f"{name.replace('_', ' ').capitalize()} must be a list of ids.")
                values[name] = frozenset(ids)
        for name in ("urgent_bypass", "presenting", "hide_previews", "sound"):
            if name in data:
                if not isinstance(data[name], bool):
                    raise SettingsError(f"{name.replace('_', ' ').capitalize()} must be true or false.")
                values[name] = data[name]
        return cls(**values)


def _parse_instant(text: Any) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise SettingsError(f"{text!r} is not a date and time.") from None
    if moment.utcoffset() is None:
        raise SettingsError(f"The pause end {text!r} has no time zone.")
    return moment


def effective(org_default: NotificationSettings, personal: Mapping[str, Any] | None) -> NotificationSettings:
    """The organisation's default with the person's own choices laid over it.

    `personal` holds only what the person changed, in `to_dict`'s shape. Keys replace the organisation's
    values, except working hours, which are replaced weekday by weekday: a person who only sets Saturday keeps
    the organisation's weekdays, and an empty list makes a day a day off.
    """
    if not personal:
        return org_default
    if not isinstance(personal, Mapping):
        raise SettingsError("Personal notification settings must be a JSON object.")
    merged = org_default.to_dict()
    for key, value in personal.items():
        if key == "working_hours" and isinstance(value, Mapping):
            days = dict(merged["working_hours"])
            for name, ranges in value.items():
                days[WEEKDAYS[_weekday_index(name)]] = ranges
            merged["working_hours"] = days
        else:
            merged[key] = value
    return NotificationSettings.from_dict(merged)


# Kept on each device instead of synced: presenting mode belongs to the machine on the projector.
DEVICE_ONLY = ("presenting",)


def personal_changes(settings: NotificationSettings, org_default: NotificationSettings) -> dict[str, Any]:
    """What a person changed relative to the organisation's default, in `effective`'s `personal` shape: the
    keys that differ, and of the working hours only the weekdays that differ. Device-only keys are left out, so
    `effective(org_default, personal_changes(s, org_default))` is `s` apart from those. The time zone is always
    kept: it is where the person is, whatever the organisation's default says."""
    mine, theirs = settings.to_dict(), org_default.to_dict()
    changed: dict[str, Any] = {"time_zone": settings.time_zone}
    for key, value in mine.items():
        if key in ("version", "time_zone") or key in DEVICE_ONLY or value == theirs.get(key):
            continue
        if key == "working_hours":
            value = {day: ranges for day, ranges in value.items() if ranges != theirs["working_hours"].get(day)}
        changed[key] = value
    return changed


def organisation_default(settings: NotificationSettings) -> dict[str, Any]:
    """The shape an administrator publishes as everyone's default: no pause, no device-only modes."""
    data = settings.to_dict()
    for key in (*DEVICE_ONLY, "paused_until", "version"):
        data.pop(key, None)
    return data
