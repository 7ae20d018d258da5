"""The one function that turns a person's activity into their growth: points, level, milestones, streaks.

`compute` is pure and deterministic — the same activity in any order gives the same `GrowthState` — so the
desktop client (for an immediate, offline map) and the server (for the authoritative one and the monthly
"platform expert" ranking) call this same code and agree. Nothing it returns is ever stored as an editable
number.

It makes one pass over the activity to group it by kind, then counts kind by kind (per day and rule, first day
per distinct value) with comprehensions and Counter: two years of activity (~50k events) take tens of
milliseconds; nothing is scanned twice per event or sorted whole.
Days are the person's local days in their time zone: daily caps and streaks follow their calendar.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from functools import cache

from .activity import Activity
from .definition import ActiveDays, AllOf, Badge, Condition, Count, Definition, Level, Milestone, WorkdayStreak

REACHED = "reached"
NEXT = "next"  # every prerequisite reached: the map highlights it with its hint
LOCKED = "locked"
MILESTONE_POINTS = "milestones"  # points_by_source key for the points milestones award

_DAY_S = 86400
_EPOCH_DAY = date(1970, 1, 1)
# UTC day → the zone's offset in seconds that whole day (None on a day it changes); day number → date.
_DayCache = tuple[dict[float, float | None], dict[float, date]]


@dataclass(frozen=True)
class MilestoneStatus:
    milestone: Milestone
    status: str  # REACHED, NEXT or LOCKED
    reached_on: date | None
    progress: int  # how far the condition is, out of target (e.g. 3 of 5 likes), for "3/5" on the map
    target: int


@dataclass(frozen=True)
class GrowthState:
    person_id: str
    today: date
    total_points: int
    points_by_day: dict[date, int]  # days with points only, by date
    points_by_source: dict[str, int]  # per point rule id, and MILESTONE_POINTS
    level: Level
    next_level: Level | None
    points_to_next_level: int  # 0 when only milestones are missing (see next_level_requires) or at the top
    level_progress: float  # 0.0–1.0 of the way from this level's points to the next one's
    next_level_requires: tuple[str, ...]  # milestone ids the next level needs that are not reached yet
    milestones: tuple[MilestoneStatus, ...]  # every milestone, in the definition's order
    reached: tuple[MilestoneStatus, ...]  # by date reached, then map order
    next: tuple[MilestoneStatus, ...]  # reachable now, in map order
    locked: tuple[MilestoneStatus, ...]
    badges: tuple[Badge, ...]  # of reached milestones, in the order they were earned
    active_days: frozenset[date]
    current_streak: int  # workdays in a row up to today (today not over yet: no activity today is no break)
    longest_streak: int
    definition: Definition = field(compare=False, repr=False)
    tz: tzinfo = field(compare=False, repr=False)
    leave: frozenset[date] = field(compare=False, repr=False, default=frozenset())


@dataclass(frozen=True)
class StreakSummary:
    longest: int
    current: int
    first_reached: dict[int, date]  # streak length → the day a streak first reached it


@dataclass(frozen=True)
class _Plan:
    """What the definition needs counted, worked out once per definition."""

    rules_by_kind: dict[str, tuple[int, ...]]
    active_day_rules: tuple[int, ...]
    count_kinds: frozenset[str]
    distinct: dict[str, tuple[str, ...]]  # kind → fields whose different values are counted
    per_subject: dict[str, tuple[str, ...]]  # kind → fields counted per subject
    streaks: tuple[int, ...]


def compute(
    definition: Definition,
    activities: Iterable[Activity],
    person_id: str,
    today: date,
    tz: tzinfo,
    *,
    leave: Collection[date] = (),
) -> GrowthState:
    """The person's growth as of `today` (a date in `tz`, their time zone); `leave` are days off that, like
    weekends, neither count for nor break a workday streak."""
    plan = _plan(definition)
    leave_days = frozenset(leave)
    active: set[date] = set()
    rule_counts: dict[tuple[date, int], int] = {}
    kind_days: dict[str, list[date]] = {kind: [] for kind in plan.count_kinds}
    firsts: dict[tuple[str, str], dict[object, date]] = {
        (kind, f): {} for kind, fields in plan.distinct.items() for f in fields
    }
    subject_firsts: dict[tuple[str, str], dict[object, dict[object, date]]] = {
        (kind, f): {} for kind, fields in plan.per_subject.items() for f in fields
    }
    day_cache: _DayCache = ({}, {})
    # Kind by kind rather than event by event: the per-event work is then done by comprehensions and Counter.
    for kind, by_id in _select(definition, activities, person_id).items():
        acts = list(by_id.values())
        days = _local_days(acts, tz, day_cache)
        if max(days) > today:  # a device clock ahead of time must not unlock anything early
            kept = [(a, d) for a, d in zip(acts, days, strict=True) if d <= today]
            acts, days = [a for a, _ in kept], [d for _, d in kept]
        active.update(days)
        rules = plan.rules_by_kind.get(kind)
        if rules:
            for day, n in Counter(days).items():
                for rule in rules:
                    rule_counts[day, rule] = rule_counts.get((day, rule), 0) + n
        if kind in kind_days:
            kind_days[kind] = days
        for f in plan.distinct.get(kind, ()):
            seen = firsts[kind, f]
            for activity, day in zip(acts, days, strict=True):
                value = day if f == "day" else getattr(activity, f)
                if value is not None and ((old := seen.get(value)) is None or day < old):
                    seen[value] = day
        for f in plan.per_subject.get(kind, ()):
            by_subject = subject_firsts[kind, f]
            for activity, day in zip(acts, days, strict=True):
                value = day if f == "day" else getattr(activity, f)
                if value is not None and activity.subject is not None:
                    seen = by_subject.setdefault(activity.subject, {})
                    if (old := seen.get(value)) is None or day < old:
                        seen[value] = day

    points_by_day: dict[date, int] = {}
    points_by_source: dict[str, int] = {rule.id: 0 for rule in definition.rules}
    for (day, index), n in rule_counts.items():
        rule = definition.rules[index]
        _add(points_by_day, points_by_source, day, rule.id, min(n * rule.points, rule.daily_cap))
    for index in plan.active_day_rules:
        rule = definition.rules[index]
        for day in active:
            _add(points_by_day, points_by_source, day, rule.id, min(rule.points, rule.daily_cap))

    streaks = workday_streaks(active, definition.workdays, leave_days, today, plan.streaks)
    evaluator = _Evaluator(kind_days, firsts, subject_firsts, sorted(active), streaks)
    reached_on: dict[str, date] = {}
    progress: dict[str, tuple[int, int]] = {}
    for milestone_id in definition.order:
        milestone = definition.milestone(milestone_id)
        when, done, target = evaluator.evaluate(milestone.condition)
        progress[milestone_id] = (done, target)
        needed = [reached_on.get(p) for p in milestone.prerequisites]
        if when is not None and None not in needed:
            # Reached once the condition holds and every prerequisite is reached, whichever came last.
            reached_on[milestone_id] = max([when, *(d for d in needed if d is not None)])
    points_by_source[MILESTONE_POINTS] = 0
    for milestone_id, day in reached_on.items():
        _add(points_by_day, points_by_source, day, MILESTONE_POINTS, definition.milestone(milestone_id).points)

    statuses = []
    for milestone in definition.milestones:
        done, target = progress[milestone.id]
        if milestone.id in reached_on:
            status = REACHED
        elif all(p in reached_on for p in milestone.prerequisites):
            status = NEXT
        else:
            status = LOCKED
        statuses.append(MilestoneStatus(milestone, status, reached_on.get(milestone.id), done, target))
    map_order = {m.id: i for i, m in enumerate(definition.milestones)}
    reached = tuple(
        sorted(
            (s for s in statuses if s.status == REACHED),
            key=lambda s: (s.reached_on or today, map_order[s.milestone.id]),
        )
    )

    total = sum(points_by_day.values())
    level, next_level = _level(definition, total, reached_on)
    if next_level is None:
        to_next, fraction, missing = 0, 1.0, ()
    else:
        to_next = max(0, next_level.min_points - total)
        span = next_level.min_points - level.min_points
        fraction = min(1.0, (total - level.min_points) / span)
        missing = tuple(m for m in next_level.requires if m not in reached_on)
    return GrowthState(
        person_id=person_id,
        today=today,
        total_points=total,
        points_by_day=dict(sorted(points_by_day.items())),
        points_by_source=points_by_source,
        level=level,
        next_level=next_level,
        points_to_next_level=to_next,
        level_progress=fraction,
        next_level_requires=missing,
        milestones=tuple(statuses),
        reached=reached,
        next=tuple(s for s in statuses if s.status == NEXT),
        locked=tuple(s for s in statuses if s.status == LOCKED),
        badges=tuple(s.milestone.badge for s in reached),
        active_days=frozenset(active),
        current_streak=streaks.current,
        longest_streak=streaks.longest,
        definition=definition,
        tz=tz,
        leave=leave_days,
    )


def accepted(
    definition: Definition, activities: Iterable[Activity], person_id: str, today: date, tz: tzinfo
) -> Iterator[tuple[Activity, date]]:
    """The activities that count, each with its local day, kind by kind (see `_select`), up to `today`."""
    day_cache: _DayCache = ({}, {})
    for by_id in _select(definition, activities, person_id).values():
        acts = list(by_id.values())
        for activity, day in zip(acts, _local_days(acts, tz, day_cache), strict=True):
            if day <= today:
                yield activity, day


def _select(definition: Definition, activities: Iterable[Activity], person_id: str) -> dict[str, dict[str, Activity]]:
    """The person's own activities that are not trivial and not with themselves, by kind and then id: a row
    synced twice is one event (ids are unique within a kind)."""
    min_weight = definition.min_text_weight
    groups: dict[str, dict[str, Activity]] = {}
    for activity in activities:
        if activity.actor != person_id or activity.counterpart == person_id:
            continue  # self-likes, replies to oneself, one's own tasks "for someone else" earn nothing
        weight = activity.text_weight
        if weight is not None and weight < min_weight:
            continue
        group = groups.get(activity.kind)
        if group is None:
            group = groups[activity.kind] = {}
        group[activity.id] = activity
    return groups


def _local_days(acts: list[Activity], tz: tzinfo, cache: _DayCache) -> list[date]:
    """Each activity's day in `tz`. Converting every instant to local time is the costly step, so it is done
    once per UTC day: on a UTC day without an offset change, local day = (epoch + offset) // 86400."""
    offsets, days = cache
    utc_days = [a.epoch // _DAY_S for a in acts]
    for utc_day in set(utc_days).difference(offsets):
        start = datetime.fromtimestamp(utc_day * _DAY_S, tz).utcoffset()
        end = datetime.fromtimestamp(utc_day * _DAY_S + _DAY_S - 1, tz).utcoffset()
        offsets[utc_day] = start.total_seconds() if start is not None and start == end else None
    shifts = list(map(offsets.__getitem__, utc_days))
    if None in shifts:  # a day with a daylight-saving change: those instants one by one
        return [
            a.at.astimezone(tz).date() if shift is None else _day_get(days, (a.epoch + shift) // _DAY_S)
            for a, shift in zip(acts, shifts, strict=True)
        ]
    numbers = [(a.epoch + shift) // _DAY_S for a, shift in zip(acts, shifts, strict=True)]
    for number in set(numbers).difference(days):
        days[number] = _EPOCH_DAY + timedelta(days=number)
    return list(map(days.__getitem__, numbers))


def _day_get(days: dict[float, date], number: float) -> date:
    day = days.get(number)
    if day is None:
        day = days[number] = _EPOCH_DAY + timedelta(days=number)
    return day


def workday_streaks(
    days: Iterable[date], workdays: Collection[int], leave: Collection[date], today: date, targets: Iterable[int] = ()
) -> StreakSummary:
    """Runs of active workdays; days off (not in `workdays`, or on leave) neither count nor break a run."""
    counted = sorted(d for d in set(days) if d.isoweekday() in workdays and d not in leave and d <= today)
    wanted = sorted(set(targets))
    first_reached: dict[int, date] = {}
    longest = run = 0
    previous: date | None = None
    for day in counted:
        run = run + 1 if previous is not None and not _workday_between(previous, day, workdays, leave) else 1
        longest = max(longest, run)
        while wanted and run >= wanted[0]:
            first_reached[wanted.pop(0)] = day
        previous = day
    # Today is not over: a streak is only broken by a workday that passed without activity.
    current = run if previous is not None and not _workday_between(previous, today, workdays, leave) else 0
    return StreakSummary(longest, current, first_reached)


def _workday_between(start: date, end: date, workdays: Collection[int], leave: Collection[date]) -> bool:
    day = start + timedelta(days=1)
    while day < end:
        if day.isoweekday() in workdays and day not in leave:
            return True
        day += timedelta(days=1)
    return False


class _Evaluator:
    """When a condition first held (a local day), and how far along it is."""

    def __init__(
        self,
        kind_days: dict[str, list[date]],
        firsts: dict[tuple[str, str], dict[object, date]],
        subject_firsts: dict[tuple[str, str], dict[object, dict[object, date]]],
        active: list[date],
        streaks: StreakSummary,
    ) -> None:
        self.kind_days = kind_days
        self.firsts = firsts
        self.subject_firsts = subject_firsts
        self.active = active
        self.streaks = streaks

    def evaluate(self, condition: Condition) -> tuple[date | None, int, int]:
        if isinstance(condition, Count):
            n = condition.at_least
            if condition.same_subject:
                assert condition.distinct is not None
                best: date | None = None
                most = 0
                for values in self.subject_firsts[condition.kind, condition.distinct].values():
                    most = max(most, len(values))
                    when = _nth(values.values(), n)
                    if when is not None and (best is None or when < best):
                        best = when
                return best, min(most, n), n
            if condition.distinct is not None:
                days: Collection[date] = self.firsts[condition.kind, condition.distinct].values()
            else:
                days = self.kind_days[condition.kind]
            return _nth(days, n), min(len(days), n), n
        if isinstance(condition, WorkdayStreak):
            # Progress is the streak running now: the map says "3 of 5 days", not the best streak ever.
            reached = self.streaks.first_reached.get(condition.days)
            return reached, min(self.streaks.current, condition.days), condition.days
        if isinstance(condition, ActiveDays):
            return _nth(self.active, condition.days), min(len(self.active), condition.days), condition.days
        assert isinstance(condition, AllOf)
        parts = [self.evaluate(part) for part in condition.parts]
        whens = [when for when, _, _ in parts]
        done = None if None in whens else max(w for w in whens if w is not None)
        return done, sum(p for _, p, _ in parts), sum(t for _, _, t in parts)


def _nth(days: Collection[date], n: int) -> date | None:
    """The n-th earliest day (with repeats), or None when there are fewer than n."""
    if len(days) < n:
        return None
    return min(days) if n == 1 else heapq.nsmallest(n, days)[-1]


def _add(by_day: dict[date, int], by_source: dict[str, int], day: date, source: str, points: int) -> None:
    if points:
        by_day[day] = by_day.get(day, 0) + points
        by_source[source] = by_source.get(source, 0) + points


def _level(definition: Definition, total: int, reached: dict[str, date]) -> tuple[Level, Level | None]:
    # Levels are climbed in order: a level whose milestones are missing holds the person below it.
    current = definition.levels[0]
    for following in definition.levels[1:]:
        if total < following.min_points or any(m not in reached for m in following.requires):
            return current, following
        current = following
    return current, None


@cache
def _plan(definition: Definition) -> _Plan:
    rules_by_kind: dict[str, list[int]] = {}
    for index, rule in enumerate(definition.rules):
        for kind in rule.kinds:
            rules_by_kind.setdefault(kind, []).append(index)
    count_kinds: set[str] = set()
    distinct: dict[str, set[str]] = {}
    per_subject: dict[str, set[str]] = {}
    streaks: set[int] = set()

    def visit(condition: Condition) -> None:
        if isinstance(condition, Count):
            if condition.same_subject and condition.distinct is not None:
                per_subject.setdefault(condition.kind, set()).add(condition.distinct)
            elif condition.distinct is not None:
                distinct.setdefault(condition.kind, set()).add(condition.distinct)
            else:
                count_kinds.add(condition.kind)
        elif isinstance(condition, WorkdayStreak):
            streaks.add(condition.days)
        elif isinstance(condition, AllOf):
            for part in condition.parts:
                visit(part)

    for milestone in definition.milestones:
        visit(milestone.condition)
    return _Plan(
        rules_by_kind={kind: tuple(indexes) for kind, indexes in rules_by_kind.items()},
        active_day_rules=tuple(i for i, rule in enumerate(definition.rules) if rule.active_day),
        count_kinds=frozenset(count_kinds),
        distinct={kind: tuple(sorted(fields)) for kind, fields in distinct.items()},
        per_subject={kind: tuple(sorted(fields)) for kind, fields in per_subject.items()},
        streaks=tuple(sorted(streaks)),
    )
