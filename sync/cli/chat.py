"""`atrium chat`: list conversations, page through one, and queue a message (sent by the next sync)."""

from __future__ import annotations

import argparse

from app.services import chats
from app.store import reads

from . import resolve
from .output import CliError, Context, fit, indent, when
from .session import local_session


def cmd_chat_list(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        found = reads.conversations(session.conn, session.user_id, session.language)
    if args.json:
        ctx.json([
            {"id": c.id, "kind": c.kind, "title": c.title, "unread": c.unread, "unread_more": c.unread_more,
             "last_activity": c.last_activity, "has_pending": c.has_pending, "has_rejected": c.has_rejected,
             "last_message": None if c.last_message is None else {
                 "id": c.last_message.id, "author_id": c.last_message.author_id,
                 "author": c.last_message.author_name, "preview": c.last_message.preview,
                 "at": c.last_message.at, "state": c.last_message.state}}
            for c in found
        ])
        return 0
    if not found:
        ctx.say("no conversations here yet (run atrium sync)")
    for c in found:
        unread = (f"{c.unread}+" if c.unread_more else str(c.unread)) if c.unread else ""
        last = c.last_message
        preview = f"{last.author_name}: {last.preview}" if last else ""
        flag = " ⚠" if c.has_rejected else " …" if c.has_pending else ""
        ctx.say(f"{c.id}  {fit(c.title, 28)} {unread:>4}  {when(c.last_activity)}  {fit(preview, 40)}{flag}")
    return 0


def cmd_chat_send(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        if args.to is not None:
            conversation_id = chats.open_direct(session, args.to)
        else:
            conversation_id = resolve.conversation_id(session, args.conversation)
        message_id = chats.send(session, conversation_id, args.text, important=args.important,
                                urgent_reason=args.urgent, ack_requested=args.ack or args.urgent is not None)
        title = reads.conversation_title(session.conn, conversation_id, session.user_id, session.language)
        left = chats.urgent_left(session) if args.urgent is not None else None
    ctx.say(f"queued message {message_id} to {title} — it goes out with the next `atrium sync`")
    if left is not None:
        ctx.say(f"urgent: recipients are reminded until they acknowledge; {left} urgent left in the next 24 hours")
    return 0


def cmd_chat_ack(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        message_id = resolve.ack_message_id(session, args.message)
        queued = chats.acknowledge(session, message_id)
    ctx.say("acknowledged — it reaches the sender with the next `atrium sync`" if queued
            else "you had acknowledged this message already")
    return 0


def cmd_chat_acks(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        message_id = resolve.ack_message_id(session, args.message)
        found = reads.acknowledgements(session.conn, message_id)
        language = session.language
    if args.json:
        ctx.json({"message": message_id,
                  "acknowledged": [{"user": p.username, "at": at} for p, at in found.acknowledged],
                  "waiting": [p.username for p in found.waiting], "total": found.total})
        return 0
    ctx.say(f"{len(found.acknowledged)} of {found.total} acknowledged")
    for person, at in found.acknowledged:
        ctx.say(f"  ✔ {person.name(language)}  {when(at) if at else ''}")
    for person in found.waiting:
        ctx.say(f"  … {person.name(language)}")
    return 0


def cmd_chat_history(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", 2)
    with local_session(ctx) as session:
        cid = resolve.conversation_id(session, args.conversation)
        page = reads.history(session.conn, cid, args.before, args.limit, user_id=session.user_id,
                             language=session.language)
        # The page comes newest first with unsent messages last; people read a chat oldest first.
        ordered = sorted((m for m in page if m.seq is not None), key=lambda m: m.seq or 0)
        ordered += [m for m in page if m.seq is None]
        oldest = min((m.seq for m in page if m.seq is not None), default=None)
        more = oldest is not None and bool(reads.history(session.conn, cid, oldest, 1))
        authors = reads.people_by_id(session.conn, (m.author_id for m in ordered))
        title = reads.conversation_title(session.conn, cid, session.user_id, session.language)
        user_id = session.user_id
    older = oldest if more else None
    if args.json:
        ctx.json({
            "conversation": cid, "title": title, "older_before": older,
            "messages": [
                {"id": m.id, "seq": m.seq, "author": authors[m.author_id].username if m.author_id in authors
                 else m.author_id, "author_id": m.author_id, "author_name": m.author_name, "body": m.body,
                 "sent_at": m.sent_at, "at": m.at, "state": m.state, "important": m.important,
                 "edited": m.edited_at is not None, "deleted": m.deleted, "reply_to": m.reply_to,
                 "urgent": m.urgent, "urgent_reason": m.urgent_reason, "ack_requested": m.ack_requested,
                 "acknowledged": m.acknowledged, "acknowledged_by_me": m.acknowledged_by_me,
                 **({"reason": m.reason} if m.state == "rejected" else {})}
                for m in ordered
            ],
        })
        return 0
    ctx.say(f"── {title} ({cid}) ──")
    if older is not None:
        ctx.say(f"   (older: atrium{ctx.profile_option} chat history {cid} --before {older}"
                f" --limit {args.limit})")
    for m in ordered:
        marks = "".join((f" [urgent: {m.urgent_reason}]" if m.urgent else " [important]" if m.important else "",
                         " (edited)" if m.edited_at else ""))
        if m.ack_requested and m.state == "sent":
            marks += (f" [{m.acknowledged} of {m.recipients} acknowledged]" if m.author_id == user_id
                      else " [acknowledged]" if m.acknowledged_by_me
                      else f" [please acknowledge: atrium chat ack {m.id}]")
        state = {"pending": " [sending…]", "rejected": " [not sent]"}.get(m.state, "")
        body = "(deleted)" if m.deleted else m.body
        ctx.say(f"{when(m.at)}  {m.author_name}{state}{marks}:")
        ctx.say(indent(body, "    "))
        if m.state == "rejected":
            ctx.say(f"    ⚠ {m.reason}")
    if not ordered:
        ctx.say("(no messages)")
    return 0
