"""Mutation handlers for collaboration spaces and their tasks.

Spaces: a project space is created by any active person, who becomes a member with the people they name;
membership is a set with a clock (a row per person with `present` and the clock of the last change, and only a
newer clock changes it), so adds and removes made offline settle the same way in any order.

Tasks: each field carries its own clock and is merged on its own (`sync.merge.merge_task_fields`): concurrent
edits of different fields both survive, and of one field the newer clock wins whatever the arrival order.
Every change lands in `task_history` — the edit that won with the value it overwrote, and the edit that lost
with its value — so nothing anyone typed is discarded.

Everything about a space (the space, its members, tasks and task history) lives in `space_scope(space_id)`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import ValidationError
from sqlalchemy import and_, select
from sqlalchemy.engine import Row

from sync.merge import FieldOutcome, FieldResult, merge_task_fields
from sync.protocol import (
    KIND_SPACE,
    KIND_SPACE_MEMBER,
    KIND_TASK,
    KIND_TASK_HISTORY,
    MAX_ARTICLE_BYTES,
    TASK_FIELDS,
    CreateSpace,
    CreateTask,
    DeleteTask,
    Rejection,
    Role,
    SpaceKind,
    SpaceMember,
    TaskFields,
    UpdateTask,
    new_id,
    space_scope,
)

from ..access import active_user_ids, is_space_member, require_space_member
from ..changes import Actor, WriteContext
from ..db import dumps, loads, space_members, spaces, task_history, tasks
from . import mutation

# Fields that may not be cleared with an explicit null (owner_id and due may).
_REQUIRED_FIELDS = frozenset({"title", "description", "status", "progress", "depends_on"})
# History rows that describe the whole task rather than one field.
_WHOLE_TASK = "*"


# ------------------------------------------------------------------------------------------ row → data


def _mapping(row: Row[Any] | Mapping[str, Any]) -> Mapping[str, Any]:
    return row._mapping if isinstance(row, Row) else row


def space_data(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    """What a pull carries for a space (KIND_SPACE); also used for department spaces."""
    m = _mapping(row)
    return {
        "id": m["id"],
        "kind": m["kind"],
        "title": m["title"],
        "description": m.get("description") or "",
        "department_id": m.get("department_id"),
        "created_by": m.get("created_by"),
        "created_at": m["created_at"],
    }


def space_member_data(space_id: str, user_id: str, present: bool) -> dict[str, Any]:
    return {"space_id": space_id, "user_id": user_id, "present": bool(present)}


def task_data(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    """What a pull carries for a task (KIND_TASK): every column, JSON columns decoded."""
    m = _mapping(row)
    return {
        "id": m["id"],
        "space_id": m["space_id"],
        "title": m["title"],
        "description": m["description"],
        "owner_id": m["owner_id"],
        "due": m["due"],
        "status": m["status"],
        "progress": int(m["progress"]),
        "depends_on": loads(m["depends_on"]),
        "clocks": loads(m["clocks"]),
        "created_by": m["created_by"],
        "created_at": m["created_at"],
        "updated_at": m["updated_at"],
        "deleted": bool(m["deleted"]),
    }


def task_history_data(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    """What a pull carries for a history entry (KIND_TASK_HISTORY): values decoded from JSON."""
    m = _mapping(row)
    return {
        "id": m["id"],
        "task_id": m["task_id"],
        "field": m["field"],
        "old_value": loads(m["old_value"]),
        "new_value": loads(m["new_value"]),
        "actor_id": m["actor_id"],
        "hlc": m["hlc"],
        "outcome": m["outcome"],
        "at": m["at"],
    }


# -------------------------------------------------------------------------------------------- spaces


def _load_space(ctx: WriteContext, space_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(spaces).where(spaces.c.id == space_id)).first()
    if row is None:
        raise Rejection("not_found", "this space does not exist")
    return row


def set_space_member(ctx: WriteContext, space_id: str, user_id: str, present: bool) -> bool:
    """Apply the set rule to one membership; emit and return True only if the row changed.

    Only a newer clock changes the row, so an add and a remove made offline end the same in any order.
    """
    conn = ctx.conn
    key = and_(space_members.c.space_id == space_id, space_members.c.user_id == user_id)
    current = conn.execute(select(space_members.c.present, space_members.c.hlc).where(key)).first()
    if current is None:
        conn.execute(space_members.insert().values(space_id=space_id, user_id=user_id, present=present, hlc=ctx.hlc))
    elif ctx.hlc > current.hlc:
        conn.execute(space_members.update().where(key).values(present=present, hlc=ctx.hlc))
    else:
        return False
    ctx.emit(
        space_scope(space_id), KIND_SPACE_MEMBER, f"{space_id}:{user_id}", space_member_data(space_id, user_id, present)
    )
    return True


@mutation("space.create")
def create_space(ctx: WriteContext, args: CreateSpace) -> None:
    conn, actor = ctx.conn, ctx.actor
    if actor.id not in active_user_ids(conn, [actor.id]):
        raise Rejection("forbidden", "only an active account can create a space")
    if conn.execute(select(spaces.c.id).where(spaces.c.id == args.id)).first() is not None:
        raise Rejection("exists", "a space with this id already exists")
    _require_title(args.title)
    _require_size("description", args.description)
    values = {
        "id": args.id,
        "kind": SpaceKind.PROJECT.value,
        "title": args.title.strip(),
        "description": args.description,
        "department_id": None,
        "created_by": actor.id,
        "created_at": ctx.now,
    }
    conn.execute(spaces.insert().values(**values))
    ctx.emit(space_scope(args.id), KIND_SPACE, args.id, space_data(values))
    # Deactivated or unknown people named by an offline client are left out rather than failing the space.
    members = [actor.id, *sorted(active_user_ids(conn, list(args.member_ids)) - {actor.id})]
    for user_id in members:
        set_space_member(ctx, args.id, user_id, True)


def _may_manage_members(ctx: WriteContext, space: Row[Any]) -> bool:
    actor = ctx.actor
    if not is_space_member(ctx.conn, space.id, actor.id):
        return False
    return space.created_by == actor.id or actor.role in (Role.HEAD, Role.ADMIN)


def _require_project(space: Row[Any]) -> None:
    if space.kind != SpaceKind.PROJECT.value:
        # Department spaces follow the org chart; their members are not edited by hand.
        raise Rejection("forbidden", "members of a department space follow the department")


@mutation("space.add_member")
def add_space_member(ctx: WriteContext, args: SpaceMember) -> None:
    space = _load_space(ctx, args.space_id)
    _require_project(space)
    if not _may_manage_members(ctx, space):
        raise Rejection("forbidden", "only the space's creator, a department head or an admin adds members")
    if args.user_id not in active_user_ids(ctx.conn, [args.user_id]):
        raise Rejection("unknown_user", "this person does not exist or their account is deactivated")
    set_space_member(ctx, args.space_id, args.user_id, True)


@mutation("space.remove_member")
def remove_space_member(ctx: WriteContext, args: SpaceMember) -> None:
    space = _load_space(ctx, args.space_id)
    _require_project(space)
    leaving = args.user_id == ctx.actor.id and is_space_member(ctx.conn, space.id, ctx.actor.id)
    if not leaving and not _may_manage_members(ctx, space):
        raise Rejection("forbidden", "only the space's creator, a department head or an admin removes other members")
    set_space_member(ctx, args.space_id, args.user_id, False)


# --------------------------------------------------------------------------------------------- tasks


def _require_title(title: str) -> None:
    if not title.strip():
        raise Rejection("invalid_arguments", "the title is empty")


def _require_size(what: str, text: str) -> None:
    size = len(text.encode())
    if size > MAX_ARTICLE_BYTES:
        raise Rejection(
            "too_large",
            f"the {what} is {size / 1024 / 1024:.1f} MB; the limit is {MAX_ARTICLE_BYTES // 1024 // 1024} MB",
        )


def _require_owner(ctx: WriteContext, space_id: str, owner_id: str | None) -> None:
    if owner_id is not None and not is_space_member(ctx.conn, space_id, owner_id):
        raise Rejection("invalid_owner", "the owner must be a member of the task's space")


def _load_task(ctx: WriteContext, task_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(tasks).where(tasks.c.id == task_id)).first()
    if row is None:
        raise Rejection("not_found", "this task does not exist")
    return row


def _space_tasks(ctx: WriteContext, space_id: str) -> dict[str, Row[Any]]:
    rows = ctx.conn.execute(
        select(tasks.c.id, tasks.c.title, tasks.c.depends_on, tasks.c.deleted).where(tasks.c.space_id == space_id)
    )
    return {row.id: row for row in rows}


def _check_dependencies(
    ctx: WriteContext, task_id: str, space_id: str, depends_on: list[str], already: Iterable[str] = ()
) -> list[str]:
    """Dependencies must be other live tasks of the same space; returns them without repeats, in order.

    Dependencies the task already had are let through even if that task was deleted since, so re-sending
    the list as it was does not fail.
    """
    known = _space_tasks(ctx, space_id)
    kept = set(already)
    result: list[str] = []
    for dep in depends_on:
        if dep == task_id:
            raise Rejection("invalid_dependency", "a task cannot depend on itself")
        row = known.get(dep)
        if row is None or (row.deleted and dep not in kept):
            raise Rejection("invalid_dependency", f"task {dep} is not a task of this space")
        if dep not in result:
            result.append(dep)
    return result


def _find_cycle(ctx: WriteContext, task_id: str, space_id: str, depends_on: list[str]) -> list[str] | None:
    """The ids along a dependency path from `task_id` back to itself if it depended on `depends_on`."""
    graph = {tid: list(loads(row.depends_on)) for tid, row in _space_tasks(ctx, space_id).items() if not row.deleted}
    graph[task_id] = depends_on
    # Depth-first search from the task; a path that comes back to it is a cycle.
    stack: list[tuple[str, list[str]]] = [(task_id, [task_id])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for dep in graph.get(node, []):
            if dep == task_id:
                return [*path, task_id]
            if dep not in seen:
                seen.add(dep)
                stack.append((dep, [*path, dep]))
    return None


def _history(ctx: WriteContext, task_id: str, space_id: str, field: str, outcome: str, old: Any, new: Any) -> None:
    values = {
        "id": new_id(),
        "task_id": task_id,
        "field": field,
        "old_value": dumps(old),
        "new_value": dumps(new),
        "actor_id": ctx.actor.id,
        "hlc": ctx.hlc,
        "outcome": outcome,
        "at": ctx.now,
    }
    ctx.conn.execute(task_history.insert().values(**values))
    ctx.emit(space_scope(space_id), KIND_TASK_HISTORY, values["id"], task_history_data(values))


def _emit_task(ctx: WriteContext, task_id: str) -> None:
    row = ctx.conn.execute(select(tasks).where(tasks.c.id == task_id)).one()
    ctx.emit(space_scope(row.space_id), KIND_TASK, task_id, task_data(row))


@mutation("task.create")
def create_task(ctx: WriteContext, args: CreateTask) -> None:
    conn = ctx.conn
    _load_space(ctx, args.space_id)
    require_space_member(conn, args.space_id, ctx.actor)
    if conn.execute(select(tasks.c.id).where(tasks.c.id == args.id)).first() is not None:
        raise Rejection("exists", "a task with this id already exists")
    _require_title(args.title)
    _require_size("description", args.description)
    _require_owner(ctx, args.space_id, args.owner_id)
    depends_on = _check_dependencies(ctx, args.id, args.space_id, list(args.depends_on))
    # A new task cannot close a cycle (nothing depends on it yet), so no cycle check here.
    fields: dict[str, Any] = {
        "title": args.title.strip(),
        "description": args.description,
        "owner_id": args.owner_id,
        "due": args.due.isoformat() if args.due else None,
        "status": args.status.value,
        "progress": args.progress,
        "depends_on": depends_on,
    }
    conn.execute(
        tasks.insert().values(
            id=args.id,
            space_id=args.space_id,
            **{**fields, "depends_on": dumps(depends_on)},
            clocks=dumps(dict.fromkeys(TASK_FIELDS, ctx.hlc)),
            created_by=ctx.actor.id,
            created_at=ctx.now,
            updated_at=ctx.now,
            deleted=False,
        )
    )
    _emit_task(ctx, args.id)
    _history(ctx, args.id, args.space_id, _WHOLE_TASK, "created", None, fields)


def _parse_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Validate an edit's fields against TaskFields; return them as stored (JSON-ready) values."""
    unknown = sorted(set(fields) - set(TASK_FIELDS))
    if unknown:
        raise Rejection("unknown_field", f"tasks have no field “{unknown[0]}”")
    try:
        parsed = TaskFields.model_validate(fields)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ())) or "fields"
        raise Rejection("invalid_arguments", f"{where}: {first.get('msg', 'invalid')}") from None
    values = parsed.model_dump(mode="json", include=set(fields))
    for name in sorted(set(values) & _REQUIRED_FIELDS):
        if values[name] is None:
            raise Rejection("invalid_arguments", f"{name} cannot be cleared")
    return values


def _current_fields(row: Row[Any]) -> dict[str, Any]:
    data = task_data(row)
    return {name: data[name] for name in TASK_FIELDS}


@mutation("task.update")
def update_task(ctx: WriteContext, args: UpdateTask) -> None:
    row = _load_task(ctx, args.id)
    require_space_member(ctx.conn, row.space_id, ctx.actor)
    if row.deleted:
        raise Rejection("deleted", "this task was deleted")
    edit = _parse_fields(args.fields)
    current = _current_fields(row)
    if "title" in edit:
        _require_title(edit["title"])
        edit["title"] = edit["title"].strip()
    if "description" in edit:
        _require_size("description", edit["description"])
    if "owner_id" in edit:
        _require_owner(ctx, row.space_id, edit["owner_id"])
    if "depends_on" in edit:
        edit["depends_on"] = _check_dependencies(ctx, row.id, row.space_id, edit["depends_on"], current["depends_on"])

    merged = merge_task_fields(current, loads(row.clocks), edit, ctx.hlc)
    applied = {r.field: r for r in merged.applied}
    if "depends_on" in applied:
        # Only a value that takes effect can close a cycle; a losing one just goes to history.
        cycle = _find_cycle(ctx, row.id, row.space_id, merged.values["depends_on"])
        if cycle is not None:
            titles = {tid: r.title for tid, r in _space_tasks(ctx, row.space_id).items()}
            raise Rejection(
                "dependency_cycle", "these tasks would wait for each other: " + " → ".join(titles[t] for t in cycle)
            )

    if applied:
        changes = {name: merged.values[name] for name in applied}
        if "depends_on" in changes:
            changes["depends_on"] = dumps(changes["depends_on"])
        ctx.conn.execute(
            tasks.update()
            .where(tasks.c.id == row.id)
            .values(**changes, clocks=dumps(merged.clocks), updated_at=ctx.now)
        )
        _emit_task(ctx, row.id)
    for result in merged.results:
        _record_outcome(ctx, row.space_id, row.id, result)


def _record_outcome(ctx: WriteContext, space_id: str, task_id: str, result: FieldResult) -> None:
    # applied: old = the value it overwrote, new = the edit's value.
    # lost:    old = the (newer) value that stays, new = the edit's value kept here instead of dropped.
    if result.outcome is FieldOutcome.SAME:
        return  # a replay of a write already in place: nothing new to remember
    _history(ctx, task_id, space_id, result.field, result.outcome.value, result.previous, result.value)


def _may_delete(ctx: WriteContext, task: Row[Any]) -> bool:
    actor: Actor = ctx.actor
    if actor.role in (Role.HEAD, Role.ADMIN) or task.created_by == actor.id:
        return True
    space_creator = ctx.conn.execute(select(spaces.c.created_by).where(spaces.c.id == task.space_id)).scalar()
    return space_creator == actor.id


@mutation("task.delete")
def delete_task(ctx: WriteContext, args: DeleteTask) -> None:
    row = _load_task(ctx, args.id)
    require_space_member(ctx.conn, row.space_id, ctx.actor)
    if not _may_delete(ctx, row):
        raise Rejection(
            "forbidden",
            "only the task's creator, the space's creator, a department head or an admin deletes it",
        )
    if row.deleted:
        return  # two people deleting the same task offline is not an error
    # Soft delete: the row and its history stay so dependents and the history still make sense.
    ctx.conn.execute(tasks.update().where(tasks.c.id == row.id).values(deleted=True, updated_at=ctx.now))
    _emit_task(ctx, row.id)
    _history(ctx, row.id, row.space_id, _WHOLE_TASK, "deleted", None, None)
