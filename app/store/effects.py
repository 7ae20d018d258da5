"""What each mutation does to the local store before the server has seen it (the optimistic effect).

An effect is applied when the person acts and again whenever fresh server data arrives for a row it touched
while it is still pending, so it must only *set* values (applying it twice is the same as once). Every row an
effect writes is recorded with the mutation, so the store can put the rows back if the server refuses it.
The server's own handlers are the truth; these only approximate them so the UI is right at once.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from app.ids import direct_conversation_id

from . import rows


@dataclass
class EffectContext:
    conn: sqlite3.Connection
    user_id: str
    hlc: str
    now: str
    touched: list[tuple[str, str]] = field(default_factory=list)  # (kind, id) written
    # Called before a row is first written, so the store can keep the server's version of it.
    before_write: Callable[[str, str], None] | None = None

    def get(self, kind: str, entity_id: str) -> dict[str, Any] | None:
        found = rows.read_row(self.conn, kind, entity_id)
        return found[0] if found else None

    def put(self, kind: str, entity_id: str, data: dict[str, Any], scope: str) -> None:
        if self.before_write is not None:
            self.before_write(kind, entity_id)
        self.touched.append((kind, entity_id))
        rows.write_row(self.conn, kind, entity_id, data, scope, state="pending")

    def patch(self, kind: str, entity_id: str, **changes: Any) -> bool:
        found = rows.read_row(self.conn, kind, entity_id)
        if found is None:
            return False
        data, scope = found
        data.update(changes)
        self.put(kind, entity_id, data, scope)
        return True


Effect = Callable[[EffectContext, dict[str, Any]], None]
EFFECTS: dict[str, Effect] = {}


def effect(name: str) -> Callable[[Effect], Effect]:
    def register(func: Effect) -> Effect:
        EFFECTS[name] = func
        return func

    return register


def _member(ctx: EffectContext, kind: str, container: str, user_id: str, present: bool, scope: str) -> None:
    key = "conversation_id" if kind == "conversation_member" else "space_id"
    ctx.put(kind, f"{container}:{user_id}", {key: container, "user_id": user_id, "present": present}, scope)


# ---------------------------------------------------------------------------------------------- chats


@effect("conversation.create_direct")
def _create_direct(ctx: EffectContext, args: dict[str, Any]) -> None:
    cid = direct_conversation_id(ctx.user_id, args["peer_id"])
    scope = f"conv:{cid}"
    if ctx.get("conversation", cid) is None:
        ctx.put("conversation", cid, {"id": cid, "kind": "direct", "title": "", "created_by": ctx.user_id,
                                      "created_at": ctx.now, "last_seq": 0}, scope)
        for uid in (ctx.user_id, args["peer_id"]):
            _member(ctx, "conversation_member", cid, uid, True, scope)


@effect("conversation.create_group")
def _create_group(ctx: EffectContext, args: dict[str, Any]) -> None:
    cid, scope = args["id"], f"conv:{args['id']}"
    if ctx.get("conversation", cid) is None:
        ctx.put("conversation", cid, {"id": cid, "kind": "group", "title": args["title"], "created_by": ctx.user_id,
                                      "created_at": ctx.now, "last_seq": 0}, scope)
        for uid in dict.fromkeys([ctx.user_id, *args.get("member_ids", [])]):
            _member(ctx, "conversation_member", cid, uid, True, scope)


@effect("conversation.rename")
def _rename(ctx: EffectContext, args: dict[str, Any]) -> None:
    ctx.patch("conversation", args["conversation_id"], title=args["title"])


@effect("conversation.add_member")
def _add_member(ctx: EffectContext, args: dict[str, Any]) -> None:
    cid = args["conversation_id"]
    _member(ctx, "conversation_member", cid, args["user_id"], True, f"conv:{cid}")


@effect("conversation.remove_member")
def _remove_member(ctx: EffectContext, args: dict[str, Any]) -> None:
    cid = args["conversation_id"]
    _member(ctx, "conversation_member", cid, args["user_id"], False, f"conv:{cid}")


@effect("message.send")
def _send(ctx: EffectContext, args: dict[str, Any]) -> None:
    if ctx.get("message", args["id"]) is not None:
        return  # already here: sent, or the server's copy arrived first
    ctx.put("message", args["id"], {
        "id": args["id"], "conversation_id": args["conversation_id"], "seq": None, "author_id": ctx.user_id,
        "body": args["body"], "reply_to": args.get("reply_to"), "important": bool(args.get("important")),
        "mentions": list(args.get("mentions", [])), "sent_at": None, "created_hlc": ctx.hlc, "edited_at": None,
        "deleted": False, "urgent": bool(args.get("urgent")),
        "urgent_reason": (args.get("urgent_reason") or "").strip() or None if args.get("urgent") else None,
        "ack_requested": bool(args.get("ack_requested")),
    }, f"conv:{args['conversation_id']}")


@effect("message.acknowledge")
def _acknowledge(ctx: EffectContext, args: dict[str, Any]) -> None:
    message = ctx.get("message", args["message_id"])
    key = f"{args['message_id']}:{ctx.user_id}"
    if message is None or ctx.get("acknowledgement", key) is not None:
        return
    ctx.put("acknowledgement", key, {"message_id": args["message_id"], "user_id": ctx.user_id, "at": ctx.now},
            f"conv:{message['conversation_id']}")


@effect("preference.set")
def _set_preference(ctx: EffectContext, args: dict[str, Any]) -> None:
    owner = "org" if args.get("level") == "org" else ctx.user_id
    scope = "org" if owner == "org" else f"user:{owner}"
    ctx.put("preference", f"{owner}:{args['key']}",
            {"owner": owner, "key": args["key"], "value": args["value"], "hlc": ctx.hlc}, scope)


@effect("message.edit")
def _edit_message(ctx: EffectContext, args: dict[str, Any]) -> None:
    ctx.patch("message", args["id"], body=args["body"], edited_at=ctx.now)


@effect("message.delete")
def _delete_message(ctx: EffectContext, args: dict[str, Any]) -> None:
    ctx.patch("message", args["id"], body="", mentions=[], deleted=True)


@effect("message.react")
def _react(ctx: EffectContext, args: dict[str, Any]) -> None:
    message = ctx.get("message", args["message_id"])
    if message is None:
        return
    key = f"{args['message_id']}:{ctx.user_id}:{args['emoji']}"
    ctx.put("reaction", key, {"message_id": args["message_id"], "user_id": ctx.user_id, "emoji": args["emoji"],
                              "present": bool(args["present"])}, f"conv:{message['conversation_id']}")


@effect("read.mark")
def _mark_read(ctx: EffectContext, args: dict[str, Any]) -> None:
    cid = args["conversation_id"]
    key = f"{cid}:{ctx.user_id}"
    current = ctx.get("read_marker", key)
    seq = max(int(args["seq"]), int(current["seq"]) if current else 0)
    ctx.put("read_marker", key, {"conversation_id": cid, "user_id": ctx.user_id, "seq": seq}, f"conv:{cid}")


# --------------------------------------------------------------------------------------- spaces, tasks


@effect("space.create")
def _create_space(ctx: EffectContext, args: dict[str, Any]) -> None:
    sid, scope = args["id"], f"space:{args['id']}"
    if ctx.get("space", sid) is None:
        ctx.put("space", sid, {"id": sid, "kind": "project", "title": args["title"],
                               "description": args.get("description", ""), "department_id": None,
                               "created_by": ctx.user_id, "created_at": ctx.now}, scope)
        for uid in dict.fromkeys([ctx.user_id, *args.get("member_ids", [])]):
            _member(ctx, "space_member", sid, uid, True, scope)


@effect("space.add_member")
def _space_add(ctx: EffectContext, args: dict[str, Any]) -> None:
    _member(ctx, "space_member", args["space_id"], args["user_id"], True, f"space:{args['space_id']}")


@effect("space.remove_member")
def _space_remove(ctx: EffectContext, args: dict[str, Any]) -> None:
    _member(ctx, "space_member", args["space_id"], args["user_id"], False, f"space:{args['space_id']}")


_TASK_FIELDS = ("title", "description", "owner_id", "due", "status", "progress", "depends_on")


@effect("task.create")
def _create_task(ctx: EffectContext, args: dict[str, Any]) -> None:
    if ctx.get("task", args["id"]) is not None:
        return
    data = {
        "id": args["id"], "space_id": args["space_id"], "title": args["title"],
        "description": args.get("description", ""), "owner_id": args.get("owner_id"), "due": args.get("due"),
        "status": args.get("status", "todo"), "progress": int(args.get("progress", 0)),
        "depends_on": list(args.get("depends_on", [])), "clocks": dict.fromkeys(_TASK_FIELDS, ctx.hlc),
        "created_by": ctx.user_id, "created_at": ctx.now, "updated_at": ctx.now, "deleted": False,
    }
    ctx.put("task", args["id"], data, f"space:{args['space_id']}")


@effect("task.update")
def _update_task(ctx: EffectContext, args: dict[str, Any]) -> None:
    task = ctx.get("task", args["id"])
    if task is None:
        return
    clocks = dict(task.get("clocks") or {})
    changes: dict[str, Any] = {}
    for name, value in args["fields"].items():
        # The same rule as the server: a value only replaces one written with an older clock.
        if name in _TASK_FIELDS and ctx.hlc >= clocks.get(name, ""):
            changes[name] = value
            clocks[name] = ctx.hlc
    if changes:
        ctx.patch("task", args["id"], **changes, clocks=clocks, updated_at=ctx.now)


@effect("task.delete")
def _delete_task(ctx: EffectContext, args: dict[str, Any]) -> None:
    ctx.patch("task", args["id"], deleted=True, updated_at=ctx.now)


# ------------------------------------------------------------------------------------------- articles


def _article_scope(ctx: EffectContext, article: dict[str, Any] | None) -> str:
    if article and article["status"] == "published":
        return "kb"
    return f"drafts:{article['author_id'] if article else ctx.user_id}"


@effect("article.create")
def _create_article(ctx: EffectContext, args: dict[str, Any]) -> None:
    if ctx.get("article", args["id"]) is not None:
        return
    scope = f"drafts:{ctx.user_id}"
    ctx.put("article", args["id"], {
        "id": args["id"], "title": args["title"], "category": args.get("category", ""),
        "tags": list(args.get("tags", [])), "status": "draft", "author_id": ctx.user_id,
        "head_revision_id": args["revision_id"], "created_at": ctx.now, "updated_at": ctx.now,
        "published_at": None, "reviewer_id": None, "review_comment": "", "like_count": 0,
    }, scope)
    ctx.put("article_revision", args["revision_id"], {
        "id": args["revision_id"], "article_id": args["id"], "parent_id": None, "base_revision_id": None,
        "author_id": ctx.user_id, "title": args["title"], "body": args.get("body", ""), "kind": "edit",
        "created_at": ctx.now,
    }, scope)


@effect("article.edit")
def _edit_article(ctx: EffectContext, args: dict[str, Any]) -> None:
    article = ctx.get("article", args["id"])
    if article is None:
        return
    scope = _article_scope(ctx, article)
    title = args.get("title") or article["title"]
    ctx.put("article_revision", args["revision_id"], {
        "id": args["revision_id"], "article_id": args["id"], "parent_id": article["head_revision_id"],
        "base_revision_id": args["base_revision_id"], "author_id": ctx.user_id, "title": title,
        "body": args["body"], "kind": "edit", "created_at": ctx.now,
    }, scope)
    changes: dict[str, Any] = {"head_revision_id": args["revision_id"], "title": title, "updated_at": ctx.now}
    for name in ("category", "tags"):
        if args.get(name) is not None:
            changes[name] = args[name]
    ctx.patch("article", args["id"], **changes)


@effect("article.submit")
def _submit(ctx: EffectContext, args: dict[str, Any]) -> None:
    ctx.patch("article", args["id"], status="in_review", updated_at=ctx.now)


@effect("article.review")
def _review(ctx: EffectContext, args: dict[str, Any]) -> None:
    approved = args["decision"] == "approve"
    ctx.patch("article", args["id"], status="published" if approved else "draft", reviewer_id=ctx.user_id,
              review_comment=args.get("comment", ""), published_at=ctx.now if approved else None)


def _flag(ctx: EffectContext, args: dict[str, Any], kind: str) -> None:
    article = ctx.get("article", args["id"])
    scope = f"user:{ctx.user_id}" if kind == "favorite" else _article_scope(ctx, article)
    ctx.put(kind, f"{args['id']}:{ctx.user_id}", {"article_id": args["id"], "user_id": ctx.user_id,
                                                  "present": bool(args["present"]), "hlc": ctx.hlc}, scope)


@effect("article.favorite")
def _favorite(ctx: EffectContext, args: dict[str, Any]) -> None:
    _flag(ctx, args, "favorite")


@effect("article.like")
def _like(ctx: EffectContext, args: dict[str, Any]) -> None:
    _flag(ctx, args, "article_like")
