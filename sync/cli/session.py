"""Opening a profile for a command: its store offline, a Session for the services, or a sync engine online.

Offline commands never create a profile (a mistyped name is an error, not a new empty profile); only `login`
does. The keychain check is made quietly here: the commands say what it means for them (`login`, `status`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

from app.credentials import TokenVault
from app.paths import STORE_FILE, profile_dir, profile_label
from app.services import Session
from app.store import Store
from app.store.worker import StoreWorker

from ..engine import SyncEngine
from ..transport import Transport
from .output import CliError, Context

CACHE_SUFFIXES = ("", "-wal", "-shm")  # the store and SQLite's companions: together, the profile's local cache


def store_file(ctx: Context, *, create: bool) -> Path:
    folder = profile_dir(ctx.profile, create=create)
    path = folder / STORE_FILE
    if not create and not path.exists():
        if ctx.profile:
            raise CliError(f"there is no profile “{profile_label(ctx.profile)}” here; sign in to create it: "
                           f"{ctx.login_hint}")
        raise CliError(f"not signed in: run {ctx.login_hint}")
    return path


def cache_files(ctx: Context) -> list[Path]:
    """The files that hold the profile's local copy (the store, its write-ahead log and shared memory)."""
    path = profile_dir(ctx.profile, create=False) / STORE_FILE
    return [path.with_name(path.name + suffix) for suffix in CACHE_SUFFIXES]


@contextmanager
def local_store(ctx: Context) -> Iterator[Store]:
    """The profile's store for an offline command; never creates a profile for a mistyped name."""
    store = Store(store_file(ctx, create=False))
    try:
        yield store
    finally:
        store.close()


def open_session(ctx: Context, store: Store) -> Session:
    user_id = store.state("user_id")
    if not user_id:
        raise CliError(f"not signed in: run {ctx.login_hint}")
    # The clock node is the server's id for this client, so two devices of one person never tie.
    node = store.state("client_id") or profile_label(ctx.profile)
    return Session.open(store, user_id, node=node, language=ctx.language)


@contextmanager
def local_session(ctx: Context) -> Iterator[Session]:
    with local_store(ctx) as store:
        yield open_session(ctx, store)


def vault_for(folder: Path) -> TokenVault:
    """The profile's session vault, without the vault's own "no keychain" warning (the commands say it)."""
    logger = logging.getLogger("atrium.credentials")

    def not_now(record: logging.LogRecord) -> bool:
        return False

    logger.addFilter(not_now)
    try:
        return TokenVault(str(folder))
    finally:
        logger.removeFilter(not_now)


@asynccontextmanager
async def online(ctx: Context, *, server_url: str | None = None) -> AsyncIterator[SyncEngine]:
    """A sync engine over the profile's store; `server_url` (login) creates the profile, else it must exist."""
    path = store_file(ctx, create=server_url is not None)
    # Open once here first: a store that cannot be opened (too new, damaged) then fails before a worker
    # thread exists.
    Store(path).close()
    worker = StoreWorker(path)
    try:
        url = server_url or await worker.run(lambda s: s.state("server_url"))
        if not url:
            raise CliError(f"not signed in: run {ctx.login_hint}")
        transport = Transport(url)
        try:
            yield SyncEngine(worker, transport, vault_for(path.parent))
        finally:
            await transport.aclose()
    finally:
        worker.close()
