"""`atrium task`: add, list and change tasks in the person's spaces (changes are sent by the next sync)."""

from __future__ import annotations

import argparse
from typing import Any

from app.services import tasks
from app.store import reads

from . import resolve
from .output import Context, fit
from .session import local_session


def _task_json(t: reads.TaskView, space: reads.SpaceView | None, people: dict[str, reads.Person]) -> dict[str, Any]:
    owner = people.get(t.owner_id) if t.owner_id else None
    return {
        "id": t.id, "space_id": t.space_id, "space": space.title if space else None, "title": t.title,
        "status": t.status, "progress": t.progress, "due": t.due.isoformat() if t.due else None,
        "overdue": t.overdue, "owner": owner.username if owner else t.owner_id, "owner_id": t.owner_id,
        "owner_name": t.owner_name or None, "depends_on": list(t.depends_on),
        "blocked_by": [b.id for b in t.blocked_by], "description": t.description, "state": t.state,
    }


def cmd_task_add(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        space_id = resolve.space_id(session, args.space)
        task_id = tasks.add_task(session, space_id, args.title, description=args.description or "",
                                 owner=args.owner, due=args.due)
        space = reads.space(session.conn, space_id)
    ctx.say(f"queued task {task_id} in {space.title if space else space_id} — it goes out with the next "
            "`atrium sync`")
    return 0


def cmd_task_list(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        spaces = {s.id: s for s in reads.spaces(session.conn, session.user_id)}
        if args.mine:
            found = reads.my_tasks(session.conn, session.user_id, session.today(), session.language)
        elif args.space is not None:
            sid = resolve.space_id(session, args.space)
            found = reads.tasks(session.conn, sid, session.today(), language=session.language)
        else:
            found = [t for _, t in resolve.all_tasks(session)]
        people = reads.people_by_id(session.conn, (t.owner_id for t in found))
    if args.json:
        ctx.json([_task_json(t, spaces.get(t.space_id), people) for t in found])
        return 0
    if not found:
        ctx.say("no tasks" + (" of yours" if args.mine else "") + " here")
    labels = tasks.STATUS_LABELS["en" if ctx.language.startswith("en") else "zh"]
    current = None
    for t in found:
        if not args.mine and t.space_id != current:
            current = t.space_id
            space = spaces.get(t.space_id)
            ctx.say(f"── {space.title if space else t.space_id} ({t.space_id}) ──")
        due = (t.due.isoformat() if t.due else "-") + ("!" if t.overdue else " ")
        pending = " …" if t.state == "pending" else ""
        ctx.say(f"{t.id}  {fit(labels.get(t.status, t.status), 8)} {t.progress:>3}%  {due:<11} "
                f"{fit(t.owner_name or '-', 12)} {t.title}{pending}")
    return 0


def cmd_task_set(ctx: Context, args: argparse.Namespace) -> int:
    with local_session(ctx) as session:
        task_id = resolve.task_id(session, args.id)
        changed = tasks.update_task(session, task_id, tasks.parse_assignments(args.assignments))
    if changed:
        ctx.say(f"queued change to task {task_id} — it goes out with the next `atrium sync`")
    else:
        ctx.say("nothing to change: the task already has these values")
    return 0
