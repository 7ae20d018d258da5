"""`atrium sync`: send and fetch once (`--once`) or follow the server until Ctrl+C; and how a sync failure reads.

Without a system keychain no session outlives a command, so `sync --user NAME --password-stdin` signs the
profile's own person in for this run.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import signal
import sys

from app import clock
from app.paths import profile_label
from app.store import Store

from ..engine import ServerIdentityChanged, SignInRequired, SyncEngine, SyncReport
from ..transport import BadReply, Refused, ServerFailed, SyncError, Unreachable, stop_task
from .output import CliError, Context, UsageError
from .session import local_store, online
from .signin import check_person, profile_person, read_password, refusal_text, sign_in

log = logging.getLogger("atrium.cli")
Credentials = tuple[str, str]  # user name, password


def report_line(report: SyncReport) -> str:
    refused = f", {report.rejected} refused" if report.rejected else ""
    return f"synced: {report.pushed} changes sent{refused}, {report.pulled} received"


def sync_failure(ctx: Context, exc: SyncError, pending: int, url: str, *, keychain: bool = True) -> str:
    kept = f"your {pending} unsent changes are kept" if pending else "nothing local was lost"
    if isinstance(exc, SignInRequired):
        if not keychain:
            return (f"{exc}; there is no system keychain, so a session lasts only for one command: "
                    f"atrium{ctx.profile_option} sync --once --user NAME --password-stdin")
        return f"{exc}; sign in again: atrium{ctx.profile_option} login --server {url} --user NAME"
    if isinstance(exc, ServerIdentityChanged):
        return str(exc)
    if isinstance(exc, Unreachable):
        return f"offline: {exc}; {kept} and go out on the next sync"
    if isinstance(exc, ServerFailed | BadReply):
        return f"the sync did not finish: {exc}; {kept}"
    if isinstance(exc, Refused):
        return f"the server refused the sync: {refusal_text(exc)}; {kept}"
    return f"the sync did not finish: {exc}; {kept}"


def cmd_sync(ctx: Context, args: argparse.Namespace) -> int:
    credentials = _credentials(ctx, args)
    if args.once:
        return asyncio.run(_sync_once(ctx, credentials))
    try:
        return asyncio.run(_sync_forever(ctx, credentials))
    except KeyboardInterrupt:
        # asyncio.run has cancelled the engine and closed the store before the interrupt reaches us.
        ctx.say("stopped")
        return 0


def _credentials(ctx: Context, args: argparse.Namespace) -> Credentials | None:
    """`--user NAME` (and its password) when it names the profile's own person; checked before any prompt."""
    if args.user is None:
        if args.password_stdin:
            raise UsageError("--password-stdin goes with --user NAME")
        return None
    with local_store(ctx) as store:
        person, url = profile_person(store), store.state("server_url")
    if not person or not url:
        raise CliError(f"nobody has signed in on this profile yet: run {ctx.login_hint}")
    check_person(ctx, person, args.user)
    return args.user, read_password(args.user, url, from_stdin=args.password_stdin)


async def _failure(ctx: Context, engine: SyncEngine, exc: SyncError) -> CliError:
    pending = (await engine.db.run(Store.outbox_counts))["pending"]
    return CliError(sync_failure(ctx, exc, pending, engine.transport.base_url, keychain=engine.vault.secure))


async def _sync_once(ctx: Context, credentials: Credentials | None) -> int:
    async with online(ctx) as engine:
        if credentials:
            await sign_in(engine, *credentials)
        before = {e.mutation_id for e in await engine.db.run(Store.rejected)}
        try:
            report = await engine.sync_once()
        except SyncError as exc:
            raise await _failure(ctx, engine, exc) from None
        refused = [e for e in await engine.db.run(Store.rejected) if e.mutation_id not in before]
    ctx.say(report_line(report))
    for entry in refused:
        ctx.warn(f"refused: {entry.summary} — {entry.reason} [#{entry.mutation_id}; "
                 f"atrium outbox retry|discard {entry.mutation_id}]")
    return 0


async def _sync_forever(ctx: Context, credentials: Credentials | None) -> int:
    async with online(ctx) as engine:
        if credentials:
            await sign_in(engine, *credentials)
        url = engine.transport.base_url

        def on_state(state: str, detail: str | None) -> None:
            stamp = clock.local_now().strftime("%H:%M:%S")
            if state == "online":
                ctx.say(f"{stamp} synced with {url}")
            elif state == "offline":
                ctx.say(f"{stamp} offline: {detail}; changes are kept, retrying")
            elif state in ("signed_out", "error"):
                ctx.say(f"{stamp} sync stopped: {detail}")
            sys.stdout.flush()  # a line per sync, even when piped

        engine.listeners.append(on_state)
        ctx.say(f"syncing profile {profile_label(ctx.profile)} with {url}; Ctrl+C stops")
        interrupted = _stop_on_interrupt()
        try:
            await engine.run()
        except asyncio.CancelledError:
            if not interrupted.is_set():
                raise
            ctx.say("stopped")
        except SyncError as exc:
            raise await _failure(ctx, engine, exc) from None
        finally:
            await _settle_other_tasks()
    return 0


def _stop_on_interrupt() -> asyncio.Event:
    """Ctrl+C cancels this task through the event loop's own signal handling.

    asyncio.run's handler is a plain Python signal handler: when the signal reaches another thread (the store's,
    say) while the loop sleeps in select(), it only runs when the loop next wakes — up to a poll interval later.
    The loop's handler wakes it at once (it writes to the loop's wake-up pipe). Windows has no such handler;
    there asyncio.run's own one stays in charge.
    """
    interrupted = asyncio.Event()
    task = asyncio.current_task()

    def interrupt() -> None:
        interrupted.set()
        if task is not None:
            task.cancel()

    with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows, or not the main thread
        asyncio.get_running_loop().add_signal_handler(signal.SIGINT, interrupt)
    return interrupted


async def _settle_other_tasks() -> None:
    """Finish any background task still running (the engine's own are stopped by SyncEngine.run) before the
    transport and the store close under it. This command owns the event loop, so nothing else needs them."""
    me = asyncio.current_task()
    for task in [t for t in asyncio.all_tasks() if t is not me and not t.done()]:
        await stop_task(task)
        if not task.cancelled() and task.exception() is not None:
            log.info("background task ended: %r", task.exception())
