"""The "while you were away" digest of held events, and collapsing a burst to one notification per conversation.

When quiet time, a pause or presenting mode ends (see `policy.quiet_period_ended`), or the app is back online,
the notifier shows one digest instead of replaying what it held: "While you were away: 14 messages in 3 chats,
2 mentions, 1 task due today". Counts are by event id, so an event held twice (a resync) is counted once.

Mentions, important and urgent messages are messages too: they are counted in "14 messages" and then called
out ("2 mentions"), the way chat clients show unread and mention counts. Every held event lands in exactly one
`Bucket`, so nothing held is ever missing from the summary.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, tzinfo
from enum import StrEnum

from .events import Event, EventKind


class Bucket(StrEnum):
    """Where a held event is counted; each event in exactly one."""

    MESSAGES = "messages"
    TASKS_DUE_TODAY = "tasks_due_today"
    TASKS_OVERDUE = "tasks_overdue"
    TASKS_DUE_SOON = "tasks_due_soon"  # due after today
    TASKS_ASSIGNED = "tasks_assigned"
    REVIEWS = "reviews"
    ARTICLES_APPROVED = "articles_approved"
    ARTICLES_SENT_BACK = "articles_sent_back"
    MILESTONES = "milestones"
    NOTICES = "notices"  # about my account (failed sign-ins)


# (English singular, English plural, Chinese) per bucket or call-out; {n} is the count.
_PHRASES: dict[str, tuple[str, str, str]] = {
    "mentions": ("{n} mention", "{n} mentions", "{n} 次提到你"),
    "important": ("{n} important message", "{n} important messages", "{n} 条重要消息"),
    "urgent": ("{n} urgent message", "{n} urgent messages", "{n} 条紧急消息"),
    Bucket.TASKS_DUE_TODAY: ("{n} task due today", "{n} tasks due today", "{n} 个任务今天到期"),
    Bucket.TASKS_OVERDUE: ("{n} overdue task", "{n} overdue tasks", "{n} 个任务已逾期"),
    Bucket.TASKS_DUE_SOON: ("{n} task due soon", "{n} tasks due soon", "{n} 个任务即将到期"),
    Bucket.TASKS_ASSIGNED: ("{n} new task for you", "{n} new tasks for you", "{n} 个新任务分配给你"),
    Bucket.REVIEWS: ("{n} article to review", "{n} articles to review", "{n} 篇文章等你审阅"),
    Bucket.ARTICLES_APPROVED: ("{n} article approved", "{n} articles approved", "{n} 篇文章已通过审核"),
    Bucket.ARTICLES_SENT_BACK: ("{n} article sent back", "{n} articles sent back", "{n} 篇文章被退回"),
    Bucket.MILESTONES: ("{n} milestone reached", "{n} milestones reached", "达成 {n} 个成长里程碑"),
    Bucket.NOTICES: ("{n} notice about your account", "{n} notices about your account", "{n} 条账号安全提醒"),
}
_ORDER = (Bucket.NOTICES, "mentions", "important", "urgent", Bucket.TASKS_DUE_TODAY, Bucket.TASKS_OVERDUE,
          Bucket.TASKS_DUE_SOON, Bucket.TASKS_ASSIGNED, Bucket.REVIEWS, Bucket.ARTICLES_APPROVED,
          Bucket.ARTICLES_SENT_BACK, Bucket.MILESTONES)
_HEADER = {"en": "While you were away: ", "zh": "你离开期间："}
_EMPTY = {"en": "Nothing new while you were away", "zh": "你离开期间没有新动态"}
_SEPARATOR = {"en": ", ", "zh": "，"}
_KIND_BUCKET = {
    EventKind.TASK_ASSIGNED: Bucket.TASKS_ASSIGNED,
    EventKind.TASK_OVERDUE: Bucket.TASKS_OVERDUE,
    EventKind.REVIEW_WAITING: Bucket.REVIEWS,
    EventKind.ARTICLE_APPROVED: Bucket.ARTICLES_APPROVED,
    EventKind.ARTICLE_SENT_BACK: Bucket.ARTICLES_SENT_BACK,
    EventKind.MILESTONE_REACHED: Bucket.MILESTONES,
    EventKind.ACCOUNT_NOTICE: Bucket.NOTICES,
}
# Most pressing first: the event a collapsed burst shows is the one the person most needs to see.
_RANK = {EventKind.URGENT_MESSAGE: 0, EventKind.IMPORTANT_MESSAGE: 1, EventKind.MENTION: 2,
         EventKind.TASK_DUE_2H: 3, EventKind.DIRECT_MESSAGE: 4}


def language_code(language: str) -> str:
    """'en' or 'zh' from a language tag such as 'en-GB' or 'zh_CN'; anything else is refused."""
    tag = language.strip().lower() if isinstance(language, str) else ""
    for code in ("en", "zh"):
        if tag == code or tag.startswith((code + "-", code + "_")):
            return code
    raise ValueError(f"{language!r} is not a language notifications speak; use en or zh.")


def _say(key: str, n: int, language: str) -> str:
    one, many, chinese = _PHRASES[key]
    if language == "zh":
        return chinese.format(n=n)
    return (one if n == 1 else many).format(n=n)


def _messages(count: int, chats: int, language: str) -> str:
    if language == "zh":
        return f"{chats} 个会话中有 {count} 条消息"
    return f"{count} {'message' if count == 1 else 'messages'} in {chats} {'chat' if chats == 1 else 'chats'}"


def _unique(events: Iterable[Event]) -> list[Event]:
    # The same event held twice (a resync, a restart) is one event; keep the first, order by time then id.
    seen: dict[str, Event] = {}
    for event in events:
        seen.setdefault(event.id, event)
    return sorted(seen.values(), key=lambda e: (e.at, e.id))


@dataclass(frozen=True)
class ConversationCount:
    conversation_id: str
    title: str  # the title carried by the conversation's latest held message
    messages: int
    mentions: int  # of which mention me, are important or urgent

    def text(self, language: str) -> str:
        """'Design team: 5 messages, 1 mention' / 'Design team：5 条消息，1 次提到你'."""
        code = language_code(language)
        count = f"{self.messages} 条消息" if code == "zh" else f"{self.messages} message{'s' * (self.messages != 1)}"
        parts = [count] + ([_say("mentions", self.mentions, code)] if self.mentions else [])
        return f"{self.title or self.conversation_id}{'：' if code == 'zh' else ': '}{_SEPARATOR[code].join(parts)}"


@dataclass(frozen=True)
class Digest:
    """A summary of held events; `text` is the one line a notification shows, the rest is for the centre."""

    language: str
    event_ids: tuple[str, ...]  # every held event once, oldest first
    counts: dict[Bucket, int]  # how many events each bucket holds (buckets with none are absent)
    conversations: tuple[ConversationCount, ...]  # busiest first
    mentions: int
    important: int
    urgent: int
    text: str

    def __bool__(self) -> bool:
        return bool(self.event_ids)

    @property
    def total(self) -> int:
        return len(self.event_ids)

    @classmethod
    def build(cls, held_events: Iterable[Event], now: datetime, language: str, *, zone: tzinfo | None = None) -> Digest:
        """The digest of `held_events` at `now`. "Due today" is judged in `zone` (default: `now`'s own zone, so
        pass `now` in the person's zone or give the zone)."""
        code = language_code(language)
        if now.tzinfo is None or now.utcoffset() is None:
            raise ValueError("A digest needs the current time with a time zone.")
        local_now = now.astimezone(zone or now.tzinfo)
        events = _unique(held_events)
        counts: Counter[Bucket] = Counter()
        per_chat: dict[str, list[Event]] = {}
        for event in events:
            bucket = _bucket(event, local_now)
            counts[bucket] += 1
            if bucket is Bucket.MESSAGES:
                assert event.conversation_id is not None  # Event refuses messages without a conversation
                per_chat.setdefault(event.conversation_id, []).append(event)
        called_out = Counter(e.kind for e in events)
        conversations = tuple(sorted(
            (ConversationCount(cid, chat[-1].title, len(chat),
                               sum(e.kind in _CALLED_OUT for e in chat)) for cid, chat in per_chat.items()),
            key=lambda c: (-c.messages, c.conversation_id),
        ))
        extra = {"mentions": called_out[EventKind.MENTION], "important": called_out[EventKind.IMPORTANT_MESSAGE],
                 "urgent": called_out[EventKind.URGENT_MESSAGE], **counts}
        parts = [_messages(counts[Bucket.MESSAGES], len(per_chat), code)] if counts[Bucket.MESSAGES] else []
        parts += [_say(key, extra[key], code) for key in _ORDER if extra.get(key)]
        text = _HEADER[code] + _SEPARATOR[code].join(parts) if parts else _EMPTY[code]
        return cls(code, tuple(e.id for e in events), {b: n for b, n in counts.items() if n}, conversations,
                   extra["mentions"], extra["important"], extra["urgent"], text)


_CALLED_OUT = frozenset({EventKind.MENTION, EventKind.IMPORTANT_MESSAGE, EventKind.URGENT_MESSAGE})


def _bucket(event: Event, local_now: datetime) -> Bucket:
    if event.is_message:
        return Bucket.MESSAGES
    if event.kind in (EventKind.TASK_DUE_24H, EventKind.TASK_DUE_2H):
        # Judged when the digest is built, not when the reminder fired: by morning, last night's "due in 2 h"
        # may well be overdue.
        assert event.due is not None  # Event refuses reminders without a due time
        if event.due <= local_now:
            return Bucket.TASKS_OVERDUE
        if event.due.astimezone(local_now.tzinfo).date() == local_now.date():
            return Bucket.TASKS_DUE_TODAY
        return Bucket.TASKS_DUE_SOON
    return _KIND_BUCKET[event.kind]


@dataclass(frozen=True)
class Burst:
    """One notification standing for several events that arrived together."""

    key: str  # the conversation, or the kind of event for those not in a conversation
    event: Event  # the one to show: the most pressing, then the latest
    event_ids: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.event_ids)

    def more(self, language: str) -> str:
        """What to add under the shown event: '' alone, else '+4 more' / '还有 4 条'."""
        code = language_code(language)
        if self.count == 1:
            return ""
        return f"还有 {self.count - 1} 条" if code == "zh" else f"+{self.count - 1} more"


def collapse_burst(events: Iterable[Event]) -> list[Burst]:
    """At most one notification per conversation for events that arrived together; events outside a
    conversation (tasks, reviews) collapse by kind, so assigning twenty tasks at once is one notification too.
    Ordered by the time of the event each shows."""
    groups: dict[str, list[Event]] = {}
    for event in _unique(events):
        key = f"conversation:{event.conversation_id}" if event.conversation_id else f"kind:{event.kind}"
        groups.setdefault(key, []).append(event)
    bursts = [
        Burst(key, min(group, key=lambda e: (_RANK.get(e.kind, 9), -e.at.timestamp(), e.id)),
              tuple(e.id for e in group))
        for key, group in groups.items()
    ]
    return sorted(bursts, key=lambda b: (b.event.at, b.key))
