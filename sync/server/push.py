"""Applying a pushed batch of mutations exactly once.

The batch runs in one transaction; each mutation in its own savepoint, so a rejected one is rolled back
alone and the rest go on. Which mutation ids a client has had applied is stored in the same transaction as
their effects, so a batch sent again — after a lost reply, out of order, or twice at once — has one effect.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from sync.protocol import (
    HybridClock,
    MutationResult,
    MutationStatus,
    PushRequest,
    Rejection,
    Timestamp,
)

from .auth import AuthError, iso_now
from .changes import Actor, WriteContext
from .db import Database, applied_mutations, clients
from .mutations import apply_mutation

log = logging.getLogger("atrium.server.push")

# A client whose wall clock runs far ahead would win every last-writer-wins merge for as long as it is
# ahead; such readings are replaced by the server's own clock.
MAX_CLOCK_SKEW_MS = 5 * 60 * 1000


@dataclass
class PushOutcome:
    results: list[MutationResult]
    touched: dict[str, int] = field(default_factory=dict)  # scope -> newest seq, for live pokes


class PushService:
    def __init__(self, database: Database, server_clock: HybridClock) -> None:
        self.db = database
        self.clock = server_clock

    def push(self, actor: Actor, request: PushRequest) -> PushOutcome:
        ordered = sorted({m.mutation_id: m for m in request.mutations}.values(), key=lambda m: m.mutation_id)
        results: dict[int, MutationResult] = {}
        touched: dict[str, int] = {}
        with self.db.write() as conn:
            self._check_client(conn, actor, request.client_id)
            done = self._already_applied(conn, request.client_id, [m.mutation_id for m in ordered])
            now = iso_now()
            for mutation in ordered:
                if mutation.mutation_id in done:
                    results[mutation.mutation_id] = MutationResult(
                        mutation_id=mutation.mutation_id, status=MutationStatus.DUPLICATE
                    )
                    continue
                ctx = WriteContext(conn=conn, actor=actor, hlc=self._accept_clock(mutation.hlc), now=now)
                result = self._apply_one(conn, ctx, mutation.mutation_id, mutation.name, mutation.args)
                if result.status is MutationStatus.APPLIED:
                    for scope, seq in ctx.touched.items():
                        touched[scope] = max(seq, touched.get(scope, 0))
                conn.execute(
                    applied_mutations.insert().values(
                        client_id=request.client_id,
                        mutation_id=mutation.mutation_id,
                        status=result.status.value,
                        code=result.code,
                        reason=result.reason,
                    )
                )
                results[mutation.mutation_id] = result
        # One result per distinct mutation id, in the order the client sent them.
        in_order = list(dict.fromkeys(m.mutation_id for m in request.mutations))
        return PushOutcome(results=[results[mid] for mid in in_order], touched=touched)

    def _apply_one(
        self, conn: Connection, ctx: WriteContext, mutation_id: int, name: str, args: dict[str, object]
    ) -> MutationResult:
        savepoint = conn.begin_nested()
        try:
            apply_mutation(ctx, name, dict(args))
        except Rejection as rejection:
            savepoint.rollback()
            ctx.touched.clear()
            log.info("reject mutation=%s name=%s user=%s reason=%s", mutation_id, name, ctx.actor.username,
                     rejection.code)
            return MutationResult(
                mutation_id=mutation_id, status=MutationStatus.REJECTED, code=rejection.code, reason=rejection.reason
            )
        except Exception:
            # A bug of ours must not wedge the client's queue forever: refuse this one change loudly.
            savepoint.rollback()
            ctx.touched.clear()
            log.exception("mutation %s (%s) from %s failed inside the server", mutation_id, name, ctx.actor.username)
            return MutationResult(
                mutation_id=mutation_id,
                status=MutationStatus.REJECTED,
                code="server_error",
                reason="the server failed to apply this change; it has been logged for the administrator",
            )
        savepoint.commit()
        return MutationResult(mutation_id=mutation_id, status=MutationStatus.APPLIED)

    def _accept_clock(self, hlc: str) -> str:
        reading = Timestamp.parse(hlc)
        wall = self.clock.now()
        if reading.millis > Timestamp.parse(wall).millis + MAX_CLOCK_SKEW_MS:
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
