"""`atrium status`: who is signed in on the profile, where its session lives, what waits and what was refused."""

from __future__ import annotations

import argparse
from typing import Any

from app.paths import profile_label
from app.store import reads

from .output import Context, when
from .session import local_store, vault_for
from .signin import OWNER_NAME


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    with local_store(ctx) as store:
        folder = store.path.parent
        vault = vault_for(folder)
        box = reads.outbox(store.conn)
        user_id = store.state("user_id")
        data: dict[str, Any] = {
            "profile": profile_label(ctx.profile),
            "profile_dir": str(folder),
            "user": store.state("username"),
            "user_id": user_id,
            "display_name": store.state("display_name"),
            "role": store.state("role"),
            "server": store.state("server_url"),
            "signed_in": vault.load() is not None,
            "keychain": vault.secure,
            "pending": box.pending_total,
            "pending_by_kind": box.pending,
            "rejected": len(box.rejected),
            "rejected_changes": [
                {"mutation_id": r.mutation_id, "name": r.name, "summary": r.summary, "code": r.code,
                 "reason": r.reason, "created_at": r.created_at}
                for r in box.rejected
            ],
            "last_sync": store.state("last_sync"),
            "last_error": store.state("last_error"),
        }
        owner = store.state(OWNER_NAME)
    if args.json:
        ctx.json(data)
        return 0
    who = (f"{data['display_name'] or ''} ({data['user']})" if data["user"]
           else f"nobody (signed out: {owner})" if owner else "nobody (not signed in)")
    session = ("signed in" if data["signed_in"] else "signed out") + (
        ", session in the system keychain" if data["keychain"] else ", no system keychain: session in memory only")
    waiting = ", ".join(f"{kind} {count}" for kind, count in box.pending.items())
    rows = [
        ("profile", f"{data['profile']} ({data['profile_dir']})"),
        ("user", who + (f" · {data['role']}" if data["role"] else "")),
        ("server", data["server"] or "-"),
        ("session", session),
        ("last sync", when(data["last_sync"])),
        ("unsent", f"{data['pending']}" + (f" ({waiting})" if waiting else "")),
        ("refused", str(data["rejected"])),
    ]
    if data["last_error"]:
        rows.append(("last error", data["last_error"]))
    for label, value in rows:
        ctx.say(f"{label:<11}{value}")
    if box.rejected:
        ctx.say()
        ctx.say("Refused changes (the server said no; nothing was dropped):")
        for r in box.rejected:
            ctx.say(f"  #{r.mutation_id}  {r.summary}")
            ctx.say(f"        reason: {r.reason} [{r.code}]")
        ctx.say(f"Retry one with `atrium{ctx.profile_option} outbox retry ID` or drop it with "
                f"`atrium{ctx.profile_option} outbox discard ID`.")
    return 0
