"""Spaces and tasks: membership rules, task validation, per-field merge with history, deletion."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from sync.protocol import (
    KIND_SPACE,
    KIND_SPACE_MEMBER,
    KIND_TASK,
    KIND_TASK_HISTORY,
    TASK_FIELDS,
    Rejection,
    Role,
    Timestamp,
    space_scope,
)
from sync.server.changes import Actor, WriteContext
from sync.server.db import Database, changes, loads, space_members, spaces, task_history, tasks, users
from sync.server.mutations import apply_mutation
from sync.server.mutations.tasks import space_data, task_data

NOW = "2026-11-22T08:00:00+00:00"


def clock(millis: int, node: str = "n") -> str:
    return str(Timestamp(millis, 0, node))


def run(db: Database, actor: Actor, name: str, args: dict[str, Any], hlc: str | None = None) -> None:
    """Apply one mutation in its own transaction, as the push endpoint does, with a chosen clock."""
    with db.write() as conn:
        ctx = WriteContext(conn=conn, actor=actor, hlc=hlc or clock(10**12), now=NOW)
        apply_mutation(ctx, name, args)


def rejected(db: Database, actor: Actor, name: str, args: dict[str, Any], hlc: str | None = None) -> Rejection:
    with pytest.raises(Rejection) as info:
        run(db, actor, name, args, hlc)
    return info.value


def task_row(db: Database, task_id: str) -> dict[str, Any]:
    with db.read() as conn:
        return task_data(conn.execute(select(tasks).where(tasks.c.id == task_id)).one())


def history(db: Database, task_id: str) -> list[dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute(select(task_history).where(task_history.c.task_id == task_id)).all()
    return [{**row._mapping, "old_value": loads(row.old_value), "new_value": loads(row.new_value)} for row in rows]


def scope_changes(db: Database, scope: str) -> list[Any]:
    with db.read() as conn:
        return conn.execute(select(changes).where(changes.c.scope == scope).order_by(changes.c.seq)).all()


def members(db: Database, space_id: str) -> dict[str, bool]:
    with db.read() as conn:
        rows = conn.execute(select(space_members).where(space_members.c.space_id == space_id))
        return {row.user_id: row.present for row in rows}


@pytest.fixture
def team(people: Any) -> dict[str, Actor]:
    people.department("d1")
    return {
        "owner": people.add("owner", department_id="d1"),
        "bob": people.add("bob", department_id="d1"),
        "carol": people.add("carol", department_id="d1"),
        "head": people.add("head", Role.HEAD, "d1"),
        "admin": people.add("admin", Role.ADMIN),
        "outsider": people.add("outsider"),
    }


@pytest.fixture
def space(db: Database, team: dict[str, Actor]) -> str:
    run(
        db,
        team["owner"],
        "space.create",
        {"id": "s1", "title": "Launch", "member_ids": [team["bob"].id, team["head"].id]},
        clock(1),
    )
    return "s1"


def make_task(db: Database, actor: Actor, task_id: str, hlc: str, **extra: Any) -> None:
    run(db, actor, "task.create", {"id": task_id, "space_id": "s1", "title": f"Task {task_id}", **extra}, hlc)


# ---------------------------------------------------------------------------------------------- spaces


def test_create_space_makes_creator_and_active_people_members(db: Database, team: dict[str, Actor]) -> None:
    with db.write() as conn:
        conn.execute(users.update().where(users.c.id == team["carol"].id).values(active=False))
    run(
        db,
        team["owner"],
        "space.create",
        {"id": "s1", "title": " Launch ", "member_ids": [team["bob"].id, team["carol"].id, "nobody"]},
        clock(1),
    )
    assert members(db, "s1") == {team["owner"].id: True, team["bob"].id: True}
    emitted = scope_changes(db, space_scope("s1"))
    assert [(c.kind, c.entity_id) for c in emitted] == [
        (KIND_SPACE, "s1"),
        (KIND_SPACE_MEMBER, f"s1:{team['owner'].id}"),
        (KIND_SPACE_MEMBER, f"s1:{team['bob'].id}"),
    ]
    data = loads(emitted[0].data)
    assert data["kind"] == "project" and data["title"] == "Launch" and data["created_by"] == team["owner"].id
    assert loads(emitted[1].data) == {"space_id": "s1", "user_id": team["owner"].id, "present": True}
    with db.read() as conn:
        assert space_data(conn.execute(select(spaces)).one()) == data


def test_create_space_refuses_an_existing_id(db: Database, team: dict[str, Actor], space: str) -> None:
    assert rejected(db, team["bob"], "space.create", {"id": space, "title": "Again"}).code == "exists"


def test_who_may_add_members(db: Database, team: dict[str, Actor], space: str) -> None:
    carol = team["carol"].id
    assert rejected(db, team["bob"], "space.add_member", {"space_id": space, "user_id": carol}).code == "forbidden"
    # A head or admin must be a member too: they do not manage spaces they cannot see.
    assert rejected(db, team["admin"], "space.add_member", {"space_id": space, "user_id": carol}).code == "forbidden"
    run(db, team["head"], "space.add_member", {"space_id": space, "user_id": carol}, clock(2))
    assert members(db, space)[carol] is True
    run(db, team["owner"], "space.add_member", {"space_id": space, "user_id": team["admin"].id}, clock(3))
    run(db, team["admin"], "space.remove_member", {"space_id": space, "user_id": carol}, clock(4))
    assert members(db, space)[carol] is False
    assert (
        rejected(db, team["owner"], "space.add_member", {"space_id": space, "user_id": "ghost"}).code == "unknown_user"
    )
    assert rejected(db, team["owner"], "space.add_member", {"space_id": "nope", "user_id": carol}).code == "not_found"


def test_anyone_may_leave_but_not_remove_others(db: Database, team: dict[str, Actor], space: str) -> None:
    head = team["head"].id
    assert rejected(db, team["bob"], "space.remove_member", {"space_id": space, "user_id": head}).code == "forbidden"
    run(db, team["bob"], "space.remove_member", {"space_id": space, "user_id": team["bob"].id}, clock(2))
    assert members(db, space)[team["bob"].id] is False


def test_membership_follows_the_newest_clock_not_arrival(db: Database, team: dict[str, Actor], space: str) -> None:
    carol = team["carol"].id
    run(db, team["owner"], "space.remove_member", {"space_id": space, "user_id": carol}, clock(9))
    before = len(scope_changes(db, space_scope(space)))
    # An add made earlier (offline) arrives later: it must not undo the newer remove, nor emit anything.
    run(db, team["owner"], "space.add_member", {"space_id": space, "user_id": carol}, clock(5))
    assert members(db, space)[carol] is False
    assert len(scope_changes(db, space_scope(space))) == before


def test_department_space_members_are_not_edited_by_hand(db: Database, team: dict[str, Actor]) -> None:
    with db.write() as conn:
        conn.execute(
            spaces.insert().values(id="dept-d1", kind="department", title="D1", department_id="d1", created_at=NOW)
        )
        conn.execute(
            space_members.insert().values(space_id="dept-d1", user_id=team["head"].id, present=True, hlc=clock(1))
        )
    args = {"space_id": "dept-d1", "user_id": team["outsider"].id}
    assert rejected(db, team["head"], "space.add_member", args).code == "forbidden"


# ----------------------------------------------------------------------------------------------- tasks


def test_create_task_sets_clocks_history_and_emits(db: Database, team: dict[str, Actor], space: str) -> None:
    hlc = clock(5)
    make_task(db, team["bob"], "t1", hlc, owner_id=team["head"].id, due="2026-12-01", progress=10)
    row = task_row(db, "t1")
    assert row["clocks"] == dict.fromkeys(TASK_FIELDS, hlc)
    assert row["owner_id"] == team["head"].id and row["due"] == "2026-12-01" and row["deleted"] is False
    assert [h["outcome"] for h in history(db, "t1")] == ["created"]
    kinds = [(c.kind, c.entity_id) for c in scope_changes(db, space_scope(space)) if c.kind.startswith("task")]
    assert kinds[0] == (KIND_TASK, "t1") and kinds[1][0] == KIND_TASK_HISTORY
    emitted = loads(scope_changes(db, space_scope(space))[-2].data)
    assert emitted == row and emitted["depends_on"] == []


def test_create_task_rejections(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["bob"], "t1", clock(5))
    base = {"space_id": space, "title": "New"}
    assert rejected(db, team["outsider"], "task.create", {"id": "t2", **base}).code == "forbidden"
    assert rejected(db, team["bob"], "task.create", {"id": "t1", **base}).code == "exists"
    assert rejected(db, team["bob"], "task.create", {"id": "t2", **base, "title": "  "}).code == "invalid_arguments"
    assert (
        rejected(db, team["bob"], "task.create", {"id": "t2", **base, "owner_id": team["carol"].id}).code
        == "invalid_owner"
    )
    assert (
        rejected(db, team["bob"], "task.create", {"id": "t2", **base, "depends_on": ["t2"]}).code
        == "invalid_dependency"
    )
    assert (
        rejected(db, team["bob"], "task.create", {"id": "t2", **base, "depends_on": ["missing"]}).code
        == "invalid_dependency"
    )
    too_big = rejected(db, team["bob"], "task.create", {"id": "t2", **base, "description": "审" * 800_000})
    assert too_big.code == "too_large" and "MB" in too_big.reason
    assert rejected(db, team["bob"], "task.create", {"id": "t2", **base, "progress": 101}).code == "invalid_arguments"


def test_task_in_another_space_is_not_a_dependency(db: Database, team: dict[str, Actor], space: str) -> None:
    run(db, team["bob"], "space.create", {"id": "s2", "title": "Other"}, clock(2))
    run(db, team["bob"], "task.create", {"id": "x1", "space_id": "s2", "title": "Elsewhere"}, clock(3))
    assert (
        rejected(
            db, team["bob"], "task.create", {"id": "t1", "space_id": space, "title": "T", "depends_on": ["x1"]}
        ).code
        == "invalid_dependency"
    )


def test_concurrent_edits_of_different_fields_both_survive(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["bob"], "t1", clock(5))
    run(db, team["bob"], "task.update", {"id": "t1", "fields": {"status": "done"}}, clock(20, "bob"))
    run(db, team["head"], "task.update", {"id": "t1", "fields": {"progress": 70}}, clock(10, "head"))
    row = task_row(db, "t1")
    assert row["status"] == "done" and row["progress"] == 70
    assert row["clocks"]["status"] == clock(20, "bob") and row["clocks"]["progress"] == clock(10, "head")


@pytest.mark.parametrize("newer_first", [True, False])
def test_same_field_newest_clock_wins_and_loser_is_kept(
    db: Database, team: dict[str, Actor], space: str, newer_first: bool
) -> None:
    make_task(db, team["bob"], "t1", clock(5))
    newer = (team["head"], {"id": "t1", "fields": {"title": "Newer"}}, clock(30, "head"))
    older = (team["bob"], {"id": "t1", "fields": {"title": "Older"}}, clock(20, "bob"))
    for actor, args, hlc in (newer, older) if newer_first else (older, newer):
        run(db, actor, "task.update", args, hlc)
    assert task_row(db, "t1")["title"] == "Newer"
    title_history = [h for h in history(db, "t1") if h["field"] == "title"]
    outcomes = {h["new_value"]: h["outcome"] for h in title_history}
    if newer_first:
        # The older edit arrived second: it lost and is kept with the value that beat it.
        assert outcomes == {"Newer": "applied", "Older": "lost"}
        lost = next(h for h in title_history if h["outcome"] == "lost")
        assert lost["old_value"] == "Newer" and lost["actor_id"] == team["bob"].id
    else:
        # The older edit was applied first and then overwritten: its value is the newer one's old value.
        assert outcomes == {"Older": "applied", "Newer": "applied"}
        newest = next(h for h in title_history if h["new_value"] == "Newer")
        assert newest["old_value"] == "Older"
    history_changes = [c for c in scope_changes(db, space_scope(space)) if c.kind == KIND_TASK_HISTORY]
    assert len(history_changes) == 1 + 2  # created + one per title edit


def test_update_validates_fields(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["bob"], "t1", clock(5))
    unknown = rejected(db, team["bob"], "task.update", {"id": "t1", "fields": {"colour": "red"}})
    assert unknown.code == "unknown_field" and "colour" in unknown.reason
    assert (
        rejected(db, team["bob"], "task.update", {"id": "t1", "fields": {"progress": 101}}).code == "invalid_arguments"
    )
    assert (
        rejected(db, team["bob"], "task.update", {"id": "t1", "fields": {"status": "someday"}}).code
        == "invalid_arguments"
    )
    assert rejected(db, team["bob"], "task.update", {"id": "t1", "fields": {"title": None}}).code == "invalid_arguments"
    assert (
        rejected(db, team["bob"], "task.update", {"id": "t1", "fields": {"owner_id": team["carol"].id}}).code
        == "invalid_owner"
    )
    assert rejected(db, team["outsider"], "task.update", {"id": "t1", "fields": {"progress": 5}}).code == "forbidden"
    assert rejected(db, team["bob"], "task.update", {"id": "zz", "fields": {"progress": 5}}).code == "not_found"
    # Clearing owner and due with an explicit null is allowed.
    run(
        db,
        team["bob"],
        "task.update",
        {"id": "t1", "fields": {"owner_id": team["bob"].id, "due": "2026-12-24"}},
        clock(6),
    )
    run(db, team["bob"], "task.update", {"id": "t1", "fields": {"owner_id": None, "due": None}}, clock(7))
    row = task_row(db, "t1")
    assert row["owner_id"] is None and row["due"] is None


def test_applied_history_records_old_and_new_values(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["bob"], "t1", clock(5))
    run(db, team["bob"], "task.update", {"id": "t1", "fields": {"due": "2026-12-24", "progress": 40}}, clock(6))
    rows = {h["field"]: h for h in history(db, "t1") if h["outcome"] == "applied"}
    assert rows["due"]["old_value"] is None and rows["due"]["new_value"] == "2026-12-24"
    assert rows["progress"]["old_value"] == 0 and rows["progress"]["new_value"] == 40
    assert rows["progress"]["hlc"] == clock(6)


def test_dependency_cycle_is_refused_naming_the_tasks(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["bob"], "a", clock(5))
    make_task(db, team["bob"], "b", clock(6), depends_on=["a"])
    make_task(db, team["bob"], "c", clock(7), depends_on=["b"])
    refusal = rejected(db, team["bob"], "task.update", {"id": "a", "fields": {"depends_on": ["c"]}}, clock(8))
    assert refusal.code == "dependency_cycle"
    assert all(title in refusal.reason for title in ("Task a", "Task b", "Task c"))
    assert task_row(db, "a")["depends_on"] == []
    # A losing (older) dependency edit cannot create a cycle: it goes to history instead.
    run(db, team["bob"], "task.update", {"id": "a", "fields": {"depends_on": []}}, clock(9))
    run(db, team["bob"], "task.update", {"id": "a", "fields": {"depends_on": ["c"]}}, clock(8, "late"))
    assert task_row(db, "a")["depends_on"] == []
    assert any(h["outcome"] == "lost" and h["new_value"] == ["c"] for h in history(db, "a"))


def test_delete_permissions_and_soft_delete(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["head"], "t1", clock(5))
    make_task(db, team["bob"], "t2", clock(5))
    assert rejected(db, team["bob"], "task.delete", {"id": "t1"}).code == "forbidden"
    run(db, team["bob"], "task.delete", {"id": "t2"}, clock(6))  # own task
    run(db, team["owner"], "task.delete", {"id": "t1"}, clock(7))  # the space's creator
    run(db, team["owner"], "task.delete", {"id": "t1"}, clock(8))  # twice is fine
    assert task_row(db, "t1")["deleted"] is True
    emitted = [c for c in scope_changes(db, space_scope(space)) if c.kind == KIND_TASK and c.entity_id == "t1"]
    assert emitted[-1].op == "upsert" and loads(emitted[-1].data)["deleted"] is True
    assert rejected(db, team["bob"], "task.update", {"id": "t1", "fields": {"progress": 1}}).code == "deleted"
    assert (
        rejected(
            db, team["bob"], "task.create", {"id": "t3", "space_id": space, "title": "T", "depends_on": ["t1"]}
        ).code
        == "invalid_dependency"
    )


def test_head_may_delete_any_task_in_their_space(db: Database, team: dict[str, Actor], space: str) -> None:
    make_task(db, team["bob"], "t1", clock(5))
    run(db, team["head"], "task.delete", {"id": "t1"}, clock(6))
    assert task_row(db, "t1")["deleted"] is True
