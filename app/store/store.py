"""The local store: one profile's SQLite file, the only thing the UI and the CLI read.

Every local action is one transaction: the optimistic change to the rows and its outbox entry together
(`enqueue`). The sync engine pushes the outbox, reports what the server said (`resolve`), and applies each
pulled page in one transaction with its cursors (`apply_pull`). Rows with unconfirmed local changes keep the
server's version aside (shadows): fresh server data updates the shadow and the pending changes are applied on
top again; a refused change puts the shadowed rows back. Listeners hear which rows changed after each commit.
"""

from __future__ import annotations

import gc
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from app import clock
from app.hlc import HLC_PATTERN

from . import rows, search
from .database import StoreError, connect, insert_many
from .effects import EFFECTS, EffectContext
from .schema import KINDS

log = logging.getLogger("atrium.store")

Changes = dict[str, set[str]]  # kind -> ids changed ("outbox", "cursors" and "state" name the sync tables)
Listener = Callable[[Changes], None]
SEARCHABLE = ("message", "task", "article", "article_revision")


def utc_now() -> str:
    return clock.iso_now()


@dataclass(frozen=True)
class OutboxEntry:
    mutation_id: int
    name: str
    args: dict[str, Any]
    hlc: str
    created_at: str
    state: str  # pending | rejected
    code: str | None
    reason: str | None
    scope: str
    summary: str  # in English
    summary_template: str | None = None  # the same as a template ("Message to {title}: {text}") …
    summary_args: dict[str, Any] | None = None  # … and its arguments, for a front-end to translate


class Summary(NamedTuple):
    """What a queued change does, as an English template and its arguments (see OutboxEntry)."""

    template: str
    args: dict[str, Any]

    @property
    def text(self) -> str:
        return self.template.format(**self.args) if self.args else self.template


class PulledChange(NamedTuple):  # a tuple, not a dataclass: a big sync makes one per change
    scope: str
    seq: int
    kind: str
    id: str
    op: str  # upsert | delete
    data: dict[str, Any] | None


@dataclass(frozen=True)
class PreparedPull:
    """The part of applying a page that needs no database: row parameters, index text, the newest clock reading.

    Building these is most of the Python work of a big sync; a caller may do it elsewhere (`prepare_pull`, e.g. on
    a thread that keeps a window responsive) and hand it to `Store.apply_pull`. Not while the store's thread is
    writing, though: a thread busy in Python makes the writer wait for the GIL after every row.
    """

    params: list[tuple[Any, ...] | None]  # per change: its upsert parameters (None: a delete, an unknown kind)
    docs: list[search.Document | None]  # per change: a live message's search document, already spelled
    newest: str  # the highest valid clock reading in the page ("" when none)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while building a page's worth of objects.

    A page of thousands of changes allocates tens of thousands of dicts, lists and tuples that cannot form
    cycles; each 700 allocations would set off a collection that scans them all again (a quarter of the time of
    parsing or preparing a page). Nested or concurrent pauses are fine: only the one that paused resumes.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def prepare_pull(changes: list[PulledChange]) -> PreparedPull:
    with collector_paused():
        return _prepare_pull(changes)


def _prepare_pull(changes: list[PulledChange]) -> PreparedPull:
    params: list[tuple[Any, ...] | None] = []
    docs: list[search.Document | None] = []
    newest = ""
    for change in changes:
        kind, data = change.kind, change.data
        if change.op != "upsert" or data is None or kind not in KINDS:
            params.append(None)
            docs.append(None)
            continue
        for column in _CLOCK_COLUMNS[kind]:
            reading = data.get(column)
            if type(reading) is str and reading > newest:
                newest = reading
        if kind == "task":
            newest = max([newest, *_task_readings(data)])
        params.append(rows.upsert_params(kind, change.id, data, change.scope))
        body = data.get("body")
        if kind == "message" and not data.get("deleted"):
            docs.append(search.Document("message", change.id, data.get("conversation_id"),
                                        data.get("sent_at") or data.get("created_hlc"), "",
                                        search.index_text(body if isinstance(body, str) else "")))
        else:
            docs.append(None)
    if newest and not _is_reading(newest):
        newest = _newest_reading(changes)  # something that is not a clock sorted highest: look closer
    return PreparedPull(params, docs, newest)


class Store:
    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self.conn = connect(self.path)
        self.conn.row_factory = sqlite3.Row
        self._listeners: list[Listener] = []
        self._pending: Changes = {}
        self._lock = threading.RLock()

    def close(self) -> None:
        self.conn.close()

    # ------------------------------------------------------------------------------------ notification

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _changed(self, kind: str, ids: Iterable[str]) -> None:
        self._pending.setdefault(kind, set()).update(ids)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; listeners hear what changed once it has committed."""
        with self._lock:
            self._pending = {}
            try:
                self.conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _known(exc) from exc
            try:
                yield self.conn
                self.conn.execute("COMMIT")
            except BaseException as exc:
                if self.conn.in_transaction:  # SQLite has already rolled back after e.g. a full disk
                    self.conn.execute("ROLLBACK")
                self._pending = {}
                if isinstance(exc, sqlite3.OperationalError):
                    raise _known(exc) from exc
                raise
            changed, self._pending = self._pending, {}
        if changed:
            for listener in list(self._listeners):
                listener(changed)

    # ------------------------------------------------------------------------------------------ state

    def state(self, key: str, default: str | None = None) -> str | None:
        row = self.conn.execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
        return row[0] if row and row[0] is not None else default

    def set_state(self, **values: str | None) -> None:
        with self.transaction() as conn:
            self._write_state(conn, values)

    def _write_state(self, conn: sqlite3.Connection, values: dict[str, str | None]) -> None:
        conn.executemany(
            "INSERT INTO sync_state(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            list(values.items()),
        )
        self._changed("state", values)

    def cursors(self) -> dict[str, int]:
        return {scope: seq for scope, seq in self.conn.execute("SELECT scope, seq FROM cursors")}

    # --------------------------------------------------------------------------------- local actions

    def enqueue(
        self, name: str, args: dict[str, Any], *, scope: str, summary: str | Summary, user_id: str, hlc: str
    ) -> int:
        """Apply a person's action locally and queue it for the server, in one transaction."""
        if name not in EFFECTS:
            raise KeyError(f"no local effect for {name}")
        now = utc_now()
        with self.transaction() as conn:
            mutation_id = int(self.state("next_mutation_id", "1") or 1)
            # The last clock reading is kept so the next process on this profile continues after it.
            # Never lower: it may hold a newer reading seen in pulled data (see apply_pull).
            last = max(hlc, self.state("last_hlc", "") or "")
            self._write_state(conn, {"next_mutation_id": str(mutation_id + 1), "last_hlc": last})
            described = summary if isinstance(summary, Summary) else Summary(summary, {})
            conn.execute(
                "INSERT INTO outbox(mutation_id, name, args, hlc, created_at, scope, summary, summary_template,"
                " summary_args) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (mutation_id, name, json.dumps(args, ensure_ascii=False), hlc, now, scope, described.text,
                 described.template, json.dumps(described.args, ensure_ascii=False)),
            )
            self._run_effect(conn, mutation_id, name, args, user_id, hlc, now)
            self._changed("outbox", [str(mutation_id)])
        return mutation_id

    def _run_effect(
        self, conn: sqlite3.Connection, mutation_id: int, name: str, args: dict[str, Any], user_id: str, hlc: str,
        now: str,
    ) -> None:
        ctx = EffectContext(conn=conn, user_id=user_id, hlc=hlc, now=now, before_write=self._keep_shadow)
        EFFECTS[name](ctx, args)
        conn.executemany(
            "INSERT OR IGNORE INTO outbox_rows(mutation_id, kind, id) VALUES (?, ?, ?)",
            [(mutation_id, kind, entity_id) for kind, entity_id in ctx.touched],
        )
        for kind, entity_id in ctx.touched:
            self._changed(kind, [entity_id])
        self._reindex(conn, {kind: {eid for k, eid in ctx.touched if k == kind} for kind, _ in ctx.touched})

    def _keep_shadow(self, kind: str, entity_id: str) -> None:
        """Before the first local change to a row, keep the server's version of it (None: it did not exist)."""
        if self.conn.execute("SELECT 1 FROM shadows WHERE kind = ? AND id = ?", (kind, entity_id)).fetchone():
            return
        found = rows.read_row(self.conn, kind, entity_id)
        data, scope = (found[0], found[1]) if found else (None, None)
        self.conn.execute(
            "INSERT INTO shadows(kind, id, data, scope) VALUES (?, ?, ?, ?)",
            (kind, entity_id, json.dumps(data, ensure_ascii=False) if data is not None else None, scope),
        )

    # -------------------------------------------------------------------------------------- the outbox

    def pending(self, limit: int = 500) -> list[OutboxEntry]:
        return self._entries("WHERE state = 'pending' ORDER BY mutation_id LIMIT ?", (limit,))

    def rejected(self) -> list[OutboxEntry]:
        return self._entries("WHERE state = 'rejected' ORDER BY mutation_id", ())

    def outbox_counts(self) -> dict[str, int]:
        counts = dict(self.conn.execute("SELECT state, COUNT(*) FROM outbox GROUP BY state").fetchall())
        return {"pending": counts.get("pending", 0), "rejected": counts.get("rejected", 0)}

    def _entries(self, where: str, params: tuple[Any, ...]) -> list[OutboxEntry]:
        return [
            OutboxEntry(r["mutation_id"], r["name"], json.loads(r["args"]), r["hlc"], r["created_at"], r["state"],
                        r["code"], r["reason"], r["scope"], r["summary"], r["summary_template"],
                        json.loads(r["summary_args"]) if r["summary_args"] else None)
            for r in self.conn.execute(f"SELECT * FROM outbox {where}", params)
        ]

    def resolve(self, results: Iterable[tuple[int, str, str | None, str | None]]) -> None:
        """Record what the server said of pushed mutations: (mutation id, status, code, reason)."""
        with self.transaction() as conn:
            for mutation_id, status, code, reason in results:
                if status in ("applied", "duplicate"):
                    conn.execute("DELETE FROM outbox WHERE mutation_id = ?", (mutation_id,))
                    conn.execute("DELETE FROM outbox_rows WHERE mutation_id = ?", (mutation_id,))
                else:
                    self._reject(conn, mutation_id, code or "rejected", reason or "the server refused this change")
                self._changed("outbox", [str(mutation_id)])
            self._drop_unused_shadows(conn)

    def _reject(self, conn: sqlite3.Connection, mutation_id: int, code: str, reason: str) -> None:
        row = conn.execute("SELECT name, args, hlc FROM outbox WHERE mutation_id = ?", (mutation_id,)).fetchone()
        if row is None:
            return
        log.info("rejected mutation=%s name=%s code=%s", mutation_id, row["name"], code)
        conn.execute(
            "UPDATE outbox SET state = 'rejected', code = ?, reason = ? WHERE mutation_id = ?",
            (code, reason, mutation_id),
        )
        touched = [(k, i) for k, i in conn.execute(
            "SELECT kind, id FROM outbox_rows WHERE mutation_id = ?", (mutation_id,))]
        conn.execute("DELETE FROM outbox_rows WHERE mutation_id = ?", (mutation_id,))
        self._restore(conn, set(touched))
        if row["name"] == "message.send":
            # A refused message stays in its chat, marked, with the reason — never silently gone.
            args = json.loads(row["args"])
            found = rows.read_row(conn, "message", args["id"])
            if found is None or found[0]["seq"] is None:
                data = {
                    "id": args["id"], "conversation_id": args["conversation_id"], "seq": None,
                    "author_id": self.state("user_id", "") or "", "body": args.get("body", ""),
                    "reply_to": args.get("reply_to"), "important": bool(args.get("important")),
                    "mentions": args.get("mentions", []), "sent_at": None, "created_hlc": row["hlc"],
                    "edited_at": None, "deleted": False, "urgent": bool(args.get("urgent")),
                    "urgent_reason": args.get("urgent_reason"), "ack_requested": bool(args.get("ack_requested")),
                }
                rows.write_row(conn, "message", args["id"], data, f"conv:{args['conversation_id']}",
                               state="rejected", reason=reason)
                self._changed("message", [args["id"]])

    def _restore(self, conn: sqlite3.Connection, targets: set[tuple[str, str]]) -> None:
        """Put rows back to the server's version, then apply the changes still pending on them again."""
        if not targets:
            return
        for kind, entity_id in targets:
            shadow = conn.execute("SELECT data, scope FROM shadows WHERE kind = ? AND id = ?",
                                  (kind, entity_id)).fetchone()
            if shadow is None:
                continue
            if shadow["data"] is None:
                rows.delete_row(conn, kind, entity_id)
            else:
                rows.write_row(conn, kind, entity_id, json.loads(shadow["data"]), shadow["scope"])
            self._changed(kind, [entity_id])
        placeholders = " OR ".join("(r.kind = ? AND r.id = ?)" for _ in targets)
        params = [value for pair in targets for value in pair]
        again = conn.execute(
            f"SELECT DISTINCT o.mutation_id, o.name, o.args, o.hlc, o.created_at FROM outbox o"
            f" JOIN outbox_rows r ON r.mutation_id = o.mutation_id"
            f" WHERE o.state = 'pending' AND ({placeholders}) ORDER BY o.mutation_id",
            params,
        ).fetchall()
        user_id = self.state("user_id", "") or ""
        for entry in again:
            self._run_effect(conn, entry["mutation_id"], entry["name"], json.loads(entry["args"]), user_id,
                             entry["hlc"], entry["created_at"])
        self._reindex(conn, _group(targets))

    def _drop_unused_shadows(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            "DELETE FROM shadows WHERE NOT EXISTS (SELECT 1 FROM outbox_rows r JOIN outbox o"
            " ON o.mutation_id = r.mutation_id WHERE o.state = 'pending' AND r.kind = shadows.kind"
            " AND r.id = shadows.id)"
        )

    def retry(self, mutation_id: int, user_id: str, hlc: str) -> int | None:
        """Queue a refused change again as a new mutation (the person fixed what was wrong, or access came back)."""
        entry = next((e for e in self.rejected() if e.mutation_id == mutation_id), None)
        if entry is None:
            return None
        self.discard(mutation_id)
        summary = (Summary(entry.summary_template, entry.summary_args or {}) if entry.summary_template
                   else entry.summary)
        return self.enqueue(entry.name, entry.args, scope=entry.scope, summary=summary, user_id=user_id, hlc=hlc)

    def discard(self, mutation_id: int) -> bool:
        """Forget a refused change (and a refused message's placeholder in its chat)."""
        with self.transaction() as conn:
            row = conn.execute("SELECT name, args FROM outbox WHERE mutation_id = ? AND state = 'rejected'",
                               (mutation_id,)).fetchone()
            if row is None:
                return False
            conn.execute("DELETE FROM outbox WHERE mutation_id = ?", (mutation_id,))
            if row["name"] == "message.send":
                message_id = json.loads(row["args"])["id"]
                conn.execute("DELETE FROM messages WHERE id = ? AND _state = 'rejected'", (message_id,))
                self._changed("message", [message_id])
            self._changed("outbox", [str(mutation_id)])
        return True

    # ------------------------------------------------------------------------------------- pulled data

    def apply_pull(self, changes: list[PulledChange], cursors: dict[str, int], revoked: list[str],
                   prepared: PreparedPull | None = None) -> Changes:
        """Apply one pulled page and move its cursors, in one transaction; return what changed.

        `prepared` is `prepare_pull(changes)` when the caller made it already (off this thread). The highest clock
        reading in the page is kept with the profile's own (`last_hlc`), so the next local edit is stamped after
        everything this device has seen, even when its wall clock is behind.
        """
        summary: Changes = {}
        ready = prepared if prepared is not None else prepare_pull(changes)
        with self.transaction() as conn:
            for scope in revoked:
                self._purge_scope(conn, scope)
            shadowed = {(k, i) for k, i in conn.execute("SELECT kind, id FROM shadows")}
            batches: dict[str, list[tuple[Any, ...]]] = {}
            # Messages are most of a big sync: index them from the pulled data instead of reading them back.
            message_docs: dict[str, search.Document] = {}
            reapply: set[tuple[str, str]] = set()
            touched: dict[str, set[str]] = {}

            def flush() -> None:
                for kind, params in batches.items():
                    insert_many(conn, rows.upsert_sql(kind), params)
                batches.clear()

            for change, params, doc in zip(changes, ready.params, ready.docs, strict=True):
                kind, entity_id, data = change.kind, change.id, change.data
                if kind not in KINDS:
                    log.warning("skip change of unknown kind %s (a newer server?)", kind)
                    continue
                is_shadowed = bool(shadowed) and (kind, entity_id) in shadowed
                if change.op == "upsert":
                    if data is None or params is None:
                        raise StoreError(f"the server sent a {kind} without its data")
                    if is_shadowed:
                        touched.setdefault(kind, set()).add(entity_id)
                        conn.execute("UPDATE shadows SET data = ?, scope = ? WHERE kind = ? AND id = ?",
                                     (json.dumps(data, ensure_ascii=False), change.scope, kind, entity_id))
                        reapply.add((kind, entity_id))
                        continue
                    batches.setdefault(kind, []).append(params)
                    if kind == "message":
                        message_docs.pop(entity_id, None)
                        if doc is None:  # deleted: its document goes (see _reindex)
                            touched.setdefault(kind, set()).add(entity_id)
                        else:
                            message_docs[entity_id] = doc
                            if kind in touched:
                                touched[kind].discard(entity_id)
                    else:
                        touched.setdefault(kind, set()).add(entity_id)
                else:
                    touched.setdefault(kind, set()).add(entity_id)
                    message_docs.pop(entity_id, None)
                    flush()
                    if is_shadowed:
                        conn.execute("UPDATE shadows SET data = NULL WHERE kind = ? AND id = ? AND scope = ?",
                                     (kind, entity_id, change.scope))
                        reapply.add((kind, entity_id))
                    else:
                        rows.delete_row(conn, kind, entity_id, change.scope)
            flush()
            self._restore(conn, reapply)
            conn.executemany(
                "INSERT INTO cursors(scope, seq) VALUES (?, ?) ON CONFLICT(scope) DO UPDATE SET seq = excluded.seq",
                list(cursors.items()),
            )
            if ready.newest:
                # Kept quietly (no "state" change to announce): only the clock reads it.
                conn.execute(
                    "INSERT INTO sync_state(key, value) VALUES ('last_hlc', ?) ON CONFLICT(key) DO UPDATE"
                    " SET value = excluded.value WHERE value IS NULL OR value < excluded.value",
                    (ready.newest,),
                )
            self._reindex(conn, touched)
            if message_docs:
                search.index_documents(conn, message_docs.values(), spelled=True)
                self._changed("message", message_docs)
            for kind, ids in touched.items():
                self._changed(kind, ids)
            if cursors or revoked:
                self._changed("cursors", [*cursors, *revoked])
            summary = {kind: set(ids) for kind, ids in self._pending.items()}
        return summary

    def _purge_scope(self, conn: sqlite3.Connection, scope: str) -> None:
        """Access to a scope ended: its rows go; pending changes to it become refused, visible to the person."""
        log.info("purge scope=%s reason=revoked", scope)
        for kind, spec in KINDS.items():
            ids = [r[0] for r in conn.execute(f"SELECT {spec.key} FROM {spec.table} WHERE _scope = ?", (scope,))]
            if ids:
                conn.execute(f"DELETE FROM {spec.table} WHERE _scope = ?", (scope,))
                self._changed(kind, ids)
                if kind in ("message", "task", "article"):
                    search.remove_documents(conn, [(kind, i) for i in ids])
        for (mutation_id,) in conn.execute(
            "SELECT mutation_id FROM outbox WHERE scope = ? AND state = 'pending'", (scope,)
        ).fetchall():
            self._reject(conn, mutation_id, "access_revoked", "you no longer have access to this; it was not sent")
            self._changed("outbox", [str(mutation_id)])
        conn.execute("DELETE FROM shadows WHERE scope = ?", (scope,))
        conn.execute("DELETE FROM cursors WHERE scope = ?", (scope,))

    # ------------------------------------------------------------------------------------------ search

    def _reindex(self, conn: sqlite3.Connection, touched: dict[str, set[str]]) -> None:
        """Bring the search index up to date for the messages, tasks and articles that changed."""
        messages = sorted(touched.get("message", ()))
        tasks = sorted(touched.get("task", ()))
        articles = set(touched.get("article", ()))
        for rid in touched.get("article_revision", ()):
            found = conn.execute("SELECT article_id FROM article_revisions WHERE id = ?", (rid,)).fetchone()
            if found:
                articles.add(found[0])
        docs: list[search.Document] = []
        gone: list[tuple[str, str]] = []
        for chunk in _chunks(messages, 500):
            found_ids = set()
            for r in conn.execute(
                f"SELECT id, conversation_id, body, sent_at, created_hlc, deleted FROM messages"
                f" WHERE id IN ({','.join('?' * len(chunk))})", chunk):
                found_ids.add(r[0])
                if r["deleted"]:
                    gone.append(("message", r[0]))
                else:
                    docs.append(search.Document("message", r[0], r[1], r[3] or r[4], "", r[2]))
            gone += [("message", i) for i in chunk if i not in found_ids]
        for tid in tasks:
            r = conn.execute("SELECT space_id, title, description, updated_at, deleted FROM tasks WHERE id = ?",
                             (tid,)).fetchone()
            if r is None or r["deleted"]:
                gone.append(("task", tid))
            else:
                docs.append(search.Document("task", tid, r[0], r[3], r[1], r[2]))
        for aid in sorted(articles):
            r = conn.execute(
                "SELECT a.title, COALESCE(v.body, ''), a.updated_at FROM articles a LEFT JOIN article_revisions v"
                " ON v.id = a.head_revision_id WHERE a.id = ?", (aid,)).fetchone()
            if r is None:
                gone.append(("article", aid))
            else:
                docs.append(search.Document("article", aid, None, r[2], r[0], r[1]))
        search.remove_documents(conn, gone)
        search.index_documents(conn, docs)


def _group(pairs: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    grouped: dict[str, set[str]] = {}
    for kind, entity_id in pairs:
        grouped.setdefault(kind, set()).add(entity_id)
    return grouped


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# The columns that carry clock readings, per kind (a task also keeps one per field in "clocks").
_CLOCK_COLUMNS = {kind: tuple(c for c in spec.columns if c in ("hlc", "created_hlc")) for kind, spec in KINDS.items()}
_READING = re.compile(HLC_PATTERN)


def _task_readings(data: dict[str, Any]) -> list[str]:
    clocks = data.get("clocks")
    return [value for value in clocks.values() if type(value) is str] if isinstance(clocks, dict) else []


def _newest_reading(changes: list[PulledChange]) -> str:
    """The highest valid clock reading in pulled rows ("" when there is none)."""
    newest = ""
    for change in changes:
        if change.op != "upsert" or change.kind not in KINDS or change.data is None:
            continue
        readings = [change.data.get(column) for column in _CLOCK_COLUMNS[change.kind]]
        if change.kind == "task":
            readings += _task_readings(change.data)
        for reading in readings:
            if type(reading) is str and reading > newest and _is_reading(reading):
                newest = reading
    return newest


def _is_reading(text: str) -> bool:
    # fullmatch: "$" alone would also accept a trailing newline.
    return _READING.fullmatch(text) is not None


def _known(exc: sqlite3.OperationalError) -> StoreError:
    text = str(exc)
    if "full" in text:
        return StoreError("the disk is full: nothing was lost, but free some space so Atrium can save again")
    if "locked" in text or "busy" in text:
        return StoreError("the local store is busy in another Atrium window; try again")
    return StoreError(f"the local store failed: {text}")
