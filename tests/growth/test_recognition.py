"""The monthly platform-expert ranking: top 10% by the month's points, ties included, nobody with zero points."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.growth import compute, default_definition, parse_definition
from app.growth.definition import GrowthDefinitionError
from app.growth.recognition import (
    MonthlyRecognition,
    month_bounds,
    points_in_month,
    previous_month,
    rank_month,
    titles_for,
)
from tests.growth.test_definition import definition_text, milestone

ZONE = "Asia/Shanghai"


def test_top_ten_percent_of_everyone_ranked() -> None:
    points = {f"p{i:02d}": i * 10 for i in range(20)}  # p19 has most
    result = rank_month("2026-10", points, 0.10, ZONE)
    assert [e.user_id for e in result.experts] == ["p19", "p18"]
    assert result.ranked == 20
    assert result.cutoff == 180
    assert [e.rank for e in result.experts] == [1, 2]


def test_ties_at_the_cutoff_are_all_experts_and_share_a_rank() -> None:
    points = {"a": 50, "b": 80, "c": 80, "d": 80, "e": 10, **{f"z{i}": 0 for i in range(15)}}
    result = rank_month("2026-10", points, 0.10, ZONE)  # 20 people: two places, three tied for them
    assert [(e.user_id, e.rank) for e in result.experts] == [("b", 1), ("c", 1), ("d", 1)]


def test_at_least_one_expert_but_never_anyone_without_points() -> None:
    assert [e.user_id for e in rank_month("2026-10", {"a": 5, "b": 3}, 0.10, ZONE).experts] == ["a"]
    nobody = rank_month("2026-10", {"a": 0, "b": 0}, 0.10, ZONE)
    assert nobody.experts == () and nobody.cutoff == 0
    assert rank_month("2026-10", {}, 0.10, ZONE).experts == ()


def test_the_record_survives_the_wire() -> None:
    result = rank_month("2026-10", {"a": 90, "b": 40, "c": 0}, 0.5, ZONE)
    again = MonthlyRecognition.from_data(result.to_data())
    assert again == result
    assert again.is_expert("a") and not again.is_expert("c")
    older = rank_month("2026-09", {"a": 10}, 0.5, ZONE)
    assert [r.month for r in titles_for([older, result], "a")] == ["2026-10", "2026-09"]


def test_months() -> None:
    assert month_bounds("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert previous_month(date(2026, 1, 15)) == "2025-12"
    for bad in ("2026-13", "26-01", "2026/01", ""):
        with pytest.raises(ValueError, match="YYYY-MM"):
            month_bounds(bad)


def test_points_in_month_counts_only_that_months_days() -> None:
    from app.growth.activity import MESSAGE_SENT, Activity

    definition = default_definition()
    acts = [
        Activity(MESSAGE_SENT, datetime(2026, 9, 30, 10, tzinfo=UTC), "me", "m1", subject="c", text_weight=20),
        Activity(MESSAGE_SENT, datetime(2026, 10, 2, 10, tzinfo=UTC), "me", "m2", subject="c", text_weight=20),
    ]
    state = compute(definition, acts, "me", date(2026, 10, 31), UTC)
    october = points_in_month(state, "2026-10")
    september = points_in_month(state, "2026-09")
    assert october > 0 and september > 0
    assert october + september == state.total_points


def test_the_shipped_definition_declares_the_recognition() -> None:
    recognition = default_definition().recognition
    assert recognition.share == pytest.approx(0.10)
    assert recognition.title.zh and recognition.title.en and recognition.emoji
    assert recognition.time_zone == "Asia/Shanghai"


@pytest.mark.parametrize(
    ("block", "problem"),
    [
        ('share = 0\ntitle_zh = "达人"\ntitle_en = "E"\nemoji = "🏆"\ntime_zone = "UTC"', "share"),
        ('share = 0.1\ntitle_zh = "达人"\ntitle_en = "E"\nemoji = "🏆"\ntime_zone = "Mars/Base"', "time zone"),
        ('share = 0.1\ntitle_zh = "达人"\nemoji = "🏆"\ntime_zone = "UTC"', "missing 'title_en'"),
    ],
)
def test_a_bad_recognition_block_is_refused(block: str, problem: str) -> None:
    with pytest.raises(GrowthDefinitionError, match=problem):
        parse_definition(definition_text(milestone("m1")) + "\n[recognition]\n" + block + "\n")
