"""The `atrium` command line: sign in, sync, and read or change chats, tasks and articles from a terminal.

It is the second front-end over the same core as the desktop app: every read goes through app.store.reads,
every change through app.services (so it lands in the local store and the outbox in one transaction), and
only `login`, `logout` and `sync` touch the network — everything else works offline on the profile's store.
Failures the person can act on (not signed in, offline, a refused input, a full disk, …) are one line on
stderr, "atrium: error: …", with exit status 1; usage mistakes exit with 2. `--json` output is stable.
"""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import logging
import os
import sys
import unicodedata
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn, TextIO

from app.credentials import TokenVault
from app.paths import STORE_FILE, ProfileError, profile_dir, profile_label
from app.services import ActionRefused, Session, chats, knowledge, search, tasks
from app.store import Store, StoreError, reads
from app.store.worker import StoreWorker

from .engine import ServerIdentityChanged, SignInRequired, SyncEngine, SyncReport
from .transport import BadReply, Refused, ServerFailed, SyncError, Transport, Unreachable

COMMANDS: frozenset[str] = frozenset({"login", "logout", "sync", "status", "chat", "task", "kb", "search", "outbox"})

log = logging.getLogger("atrium.cli")
MIN_PREFIX = 6  # shorter prefixes of time-ordered ids match too much to be a safe way to name something
_TRANSIENT = (Unreachable, ServerFailed, BadReply)


class CliError(Exception):
    """A failure to report as one line on stderr; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class _UsageError(CliError):
    def __init__(self, message: str) -> None:
        super().__init__(message, 2)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one line (and an exception, so `main` returns instead of exiting)."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{message} (see `{self.prog} --help`)")


@dataclass
class _Context:
    profile: str | None
    language: str

    @property
    def out(self) -> TextIO:
        return sys.stdout  # looked up at each use: tests and pipes may replace it

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(f"atrium: warning: {text}", file=sys.stderr)

    def json(self, data: Any) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2), file=self.out)

    @property
    def profile_option(self) -> str:
        """The `--profile …` to repeat in a suggested command (empty for the default profile)."""
        return f" --profile {_quote(self.profile)}" if self.profile else ""


def _quote(text: str) -> str:
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


# ------------------------------------------------------------------------------------------ the store


def _store_file(ctx: _Context, *, create: bool) -> Path:
    folder = profile_dir(ctx.profile, create=create)
    path = folder / STORE_FILE
    if not create and not path.exists():
        if ctx.profile:
            raise CliError(f"there is no profile “{profile_label(ctx.profile)}” here; sign in to create it: "
                           f"atrium{ctx.profile_option} login --server URL --user NAME")
        raise CliError("not signed in: run atrium login --server URL --user NAME")
    return path


@contextmanager
def _local_store(ctx: _Context) -> Iterator[Store]:
    """The profile's store for an offline command; never creates a profile for a mistyped name."""
    store = Store(_store_file(ctx, create=False))
    try:
        yield store
    finally:
        store.close()


def _session(ctx: _Context, store: Store) -> Session:
    user_id = store.state("user_id")
    if not user_id:
        raise CliError(f"not signed in: run atrium{ctx.profile_option} login --server URL --user NAME")
    # The clock node is the server's id for this client, so two devices of one person never tie.
    node = store.state("client_id") or profile_label(ctx.profile)
    return Session.open(store, user_id, node=node, language=ctx.language)


@contextmanager
def _local_session(ctx: _Context) -> Iterator[Session]:
    with _local_store(ctx) as store:
        yield _session(ctx, store)


@asynccontextmanager
async def _online(ctx: _Context, *, server_url: str | None = None) -> AsyncIterator[SyncEngine]:
    """A sync engine over the profile's store; `server_url` (login) creates the profile, else it must exist."""
    path = _store_file(ctx, create=server_url is not None)
    # Open once here first: a store that cannot be opened (too new, damaged) then fails before a worker
    # thread exists, and StoreWorker's constructor has no way to shut its thread down when it fails.
    Store(path).close()
    worker = StoreWorker(path)
    try:
        url = server_url or await worker.run(lambda s: s.state("server_url"))
        if not url:
            raise CliError(f"not signed in: run atrium{ctx.profile_option} login --server URL --user NAME")
        transport = Transport(url)
        try:
            yield SyncEngine(worker, transport, TokenVault(str(path.parent)))
        finally:
            await transport.aclose()
    finally:
        worker.close()


# ------------------------------------------------------------------------------------- text for people


def _width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def _fit(text: str, width: int) -> str:
    """One line, cut with … or padded to exactly `width` columns (so Chinese and English columns align)."""
    flat = " ".join(text.split())
    if _width(flat) > width:
        cut, used = [], 0
        for ch in flat:
            w = _width(ch)
            if used + w > width - 1:
                break
            cut.append(ch)
            used += w
        flat = "".join(cut) + "…"
    return flat + " " * (width - _width(flat))


def _when(iso: str | None) -> str:
    """A stored UTC time as local "YYYY-MM-DD HH:MM" ("-" for none)."""
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def _read_text(path: str) -> str:
    """The text of --file (UTF-8; "-" is stdin)."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None


# ---------------------------------------------------------------------------------------- naming things


def _pick(what: str, query: str, candidates: Iterable[tuple[str, str]], listing: str) -> str:
    """The id named by `query`: an exact id, a unique id prefix or suffix (≥ 6 characters), or an exact title.

    Ids are time-ordered, so things made in the same minute share a long prefix; the random end of an id is
    often the shorter thing to type, so a unique suffix is accepted too.
    """
    items = list(candidates)
    wanted = query.strip()
    for item_id, _title in items:
        if item_id == wanted:
            return item_id
    found: dict[str, str] = {}
    if len(wanted) >= MIN_PREFIX:
        found = {i: t for i, t in items if i.startswith(wanted) or i.endswith(wanted)}
    if not found:
        folded = wanted.casefold()
        found = {i: t for i, t in items if t.casefold() == folded}
    if len(found) == 1:
        return next(iter(found))
    if found:
        some = "; ".join(f"{i} ({t})" for i, t in list(found.items())[:5])
        raise CliError(f"“{wanted}” names several {what}s: {some}; give more of the id")
    hint = f" (at least {MIN_PREFIX} characters of an id)" if len(wanted) < MIN_PREFIX else ""
    raise CliError(f"there is no {what} “{wanted}” here{hint}; see {listing}")


def _conversation_id(session: Session, query: str) -> str:
    summaries = reads.conversations(session.conn, session.user_id, session.language)
    return _pick("conversation", query, ((c.id, c.title) for c in summaries), "atrium chat list")


def _space_id(session: Session, query: str | None) -> str:
    mine = reads.spaces(session.conn, session.user_id)
    if query is not None:
        return _pick("space", query, ((s.id, s.title) for s in mine), "atrium task list")
    departments = [s for s in mine if s.kind == "department"]
    if len(departments) == 1:
        return departments[0].id
    listing = "; ".join(f"{s.title} ({s.id})" for s in mine) or "none here yet (run atrium sync)"
    raise CliError(f"name a space with --space; your spaces: {listing}")


def _all_tasks(session: Session) -> list[tuple[reads.SpaceView, reads.TaskView]]:
    today = session.today()
    return [(space, t) for space in reads.spaces(session.conn, session.user_id)
            for t in reads.tasks(session.conn, space.id, today, language=session.language)]


def _task_id(session: Session, query: str) -> str:
    return _pick("task", query, ((t.id, t.title) for _, t in _all_tasks(session)), "atrium task list")


def _article_id(session: Session, query: str) -> str:
    found = reads.articles(session.conn, session.user_id, language=session.language)
    return _pick("article", query, ((a.id, a.title) for a in found), "atrium kb list")


# ---------------------------------------------------------------------------------------- login / sync


def _read_password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise CliError("no terminal to ask for the password on; pipe it in with --password-stdin")
        password = getpass.getpass(f"Password for {args.user} at {args.server}: ")
    if not password:
        raise CliError("the password is empty")
    return password


def _cmd_login(ctx: _Context, args: argparse.Namespace) -> int:
    server = args.server.strip().rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise CliError(f"“{args.server}” is not a server address; write it as https://host[:port]", 2)
    password = _read_password(args)
    return asyncio.run(_login(ctx, server, args.user, password, sync=not args.no_sync))


async def _login(ctx: _Context, server: str, username: str, password: str, *, sync: bool) -> int:
    async with _online(ctx, server_url=server) as engine:
        try:
            user = await engine.sign_in(username, password)
        except Refused as exc:
            raise CliError(_refusal_text(exc)) from None
        except _TRANSIENT as exc:
            raise CliError(f"cannot sign in: {exc}") from None
        name = user.display_name or user.username
        # No keychain: TokenVault has already logged that the session lives only as long as this command.
        ctx.say(f"signed in as {name} ({user.username}) at {server} — profile {profile_label(ctx.profile)}")
        if sync:
            try:
                report = await engine.sync_once()
            except SyncError as exc:
                # Signing in worked; the first sync can be retried with `atrium sync`.
                ctx.warn(f"the first sync did not finish ({exc}); run atrium{ctx.profile_option} sync --once")
            else:
                ctx.say(_report_line(report))
    return 0


def _cmd_logout(ctx: _Context, args: argparse.Namespace) -> int:
    return asyncio.run(_logout(ctx))


async def _logout(ctx: _Context) -> int:
    async with _online(ctx) as engine:
        had_session = engine.vault.load() is not None
        await engine.sign_out()
        pending = (await engine.db.run(Store.outbox_counts))["pending"]
    if not had_session:
        ctx.say("not signed in (nothing to sign out of)")
    else:
        ctx.say(f"signed out of profile {profile_label(ctx.profile)}")
    if pending:
        ctx.say(f"{pending} unsent changes are kept here; they go out after you sign in again")
    return 0


def _report_line(report: SyncReport) -> str:
    refused = f", {report.rejected} refused" if report.rejected else ""
    return f"synced: {report.pushed} changes sent{refused}, {report.pulled} received"


def _refusal_text(exc: Refused) -> str:
    wait = f" (try again in {exc.retry_after} s)" if exc.retry_after else ""
    return f"{exc.detail}{wait}"


def _cmd_sync(ctx: _Context, args: argparse.Namespace) -> int:
    if args.once:
        return asyncio.run(_sync_once(ctx))
    try:
        return asyncio.run(_sync_forever(ctx))
    except KeyboardInterrupt:
        # asyncio.run has cancelled the engine and closed the store before the interrupt reaches us.
        ctx.say("stopped")
        return 0


async def _sync_once(ctx: _Context) -> int:
    async with _online(ctx) as engine:
        before = {e.mutation_id for e in await engine.db.run(Store.rejected)}
        try:
            report = await engine.sync_once()
        except SyncError as exc:
            pending = (await engine.db.run(Store.outbox_counts))["pending"]
            raise CliError(_sync_failure(ctx, exc, pending, engine.transport.base_url)) from None
        refused = [e for e in await engine.db.run(Store.rejected) if e.mutation_id not in before]
    ctx.say(_report_line(report))
    for entry in refused:
        ctx.warn(f"refused: {entry.summary} — {entry.reason} [#{entry.mutation_id}; "
                 f"atrium outbox retry|discard {entry.mutation_id}]")
    return 0


def _sync_failure(ctx: _Context, exc: SyncError, pending: int, url: str) -> str:
    kept = f"your {pending} unsent changes are kept" if pending else "nothing local was lost"
    if isinstance(exc, SignInRequired):
        return f"{exc}; sign in again: atrium{ctx.profile_option} login --server {url} --user NAME"
    if isinstance(exc, ServerIdentityChanged):
        return str(exc)
    if isinstance(exc, Unreachable):
        return f"offline: {exc}; {kept} and go out on the next sync"
    if isinstance(exc, ServerFailed | BadReply):
        return f"the sync did not finish: {exc}; {kept}"
    if isinstance(exc, Refused):
        return f"the server refused the sync: {_refusal_text(exc)}; {kept}"
    return f"the sync did not finish: {exc}; {kept}"


async def _sync_forever(ctx: _Context) -> int:
    async with _online(ctx) as engine:
        url = engine.transport.base_url

        def on_state(state: str, detail: str | None) -> None:
            stamp = datetime.now().strftime("%H:%M:%S")
            if state == "online":
                ctx.say(f"{stamp} synced with {url}")
            elif state == "offline":
                ctx.say(f"{stamp} offline: {detail}; changes are kept, retrying")
            elif state in ("signed_out", "error"):
                ctx.say(f"{stamp} sync stopped: {detail}")
            sys.stdout.flush()  # a line per sync, even when piped

        engine.listeners.append(on_state)
        ctx.say(f"syncing profile {profile_label(ctx.profile)} with {url}; Ctrl+C stops")
        try:
            await engine.run()
        except SyncError as exc:
            pending = (await engine.db.run(Store.outbox_counts))["pending"]
            raise CliError(_sync_failure(ctx, exc, pending, url)) from None
        finally:
            await _settle_other_tasks()
    return 0


async def _settle_other_tasks() -> None:
    """Finish the engine's background tasks before the transport and the store close under them.

    SyncEngine.run cancels its syncer task without awaiting it, and on Python 3.11 `asyncio.wait_for` can
    swallow that cancellation when its event fires at the same moment; the syncer then syncs on a closed
    client ("Task exception was never retrieved"). This loop owns the event loop, so it cancels until done.
    """
    me = asyncio.current_task()
    others = {t for t in asyncio.all_tasks() if t is not me and not t.done()}
    while others:
        for task in others:
            task.cancel()
        done, others = await asyncio.wait(others, timeout=1.0)
        for task in done:
            if not task.cancelled() and task.exception() is not None:
                log.info("background task ended: %r", task.exception())


# ---------------------------------------------------------------------------------------------- status


def _cmd_status(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_store(ctx) as store:
        folder = store.path.parent
        vault = TokenVault(str(folder))
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
    if args.json:
        ctx.json(data)
        return 0
    who = f"{data['display_name'] or ''} ({data['user']})" if data["user"] else "nobody (not signed in)"
    session = ("signed in" if data["signed_in"] else "signed out") + (
        ", session in the system keychain" if data["keychain"] else ", no system keychain: session in memory only")
    waiting = ", ".join(f"{kind} {count}" for kind, count in box.pending.items())
    rows = [
        ("profile", f"{data['profile']} ({data['profile_dir']})"),
        ("user", who + (f" · {data['role']}" if data["role"] else "")),
        ("server", data["server"] or "-"),
        ("session", session),
        ("last sync", _when(data["last_sync"])),
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


# ----------------------------------------------------------------------------------------------- chats


def _cmd_chat_list(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
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
        ctx.say(f"{c.id}  {_fit(c.title, 28)} {unread:>4}  {_when(c.last_activity)}  {_fit(preview, 40)}{flag}")
    return 0


def _cmd_chat_send(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
        if args.to is not None:
            conversation_id = chats.open_direct(session, args.to)
        else:
            conversation_id = _conversation_id(session, args.conversation)
        message_id = chats.send(session, conversation_id, args.text, important=args.important)
        title = reads.conversation_title(session.conn, conversation_id, session.user_id, session.language)
    ctx.say(f"queued message {message_id} to {title} — it goes out with the next `atrium sync`")
    return 0


def _cmd_chat_history(ctx: _Context, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", 2)
    with _local_session(ctx) as session:
        cid = _conversation_id(session, args.conversation)
        page = reads.history(session.conn, cid, args.before, args.limit, user_id=session.user_id,
                             language=session.language)
        # The page comes newest first with unsent messages last; people read a chat oldest first.
        ordered = sorted((m for m in page if m.seq is not None), key=lambda m: m.seq or 0)
        ordered += [m for m in page if m.seq is None]
        oldest = min((m.seq for m in page if m.seq is not None), default=None)
        more = oldest is not None and bool(reads.history(session.conn, cid, oldest, 1))
        authors = reads.people_by_id(session.conn, (m.author_id for m in ordered))
        title = reads.conversation_title(session.conn, cid, session.user_id, session.language)
    older = oldest if more else None
    if args.json:
        ctx.json({
            "conversation": cid, "title": title, "older_before": older,
            "messages": [
                {"id": m.id, "seq": m.seq, "author": authors[m.author_id].username if m.author_id in authors
                 else m.author_id, "author_id": m.author_id, "author_name": m.author_name, "body": m.body,
                 "sent_at": m.sent_at, "at": m.at, "state": m.state, "important": m.important,
                 "edited": m.edited_at is not None, "deleted": m.deleted, "reply_to": m.reply_to,
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
        marks = "".join((" [important]" if m.important else "", " (edited)" if m.edited_at else ""))
        state = {"pending": " [sending…]", "rejected": " [not sent]"}.get(m.state, "")
        body = "(deleted)" if m.deleted else m.body
        ctx.say(f"{_when(m.at)}  {m.author_name}{state}{marks}:")
        ctx.say(_indent(body, "    "))
        if m.state == "rejected":
            ctx.say(f"    ⚠ {m.reason}")
    if not ordered:
        ctx.say("(no messages)")
    return 0


# ----------------------------------------------------------------------------------------------- tasks


def _task_json(t: reads.TaskView, space: reads.SpaceView | None, people: dict[str, reads.Person]) -> dict[str, Any]:
    owner = people.get(t.owner_id) if t.owner_id else None
    return {
        "id": t.id, "space_id": t.space_id, "space": space.title if space else None, "title": t.title,
        "status": t.status, "progress": t.progress, "due": t.due.isoformat() if t.due else None,
        "overdue": t.overdue, "owner": owner.username if owner else t.owner_id, "owner_id": t.owner_id,
        "owner_name": t.owner_name or None, "depends_on": list(t.depends_on),
        "blocked_by": [b.id for b in t.blocked_by], "description": t.description, "state": t.state,
    }


def _cmd_task_add(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
        space_id = _space_id(session, args.space)
        task_id = tasks.add_task(session, space_id, args.title, description=args.description or "",
                                 owner=args.owner, due=args.due)
        space = reads.space(session.conn, space_id)
    ctx.say(f"queued task {task_id} in {space.title if space else space_id} — it goes out with the next "
            "`atrium sync`")
    return 0


def _cmd_task_list(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
        spaces = {s.id: s for s in reads.spaces(session.conn, session.user_id)}
        if args.mine:
            found = reads.my_tasks(session.conn, session.user_id, session.today(), session.language)
        elif args.space is not None:
            sid = _space_id(session, args.space)
            found = reads.tasks(session.conn, sid, session.today(), language=session.language)
        else:
            found = [t for _, t in _all_tasks(session)]
        people = reads.people_by_id(session.conn, (t.owner_id for t in found))
    if args.json:
        ctx.json([_task_json(t, spaces.get(t.space_id), people) for t in found])
        return 0
    if not found:
        ctx.say("no tasks" + (" of yours" if args.mine else "") + " here")
    labels = tasks.STATUS_LABELS["en" if ctx.language.startswith("en") else "zh"]
    current = None
    for t in found:
        if not args.mine and t.space_id != current:
            current = t.space_id
            space = spaces.get(t.space_id)
            ctx.say(f"── {space.title if space else t.space_id} ({t.space_id}) ──")
        due = (t.due.isoformat() if t.due else "-") + ("!" if t.overdue else " ")
        pending = " …" if t.state == "pending" else ""
        ctx.say(f"{t.id}  {_fit(labels.get(t.status, t.status), 8)} {t.progress:>3}%  {due:<11} "
                f"{_fit(t.owner_name or '-', 12)} {t.title}{pending}")
    return 0


def _cmd_task_set(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
        task_id = _task_id(session, args.id)
        changed = tasks.update_task(session, task_id, tasks.parse_assignments(args.assignments))
    if changed:
        ctx.say(f"queued change to task {task_id} — it goes out with the next `atrium sync`")
    else:
        ctx.say("nothing to change: the task already has these values")
    return 0


# ------------------------------------------------------------------------------------------- knowledge


def _body(args: argparse.Namespace) -> str:
    return _read_text(args.file) if args.file is not None else str(args.body)


def _cmd_kb_add(ctx: _Context, args: argparse.Namespace) -> int:
    body = _body(args)
    with _local_session(ctx) as session:
        article_id = knowledge.create_article(session, args.title, body, category=args.category or "",
                                              tags=args.tag or [])
    ctx.say(f"queued draft article {article_id} — it goes out with the next `atrium sync`")
    return 0


def _cmd_kb_edit(ctx: _Context, args: argparse.Namespace) -> int:
    body = _body(args)
    with _local_session(ctx) as session:
        article_id = _article_id(session, args.id)
        revision = knowledge.edit_article(session, article_id, body, title=args.title)
    if revision is None:
        ctx.say("nothing to change: the article already reads like this")
    else:
        ctx.say(f"queued edit of article {article_id} (revision {revision}) — it goes out with the next "
                "`atrium sync`")
    return 0


def _cmd_kb_list(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
        found = reads.articles(session.conn, session.user_id, category=args.category, tag=args.tag,
                               language=session.language)
    if args.json:
        ctx.json([_article_json(a) for a in found])
        return 0
    if not found:
        ctx.say("no articles here")
    for a in found:
        ctx.say(f"{a.id}  {_fit(a.status, 9)} {_fit(a.category or '-', 10)} {_fit(a.author_name, 10)} {a.title}")
    return 0


def _article_json(a: reads.ArticleView) -> dict[str, Any]:
    return {"id": a.id, "title": a.title, "category": a.category, "tags": list(a.tags), "status": a.status,
            "author_id": a.author_id, "author_name": a.author_name, "head_revision_id": a.head_revision_id,
            "created_at": a.created_at, "updated_at": a.updated_at, "published_at": a.published_at,
            "likes": a.like_count, "liked": a.liked, "favorite": a.favorite, "open_conflicts": a.open_conflicts,
            "state": a.state}


def _cmd_kb_show(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_session(ctx) as session:
        article_id = _article_id(session, args.id)
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
    meta = [a.status, a.category, ", ".join(a.tags), a.author_name, _when(a.updated_at)]
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


# ---------------------------------------------------------------------------------------------- search


def _cmd_search(ctx: _Context, args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise CliError("--limit must be at least 1", 2)
    with _local_session(ctx) as session:
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
        ctx.say(f"    {_when(h.at)}  {h.ref_id}")
    return 0


# ---------------------------------------------------------------------------------------------- outbox


def _mutation_id(text: str) -> int:
    try:
        return int(text.lstrip("#"))
    except ValueError:
        raise CliError(f"“{text}” is not a change number (see atrium status)", 2) from None


def _cmd_outbox_list(ctx: _Context, args: argparse.Namespace) -> int:
    with _local_store(ctx) as store:
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


def _cmd_outbox_retry(ctx: _Context, args: argparse.Namespace) -> int:
    mutation_id = _mutation_id(args.id)
    with _local_session(ctx) as session:
        new_id = session.store.retry(mutation_id, session.user_id, session.clock.now())
    if new_id is None:
        raise CliError(f"there is no refused change #{mutation_id} (see atrium status)")
    ctx.say(f"queued #{mutation_id} again as #{new_id} — it goes out with the next `atrium sync`")
    return 0


def _cmd_outbox_discard(ctx: _Context, args: argparse.Namespace) -> int:
    mutation_id = _mutation_id(args.id)
    with _local_store(ctx) as store:
        if not store.discard(mutation_id):
            raise CliError(f"there is no refused change #{mutation_id} (see atrium status)")
    ctx.say(f"discarded refused change #{mutation_id}")
    return 0


# ---------------------------------------------------------------------------------------------- parser


def _version() -> str:
    try:
        return metadata.version("atrium")
    except metadata.PackageNotFoundError:
        return "unknown"


def _default_language() -> str:
    for key in ("ATRIUM_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(key, "")
        if value:
            # Names are the organisation's own (Chinese) unless the terminal is explicitly English.
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def build_parser() -> argparse.ArgumentParser:
    # Global options are accepted before or after the command: `atrium --profile a status` and
    # `atrium status --profile a` both work. SUPPRESS keeps a sub-parser's default from hiding the global one.
    common = _Parser(add_help=False)
    common.add_argument("--profile", metavar="NAME|PATH", default=argparse.SUPPRESS,
                        help="the profile to use: a name, or a folder path (default: ATRIUM_PROFILE or 'default')")
    common.add_argument("-v", "--verbose", action="count", default=argparse.SUPPRESS,
                        help="log what sync does (INFO)")
    common.add_argument("--lang", choices=("zh", "en"), default=argparse.SUPPRESS,
                        help="names in Chinese or English (default: from ATRIUM_LANG / LANG)")

    parser = _Parser(prog="atrium", parents=[common],
                     description="Atrium from the command line. Everything except login, logout and sync works "
                                 "offline on the profile's local store.")
    parser.add_argument("--version", action="version", version=f"atrium {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=_Parser)

    def command(parent: Any, name: str, func: Callable[[_Context, argparse.Namespace], int],
                text: str) -> argparse.ArgumentParser:
        sub: argparse.ArgumentParser = parent.add_parser(name, parents=[common], help=text, description=text)
        sub.set_defaults(func=func)
        return sub

    login = command(commands, "login", _cmd_login, "sign in to a server (and sync once)")
    login.add_argument("--server", required=True, metavar="URL", help="the server, e.g. https://atrium.example.com")
    login.add_argument("--user", required=True, metavar="NAME", help="your user name")
    login.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    login.add_argument("--no-sync", action="store_true", help="do not sync right after signing in")

    command(commands, "logout", _cmd_logout, "sign out (unsent changes and the local copy are kept)")

    sync = command(commands, "sync", _cmd_sync, "send and fetch changes (stays in sync until Ctrl+C)")
    sync.add_argument("--once", action="store_true", help="send everything, fetch until up to date, then exit")

    status = command(commands, "status", _cmd_status, "who is signed in, what waits to be sent, what was refused")
    status.add_argument("--json", action="store_true")

    chat = commands.add_parser("chat", help="conversations and messages").add_subparsers(
        dest="chat_command", metavar="ACTION", required=True, parser_class=_Parser)
    chat_list = command(chat, "list", _cmd_chat_list, "your conversations, most recent first")
    chat_list.add_argument("--json", action="store_true")
    send = command(chat, "send", _cmd_chat_send, "send a message (queued until the next sync)")
    target = send.add_mutually_exclusive_group(required=True)
    target.add_argument("--to", metavar="USER", help="a person (user name): the direct chat with them")
    target.add_argument("--conversation", metavar="ID", help="a conversation id, id prefix/suffix or title")
    send.add_argument("text")
    send.add_argument("--important", action="store_true", help="ask for read receipts")
    hist = command(chat, "history", _cmd_chat_history, "a page of a conversation, oldest first")
    hist.add_argument("conversation", metavar="CONVERSATION")
    hist.add_argument("--limit", type=int, default=50, help="messages per page (default 50)")
    hist.add_argument("--before", type=int, metavar="SEQ", help="the page before this message number")
    hist.add_argument("--json", action="store_true")

    task = commands.add_parser("task", help="tasks in your spaces").add_subparsers(
        dest="task_command", metavar="ACTION", required=True, parser_class=_Parser)
    add = command(task, "add", _cmd_task_add, "add a task (queued until the next sync)")
    add.add_argument("title")
    add.add_argument("--space", metavar="S", help="space id or title (default: your department's space)")
    add.add_argument("--owner", metavar="USER")
    add.add_argument("--due", metavar="YYYY-MM-DD")
    add.add_argument("--description", metavar="TEXT")
    task_list = command(task, "list", _cmd_task_list, "tasks of your spaces")
    task_list.add_argument("--mine", action="store_true", help="only the tasks you own")
    task_list.add_argument("--space", metavar="S", help="only this space")
    task_list.add_argument("--json", action="store_true")
    task_set = command(task, "set", _cmd_task_set, "change fields: title, description, owner, due, status, "
                                                   "progress, depends_on")
    task_set.add_argument("id", metavar="ID")
    task_set.add_argument("assignments", metavar="FIELD=VALUE", nargs="+")

    kb = commands.add_parser("kb", help="the knowledge base").add_subparsers(
        dest="kb_command", metavar="ACTION", required=True, parser_class=_Parser)
    kb_add = command(kb, "add", _cmd_kb_add, "write a draft article (queued until the next sync)")
    kb_add.add_argument("title")
    source = kb_add.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", metavar="PATH", help="the body from a UTF-8 file ('-' for stdin)")
    source.add_argument("--body", metavar="TEXT")
    kb_add.add_argument("--category", metavar="C")
    kb_add.add_argument("--tag", metavar="T", action="append", help="a tag (repeat for more)")
    kb_edit = command(kb, "edit", _cmd_kb_edit, "replace an article's text (merged with others' edits)")
    kb_edit.add_argument("id", metavar="ID")
    source = kb_edit.add_mutually_exclusive_group(required=True)
    source.add_argument("--file", metavar="PATH", help="the body from a UTF-8 file ('-' for stdin)")
    source.add_argument("--body", metavar="TEXT")
    kb_edit.add_argument("--title")
    kb_list = command(kb, "list", _cmd_kb_list, "articles here, newest change first")
    kb_list.add_argument("--category")
    kb_list.add_argument("--tag")
    kb_list.add_argument("--json", action="store_true")
    kb_show = command(kb, "show", _cmd_kb_show, "one article with its text")
    kb_show.add_argument("id", metavar="ID")
    kb_show.add_argument("--json", action="store_true")

    find = command(commands, "search", _cmd_search, "search messages, tasks and articles (Chinese and English)")
    find.add_argument("query")
    find.add_argument("--kind", action="append", choices=search.KINDS, help="only this kind (repeatable)")
    find.add_argument("--limit", type=int, default=20)
    find.add_argument("--json", action="store_true")

    outbox = commands.add_parser("outbox", help="changes waiting to be sent or refused").add_subparsers(
        dest="outbox_command", metavar="ACTION", required=True, parser_class=_Parser)
    outbox_list = command(outbox, "list", _cmd_outbox_list, "what waits and what was refused")
    outbox_list.add_argument("--json", action="store_true")
    retry = command(outbox, "retry", _cmd_outbox_retry, "queue a refused change again")
    retry.add_argument("id", metavar="ID")
    discard = command(outbox, "discard", _cmd_outbox_discard, "forget a refused change")
    discard.add_argument("id", metavar="ID")
    return parser


# ------------------------------------------------------------------------------------------------ main


class _LogFormat(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        # "atrium: warning: …" like the CLI's own lines; the record itself is shared, so restore it.
        original = record.levelname
        record.levelname = original.lower()
        try:
            return super().format(record)
        finally:
            record.levelname = original


@contextmanager
def _logging(verbosity: int) -> Iterator[None]:
    """Log the atrium.* loggers to stderr for this call only (WARNING; INFO with -v, DEBUG with -vv)."""
    logger = logging.getLogger("atrium")
    handler = logging.StreamHandler(sys.stderr)
    level = logging.WARNING if verbosity <= 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler.setFormatter(_LogFormat("atrium: %(levelname)s: %(name)s: %(message)s" if verbosity > 0
                                    else "atrium: %(levelname)s: %(message)s"))
    handler.setLevel(level)
    old_level = logger.level
    logger.setLevel(level)
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


def _tolerate_narrow_terminals() -> None:
    # A console that cannot show Chinese (a legacy Windows code page) gets "?" instead of a crash mid-output.
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", "") or "").lower().replace("-", "")
        if encoding != "utf8" and hasattr(stream, "reconfigure"):
            with suppress(ValueError, OSError):
                stream.reconfigure(errors="replace")


def _fail(message: str, code: int = 1) -> int:
    print(f"atrium: error: {message}", file=sys.stderr)
    return code


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns the exit status (0 done, 1 failed, 2 usage, 130 interrupted)."""
    _tolerate_narrow_terminals()
    parser = build_parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except CliError as exc:
        return _fail(exc.message, exc.code)
    except SystemExit as exc:  # --help and --version end here
        return exc.code if isinstance(exc.code, int) else 0
    ctx = _Context(getattr(args, "profile", None), getattr(args, "lang", None) or _default_language())
    with _logging(getattr(args, "verbose", 0) or 0):
        try:
            return int(args.func(ctx, args))
        except CliError as exc:
            return _fail(exc.message, exc.code)
        except ActionRefused as exc:
            return _fail(exc.message)
        except (StoreError, ProfileError) as exc:  # StoreTooNew is a StoreError: its message says what to do
            return _fail(str(exc))
        except SyncError as exc:
            return _fail(_sync_failure(ctx, exc, 0, "URL"))
        except KeyboardInterrupt:
            return _fail("interrupted", 130)
