"""`atrium kb`: write, edit, list and read knowledge-base articles (changes are sent by the next sync)."""

from __future__ import annotations

import argparse
from typing import Any

from app.services import knowledge
from app.store import reads

from . import resolve
from .output import CliError, Context, fit, read_text, when
from .session import local_session


def _body(args: argparse.Namespace) -> str:
    return read_text(args.file) if args.file is not None else str(args.body)


def cmd_kb_add(ctx: Context, args: argparse.Namespace) -> int:
    body = _body(args)
    with local_session(ctx) as session:
        article_id = knowledge.create_article(session, args.title, body, category=args.category or "",
                                              tags=args.tag or [])
    ctx.say(f"queued draft article {article_id} — it goes out with the next `atrium sync`")
    return 0


def cmd_kb_edit(ctx: Context, args: argparse.Namespace) -> int:
    body = _body(args)
    with local_session(ctx) as session:
        article_id = resolve.article_id(session, args.id)
        revision = knowledge.edit_article(session, article_id, body, title=args.title)
    if revision is None:
        ctx.say("nothing to change: the article already reads like this")
    else:
        ctx.say(f"queued edit of article {article_id} (revision {revision}) — it goes out with the next "
                "`atrium sync`")
    return 0


def cmd_kb_list(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        found = reads.articles(session.conn, session.user_id, category=args.category, tag=args.tag,
                               language=session.language)
    if args.json:
        ctx.json([_article_json(a) for a in found])
        return 0
    if not found:
        ctx.say("no articles here")
    for a in found:
        ctx.say(f"{a.id}  {fit(a.status, 9)} {fit(a.category or '-', 10)} {fit(a.author_name, 10)} {a.title}")
    return 0


def _article_json(a: reads.ArticleView) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "category": a.category, "tags": list(a.tags), "status": a.status,
            "author_id": a.author_id, "author_name": a.author_name, "head_revision_id": a.head_revision_id,
            "created_at": a.created_at, "updated_at": a.updated_at, "published_at": a.published_at,
            "likes": a.like_count, "liked": a.liked, "favorite": a.favorite, "open_conflicts": a.open_conflicts,
            "state": a.state}


def cmd_kb_show(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        article_id = resolve.article_id(session, args.id)
        detail = reads.article(session.conn, article_id, session.user_id, session.language)
    if detail is None:  # purged between naming and reading it: report as unknown
        raise CliError(f"there is no article “{args.id}” here")
    a = detail.article
    if args.json:
        ctx.json({**_article_json(a), "body": detail.body, "revisions": [
            {"id": r.id, "author_name": r.author_name, "kind": r.kind, "created_at": r.created_at, "state": r.state}
            for r in detail.revisions]})
        return 0
    ctx.say(a.title)
    meta = [a.status, a.category, ", ".join(a.tags), a.author_name, when(a.updated_at)]
    ctx.say(" · ".join(m for m in meta if m))
    if a.state != "synced":
        ctx.say("(local changes not synced yet)")
    if a.open_conflicts:
        ctx.say(f"⚠ {a.open_conflicts} conflicting edits to resolve (in the desktop app)")
    ctx.say("")
    ctx.say(detail.body)
    ctx.say("")
    ctx.say(f"{len(detail.revisions)} revisions · {a.like_count} likes · id {a.id}")
    return 0
