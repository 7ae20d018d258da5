"""The read queries the UI and the CLI need, as plain functions over the store's connection.

Each function takes a `sqlite3.Connection` (row_factory `sqlite3.Row`, as `Store.conn` has) and returns small
frozen dataclasses, never sqlite rows, so callers cannot write through them and views can compare them.
Queries that grow with the data use the indexes the schema makes for them: a chat's history pages by
`(conversation_id, seq)` and never with OFFSET, and unread counts stop counting at `UNREAD_CAP`.
Anything that depends on the date takes `today` as a parameter so results are the same in tests.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

UNREAD_CAP = 999  # unread counts above this show as "999+"; counting further would scan a long tail
STATUS_ORDER = {"todo": 0, "in_progress": 1, "in_review": 2, "done": 3}
_MESSAGE_STATES = {"synced": "sent", "pending": "pending", "rejected": "rejected"}
_PREVIEW_CHARS = 80


def _json_list(text: str | None) -> tuple[Any, ...]:
    return tuple(json.loads(text)) if text else ()


def hlc_time(hlc: str | None) -> str | None:
    """The wall time of a clock reading, in the same ISO form as the server's times (for ordering and display)."""
    if not hlc:
        return None
    try:
        millis = int(hlc.split("-", 1)[0])
    except ValueError:
        return None
    return datetime.fromtimestamp(millis / 1000, UTC).isoformat(timespec="milliseconds")


def _chunked(items: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    """Slices small enough for one `IN (...)` list (SQLite limits the number of parameters)."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _placeholders(items: Sequence[Any]) -> str:
    return ",".join("?" * len(items))


def parse_due(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None  # a malformed date from an old server is shown as none rather than failing the view


# --------------------------------------------------------------------------------------------- people


@dataclass(frozen=True)
class Person:
    id: str
    username: str
    display_name: str  # Chinese (the organisation's own) name
    display_name_en: str
    role: str  # employee | head | admin
    department_id: str | None
    active: bool

    def name(self, language: str = "zh") -> str:
        return display_name(self, language)


def display_name(person: Person | None, language: str = "zh", fallback: str = "") -> str:
    """The name to show: the English one for an English UI when there is one, else the Chinese one."""
    if person is None:
        return fallback
    if language.lower().startswith("en") and person.display_name_en:
        return person.display_name_en
    return person.display_name or person.display_name_en or person.username


def _person(row: sqlite3.Row) -> Person:
    return Person(row["id"], row["username"], row["display_name"], row["display_name_en"], row["role"],
                  row["department_id"], bool(row["active"]))


def people(conn: sqlite3.Connection, *, include_inactive: bool = False) -> list[Person]:
    where = "" if include_inactive else "WHERE active = 1"
    return [_person(r) for r in conn.execute(f"SELECT * FROM people {where} ORDER BY username")]


def person(conn: sqlite3.Connection, user_id: str) -> Person | None:
    row = conn.execute("SELECT * FROM people WHERE id = ?", (user_id,)).fetchone()
    return _person(row) if row else None


def person_by_username(conn: sqlite3.Connection, username: str) -> Person | None:
    # Usernames are stored lower-cased by the server; people type them any way.
    row = conn.execute("SELECT * FROM people WHERE username = ?", (username.strip().lstrip("@").lower(),)).fetchone()
    return _person(row) if row else None


def find_person(conn: sqlite3.Connection, name_or_id: str) -> Person | None:
    """A person named by username (with or without @) or by id."""
    return person_by_username(conn, name_or_id) or person(conn, name_or_id.strip())


def is_admin(conn: sqlite3.Connection, user_id: str) -> bool:
    me = person(conn, user_id)
    return me is not None and me.role == "admin"


def may_review(conn: sqlite3.Connection, user_id: str, author_id: str) -> bool:
    """The server's rule: admins review everyone's articles, department heads their department's; nobody their own."""
    if author_id == user_id:
        return False
    me = person(conn, user_id)
    if me is None:
        return False
    if me.role == "admin":
        return True
    author = person(conn, author_id)
    return (me.role == "head" and me.department_id is not None and author is not None
            and author.department_id == me.department_id)


def people_by_id(conn: sqlite3.Connection, ids: Iterable[str | None]) -> dict[str, Person]:
    wanted = sorted({i for i in ids if i})
    found: dict[str, Person] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for row in conn.execute(f"SELECT * FROM people WHERE id IN ({_placeholders(chunk)})", chunk):
            found[row["id"]] = _person(row)
    return found


# -------------------------------------------------------------------------------------- conversations


@dataclass(frozen=True)
class LastMessage:
    id: str
    author_id: str
    author_name: str
    preview: str  # the body on one line, cut to a preview length
    at: str | None  # sent_at, or the local clock's time for a message not sent yet
    state: str  # sent | pending | rejected
    deleted: bool


@dataclass(frozen=True)
class ConversationSummary:
    id: str
    kind: str  # direct | group | department
    title: str  # for a direct chat, the other person's name
    peer_id: str | None  # the other person of a direct chat
    last_message: LastMessage | None
    last_activity: str  # when the last message was written, or when the conversation was created
    read_seq: int
    unread: int  # at most UNREAD_CAP
    unread_more: bool  # more than UNREAD_CAP unread
    has_pending: bool
    has_rejected: bool
    state: str  # synced | pending (created here, not confirmed yet)


def _preview(body: str) -> str:
    flat = " ".join(body.split())
    return flat if len(flat) <= _PREVIEW_CHARS else flat[: _PREVIEW_CHARS - 1] + "…"


def read_seq(conn: sqlite3.Connection, conversation_id: str, user_id: str) -> int:
    row = conn.execute("SELECT seq FROM read_markers WHERE _id = ?", (f"{conversation_id}:{user_id}",)).fetchone()
    return int(row[0]) if row else 0


def latest_seq(conn: sqlite3.Connection, conversation_id: str) -> int:
    """The highest seq of the conversation's synced messages (0 for none), from the (conversation, seq) index."""
    row = conn.execute("SELECT MAX(seq) FROM messages WHERE conversation_id = ?", (conversation_id,)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def unread_count(conn: sqlite3.Connection, conversation_id: str, user_id: str, after_seq: int) -> int:
    """Others' messages with seq > after_seq, counted up to UNREAD_CAP + 1 (the index range stops there)."""
    row = conn.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? AND author_id != ?"
        " AND deleted = 0 LIMIT ?)",
        (conversation_id, after_seq, user_id, UNREAD_CAP + 1),
    ).fetchone()
    return int(row[0])


def _last_message(conn: sqlite3.Connection, conversation_id: str, names: dict[str, Person],
                  language: str) -> LastMessage | None:
    # A local message not sent yet is newer than anything synced (it will be ordered after it), so it wins.
    row = conn.execute(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq IS NULL ORDER BY created_hlc DESC LIMIT 1",
        (conversation_id,),
    ).fetchone() or conn.execute(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
        (conversation_id,),
    ).fetchone()
    if row is None:
        return None
    author = names.get(row["author_id"]) or person(conn, row["author_id"])
    return LastMessage(
        row["id"], row["author_id"], display_name(author, language, row["author_id"]), _preview(row["body"]),
        row["sent_at"] or hlc_time(row["created_hlc"]), _message_state(row), bool(row["deleted"]),
    )


def _message_state(row: sqlite3.Row) -> str:
    if row["seq"] is None:
        return "rejected" if row["_state"] == "rejected" else "pending"
    # A sent message with a local edit or delete not confirmed yet reads 'pending' until the server has it.
    return _MESSAGE_STATES.get(row["_state"], "sent")


def conversation_title(conn: sqlite3.Connection, conversation_id: str, user_id: str, language: str = "zh") -> str:
    row = conn.execute("SELECT kind, title FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
    if row is None:
        return ""
    return _title(conn, conversation_id, row["kind"], row["title"], user_id, language)[0]


def _title(conn: sqlite3.Connection, conversation_id: str, kind: str, title: str, user_id: str,
           language: str) -> tuple[str, str | None]:
    if kind != "direct":
        return title, None
    peer = conn.execute(
        "SELECT user_id FROM conversation_members WHERE conversation_id = ? AND user_id != ? LIMIT 1",
        (conversation_id, user_id),
    ).fetchone()
    if peer is None:
        return title or conversation_id, None
    return display_name(person(conn, peer[0]), language, peer[0]), peer[0]


def conversation_order(summary: ConversationSummary) -> tuple[str, str]:
    """The sort key of the conversation list (use with reverse=True): most recent activity first."""
    return summary.last_activity, summary.id


def conversations(conn: sqlite3.Connection, user_id: str, language: str = "zh",
                  only: Iterable[str] | None = None) -> list[ConversationSummary]:
    """The person's conversations, most recent activity first; `only`: just these (those the person is in).

    Each conversation costs a few indexed queries, so a view that knows which conversations changed asks for
    those alone instead of the whole list.
    """
    names: dict[str, Person] = {}
    found: list[ConversationSummary] = []
    sql = ("SELECT c.* FROM conversation_members m JOIN conversations c ON c.id = m.conversation_id"
           " WHERE m.user_id = ? AND m.present = 1")
    if only is None:
        rows = conn.execute(sql, (user_id,)).fetchall()
    else:
        wanted = sorted(set(only))
        rows = [row for chunk in _chunked(wanted) for row in conn.execute(
            f"{sql} AND c.id IN ({_placeholders(chunk)})", (user_id, *chunk)).fetchall()]
    for row in rows:
        cid = row["id"]
        title, peer_id = _title(conn, cid, row["kind"], row["title"], user_id, language)
        last = _last_message(conn, cid, names, language)
        marker = read_seq(conn, cid, user_id)
        counted = unread_count(conn, cid, user_id, marker)
        states = {r[0] for r in conn.execute(
            "SELECT DISTINCT _state FROM messages WHERE conversation_id = ? AND seq IS NULL", (cid,))}
        found.append(ConversationSummary(
            id=cid, kind=row["kind"], title=title, peer_id=peer_id, last_message=last,
            last_activity=(last.at if last and last.at else None) or row["created_at"] or "",
            read_seq=marker, unread=min(counted, UNREAD_CAP), unread_more=counted > UNREAD_CAP,
            has_pending="pending" in states, has_rejected="rejected" in states, state=row["_state"],
        ))
    found.sort(key=conversation_order, reverse=True)
    return found


@dataclass(frozen=True)
class ConversationInfo:
    id: str
    kind: str
    title: str
    peer_id: str | None
    department_id: str | None
    created_by: str | None
    member_ids: tuple[str, ...]  # present members
    state: str


def conversation(conn: sqlite3.Connection, conversation_id: str, user_id: str,
                 language: str = "zh") -> ConversationInfo | None:
    row = conn.execute("SELECT * FROM conversations WHERE id = ?", (conversation_id,)).fetchone()
    if row is None:
        return None
    title, peer_id = _title(conn, conversation_id, row["kind"], row["title"], user_id, language)
    return ConversationInfo(row["id"], row["kind"], title, peer_id, row["department_id"], row["created_by"],
                            tuple(conversation_members(conn, conversation_id)), row["_state"])


def conversation_members(conn: sqlite3.Connection, conversation_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT user_id FROM conversation_members WHERE conversation_id = ? AND present = 1 ORDER BY user_id",
        (conversation_id,))]


def is_conversation_member(conn: sqlite3.Connection, conversation_id: str, user_id: str) -> bool:
    row = conn.execute("SELECT present FROM conversation_members WHERE _id = ?",
                       (f"{conversation_id}:{user_id}",)).fetchone()
    return bool(row and row[0])


# -------------------------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class Reaction:
    emoji: str
    count: int
    mine: bool


@dataclass(frozen=True)
class MessageView:
    id: str
    conversation_id: str
    seq: int | None
    author_id: str
    author_name: str
    body: str
    reply_to: str | None
    important: bool
    mentions: tuple[str, ...]
    sent_at: str | None
    created_hlc: str
    edited_at: str | None
    deleted: bool
    state: str  # sent | pending | rejected
    reason: str | None  # why the server refused it (state 'rejected')
    reactions: tuple[Reaction, ...]
    urgent: bool = False
    urgent_reason: str | None = None
    ack_requested: bool = False
    acknowledged: int = 0  # how many recipients acknowledged it (when it asks for that)
    acknowledged_by_me: bool = False
    recipients: int = 0  # the conversation's present members other than the author (when it asks for that)
    reason_code: str | None = None  # the server's code for a refusal (state 'rejected'), for a worded reason

    @property
    def at(self) -> str | None:
        """When it was written: the server's time once sent, the local clock's before."""
        return self.sent_at or hlc_time(self.created_hlc)


def history(conn: sqlite3.Connection, conversation_id: str, before_seq: int | None, limit: int = 50, *,
            user_id: str = "", language: str = "zh") -> list[MessageView]:
    """One page of a chat, newest first by seq; pass the smallest seq of a page to get the page before it.

    The latest page (before_seq None) ends with the messages not confirmed yet (pending or rejected, which
    have no seq), oldest first, as they will be placed after everything the server has ordered.
    """
    if before_seq is None:
        rows = conn.execute(
            "SELECT * FROM messages WHERE conversation_id = ? AND seq IS NOT NULL ORDER BY seq DESC LIMIT ?",
            (conversation_id, limit),
        ).fetchall()
        rows += conn.execute(
            "SELECT * FROM messages WHERE conversation_id = ? AND seq IS NULL ORDER BY created_hlc",
            (conversation_id,),
        ).fetchall()
    else:
        rows = conn.execute(
            "SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
            (conversation_id, before_seq, limit),
        ).fetchall()
    return _message_views(conn, rows, user_id, language)


def history_after(conn: sqlite3.Connection, conversation_id: str, after_seq: int, limit: int, *,
                  user_id: str = "", language: str = "zh") -> list[MessageView]:
    """Synced messages with seq > after_seq, oldest first, at most `limit` (what arrived after a loaded window)."""
    rows = conn.execute(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq > ? ORDER BY seq LIMIT ?",
        (conversation_id, after_seq, limit),
    ).fetchall()
    return _message_views(conn, rows, user_id, language)


def count_after(conn: sqlite3.Connection, conversation_id: str, after_seq: int, cap: int) -> int:
    """How many synced messages have seq > after_seq, counted up to `cap` + 1 (one indexed range, no rows read)."""
    row = conn.execute(
        "SELECT COUNT(*) FROM (SELECT 1 FROM messages WHERE conversation_id = ? AND seq > ? LIMIT ?)",
        (conversation_id, after_seq, cap + 1),
    ).fetchone()
    return int(row[0])


def unsent(conn: sqlite3.Connection, conversation_id: str, *, user_id: str = "",
           language: str = "zh") -> list[MessageView]:
    """The conversation's messages not confirmed by the server yet (pending or rejected), oldest first."""
    rows = conn.execute(
        "SELECT * FROM messages WHERE conversation_id = ? AND seq IS NULL ORDER BY created_hlc", (conversation_id,)
    ).fetchall()
    return _message_views(conn, rows, user_id, language)


def messages_by_id(conn: sqlite3.Connection, message_ids: Iterable[str], *, user_id: str = "",
                   language: str = "zh") -> dict[str, MessageView]:
    """The messages that exist among `message_ids` (a missing id was never here or has been removed)."""
    ids = sorted(set(message_ids))
    rows = [row for chunk in _chunked(ids) for row in conn.execute(
        f"SELECT * FROM messages WHERE id IN ({_placeholders(chunk)})", chunk).fetchall()]
    return {m.id: m for m in _message_views(conn, rows, user_id, language)}


def message_conversations(conn: sqlite3.Connection, message_ids: Iterable[str]) -> dict[str, str]:
    """message id -> its conversation, for the ids that exist (by primary key: cheap for thousands of ids)."""
    ids = sorted(set(message_ids))
    found: dict[str, str] = {}
    for chunk in _chunked(ids):
        found.update((mid, cid) for mid, cid in conn.execute(
            f"SELECT id, conversation_id FROM messages WHERE id IN ({_placeholders(chunk)})", chunk))
    return found


def message(conn: sqlite3.Connection, message_id: str, *, user_id: str = "",
            language: str = "zh") -> MessageView | None:
    row = conn.execute("SELECT * FROM messages WHERE id = ?", (message_id,)).fetchone()
    return _message_views(conn, [row], user_id, language)[0] if row else None


def _message_views(conn: sqlite3.Connection, rows: list[sqlite3.Row], user_id: str,
                   language: str) -> list[MessageView]:
    if not rows:
        return []
    names = people_by_id(conn, (r["author_id"] for r in rows))
    ids = [r["id"] for r in rows]
    counts: dict[str, dict[str, list[int]]] = {}
    for message_id, emoji, who in conn.execute(
        f"SELECT message_id, emoji, user_id FROM reactions WHERE message_id IN ({_placeholders(ids)})"
        f" AND present = 1 ORDER BY _id",
        ids,
    ):
        entry = counts.setdefault(message_id, {}).setdefault(emoji, [0, 0])
        entry[0] += 1
        entry[1] |= who == user_id
    asking = [r["id"] for r in rows if r["ack_requested"]]
    acks: dict[str, list[str]] = {}
    members: dict[str, int] = {}
    if asking:
        for message_id, who in conn.execute(
            f"SELECT message_id, user_id FROM acknowledgements WHERE message_id IN ({_placeholders(asking)})", asking
        ):
            acks.setdefault(message_id, []).append(who)
        for cid in {r["conversation_id"] for r in rows if r["ack_requested"]}:
            members[cid] = int(conn.execute(
                "SELECT count(*) FROM conversation_members WHERE conversation_id = ? AND present = 1",
                (cid,)).fetchone()[0])
    codes: dict[str, str] = {}
    refused = [r["id"] for r in rows if r["_state"] == "rejected"]
    if refused:  # rare: a few refused messages, found through their outbox entries
        codes = dict(conn.execute(
            "SELECT json_extract(args, '$.id'), code FROM outbox WHERE state = 'rejected' AND name = 'message.send'"
            f" AND json_extract(args, '$.id') IN ({_placeholders(refused)})", refused).fetchall())
    return [
        MessageView(
            id=r["id"], conversation_id=r["conversation_id"], seq=r["seq"], author_id=r["author_id"],
            author_name=display_name(names.get(r["author_id"]), language, r["author_id"]), body=r["body"],
            reply_to=r["reply_to"], important=bool(r["important"]), mentions=_json_list(r["mentions"]),
            sent_at=r["sent_at"], created_hlc=r["created_hlc"], edited_at=r["edited_at"],
            deleted=bool(r["deleted"]), state=_message_state(r), reason=r["_reason"],
            reactions=tuple(Reaction(e, c, bool(m)) for e, (c, m) in counts.get(r["id"], {}).items()),
            urgent=bool(r["urgent"]), urgent_reason=r["urgent_reason"], ack_requested=bool(r["ack_requested"]),
            acknowledged=len(acks.get(r["id"], ())), acknowledged_by_me=user_id in acks.get(r["id"], ()),
            recipients=max(0, members.get(r["conversation_id"], 1) - 1), reason_code=codes.get(r["id"]),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Acknowledgements:
    """Who confirmed an important message and who has not yet ("5 of 8 acknowledged")."""

    acknowledged: tuple[tuple[Person, str | None], ...]  # (person, when), earliest first
    waiting: tuple[Person, ...]  # present members (not the author) who have not acknowledged it

    @property
    def total(self) -> int:
        return len(self.acknowledged) + len(self.waiting)


def acknowledgements(conn: sqlite3.Connection, message_id: str) -> Acknowledgements:
    row = conn.execute("SELECT conversation_id, author_id FROM messages WHERE id = ?", (message_id,)).fetchone()
    if row is None:
        return Acknowledgements((), ())
    cid, author = row
    done = conn.execute("SELECT user_id, at FROM acknowledgements WHERE message_id = ? ORDER BY at, user_id",
                        (message_id,)).fetchall()
    members = [m for m in conversation_members(conn, cid) if m != author]
    done_ids = {uid for uid, _at in done}
    names = people_by_id(conn, [*members, *done_ids])
    return Acknowledgements(tuple((_known(names, uid), at) for uid, at in done),
                            tuple(_known(names, m) for m in members if m not in done_ids))


def urgent_sent_since(conn: sqlite3.Connection, user_id: str, since_hlc: str) -> int:
    """How many urgent messages the person wrote at or after the clock reading (refused ones do not count)."""
    return int(conn.execute(
        "SELECT count(*) FROM messages WHERE author_id = ? AND urgent = 1 AND created_hlc >= ?"
        " AND _state != 'rejected'", (user_id, since_hlc)).fetchone()[0])


@dataclass(frozen=True)
class Readers:
    read: tuple[Person, ...]  # members whose read marker reached the message
    unread: tuple[Person, ...]  # members who have not read it yet


def readers(conn: sqlite3.Connection, message_id: str) -> Readers:
    """Who has read a message (read receipts for important messages), from the synced read markers.

    The author is left out of both lists; a message not sent yet has no readers.
    """
    row = conn.execute("SELECT conversation_id, seq, author_id FROM messages WHERE id = ?",
                       (message_id,)).fetchone()
    if row is None:
        return Readers((), ())
    cid, seq, author = row
    members = [m for m in conversation_members(conn, cid) if m != author]
    markers = dict(conn.execute("SELECT user_id, seq FROM read_markers WHERE conversation_id = ?", (cid,)))
    names = people_by_id(conn, members)
    done = [m for m in members if seq is not None and markers.get(m, 0) >= seq]
    return Readers(tuple(_known(names, m) for m in done), tuple(_known(names, m) for m in members if m not in done))


def _known(names: dict[str, Person], user_id: str) -> Person:
    """The person, or a stand-in named by the id when they have not synced here (yet)."""
    return names.get(user_id) or Person(user_id, user_id, user_id, "", "employee", None, True)


# ----------------------------------------------------------------------------------------------- spaces


@dataclass(frozen=True)
class SpaceView:
    id: str
    kind: str  # project | department
    title: str
    description: str
    department_id: str | None
    created_by: str | None
    member_ids: tuple[str, ...]
    state: str


def _space(conn: sqlite3.Connection, row: sqlite3.Row) -> SpaceView:
    return SpaceView(row["id"], row["kind"], row["title"], row["description"], row["department_id"],
                     row["created_by"], tuple(space_members(conn, row["id"])), row["_state"])


def spaces(conn: sqlite3.Connection, user_id: str) -> list[SpaceView]:
    rows = conn.execute(
        "SELECT s.* FROM space_members m JOIN spaces s ON s.id = m.space_id WHERE m.user_id = ? AND m.present = 1"
        " ORDER BY s.title, s.id",
        (user_id,),
    ).fetchall()
    return [_space(conn, r) for r in rows]


def space(conn: sqlite3.Connection, space_id: str) -> SpaceView | None:
    row = conn.execute("SELECT * FROM spaces WHERE id = ?", (space_id,)).fetchone()
    return _space(conn, row) if row else None


def space_members(conn: sqlite3.Connection, space_id: str) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT user_id FROM space_members WHERE space_id = ? AND present = 1 ORDER BY user_id", (space_id,))]


def is_space_member(conn: sqlite3.Connection, space_id: str, user_id: str) -> bool:
    row = conn.execute("SELECT present FROM space_members WHERE _id = ?", (f"{space_id}:{user_id}",)).fetchone()
    return bool(row and row[0])


# ------------------------------------------------------------------------------------------------ tasks


@dataclass(frozen=True)
class TaskRef:
    id: str
    title: str
    status: str


@dataclass(frozen=True)
class TaskView:
    id: str
    space_id: str
    title: str
    description: str
    owner_id: str | None
    owner_name: str
    due: date | None
    status: str  # todo | in_progress | in_review | done
    progress: int
    depends_on: tuple[str, ...]
    blocked_by: tuple[TaskRef, ...]  # dependencies that are not done yet
    overdue: bool
    deleted: bool
    created_by: str | None
    created_at: str | None
    updated_at: str | None
    state: str  # synced | pending


@dataclass(frozen=True)
class TaskHistoryEntry:
    id: str
    field: str  # a task field, or "*" for the whole task (created, deleted)
    old_value: Any
    new_value: Any
    actor_id: str | None
    actor_name: str
    hlc: str | None
    outcome: str  # applied | lost | created | deleted
    at: str | None


@dataclass(frozen=True)
class TaskDetail:
    task: TaskView
    history: tuple[TaskHistoryEntry, ...]  # oldest first


def is_overdue(due: date | None, status: str, today: date) -> bool:
    return due is not None and due < today and status != "done"


def _task_views(conn: sqlite3.Connection, rows: list[sqlite3.Row], today: date,
                language: str) -> list[TaskView]:
    deps = {d for r in rows for d in _json_list(r["depends_on"])}
    known = {r["id"]: r for r in rows}
    missing = sorted(deps - set(known))
    refs: dict[str, TaskRef] = {r["id"]: TaskRef(r["id"], r["title"], r["status"]) for r in rows if not r["deleted"]}
    for start in range(0, len(missing), 500):
        chunk = missing[start : start + 500]
        for r in conn.execute(
            f"SELECT id, title, status FROM tasks WHERE id IN ({_placeholders(chunk)}) AND deleted = 0", chunk
        ):
            refs[r["id"]] = TaskRef(r["id"], r["title"], r["status"])
    names = people_by_id(conn, (r["owner_id"] for r in rows))
    views = []
    for r in rows:
        depends_on = tuple(str(d) for d in _json_list(r["depends_on"]))
        # A deleted dependency no longer blocks anything; an unknown one (not synced yet) cannot be judged.
        blocked = tuple(refs[d] for d in depends_on if d in refs and refs[d].status != "done")
        due = parse_due(r["due"])
        views.append(TaskView(
            id=r["id"], space_id=r["space_id"], title=r["title"], description=r["description"],
            owner_id=r["owner_id"], owner_name=display_name(names.get(r["owner_id"]), language, r["owner_id"] or ""),
            due=due, status=r["status"], progress=int(r["progress"]), depends_on=depends_on, blocked_by=blocked,
            overdue=not r["deleted"] and is_overdue(due, r["status"], today), deleted=bool(r["deleted"]),
            created_by=r["created_by"], created_at=r["created_at"], updated_at=r["updated_at"], state=r["_state"],
        ))
    return views


def _task_order(task: TaskView) -> tuple[Any, ...]:
    return (STATUS_ORDER.get(task.status, 9), task.due or date.max, task.title, task.id)


def tasks(conn: sqlite3.Connection, space_id: str, today: date, *, status: str | None = None,
          language: str = "zh") -> list[TaskView]:
    """A space's live tasks (the board: group by `status`), by status, then due date, then title."""
    sql, params = "SELECT * FROM tasks WHERE space_id = ? AND deleted = 0", [space_id]
    if status is not None:
        sql, params = sql + " AND status = ?", [*params, status]
    return sorted(_task_views(conn, conn.execute(sql, params).fetchall(), today, language), key=_task_order)


def board(conn: sqlite3.Connection, space_id: str, today: date, language: str = "zh") -> dict[str, list[TaskView]]:
    """The board's columns: every status, in workflow order, with its tasks."""
    columns: dict[str, list[TaskView]] = {status: [] for status in STATUS_ORDER}
    for task in tasks(conn, space_id, today, language=language):
        columns.setdefault(task.status, []).append(task)
    return columns


def my_tasks(conn: sqlite3.Connection, user_id: str, today: date, language: str = "zh") -> list[TaskView]:
    """Tasks the person owns: open ones first (by due date), done ones last."""
    rows = conn.execute("SELECT * FROM tasks WHERE owner_id = ? AND deleted = 0", (user_id,)).fetchall()
    views = _task_views(conn, rows, today, language)
    return sorted(views, key=lambda t: (t.status == "done", t.due or date.max, STATUS_ORDER.get(t.status, 9),
                                        t.title, t.id))


def task(conn: sqlite3.Connection, task_id: str, today: date, language: str = "zh") -> TaskDetail | None:
    row = conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    if row is None:
        return None
    hist = conn.execute("SELECT * FROM task_history WHERE task_id = ? ORDER BY hlc, at, id", (task_id,)).fetchall()
    names = people_by_id(conn, (h["actor_id"] for h in hist))

    def value(text: str | None) -> Any:
        return json.loads(text) if text is not None else None

    entries = tuple(
        TaskHistoryEntry(h["id"], h["field"], value(h["old_value"]), value(h["new_value"]), h["actor_id"],
                         display_name(names.get(h["actor_id"]), language, h["actor_id"] or ""), h["hlc"],
                         h["outcome"], h["at"])
        for h in hist
    )
    return TaskDetail(_task_views(conn, [row], today, language)[0], entries)


def task_row(conn: sqlite3.Connection, task_id: str, today: date) -> TaskView | None:
    row = conn.execute("SELECT * FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return _task_views(conn, [row], today, "zh")[0] if row else None


# --------------------------------------------------------------------------------------------- articles


@dataclass(frozen=True)
class ArticleView:
    id: str
    title: str
    category: str
    tags: tuple[str, ...]
    status: str  # draft | in_review | published
    author_id: str
    author_name: str
    head_revision_id: str | None
    created_at: str | None
    updated_at: str | None
    published_at: str | None
    reviewer_id: str | None
    review_comment: str
    like_count: int  # counted from the like rows here (the server's count may be missing or older)
    liked: bool  # by the person asking
    favorite: bool  # of the person asking
    open_conflicts: int
    state: str


@dataclass(frozen=True)
class RevisionView:
    id: str
    parent_id: str | None
    base_revision_id: str | None
    author_id: str | None
    author_name: str
    title: str
    kind: str  # edit | merged | conflict
    created_at: str | None
    state: str


@dataclass(frozen=True)
class ConflictView:
    """Two overlapping edits to show side by side: the text both started from, the head's, and the edit's."""

    id: str
    article_id: str
    author_id: str | None  # who wrote the edit that conflicted ("mine")
    created_at: str | None
    base_revision_id: str | None
    theirs_revision_id: str | None
    mine_revision_id: str | None
    base_body: str
    theirs_body: str
    mine_body: str


@dataclass(frozen=True)
class ArticleDetail:
    article: ArticleView
    body: str  # the head revision's text
    revisions: tuple[RevisionView, ...]  # newest first
    conflicts: tuple[ConflictView, ...]  # unresolved, oldest first


def _article_views(conn: sqlite3.Connection, rows: list[sqlite3.Row], user_id: str,
                   language: str) -> list[ArticleView]:
    if not rows:
        return []
    ids = [r["id"] for r in rows]
    marks = _placeholders(ids)
    likes = dict(conn.execute(
        f"SELECT article_id, COUNT(*) FROM article_likes WHERE article_id IN ({marks}) AND present = 1"
        f" GROUP BY article_id", ids))
    liked = {r[0] for r in conn.execute(
        f"SELECT article_id FROM article_likes WHERE article_id IN ({marks}) AND user_id = ? AND present = 1",
        [*ids, user_id])}
    favorite = {r[0] for r in conn.execute(
        f"SELECT article_id FROM favorites WHERE article_id IN ({marks}) AND user_id = ? AND present = 1",
        [*ids, user_id])}
    conflicts = dict(conn.execute(
        f"SELECT article_id, COUNT(*) FROM article_conflicts WHERE article_id IN ({marks})"
        f" AND resolved_by_revision_id IS NULL GROUP BY article_id", ids))
    names = people_by_id(conn, (r["author_id"] for r in rows))
    return [
        ArticleView(
            id=r["id"], title=r["title"], category=r["category"], tags=tuple(_json_list(r["tags"])),
            status=r["status"], author_id=r["author_id"],
            author_name=display_name(names.get(r["author_id"]), language, r["author_id"]),
            head_revision_id=r["head_revision_id"], created_at=r["created_at"], updated_at=r["updated_at"],
            published_at=r["published_at"], reviewer_id=r["reviewer_id"], review_comment=r["review_comment"],
            like_count=int(likes.get(r["id"], 0)), liked=r["id"] in liked, favorite=r["id"] in favorite,
            open_conflicts=int(conflicts.get(r["id"], 0)), state=r["_state"],
        )
        for r in rows
    ]


def articles(conn: sqlite3.Connection, user_id: str, *, category: str | None = None, tag: str | None = None,
             status: str | None = None, author_id: str | None = None, language: str = "zh") -> list[ArticleView]:
    """Articles the person can see here, newest change first, filtered by category, tag, status or author."""
    clauses, params = [], []
    for column, value in (("category", category), ("status", status), ("author_id", author_id)):
        if value is not None:
            clauses.append(f"{column} = ?")
            params.append(value)
    if tag is not None:
        clauses.append("EXISTS (SELECT 1 FROM json_each(articles.tags) WHERE json_each.value = ?)")
        params.append(tag)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    rows = conn.execute(f"SELECT * FROM articles {where} ORDER BY updated_at DESC, id", params).fetchall()
    return _article_views(conn, rows, user_id, language)


def articles_by_id(conn: sqlite3.Connection, ids: Sequence[str], user_id: str,
                   language: str = "zh") -> list[ArticleView]:
    """The named articles that are here, in the order asked."""
    if not ids:
        return []
    rows = {r["id"]: r for r in conn.execute(f"SELECT * FROM articles WHERE id IN ({_placeholders(ids)})", list(ids))}
    return _article_views(conn, [rows[i] for i in dict.fromkeys(ids) if i in rows], user_id, language)


def categories(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT category FROM articles WHERE category != '' ORDER BY 1")]


def favorites(conn: sqlite3.Connection, user_id: str, language: str = "zh") -> list[ArticleView]:
    rows = conn.execute(
        "SELECT a.* FROM favorites f JOIN articles a ON a.id = f.article_id WHERE f.user_id = ? AND f.present = 1"
        " ORDER BY a.title, a.id",
        (user_id,),
    ).fetchall()
    return _article_views(conn, rows, user_id, language)


def _revision_body(conn: sqlite3.Connection, revision_id: str | None) -> str:
    if revision_id is None:
        return ""
    row = conn.execute("SELECT body FROM article_revisions WHERE id = ?", (revision_id,)).fetchone()
    return row[0] if row else ""


def open_conflicts(conn: sqlite3.Connection, article_id: str) -> list[ConflictView]:
    rows = conn.execute(
        "SELECT * FROM article_conflicts WHERE article_id = ? AND resolved_by_revision_id IS NULL"
        " ORDER BY created_at, id",
        (article_id,),
    ).fetchall()
    return [
        ConflictView(r["id"], r["article_id"], r["author_id"], r["created_at"], r["base_revision_id"],
                     r["theirs_revision_id"], r["mine_revision_id"], _revision_body(conn, r["base_revision_id"]),
                     _revision_body(conn, r["theirs_revision_id"]), _revision_body(conn, r["mine_revision_id"]))
        for r in rows
    ]


def conflict(conn: sqlite3.Connection, conflict_id: str) -> ConflictView | None:
    row = conn.execute("SELECT article_id FROM article_conflicts WHERE id = ?", (conflict_id,)).fetchone()
    if row is None:
        return None
    return next((c for c in open_conflicts(conn, row[0]) if c.id == conflict_id), None)


def revisions(conn: sqlite3.Connection, article_id: str, language: str = "zh") -> list[RevisionView]:
    rows = conn.execute(
        "SELECT id, parent_id, base_revision_id, author_id, title, kind, created_at, _state FROM article_revisions"
        " WHERE article_id = ? ORDER BY created_at DESC, id DESC",
        (article_id,),
    ).fetchall()
    names = people_by_id(conn, (r["author_id"] for r in rows))
    return [
        RevisionView(r["id"], r["parent_id"], r["base_revision_id"], r["author_id"],
                     display_name(names.get(r["author_id"]), language, r["author_id"] or ""), r["title"], r["kind"],
                     r["created_at"], r["_state"])
        for r in rows
    ]


def revision_body(conn: sqlite3.Connection, revision_id: str) -> str | None:
    row = conn.execute("SELECT body FROM article_revisions WHERE id = ?", (revision_id,)).fetchone()
    return row[0] if row else None


def article(conn: sqlite3.Connection, article_id: str, user_id: str, language: str = "zh") -> ArticleDetail | None:
    row = conn.execute("SELECT * FROM articles WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return None
    view = _article_views(conn, [row], user_id, language)[0]
    return ArticleDetail(view, _revision_body(conn, row["head_revision_id"]), tuple(revisions(conn, article_id,
                         language)), tuple(open_conflicts(conn, article_id)))


# ------------------------------------------------------------------------------------------- the outbox


@dataclass(frozen=True)
class RejectedChange:
    mutation_id: int
    name: str
    kind: str  # the mutation name's prefix: message, task, article, …
    summary: str
    code: str | None
    reason: str | None
    scope: str
    created_at: str
    summary_template: str | None = None  # the summary as a template and arguments, for a translated display
    summary_args: dict[str, Any] | None = None


@dataclass(frozen=True)
class OutboxView:
    pending: dict[str, int]  # kind → changes waiting to be sent
    rejected: tuple[RejectedChange, ...]  # oldest first

    @property
    def pending_total(self) -> int:
        return sum(self.pending.values())


def mutation_kind(name: str) -> str:
    return name.split(".", 1)[0]


def outbox(conn: sqlite3.Connection) -> OutboxView:
    """What the sync centre shows: how much waits to be sent, by kind, and every refused change with why."""
    pending = {
        kind: int(count)
        for kind, count in conn.execute(
            "SELECT substr(name, 1, instr(name || '.', '.') - 1) AS kind, COUNT(*) FROM outbox"
            " WHERE state = 'pending' GROUP BY kind ORDER BY kind")
    }
    rejected = tuple(
        RejectedChange(r["mutation_id"], r["name"], mutation_kind(r["name"]), r["summary"], r["code"], r["reason"],
                       r["scope"], r["created_at"], r["summary_template"],
                       json.loads(r["summary_args"]) if r["summary_args"] else None)
        for r in conn.execute("SELECT * FROM outbox WHERE state = 'rejected' ORDER BY mutation_id")
    )
    return OutboxView(pending, rejected)
