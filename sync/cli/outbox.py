"""`atrium outbox`: the changes waiting to be sent, and retrying or discarding the ones the server refused."""

from __future__ import annotations

import argparse

from app.store import reads

from .output import CliError, Context
from .session import local_session, local_store


def _mutation_id(text: str) -> int:
    try:
        return int(text.lstrip("#"))
    except ValueError:
        raise CliError(f"“{text}” is not a change number (see atrium status)", 2) from None


def cmd_outbox_list(ctx: Context, args: argparse.Namespace) -> int:
    with local_store(ctx) as store:
        box = reads.outbox(store.conn)
    if args.json:
        ctx.json({"pending": box.pending, "rejected": [
            {"mutation_id": r.mutation_id, "name": r.name, "summary": r.summary, "code": r.code, "reason": r.reason,
             "created_at": r.created_at} for r in box.rejected]})
        return 0
    ctx.say(f"unsent: {box.pending_total}" + "".join(f", {k} {n}" for k, n in box.pending.items()))
    for r in box.rejected:
        ctx.say(f"#{r.mutation_id}  {r.summary}\n        reason: {r.reason} [{r.code}]")
    return 0


def cmd_outbox_retry(ctx: Context, args: argparse.Namespace) -> int:
    mutation_id = _mutation_id(args.id)
    with local_session(ctx) as session:
        new_id = session.retry(mutation_id)
    if new_id is None:
        raise CliError(f"there is no refused change #{mutation_id} (see atrium status)")
    ctx.say(f"queued #{mutation_id} again as #{new_id} — it goes out with the next `atrium sync`")
    return 0


def cmd_outbox_discard(ctx: Context, args: argparse.Namespace) -> int:
    mutation_id = _mutation_id(args.id)
    with local_store(ctx) as store:
        if not store.discard(mutation_id):
            raise CliError(f"there is no refused change #{mutation_id} (see atrium status)")
    ctx.say(f"discarded refused change #{mutation_id}")
    return 0
