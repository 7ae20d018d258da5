"""Mutation handler for preferences: a person's settings that follow them to their other devices, and the
organisation's defaults that an admin sets.

A person's preference goes to their own user scope (only their devices pull it); the organisation's goes to
the org scope (everyone pulls it and lays their own choices over it). Concurrent writes from two devices are
settled by clock: the later writing wins, whichever arrives last. Values are checked with the same rules the
client applies (app.notifications.settings), so a device never pulls settings it cannot use.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, select, update

from app.notifications.settings import NotificationSettings, SettingsError, effective
from sync.protocol import (
    KIND_PREFERENCE,
    MAX_PREFERENCE_BYTES,
    SCOPE_ORG,
    Rejection,
    SetPreference,
    user_scope,
)

from ..changes import WriteContext
from ..db import dumps, preferences
from . import mutation

ORG_OWNER = "org"


def preference_data(owner: str, key: str, value: Any, hlc: str) -> dict[str, Any]:
    return {"owner": owner, "key": key, "value": value, "hlc": hlc}


def _check_notifications(value: dict[str, Any], level: str) -> None:
    try:
        if level == "org":
            NotificationSettings.from_dict(value)
        else:
            effective(NotificationSettings(), value)
    except SettingsError as exc:
        raise Rejection("invalid_settings", str(exc)) from None


@mutation("preference.set")
def set_preference(ctx: WriteContext, args: SetPreference) -> None:
    if args.level == "org" and not ctx.actor.is_admin:
        raise Rejection("forbidden", "only an administrator can change the organisation's defaults")
    text = dumps(args.value)
    if len(text.encode()) > MAX_PREFERENCE_BYTES:
        raise Rejection("too_large", f"settings are limited to {MAX_PREFERENCE_BYTES // 1024} KB")
    if args.key == "notifications":
        _check_notifications(args.value, args.level)
    owner = ORG_OWNER if args.level == "org" else ctx.actor.id
    key = and_(preferences.c.owner == owner, preferences.c.key == args.key)
    stored = ctx.conn.execute(select(preferences.c.hlc).where(key)).scalar()
    if stored is None:
        ctx.conn.execute(preferences.insert().values(owner=owner, key=args.key, value=text, hlc=ctx.hlc))
    elif ctx.hlc > stored:  # the clock strings sort like the readings
        ctx.conn.execute(update(preferences).where(key).values(value=text, hlc=ctx.hlc))
    else:
        return  # a newer setting from another device already won
    scope = SCOPE_ORG if owner == ORG_OWNER else user_scope(owner)
    ctx.emit(scope, KIND_PREFERENCE, f"{owner}:{args.key}", preference_data(owner, args.key, args.value, ctx.hlc))
