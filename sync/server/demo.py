"""The demo company: fills an empty server database for workshops, trials and `make run`.

The dataset lives in `resources/demo/company.toml`. The org structure is written through `sync.server.org`
and everything people do (chats, spaces, tasks, articles) through the real mutation handlers, acting as the
person who does it — so the demo data and its change log are exactly what clients would have produced.
Times in the dataset are relative to the day of seeding: overdue tasks stay overdue whenever the demo runs.
They are working hours ("-3 09:15") in a time zone: the company's own by default, or the viewer's when the demo
is seeded for one machine (`atrium demo` passes the computer's zone), so a workshop's first screen shows a
working week at its usual hours wherever it runs.
"""

from __future__ import annotations

import logging
import tomllib
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from importlib import resources
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from app import clock
from sync.protocol import (
    HybridClock,
    Rejection,
    Role,
    department_conversation_id,
    direct_conversation_id,
    new_id,
)

from . import org, passwords
from .changes import Actor, WriteContext
from .db import Database, article_revisions, articles, messages, users
from .growth import publish_if_due
from .mutations import HANDLERS, apply_mutation

log = logging.getLogger(__name__)

DEMO_PASSWORD = "demo"


class DemoError(RuntimeError):
    """The dataset and the mutation handlers disagree: a bug in the dataset or a handler, never user error."""


def load_company() -> dict[str, Any]:
    """The demo dataset as parsed from resources/demo/company.toml."""
    text = resources.files("resources").joinpath("demo/company.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def demo_accounts() -> list[dict[str, str]]:
    """The demo people for a sign-in list: username, names, department (Chinese and English), role."""
    company = load_company()
    names = {d["id"]: d for d in company["departments"]}
    return [
        {
            "username": p["username"],
            "display_name": p["display_name"],
            "display_name_en": p["display_name_en"],
            "department_id": p["department"],
            "department": names[p["department"]]["name"],
            "department_en": names[p["department"]]["name_en"],
            "role": p["role"],
            "job": p.get("job", ""),
        }
        for p in company["people"]
    ]


def company_today(company: dict[str, Any] | None = None) -> date:
    """Today in the demo company's time zone: the day relative dates ("due = -2") count from."""
    return clock.today(_company_tz(company or load_company()))


def _company_tz(company: dict[str, Any]) -> timezone:
    return timezone(timedelta(hours=int(company.get("timezone_offset_hours", 8))))


def is_empty(database: Database) -> bool:
    with database.read() as conn:
        return not conn.execute(select(func.count()).select_from(users)).scalar()


def seed_demo(database: Database, *, today: date | None = None, zone: tzinfo | None = None) -> bool:
    """Fill an empty database with the demo company; return False (and change nothing) if people exist.

    `zone` is where the dataset's hours are working hours (the company's own when None): `atrium demo` gives the
    viewer's zone. Everything is written in one transaction: a failure leaves the database empty.
    """
    if not is_empty(database):
        return False
    company = load_company()
    with database.write() as conn:
        if conn.execute(select(func.count()).select_from(users)).scalar():
            return False  # someone else seeded between the check and the lock
        _Seeder(conn, company, today, zone).run()
    # A demo opened on the 1st of a month still shows a ranked month: last month's platform experts are named
    # now (13 people: a fraction of a second), not at the running server's first ranking round minutes later.
    publish_if_due(database)
    return True


# ------------------------------------------------------------------------------------------ the seeder


class _Seeder:
    def __init__(self, conn: Connection, company: dict[str, Any], today: date | None, zone: tzinfo | None) -> None:
        self.conn = conn
        self.company = company
        self.tz: tzinfo = zone or _company_tz(company)
        self.now = clock.now()
        self.today = today or self.now.astimezone(self.tz).date()
        self.people: dict[str, Actor] = {}
        self.keys: dict[str, str] = {}  # dataset key ("conv:rollout", "msg:r1", "task:survey", …) -> id
        self._event_ms = 0
        self.clock = HybridClock("demo", wall_ms=lambda: self._event_ms)

    # --------------------------------------------------------------------------------------- plumbing

    def run(self) -> None:
        self._org()
        missing = {
            section
            for section, names in {
                "conversations": ("conversation.create_group", "message.send", "message.react", "read.mark"),
                "spaces": ("space.create", "task.create", "task.update"),
                "articles": ("article.create", "article.submit", "article.review", "article.like"),
            }.items()
            if not all(name in HANDLERS for name in names)
        }
        for section in sorted(missing):
            log.warning("demo: the handlers for %s are not available; that part of the demo is left out", section)
        if "conversations" not in missing:
            self._conversations()
        if "spaces" not in missing:
            self._spaces()
        if "articles" not in missing:
            self._articles()

    def _at(self, text: str | None) -> datetime:
        """'-3 09:15' → three days before the seeding day at 09:15 in the seeding zone (never in the future).

        The wall time is built in the zone (not "midnight + 9 h"), so a day whose clocks change still shows 09:15.
        """
        if not text:
            return self.now
        day, _, wall_text = text.partition(" ")
        hour, _, minute = (wall_text or "09:00").partition(":")
        wall = time(int(hour), int(minute or 0))
        moment = datetime.combine(self.today + timedelta(days=int(day)), wall, self.tz).astimezone(UTC)
        return min(moment, self.now - timedelta(seconds=1))

    def _apply(self, who: str, at: str | None, name: str, args: dict[str, Any]) -> None:
        moment = self._at(at)
        self._event_ms = int(moment.timestamp() * 1000)
        ctx = WriteContext(
            conn=self.conn,
            actor=self.people[who],
            hlc=self.clock.now(),
            now=moment.isoformat(timespec="milliseconds"),
        )
        try:
            apply_mutation(ctx, name, args)
        except Rejection as exc:
            raise DemoError(f"demo data refused: {name} by {who}: {exc.reason} ({exc.code})") from exc

    def _id(self, who: str) -> str:
        return self.people[who].id

    # -------------------------------------------------------------------------------------------- org

    def _org(self) -> None:
        # Argon2 is slow on purpose: one hash of the shared demo password serves every account.
        shared_hash = passwords.hash_password(self.company.get("password", DEMO_PASSWORD))
        ctx = org.system_context(self.conn, now=self._at("-30 09:00").isoformat(timespec="milliseconds"))
        for dept in self.company["departments"]:
            org.create_department(ctx, dept["id"], dept["name"], dept.get("name_en", ""))
        for person in self.company["people"]:
            role = org.parse_role(person.get("role", "employee"))
            uid = org.add_user(
                ctx,
                person["username"],
                None,
                person["display_name"],
                person.get("display_name_en", ""),
                person.get("department"),
                role,
                password_hash=shared_hash,
            )
            self.people[person["username"]] = Actor(
                id=uid, username=person["username"], role=role, department_id=person.get("department")
            )

    # ------------------------------------------------------------------------------------------ chats

    def _conversations(self) -> None:
        for conv in self.company.get("conversations", []):
            kind = conv["kind"]
            if kind == "department":
                cid = department_conversation_id(conv["department"])
            elif kind == "direct":
                creator = conv["created_by"]
                (peer,) = [u for u in conv["members"] if u != creator]
                cid = direct_conversation_id(self._id(creator), self._id(peer))
                self._apply(
                    creator, self._first_message_at(conv), "conversation.create_direct", {"peer_id": self._id(peer)}
                )
            else:
                cid = new_id()
                creator = conv["created_by"]
                members = [self._id(u) for u in conv["members"] if u != creator]
                self._apply(
                    creator,
                    conv.get("at"),
                    "conversation.create_group",
                    {"id": cid, "title": conv["title"], "member_ids": members},
                )
            self.keys[f"conv:{conv['key']}"] = cid
            for msg in conv.get("messages", []):
                self._message(cid, msg)
            for username, upto in conv.get("read", {}).items():
                seq = self.conn.execute(
                    select(messages.c.seq).where(messages.c.id == self.keys[f"msg:{upto}"])
                ).scalar_one()
                at = self._message_at(conv, upto)
                self._apply(username, at, "read.mark", {"conversation_id": cid, "seq": seq})

    def _first_message_at(self, conv: dict[str, Any]) -> str | None:
        found = conv.get("messages", [])
        return found[0]["at"] if found else conv.get("at")

    def _message_at(self, conv: dict[str, Any], key: str) -> str | None:
        return next((m["at"] for m in conv.get("messages", []) if m["key"] == key), None)

    def _message(self, cid: str, msg: dict[str, Any]) -> None:
        mid = new_id()
        self.keys[f"msg:{msg['key']}"] = mid
        args: dict[str, Any] = {
            "id": mid,
            "conversation_id": cid,
            "body": msg["body"],
            "important": bool(msg.get("important", False)),
            "mentions": [self._id(u) for u in msg.get("mentions", [])],
        }
        if "reply_to" in msg:
            args["reply_to"] = self.keys[f"msg:{msg['reply_to']}"]
        self._apply(msg["by"], msg["at"], "message.send", args)
        for reaction in msg.get("reactions", []):
            who, _, emoji = reaction.partition(":")
            self._apply(who, msg["at"], "message.react", {"message_id": mid, "emoji": emoji, "present": True})

    # ------------------------------------------------------------------------------------------ tasks

    def _spaces(self) -> None:
        for space in self.company.get("spaces", []):
            sid = new_id()
            self.keys[f"space:{space['key']}"] = sid
            creator = space["created_by"]
            self._apply(
                creator,
                space.get("at"),
                "space.create",
                {
                    "id": sid,
                    "title": space["title"],
                    "description": space.get("description", ""),
                    "member_ids": [self._id(u) for u in space["members"] if u != creator],
                },
            )
            for task in space.get("tasks", []):
                tid = new_id()
                self.keys[f"task:{task['key']}"] = tid
                args: dict[str, Any] = {
                    "id": tid,
                    "space_id": sid,
                    "title": task["title"],
                    "description": task.get("description", ""),
                    "owner_id": self._id(task["owner"]) if task.get("owner") else None,
                    "due": (self.today + timedelta(days=task["due"])).isoformat() if "due" in task else None,
                    "status": task.get("status", "todo"),
                    "progress": task.get("progress", 0),
                    "depends_on": [self.keys[f"task:{k}"] for k in task.get("depends_on", [])],
                }
                self._apply(task.get("created_by", creator), task.get("at"), "task.create", args)
                for change in task.get("updates", []):
                    self._apply(
                        change["by"], change.get("at"), "task.update", {"id": tid, "fields": dict(change["fields"])}
                    )

    # --------------------------------------------------------------------------------------- articles

    def _articles(self) -> None:
        for item in self.company.get("articles", []):
            aid = new_id()
            self.keys[f"article:{item['key']}"] = aid
            author = item["author"]
            at = item.get("at")
            self._apply(
                author,
                at,
                "article.create",
                {
                    "id": aid,
                    "title": item["title"],
                    "body": item["body"],
                    "category": item.get("category", ""),
                    "tags": list(item.get("tags", [])),
                    "revision_id": new_id(),
                },
            )
            state = item.get("state", "published")
            if state in ("in_review", "published"):
                self._apply(author, at, "article.submit", {"id": aid})
            if state == "published":
                reviewer = item.get("reviewer") or self._reviewer_for(author)
                comment = item.get("review_comment", "内容清晰，已发布。Looks good.")
                self._apply(reviewer, at, "article.review", {"id": aid, "decision": "approve", "comment": comment})
            for edit in item.get("edits", []):
                head, body = self._head(aid)
                self._apply(
                    edit["by"],
                    edit.get("at"),
                    "article.edit",
                    {"id": aid, "revision_id": new_id(), "base_revision_id": head, "body": body + edit["append"]},
                )
            for who in item.get("likes", []):
                self._apply(who, at, "article.like", {"id": aid, "present": True})
            for who in item.get("favorites", []):
                self._apply(who, at, "article.favorite", {"id": aid, "present": True})

    def _head(self, article_id: str) -> tuple[str, str]:
        head = self.conn.execute(select(articles.c.head_revision_id).where(articles.c.id == article_id)).scalar_one()
        body = self.conn.execute(select(article_revisions.c.body).where(article_revisions.c.id == head)).scalar_one()
        return head, body

    def _reviewer_for(self, author: str) -> str:
        """The author's department head, or the admin when the author is a head."""
        actor = self.people[author]
        for name, other in self.people.items():
            if other.role is Role.HEAD and other.department_id == actor.department_id and name != author:
                return name
        return next(name for name, other in self.people.items() if other.role is Role.ADMIN and name != author)
