"""Tests of the client core's reads and services, with helpers that put "server" rows into a real store.

The `Feed` helper applies rows shaped like the server's `*_data` functions (sync/server/mutations/*.py and
sync/server/org.py `person_data`) through `Store.apply_pull`, the same path the sync engine uses.
"""

from __future__ import annotations

from typing import Any

from app.store import PulledChange, Store

ME = "u-me"
WANG = "u-wang"
LI = "u-li"
ZHAO = "u-zhao"
T0 = "2026-11-02T09:00:00.000+00:00"


class Feed:
    """Pulls rows into a store as the server would send them, one change per row, seq counting up per scope."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.seqs: dict[str, int] = {}

    def put(self, scope: str, kind: str, entity_id: str, data: dict[str, Any]) -> None:
        self.many([(scope, kind, entity_id, data)])

    def many(self, rows: list[tuple[str, str, str, dict[str, Any]]]) -> None:
        changes = []
        for scope, kind, entity_id, data in rows:
            self.seqs[scope] = self.seqs.get(scope, 0) + 1
            changes.append(PulledChange(scope, self.seqs[scope], kind, entity_id, "upsert", data))
        self.store.apply_pull(changes, dict(self.seqs), revoked=[])

    # ---------------------------------------------------------------------------------------- org

    def person(
        self,
        user_id: str,
        username: str,
        name: str,
        name_en: str = "",
        role: str = "employee",
        department_id: str | None = "d1",
        active: bool = True,
    ) -> None:
        self.put(
            "org",
            "person",
            user_id,
            {
                "id": user_id,
                "username": username,
                "display_name": name,
                "display_name_en": name_en,
                "role": role,
                "department_id": department_id,
                "active": active,
            },
        )

    def org(self) -> None:
        self.person(ME, "me", "我", "Me")
        self.person(WANG, "wangfang", "王芳", "Wang Fang")
        self.person(LI, "lilei", "李雷", "Li Lei", role="head")
        self.person(ZHAO, "zhao", "赵六", "Zhao Liu", department_id="d2")

    # -------------------------------------------------------------------------------------- chats

    def conversation(
        self,
        cid: str,
        kind: str = "group",
        title: str = "",
        members: tuple[str, ...] = (ME, WANG),
        created_at: str = T0,
    ) -> None:
        scope = f"conv:{cid}"
        rows: list[tuple[str, str, str, dict[str, Any]]] = [
            (
                scope,
                "conversation",
                cid,
                {
                    "id": cid,
                    "kind": kind,
                    "title": title,
                    "department_id": None,
                    "created_by": members[0],
                    "created_at": created_at,
                    "last_seq": 0,
                },
            )
        ]
        rows += [
            (scope, "conversation_member", f"{cid}:{u}", {"conversation_id": cid, "user_id": u, "present": True})
            for u in members
        ]
        self.many(rows)

    @staticmethod
    def message_data(cid: str, seq: int, author: str, body: str, **extra: Any) -> dict[str, Any]:
        return {
            "id": f"m-{cid}-{seq}",
            "conversation_id": cid,
            "seq": seq,
            "author_id": author,
            "body": body,
            "reply_to": None,
            "important": False,
            "mentions": [],
            "sent_at": f"2026-11-02T10:{seq % 60:02d}:00.000+00:00",
            "created_hlc": f"{1793000000000 + seq:015d}-000000-c1",
            "edited_at": None,
            "deleted": False,
            **extra,
        }

    def messages(self, cid: str, items: list[tuple[int, str, str]]) -> None:
        self.many(
            [
                (f"conv:{cid}", "message", f"m-{cid}-{seq}", self.message_data(cid, seq, author, body))
                for seq, author, body in items
            ]
        )

    def read_marker(self, cid: str, user_id: str, seq: int) -> None:
        self.put(
            f"conv:{cid}", "read_marker", f"{cid}:{user_id}", {"conversation_id": cid, "user_id": user_id, "seq": seq}
        )

    def reaction(self, cid: str, message_id: str, user_id: str, emoji: str) -> None:
        self.put(
            f"conv:{cid}",
            "reaction",
            f"{message_id}:{user_id}:{emoji}",
            {"message_id": message_id, "user_id": user_id, "emoji": emoji, "present": True},
        )

    # -------------------------------------------------------------------------------------- tasks

    def space(self, sid: str, title: str, members: tuple[str, ...] = (ME, WANG), created_by: str = WANG) -> None:
        scope = f"space:{sid}"
        rows: list[tuple[str, str, str, dict[str, Any]]] = [
            (
                scope,
                "space",
                sid,
                {
                    "id": sid,
                    "kind": "project",
                    "title": title,
                    "description": "",
                    "department_id": None,
                    "created_by": created_by,
                    "created_at": T0,
                },
            )
        ]
        rows += [
            (scope, "space_member", f"{sid}:{u}", {"space_id": sid, "user_id": u, "present": True}) for u in members
        ]
        self.many(rows)

    def task(
        self,
        sid: str,
        tid: str,
        title: str,
        *,
        owner: str | None = None,
        due: str | None = None,
        status: str = "todo",
        progress: int = 0,
        depends_on: tuple[str, ...] = (),
        deleted: bool = False,
        created_by: str = WANG,
    ) -> None:
        clock = "001793000000000-000000-s"
        self.put(
            f"space:{sid}",
            "task",
            tid,
            {
                "id": tid,
                "space_id": sid,
                "title": title,
                "description": "",
                "owner_id": owner,
                "due": due,
                "status": status,
                "progress": progress,
                "depends_on": list(depends_on),
                "clocks": dict.fromkeys(
                    ("title", "description", "owner_id", "due", "status", "progress", "depends_on"), clock
                ),
                "created_by": created_by,
                "created_at": T0,
                "updated_at": T0,
                "deleted": deleted,
            },
        )

    def task_history(
        self, sid: str, hid: str, tid: str, field: str, old: Any, new: Any, outcome: str, hlc: str
    ) -> None:
        self.put(
            f"space:{sid}",
            "task_history",
            hid,
            {
                "id": hid,
                "task_id": tid,
                "field": field,
                "old_value": old,
                "new_value": new,
                "actor_id": WANG,
                "hlc": hlc,
                "outcome": outcome,
                "at": T0,
            },
        )

    # ----------------------------------------------------------------------------------- articles

    def article(
        self,
        aid: str,
        title: str,
        body: str,
        *,
        author: str = ME,
        status: str = "draft",
        category: str = "",
        tags: tuple[str, ...] = (),
        like_count: int | None = None,
    ) -> str:
        """An article with one revision (id "<aid>-r1"); returns the scope it lives in."""
        scope = "kb" if status == "published" else f"drafts:{author}"
        data: dict[str, Any] = {
            "id": aid,
            "title": title,
            "category": category,
            "tags": list(tags),
            "status": status,
            "author_id": author,
            "head_revision_id": f"{aid}-r1",
            "created_at": T0,
            "updated_at": T0,
            "published_at": T0 if status == "published" else None,
            "reviewer_id": None,
            "review_comment": "",
        }
        if like_count is not None:
            data["like_count"] = like_count
        self.many(
            [
                (scope, "article_revision", f"{aid}-r1", self.revision_data(aid, f"{aid}-r1", title, body, author)),
                (scope, "article", aid, data),
            ]
        )
        return scope

    @staticmethod
    def revision_data(
        aid: str,
        rid: str,
        title: str,
        body: str,
        author: str = ME,
        kind: str = "edit",
        parent: str | None = None,
        base: str | None = None,
    ) -> dict[str, Any]:
        return {
            "id": rid,
            "article_id": aid,
            "parent_id": parent,
            "base_revision_id": base,
            "author_id": author,
            "title": title,
            "body": body,
            "kind": kind,
            "created_at": T0,
        }
