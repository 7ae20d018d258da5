"""Mutation handlers: one function per mutation name, registered with `@mutation(name)`.

A handler receives the write context and its validated arguments (the model named for it in
`sync.protocol.MUTATION_ARGS`), checks that the actor may do it, changes rows, and emits the new state to the
scopes that must see it. It raises `Rejection` with a reason a person can read when it cannot apply; the
push endpoint then rolls back that mutation alone and records the rejection.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from sync.protocol import MUTATION_ARGS, Rejection

from ..changes import WriteContext

Handler = Callable[[WriteContext, Any], None]
HANDLERS: dict[str, Handler] = {}


def mutation(name: str) -> Callable[[Handler], Handler]:
    if name not in MUTATION_ARGS:
        raise KeyError(f"{name} is not a mutation of the protocol")

    def register(func: Handler) -> Handler:
        HANDLERS[name] = func
        return func

    return register


def apply_mutation(ctx: WriteContext, name: str, args: dict[str, Any]) -> None:
    """Validate and apply one mutation inside the caller's transaction; raise Rejection to refuse it."""
    handler = HANDLERS.get(name)
    model = MUTATION_ARGS.get(name)
    if handler is None or model is None:
        raise Rejection("unknown_mutation", f"this server does not know the change “{name}”")
    try:
        parsed = model.model_validate(args)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "arguments"
        raise Rejection("invalid_arguments", f"{name}: {where}: {first.get('msg', 'invalid')}") from None
    handler(ctx, parsed)


def _load_handlers() -> None:
    # Imported for their registrations.
    from . import articles, chats, preferences, tasks  # noqa: F401


_load_handlers()
