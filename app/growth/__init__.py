"""The personal growth map (issue 6): points, levels, milestones, badges and the growth report, derived from
a person's activity by pure functions that the desktop client and the server share.

    definition = default_definition()                     # resources/growth/map.toml, validated, cached
    activity = activity_from_rows(person_id, messages=..., tasks=..., ...)
    state = compute(definition, activity, person_id, today, tz)
    report = growth_report(state, activity, start, end, "zh")
"""

from __future__ import annotations

from .activity import KINDS, Activity, activity_from_rows, text_weight
from .definition import (
    Definition,
    GrowthDefinitionError,
    Level,
    Milestone,
    default_definition,
    load_definition,
    parse_definition,
)
from .report import GrowthReport, growth_report
from .rules import LOCKED, NEXT, REACHED, GrowthState, MilestoneStatus, compute

__all__ = [
    "KINDS",
    "LOCKED",
    "NEXT",
    "REACHED",
    "Activity",
    "Definition",
    "GrowthDefinitionError",
    "GrowthReport",
    "GrowthState",
    "Level",
    "Milestone",
    "MilestoneStatus",
    "activity_from_rows",
    "compute",
    "default_definition",
    "growth_report",
    "load_definition",
    "parse_definition",
    "text_weight",
]
