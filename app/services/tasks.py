"""Space and task use cases: spaces and their members, tasks and their fields, and the progress table export.

Field values arrive typed from the UI or as text from the CLI (`parse_assignments` turns "status=done" into a
dict); `update_task` accepts both and turns them into the wire's values (owner usernames to ids, dates to
'YYYY-MM-DD', statuses to their wire names), refusing anything the server would refuse with a sentence that
names the field. Each action queues exactly one mutation.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import IO, Any

from app.ids import new_id
from app.limits import MAX_ARTICLE_BYTES, MAX_DEPENDENCIES, MAX_MEMBERS, TASK_STATUSES
from app.store import reads

from .context import ActionRefused, Session, check_size, clean_title, described, require_person, shorten

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_NONE_WORDS = ("", "none", "null", "-")
# What people may call each field (the CLI's FIELD=VALUE and the UI's form) → the wire's field name.
FIELD_NAMES = {
    "title": "title", "description": "description", "owner": "owner_id", "owner_id": "owner_id", "due": "due",
    "status": "status", "progress": "progress", "depends_on": "depends_on", "depends": "depends_on",
}
STATUS_LABELS = {
    "en": {"todo": "To do", "in_progress": "In progress", "in_review": "In review", "done": "Done"},
    "zh": {"todo": "待办", "in_progress": "进行中", "in_review": "审核中", "done": "已完成"},
}
CSV_HEADERS = {
    "en": ("Title", "Owner", "Status", "Progress (%)", "Due", "Overdue", "Blocked by"),
    "zh": ("标题", "负责人", "状态", "进度 (%)", "截止日期", "逾期", "被阻塞于"),
}


def _scope(space_id: str) -> str:
    return f"space:{space_id}"


def _require_space(session: Session, space_id: str) -> reads.SpaceView:
    found = reads.space(session.conn, space_id)
    if found is None:
        raise ActionRefused("This space does not exist here (it may not have synced yet).")
    if session.user_id not in found.member_ids:
        raise ActionRefused("You are not a member of the space “{title}”.", title=found.title)
    return found


def _require_task(session: Session, task_id: str) -> reads.TaskView:
    found = reads.task_row(session.conn, task_id, session.today())
    if found is None:
        raise ActionRefused("There is no task with the id “{task_id}”.", task_id=task_id)
    _require_space(session, found.space_id)
    if found.deleted:
        raise ActionRefused("The task “{title}” was deleted.", title=found.title)
    return found


def _people(session: Session, names: Iterable[str]) -> list[str]:
    ids = list(dict.fromkeys(require_person(session, n).id for n in names))
    if len(ids) > MAX_MEMBERS:
        raise ActionRefused("A space can start with at most {MAX_MEMBERS} people; {count} were named.",
                            MAX_MEMBERS=MAX_MEMBERS, count=len(ids))
    return [i for i in ids if i != session.user_id]


# ---------------------------------------------------------------------------------------------- spaces


def create_space(session: Session, title: str, *, description: str = "", members: Iterable[str] = ()) -> str:
    """A new project space with the people named (usernames or ids); returns its id."""
    clean = clean_title(title, "space name")
    check_size("description", description, MAX_ARTICLE_BYTES)
    sid = new_id()
    session.enqueue("space.create", {"id": sid, "title": clean, "description": description,
                                     "member_ids": _people(session, members)},
                    scope=_scope(sid), summary=described("New space “{clean}”", clean=shorten(clean)))
    return sid


def _require_project(session: Session, space_id: str) -> reads.SpaceView:
    found = _require_space(session, space_id)
    if found.kind != "project":
        raise ActionRefused("Members of a department space follow the department; they are not edited by hand.")
    return found


def add_space_member(session: Session, space_id: str, person: str) -> None:
    found = _require_project(session, space_id)
    who = require_person(session, person)
    if who.id in found.member_ids:
        raise ActionRefused("{who} is already in “{title}”.", who=who.name(session.language), title=found.title)
    session.enqueue("space.add_member", {"space_id": space_id, "user_id": who.id}, scope=_scope(space_id),
                    summary=described("Add {who} to “{title}”",
                                      who=who.name(session.language), title=shorten(found.title)))


def remove_space_member(session: Session, space_id: str, person: str) -> None:
    found = _require_project(session, space_id)
    who = reads.find_person(session.conn, person)
    if who is None or who.id not in found.member_ids:
        raise ActionRefused("“{name}” is not a member of “{title}”.", name=person.strip(), title=found.title)
    session.enqueue("space.remove_member", {"space_id": space_id, "user_id": who.id}, scope=_scope(space_id),
                    summary=described("Remove {who} from “{title}”",
                                      who=who.name(session.language), title=shorten(found.title)))


# ------------------------------------------------------------------------------------------ task fields


def parse_assignments(items: Iterable[str]) -> dict[str, str]:
    """["status=done", "due=2026-12-01"] → {"status": "done", "due": "2026-12-01"} (values as typed)."""
    parsed: dict[str, str] = {}
    for item in items:
        field, sep, value = item.partition("=")
        if not sep or not field.strip():
            raise ActionRefused("“{item}” is not FIELD=VALUE (for example status=done or due=2026-12-01).", item=item)
        parsed[field.strip()] = value.strip()
    return parsed


def field_name(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    if key not in FIELD_NAMES:
        raise ActionRefused("Tasks have no field “{name}”; the fields are: title, description, owner, due, status, "
                            "progress, depends_on.",
                            name=name)
    return FIELD_NAMES[key]


def parse_due(value: Any) -> str | None:
    """A due date as the wire's 'YYYY-MM-DD', or None for no due date."""
    if value is None or (isinstance(value, str) and value.strip().lower() in _NONE_WORDS):
        return None
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    try:
        if _DATE.match(text):
            return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    raise ActionRefused("The due date “{text}” is not a date; write it as YYYY-MM-DD (or none).", text=text)


def parse_status(value: Any) -> str:
    text = str(value).strip().lower().replace("-", "_").replace(" ", "_")
    if text == "to_do":
        text = "todo"
    if text not in TASK_STATUSES:
        raise ActionRefused("“{value}” is not a task status; use one of: {statuses}.",
                            value=value, statuses=', '.join(TASK_STATUSES))
    return text


def parse_progress(value: Any) -> int:
    text = str(value).strip().rstrip("%")
    if isinstance(value, bool) or not re.fullmatch(r"-?\d+", text):
        raise ActionRefused("The progress “{value}” is not a whole number from 0 to 100.", value=value)
    number = int(text)
    if not 0 <= number <= 100:
        raise ActionRefused("The progress must be from 0 to 100 (it was {number}).", number=number)
    return number


def _owner(session: Session, space: reads.SpaceView, value: Any) -> str | None:
    if value is None or (isinstance(value, str) and value.strip().lower() in _NONE_WORDS):
        return None
    who = require_person(session, str(value))
    if who.id not in space.member_ids:
        raise ActionRefused("{who} is not a member of “{title}”, so cannot own its tasks.",
                            who=who.name(session.language), title=space.title)
    return who.id


def _dependencies(session: Session, space: reads.SpaceView, task_id: str, value: Any) -> list[str]:
    if value is None:
        return []
    items = value.split(",") if isinstance(value, str) else [str(v) for v in value]
    wanted = list(dict.fromkeys(i.strip() for i in items if i.strip()))
    if len(wanted) > MAX_DEPENDENCIES:
        raise ActionRefused("A task can depend on at most {MAX_DEPENDENCIES} tasks.", MAX_DEPENDENCIES=MAX_DEPENDENCIES)
    graph = {
        r[0]: [str(d) for d in json.loads(r[1] or "[]")]
        for r in session.conn.execute("SELECT id, depends_on FROM tasks WHERE space_id = ? AND deleted = 0",
                                      (space.id,))
    }
    for dep in wanted:
        if dep == task_id:
            raise ActionRefused("A task cannot depend on itself.")
        if dep not in graph:
            raise ActionRefused("“{dep}” is not a task of the space “{title}”.", dep=dep, title=space.title)
    if task_id in graph and _reaches(graph, wanted, task_id):
        raise ActionRefused("These tasks would wait for each other: a dependency already depends on this task.")
    return wanted


def _reaches(graph: Mapping[str, list[str]], start: list[str], target: str) -> bool:
    stack, seen = list(start), set(start)
    while stack:
        node = stack.pop()
        if node == target:
            return True
        for dep in graph.get(node, []):
            if dep not in seen:
                seen.add(dep)
                stack.append(dep)
    return False


def _wire_value(session: Session, space: reads.SpaceView, task_id: str, field: str, value: Any) -> Any:
    if field == "title":
        return clean_title(str(value))
    if field == "description":
        text = "" if value is None else str(value)
        check_size("description", text, MAX_ARTICLE_BYTES)
        return text
    if field == "owner_id":
        return _owner(session, space, value)
    if field == "due":
        return parse_due(value)
    if field == "status":
        return parse_status(value)
    if field == "progress":
        return parse_progress(value)
    return _dependencies(session, space, task_id, value)


# ------------------------------------------------------------------------------------------------ tasks


def add_task(session: Session, space_id: str, title: str, *, description: str = "", owner: str | None = None,
             due: date | str | None = None, status: str = "todo", progress: int | str = 0,
             depends_on: Iterable[str] | str = ()) -> str:
    """A new task in a space; returns its id. `owner` is a username or id; `due` a date or 'YYYY-MM-DD'."""
    space = _require_space(session, space_id)
    task_id = new_id()
    args: dict[str, Any] = {"id": task_id, "space_id": space_id}
    given = {"title": title, "description": description, "owner_id": owner, "due": due, "status": status,
             "progress": progress, "depends_on": depends_on}
    for field, value in given.items():
        args[field] = _wire_value(session, space, task_id, field, value)
    session.enqueue("task.create", args, scope=_scope(space_id), summary=described("New task “{title}”",
                                                                                   title=shorten(args["title"])))
    return task_id


def update_task(session: Session, task_id: str, changes: Mapping[str, Any]) -> bool:
    """Change some fields of a task (names as in FIELD_NAMES; values typed or as text). False if none changed."""
    if not changes:
        raise ActionRefused("Name at least one field to change, e.g. status=done.")
    current = _require_task(session, task_id)
    space = _require_space(session, current.space_id)
    fields: dict[str, Any] = {}
    for name, value in changes.items():
        field = field_name(name)
        fields[field] = _wire_value(session, space, task_id, field, value)
    now = {"title": current.title, "description": current.description, "owner_id": current.owner_id,
           "due": current.due.isoformat() if current.due else None, "status": current.status,
           "progress": current.progress, "depends_on": list(current.depends_on)}
    fields = {k: v for k, v in fields.items() if now[k] != v}
    if not fields:
        return False  # every value is already so: nothing to send
    what = ", ".join(f"{k}={_show(v)}" for k, v in fields.items())
    session.enqueue("task.update", {"id": task_id, "fields": fields}, scope=_scope(current.space_id),
                    summary=described("Task “{title}”: {what}", title=shorten(current.title), what=shorten(what, 60)))
    return True


def _show(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, list):
        return ",".join(value) or "none"
    return str(value)


def delete_task(session: Session, task_id: str) -> None:
    found = _require_task(session, task_id)
    space = reads.space(session.conn, found.space_id)
    me = reads.person(session.conn, session.user_id)
    allowed = (found.created_by == session.user_id or (space is not None and space.created_by == session.user_id)
               or (me is not None and me.role in ("head", "admin")))
    if not allowed:
        raise ActionRefused("Only the task's creator, the space's creator, a department head or an admin can "
                            "delete a task.")
    session.enqueue("task.delete", {"id": task_id}, scope=_scope(found.space_id),
                    summary=described("Delete task “{title}”", title=shorten(found.title)))


# ----------------------------------------------------------------------------------------------- export


def _cell(text: str) -> str:
    # Spreadsheets run a cell that starts with = + - @ as a formula; a task title is colleagues' text.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def progress_rows(session: Session, space_id: str) -> list[tuple[str, ...]]:
    """The progress table of a space (header first), in the session's language."""
    _require_space(session, space_id)
    language = "en" if session.language.startswith("en") else "zh"
    labels = STATUS_LABELS[language]
    yes = "yes" if language == "en" else "是"
    table: list[tuple[str, ...]] = [CSV_HEADERS[language]]
    for t in reads.tasks(session.conn, space_id, session.today(), language=session.language):
        table.append((
            _cell(t.title), _cell(t.owner_name), labels.get(t.status, t.status), str(t.progress),
            t.due.isoformat() if t.due else "", yes if t.overdue else "",
            _cell("; ".join(b.title for b in t.blocked_by)),
        ))
    return table


def export_csv(session: Session, space_id: str, destination: Path | str | IO[str]) -> int:
    """Write a space's progress table as CSV; returns the number of tasks written.

    A path is written in UTF-8 with a byte-order mark: without it Excel reads the file in the system's ANSI
    code page and Chinese text turns into mojibake. An open text stream is written as it is.
    """
    table = progress_rows(session, space_id)
    if isinstance(destination, str | Path):
        try:
            with Path(destination).open("w", encoding="utf-8-sig", newline="") as stream:
                csv.writer(stream).writerows(table)
        except OSError as exc:
            raise ActionRefused("could not write {destination}: {value}",
                                destination=destination, value=exc.strerror or exc) from None
    else:
        csv.writer(destination).writerows(table)
    return len(table) - 1
