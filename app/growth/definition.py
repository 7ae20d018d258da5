"""The growth map's definition: levels, point rules and milestones, loaded from TOML and validated.

The rules are declared in `resources/growth/map.toml`, not coded, so the people who run the rollout can tune
them; the client and the server load the same file. Anything malformed — an unknown key or condition, a
missing title, a prerequisite that names no milestone, a prerequisite cycle — is refused with a
`GrowthDefinitionError` whose message names the milestone(s), at start-up rather than as a wrong map later.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .activity import KINDS

DISTINCT_FIELDS = ("counterpart", "counterpart_department", "subject", "day")
CONDITION_KEYS = ("count", "streak_workdays", "active_days", "all")
LANGUAGES = ("zh", "en")


class GrowthDefinitionError(ValueError):
    """The growth definition cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Text:
    """One text in both UI languages."""

    zh: str
    en: str

    def get(self, language: str) -> str:
        return self.zh if language.startswith("zh") else self.en


@dataclass(frozen=True)
class Count:
    """At least `at_least` activities of `kind`, or as many different values of `distinct` among them; with
    `same_subject`, as many different values on one subject (one article liked by five people)."""

    kind: str
    at_least: int
    distinct: str | None = None
    same_subject: bool = False


@dataclass(frozen=True)
class WorkdayStreak:
    """`days` workdays in a row with activity; weekends and leave neither count nor break it."""

    days: int


@dataclass(frozen=True)
class ActiveDays:
    """`days` days with activity in all."""

    days: int


@dataclass(frozen=True)
class AllOf:
    """Every one of `parts`."""

    parts: tuple[Condition, ...]


Condition = Count | WorkdayStreak | ActiveDays | AllOf


@dataclass(frozen=True)
class Badge:
    id: str
    emoji: str


@dataclass(frozen=True)
class Milestone:
    id: str
    title: Text
    hint: Text  # phrased as the next step: the report turns it into a suggestion
    condition: Condition
    points: int
    badge: Badge
    prerequisites: tuple[str, ...]
    action: str  # where the map view takes the person to reach it (e.g. "article.new")


@dataclass(frozen=True)
class Level:
    id: str
    title: Text
    min_points: int
    requires: tuple[str, ...]  # milestones needed besides the points


@dataclass(frozen=True)
class PointRule:
    """`points` per matching activity (or once per active day), at most `daily_cap` a day."""

    id: str
    title: Text
    kinds: frozenset[str]
    active_day: bool
    points: int
    daily_cap: int


@dataclass(frozen=True)
class Recognition:
    """The monthly "platform expert" title for the top `share` of the company by points earned in the month,
    counted in the company's `time_zone` (one calendar for everyone, so the ranking is fair)."""

    share: float
    title: Text
    emoji: str
    time_zone: str


DEFAULT_RECOGNITION = Recognition(0.10, Text("月度平台达人", "Platform expert of the month"), "🏆", "UTC")


@dataclass(frozen=True)
class Definition:
    version: int
    workdays: frozenset[int]  # ISO weekdays, Monday = 1
    min_text_weight: int
    levels: tuple[Level, ...]  # by min_points
    rules: tuple[PointRule, ...]
    milestones: tuple[Milestone, ...]  # in file order: the map's reading order
    order: tuple[str, ...]  # milestone ids, each after its prerequisites (file order otherwise)
    recognition: Recognition = DEFAULT_RECOGNITION

    def milestone(self, milestone_id: str) -> Milestone:
        for milestone in self.milestones:
            if milestone.id == milestone_id:
                return milestone
        raise KeyError(milestone_id)


def default_path() -> Path:
    return Path(str(resources.files("resources").joinpath("growth/map.toml")))


@cache
def default_definition() -> Definition:
    """The shipped definition, read and validated once per process."""
    return load_definition(default_path())


def load_definition(path: Path) -> Definition:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GrowthDefinitionError(f"the growth definition {path} cannot be read: {exc.strerror}") from exc
    return parse_definition(text, source=str(path))


def parse_definition(text: str, source: str = "growth definition") -> Definition:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise GrowthDefinitionError(f"{source} is not valid TOML: {exc}") from exc
    return _Parser(source).definition(data)


class _Parser:
    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, problem: str) -> GrowthDefinitionError:
        return GrowthDefinitionError(f"{self.source}: {where}: {problem}")

    def table(self, value: object, where: str, required: tuple[str, ...], optional: tuple[str, ...]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, "must be a table")
        unknown = sorted(set(value) - set(required) - set(optional))
        if unknown:
            expected = ", ".join((*required, *optional))
            raise self.fail(where, f"unknown key {unknown[0]!r} (expected {expected})")
        missing = [key for key in required if key not in value]
        if missing:
            raise self.fail(where, f"missing {missing[0]!r}")
        return value

    def text(self, data: Mapping[str, Any], where: str, key: str) -> str:
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(where, f"{key!r} must be a non-empty string")
        return value

    def integer(self, data: Mapping[str, Any], where: str, key: str, minimum: int, default: int | None = None) -> int:
        value = data.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(where, f"{key!r} must be a whole number of at least {minimum}")
        return value

    def ids(self, data: Mapping[str, Any], where: str, key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail(where, f"{key!r} must be a list of milestone ids")
        if len(set(value)) != len(value):
            raise self.fail(where, f"{key!r} names a milestone twice")
        return tuple(value)

    def localized(self, data: Mapping[str, Any], where: str, key: str) -> Text:
        return Text(self.text(data, where, f"{key}_zh"), self.text(data, where, f"{key}_en"))

    def definition(self, data: dict[str, Any]) -> Definition:
        data = self.table(
            data, "top level", ("levels", "points", "milestones"),
            ("version", "workdays", "anti_farming", "recognition"),
        )
        version = self.integer(data, "top level", "version", 1, default=1)
        workdays = data.get("workdays", [1, 2, 3, 4, 5])
        if (
            not isinstance(workdays, list)
            or not workdays
            or not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in workdays)
        ):
            raise self.fail("workdays", "must be a non-empty list of ISO weekdays (1 = Monday … 7 = Sunday)")
        anti = self.table(data.get("anti_farming", {}), "anti_farming", (), ("min_text_weight",))
        min_weight = self.integer(anti, "anti_farming", "min_text_weight", 0, default=0)

        milestones = [self.milestone(raw, i) for i, raw in enumerate(self.array(data, "milestones"))]
        known = self.unique([m.id for m in milestones], "milestone")
        for milestone in milestones:
            for prerequisite in milestone.prerequisites:
                if prerequisite not in known:
                    raise self.fail(f"milestone {milestone.id!r}", f"prerequisite {prerequisite!r} is not a milestone")
                if prerequisite == milestone.id:
                    raise self.fail(f"milestone {milestone.id!r}", "is its own prerequisite")
        order = self.topological(milestones)

        levels = [self.level(raw, i, known) for i, raw in enumerate(self.array(data, "levels"))]
        self.unique([level.id for level in levels], "level")
        if levels[0].min_points != 0:
            raise self.fail(f"level {levels[0].id!r}", "the first level must start at 0 points")
        for lower, higher in pairwise(levels):
            if higher.min_points <= lower.min_points:
                raise self.fail(f"level {higher.id!r}", f"needs more points than level {lower.id!r}")

        rules = [self.rule(raw, i) for i, raw in enumerate(self.array(data, "points"))]
        self.unique([rule.id for rule in rules], "point rule")
        recognition = self.recognition(data.get("recognition")) if "recognition" in data else DEFAULT_RECOGNITION
        return Definition(
            version, frozenset(workdays), min_weight, tuple(levels), tuple(rules), tuple(milestones), order,
            recognition,
        )

    def recognition(self, raw: object) -> Recognition:
        where = "recognition"
        data = self.table(raw, where, ("share", "title_zh", "title_en", "emoji", "time_zone"), ())
        share = data["share"]
        if isinstance(share, bool) or not isinstance(share, int | float) or not 0 < share <= 1:
            raise self.fail(where, "'share' must be a fraction above 0 and at most 1 (0.10 for the top 10%)")
        zone_name = self.text(data, where, "time_zone")
        try:
            ZoneInfo(zone_name)
        except (ZoneInfoNotFoundError, ValueError):
            raise self.fail(where, f"'time_zone' {zone_name!r} is not a known IANA time zone") from None
        return Recognition(float(share), self.localized(data, where, "title"), self.text(data, where, "emoji"),
                           zone_name)

    def array(self, data: Mapping[str, Any], key: str) -> list[Any]:
        value = data.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, f"at least one [[{key}]] entry is needed")
        return value

    def unique(self, ids: list[str], what: str) -> set[str]:
        seen: set[str] = set()
        for item in ids:
            if item in seen:
                raise self.fail(f"{what} {item!r}", "is defined twice")
            seen.add(item)
        return seen

    def milestone(self, raw: object, index: int) -> Milestone:
        name = raw.get("id") if isinstance(raw, dict) else None
        where = f"milestone {name!r}" if isinstance(name, str) else f"milestone #{index + 1}"
        data = self.table(
            raw,
            where,
            ("id", "title_zh", "title_en", "hint_zh", "hint_en", "condition", "points", "badge"),
            ("prerequisites", "action"),
        )
        badge = self.table(data["badge"], f"{where} badge", ("id", "emoji"), ())
        return Milestone(
            id=self.text(data, where, "id"),
            title=self.localized(data, where, "title"),
            hint=self.localized(data, where, "hint"),
            condition=self.condition(data["condition"], where),
            points=self.integer(data, where, "points", 0),
            badge=Badge(self.text(badge, f"{where} badge", "id"), self.text(badge, f"{where} badge", "emoji")),
            prerequisites=self.ids(data, where, "prerequisites"),
            action=self.text(data, where, "action") if "action" in data else "home",
        )

    def condition(self, raw: object, where: str) -> Condition:
        if not isinstance(raw, dict):
            raise self.fail(where, 'the condition must be a table such as {count = "message_sent", at_least = 1}')
        shapes = [key for key in CONDITION_KEYS if key in raw]
        if len(shapes) != 1:
            found = ", ".join(sorted(raw)) or "nothing"
            raise self.fail(where, f"unknown condition {{{found}}} (use one of {', '.join(CONDITION_KEYS)})")
        shape = shapes[0]
        if shape == "count":
            data = self.table(raw, f"{where} condition", ("count", "at_least"), ("distinct", "same_subject"))
            kind = data["count"]
            if kind not in KINDS:
                raise self.fail(where, f"unknown activity {kind!r} in the condition (known: {', '.join(KINDS)})")
            distinct = data.get("distinct")
            if distinct is not None and distinct not in DISTINCT_FIELDS:
                raise self.fail(where, f"'distinct' must be one of {', '.join(DISTINCT_FIELDS)}, not {distinct!r}")
            same_subject = data.get("same_subject", False)
            if not isinstance(same_subject, bool) or (same_subject and distinct in (None, "subject")):
                raise self.fail(where, "'same_subject = true' needs 'distinct' (counterpart, day…) other than subject")
            return Count(kind, self.integer(data, where, "at_least", 1), distinct, same_subject)
        if shape == "streak_workdays":
            data = self.table(raw, f"{where} condition", ("streak_workdays",), ())
            return WorkdayStreak(self.integer(data, where, "streak_workdays", 1))
        if shape == "active_days":
            data = self.table(raw, f"{where} condition", ("active_days",), ())
            return ActiveDays(self.integer(data, where, "active_days", 1))
        data = self.table(raw, f"{where} condition", ("all",), ())
        if not isinstance(data["all"], list) or not data["all"]:
            raise self.fail(where, "'all' must list at least one condition")
        return AllOf(tuple(self.condition(part, where) for part in data["all"]))

    def level(self, raw: object, index: int, milestones: set[str]) -> Level:
        name = raw.get("id") if isinstance(raw, dict) else None
        where = f"level {name!r}" if isinstance(name, str) else f"level #{index + 1}"
        data = self.table(raw, where, ("id", "title_zh", "title_en", "min_points"), ("requires",))
        requires = self.ids(data, where, "requires")
        for milestone in requires:
            if milestone not in milestones:
                raise self.fail(where, f"requires {milestone!r}, which is not a milestone")
        return Level(
            self.text(data, where, "id"),
            self.localized(data, where, "title"),
            self.integer(data, where, "min_points", 0),
            requires,
        )

    def rule(self, raw: object, index: int) -> PointRule:
        name = raw.get("id") if isinstance(raw, dict) else None
        where = f"point rule {name!r}" if isinstance(name, str) else f"point rule #{index + 1}"
        data = self.table(raw, where, ("id", "title_zh", "title_en", "points", "daily_cap"), ("kinds", "active_day"))
        active_day = data.get("active_day", False)
        kinds = data.get("kinds", [])
        if not isinstance(active_day, bool) or not isinstance(kinds, list) or bool(kinds) == active_day:
            raise self.fail(where, "needs either 'kinds = [...]' or 'active_day = true'")
        for kind in kinds:
            if kind not in KINDS:
                raise self.fail(where, f"unknown activity {kind!r} (known: {', '.join(KINDS)})")
        points = self.integer(data, where, "points", 1)
        cap = self.integer(data, where, "daily_cap", points)
        return PointRule(
            self.text(data, where, "id"),
            self.localized(data, where, "title"),
            frozenset(kinds),
            active_day,
            points,
            cap,
        )

    def topological(self, milestones: list[Milestone]) -> tuple[str, ...]:
        """Milestone ids, each after its prerequisites; a cycle is refused, naming the milestones on it."""
        prerequisites = {m.id: m.prerequisites for m in milestones}
        done: list[str] = []
        state: dict[str, int] = {}  # 1 = being visited, 2 = placed
        for start in prerequisites:
            if state.get(start) == 2:
                continue
            # Iterative depth-first search: the path on the stack is the cycle when a node comes back.
            path: list[str] = [start]
            stack = [iter(prerequisites[start])]
            state[start] = 1
            while stack:
                nxt = next(stack[-1], None)
                if nxt is None:
                    stack.pop()
                    node = path.pop()
                    state[node] = 2
                    done.append(node)
                elif state.get(nxt) == 1:
                    cycle = [*path[path.index(nxt) :], nxt]
                    raise self.fail(
                        f"milestone {nxt!r}", "prerequisite cycle (each needs the next): " + " → ".join(cycle)
                    )
                elif state.get(nxt) is None:
                    state[nxt] = 1
                    path.append(nxt)
                    stack.append(iter(prerequisites[nxt]))
        return tuple(done)
