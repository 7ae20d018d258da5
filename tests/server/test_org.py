"""Org rules: departments drive memberships, off-boarding revokes access, usernames are unique."""

from __future__ import annotations

import orjson
import pytest
from sqlalchemy import and_, select

from sync.protocol import (
    KIND_CONVERSATION,
    KIND_CONVERSATION_MEMBER,
    KIND_DEPARTMENT,
    KIND_PERSON,
    KIND_SPACE,
    KIND_SPACE_MEMBER,
    SCOPE_ORG,
    Role,
    conversation_scope,
    department_conversation_id,
    department_space_id,
    space_scope,
)
from sync.server import org, passwords
from sync.server.db import (
    Database,
    changes,
    conversation_members,
    conversations,
    departments,
    sessions,
    space_members,
    spaces,
    users,
)

# One real hash for the whole module: Argon2 is deliberately slow.
_HASH = passwords.hash_password("secret")


def _add(db: Database, username: str, dept: str | None, role: Role = Role.EMPLOYEE) -> str:
    with db.write() as conn:
        return org.add_user(
            org.system_context(conn),
            username,
            None,
            username.title(),
            username,
            dept,
            role,
            password_hash=_HASH,
        )


def _dept(db: Database, dept_id: str, name: str, name_en: str = "") -> None:
    with db.write() as conn:
        org.create_department(org.system_context(conn), dept_id, name, name_en)


def _members(db: Database, table, key: str, container_id: str) -> set[str]:
    with db.read() as conn:
        return {
            uid
            for (uid,) in conn.execute(
                select(table.c.user_id).where(and_(table.c[key] == container_id, table.c.present.is_(True)))
            )
        }


def _conv_members(db: Database, dept: str) -> set[str]:
    return _members(db, conversation_members, "conversation_id", department_conversation_id(dept))


def _space_members(db: Database, dept: str) -> set[str]:
    return _members(db, space_members, "space_id", department_space_id(dept))


def _log(db: Database, scope: str, kind: str | None = None) -> list[dict]:
    query = select(changes.c.kind, changes.c.entity_id, changes.c.op, changes.c.data).where(changes.c.scope == scope)
    if kind is not None:
        query = query.where(changes.c.kind == kind)
    with db.read() as conn:
        return [
            {"kind": k, "id": eid, "op": op, "data": orjson.loads(data) if data else None}
            for k, eid, op, data in conn.execute(query.order_by(changes.c.seq))
        ]


def test_department_gets_its_conversation_and_space(db: Database) -> None:
    _dept(db, "mkt", "市场部", "Marketing")
    with db.read() as conn:
        conv = conn.execute(select(conversations).where(conversations.c.id == "dept-mkt")).mappings().one()
        space = conn.execute(select(spaces).where(spaces.c.id == "dept-mkt")).mappings().one()
    assert (conv["kind"], conv["title"], conv["department_id"]) == ("department", "市场部", "mkt")
    assert (space["kind"], space["title"], space["department_id"]) == ("department", "市场部", "mkt")
    assert _log(db, SCOPE_ORG, KIND_DEPARTMENT)[0]["data"] == {
        "id": "mkt",
        "name": "市场部",
        "name_en": "Marketing",
        "head_id": None,
    }
    assert [c["id"] for c in _log(db, conversation_scope("dept-mkt"), KIND_CONVERSATION)] == ["dept-mkt"]
    assert [c["id"] for c in _log(db, space_scope("dept-mkt"), KIND_SPACE)] == ["dept-mkt"]


def test_membership_follows_the_department(db: Database) -> None:
    _dept(db, "mkt", "市场部")
    _dept(db, "rd", "研发部")
    ann = _add(db, "ann", "mkt")
    bob = _add(db, "bob", "mkt")
    assert _conv_members(db, "mkt") == _space_members(db, "mkt") == {ann, bob}

    with db.write() as conn:
        org.set_department(org.system_context(conn), "bob", "rd")
    assert _conv_members(db, "mkt") == _space_members(db, "mkt") == {ann}
    assert _conv_members(db, "rd") == _space_members(db, "rd") == {bob}

    # The old department's scope hears that bob left; the new one that he arrived.
    left = _log(db, conversation_scope("dept-mkt"), KIND_CONVERSATION_MEMBER)
    assert {"conversation_id": "dept-mkt", "user_id": bob, "present": False}.items() <= next(
        c for c in left if c["data"]["user_id"] == bob
    )["data"].items()
    joined = _log(db, space_scope("dept-rd"), KIND_SPACE_MEMBER)
    assert [c["data"]["user_id"] for c in joined if c["data"]["present"]] == [bob]
    person = next(c for c in _log(db, SCOPE_ORG, KIND_PERSON) if c["id"] == bob)
    assert person["data"]["department_id"] == "rd"


def test_person_data_never_carries_the_password_hash(db: Database) -> None:
    _dept(db, "mkt", "市场部")
    uid = _add(db, "ann", "mkt")
    (person,) = _log(db, SCOPE_ORG, KIND_PERSON)
    assert person["id"] == uid
    assert person["data"] == {
        "id": uid,
        "username": "ann",
        "display_name": "Ann",
        "display_name_en": "ann",
        "role": "employee",
        "department_id": "mkt",
        "active": True,
    }
    with db.read() as conn:
        raw = b" ".join((d or "").encode() for (d,) in conn.execute(select(changes.c.data)))
    assert _HASH.encode() not in raw and b"argon2" not in raw


def test_disable_revokes_sessions_and_leaves_the_department(db: Database) -> None:
    _dept(db, "mkt", "市场部")
    ann = _add(db, "ann", "mkt")
    bob = _add(db, "bob", "mkt")
    with db.write() as conn:
        for n, uid in enumerate([ann, ann, bob]):
            conn.execute(
                sessions.insert().values(
                    id=f"s{n}",
                    user_id=uid,
                    client_id=f"c{n}",
                    access_hash=f"a{n}",
                    access_expires=1e12,
                    refresh_hash=f"r{n}",
                    refresh_expires=1e12,
                    revoked=False,
                    device="",
                    created_at="x",
                )
            )
        # A group membership outside the org structure stays: history shows who was there.
        conn.execute(conversation_members.insert().values(conversation_id="g1", user_id=ann, present=True, hlc="h"))
    with db.write() as conn:
        assert org.disable_user(org.system_context(conn), "ann") == ann
    with db.read() as conn:
        revoked = dict(conn.execute(select(sessions.c.id, sessions.c.revoked)).all())
        active = conn.execute(select(users.c.active).where(users.c.id == ann)).scalar()
        in_group = conn.execute(
            select(conversation_members.c.present).where(
                and_(conversation_members.c.conversation_id == "g1", conversation_members.c.user_id == ann)
            )
        ).scalar()
    assert revoked == {"s0": True, "s1": True, "s2": False}
    assert active is False
    assert in_group is True
    assert _conv_members(db, "mkt") == _space_members(db, "mkt") == {bob}
    person = next(c for c in _log(db, SCOPE_ORG, KIND_PERSON) if c["id"] == ann)
    assert person["data"]["active"] is False

    # Disabling twice is harmless; enabling puts the person back in the department.
    with db.write() as conn:
        org.disable_user(org.system_context(conn), "ann")
    with db.write() as conn:
        org.enable_user(org.system_context(conn), "ann")
    assert _conv_members(db, "mkt") == {ann, bob}


def test_duplicate_username_is_refused(db: Database) -> None:
    _dept(db, "mkt", "市场部")
    _add(db, "ann", "mkt")
    with pytest.raises(org.OrgError, match="taken"):
        _add(db, "ANN", None)
    with db.read() as conn:
        assert conn.execute(select(users.c.username)).scalars().all() == ["ann"]


@pytest.mark.parametrize(
    ("username", "dept", "role", "message"),
    [
        ("ann", "mkt", "boss", "unknown role"),
        ("ann", "nowhere", "employee", "no department"),
        ("ann smith", "mkt", "employee", "username"),
        ("", "mkt", "employee", "username"),
        ("ann", None, "head", "needs a department"),
    ],
)
def test_bad_accounts_are_refused(db: Database, username: str, dept: str | None, role: str, message: str) -> None:
    _dept(db, "mkt", "市场部")
    with pytest.raises(org.OrgError, match=message), db.write() as conn:
        org.add_user(org.system_context(conn), username, None, "", "", dept, role, password_hash=_HASH)


def test_empty_password_is_refused(db: Database) -> None:
    with pytest.raises(org.OrgError, match="password"), db.write() as conn:
        org.add_user(org.system_context(conn), "ann", "", "Ann")


def test_password_is_hashed_and_verifies(db: Database) -> None:
    with db.write() as conn:
        org.add_user(org.system_context(conn), "ann", "correct horse", "Ann")
    with db.read() as conn:
        stored = conn.execute(select(users.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert passwords.verify_password(stored, "correct horse")
    assert not passwords.verify_password(stored, "wrong")
    assert not passwords.verify_or_dummy(None, "correct horse")
    assert not passwords.needs_rehash(stored)


def test_head_of_department(db: Database) -> None:
    _dept(db, "mkt", "市场部")
    ann = _add(db, "ann", "mkt", Role.HEAD)
    bob = _add(db, "bob", "mkt")
    with db.read() as conn:
        assert conn.execute(select(departments.c.head_id)).scalar() == ann
    with db.write() as conn:
        org.set_head(org.system_context(conn), "mkt", "bob")
    with db.read() as conn:
        roles = dict(conn.execute(select(users.c.id, users.c.role)).all())
        assert conn.execute(select(departments.c.head_id)).scalar() == bob
    assert roles == {ann: "employee", bob: "head"}
    # A head who moves away no longer heads the old department.
    _dept(db, "rd", "研发部")
    with db.write() as conn:
        org.set_department(org.system_context(conn), "bob", "rd")
    with db.read() as conn:
        assert conn.execute(select(departments.c.head_id).where(departments.c.id == "mkt")).scalar() is None
        assert conn.execute(select(users.c.role).where(users.c.id == bob)).scalar() == "employee"


def test_find_department_by_id_or_name(db: Database) -> None:
    _dept(db, "mkt", "市场部", "Marketing")
    with db.read() as conn:
        assert org.find_department(conn, "mkt")["id"] == "mkt"
        assert org.find_department(conn, "市场部")["id"] == "mkt"
        assert org.find_department(conn, "marketing")["id"] == "mkt"
        assert org.find_department(conn, "Sales") is None


def test_duplicate_department_is_refused(db: Database) -> None:
    _dept(db, "mkt", "市场部")
    with pytest.raises(org.OrgError, match="exists"):
        _dept(db, "mkt", "市场部")
