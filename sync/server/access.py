"""Who may see what: the scopes a person can pull and the membership checks mutation handlers use.

Least privilege: a person sees the org directory and the published knowledge base, their own data, the
conversations and spaces they are a member of, their own drafts, and — as a reviewer — the drafts of the
people they review (admins: everyone; a department head: their department).
"""

from __future__ import annotations

from sqlalchemy import and_, select
from sqlalchemy.engine import Connection

from sync.protocol import (
    SCOPE_KB,
    SCOPE_ORG,
    Rejection,
    Role,
    conversation_scope,
    drafts_scope,
    parse_scope,
    space_scope,
    user_scope,
)

from .changes import Actor
from .db import conversation_members, space_members, users


def visible_scopes(conn: Connection, actor: Actor) -> set[str]:
    scopes = {SCOPE_ORG, SCOPE_KB, user_scope(actor.id), drafts_scope(actor.id)}
    scopes.update(
        conversation_scope(cid)
        for (cid,) in conn.execute(
            select(conversation_members.c.conversation_id).where(
                and_(conversation_members.c.user_id == actor.id, conversation_members.c.present.is_(True))
            )
        )
    )
    scopes.update(
        space_scope(sid)
        for (sid,) in conn.execute(
            select(space_members.c.space_id).where(
                and_(space_members.c.user_id == actor.id, space_members.c.present.is_(True))
            )
        )
    )
    scopes.update(drafts_scope(uid) for uid in reviewable_authors(conn, actor))
    return scopes


def reviewable_authors(conn: Connection, actor: Actor) -> list[str]:
    """The people whose unpublished articles this actor reviews (never themselves)."""
    if actor.role is Role.ADMIN:
        query = select(users.c.id)
    elif actor.role is Role.HEAD and actor.department_id:
        query = select(users.c.id).where(users.c.department_id == actor.department_id)
    else:
        return []
    return [uid for (uid,) in conn.execute(query) if uid != actor.id]


def may_review(conn: Connection, actor: Actor, author_id: str) -> bool:
    return author_id != actor.id and author_id in reviewable_authors(conn, actor)


def is_conversation_member(conn: Connection, conversation_id: str, user_id: str) -> bool:
    return bool(
        conn.execute(
            select(conversation_members.c.present).where(
                and_(
                    conversation_members.c.conversation_id == conversation_id,
                    conversation_members.c.user_id == user_id,
                )
            )
        ).scalar()
    )


def is_space_member(conn: Connection, space_id: str, user_id: str) -> bool:
    return bool(
        conn.execute(
            select(space_members.c.present).where(
                and_(space_members.c.space_id == space_id, space_members.c.user_id == user_id)
            )
        ).scalar()
    )


def require_conversation_member(conn: Connection, conversation_id: str, actor: Actor) -> None:
    if not is_conversation_member(conn, conversation_id, actor.id):
        raise Rejection("forbidden", "you are not a member of this conversation")


def require_space_member(conn: Connection, space_id: str, actor: Actor) -> None:
    if not is_space_member(conn, space_id, actor.id):
        raise Rejection("forbidden", "you are not a member of this space")


def active_user_ids(conn: Connection, user_ids: list[str]) -> set[str]:
    if not user_ids:
        return set()
    return {
        uid
        for (uid,) in conn.execute(select(users.c.id).where(and_(users.c.id.in_(user_ids), users.c.active.is_(True))))
    }


def scope_audience(conn: Connection, scope: str) -> set[str] | None:
    """Who should hear that `scope` changed; None means every signed-in person.

    Former members are included: the poke makes them pull, and the pull tells them the scope is revoked.
    """
    kind, ident = parse_scope(scope)
    if kind in (SCOPE_ORG, SCOPE_KB) or ident is None:
        return None
    if kind == "user":
        return {ident}
    if kind == "conv":
        return {
            uid
            for (uid,) in conn.execute(
                select(conversation_members.c.user_id).where(conversation_members.c.conversation_id == ident)
            )
        }
    if kind == "space":
        return {
            uid for (uid,) in conn.execute(select(space_members.c.user_id).where(space_members.c.space_id == ident))
        }
    if kind == "drafts":
        audience = {ident}
        author_dept = conn.execute(select(users.c.department_id).where(users.c.id == ident)).scalar()
        audience.update(
            uid
            for uid, role, dept in conn.execute(select(users.c.id, users.c.role, users.c.department_id))
            if role == Role.ADMIN.value or (role == Role.HEAD.value and dept is not None and dept == author_dept)
        )
        return audience
    return set()
