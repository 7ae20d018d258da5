"""The rules: every milestone reachable, points and caps, anti-farming, levels, order independence, report."""

from __future__ import annotations

import itertools
import random
from datetime import UTC, date, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.growth import KINDS, LOCKED, NEXT, REACHED, Activity, activity_from_rows, compute, default_definition
from app.growth import activity as kinds
from app.growth.definition import ActiveDays, AllOf, Condition, Count, Definition, WorkdayStreak
from app.growth.report import growth_report
from app.growth.rules import MILESTONE_POINTS, GrowthState

from . import ME, act, at, workdays

TODAY = date(2024, 12, 31)
START = date(2024, 3, 4)  # a Monday


def state_of(activities: list[Activity], today: date = TODAY, tz: Any = UTC, **kw: Any) -> GrowthState:
    return compute(default_definition(), activities, ME, today, tz, **kw)


def status(state: GrowthState, milestone_id: str) -> str:
    return next(s.status for s in state.milestones if s.milestone.id == milestone_id)


# ------------------------------------------------------------------------------- every milestone reachable


class Calendar:
    """Hands out consecutive workdays, so that generated activity never overlaps by accident."""

    def __init__(self) -> None:
        self.days = iter(workdays(START, 400))

    def take(self, n: int) -> list[date]:
        return list(itertools.islice(self.days, n))


_serial = itertools.count()


def satisfying(condition: Condition, calendar: Calendar) -> list[Activity]:
    """Activity that satisfies the condition and nothing more: exactly its kind, on fresh days."""
    if isinstance(condition, Count):
        n = condition.at_least
        out = []
        for i, day in enumerate(calendar.take(n)):
            tag = next(_serial)
            out.append(
                act(
                    condition.kind,
                    at(day),
                    subject="s-same" if condition.same_subject else f"s{tag}",
                    counterpart=f"p{tag}",
                    counterpart_department=f"d{tag}",
                    department="mine",
                    id=f"{condition.kind}-{tag}-{i}",
                )
            )
        return out
    if isinstance(condition, WorkdayStreak):
        return [act(kinds.LOGIN, at(day)) for day in calendar.take(condition.days)]
    if isinstance(condition, ActiveDays):
        return [act(kinds.LOGIN, at(day)) for day in calendar.take(condition.days)]
    assert isinstance(condition, AllOf)
    return [a for part in condition.parts for a in satisfying(part, calendar)]


def prerequisites_of(definition: Definition, milestone_id: str) -> list[str]:
    """The milestone's transitive prerequisites, in the definition's order."""
    needed: set[str] = set()
    stack = list(definition.milestone(milestone_id).prerequisites)
    while stack:
        mid = stack.pop()
        if mid not in needed:
            needed.add(mid)
            stack.extend(definition.milestone(mid).prerequisites)
    return [mid for mid in definition.order if mid in needed]


def test_at_the_start_only_milestones_without_prerequisites_are_next() -> None:
    state = state_of([])
    assert state.total_points == 0 and state.level.id == "newcomer" and not state.reached and not state.badges
    for s in state.milestones:
        assert s.status == (NEXT if not s.milestone.prerequisites else LOCKED)
    assert {s.milestone.id for s in state.next} >= {"first_message", "first_article_published", "five_day_streak"}


@pytest.mark.parametrize("milestone_id", default_definition().order)
def test_every_milestone_is_reachable_from_the_start(milestone_id: str) -> None:
    definition = default_definition()
    calendar = Calendar()
    before = [
        a
        for mid in prerequisites_of(definition, milestone_id)
        for a in satisfying(definition.milestone(mid).condition, calendar)
    ]
    state = state_of(before)
    assert status(state, milestone_id) == NEXT, "its prerequisites alone make it the next step"
    own = satisfying(definition.milestone(milestone_id).condition, calendar)
    state = state_of(before + own)
    reached = next(s for s in state.milestones if s.milestone.id == milestone_id)
    assert reached.status == REACHED
    # Activity toward the prerequisites may count too (a first article is one of five): reached no later than
    # the last of its own activity, and not before its prerequisites.
    assert reached.reached_on is not None and reached.reached_on <= max(a.at.date() for a in own)
    assert all(reached.reached_on >= a.at.date() for a in before)
    assert definition.milestone(milestone_id).badge in state.badges


def test_the_whole_map_can_be_completed_and_makes_a_mentor() -> None:
    definition = default_definition()
    calendar = Calendar()
    everything = [a for mid in definition.order for a in satisfying(definition.milestone(mid).condition, calendar)]
    state = state_of(everything)
    assert not state.next and not state.locked
    assert len(state.reached) == len(definition.milestones)
    assert state.points_by_source[MILESTONE_POINTS] == sum(m.points for m in definition.milestones)
    assert [s.reached_on for s in state.reached] == sorted(s.reached_on for s in state.reached)  # type: ignore[type-var]


def test_an_action_done_before_its_prerequisite_counts_once_the_prerequisite_is_reached() -> None:
    # Replying in a group on Monday, then sending a first (non-reply) message on Wednesday.
    monday, wednesday = date(2024, 3, 4), date(2024, 3, 6)
    state = state_of([act(kinds.GROUP_REPLY, at(monday), counterpart="p1"), act(kinds.MESSAGE_SENT, at(wednesday))])
    reply = next(s for s in state.reached if s.milestone.id == "first_group_reply")
    assert reply.reached_on == wednesday


# ----------------------------------------------------------------------------------------- points and caps


def test_points_per_rule_and_daily_caps() -> None:
    day = date(2024, 3, 5)
    activities = (
        [act(kinds.LOGIN, at(day, h)) for h in (8, 9, 12)]
        + [act(kinds.GROUP_MESSAGE_SENT, at(day, 10, m), text_weight=20) for m in range(5)]
        + [act(kinds.TASK_COMPLETED_FOR_OTHER, at(day, 11, m), counterpart=f"p{m}") for m in range(4)]
    )
    state = state_of(activities)
    assert state.points_by_source["daily_login"] == 10  # three sign-ins, one day
    assert state.points_by_source["valid_content"] == 90  # 5 × 30 capped at 90
    assert state.points_by_source["collaboration"] == 150  # 4 × 50 capped at 150
    milestone_points = state.points_by_source[MILESTONE_POINTS]
    assert state.points_by_day == {day: 10 + 90 + 150 + milestone_points}
    assert state.total_points == 250 + milestone_points


def test_caps_hold_per_local_day_in_the_persons_time_zone() -> None:
    shanghai = ZoneInfo("Asia/Shanghai")
    # 15:30 and 16:30 UTC on one UTC day are 23:30 and 00:30 in Shanghai: two local days, two caps.
    messages = [
        act(kinds.GROUP_MESSAGE_SENT, at(date(2024, 3, 5), hour, 30), text_weight=20)
        for hour in (15, 15, 15, 16, 16, 16, 16)
    ]
    assert state_of(messages, tz=UTC).points_by_source["valid_content"] == 90
    in_shanghai = state_of(messages, tz=shanghai)
    assert in_shanghai.points_by_source["valid_content"] == 90 + 90
    assert in_shanghai.active_days == {date(2024, 3, 5), date(2024, 3, 6)}


def test_levels_follow_points_and_their_milestones() -> None:
    day = date(2024, 3, 5)
    # 400 days of capped collaboration: far past the Mentor threshold in points...
    activities = [
        act(kinds.TASK_COMPLETED_FOR_OTHER, at(day + timedelta(days=i), 10, m), counterpart=f"p{m}")
        for i in range(100)
        for m in range(3)
    ]
    state = state_of(activities, today=day + timedelta(days=120))
    assert state.total_points >= 12000
    # ...but a Mentor has also reviewed and bridged departments: the map holds them at Expert until then.
    assert state.level.id == "expert" and state.next_level is not None and state.next_level.id == "mentor"
    assert state.points_to_next_level == 0 and state.level_progress == 1.0
    assert set(state.next_level_requires) == {"first_review_done", "bridge_builder"}

    few = state_of([act(kinds.LOGIN, at(day + timedelta(days=i))) for i in range(3)])
    assert few.level.id == "newcomer" and few.points_to_next_level == 300 - few.total_points
    assert 0 < few.level_progress < 1


def test_activity_after_today_does_not_count_yet() -> None:
    state = state_of([act(kinds.MESSAGE_SENT, at(TODAY + timedelta(days=1)))])
    assert state.total_points == 0 and not state.reached


# -------------------------------------------------------------------------------------- anti-farming (rows)

PEOPLE = [
    {"id": ME, "department_id": "rd"},
    {"id": "li", "department_id": "rd"},
    {"id": "wang", "department_id": "mkt"},
    {"id": "zhao", "department_id": "cs"},
    {"id": "chen", "department_id": "adm"},
    {"id": "sun", "department_id": "mkt"},
]
GROUP = {"id": "g1", "kind": "group", "title": "项目组", "created_by": "li", "created_at": "2024-03-01T01:00:00+00:00"}


def message(
    mid: str, body: str, author: str = ME, when: str = "2024-03-05T02:00:00+00:00", **kw: Any
) -> dict[str, Any]:
    row = {
        "id": mid,
        "conversation_id": "g1",
        "author_id": author,
        "body": body,
        "reply_to": None,
        "sent_at": when,
        "deleted": False,
        "mentions": [],
        "important": False,
        "created_hlc": "001709604000000-000000-dev",
    }
    return row | kw


def rows_state(**rows: Any) -> GrowthState:
    rows.setdefault("people", PEOPLE)
    rows.setdefault("conversations", [GROUP])
    return state_of(activity_from_rows(ME, **rows))


@pytest.mark.parametrize(
    "body", ["ok", "1", "👍", "收到", "好的", "哈哈哈哈哈哈", "thanks!", "👍👍👍 !!!", "@wang ok", "   "]
)
def test_trivial_messages_earn_nothing(body: str) -> None:
    state = rows_state(messages=[message(f"m{i}", body, when=f"2024-03-0{i + 1}T02:00:00+00:00") for i in range(5)])
    assert state.total_points == 0 and not state.reached and not state.active_days


@pytest.mark.parametrize("body", ["我来处理这个问题", "The budget is approved", "好的，下午三点前发你"])
def test_a_real_message_counts(body: str) -> None:
    state = rows_state(messages=[message("m1", body)])
    assert "first_message" in {s.milestone.id for s in state.reached}
    assert state.points_by_source["valid_content"] == 30 and state.points_by_source["daily_login"] == 10


def test_create_then_delete_and_refused_rows_earn_nothing() -> None:
    state = rows_state(
        messages=[
            message("m1", "这是一条会被删除的消息", deleted=True),
            message("m2", "这是一条被服务器拒绝的消息", _state="rejected"),
        ],
        tasks=[
            {
                "id": "t1",
                "space_id": "s",
                "status": "done",
                "owner_id": ME,
                "created_by": "wang",
                "created_at": "2024-03-05T01:00:00+00:00",
                "updated_at": "2024-03-05T03:00:00+00:00",
                "deleted": True,
            },
            {
                "id": "t2",
                "space_id": "s",
                "status": "todo",
                "owner_id": "li",
                "created_by": ME,
                "created_at": "2024-03-05T01:00:00+00:00",
                "deleted": True,
            },
        ],
    )
    assert state.total_points == 0 and not state.reached and not state.active_days


def test_self_likes_earn_nothing_and_five_other_people_do() -> None:
    article = {
        "id": "a1",
        "status": "published",
        "author_id": ME,
        "published_at": "2024-03-04T02:00:00+00:00",
        "reviewer_id": "li",
        "updated_at": "2024-03-04T02:00:00+00:00",
    }

    def like(user: str, day: int, present: bool = True) -> dict[str, Any]:
        return {"article_id": "a1", "user_id": user, "present": present, "hlc": f"2024-03-{day:02d}T03:00:00+00:00"}

    # Myself, and one colleague twice (a replayed row), and one who took the like back: 3 people.
    likes = [like(ME, 5), like("li", 5), like("li", 5), like("wang", 6), like("zhao", 6), like("chen", 7, False)]
    state = rows_state(articles=[article], article_likes=likes)
    liked = next(s for s in state.milestones if s.milestone.id == "article_liked_by_five")
    assert (liked.status, liked.progress, liked.target) == (NEXT, 3, 5)
    state = rows_state(articles=[article], article_likes=[*likes, like("chen", 8), like("sun", 9)])
    liked = next(s for s in state.milestones if s.milestone.id == "article_liked_by_five")
    assert liked.status == REACHED and liked.reached_on == date(2024, 3, 9)


def test_my_own_tasks_reopened_tasks_and_replies_to_myself_are_no_collaboration() -> None:
    def task(tid: str, creator: str, status: str) -> dict[str, Any]:
        return {
            "id": tid,
            "space_id": "s",
            "status": status,
            "owner_id": ME,
            "created_by": creator,
            "created_at": "2024-03-04T01:00:00+00:00",
            "updated_at": "2024-03-05T01:00:00+00:00",
            "deleted": False,
        }

    history = [  # t2 was done, then reopened by its creator
        {
            "id": "h1",
            "task_id": "t2",
            "field": "status",
            "new_value": '"done"',
            "actor_id": ME,
            "outcome": "applied",
            "at": "2024-03-05T02:00:00+00:00",
        },
        {
            "id": "h2",
            "task_id": "t2",
            "field": "status",
            "new_value": "in_progress",
            "actor_id": "wang",
            "outcome": "applied",
            "at": "2024-03-05T03:00:00+00:00",
        },
    ]
    state = rows_state(
        tasks=[task("t1", ME, "done"), task("t2", "wang", "in_progress")],
        task_history=history,
        messages=[
            message("m1", "先把需求文档整理一下"),
            message("m2", "我自己补充一下这里的细节", reply_to="m1", when="2024-03-05T03:00:00+00:00"),
        ],
    )
    reached = {s.milestone.id for s in state.reached}
    assert {"first_task_created", "first_task_completed", "first_message"} <= reached
    assert "first_task_for_other" not in reached and "first_group_reply" not in reached
    assert state.points_by_source["collaboration"] == 0


def test_a_mention_is_answered_by_a_reply_or_a_message_within_a_day() -> None:
    asked = message("q1", "@me 能帮忙看一下这个报价吗", author="wang", mentions=[ME])
    late = message("a1", "看过了，报价没问题，可以发", when="2024-03-07T02:00:00+00:00")
    state = rows_state(messages=[asked, late])
    assert status(state, "first_mention_answered") == NEXT  # two days later is not answering
    soon = message("a2", "好的，下午给你回复", when="2024-03-05T05:00:00+00:00")
    ok_only = message("a3", "ok", when="2024-03-05T03:00:00+00:00")
    state = rows_state(messages=[asked, ok_only, soon])
    answered = next(s for s in state.milestones if s.milestone.id == "first_mention_answered")
    assert answered.status == REACHED and answered.reached_on == date(2024, 3, 5)


def test_cross_department_work_from_rows() -> None:
    state = rows_state(
        messages=[
            message("q1", "谁能帮忙确认一下活动预算", author="wang"),
            message("m1", "预算表在共享盘里，我发你链接", reply_to="q1", when="2024-03-05T03:00:00+00:00"),
        ],
        tasks=[
            {
                "id": "t1",
                "space_id": "s",
                "status": "done",
                "owner_id": ME,
                "created_by": "zhao",
                "created_at": "2024-03-04T01:00:00+00:00",
                "updated_at": "2024-03-06T01:00:00+00:00",
            }
        ],
        task_history=[
            {
                "id": "h1",
                "task_id": "t1",
                "field": "status",
                "new_value": "done",
                "actor_id": ME,
                "outcome": "applied",
                "at": "2024-03-06T01:00:00+00:00",
            }
        ],
        articles=[
            {
                "id": "a1",
                "status": "published",
                "author_id": "chen",
                "reviewer_id": ME,
                "published_at": "2024-03-07T01:00:00+00:00",
                "updated_at": "2024-03-07T01:00:00+00:00",
            }
        ],
    )
    reached = {s.milestone.id: s.reached_on for s in state.reached}
    assert reached["first_group_reply"] == date(2024, 3, 5)
    assert reached["first_cross_department"] == date(2024, 3, 5)
    assert reached["first_task_for_other_department"] == date(2024, 3, 6)
    assert reached["bridge_builder"] == date(2024, 3, 7)  # mkt, cs, adm
    assert state.points_by_source["collaboration"] == 100  # the task and the review


def rich_rows() -> dict[str, list[dict[str, Any]]]:
    """One of everything, to check that the rows can produce every kind of activity."""
    t = "2024-03-05T0{}:00:00+00:00".format
    return {
        "people": PEOPLE,
        "conversations": [GROUP, {"id": "g2", "kind": "group", "created_by": ME, "created_at": t(1)}],
        "messages": [
            message("q1", "@me 请确认一下发布时间", author="wang", mentions=[ME]),
            message("m1", "确认了，周五上午发布", reply_to="q1", when=t(3), important=True, mentions=["wang"]),
        ],
        "spaces": [{"id": "s1", "kind": "project", "created_by": ME, "created_at": t(1)}],
        "tasks": [
            {"id": "t1", "space_id": "s1", "status": "todo", "owner_id": "li", "created_by": ME, "created_at": t(1)},
            {
                "id": "t2",
                "space_id": "s1",
                "status": "done",
                "owner_id": ME,
                "created_by": "wang",
                "created_at": t(1),
                "updated_at": t(4),
            },
        ],
        "task_history": [
            {
                "id": "h1",
                "task_id": "t2",
                "field": "*",
                "outcome": "created",
                "actor_id": "wang",
                "new_value": {"status": "todo"},
                "at": t(1),
            }
        ],
        "articles": [
            {"id": "a1", "status": "published", "author_id": ME, "published_at": t(2), "reviewer_id": "li"},
            {"id": "a2", "status": "draft", "author_id": "chen", "reviewer_id": ME, "updated_at": t(5)},
        ],
        "article_likes": [
            {"article_id": "a1", "user_id": "li", "present": True, "hlc": t(6)},
            {"article_id": "a2", "user_id": ME, "present": True, "hlc": "001709613000000-000003-x"},
        ],
        "favorites": [{"article_id": "a2", "user_id": ME, "present": True, "hlc": t(7)}],
        "logins": ["2024-03-05T00:30:00+00:00"],
    }


def test_rows_can_produce_every_kind_of_activity() -> None:
    activities = activity_from_rows(ME, **rich_rows())
    assert {a.kind for a in activities} == set(KINDS)
    assert activities == sorted(activities, key=lambda a: (a.at, a.kind, a.id))
    assert all(a.actor == ME and a.at.tzinfo is not None for a in activities)


def test_naive_times_are_refused_in_activity() -> None:
    from datetime import datetime

    with pytest.raises(ValueError, match="time zone"):
        Activity(kinds.LOGIN, datetime(2024, 3, 5, 10), ME, "x")


# ------------------------------------------------------------------------------------------ determinism


def synthetic(seed: int) -> list[Activity]:
    from bench.growth import synthetic_rows

    rows = synthetic_rows(days=45, per_day=8, seed=seed)
    rows["people"] = [*rows["people"], {"id": "p99", "department_id": None}]
    return activity_from_rows("me", **rows)


SAMPLE = synthetic(3)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.randoms(use_true_random=False))
def test_the_same_activity_in_any_order_gives_the_same_state(rng: random.Random) -> None:
    expected = state_of(SAMPLE, tz=ZoneInfo("Europe/London"))
    shuffled = list(SAMPLE)
    rng.shuffle(shuffled)
    # A replayed sync delivers some events twice: still the same state.
    shuffled += rng.sample(SAMPLE, k=min(30, len(SAMPLE)))
    assert state_of(shuffled, tz=ZoneInfo("Europe/London")) == expected


@settings(max_examples=40, deadline=None)
@given(st.permutations(list(range(12))))
def test_order_independence_on_a_small_mixed_history(order: list[int]) -> None:
    day = date(2024, 3, 29)  # the Friday before the clocks change in London
    base = [
        act(kinds.MESSAGE_SENT, at(day, 23, 30), id="m1", text_weight=12),
        act(kinds.GROUP_MESSAGE_SENT, at(day, 23, 30), id="m1", text_weight=12),
        act(kinds.GROUP_REPLY, at(day + timedelta(days=3), 0, 30), id="m2", counterpart="p1", text_weight=12),
        act(kinds.TASK_COMPLETED_FOR_OTHER, at(day + timedelta(days=2), 23, 59), id="t1", counterpart="p2"),
        act(kinds.ARTICLE_LIKE_RECEIVED, at(day, 1), id="a1:p1", subject="a1", counterpart="p1"),
        act(kinds.ARTICLE_LIKE_RECEIVED, at(day, 2), id="a1:p2", subject="a1", counterpart="p2"),
        act(kinds.ARTICLE_LIKE_RECEIVED, at(day, 3), id="a1:me", subject="a1", counterpart=ME),
        act(kinds.LOGIN, at(day - timedelta(days=1), 8), id="l1"),
        act(kinds.LOGIN, at(day - timedelta(days=4), 8), id="l2"),
        act(kinds.MESSAGE_SENT, at(day - timedelta(days=2), 9), id="m3", text_weight=2),
        act(kinds.ARTICLE_PUBLISHED, at(day - timedelta(days=3), 9), id="a1", subject="a1"),
        act(kinds.CROSS_DEPARTMENT_COLLABORATION, at(day, 12), id="x1", counterpart="p2", counterpart_department="d2"),
    ]
    london = ZoneInfo("Europe/London")
    assert state_of([base[i] for i in order], tz=london) == state_of(base, tz=london)


# ------------------------------------------------------------------------------------------------ report


def test_a_newcomers_report_suggests_first_steps_in_both_languages() -> None:
    state = state_of([])
    en = growth_report(state, [], date(2024, 12, 1), date(2024, 12, 31), "en")
    assert len(en.points_by_day) == 31 and en.period_points == 0 and not en.milestones
    assert 2 <= len(en.suggestions) <= 3
    assert en.suggestions[0] == "Send your first message to a colleague (+20)"
    zh = growth_report(state, [], date(2024, 12, 1), date(2024, 12, 31), "zh")
    assert zh.suggestions[0] == "给同事发出你的第一条消息（+20 分）"
    assert zh.level == "新手" and en.level == "Newcomer"


def test_a_report_shows_the_period() -> None:
    week = workdays(date(2024, 12, 2), 5)
    activities = [act(kinds.LOGIN, at(day)) for day in week]
    activities += [
        act(kinds.ARTICLE_PUBLISHED, at(week[1], 11), subject="a1"),
        act(kinds.MESSAGE_SENT, at(week[0], 12), text_weight=3),
    ]
    state = state_of(activities, today=date(2024, 12, 6))
    report = growth_report(state, activities, date(2024, 12, 2), date(2024, 12, 8), "en")
    assert [points for _, points in report.points_by_day][5:] == [0, 0]  # the weekend
    assert report.period_points == state.total_points
    assert [m.milestone_id for m in report.milestones] == ["first_article_published", "five_day_streak"]
    assert report.activity_counts == {kinds.ARTICLE_PUBLISHED: 1, kinds.LOGIN: 5}  # "ok"-sized message left out
    assert report.active_days == 5 and report.longest_streak == 5 and report.current_streak == 5
    # Progress first: 1 of 5 articles is further along than a first message.
    assert any("(1/5 done, +80)" in s for s in report.suggestions)
    assert all("(+" in s or "done, +" in s for s in report.suggestions)


def test_a_report_period_must_not_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        growth_report(state_of([]), [], date(2024, 12, 8), date(2024, 12, 1), "en")
