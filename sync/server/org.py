"""The organisation: departments, accounts and the memberships the org structure implies.

Every department has a department group conversation and a department space whose members are exactly the
department's active people; adding, moving, disabling or re-enabling a person updates both in the same
transaction. Each change is recorded in the change log for the scopes that must see it: departments and
people go to the org directory (never a password hash), conversation/space rows and their member rows to
that conversation's or space's scope.

Writes take a `WriteContext` (open transaction, acting person, clock, time); reads take a `Connection`. Admin
tools (the `atrium-server` CLI, the demo seeder) act as `SYSTEM_ACTOR` through `system_context`. A request a
person got wrong (duplicate username, unknown department, bad role) raises `OrgError` with a sentence to show.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import Connection, RowMapping

from app import clock
from sync.protocol import (
    KIND_CONVERSATION,
    KIND_CONVERSATION_MEMBER,
    KIND_DEPARTMENT,
    KIND_PERSON,
    KIND_SPACE,
    KIND_SPACE_MEMBER,
    SCOPE_ORG,
    ConversationKind,
    HybridClock,
    Role,
    SpaceKind,
    conversation_scope,
    department_conversation_id,
    department_space_id,
    new_id,
    space_scope,
)

from . import passwords
from .changes import Actor, WriteContext
from .db import conversation_members, conversations, departments, sessions, space_members, spaces, users
from .mutations.chats import conversation_data, member_data
from .mutations.tasks import space_data, space_member_data

SYSTEM_ACTOR = Actor(id="system", username="system", role=Role.ADMIN, department_id=None)

_USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._\-]{0,63}$")
_DEPT_ID_RE = re.compile(r"^[A-Za-z0-9_.\-]{1,58}$")  # "dept-" + id must fit an Id (64 characters)
_server_clock = HybridClock("server")


class OrgError(ValueError):
    """A request that cannot be done as asked; the message is one sentence for the person who asked."""


def utc_now() -> str:
    return clock.iso_now()


def system_context(conn: Connection, *, now: str | None = None) -> WriteContext:
    """A write context for administrative changes made by the server itself (CLI, demo seeding)."""
    return WriteContext(conn=conn, actor=SYSTEM_ACTOR, hlc=_server_clock.now(), now=now or utc_now())


# ------------------------------------------------------------------------------------------- row data


def department_data(row: RowMapping) -> dict[str, Any]:
    return {"id": row["id"], "name": row["name"], "name_en": row["name_en"], "head_id": row["head_id"]}


def person_data(row: RowMapping) -> dict[str, Any]:
    """What everyone in the org may know about a person (no password hash, no session data)."""
    return {
        "id": row["id"],
        "username": row["username"],
        "display_name": row["display_name"],
        "display_name_en": row["display_name_en"],
        "role": row["role"],
        "department_id": row["department_id"],
        "active": bool(row["active"]),
    }


def member_entity_id(container_id: str, user_id: str) -> str:
    """The change-log id of a membership row: "<conversation or space id>:<user id>"."""
    return f"{container_id}:{user_id}"


# ---------------------------------------------------------------------------------------------- reads


def get_user(conn: Connection, username: str) -> RowMapping | None:
    return conn.execute(select(users).where(users.c.username == _normal_username(username))).mappings().first()


def get_user_by_id(conn: Connection, user_id: str) -> RowMapping | None:
    return conn.execute(select(users).where(users.c.id == user_id)).mappings().first()


def list_users(conn: Connection) -> list[dict[str, Any]]:
    """Every account, active or not, by department then username (no password hashes)."""
    rows = conn.execute(select(users).order_by(users.c.department_id, users.c.username)).mappings()
    return [person_data(row) for row in rows]


def list_departments(conn: Connection) -> list[dict[str, Any]]:
    return [department_data(row) for row in conn.execute(select(departments).order_by(departments.c.id)).mappings()]


def find_department(conn: Connection, id_or_name: str) -> RowMapping | None:
    """A department by its id, its Chinese name or its English name (case-insensitive)."""
    text = id_or_name.strip()
    row = conn.execute(select(departments).where(departments.c.id == text)).mappings().first()
    if row is None:
        row = (
            conn.execute(
                select(departments)
                .where((departments.c.name == text) | (func.lower(departments.c.name_en) == text.lower()))
                .order_by(departments.c.id)
            )
            .mappings()
            .first()
        )
    return row


def department_member_ids(conn: Connection, department_id: str) -> list[str]:
    """The active people of a department: who its conversation and space must contain."""
    return [
        uid
        for (uid,) in conn.execute(
            select(users.c.id)
            .where(and_(users.c.department_id == department_id, users.c.active.is_(True)))
            .order_by(users.c.id)
        )
    ]


# --------------------------------------------------------------------------------------------- writes


def create_department(ctx: WriteContext, dept_id: str, name: str, name_en: str = "", head_id: str | None = None) -> str:
    """Add a department with its department conversation and space; `head_id` names an existing person."""
    dept_id = dept_id.strip()
    name = name.strip()
    if not _DEPT_ID_RE.match(dept_id):
        raise OrgError(f"department id {dept_id!r} must be 1–58 letters, digits, '.', '_' or '-'")
    if not name:
        raise OrgError("a department needs a name")
    conn = ctx.conn
    if conn.execute(select(departments.c.id).where(departments.c.id == dept_id)).first():
        raise OrgError(f"department {dept_id!r} exists already")
    conn.execute(departments.insert().values(id=dept_id, name=name, name_en=name_en.strip(), head_id=None))
    _emit_department(ctx, dept_id)

    conv_id = department_conversation_id(dept_id)
    if conn.execute(select(conversations.c.id).where(conversations.c.id == conv_id)).first() is None:
        conn.execute(
            conversations.insert().values(
                id=conv_id,
                kind=ConversationKind.DEPARTMENT.value,
                title=name,
                department_id=dept_id,
                created_by=None,
                created_at=ctx.now,
                last_seq=0,
            )
        )
    _emit_conversation(ctx, conv_id)

    space_id = department_space_id(dept_id)
    if conn.execute(select(spaces.c.id).where(spaces.c.id == space_id)).first() is None:
        conn.execute(
            spaces.insert().values(
                id=space_id,
                kind=SpaceKind.DEPARTMENT.value,
                title=name,
                description="",
                department_id=dept_id,
                created_by=None,
                created_at=ctx.now,
            )
        )
    _emit_space(ctx, space_id)

    if head_id is not None:
        person = get_user_by_id(conn, head_id)
        if person is None:
            raise OrgError(f"no person with id {head_id!r} to head department {dept_id!r}")
        if person["department_id"] != dept_id:
            set_department(ctx, person["username"], dept_id)
        set_head(ctx, dept_id, person["username"])
    return dept_id


def add_user(
    ctx: WriteContext,
    username: str,
    password: str | None,
    display_name: str = "",
    display_name_en: str = "",
    department_id: str | None = None,
    role: Role | str = Role.EMPLOYEE,
    *,
    password_hash: str | None = None,
) -> str:
    """Create an account and return its id. Give `password`, or an Argon2 `password_hash` made earlier.

    A "head" becomes the head of their department (the previous head, if any, becomes an employee).
    """
    conn = ctx.conn
    name = _normal_username(username)
    if not _USERNAME_RE.match(name):
        raise OrgError(
            f"username {username!r} must start with a letter or digit and use only a–z, 0–9, '.', '_', '-' (at most 64)"
        )
    the_role = parse_role(role)
    if password_hash is None:
        if not password:
            raise OrgError("the password must not be empty")
        password_hash = passwords.hash_password(password)
    if conn.execute(select(users.c.id).where(users.c.username == name)).first():
        raise OrgError(f"username {name!r} is taken already")
    if department_id is not None and _department(conn, department_id) is None:
        raise OrgError(f"no department {department_id!r}")
    if the_role is Role.HEAD and department_id is None:
        raise OrgError("a department head needs a department")
    user_id = new_id()
    conn.execute(
        users.insert().values(
            id=user_id,
            username=name,
            display_name=display_name.strip() or name,
            display_name_en=display_name_en.strip(),
            password_hash=password_hash,
            role=the_role.value,
            department_id=department_id,
            active=True,
            created_at=ctx.now,
        )
    )
    _emit_person(ctx, user_id)
    if department_id is not None:
        _join_department(ctx, department_id, user_id)
        if the_role is Role.HEAD:
            set_head(ctx, department_id, name)
    return user_id


def disable_user(ctx: WriteContext, username: str) -> str:
    """Off-board a person at once: inactive, every session revoked, out of the department conversation and
    space. Other memberships stay (the history shows who was there); an inactive person gets no access."""
    conn = ctx.conn
    person = _require_user(conn, username)
    conn.execute(update(sessions).where(sessions.c.user_id == person["id"]).values(revoked=True))
    if not person["active"]:
        return person["id"]
    conn.execute(update(users).where(users.c.id == person["id"]).values(active=False))
    _emit_person(ctx, person["id"])
    dept_id = person["department_id"]
    if dept_id is not None:
        _leave_department(ctx, dept_id, person["id"])
        dept = _department(conn, dept_id)
        if dept is not None and dept["head_id"] == person["id"]:
            conn.execute(update(departments).where(departments.c.id == dept_id).values(head_id=None))
            _emit_department(ctx, dept_id)
    return person["id"]


def enable_user(ctx: WriteContext, username: str) -> str:
    """Give a disabled person access again (they sign in afresh) and put them back in their department."""
    conn = ctx.conn
    person = _require_user(conn, username)
    if person["active"]:
        return person["id"]
    conn.execute(update(users).where(users.c.id == person["id"]).values(active=True))
    _emit_person(ctx, person["id"])
    if person["department_id"] is not None:
        _join_department(ctx, person["department_id"], person["id"])
    return person["id"]


def set_department(ctx: WriteContext, username: str, department_id: str | None) -> str:
    """Move a person to another department (or none): their department conversation and space follow.

    A head who moves stops heading the old department and becomes an employee.
    """
    conn = ctx.conn
    person = _require_user(conn, username)
    old = person["department_id"]
    if department_id is not None and _department(conn, department_id) is None:
        raise OrgError(f"no department {department_id!r}")
    if old == department_id:
        return person["id"]
    values: dict[str, Any] = {"department_id": department_id}
    if old is not None:
        old_dept = _department(conn, old)
        if old_dept is not None and old_dept["head_id"] == person["id"]:
            conn.execute(update(departments).where(departments.c.id == old).values(head_id=None))
            _emit_department(ctx, old)
    if person["role"] == Role.HEAD.value:
        values["role"] = Role.EMPLOYEE.value
    conn.execute(update(users).where(users.c.id == person["id"]).values(**values))
    _emit_person(ctx, person["id"])
    if person["active"]:
        if old is not None:
            _leave_department(ctx, old, person["id"])
        if department_id is not None:
            _join_department(ctx, department_id, person["id"])
    return person["id"]


def set_head(ctx: WriteContext, department_id: str, username: str) -> str:
    """Make a member of the department its head (role "head"); the previous head becomes an employee."""
    conn = ctx.conn
    dept = _department(conn, department_id)
    if dept is None:
        raise OrgError(f"no department {department_id!r}")
    person = _require_user(conn, username)
    if person["department_id"] != department_id:
        raise OrgError(f"{person['username']} is not in department {department_id!r}")
    if not person["active"]:
        raise OrgError(f"{person['username']} is disabled")
    previous = dept["head_id"]
    if previous and previous != person["id"]:
        prev = get_user_by_id(conn, previous)
        if prev is not None and prev["role"] == Role.HEAD.value:
            conn.execute(update(users).where(users.c.id == previous).values(role=Role.EMPLOYEE.value))
            _emit_person(ctx, previous)
    if previous != person["id"]:
        conn.execute(update(departments).where(departments.c.id == department_id).values(head_id=person["id"]))
        _emit_department(ctx, department_id)
    if person["role"] != Role.HEAD.value and person["role"] != Role.ADMIN.value:
        conn.execute(update(users).where(users.c.id == person["id"]).values(role=Role.HEAD.value))
        _emit_person(ctx, person["id"])
    return person["id"]


def set_password(ctx: WriteContext, username: str, password: str) -> str:
    """Replace a person's password and sign out every session they have."""
    if not password:
        raise OrgError("the password must not be empty")
    person = _require_user(ctx.conn, username)
    ctx.conn.execute(
        update(users).where(users.c.id == person["id"]).values(password_hash=passwords.hash_password(password))
    )
    ctx.conn.execute(update(sessions).where(sessions.c.user_id == person["id"]).values(revoked=True))
    return person["id"]


def parse_role(role: Role | str) -> Role:
    try:
        return Role(str(role).strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise OrgError(f"unknown role {role!r} (choose one of: {choices})") from None


# -------------------------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class _Membership:
    table: Any
    key: str  # column naming the conversation or space
    kind: str
    scope: Callable[[str], str]
    data: Callable[[str, str, bool], dict[str, Any]]


_CONV = _Membership(conversation_members, "conversation_id", KIND_CONVERSATION_MEMBER, conversation_scope, member_data)
_SPACE = _Membership(space_members, "space_id", KIND_SPACE_MEMBER, space_scope, space_member_data)


def _normal_username(username: str) -> str:
    return username.strip().lower()


def _department(conn: Connection, dept_id: str) -> RowMapping | None:
    return conn.execute(select(departments).where(departments.c.id == dept_id)).mappings().first()


def _require_user(conn: Connection, username: str) -> RowMapping:
    person = get_user(conn, username)
    if person is None:
        raise OrgError(f"no user {username.strip()!r}")
    return person


def _join_department(ctx: WriteContext, dept_id: str, user_id: str) -> None:
    _set_member(ctx, _CONV, department_conversation_id(dept_id), user_id, True)
    _set_member(ctx, _SPACE, department_space_id(dept_id), user_id, True)


def _leave_department(ctx: WriteContext, dept_id: str, user_id: str) -> None:
    _set_member(ctx, _CONV, department_conversation_id(dept_id), user_id, False)
    _set_member(ctx, _SPACE, department_space_id(dept_id), user_id, False)


def _set_member(ctx: WriteContext, m: _Membership, container_id: str, user_id: str, present: bool) -> None:
    """Org-driven membership: the org structure decides, whatever clock a client's last change carried."""
    table = m.table
    where = and_(table.c[m.key] == container_id, table.c.user_id == user_id)
    existing = ctx.conn.execute(select(table.c.present, table.c.hlc).where(where)).first()
    if existing is None:
        if not present:
            return
        ctx.conn.execute(
            table.insert().values({m.key: container_id, "user_id": user_id, "present": True, "hlc": ctx.hlc})
        )
    else:
        if bool(existing.present) == present:
            return
        hlc = ctx.hlc
        if hlc <= existing.hlc:  # keep the set rule's clocks moving forward even past a skewed client clock
            _server_clock.observe(existing.hlc)
            hlc = _server_clock.now()
        ctx.conn.execute(update(table).where(where).values(present=present, hlc=hlc))
    ctx.emit(
        m.scope(container_id), m.kind, member_entity_id(container_id, user_id), m.data(container_id, user_id, present)
    )


def _emit_department(ctx: WriteContext, dept_id: str) -> None:
    row = _department(ctx.conn, dept_id)
    assert row is not None
    ctx.emit(SCOPE_ORG, KIND_DEPARTMENT, dept_id, department_data(row))


def _emit_person(ctx: WriteContext, user_id: str) -> None:
    row = get_user_by_id(ctx.conn, user_id)
    assert row is not None
    ctx.emit(SCOPE_ORG, KIND_PERSON, user_id, person_data(row))


def _emit_conversation(ctx: WriteContext, conv_id: str) -> None:
    row = ctx.conn.execute(select(conversations).where(conversations.c.id == conv_id)).mappings().one()
    ctx.emit(conversation_scope(conv_id), KIND_CONVERSATION, conv_id, conversation_data(row))


def _emit_space(ctx: WriteContext, space_id: str) -> None:
    row = ctx.conn.execute(select(spaces).where(spaces.c.id == space_id)).mappings().one()
    ctx.emit(space_scope(space_id), KIND_SPACE, space_id, space_data(row))
