"""Growth on the server: a person's map from the server's own tables, and the monthly "platform expert" ranking.

The server runs the very same pure code as the desktop client (`app.growth.activity_from_rows` and `compute`):
`growth_rows` reads the server's tables into the shapes the client's store rows have (the wire data is the
server's columns, so they match column for column) and hands them over. For the same activity both therefore
give the same `GrowthState`. One difference is deliberate: the server counts everything a person did, while a
client counts what it can see — after someone leaves a group, their messages there still count here but are
purged from their device.

Sign-ins are not passed on either side: the client has no log of them, and the daily point is earned by any
activity that day, so leaving them out keeps the two computations equal.

Who may see whose growth (`may_see_growth`): everyone their own, a department head the people of their
department, an administrator everyone.

The ranking (`rank_month`) computes every active person's growth in the company's time zone and keeps the top
share of the month's points; `publish_recognition` writes the result into the org scope as one
"growth_recognition" record per month, which every client pulls like any other row.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import date, datetime, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel
from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from app import clock
from app.growth import Definition, GrowthState, activity_from_rows, compute, default_definition
from app.growth.recognition import KIND, MonthlyRecognition, month_bounds, points_in_month, previous_month
from app.growth.recognition import rank_month as rank_points
from app.growth.summary import state_summary
from sync.protocol import SCOPE_ORG, Rejection, Role

from . import org
from .changes import Actor
from .db import (
    Database,
    article_flags,
    articles,
    changes,
    conversations,
    loads,
    messages,
    spaces,
    task_history,
    tasks,
    users,
)

log = logging.getLogger("atrium.server.growth")

FLAG_LIKE = "like"
FLAG_FAVORITE = "favorite"
_BATCH = 500
_CONVERSATION_COLUMNS = ("id", "kind", "created_by", "created_at")


class GrowthError(ValueError):
    """A growth request that cannot be answered as asked (unknown person, bad zone or date); one sentence."""


# ---------------------------------------------------------------------------------------------- rows


def _dicts(conn: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(row) for row in conn.execute(query).mappings()]


def growth_rows(conn: Connection, person_id: str) -> dict[str, list[dict[str, Any]]]:
    """The keyword arguments of `activity_from_rows` for `person_id`, from the server's tables.

    The same selection as the client's `app.growth.rows.growth_rows`: the person's messages and the ones they
    replied to or were mentioned in, the tasks they created, own or changed with all those tasks' history,
    and the small tables whole.
    """
    # Mentions are stored as JSON text written by orjson; the quoted id matches exactly one element.
    mention = f'%"{person_id}"%'
    replied = select(messages.c.reply_to).where(
        and_(messages.c.author_id == person_id, messages.c.reply_to.is_not(None))
    )
    message_rows = _dicts(
        conn,
        select(messages).where(
            or_(messages.c.author_id == person_id, messages.c.mentions.like(mention), messages.c.id.in_(replied))
        ),
    )
    touched = select(task_history.c.task_id).where(task_history.c.actor_id == person_id)
    task_rows = _dicts(
        conn,
        select(tasks).where(
            or_(tasks.c.created_by == person_id, tasks.c.owner_id == person_id, tasks.c.id.in_(touched))
        ),
    )
    task_ids = [str(task["id"]) for task in task_rows]
    history: list[dict[str, Any]] = []
    for start in range(0, len(task_ids), _BATCH):
        chunk = task_ids[start : start + _BATCH]
        history += _dicts(conn, select(task_history).where(task_history.c.task_id.in_(chunk)))
    own_articles = select(articles.c.id).where(articles.c.author_id == person_id)
    flags = article_flags.c
    flag_columns = (flags.article_id, flags.user_id, flags.present, flags.hlc)
    return {
        "people": _dicts(conn, select(users.c.id, users.c.department_id)),
        "conversations": _dicts(conn, select(*(conversations.c[name] for name in _CONVERSATION_COLUMNS))),
        "messages": message_rows,
        "tasks": task_rows,
        "task_history": history,
        "articles": _dicts(conn, select(articles)),
        "article_likes": _dicts(
            conn,
            select(*flag_columns).where(
                and_(flags.flag == FLAG_LIKE, or_(flags.user_id == person_id, flags.article_id.in_(own_articles)))
            ),
        ),
        "favorites": _dicts(
            conn, select(*flag_columns).where(and_(flags.flag == FLAG_FAVORITE, flags.user_id == person_id))
        ),
        "spaces": _dicts(conn, select(spaces).where(spaces.c.created_by == person_id)),
    }


def person_state(
    conn: Connection, person_id: str, today: date, tz: tzinfo, definition: Definition | None = None
) -> GrowthState:
    """The person's growth as of `today` (a day in `tz`), from the server's tables."""
    activity = activity_from_rows(person_id, **growth_rows(conn, person_id))
    return compute(definition or default_definition(), activity, person_id, today, tz)


# -------------------------------------------------------------------------------------------- access


def find_person(conn: Connection, id_or_username: str) -> dict[str, Any] | None:
    """An account by id or username (active or not)."""
    text = id_or_username.strip()
    row = conn.execute(
        select(users.c.id, users.c.username, users.c.department_id, users.c.active).where(
            or_(users.c.id == text, users.c.username == text.lower())
        )
    ).mappings().first()
    return dict(row) if row else None


def may_see_growth(conn: Connection, actor: Actor, person_id: str) -> bool:
    """Own growth always; a head their department's people; an admin everyone's."""
    if actor.id == person_id or actor.role is Role.ADMIN:
        return True
    if actor.role is Role.HEAD and actor.department_id:
        department = conn.execute(select(users.c.department_id).where(users.c.id == person_id)).scalar()
        return department == actor.department_id
    return False


def zone(name: str | None, definition: Definition | None = None) -> ZoneInfo:
    """An IANA zone by name; the company's (the definition's recognition zone) when none is given."""
    name = name or (definition or default_definition()).recognition.time_zone
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise GrowthError(f"{name!r} is not a known IANA time zone (e.g. Asia/Shanghai, Europe/Berlin)") from None


def day(text: str | None, tz: tzinfo) -> date:
    """An ISO date, or today in `tz`."""
    if not text:
        return clock.today(tz)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise GrowthError(f"{text!r} is not a date (write it as YYYY-MM-DD)") from None


# ------------------------------------------------------------------------------------------- ranking


def rank_month(
    conn: Connection, month: str, definition: Definition | None = None, *, today: date | None = None
) -> MonthlyRecognition:
    """Every active person's points in `month` (the company's calendar) and the top share of them, as of
    `today` (a day in the company's zone; the clock's today when not given)."""
    definition = definition or default_definition()
    recognition = definition.recognition
    tz = ZoneInfo(recognition.time_zone)
    _first, last = month_bounds(month)
    # As of the month's last day: later activity cannot change what was earned in it, and a month still
    # running is ranked up to today.
    today = min(last, today or clock.today(tz))
    active = [uid for (uid,) in conn.execute(select(users.c.id).where(users.c.active.is_(True)).order_by(users.c.id))]
    points = {uid: points_in_month(person_state(conn, uid, today, tz, definition), month) for uid in active}
    return rank_points(month, points, recognition.share, recognition.time_zone)


def published(conn: Connection, month: str) -> MonthlyRecognition | None:
    """The recognition clients have for `month`, if it was published."""
    data = conn.execute(
        select(changes.c.data).where(
            and_(changes.c.scope == SCOPE_ORG, changes.c.kind == KIND, changes.c.entity_id == month)
        )
    ).scalar()
    return None if data is None else MonthlyRecognition.from_data(loads(data))


def publish_recognition(
    database: Database, month: str, *, now: datetime | None = None
) -> tuple[MonthlyRecognition, dict[str, int]]:
    """Rank `month` (which must have ended by `now`, the clock's when not given) and publish it into the org
    scope; returns it and the scopes touched (for pokes). Publishing a month again replaces its record."""
    tz = ZoneInfo(default_definition().recognition.time_zone)
    try:
        _first, last = month_bounds(month)
    except ValueError as exc:
        raise GrowthError(str(exc)) from None
    today = (now or clock.now()).astimezone(tz).date()
    if last >= today:
        raise GrowthError(f"{month} has not ended yet; its platform experts are named once it has")
    # Ranked outside the write lock: it reads every person's activity, and pushes must not wait for that.
    with database.read() as conn:
        result = rank_month(conn, month, today=today)
    with database.write() as conn:
        ctx = org.system_context(conn)
        ctx.emit(SCOPE_ORG, KIND, month, {**result.to_data(), "computed_at": ctx.now})
    log.info("published platform experts month=%s experts=%d ranked=%d", month, len(result.experts), result.ranked)
    return result, ctx.touched


def publish_if_due(database: Database, now: datetime | None = None) -> dict[str, int]:
    """Publish last month's experts unless that was done already (called at start and hourly)."""
    tz = ZoneInfo(default_definition().recognition.time_zone)
    month = previous_month((now or clock.now()).astimezone(tz).date())
    with database.read() as conn:
        if published(conn, month) is not None:
            return {}
    return publish_recognition(database, month, now=now)[1]


async def recognition_loop(
    database: Database, every_s: float, poke: Callable[[dict[str, int]], None], *, first_after_s: float = 120.0
) -> None:
    """Publish each month's experts soon after the month ends, for as long as the server runs.

    The first round waits a little: ranking reads every person's activity (seconds of CPU for a big company),
    and right after a start the server has clients catching up to serve first."""
    await asyncio.sleep(first_after_s)
    while True:
        try:
            touched = await asyncio.to_thread(publish_if_due, database)
            if touched:
                await asyncio.to_thread(poke, touched)
        except asyncio.CancelledError:
            raise
        except Exception:  # a failed ranking must not stop the server; the next round tries again
            log.exception("publishing the platform experts failed")
        await asyncio.sleep(every_s)


# ---------------------------------------------------------------------------------------------- HTTP


class GrowthReply(BaseModel):
    """GET /v1/growth/{user_id}: the person's growth (see `app.growth.summary.state_summary`)."""

    time_zone: str
    state: dict[str, Any]


def growth_reply(database: Database, actor: Actor, who: str, tz_name: str | None, today: str | None) -> GrowthReply:
    """The answer for `who` ("me", an id or a username) as seen by `actor`; refusals as `Rejection`s."""
    try:
        tz = zone(tz_name)
        as_of = day(today, tz)
    except GrowthError as exc:
        raise Rejection("invalid_request", str(exc)) from None
    with database.read() as conn:
        person = find_person(conn, actor.id if who == "me" else who)
        # Whether an account exists is itself not everyone's business: a stranger gets "forbidden" either way.
        if person is None or not may_see_growth(conn, actor, str(person["id"])):
            if person is None and actor.role is Role.ADMIN:
                raise Rejection("not_found", f"there is no account {who!r}")
            raise Rejection("forbidden", "you may see your own growth; department heads their department's")
        state = person_state(conn, str(person["id"]), as_of, tz)
    return GrowthReply(time_zone=tz.key, state=state_summary(state))


def last_month() -> str:
    """The month that ended most recently, in the company's calendar."""
    return previous_month(clock.today(ZoneInfo(default_definition().recognition.time_zone)))
