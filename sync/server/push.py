"""Applying a pushed batch of mutations exactly once.

The batch runs in one transaction; each mutation in its own savepoint, so a rejected one is rolled back
alone and the rest go on. Which mutation ids a client has had applied is stored in the same transaction as
their effects, so a batch sent again — after a lost reply, out of order, or twice at once — has one effect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, bindparam, select
from sqlalchemy.engine import Connection

from app import clock
from sync.protocol import (
    HybridClock,
    MutationResult,
    MutationStatus,
    PushRequest,
    Rejection,
    Timestamp,
)

from . import sql
from .auth import AuthError, iso_now
from .changes import Actor, RunState, WriteContext
from .db import Database, applied_mutations, clients
from .mutations import apply_mutation
from .sql import Prepared

log = logging.getLogger("atrium.server.push")

_RECORD = Prepared(
    applied_mutations.insert().values(
        {name: bindparam(name) for name in ("client_id", "mutation_id", "status", "code", "reason")}
    )
)

# A client whose wall clock runs far ahead would win every last-writer-wins merge for as long as it is
# ahead; such readings are replaced by the server's own clock.
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000


@dataclass
class PushOutcome:
    results: list[MutationResult]
    touched: dict[str, int] = field(default_factory=dict)  # scope -> newest seq, for live pokes


class _RetryIsolated(Exception):
    """A mutation failed in a batch run without savepoints: run the batch again with them."""


class PushService:
    def __init__(self, database: Database, server_clock: HybridClock) -> None:
        self.db = database
        self.clock = server_clock

    def push(self, actor: Actor, request: PushRequest) -> PushOutcome:
        # Most batches apply cleanly, and a savepoint per mutation costs a third of the time: try the batch
        # without them first; if any mutation fails, roll the whole attempt back and go again with them.
        try:
            return self._push(actor, request, isolate=False)
        except _RetryIsolated:
            return self._push(actor, request, isolate=True)

    def _push(self, actor: Actor, request: PushRequest, isolate: bool) -> PushOutcome:
        ordered = sorted({m.mutation_id: m for m in request.mutations}.values(), key=lambda m: m.mutation_id)
        results: dict[int, MutationResult] = {}
        touched: dict[str, int] = {}
        records: list[dict[str, Any]] = []
        with self.db.write() as conn:
            self._check_client(conn, actor, request.client_id)
            done = self._already_applied(conn, request.client_id, [m.mutation_id for m in ordered])
            now = iso_now()
            latest_allowed = clock.wall_ms() + MAX_CLOCK_SKEW_MS
            run = None if isolate else RunState()
            previous_name = ""
            for mutation in ordered:
                if run is not None and mutation.name != previous_name:
                    self._finish_run(run, conn)  # a run of same-named mutations ends here
                previous_name = mutation.name
                if mutation.mutation_id in done:
                    results[mutation.mutation_id] = MutationResult(
                        mutation_id=mutation.mutation_id, status=MutationStatus.DUPLICATE
                    )
                    continue
                hlc = self._accept_clock(mutation.hlc, latest_allowed)
                ctx = WriteContext(conn=conn, actor=actor, hlc=hlc, now=now, run=run)
                if isolate:
                    result = self._apply_isolated(conn, ctx, mutation.mutation_id, mutation.name, mutation.args)
                else:
                    try:
                        apply_mutation(ctx, mutation.name, dict(mutation.args))
                    except Exception as exc:
                        raise _RetryIsolated from exc
                    result = MutationResult(mutation_id=mutation.mutation_id, status=MutationStatus.APPLIED)
                if result.status is MutationStatus.APPLIED:
                    for scope, seq in ctx.touched.items():
                        touched[scope] = max(seq, touched.get(scope, 0))
                records.append(
                    {
                        "client_id": request.client_id,
                        "mutation_id": mutation.mutation_id,
                        "status": result.status.value,
                        "code": result.code,
                        "reason": result.reason,
                    }
                )
                results[mutation.mutation_id] = result
            if run is not None:
                self._finish_run(run, conn)
                for scope, seq in run.touched.items():
                    touched[scope] = max(seq, touched.get(scope, 0))
            _RECORD.many(conn, records)
        # One result per distinct mutation id, in the order the client sent them.
        in_order = list(dict.fromkeys(m.mutation_id for m in request.mutations))
        return PushOutcome(results=[results[mid] for mid in in_order], touched=touched)

    @staticmethod
    def _finish_run(run: RunState, conn: Connection) -> None:
        try:
            run.finish(conn)
        except Exception as exc:
            raise _RetryIsolated from exc

    def _apply_isolated(
        self, conn: Connection, ctx: WriteContext, mutation_id: int, name: str, args: dict[str, object]
    ) -> MutationResult:
        """Apply one mutation inside a savepoint, so refusing it undoes its writes and nothing else."""
        sql.savepoint(conn, "mutation")
        try:
            apply_mutation(ctx, name, dict(args))
        except Rejection as rejection:
            sql.rollback_to(conn, "mutation")
            ctx.touched.clear()
            log.info(
                "reject mutation=%s name=%s user=%s reason=%s", mutation_id, name, ctx.actor.username, rejection.code
            )
            return MutationResult(
                mutation_id=mutation_id, status=MutationStatus.REJECTED, code=rejection.code, reason=rejection.reason
            )
        except Exception:
            # A bug of ours must not wedge the client's queue forever: refuse this one change loudly.
            sql.rollback_to(conn, "mutation")
            ctx.touched.clear()
            log.exception("mutation %s (%s) from %s failed inside the server", mutation_id, name, ctx.actor.username)
            return MutationResult(
                mutation_id=mutation_id,
                status=MutationStatus.REJECTED,
                code="server_error",
                reason="the server failed to apply this change; it has been logged for the administrator",
            )
        sql.release(conn, "mutation")
        return MutationResult(mutation_id=mutation_id, status=MutationStatus.APPLIED)

    def _accept_clock(self, hlc: str, latest_allowed_ms: int) -> str:
        if Timestamp.parse(hlc).millis > latest_allowed_ms:
            wall = self.clock.now()
            log.warning("clock reading %s is ahead of the server; using %s", hlc, wall)
            return wall
        return hlc

    @staticmethod
    def _check_client(conn: Connection, actor: Actor, client_id: str) -> None:
        owner = conn.execute(select(clients.c.user_id).where(clients.c.id == client_id)).scalar()
        if owner is None:
            raise AuthError(403, "unknown_client", "this client id was never issued; sign in again")
        if owner != actor.id:
            raise AuthError(403, "foreign_client", "this client id belongs to another account")

    @staticmethod
    def _already_applied(conn: Connection, client_id: str, mutation_ids: list[int]) -> set[int]:
        found: set[int] = set()
        for start in range(0, len(mutation_ids), 500):
            chunk = mutation_ids[start : start + 500]
            found.update(
                mid
                for (mid,) in conn.execute(
                    select(applied_mutations.c.mutation_id).where(
                        and_(applied_mutations.c.client_id == client_id, applied_mutations.c.mutation_id.in_(chunk))
                    )
                )
            )
        return found
