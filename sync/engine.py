"""The client sync engine: push the outbox, pull until up to date, follow the live channel.

One `sync_once` is: check the server is the one this profile knew (a wiped or different server is never
read as "delete everything"), push the outbox in batches and record each result, then pull every scope until
the server says there is no more, applying each page in one transaction together with its cursors. `run`
repeats that whenever the live channel pokes or the person changed something, reconnects with exponential
backoff and jitter, and falls back to polling. Every decision is logged as action + reason; tokens never are.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import platform
import sqlite3
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import ValidationError
from tenacity import AsyncRetrying, retry_if_exception_type, wait_exponential_jitter

from app import clock
from app.credentials import Tokens, TokenVault
from app.store import Store, StoreError, prepare_pull
from app.store.worker import StoreWorker

from .protocol import MAX_PUSH_BATCH, Mutation, PullRequest, PushRequest, TokenReply, UserInfo
from .transport import (
    AuthFailed,
    BadReply,
    PullPage,
    Refused,
    ServerFailed,
    SyncError,
    Transport,
    Unreachable,
    parse_pull,
    stop_task,
)

log = logging.getLogger("atrium.sync")
T = TypeVar("T")

PUSH_BATCH = 500
PULL_PAGE = 5000  # changes per pull page; the next page is fetched while this one is applied
# In a window, smaller pages: each page is validated and applied while the GUI thread shares the GIL.
INTERACTIVE_PULL_PAGE = 1000  # the validation of a page holds the GIL: 2,000 changes stalled the window ~100 ms
_TRANSIENT = (Unreachable, ServerFailed, BadReply)


class SignInRequired(SyncError):
    """The session has ended (expired, signed out elsewhere, account disabled): sign in again. Nothing is lost."""


class ServerIdentityChanged(SyncError):
    """The server at this address is not the one this profile synced with; nothing was changed locally."""


@dataclass(frozen=True)
class SyncReport:
    pushed: int
    rejected: int
    pulled: int


def _now() -> str:
    return clock.iso_now("seconds")


class SyncEngine:
    def __init__(
        self, worker: StoreWorker, transport: Transport, vault: TokenVault, *, interactive: bool = False
    ) -> None:
        self.db = worker
        # In a window the GUI thread shares the GIL with this loop: smaller pages, validated on a thread.
        # Headless (CLI, servers, benchmarks) nothing waits on the loop: big pages validated in place.
        self.interactive = interactive
        self.transport = transport
        self.vault = vault
        self._wanted = asyncio.Event()
        self._lock = asyncio.Lock()
        self.state = "idle"  # idle | syncing | online | offline | signed_out | error
        self.live_connected = False  # the live channel is open (its "ready" came and it has not ended since)
        self.listeners: list[Callable[[str, str | None], None]] = []

    # ------------------------------------------------------------------------------------------ signing in

    async def sign_in(self, username: str, password: str) -> UserInfo:
        """Sign in and remember the server; refuses a different server than the one this profile knew."""
        health = await self.transport.health()
        known_instance, known_user, client_id = await self.db.run(_profile_owner)
        if known_instance and known_instance != health.instance_id:
            raise ServerIdentityChanged(
                "this profile belongs to another Atrium server (or the server was reset); "
                "use a new profile for this one — nothing was changed"
            )
        reply: TokenReply = await self.transport.login(username, password, client_id, device=platform.node())
        if known_user and known_user != reply.user.id:
            await self.transport.logout(reply.access_token)
            raise SyncError(
                f"this profile belongs to another person; use a new profile for {reply.user.username}"
            )
        self.vault.save(Tokens(reply.access_token, reply.refresh_token))
        await self.db.run(
            lambda s: s.set_state(
                server_url=self.transport.base_url,
                instance_id=health.instance_id,
                user_id=reply.user.id,
                username=reply.user.username,
                display_name=reply.user.display_name,
                role=reply.user.role.value,
                client_id=reply.client_id,
                last_error=None,
                signed_out_user_id=None,
                signed_out_username=None,
            )
        )
        log.info("signed in user=%s server=%s", reply.user.username, self.transport.base_url)
        self._set_state("idle", None)
        return reply.user

    async def sign_out(self) -> None:
        tokens = self.vault.load()
        self.vault.clear()
        if tokens:
            try:
                await self.transport.logout(tokens.access_token)
            except SyncError as exc:
                log.info("sign-out not confirmed by the server (%s); the local session is gone anyway", exc)
        self._set_state("signed_out", None)

    # ------------------------------------------------------------------------------------------- one sync

    async def sync_once(self) -> SyncReport:
        async with self._lock:
            self._set_state("syncing", None)
            try:
                report = await self._sync()
            except (SignInRequired, ServerIdentityChanged) as exc:
                await self._record_error(str(exc))
                self._set_state("signed_out" if isinstance(exc, SignInRequired) else "error", str(exc))
                raise
            except _TRANSIENT as exc:
                await self._record_error(str(exc))
                self._set_state("offline", str(exc))
                raise
            except (SyncError, StoreError) as exc:
                await self._record_error(str(exc))
                self._set_state("error", str(exc))
                raise
            except asyncio.CancelledError:
                self._set_state("idle", None)  # stopped part-way (quit, sign-out, work offline): not syncing now
                raise
            await self.db.run(lambda s: s.set_state(last_sync=_now(), last_error=None))
            self._set_state("online", None)
            return report

    async def _sync(self) -> SyncReport:
        await self._check_identity()
        pushed, rejected = await self._push_all()
        pulled = await self._pull_all()
        log.info("sync done pushed=%d rejected=%d pulled=%d", pushed, rejected, pulled)
        return SyncReport(pushed, rejected, pulled)

    async def _check_identity(self) -> None:
        health = await self.transport.health()
        known = await self.db.run(lambda s: s.state("instance_id"))
        if known is None:
            raise SignInRequired("sign in first")
        if known != health.instance_id:
            log.warning("stop sync reason=server-identity-changed known=%s now=%s", known, health.instance_id)
            raise ServerIdentityChanged(
                f"the server at {self.transport.base_url} is not the one this profile synced with (it may have "
                "been reset or replaced); nothing was changed locally — ask your administrator"
            )

    async def _push_all(self) -> tuple[int, int]:
        client_id = await self.db.run(lambda s: s.state("client_id"))
        if not client_id:
            raise SignInRequired("sign in first")
        pushed = rejected = 0
        while True:
            entries = await self.db.run(lambda s: s.pending(min(PUSH_BATCH, MAX_PUSH_BATCH)))
            if not entries:
                return pushed, rejected
            mutations, invalid = [], []
            for entry in entries:
                try:
                    mutations.append(
                        Mutation(mutation_id=entry.mutation_id, name=entry.name, args=entry.args, hlc=entry.hlc)
                    )
                except ValidationError:
                    invalid.append((entry.mutation_id, "rejected", "invalid", "this change could not be sent"))
            if invalid:
                await self.db.run(Store.resolve, invalid)
            if not mutations:
                continue
            request = PushRequest(client_id=client_id, mutations=mutations)
            reply = await self._authorized(self.transport.push, request)
            answered = {r.mutation_id for r in reply.results}
            missing = [m.mutation_id for m in mutations if m.mutation_id not in answered]
            if missing:
                raise BadReply(f"the server did not answer for {len(missing)} changes; they stay queued")
            results = [(r.mutation_id, r.status.value, r.code, r.reason) for r in reply.results]
            await self.db.run(Store.resolve, results)
            rejected += sum(1 for r in reply.results if r.status.value == "rejected")
            pushed += len(results)
            log.info("push batch=%d rejected=%d", len(results), rejected)

    async def _pull_all(self) -> int:
        """Pull pages until up to date, each written in one transaction with its cursors, one at a time, in order.

        Three things happen side by side: the server builds page N+1 (its request goes out with the cursors from
        N's reply, not the store), this loop validates and prepares pages (Python), and the store's thread writes
        the page before (SQLite, which releases the GIL for whole statements: see database.insert_many).
        """
        pulled = 0
        cursors = await self.db.run(Store.cursors)
        page = await self._parse(await self._request_page(cursors))
        following: asyncio.Future[bytes] | None = None
        writing: asyncio.Future[Any] | None = None
        in_writing = 0  # changes in the page being written
        try:
            while True:
                if any(c.op == "upsert" and c.data is None for c in page.changes):
                    raise BadReply("the server sent a change without its data; nothing of that page was used")
                if page.revoked:
                    log.info("purge scopes=%s reason=access-revoked", page.revoked)
                cursors = {s: c for s, c in {**cursors, **page.cursors}.items() if s not in page.revoked}
                following = asyncio.ensure_future(self._request_page(cursors)) if page.more else None
                prepared = await self._off_loop(prepare_pull, page.changes)
                if writing is not None:
                    await writing
                    pulled += in_writing
                writing = asyncio.ensure_future(
                    self.db.run(Store.apply_pull, page.changes, page.cursors, page.revoked, prepared))
                in_writing = len(page.changes)
                if following is None:
                    await writing
                    return pulled + in_writing
                page = await self._parse(await following)
                following = None
        except asyncio.CancelledError:
            if following is not None:
                following.cancel()  # a write already running ends on the store's thread, whole or not at all
            raise
        except Exception as exc:
            if following is not None:
                following.cancel()
                await asyncio.gather(following, return_exceptions=True)  # never leave its error unretrieved
            if writing is not None and not writing.done():
                # The page being written still lands (or not) before this sync reports its failure.
                await asyncio.gather(writing, return_exceptions=True)
            if _unusable_rows(exc):
                log.warning("skip page reason=unusable-rows error=%s", exc)
                raise BadReply("the server sent rows Atrium cannot store; nothing of that page was used") from None
            raise

    async def _request_page(self, cursors: dict[str, int]) -> bytes:
        request = PullRequest(cursors=cursors, limit=INTERACTIVE_PULL_PAGE if self.interactive else PULL_PAGE)
        return await self._authorized(self.transport.pull_raw, request)

    async def _parse(self, raw: bytes) -> PullPage:
        return await self._off_loop(parse_pull, raw, self.transport.base_url)

    async def _off_loop(self, func: Callable[..., T], *args: Any) -> T:
        """Python work on a page (tens of milliseconds): in place headless; in a window on a thread of its own
        (not the store's), so the event loop the GUI shares stays responsive."""
        if not self.interactive:
            return func(*args)
        return await asyncio.to_thread(func, *args)

    async def _authorized(self, call: Callable[..., Awaitable[T]], *args: Any) -> T:
        """Run a call with the access token; refresh once when it has expired; ask to sign in when that fails."""
        tokens = self.vault.load()
        if tokens is None:
            raise SignInRequired("sign in to sync; your unsent changes are kept")
        try:
            return await call(tokens.access_token, *args)
        except AuthFailed as exc:
            if exc.code not in ("token_expired", "invalid_token"):
                raise self._session_over(exc) from None
        log.info("refresh token reason=access-token-expired")
        try:
            fresh = await self.transport.refresh(tokens.refresh_token)
        except AuthFailed as exc:
            raise self._session_over(exc) from None
        self.vault.save(Tokens(fresh.access_token, fresh.refresh_token))
        return await call(fresh.access_token, *args)

    def _session_over(self, exc: Refused) -> SignInRequired:
        self.vault.clear()
        log.info("session over code=%s", exc.code)
        return SignInRequired(f"{exc.detail}. Sign in again — your unsent changes are kept")

    async def _record_error(self, text: str) -> None:
        await self.db.run(lambda s: s.set_state(last_error=text))

    def _set_state(self, state: str, detail: str | None) -> None:
        self.state = state
        for listener in list(self.listeners):
            listener(state, detail)

    # -------------------------------------------------------------------------------------- staying in sync

    def request_sync(self) -> None:
        """Something changed locally (or a poke came): sync soon."""
        self._wanted.set()

    async def run(self, *, poll_interval: float = 60.0, max_backoff: float = 60.0) -> None:
        """Stay in sync until cancelled or the session ends: live pokes, local changes, and polling as fallback."""
        syncer = asyncio.create_task(self._sync_when_wanted(poll_interval))
        try:
            while True:
                async for attempt in AsyncRetrying(
                    wait=wait_exponential_jitter(initial=1, max=max_backoff),
                    retry=retry_if_exception_type(_TRANSIENT),
                    reraise=True,
                ):
                    with attempt:
                        if attempt.retry_state.attempt_number > 1:
                            log.info("reconnect attempt=%d", attempt.retry_state.attempt_number)
                        await self._follow_live()
                # The server ended the stream cleanly (restart, deploy): reconnect, but not in a tight loop.
                await asyncio.sleep(1.0)
        finally:
            # Wait for the background sync to end, so nothing runs on a transport that is about to close.
            await stop_task(syncer)

    async def _follow_live(self) -> None:
        """One live connection; returns when the server ends it cleanly (the caller reconnects)."""
        self.request_sync()  # whatever happened while we were away
        tokens = self.vault.load()
        if tokens is None:
            raise SignInRequired("sign in to sync; your unsent changes are kept")
        self.live_connected = False
        try:
            # aclosing: leaving the loop by an exception must close the stream now, on this loop, not
            # whenever the garbage collector gets to the generator.
            async with contextlib.aclosing(self.transport.live(tokens.access_token)) as events:
                async for event in events:
                    if event.event == "poke" or event.event == "ready":
                        self.live_connected = True
                        self.request_sync()
                    elif event.event == "signed_out":
                        raise SignInRequired(str(event.data.get("detail", "your session has ended")))
                    elif event.event == "closing":
                        # The server is stopping (a restart, `atrium demo --stop`): sync now, which finds it gone
                        # and says "offline" at once instead of whenever the next poll would have noticed.
                        log.info("live closed reason=server-shutting-down")
                        self.request_sync()
        except AuthFailed as exc:
            if exc.code in ("token_expired", "invalid_token"):
                await self._authorized(_nothing)  # refresh, then reconnect at once
                raise Unreachable("reconnecting with a fresh token") from None
            raise self._session_over(exc) from None
        finally:
            self.live_connected = False

    async def _sync_when_wanted(self, poll_interval: float) -> None:
        while True:
            try:
                # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow the cancellation that
                # stops this loop, which then waits a whole poll interval on a closing transport.
                async with asyncio.timeout(poll_interval):
                    await self._wanted.wait()
            except TimeoutError:
                log.debug("poll reason=interval")
            self._wanted.clear()
            try:
                await self.sync_once()
            except _TRANSIENT as exc:
                log.info("sync postponed reason=%s", exc)
            except (SyncError, StoreError) as exc:
                log.warning("sync stopped reason=%s", exc)


def _unusable_rows(exc: BaseException) -> bool:
    """A page the store refused whole because of what it holds: a required field missing (a constraint), or a
    value SQLite cannot hold at all (a list where text belongs)."""
    if isinstance(exc, sqlite3.IntegrityError):
        return True
    return isinstance(exc, sqlite3.ProgrammingError) and str(exc).startswith("Error binding parameter")


def _profile_owner(store: Store) -> tuple[str | None, str | None, str | None]:
    """The server, person (signed in now, or last signed out) and client id this profile belongs to."""
    person = store.state("user_id") or store.state("signed_out_user_id")
    return store.state("instance_id"), person, store.state("client_id")


async def _nothing(_token: str) -> None:
    return None
