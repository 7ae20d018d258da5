"""What can notify a person: the events the policy decides on, each with an id derived from what it is about.

The id is what makes "no event notifies twice" possible across restarts, resyncs and devices: the same message,
the same reminder for the same due time, the same review request always gets the same id, wherever and whenever
it is derived. Producers (sync, the local due-date scheduler) build events through the factories here rather
than inventing ids themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum


class EventKind(StrEnum):
    DIRECT_MESSAGE = "direct_message"
    GROUP_MESSAGE = "group_message"  # a message in a group or department chat that does not mention me
    MENTION = "mention"  # a message that @mentions me (anywhere)
    IMPORTANT_MESSAGE = "important_message"  # marked important, possibly asking me to acknowledge it
    URGENT_MESSAGE = "urgent_message"  # marked urgent by its sender, with a reason and within a daily quota
    TASK_ASSIGNED = "task_assigned"
    TASK_DUE_24H = "task_due_24h"
    TASK_DUE_2H = "task_due_2h"
    TASK_OVERDUE = "task_overdue"
    REVIEW_WAITING = "review_waiting"  # an article waits for my review
    ARTICLE_APPROVED = "article_approved"  # my article was approved
    ARTICLE_SENT_BACK = "article_sent_back"  # my article was sent back to me
    MILESTONE_REACHED = "milestone_reached"  # a node of my growth map
    ACCOUNT_NOTICE = "account_notice"  # the server tells me about my account (a burst of failed sign-ins)


MESSAGE_KINDS = frozenset({
    EventKind.DIRECT_MESSAGE, EventKind.GROUP_MESSAGE, EventKind.MENTION, EventKind.IMPORTANT_MESSAGE,
    EventKind.URGENT_MESSAGE,
})
TASK_KINDS = frozenset({EventKind.TASK_ASSIGNED, EventKind.TASK_DUE_24H, EventKind.TASK_DUE_2H, EventKind.TASK_OVERDUE})
DUE_KINDS = frozenset({EventKind.TASK_DUE_24H, EventKind.TASK_DUE_2H, EventKind.TASK_OVERDUE})
ARTICLE_KINDS = frozenset({EventKind.REVIEW_WAITING, EventKind.ARTICLE_APPROVED, EventKind.ARTICLE_SENT_BACK})
# Messages addressed to me in particular, as opposed to chatter I merely can read; mute and "mentions only"
# treat the two differently.
ADDRESSED_MESSAGE_KINDS = frozenset({EventKind.MENTION, EventKind.IMPORTANT_MESSAGE, EventKind.URGENT_MESSAGE})

_ID_PREFIX = {
    EventKind.TASK_ASSIGNED: "task-assigned",
    EventKind.TASK_DUE_24H: "task-due-24h",
    EventKind.TASK_DUE_2H: "task-due-2h",
    EventKind.TASK_OVERDUE: "task-overdue",
    EventKind.REVIEW_WAITING: "review-waiting",
    EventKind.ARTICLE_APPROVED: "article-approved",
    EventKind.ARTICLE_SENT_BACK: "article-sent-back",
}


def _instant_key(moment: datetime) -> str:
    # In UTC so that the same instant gives the same id whichever zone the producer happened to use.
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Event:
    """One thing that may notify the person; immutable, and equal to itself wherever it is derived.

    `subject_id` is what the event is about and what clicking it opens: the message, task, article or growth
    milestone. `title` is the headline a notification shows (the chat's, task's or article's title) and
    `preview` the text under it, which settings may hide.
    """

    id: str
    kind: EventKind
    at: datetime  # when it happened (a message's send time, a reminder's fire time); aware
    subject_id: str
    conversation_id: str | None = None
    space_id: str | None = None
    sender_id: str | None = None
    title: str = ""
    preview: str = ""
    urgent_reason: str | None = None
    due: datetime | None = None  # for task events with a due time; aware

    def __post_init__(self) -> None:
        # Accept the wire's plain strings for the kind, so events can be rebuilt from the notification history.
        try:
            object.__setattr__(self, "kind", EventKind(self.kind))
        except ValueError:
            raise ValueError(f"{self.kind!r} is not a kind of notification event.") from None
        if not self.id:
            raise ValueError("An event needs an id.")
        if not self.subject_id:
            raise ValueError(f"Event {self.id} does not say what it is about (no subject id).")
        if self.at.tzinfo is None or self.at.utcoffset() is None:
            raise ValueError(f"Event {self.id} has a time without a time zone.")
        if self.kind in MESSAGE_KINDS and not self.conversation_id:
            raise ValueError(f"Message event {self.id} does not name its conversation.")
        if self.kind is EventKind.URGENT_MESSAGE and not (self.urgent_reason and self.urgent_reason.strip()):
            raise ValueError(f"Urgent message event {self.id} has no reason; a sender must give one.")
        if self.kind in DUE_KINDS and self.due is None:
            raise ValueError(f"Reminder {self.id} does not say when the task is due.")
        if self.due is not None and (self.due.tzinfo is None or self.due.utcoffset() is None):
            raise ValueError(f"Event {self.id} has a due time without a time zone.")

    @property
    def opens(self) -> str:
        """What clicking it opens: message, task, article or growth (the map); "" for nothing but the centre."""
        if self.kind is EventKind.ACCOUNT_NOTICE:
            return ""
        if self.kind in TASK_KINDS:
            return "task"
        if self.kind in ARTICLE_KINDS:
            return "article"
        if self.kind is EventKind.MILESTONE_REACHED:
            return "growth"
        return "message"

    @property
    def is_message(self) -> bool:
        return self.kind in MESSAGE_KINDS

    @property
    def is_task(self) -> bool:
        return self.kind in TASK_KINDS

    @property
    def article_id(self) -> str | None:
        return self.subject_id if self.kind in ARTICLE_KINDS else None

    @property
    def task_id(self) -> str | None:
        return self.subject_id if self.kind in TASK_KINDS else None

    @property
    def message_id(self) -> str | None:
        return self.subject_id if self.kind in MESSAGE_KINDS else None

    # -- factories: the only places ids are made ------------------------------------------------------------

    @classmethod
    def message(
        cls, kind: EventKind | str, message_id: str, conversation_id: str, sender_id: str, at: datetime, *,
        title: str = "", preview: str = "", space_id: str | None = None, urgent_reason: str | None = None,
    ) -> Event:
        """A new message for me. One message is one event whatever its kind, so it can never notify twice
        (say once as a group message and again as a mention)."""
        kind = EventKind(kind)
        if kind not in MESSAGE_KINDS:
            raise ValueError(f"{kind} is not a kind of message event.")
        return cls(f"message:{message_id}", kind, at, message_id, conversation_id=conversation_id,
                   space_id=space_id, sender_id=sender_id, title=title, preview=preview, urgent_reason=urgent_reason)

    @classmethod
    def task_assigned(
        cls, task_id: str, assignment: str, at: datetime, *, title: str = "", space_id: str | None = None,
        sender_id: str | None = None, due: datetime | None = None,
    ) -> Event:
        """`assignment` names this assignment (the clock reading of the change that made me the owner), so
        being given the same task again after it went to someone else notifies again, and replays do not."""
        return cls(f"task-assigned:{task_id}:{assignment}", EventKind.TASK_ASSIGNED, at, task_id,
                   space_id=space_id, sender_id=sender_id, title=title, due=due)

    @classmethod
    def task_reminder(
        cls, kind: EventKind | str, task_id: str, due: datetime, at: datetime, *, title: str = "",
        space_id: str | None = None,
    ) -> Event:
        """A due-date reminder from the local scheduler; the due time is part of the id, so moving the due date
        gives a fresh reminder while a restart does not."""
        kind = EventKind(kind)
        if kind not in DUE_KINDS:
            raise ValueError(f"{kind} is not a kind of due-date reminder.")
        return cls(f"{_ID_PREFIX[kind]}:{task_id}:{_instant_key(due)}", kind, at, task_id, space_id=space_id,
                   title=title, due=due)

    @classmethod
    def article(
        cls, kind: EventKind | str, article_id: str, revision: str, at: datetime, *, title: str = "",
        space_id: str | None = None, sender_id: str | None = None, preview: str = "",
    ) -> Event:
        """A review request or a review outcome for one revision of an article: a revision sent back, fixed and
        submitted again is a new request."""
        kind = EventKind(kind)
        if kind not in ARTICLE_KINDS:
            raise ValueError(f"{kind} is not a kind of article event.")
        return cls(f"{_ID_PREFIX[kind]}:{article_id}:{revision}", kind, at, article_id, space_id=space_id,
                   sender_id=sender_id, title=title, preview=preview)

    @classmethod
    def ack_reminder(cls, original: Event, round_: int, at: datetime) -> Event:
        """The `round_`-th reminder (every few minutes) of an urgent message I have not acknowledged yet."""
        if original.kind is not EventKind.URGENT_MESSAGE:
            raise ValueError("Only urgent messages are reminded of.")
        return cls(f"ack-reminder:{original.subject_id}:{round_}", EventKind.URGENT_MESSAGE, at, original.subject_id,
                   conversation_id=original.conversation_id, sender_id=original.sender_id, title=original.title,
                   preview=original.preview, urgent_reason=original.urgent_reason)

    # -- stored form (the notification centre and held events survive a restart) ------------------------------

    def to_dict(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id, "kind": self.kind.value, "at": self.at.isoformat(), "subject_id": self.subject_id}
        for name in ("conversation_id", "space_id", "sender_id", "title", "preview", "urgent_reason"):
            value = getattr(self, name)
            if value:
                data[name] = value
        if self.due is not None:
            data["due"] = self.due.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Event:
        """An event from `to_dict`; ValueError (or KeyError/TypeError) for anything else."""
        def instant(name: str) -> datetime | None:
            value = data.get(name)
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        at = instant("at")
        if at is None:
            raise ValueError("a stored event without a time")
        text = {name: str(data[name]) for name in ("conversation_id", "space_id", "sender_id", "title", "preview",
                                                    "urgent_reason") if data.get(name)}
        return cls(str(data["id"]), EventKind(str(data["kind"])), at, str(data["subject_id"]), due=instant("due"),
                   **text)  # type: ignore[arg-type]

    @classmethod
    def account_notice(cls, notice_id: str, at: datetime, *, title: str = "", preview: str = "") -> Event:
        """A notice from the server about my account; each notice is one event."""
        return cls(f"notice:{notice_id}", EventKind.ACCOUNT_NOTICE, at, notice_id, title=title, preview=preview)

    @classmethod
    def milestone(cls, milestone_id: str, at: datetime, *, title: str = "") -> Event:
        """A node of my growth map; each is reached once."""
        return cls(f"milestone:{milestone_id}", EventKind.MILESTONE_REACHED, at, milestone_id, title=title)
