"""The "while you were away" digest in English and Chinese, its counts, and collapsing a burst per conversation."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.notifications import Bucket, Digest, Event, EventKind, collapse_burst
from tests.notifications import SHANGHAI, dm, group, local, mention, message, reminder, urgent

MORNING = local(SHANGHAI, "2026-03-10 09:00")  # the digest goes out as working hours begin
NIGHT = local(SHANGHAI, "2026-03-09 22:00")


def the_night() -> list[Event]:
    """14 messages in 3 chats (2 of them mention me), and a task due this afternoon."""
    events = [group(NIGHT + timedelta(minutes=i), number=i) for i in range(8)]
    events += [mention(NIGHT + timedelta(minutes=20), number=20), mention(NIGHT + timedelta(minutes=21), number=21)]
    events += [group(NIGHT + timedelta(minutes=30 + i), number=30 + i, conversation="g-ops") for i in range(2)]
    events += [dm(NIGHT + timedelta(minutes=40 + i), number=40 + i) for i in range(2)]
    events.append(reminder(EventKind.TASK_DUE_24H, local(SHANGHAI, "2026-03-10 17:00"), NIGHT, task="t-report"))
    return events


def test_the_example_from_the_issue_in_english() -> None:
    digest = Digest.build(the_night(), MORNING, "en")
    assert digest.text == "While you were away: 14 messages in 3 chats, 2 mentions, 1 task due today"
    assert digest.total == 15
    assert digest.counts == {Bucket.MESSAGES: 14, Bucket.TASKS_DUE_TODAY: 1}


def test_the_example_from_the_issue_in_chinese() -> None:
    assert Digest.build(the_night(), MORNING, "zh-CN").text == (
        "你离开期间：3 个会话中有 14 条消息，2 次提到你，1 个任务今天到期")


def test_per_conversation_counts_busiest_first() -> None:
    digest = Digest.build(the_night(), MORNING, "en")
    assert [(c.conversation_id, c.messages, c.mentions) for c in digest.conversations] == [
        ("g-team", 10, 2), ("dm-li", 2, 0), ("g-ops", 2, 0)]
    assert digest.conversations[0].text("en") == "g-team: 10 messages, 2 mentions"
    assert digest.conversations[0].text("zh") == "g-team：10 条消息，2 次提到你"
    assert digest.conversations[1].text("en") == "dm-li: 2 messages"


@pytest.mark.parametrize(("events", "english", "chinese"), [
    pytest.param([dm(NIGHT)], "1 message in 1 chat", "1 个会话中有 1 条消息", id="one-message"),
    pytest.param([dm(NIGHT, number=1), dm(NIGHT, number=2)], "2 messages in 1 chat", "1 个会话中有 2 条消息",
                 id="two-messages-one-chat"),
    pytest.param([mention(NIGHT)], "1 message in 1 chat, 1 mention", "1 个会话中有 1 条消息，1 次提到你",
                 id="one-mention"),
    pytest.param([urgent(NIGHT, number=1), urgent(NIGHT, number=2)],
                 "2 messages in 1 chat, 2 urgent messages", "1 个会话中有 2 条消息，2 条紧急消息", id="urgent"),
    pytest.param([message(EventKind.IMPORTANT_MESSAGE, NIGHT)], "1 message in 1 chat, 1 important message",
                 "1 个会话中有 1 条消息，1 条重要消息", id="important"),
    pytest.param([reminder(EventKind.TASK_DUE_2H, MORNING - timedelta(hours=1), NIGHT)], "1 overdue task",
                 "1 个任务已逾期", id="reminder-overdue-by-morning"),
    pytest.param([reminder(EventKind.TASK_OVERDUE, NIGHT, NIGHT, task="a"),
                  reminder(EventKind.TASK_OVERDUE, NIGHT, NIGHT, task="b")], "2 overdue tasks", "2 个任务已逾期",
                 id="two-overdue"),
    pytest.param([reminder(EventKind.TASK_DUE_24H, MORNING + timedelta(days=1), NIGHT)], "1 task due soon",
                 "1 个任务即将到期", id="due-tomorrow"),
    pytest.param([Event.task_assigned("t1", "c1", NIGHT), Event.task_assigned("t2", "c2", NIGHT)],
                 "2 new tasks for you", "2 个新任务分配给你", id="assigned"),
    pytest.param([Event.article(EventKind.REVIEW_WAITING, "a1", "r1", NIGHT)], "1 article to review",
                 "1 篇文章等你审阅", id="review"),
    pytest.param([Event.article(EventKind.ARTICLE_APPROVED, "a1", "r1", NIGHT),
                  Event.article(EventKind.ARTICLE_SENT_BACK, "a2", "r1", NIGHT)],
                 "1 article approved, 1 article sent back", "1 篇文章已通过审核，1 篇文章被退回", id="reviewed"),
    pytest.param([Event.milestone("first-message", NIGHT), Event.milestone("first-task", NIGHT)],
                 "2 milestones reached", "达成 2 个成长里程碑", id="milestones"),
    pytest.param([dm(NIGHT), Event.account_notice("n1", NIGHT)], "1 message in 1 chat, 1 notice about your account",
                 "1 个会话中有 1 条消息，1 条账号安全提醒", id="account-notice"),
])
def test_wording_and_plurals(events: list[Event], english: str, chinese: str) -> None:
    assert Digest.build(events, MORNING, "en").text == "While you were away: " + english
    assert Digest.build(events, MORNING, "zh").text == "你离开期间：" + chinese


def test_an_empty_digest_is_falsy_and_still_says_something() -> None:
    digest = Digest.build([], MORNING, "en")
    assert not digest and digest.total == 0
    assert digest.text == "Nothing new while you were away"
    assert Digest.build([], MORNING, "zh").text == "你离开期间没有新动态"


def test_an_event_held_twice_is_counted_once() -> None:
    events = the_night()
    assert Digest.build(events + events[:5], MORNING, "en") == Digest.build(events, MORNING, "en")


def test_due_today_is_judged_in_the_persons_zone() -> None:
    # Due 06:00 tomorrow in Shanghai is 22:00 today in UTC.
    early_tomorrow = reminder(EventKind.TASK_DUE_24H, local(SHANGHAI, "2026-03-11 06:00"), NIGHT)
    assert Digest.build([early_tomorrow], MORNING, "en").counts == {Bucket.TASKS_DUE_SOON: 1}
    utc_morning = MORNING.astimezone(local("UTC", "2026-01-01").tzinfo)  # 01:00 UTC, the same instant
    assert Digest.build([early_tomorrow], utc_morning, "en").counts == {Bucket.TASKS_DUE_TODAY: 1}
    assert Digest.build([early_tomorrow], utc_morning, "en", zone=MORNING.tzinfo).counts == {Bucket.TASKS_DUE_SOON: 1}


def test_languages() -> None:
    assert Digest.build([dm(NIGHT)], MORNING, "en-GB").language == "en"
    assert Digest.build([dm(NIGHT)], MORNING, "zh_Hans").language == "zh"
    with pytest.raises(ValueError, match="use en or zh"):
        Digest.build([dm(NIGHT)], MORNING, "fr")
    with pytest.raises(ValueError, match="time zone"):
        Digest.build([dm(NIGHT)], MORNING.replace(tzinfo=None), "en")


# -- bursts -----------------------------------------------------------------------------------------------------


def test_a_burst_is_one_notification_per_conversation() -> None:
    burst = [group(NIGHT + timedelta(seconds=i), number=i) for i in range(50)]
    burst += [dm(NIGHT + timedelta(seconds=i), number=100 + i) for i in range(3)]
    bursts = collapse_burst(burst)
    assert [(b.key, b.count) for b in bursts] == [("conversation:dm-li", 3), ("conversation:g-team", 50)]
    assert bursts[1].event.id == "message:m49"  # nothing stands out, so the latest
    assert bursts[1].more("en") == "+49 more"
    assert bursts[1].more("zh") == "还有 49 条"
    assert sorted(i for b in bursts for i in b.event_ids) == sorted(e.id for e in burst)


def test_the_most_pressing_event_speaks_for_its_burst() -> None:
    bursts = collapse_burst([group(NIGHT, number=1), mention(NIGHT, number=2), urgent(NIGHT, number=3),
                             group(NIGHT + timedelta(minutes=1), number=4)])
    assert len(bursts) == 1
    assert bursts[0].event.kind is EventKind.URGENT_MESSAGE


def test_a_single_event_is_its_own_burst() -> None:
    [only] = collapse_burst([dm(NIGHT), dm(NIGHT)])  # the same event twice (a resync) is still one
    assert only.count == 1 and only.more("en") == ""


def test_events_outside_conversations_collapse_by_kind() -> None:
    assigned = [Event.task_assigned(f"t{i}", "c", NIGHT) for i in range(20)]
    bursts = collapse_burst([*assigned, Event.milestone("first-task", NIGHT)])
    assert [(b.key, b.count) for b in bursts] == [("kind:milestone_reached", 1), ("kind:task_assigned", 20)]
    assert collapse_burst([]) == []
