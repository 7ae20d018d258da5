"""A `GrowthState` as plain JSON-able data: what the server's growth endpoint and `atrium-server growth` answer,
and what a test compares between the client and the server.

Only derived facts go in (points, level, milestone states and dates, streaks), never anything to edit: the
summary is a reading of `compute`, and two computations over the same activity give equal summaries.
"""

from __future__ import annotations

from typing import Any

from .rules import GrowthState


def state_summary(state: GrowthState) -> dict[str, Any]:
    """The state as a dict of str, int, float, list and dict only (dates as ISO text), in a stable order."""
    return {
        "person_id": state.person_id,
        "today": state.today.isoformat(),
        "definition_version": state.definition.version,
        "total_points": state.total_points,
        "level": state.level.id,
        "next_level": state.next_level.id if state.next_level else None,
        "points_to_next_level": state.points_to_next_level,
        # Rounded so that two machines' float arithmetic cannot tell apart what is the same progress.
        "level_progress": round(state.level_progress, 6),
        "next_level_requires": list(state.next_level_requires),
        "points_by_day": {day.isoformat(): points for day, points in state.points_by_day.items()},
        "points_by_source": dict(sorted(state.points_by_source.items())),
        "milestones": [
            {
                "id": s.milestone.id,
                "status": s.status,
                "reached_on": s.reached_on.isoformat() if s.reached_on else None,
                "progress": s.progress,
                "target": s.target,
            }
            for s in state.milestones
        ],
        "badges": [badge.id for badge in state.badges],
        "active_days": len(state.active_days),
        "current_streak": state.current_streak,
        "longest_streak": state.longest_streak,
    }
