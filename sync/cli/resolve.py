"""Finding what a command names: conversations, spaces, tasks and articles by id, id prefix or suffix, or title.

Ids are time-ordered, so things made in the same minute share a long prefix; the random end of an id is
often the shorter thing to type, so a unique suffix is accepted too. A name that fits several things is an
error that lists them, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable

from app.services import Session
from app.store import reads

from .output import CliError

MIN_PREFIX = 6  # shorter prefixes of time-ordered ids match too much to be a safe way to name something


def pick(what: str, query: str, candidates: Iterable[tuple[str, str]], listing: str) -> str:
    """The id named by `query`: an exact id, a unique id prefix or suffix (≥ 6 characters), or an exact title."""
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


def conversation_id(session: Session, query: str) -> str:
    summaries = reads.conversations(session.conn, session.user_id, session.language)
    return pick("conversation", query, ((c.id, c.title) for c in summaries), "atrium chat list")


def space_id(session: Session, query: str | None) -> str:
    """The space named by `query`, or without one the person's department space when there is exactly one."""
    mine = reads.spaces(session.conn, session.user_id)
    if query is not None:
        return pick("space", query, ((s.id, s.title) for s in mine), "atrium task list")
    departments = [s for s in mine if s.kind == "department"]
    if len(departments) == 1:
        return departments[0].id
    listing = "; ".join(f"{s.title} ({s.id})" for s in mine) or "none here yet (run atrium sync)"
    raise CliError(f"name a space with --space; your spaces: {listing}")


def all_tasks(session: Session) -> list[tuple[reads.SpaceView, reads.TaskView]]:
    today = session.today()
    return [(space, t) for space in reads.spaces(session.conn, session.user_id)
            for t in reads.tasks(session.conn, space.id, today, language=session.language)]


def task_id(session: Session, query: str) -> str:
    return pick("task", query, ((t.id, t.title) for _, t in all_tasks(session)), "atrium task list")


def article_id(session: Session, query: str) -> str:
    found = reads.articles(session.conn, session.user_id, language=session.language)
    return pick("article", query, ((a.id, a.title) for a in found), "atrium kb list")


def ack_message_id(session: Session, query: str) -> str:
    """A message that asks for acknowledgement (the only ones `chat ack` and `chat acks` are about)."""
    rows = session.conn.execute("SELECT id, body FROM messages WHERE ack_requested = 1 AND deleted = 0").fetchall()
    return pick("message asking for acknowledgement", query, ((r[0], r[1][:40]) for r in rows),
                "atrium chat history CONVERSATION")
