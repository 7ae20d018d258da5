"""The monthly "platform expert" (seed 000: 月度平台使用达人, the top 10%): ranking and the record clients keep.

Nobody's device sees everyone's activity, so the server ranks: it computes each active person's growth with
the same `compute` the clients use, sums the points each earned in the month (days in the company's time zone,
`Definition.recognition.time_zone`), and `rank_month` picks the top share. The result travels to every client
as one small record per month (`MonthlyRecognition.to_data`, kind "growth_recognition" in the org scope), so
the growth view shows the title offline too. Pure: no database, no clock.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from .rules import GrowthState

KIND = "growth_recognition"  # the synced kind of the record (one per month, id = the month)


@dataclass(frozen=True)
class Expert:
    user_id: str
    points: int
    rank: int  # 1 = most points; people with equal points share a rank


@dataclass(frozen=True)
class MonthlyRecognition:
    month: str  # "2026-11"
    share: float
    time_zone: str
    ranked: int  # how many active people were ranked (the 10% is of them)
    cutoff: int  # the fewest points an expert earned (0 when there is nobody)
    experts: tuple[Expert, ...]  # by rank, then user id

    def is_expert(self, user_id: str) -> bool:
        return any(e.user_id == user_id for e in self.experts)

    def expert(self, user_id: str) -> Expert | None:
        return next((e for e in self.experts if e.user_id == user_id), None)

    def to_data(self) -> dict[str, Any]:
        """The synced record's data (JSON-able)."""
        return {
            "id": self.month,
            "month": self.month,
            "share": self.share,
            "time_zone": self.time_zone,
            "ranked": self.ranked,
            "cutoff": self.cutoff,
            "experts": [{"user_id": e.user_id, "points": e.points, "rank": e.rank} for e in self.experts],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> MonthlyRecognition:
        experts = data.get("experts") or []
        return cls(
            month=str(data["month"]),
            share=float(data.get("share") or 0),
            time_zone=str(data.get("time_zone") or "UTC"),
            ranked=int(data.get("ranked") or 0),
            cutoff=int(data.get("cutoff") or 0),
            experts=tuple(Expert(str(e["user_id"]), int(e["points"]), int(e["rank"])) for e in experts),
        )


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of "YYYY-MM"; ValueError for anything else."""
    try:
        year_text, month_text = month.split("-")
        first = date(int(year_text), int(month_text), 1)
    except ValueError:
        raise ValueError(f"{month!r} is not a month (write it as YYYY-MM, e.g. 2026-11)") from None
    if len(year_text) != 4 or len(month_text) != 2:
        raise ValueError(f"{month!r} is not a month (write it as YYYY-MM, e.g. 2026-11)")
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


def previous_month(day: date) -> str:
    return month_key(day.replace(day=1) - timedelta(days=1))


def points_in_month(state: GrowthState, month: str) -> int:
    """Points the person earned on the days of `month` (milestone points on the day they were reached)."""
    first, last = month_bounds(month)
    return sum(points for day, points in state.points_by_day.items() if first <= day <= last)


def rank_month(month: str, points: Mapping[str, int], share: float, time_zone: str) -> MonthlyRecognition:
    """The top `share` of the people in `points` (every active person, zero points included).

    At least one person is recognised when anyone earned points; nobody with zero points ever is. Everyone
    tied with the last expert is an expert too, so equal work never gets different treatment.
    """
    month_bounds(month)
    ranked = sorted(points.items(), key=lambda item: (-item[1], item[0]))
    scoring = [(uid, n) for uid, n in ranked if n > 0]
    wanted = max(1, math.ceil(share * len(ranked) - 1e-9)) if ranked else 0
    if not scoring:
        return MonthlyRecognition(month, share, time_zone, len(ranked), 0, ())
    cutoff = scoring[min(wanted, len(scoring)) - 1][1]
    experts: list[Expert] = []
    for index, (uid, n) in enumerate(scoring):
        if n < cutoff:
            break
        rank = experts[-1].rank if experts and experts[-1].points == n else index + 1
        experts.append(Expert(uid, n, rank))
    return MonthlyRecognition(month, share, time_zone, len(ranked), cutoff, tuple(experts))


def titles_for(recognitions: Iterable[MonthlyRecognition], user_id: str) -> list[MonthlyRecognition]:
    """The months (newest first) in which `user_id` was a platform expert."""
    return sorted((r for r in recognitions if r.is_expert(user_id)), key=lambda r: r.month, reverse=True)
