"""The periodic growth report (weekly or monthly): points per day, milestones reached, streak, suggestions.

Pure: it reads a `GrowthState` from `rules.compute` and the same activity list, and returns plain data that
the report view draws (a chart of points per day) and exports; the texts are already in the asked language
because the suggestions come from the definition's bilingual hints ("Publish your first article in the
knowledge base (+30)").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from .activity import Activity
from .rules import GrowthState, MilestoneStatus, accepted, workday_streaks

MAX_SUGGESTIONS = 3


@dataclass(frozen=True)
class ReachedInPeriod:
    day: date
    milestone_id: str
    title: str
    emoji: str
    points: int
    badge_id: str = ""  # the badge's icon (resources/icons/badges/<id>.svg) for a report drawn by the app


@dataclass(frozen=True)
class GrowthReport:
    period_start: date
    period_end: date  # inclusive
    language: str
    level: str
    total_points: int
    points_to_next_level: int
    next_level: str | None
    points_by_day: tuple[tuple[date, int], ...]  # every day of the period, zero included, for the chart
    period_points: int
    milestones: tuple[ReachedInPeriod, ...]
    activity_counts: dict[str, int]  # activity kind → how often it counted in the period
    active_days: int
    longest_streak: int  # workdays in a row within the period
    current_streak: int  # as of the state's today
    suggestions: tuple[str, ...]


def growth_report(
    state: GrowthState,
    activities: Iterable[Activity],
    period_start: date,
    period_end: date,
    language: str,
) -> GrowthReport:
    """The report for `period_start`…`period_end` (both included) in "zh" or "en"."""
    if period_end < period_start:
        raise ValueError(f"the report period ends ({period_end}) before it starts ({period_start})")
    days = [period_start + timedelta(days=i) for i in range((period_end - period_start).days + 1)]
    chart = tuple((day, state.points_by_day.get(day, 0)) for day in days)

    counts: dict[str, int] = {}
    last = min(period_end, state.today)
    for activity, day in accepted(state.definition, activities, state.person_id, last, state.tz):
        if day >= period_start:
            counts[activity.kind] = counts.get(activity.kind, 0) + 1

    active = [d for d in state.active_days if period_start <= d <= period_end]
    streaks = workday_streaks(active, state.definition.workdays, state.leave, last)
    reached = tuple(
        ReachedInPeriod(
            s.reached_on, s.milestone.id, s.milestone.title.get(language), s.milestone.badge.emoji, s.milestone.points,
            s.milestone.badge.id,
        )
        for s in state.reached
        if s.reached_on is not None and period_start <= s.reached_on <= period_end
    )
    return GrowthReport(
        period_start=period_start,
        period_end=period_end,
        language=language,
        level=state.level.title.get(language),
        total_points=state.total_points,
        points_to_next_level=state.points_to_next_level,
        next_level=state.next_level.title.get(language) if state.next_level else None,
        points_by_day=chart,
        period_points=sum(points for _, points in chart),
        milestones=reached,
        activity_counts=dict(sorted(counts.items())),
        active_days=len(active),
        longest_streak=streaks.longest,
        current_streak=state.current_streak,
        suggestions=suggestions(state, language),
    )


def suggestions(state: GrowthState, language: str) -> tuple[str, ...]:
    """2–3 concrete next steps: the reachable milestones closest to done, then the streak or the next level."""
    zh = language.startswith("zh")
    # Closest to done first (a 4-of-5 milestone is the most motivating), the map's order otherwise.
    ranked = sorted(enumerate(state.next), key=lambda item: (-(item[1].progress / item[1].target), item[0]))
    texts = [_milestone_step(status, zh) for _, status in ranked[:MAX_SUGGESTIONS]]
    if len(texts) < MAX_SUGGESTIONS and state.current_streak:
        n = state.current_streak
        texts.append(
            f"明天继续使用平台，保持连续 {n} 个工作日的活跃" if zh else f"Keep your {n}-workday streak going tomorrow"
        )
    if len(texts) < MAX_SUGGESTIONS and state.next_level is not None and state.points_to_next_level:
        title = state.next_level.title.get(language)
        points = state.points_to_next_level
        texts.append(f"再得 {points} 分升到“{title}”" if zh else f"Earn {points} more points to become {title}")
    if len(texts) < 2:
        texts.append(
            "在知识库分享一篇你的经验，帮助新同事"
            if zh
            else "Share what you know in a knowledge base article to help newcomers"
        )
    return tuple(texts[:MAX_SUGGESTIONS])


def _milestone_step(status: MilestoneStatus, zh: bool) -> str:
    milestone = status.milestone
    hint = milestone.hint.zh if zh else milestone.hint.en
    partly = 0 < status.progress < status.target
    if zh:
        done = f"已完成 {status.progress}/{status.target}，" if partly else ""
        return f"{hint}（{done}+{milestone.points} 分）"
    done = f"{status.progress}/{status.target} done, " if partly else ""
    return f"{hint} ({done}+{milestone.points})"
