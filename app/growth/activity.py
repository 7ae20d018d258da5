"""What a person did, as growth activity: the event type and its derivation from the local store's rows.

`activity_from_rows` is pure: it takes plain dicts shaped like the store's rows (the server has the same
columns) and returns the person's activity, oldest first. Points and milestones are computed from this list
by `app.growth.rules.compute`, never stored, so a refused or deleted action simply stops counting.

Anti-farming starts here: a deleted message or task and a refused (`_state = 'rejected'`) row is no activity
at all (create-then-delete earns nothing); likes and favorites of one's own article, replies to oneself and
a task "done for someone else" that one created oneself are not emitted. Message text is reduced to a
`text_weight` that the rules compare with the definition's threshold, so "ok", "1" and "👍" earn nothing.
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from app.hlc import Timestamp

Row = Mapping[str, Any]

# Activity kinds: the vocabulary that point rules and milestone conditions count (see resources/growth/map.toml).
LOGIN = "login"
MESSAGE_SENT = "message_sent"
GROUP_MESSAGE_SENT = "group_message_sent"
GROUP_REPLY = "group_reply"
MENTION_SENT = "mention_sent"
MENTION_ANSWERED = "mention_answered"
IMPORTANT_MESSAGE_SENT = "important_message_sent"
GROUP_CREATED = "group_created"
TASK_CREATED = "task_created"
TASK_ASSIGNED_TO_OTHER = "task_assigned_to_other"
TASK_COMPLETED = "task_completed"
TASK_COMPLETED_FOR_OTHER = "task_completed_for_other"
TASK_COMPLETED_FOR_OTHER_DEPARTMENT = "task_completed_for_other_department"
SPACE_CREATED = "space_created"
ARTICLE_PUBLISHED = "article_published"
ARTICLE_REVIEWED = "article_reviewed"
ARTICLE_LIKED = "article_liked"
ARTICLE_LIKE_RECEIVED = "article_like_received"
ARTICLE_FAVORITED = "article_favorited"
CROSS_DEPARTMENT_COLLABORATION = "cross_department_collaboration"

KINDS: dict[str, str] = {
    LOGIN: "signed in (from the sign-in log, when the caller has one)",
    MESSAGE_SENT: "a message that is not trivial, in any conversation",
    GROUP_MESSAGE_SENT: "such a message in a group or department chat (valid content)",
    GROUP_REPLY: "such a message replying to someone else's message in a group or department chat",
    MENTION_SENT: "such a message @mentioning someone else",
    MENTION_ANSWERED: "a reply, or a message in the same chat within a day, after someone @mentioned the person",
    IMPORTANT_MESSAGE_SENT: "such a message marked important (read receipts)",
    GROUP_CREATED: "a group chat created",
    TASK_CREATED: "a task created and not deleted",
    TASK_ASSIGNED_TO_OTHER: "a task created and owned by someone else",
    TASK_COMPLETED: "a task the person moved to done and that is still done",
    TASK_COMPLETED_FOR_OTHER: "such a task created by someone else",
    TASK_COMPLETED_FOR_OTHER_DEPARTMENT: "such a task created by someone in another department",
    SPACE_CREATED: "a project space created",
    ARTICLE_PUBLISHED: "an article of the person's that passed review",
    ARTICLE_REVIEWED: "someone else's article the person reviewed (published or sent back)",
    ARTICLE_LIKED: "someone else's article the person likes",
    ARTICLE_LIKE_RECEIVED: "someone else likes the person's article",
    ARTICLE_FAVORITED: "someone else's article in the person's favorites",
    CROSS_DEPARTMENT_COLLABORATION: "a group reply, completed task or review with someone of another department",
}

GROUP_CONVERSATION_KINDS = frozenset({"group", "department"})
MENTION_ANSWER_WINDOW = timedelta(days=1)
_DONE = "done"
_WHOLE_TASK = "*"  # task_history rows about the whole task (created, deleted) use this field name
_MENTION_RE = re.compile(r"@\S+")
_URL_RE = re.compile(r"https?://\S+")


@dataclass(frozen=True, slots=True)
class Activity:
    """One thing that counts for a person's growth.

    `actor` is the person whose growth it is (for a like received, the article's author). `id` identifies the
    event within its kind, so a row synced twice counts once. `counterpart` is the other person involved, if
    any; `subject` what was acted on (a conversation, task or article). `text_weight` is None when the kind
    carries no text of the person's own.
    """

    kind: str
    at: datetime  # aware
    actor: str
    id: str
    subject: str | None = None
    counterpart: str | None = None
    department: str | None = None
    counterpart_department: str | None = None
    text_weight: int | None = None
    # Seconds since the epoch, worked out once here: turning `at` into local days is the hot step of compute.
    epoch: float = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            raise ValueError(f"activity {self.kind} {self.id}: the time {self.at} has no time zone")
        object.__setattr__(self, "epoch", self.at.timestamp())


def text_weight(text: str) -> int:
    """How much a text says: each different letter or digit counts 1 and each different CJK character 2.

    Repeats do not count (so "哈哈哈哈" and "aaaaaaa" weigh little), nor do emoji, punctuation, @mentions or
    links. Case is ignored.
    """
    text = _URL_RE.sub(" ", _MENTION_RE.sub(" ", text)).casefold() if "@" in text or "://" in text else text.casefold()
    weight = 0
    for ch in set(text):
        category = unicodedata.category(ch)
        if category[0] in "LN":
            weight += 2 if category == "Lo" and unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return weight


def parse_instant(value: object) -> datetime | None:
    """A row's time as an aware datetime: ISO text (naive means UTC, as the server writes UTC), a clock
    reading (pending rows have no server time yet), or a datetime. None when there is none."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if not isinstance(value, str):
        raise TypeError(f"not a time: {value!r}")
    if value[15:16] == "-" and value[:15].isdigit():
        return datetime.fromtimestamp(Timestamp.parse(value).millis / 1000, UTC)
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def activity_from_rows(
    person_id: str,
    *,
    people: Iterable[Row] = (),
    conversations: Iterable[Row] = (),
    messages: Iterable[Row] = (),
    tasks: Iterable[Row] = (),
    task_history: Iterable[Row] = (),
    articles: Iterable[Row] = (),
    article_likes: Iterable[Row] = (),
    favorites: Iterable[Row] = (),
    spaces: Iterable[Row] = (),
    logins: Iterable[object] = (),
) -> list[Activity]:
    """The person's activity from store-shaped rows, oldest first (ties by kind and id)."""
    departments = {str(p["id"]): p.get("department_id") for p in people}
    builder = _Builder(person_id, departments)
    builder.logins(logins)
    conversation_kinds = builder.conversations(conversations)
    builder.messages(messages, conversation_kinds)
    builder.spaces(spaces)
    builder.tasks(tasks, task_history)
    builder.articles(articles, article_likes, favorites)
    return sorted(builder.out, key=lambda a: (a.at, a.kind, a.id))


class _Builder:
    """Collects one person's activity; one method per source table."""

    def __init__(self, person_id: str, departments: dict[str, str | None]) -> None:
        self.person = person_id
        self.departments = departments
        self.department = departments.get(person_id)
        self.out: list[Activity] = []

    def emit(
        self,
        kind: str,
        at: datetime,
        id: str,
        subject: str | None = None,
        counterpart: str | None = None,
        text: int | None = None,
    ) -> None:
        self.out.append(
            Activity(
                kind,
                at,
                self.person,
                id,
                subject,
                counterpart,
                self.department,
                self.departments.get(counterpart) if counterpart is not None else None,
                text,
            )
        )

    def other_department(self, counterpart: str | None) -> bool:
        # Unknown departments never count as different: a missing people row must not hand out points.
        if counterpart is None or self.department is None:
            return False
        theirs = self.departments.get(counterpart)
        return theirs is not None and theirs != self.department

    def logins(self, logins: Iterable[object]) -> None:
        for value in logins:
            at = parse_instant(value)
            if at is not None:
                self.emit(LOGIN, at, at.isoformat())

    def conversations(self, rows: Iterable[Row]) -> dict[str, str]:
        kinds: dict[str, str] = {}
        for row in rows:
            if _refused(row):
                continue
            kinds[str(row["id"])] = str(row.get("kind") or "")
            at = parse_instant(row.get("created_at"))
            if row.get("kind") == "group" and row.get("created_by") == self.person and at is not None:
                self.emit(GROUP_CREATED, at, str(row["id"]), subject=str(row["id"]))
        return kinds

    def messages(self, rows: Iterable[Row], conversation_kinds: dict[str, str]) -> None:
        live: dict[str, tuple[Row, datetime]] = {}
        for row in rows:
            at = parse_instant(row.get("sent_at")) or parse_instant(row.get("created_hlc"))
            if at is None or row.get("deleted") or _refused(row):
                continue  # a deleted message was never activity
            live[str(row["id"])] = (row, at)

        # The person's valid messages per conversation, by time, to find the answer to a mention.
        mine: dict[str, list[tuple[datetime, str]]] = {}
        replies_to: dict[str, list[tuple[datetime, str]]] = {}
        for message_id, (row, at) in live.items():
            if row.get("author_id") != self.person:
                continue
            weight = text_weight(str(row.get("body") or ""))
            conversation = str(row.get("conversation_id"))
            in_group = conversation_kinds.get(conversation) in GROUP_CONVERSATION_KINDS
            self.emit(MESSAGE_SENT, at, message_id, subject=conversation, text=weight)
            if in_group:
                self.emit(GROUP_MESSAGE_SENT, at, message_id, subject=conversation, text=weight)
            if row.get("important"):
                self.emit(IMPORTANT_MESSAGE_SENT, at, message_id, subject=conversation, text=weight)
            others = sorted(set(_json_list(row.get("mentions"))) - {self.person})
            if others:
                self.emit(MENTION_SENT, at, message_id, subject=conversation, counterpart=others[0], text=weight)
            reply_to = row.get("reply_to")
            replied = live.get(str(reply_to)) if reply_to else None
            replied_author = str(replied[0].get("author_id")) if replied else None
            if in_group and reply_to and replied_author != self.person:
                self.emit(GROUP_REPLY, at, message_id, subject=conversation, counterpart=replied_author, text=weight)
                if self.other_department(replied_author):
                    self.emit(
                        CROSS_DEPARTMENT_COLLABORATION,
                        at,
                        f"reply:{message_id}",
                        subject=conversation,
                        counterpart=replied_author,
                        text=weight,
                    )
            # Trivial answers are left out here already: "ok" must not count as having answered a mention.
            if weight >= _MIN_ANSWER_WEIGHT:
                mine.setdefault(conversation, []).append((at, message_id))
                if reply_to:
                    replies_to.setdefault(str(reply_to), []).append((at, message_id))
        for times in mine.values():
            times.sort()

        for message_id, (row, at) in live.items():
            author = row.get("author_id")
            if author == self.person or self.person not in _json_list(row.get("mentions")):
                continue
            conversation = str(row.get("conversation_id"))
            answer = min(replies_to.get(message_id, ()), default=None)
            if answer is None:
                times = mine.get(conversation, [])
                i = bisect_right(times, (at, "\uffff"))
                if i < len(times) and times[i][0] - at <= MENTION_ANSWER_WINDOW:
                    answer = times[i]
            if answer is not None:
                self.emit(MENTION_ANSWERED, answer[0], message_id, subject=conversation, counterpart=str(author))

    def spaces(self, rows: Iterable[Row]) -> None:
        for row in rows:
            at = parse_instant(row.get("created_at"))
            if row.get("kind") == "project" and row.get("created_by") == self.person and at and not _refused(row):
                self.emit(SPACE_CREATED, at, str(row["id"]), subject=str(row["id"]))

    def tasks(self, rows: Iterable[Row], history: Iterable[Row]) -> None:
        # The last applied status change of each task says who moved it to where it is now.
        last_status: dict[str, tuple[datetime, str, str | None, object]] = {}
        created_at: dict[str, datetime] = {}
        for entry in history:
            outcome = entry.get("outcome")
            at = parse_instant(entry.get("at"))
            if at is None:
                continue
            task_id = str(entry.get("task_id"))
            field = entry.get("field")
            value = _json_value(entry.get("new_value"))
            if field == _WHOLE_TASK and outcome == "created":
                created_at[task_id] = min(at, created_at.get(task_id, at))
                status = value.get("status") if isinstance(value, dict) else None
            elif field == "status" and outcome == "applied":
                status = value
            else:
                continue
            if status is None:
                continue
            candidate = (at, str(entry.get("id")), entry.get("actor_id"), status)
            if task_id not in last_status or candidate[:2] > last_status[task_id][:2]:
                last_status[task_id] = candidate

        for row in rows:
            if row.get("deleted") or _refused(row):
                continue  # create-then-delete earns nothing
            task_id = str(row["id"])
            creator = row.get("created_by")
            owner = row.get("owner_id")
            created = parse_instant(row.get("created_at")) or created_at.get(task_id)
            if creator == self.person and created is not None:
                self.emit(TASK_CREATED, created, task_id, subject=task_id)
                if owner and owner != self.person:
                    self.emit(TASK_ASSIGNED_TO_OTHER, created, task_id, subject=task_id, counterpart=str(owner))
            if row.get("status") != _DONE:
                continue  # reopened tasks are not done any more
            last = last_status.get(task_id)
            if last is not None and last[3] == _DONE:
                completed_at, completer = last[0], last[2]
            else:
                # No history of the change (older data): the owner finished it when it was last updated.
                completed_at = parse_instant(row.get("updated_at")) or created
                completer = owner or creator
            if completer != self.person or completed_at is None:
                continue
            self.emit(TASK_COMPLETED, completed_at, task_id, subject=task_id)
            if creator and creator != self.person:
                self.emit(TASK_COMPLETED_FOR_OTHER, completed_at, task_id, subject=task_id, counterpart=str(creator))
                if self.other_department(str(creator)):
                    for kind, event in (
                        (TASK_COMPLETED_FOR_OTHER_DEPARTMENT, task_id),
                        (CROSS_DEPARTMENT_COLLABORATION, f"task:{task_id}"),
                    ):
                        self.emit(kind, completed_at, event, subject=task_id, counterpart=str(creator))

    def articles(self, rows: Iterable[Row], likes: Iterable[Row], favorites: Iterable[Row]) -> None:
        authors: dict[str, str] = {}
        for row in rows:
            if _refused(row):
                continue
            article_id = str(row["id"])
            author = str(row.get("author_id"))
            authors[article_id] = author
            published = row.get("status") == "published"
            if author == self.person and published and (at := parse_instant(row.get("published_at"))):
                self.emit(ARTICLE_PUBLISHED, at, article_id, subject=article_id)
            reviewer = row.get("reviewer_id")
            reviewed_at = parse_instant(row.get("published_at") if published else row.get("updated_at"))
            if reviewer == self.person and author != self.person and reviewed_at is not None:
                self.emit(ARTICLE_REVIEWED, reviewed_at, article_id, subject=article_id, counterpart=author)
                if self.other_department(author):
                    self.emit(
                        CROSS_DEPARTMENT_COLLABORATION,
                        reviewed_at,
                        f"review:{article_id}",
                        subject=article_id,
                        counterpart=author,
                    )
        for row in likes:
            article_id = str(row.get("article_id"))
            liker = str(row.get("user_id"))
            author = authors.get(article_id)
            at = parse_instant(row.get("hlc"))
            if not row.get("present") or author is None or liker == author or at is None:
                continue  # self-likes and withdrawn likes earn nothing
            if author == self.person:
                self.emit(ARTICLE_LIKE_RECEIVED, at, f"{article_id}:{liker}", subject=article_id, counterpart=liker)
            elif liker == self.person:
                self.emit(ARTICLE_LIKED, at, article_id, subject=article_id, counterpart=author)
        for row in favorites:
            article_id = str(row.get("article_id"))
            author = authors.get(article_id)
            at = parse_instant(row.get("hlc"))
            if row.get("user_id") != self.person or not row.get("present") or author == self.person or at is None:
                continue
            self.emit(ARTICLE_FAVORITED, at, article_id, subject=article_id, counterpart=author)


# An answer to a mention needs a few words ("ok" is not an answer) but may be shorter than content that earns
# points ("好的，马上"); fixed here because whether a mention was answered is a fact about the chat, not a score.
_MIN_ANSWER_WEIGHT = 6


def _refused(row: Row) -> bool:
    # Rows the server refused are shown to the person to retry or discard, but were never done.
    return row.get("_state") == "rejected"


def _json_list(value: object) -> list[str]:
    if isinstance(value, str):
        value = json.loads(value) if value else []
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _json_value(value: object) -> object:
    # Rows read with the store's decode_row carry decoded values; raw SQLite rows carry JSON text.
    if isinstance(value, str) and (value[:1] in ('"', "{", "[") or value in ("null", "true", "false")):
        try:
            return json.loads(str(value))
        except ValueError:
            return value
    return value
