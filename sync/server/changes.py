"""The change log: how a write records what clients must pull, and how a pull reads it back.

Every mutation handler writes its rows and, in the same transaction, calls `WriteContext.emit` for each row
whose new state some scope must see. Pull reads the log per scope after the caller's cursor and builds the
reply as JSON text directly: the stored `data` is already JSON, so it is spliced in rather than parsed and
serialised again (that is most of what makes a 100k-message initial sync fast).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import orjson
from sqlalchemy import and_, bindparam, delete, func, select
from sqlalchemy.engine import Connection

from sync.protocol import ChangeOp, Role

from .db import changes, dumps
from .sql import Prepared

_DELETE_OLDER = Prepared(
    delete(changes).where(
        and_(
            changes.c.kind == bindparam("kind"),
            changes.c.entity_id == bindparam("entity_id"),
            changes.c.scope == bindparam("scope"),
        )
    )
)
_APPEND_MANY = Prepared(
    changes.insert().values(
        scope=bindparam("scope"),
        kind=bindparam("kind"),
        entity_id=bindparam("entity_id"),
        op=bindparam("op"),
        data=bindparam("data"),
    )
)
_NEWEST_IN_SCOPE = Prepared(select(func.max(changes.c.seq)).where(changes.c.scope == bindparam("scope")))
_APPEND = Prepared(
    changes.insert()
    .values(
        scope=bindparam("scope"),
        kind=bindparam("kind"),
        entity_id=bindparam("entity_id"),
        op=bindparam("op"),
        data=bindparam("data"),
    )
    .returning(changes.c.seq)
)


@dataclass(frozen=True)
class Actor:
    """The signed-in person a request or mutation acts for."""

    id: str
    username: str
    role: Role
    department_id: str | None

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


@dataclass
class RunState:
    """What handlers remember across a run of similar mutations, and what must be written when it ends."""

    values: dict[Any, Any] = field(default_factory=dict)
    finishers: dict[Any, Callable[[Connection], None]] = field(default_factory=dict)
    touched: dict[str, int] = field(default_factory=dict)  # scope -> newest seq of what the run wrote

    def buffer(self, key: str, row: dict[str, Any], write: Callable[[Connection, list[dict[str, Any]]], None]) -> None:
        """Keep a row to insert when the run ends, all rows of `key` in one executemany."""
        rows: list[dict[str, Any]] = self.values.setdefault(("buffer", key), [])
        if not rows:
            self.finishers[("buffer", key)] = lambda conn: write(conn, rows)
        rows.append(row)

    def finish(self, conn: Connection) -> None:
        """Write what the run kept back; an error here (e.g. a reused id) fails the whole attempt."""
        for finisher in list(self.finishers.values()):
            finisher(conn)
        self.values.clear()
        self.finishers.clear()


@dataclass
class WriteContext:
    """What a mutation handler gets: the open transaction, who acts, the mutation's clock and the time."""

    conn: Connection
    actor: Actor
    hlc: str
    now: str  # ISO 8601 UTC, when the server applies the mutation
    touched: dict[str, int] = field(default_factory=dict)  # scope -> newest seq written, for pokes
    # Shared by a run of mutations in one push applied without savepoints (None otherwise): a handler may
    # remember what it has checked so the next mutation of the run need not check it again. The push
    # calls `finish_run` before anything else touches the transaction.
    run: RunState | None = None

    def emit(self, scope: str, kind: str, entity_id: str, data: dict[str, Any], *, new: bool = False) -> int:
        """Record the new state of a row for everyone who can see `scope` (`new`: it was never emitted)."""
        return self._append(scope, kind, entity_id, ChangeOp.UPSERT, dumps(data), new=new)

    def emit_new(self, scope: str, kind: str, entity_id: str, data: dict[str, Any]) -> None:
        """Record a row that was never emitted before; inside a run it is written with the run's others."""
        if self.run is None:
            self._append(scope, kind, entity_id, ChangeOp.UPSERT, dumps(data), new=True)
            return
        run = self.run
        row = {"scope": scope, "kind": kind, "entity_id": entity_id, "op": ChangeOp.UPSERT.value, "data": dumps(data)}

        def write(conn: Connection, rows: list[dict[str, Any]]) -> None:
            _APPEND_MANY.many(conn, rows)
            for scope in {r["scope"] for r in rows}:
                newest = _NEWEST_IN_SCOPE(conn, scope=scope).fetchone()[0]
                run.touched[scope] = max(int(newest or 0), run.touched.get(scope, 0))

        run.buffer("changes", row, write)

    def emit_delete(self, scope: str, kind: str, entity_id: str) -> int:
        """Tell `scope` that a row left it (deleted, or moved to another scope)."""
        return self._append(scope, kind, entity_id, ChangeOp.DELETE, None)

    def _append(self, scope: str, kind: str, entity_id: str, op: ChangeOp, data: str | None, new: bool = False) -> int:
        if not new:
            _DELETE_OLDER(self.conn, kind=kind, entity_id=entity_id, scope=scope)
        seq = int(_APPEND(self.conn, scope=scope, kind=kind, entity_id=entity_id, op=op.value, data=data).fetchone()[0])
        self.touched[scope] = max(seq, self.touched.get(scope, 0))
        return seq


def latest_seq(conn: Connection, scope: str) -> int:
    value = conn.execute(
        select(changes.c.seq).where(changes.c.scope == scope).order_by(changes.c.seq.desc()).limit(1)
    ).scalar()
    return int(value or 0)


@dataclass
class PullPage:
    body: bytes  # the PullReply as JSON
    count: int


def pull_page(conn: Connection, allowed: set[str], cursors: dict[str, int], limit: int) -> PullPage:
    """Changes after each cursor for the scopes the caller may see, oldest first, at most `limit` in all.

    Scopes the caller may see but did not name are granted (pulled from zero); scopes it named but may no
    longer see are revoked. A scope's new cursor is only moved as far as what this page really holds, so a
    page cut short by the limit resumes exactly where it stopped.
    """
    granted = sorted(allowed - cursors.keys())
    revoked = sorted(cursors.keys() - allowed)
    wanted = {scope: cursors.get(scope, 0) for scope in allowed}
    parts: list[bytes] = []
    new_cursors: dict[str, int] = {}
    remaining = limit
    more = False
    for scope in sorted(wanted):
        if remaining <= 0:
            more = True
            break
        after = wanted[scope]
        rows = conn.execute(
            select(changes.c.seq, changes.c.kind, changes.c.entity_id, changes.c.op, changes.c.data)
            .where(and_(changes.c.scope == scope, changes.c.seq > after))
            .order_by(changes.c.seq)
            .limit(remaining + 1)
        ).all()
        if len(rows) > remaining:
            rows = rows[:remaining]
            more = True
        scope_json = orjson.dumps(scope)
        for seq, kind, entity_id, op, data in rows:
            parts.append(
                b'{"scope":%s,"seq":%d,"kind":%s,"id":%s,"op":"%s","data":%s}'
                % (
                    scope_json,
                    seq,
                    orjson.dumps(kind),
                    orjson.dumps(entity_id),
                    op.encode(),
                    data.encode() if data is not None else b"null",
                )
            )
        remaining -= len(rows)
        if rows:
            new_cursors[scope] = rows[-1][0]
        elif scope in granted:
            new_cursors[scope] = after
    body = b'{"changes":[%s],"cursors":%s,"granted":%s,"revoked":%s,"more":%s}' % (
        b",".join(parts),
        orjson.dumps(new_cursors),
        orjson.dumps(granted),
        orjson.dumps(revoked),
        b"true" if more else b"false",
    )
    return PullPage(body=body, count=len(parts))
