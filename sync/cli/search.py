"""`atrium search`: find messages, tasks and articles in the local copy (Chinese and English words)."""

from __future__ import annotations

import argparse

from app.services import search

from .output import CliError, Context, when
from .session import local_session


def cmd_search(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", 2)
    with local_session(ctx) as session:
        hits = search.search(session, args.query, kinds=args.kind or (), limit=args.limit)
    if args.json:
        ctx.json([{"kind": h.kind, "id": h.ref_id, "container_id": h.container_id, "where": h.display_title,
                   "title": h.title, "snippet": h.snippet, "at": h.at} for h in hits])
        return 0
    if not hits:
        ctx.say(f"nothing found for “{args.query}”")
    for h in hits:
        where = h.display_title if h.kind != "article" else ""
        title = f"{h.title} — " if h.title and h.kind != "message" else ""
        ctx.say(f"[{h.kind}] {where + ': ' if where else ''}{title}{h.snippet}")
        ctx.say(f"    {when(h.at)}  {h.ref_id}")
    return 0
