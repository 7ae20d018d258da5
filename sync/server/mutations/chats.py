"""Mutation handlers for chats: conversations, their members, messages, reactions and read markers.

Everything a conversation holds is emitted to that conversation's scope, so its present members pull it and
a new member pulls it from zero (the change log keeps the newest state of each row, so that is the whole
history). Removing a member needs no emit beyond their member row: the scope leaves their visible scopes and
their next pull revokes it.

Every handler checks everything before it writes, so a rejection never leaves half a change behind even
without the push endpoint's savepoint. `message.send` is the hot path (thousands per second): its checks and
the seq assignment are a single UPDATE, and the rest is one INSERT and one emit.

The `*_data` functions are the wire shape of each row; other modules (e.g. the org module that creates
department conversations) reuse them, together with `create_conversation` and `set_member`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, bindparam, exists, func, select, update
from sqlalchemy.engine import Connection, Row

from sync.protocol import (
    KIND_ACKNOWLEDGEMENT,
    KIND_CONVERSATION,
    KIND_CONVERSATION_MEMBER,
    KIND_MESSAGE,
    KIND_REACTION,
    KIND_READ_MARKER,
    MAX_MESSAGE_BYTES,
    URGENT_DAILY_QUOTA,
    URGENT_WINDOW_HOURS,
    AcknowledgeMessage,
    ConversationKind,
    ConversationMember,
    CreateDirect,
    CreateGroup,
    DeleteMessage,
    EditMessage,
    MarkRead,
    Rejection,
    RenameConversation,
    SendMessage,
    SetReaction,
    conversation_scope,
    direct_conversation_id,
)

from ..access import active_user_ids, is_conversation_member, require_conversation_member
from ..changes import Actor, WriteContext
from ..db import (
    acknowledgements,
    conversation_members,
    conversations,
    dumps,
    loads,
    messages,
    reactions,
    read_markers,
)
from ..sql import Prepared
from . import mutation

# Ids of these shapes are made by the server from other ids (a pair of people, a department); a group that
# took one first would capture that direct or department chat, so clients may not choose them.
# (See direct_conversation_id and department_conversation_id in sync.protocol.)
_RESERVED_PREFIXES = ("dm-", "dept-")

# ------------------------------------------------------------------------------------------ wire shapes


def conversation_data(row: Mapping[str, Any]) -> dict[str, Any]:
    """A conversation as pulled. Its `last_seq` is as of its last emit; clients take the newest message's."""
    return {
        "id": row["id"],
        "kind": row["kind"],
        "title": row["title"],
        "department_id": row["department_id"],
        "created_by": row["created_by"],
        "created_at": row["created_at"],
        "last_seq": int(row["last_seq"]),
    }


def member_data(conversation_id: str, user_id: str, present: bool) -> dict[str, Any]:
    return {"conversation_id": conversation_id, "user_id": user_id, "present": bool(present)}


def message_data(row: Mapping[str, Any]) -> dict[str, Any]:
    """A message as pulled: every column, mentions as a list (stored as JSON text)."""
    mentions = row["mentions"]
    return {
        "id": row["id"],
        "conversation_id": row["conversation_id"],
        "seq": int(row["seq"]),
        "author_id": row["author_id"],
        "body": row["body"],
        "reply_to": row["reply_to"],
        "important": bool(row["important"]),
        "mentions": loads(mentions) if isinstance(mentions, str | bytes) else list(mentions),
        "sent_at": row["sent_at"],
        "created_hlc": row["created_hlc"],
        "edited_at": row["edited_at"],
        "deleted": bool(row["deleted"]),
        "urgent": bool(row.get("urgent")),
        "urgent_reason": row.get("urgent_reason"),
        "ack_requested": bool(row.get("ack_requested")),
    }


def acknowledgement_data(message_id: str, user_id: str, at: str) -> dict[str, Any]:
    return {"message_id": message_id, "user_id": user_id, "at": at}


def reaction_data(message_id: str, user_id: str, emoji: str, present: bool) -> dict[str, Any]:
    return {"message_id": message_id, "user_id": user_id, "emoji": emoji, "present": bool(present)}


def read_marker_data(conversation_id: str, user_id: str, seq: int) -> dict[str, Any]:
    return {"conversation_id": conversation_id, "user_id": user_id, "seq": int(seq)}


# -------------------------------------------------------------------------------------- shared helpers


def emit_conversation(ctx: WriteContext, row: Mapping[str, Any]) -> None:
    ctx.emit(conversation_scope(row["id"]), KIND_CONVERSATION, row["id"], conversation_data(row))


def emit_member(ctx: WriteContext, conversation_id: str, user_id: str, present: bool) -> None:
    ctx.emit(
        conversation_scope(conversation_id),
        KIND_CONVERSATION_MEMBER,
        f"{conversation_id}:{user_id}",
        member_data(conversation_id, user_id, present),
    )


def emit_message(ctx: WriteContext, row: Mapping[str, Any]) -> None:
    ctx.emit(conversation_scope(row["conversation_id"]), KIND_MESSAGE, row["id"], message_data(row))


def create_conversation(
    ctx: WriteContext,
    conversation_id: str,
    kind: ConversationKind,
    member_ids: Iterable[str],
    *,
    title: str = "",
    department_id: str | None = None,
) -> None:
    """Insert a new conversation with its members (present, at the context's clock) and emit them all.

    The caller has checked that the id is free and the members are active people.
    """
    row = {
        "id": conversation_id,
        "kind": kind.value,
        "title": title,
        "department_id": department_id,
        "created_by": ctx.actor.id,
        "created_at": ctx.now,
        "last_seq": 0,
    }
    ctx.conn.execute(conversations.insert(), [row])
    members = list(dict.fromkeys(member_ids))
    if members:
        ctx.conn.execute(
            conversation_members.insert(),
            [{"conversation_id": conversation_id, "user_id": uid, "present": True, "hlc": ctx.hlc} for uid in members],
        )
    emit_conversation(ctx, row)
    for uid in members:
        emit_member(ctx, conversation_id, uid, True)


def set_member(ctx: WriteContext, conversation_id: str, user_id: str, present: bool) -> bool:
    """Add or remove one member by the set rule: the newer clock wins, an older change is ignored.

    Returns whether membership changed (and was emitted). The caller has checked permissions.
    """
    key = and_(conversation_members.c.conversation_id == conversation_id, conversation_members.c.user_id == user_id)
    stored = ctx.conn.execute(select(conversation_members.c.present, conversation_members.c.hlc).where(key)).first()
    if stored is None:
        ctx.conn.execute(
            conversation_members.insert().values(
                conversation_id=conversation_id, user_id=user_id, present=present, hlc=ctx.hlc
            )
        )
    elif ctx.hlc > stored.hlc:
        ctx.conn.execute(update(conversation_members).where(key).values(present=present, hlc=ctx.hlc))
    else:
        return False  # a newer add or remove of this person already happened
    changed = stored is None or bool(stored.present) != present
    if changed:
        emit_member(ctx, conversation_id, user_id, present)
    return changed


def _conversation(conn: Connection, conversation_id: str) -> Row[Any] | None:
    return conn.execute(select(conversations).where(conversations.c.id == conversation_id)).first()


def _message(conn: Connection, message_id: str) -> Row[Any] | None:
    return conn.execute(select(messages).where(messages.c.id == message_id)).first()


def _require_group(conn: Connection, conversation_id: str) -> Row[Any]:
    """The group conversation to rename or change the members of (direct and department ones are fixed)."""
    conv = _conversation(conn, conversation_id)
    if conv is None:
        raise Rejection("not_found", "this conversation does not exist")
    if conv.kind != ConversationKind.GROUP.value:
        what = "a direct conversation" if conv.kind == ConversationKind.DIRECT.value else "a department group"
        raise Rejection(
            "not_editable",
            f"{what} cannot be renamed or have its members changed; only group conversations can",
        )
    return conv


def _require_active_users(conn: Connection, user_ids: list[str]) -> None:
    active = active_user_ids(conn, user_ids)
    unknown = [uid for uid in dict.fromkeys(user_ids) if uid not in active]
    if unknown:
        raise Rejection("unknown_user", "no active account with the id " + ", ".join(unknown))


def _readable_size(size: int) -> str:
    # Rounded up, so a body one byte over the limit never reads as "256 KB".
    if size >= 1024 * 1024:
        return f"{math.ceil(size / (1024 * 1024) * 10) / 10:.1f} MB"
    return f"{math.ceil(size / 1024)} KB"


def _check_body(body: str) -> None:
    if not body.strip():
        raise Rejection("empty", "the message is empty")
    size = len(body.encode())
    if size > MAX_MESSAGE_BYTES:
        raise Rejection(
            "too_large",
            f"the message is {_readable_size(size)}; a message can be at most {_readable_size(MAX_MESSAGE_BYTES)}",
        )


def _clean_title(title: str) -> str:
    cleaned = title.strip()
    if not cleaned:
        raise Rejection("invalid_arguments", "the title is empty")
    return cleaned


# -------------------------------------------------------------------------------------- conversations


@mutation("conversation.create_direct")
def create_direct(ctx: WriteContext, args: CreateDirect) -> None:
    if args.peer_id == ctx.actor.id:
        raise Rejection("invalid_arguments", "a direct conversation needs another person")
    cid = direct_conversation_id(ctx.actor.id, args.peer_id)
    existing = ctx.conn.execute(select(conversations.c.kind).where(conversations.c.id == cid)).scalar()
    if existing == ConversationKind.DIRECT.value:
        return  # the other person (or another device) started it first: it is the same conversation
    if existing is not None:  # cannot happen while reserved ids are refused; never merge into a group
        raise Rejection("exists", "a conversation with this id exists already")
    _require_active_users(ctx.conn, [args.peer_id])
    create_conversation(ctx, cid, ConversationKind.DIRECT, [ctx.actor.id, args.peer_id])


@mutation("conversation.create_group")
def create_group(ctx: WriteContext, args: CreateGroup) -> None:
    if args.id.startswith(_RESERVED_PREFIXES):
        reserved = " or ".join(_RESERVED_PREFIXES)
        raise Rejection("invalid_arguments", f"a group id cannot start with {reserved}")
    title = _clean_title(args.title)
    if ctx.conn.execute(select(conversations.c.id).where(conversations.c.id == args.id)).first() is not None:
        raise Rejection("exists", "a conversation with this id exists already")
    others = [uid for uid in dict.fromkeys(args.member_ids) if uid != ctx.actor.id]
    _require_active_users(ctx.conn, others)
    create_conversation(ctx, args.id, ConversationKind.GROUP, [ctx.actor.id, *others], title=title)


@mutation("conversation.rename")
def rename(ctx: WriteContext, args: RenameConversation) -> None:
    require_conversation_member(ctx.conn, args.conversation_id, ctx.actor)
    conv = _require_group(ctx.conn, args.conversation_id)
    title = _clean_title(args.title)
    if title == conv.title:
        return
    ctx.conn.execute(update(conversations).where(conversations.c.id == conv.id).values(title=title))
    emit_conversation(ctx, {**conv._mapping, "title": title})


@mutation("conversation.add_member")
def add_member(ctx: WriteContext, args: ConversationMember) -> None:
    require_conversation_member(ctx.conn, args.conversation_id, ctx.actor)
    _require_group(ctx.conn, args.conversation_id)
    _require_active_users(ctx.conn, [args.user_id])
    # Only the member row changes: the new member pulls the whole scope from zero, which already holds the
    # newest state of the conversation row and of everything else in it.
    set_member(ctx, args.conversation_id, args.user_id, True)


@mutation("conversation.remove_member")
def remove_member(ctx: WriteContext, args: ConversationMember) -> None:
    leaving = args.user_id == ctx.actor.id
    if leaving:
        if not is_conversation_member(ctx.conn, args.conversation_id, ctx.actor.id):
            return  # left already (e.g. from another device)
        _require_group(ctx.conn, args.conversation_id)
    else:
        if not ctx.actor.is_admin:
            require_conversation_member(ctx.conn, args.conversation_id, ctx.actor)
        conv = _require_group(ctx.conn, args.conversation_id)
        if not ctx.actor.is_admin and conv.created_by != ctx.actor.id:
            raise Rejection("forbidden", "only the group's creator or an administrator can remove others")
    # The removed person's scope disappears from their visible scopes: their next pull revokes it.
    set_member(ctx, args.conversation_id, args.user_id, False)


# --------------------------------------------------------------------------------------------- messages


def _seq_statement(with_reply: bool) -> Any:
    """UPDATE … RETURNING that checks membership, a free id (and the reply target) and takes the next seq.

    One statement instead of three reads and a write; the row lock it takes also keeps two concurrent sends
    from getting the same seq on PostgreSQL. No row back means one of the checks failed.
    """
    checks = [
        conversations.c.id == bindparam("p_conversation"),
        exists().where(
            and_(
                conversation_members.c.conversation_id == conversations.c.id,
                conversation_members.c.user_id == bindparam("p_actor"),
                conversation_members.c.present.is_(True),
            )
        ),
        ~exists().where(messages.c.id == bindparam("p_message")),
    ]
    if with_reply:
        checks.append(
            exists().where(
                and_(messages.c.id == bindparam("p_reply"), messages.c.conversation_id == conversations.c.id)
            )
        )
    return (
        update(conversations)
        .where(and_(*checks))
        .values(last_seq=conversations.c.last_seq + 1)
        .returning(conversations.c.last_seq)
    )


# Built once: the send path runs thousands of times a second.
_NEXT_SEQ = Prepared(_seq_statement(with_reply=False))
_NEXT_SEQ_REPLY = Prepared(_seq_statement(with_reply=True))
_INSERT_MESSAGE = Prepared(messages.insert().values({c.name: bindparam(c.name) for c in messages.columns}))


def _explain_refused_send(conn: Connection, actor: Actor, args: SendMessage) -> Rejection:
    """Which check of the seq statement failed (the slow path, only taken for a rejection)."""
    if not is_conversation_member(conn, args.conversation_id, actor.id):
        return Rejection("forbidden", "you are not a member of this conversation")
    if _message(conn, args.id) is not None:
        return Rejection("exists", "a message with this id exists already")
    return Rejection("invalid_reply", "the message replied to is not in this conversation")


def _member_mentions(conn: Connection, conversation_id: str, mentions: list[str]) -> list[str]:
    """The mentioned people who are members, in the order written: someone outside cannot be notified."""
    wanted = list(dict.fromkeys(mentions))
    if not wanted:
        return []
    members = {
        uid
        for (uid,) in conn.execute(
            select(conversation_members.c.user_id).where(
                and_(
                    conversation_members.c.conversation_id == conversation_id,
                    conversation_members.c.user_id.in_(wanted),
                    conversation_members.c.present.is_(True),
                )
            )
        )
    }
    return [uid for uid in wanted if uid in members]


def _next_seq_in_run(ctx: WriteContext, args: SendMessage) -> int | None:
    """In a run of sends, the membership checked by the run's first send still holds: count seqs here.

    A reused message id then fails on the primary key, which makes the push redo the batch with savepoints
    and full checks, so a clear rejection still comes back.
    """
    if ctx.run is None:
        return None
    key = ("seq", args.conversation_id, ctx.actor.id)
    seq = ctx.run.values.get(key)
    if seq is None:
        return None
    _remember_seq(ctx, args.conversation_id, seq + 1)
    return int(seq) + 1


def _remember_seq(ctx: WriteContext, conversation_id: str, seq: int) -> None:
    if ctx.run is None:
        return
    ctx.run.values[("seq", conversation_id, ctx.actor.id)] = seq
    ctx.run.finishers[("seq", conversation_id)] = lambda conn: _STORE_LAST_SEQ(
        conn, conversation=conversation_id, last_seq=seq
    )


_STORE_LAST_SEQ = Prepared(
    update(conversations).where(conversations.c.id == bindparam("conversation")).values(last_seq=bindparam("last_seq"))
)


def _check_urgent(ctx: WriteContext, args: SendMessage) -> str | None:
    """The reason, stripped, for an urgent message within the sender's quota; refuses one without either."""
    if not args.urgent:
        return None
    reason = (args.urgent_reason or "").strip()
    if not reason:
        raise Rejection("urgent_reason_missing", "an urgent message needs a reason the recipients can read")
    since = (datetime.fromisoformat(ctx.now) - timedelta(hours=URGENT_WINDOW_HOURS)).isoformat(timespec="milliseconds")
    sent = ctx.conn.execute(
        select(func.count()).select_from(messages).where(
            and_(messages.c.author_id == ctx.actor.id, messages.c.urgent.is_(True), messages.c.sent_at > since)
        )
    ).scalar_one()
    if sent >= URGENT_DAILY_QUOTA:
        raise Rejection(
            "urgent_quota",
            f"you have sent {sent} urgent messages in the last {URGENT_WINDOW_HOURS} hours, the most allowed;"
            " send it as important instead",
        )
    return reason


@mutation("message.send")
def send(ctx: WriteContext, args: SendMessage) -> None:
    _check_body(args.body)
    if (args.reply_to is not None or args.urgent) and ctx.run is not None:
        # The reply check and the urgent quota must see the messages this run has kept back.
        ctx.run.finish(ctx.conn)
    urgent_reason = _check_urgent(ctx, args)
    seq = _next_seq_in_run(ctx, args) if args.reply_to is None else None
    if seq is None:
        params = {"p_conversation": args.conversation_id, "p_actor": ctx.actor.id, "p_message": args.id}
        if args.reply_to is not None:
            params["p_reply"] = args.reply_to
        found = (_NEXT_SEQ if args.reply_to is None else _NEXT_SEQ_REPLY)(ctx.conn, **params).fetchone()
        seq = found[0] if found else None
        if seq is None:
            raise _explain_refused_send(ctx.conn, ctx.actor, args)
        _remember_seq(ctx, args.conversation_id, seq)
    mentions = _member_mentions(ctx.conn, args.conversation_id, args.mentions)
    row = {
        "id": args.id,
        "conversation_id": args.conversation_id,
        "seq": seq,
        "author_id": ctx.actor.id,
        "body": args.body,
        "reply_to": args.reply_to,
        "important": args.important,
        "mentions": dumps(mentions),
        "sent_at": ctx.now,
        "created_hlc": ctx.hlc,
        "edited_at": None,
        "deleted": False,
        "urgent": args.urgent,
        "urgent_reason": urgent_reason,
        "ack_requested": args.ack_requested,
    }
    if ctx.run is not None:
        ctx.run.buffer("messages", row, _INSERT_MESSAGE.many)
    else:
        _INSERT_MESSAGE(ctx.conn, **row)
    ctx.emit_new(
        conversation_scope(args.conversation_id), KIND_MESSAGE, args.id, message_data({**row, "mentions": mentions})
    )


def _own_message(ctx: WriteContext, message_id: str) -> Row[Any]:
    """The actor's own message in a conversation they are still in (edit and delete are the author's only)."""
    row = _message(ctx.conn, message_id)
    if row is None:
        raise Rejection("not_found", "this message does not exist")
    require_conversation_member(ctx.conn, row.conversation_id, ctx.actor)
    if row.author_id != ctx.actor.id:
        raise Rejection("forbidden", "only the author can edit or delete a message")
    return row


@mutation("message.edit")
def edit(ctx: WriteContext, args: EditMessage) -> None:
    _check_body(args.body)
    row = _own_message(ctx, args.id)
    if row.deleted:
        raise Rejection("deleted", "this message was deleted and can no longer be edited")
    if row.body == args.body:
        return
    ctx.conn.execute(update(messages).where(messages.c.id == row.id).values(body=args.body, edited_at=ctx.now))
    emit_message(ctx, {**row._mapping, "body": args.body, "edited_at": ctx.now})


@mutation("message.delete")
def delete(ctx: WriteContext, args: DeleteMessage) -> None:
    row = _own_message(ctx, args.id)
    if row.deleted:
        return  # deleted already (e.g. from another device)
    # A tombstone keeps the message's place (and seq) so history shows "deleted"; its text is gone.
    tombstone = {"body": "", "mentions": "[]", "deleted": True}
    ctx.conn.execute(update(messages).where(messages.c.id == row.id).values(**tombstone))
    emit_message(ctx, {**row._mapping, **tombstone})


@mutation("message.react")
def react(ctx: WriteContext, args: SetReaction) -> None:
    message = ctx.conn.execute(
        select(messages.c.conversation_id, messages.c.deleted).where(messages.c.id == args.message_id)
    ).first()
    if message is None:
        raise Rejection("not_found", "this message does not exist")
    require_conversation_member(ctx.conn, message.conversation_id, ctx.actor)
    if message.deleted and args.present:
        raise Rejection("deleted", "this message was deleted")
    key = and_(
        reactions.c.message_id == args.message_id,
        reactions.c.user_id == ctx.actor.id,
        reactions.c.emoji == args.emoji,
    )
    stored = ctx.conn.execute(select(reactions.c.hlc).where(key)).scalar()
    if stored is None:
        # A removal is stored too: it must still beat an older add that arrives after it.
        ctx.conn.execute(
            reactions.insert().values(
                message_id=args.message_id,
                user_id=ctx.actor.id,
                emoji=args.emoji,
                present=args.present,
                hlc=ctx.hlc,
            )
        )
    elif ctx.hlc > stored:  # the clock strings sort like the readings
        ctx.conn.execute(update(reactions).where(key).values(present=args.present, hlc=ctx.hlc))
    else:
        return  # a newer add or remove from another device already won
    ctx.emit(
        conversation_scope(message.conversation_id),
        KIND_REACTION,
        f"{args.message_id}:{ctx.actor.id}:{args.emoji}",
        reaction_data(args.message_id, ctx.actor.id, args.emoji, args.present),
    )


@mutation("message.acknowledge")
def acknowledge(ctx: WriteContext, args: AcknowledgeMessage) -> None:
    message = _message(ctx.conn, args.message_id)
    if message is None:
        raise Rejection("not_found", "this message does not exist")
    require_conversation_member(ctx.conn, message.conversation_id, ctx.actor)
    if not message.ack_requested:
        raise Rejection("not_requested", "this message does not ask for an acknowledgement")
    if message.author_id == ctx.actor.id:
        raise Rejection("own_message", "you cannot acknowledge your own message")
    key = and_(acknowledgements.c.message_id == args.message_id, acknowledgements.c.user_id == ctx.actor.id)
    if ctx.conn.execute(select(acknowledgements.c.at).where(key)).first() is not None:
        return  # acknowledged already (from another device)
    ctx.conn.execute(acknowledgements.insert().values(message_id=args.message_id, user_id=ctx.actor.id, at=ctx.now))
    ctx.emit(
        conversation_scope(message.conversation_id),
        KIND_ACKNOWLEDGEMENT,
        f"{args.message_id}:{ctx.actor.id}",
        acknowledgement_data(args.message_id, ctx.actor.id, ctx.now),
    )


# ------------------------------------------------------------------------------------------ read markers


@mutation("read.mark")
def mark_read(ctx: WriteContext, args: MarkRead) -> None:
    cid, uid = args.conversation_id, ctx.actor.id
    marker_key = and_(read_markers.c.conversation_id == cid, read_markers.c.user_id == uid)
    # One read for the three facts needed: membership, the newest seq and the current marker.
    member, last_seq, current = ctx.conn.execute(
        select(
            select(conversation_members.c.present)
            .where(and_(conversation_members.c.conversation_id == cid, conversation_members.c.user_id == uid))
            .scalar_subquery(),
            select(conversations.c.last_seq).where(conversations.c.id == cid).scalar_subquery(),
            select(read_markers.c.seq).where(marker_key).scalar_subquery(),
        )
    ).one()
    if not member:
        raise Rejection("forbidden", "you are not a member of this conversation")
    # A client may claim a seq it has not seen yet (clock or cache trouble): never past the newest message.
    seq = min(args.seq, int(last_seq or 0))
    if seq <= (current or 0):
        return  # markers only move forward; an older one from a slow device changes nothing
    if current is None:
        ctx.conn.execute(read_markers.insert().values(conversation_id=cid, user_id=uid, seq=seq))
    else:
        ctx.conn.execute(update(read_markers).where(marker_key).values(seq=seq))
    ctx.emit(conversation_scope(cid), KIND_READ_MARKER, f"{cid}:{uid}", read_marker_data(cid, uid, seq))


def readers_of(conn: Connection, actor: Actor, message_id: str) -> dict[str, Any]:
    """Who has and who has not read a message yet (for "who has read this important message").

    Only members of the conversation may ask. The author is in neither list. Someone who read the message
    and then left stays in "read"; "unread" is the present members who have not read it.
    """
    message = conn.execute(
        select(messages.c.conversation_id, messages.c.seq, messages.c.author_id).where(messages.c.id == message_id)
    ).first()
    if message is None:
        raise Rejection("not_found", "this message does not exist")
    present = {
        uid
        for (uid,) in conn.execute(
            select(conversation_members.c.user_id).where(
                and_(
                    conversation_members.c.conversation_id == message.conversation_id,
                    conversation_members.c.present.is_(True),
                )
            )
        )
    }
    if actor.id not in present:
        raise Rejection("forbidden", "you are not a member of this conversation")
    read = {
        uid
        for (uid,) in conn.execute(
            select(read_markers.c.user_id).where(
                and_(
                    read_markers.c.conversation_id == message.conversation_id,
                    read_markers.c.seq >= message.seq,
                )
            )
        )
    }
    read.discard(message.author_id)
    unread = present - read - {message.author_id}
    return {"message_id": message_id, "read": sorted(read), "unread": sorted(unread)}
