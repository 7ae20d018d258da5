"""`atrium login` and `atrium logout`: start a session on a profile, end it, and wipe the local copy.

Plain `logout` ends the session and makes the store forget who is signed in, but keeps the local copy and
the unsent changes for the same person's next sign-in. `logout --wipe` also deletes the local copy, as when
someone leaves the organisation; it refuses while changes are unsent unless `--force` says to drop them.
"""

from __future__ import annotations

import argparse
import asyncio

from app.paths import profile_label

from ..transport import SyncError
from .output import CliError, Context, UsageError
from .session import cache_files, local_store, online
from .signin import check_person, forget_person, known_person, no_keychain_notice, read_password, sign_in
from .syncing import report_line


def cmd_login(ctx: Context, args: argparse.Namespace) -> int:
    server = args.server.strip().rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise CliError(f"“{args.server}” is not a server address; write it as https://host[:port]", 2)
    check_person(ctx, known_person(ctx), args.user)
    password = read_password(args.user, args.server, from_stdin=args.password_stdin)
    return asyncio.run(_login(ctx, server, args.user, password, sync=not args.no_sync))


async def _login(ctx: Context, server: str, username: str, password: str, *, sync: bool) -> int:
    async with online(ctx, server_url=server) as engine:
        user = await sign_in(engine, username, password)
        name = user.display_name or user.username
        ctx.say(f"signed in as {name} ({user.username}) at {server} — profile {profile_label(ctx.profile)}")
        if not engine.vault.secure:
            ctx.warn(no_keychain_notice(ctx, user.username))
        if sync:
            try:
                report = await engine.sync_once()
            except SyncError as exc:
                # Signing in worked; the first sync can be retried with `atrium sync`.
                ctx.warn(f"the first sync did not finish ({exc}); run atrium{ctx.profile_option} sync --once")
            else:
                ctx.say(report_line(report))
    return 0


def cmd_logout(ctx: Context, args: argparse.Namespace) -> int:
    if args.force and not args.wipe:
        raise UsageError("--force only goes with --wipe (plain logout keeps unsent changes)")
    return asyncio.run(_logout(ctx, wipe=args.wipe, force=args.force))


async def _logout(ctx: Context, *, wipe: bool, force: bool) -> int:
    with local_store(ctx) as store:
        counts = store.outbox_counts()
        server_url = store.state("server_url")
        person = store.state("username")
    unsent = counts["pending"] + counts["rejected"]
    if wipe and unsent and not force:
        refused = f" ({counts['rejected']} of them refused by the server)" if counts["rejected"] else ""
        raise CliError(f"{unsent} unsent changes{refused} would be lost with the local copy; send them first "
                       f"with atrium{ctx.profile_option} sync --once, or add --force to drop them")
    had_session = False
    if server_url:  # a profile whose first sign-in failed has no server and no session
        async with online(ctx) as engine:
            had_session = engine.vault.load() is not None
            await engine.sign_out()
    label = profile_label(ctx.profile)
    if wipe:
        _delete_local_copy(ctx)
        ctx.say(f"signed out of profile {label} and deleted its local copy")
        if unsent:
            ctx.say(f"{unsent} unsent changes were dropped")
        return 0
    with local_store(ctx) as store:
        forget_person(store)
    if had_session or person:
        ctx.say(f"signed out of profile {label}" + (f" ({person})" if person else ""))
    else:
        ctx.say("not signed in (nothing to sign out of)")
    if counts["pending"]:
        ctx.say(f"{counts['pending']} unsent changes are kept here; they go out after {person or 'you'} "
                "signs in again")
    return 0


def _delete_local_copy(ctx: Context) -> None:
    """Delete the store and SQLite's companion files (the session is already gone from the keychain)."""
    for path in cache_files(ctx):
        try:
            path.unlink(missing_ok=True)
        except OSError as exc:
            raise CliError(f"signed out, but the local copy could not be deleted: {path}: "
                           f"{exc.strerror or exc}") from None
