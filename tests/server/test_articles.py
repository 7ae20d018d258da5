"""Articles: revisions and three-way merge of offline edits, conflicts, review, scopes, likes and favorites."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from sync.protocol import (
    KIND_ARTICLE,
    KIND_ARTICLE_CONFLICT,
    KIND_ARTICLE_LIKE,
    KIND_ARTICLE_REVISION,
    KIND_FAVORITE,
    SCOPE_KB,
    Rejection,
    Role,
    Timestamp,
    drafts_scope,
    user_scope,
)
from sync.server.changes import Actor, WriteContext
from sync.server.db import Database, article_conflicts, article_revisions, articles, changes, loads
from sync.server.mutations import apply_mutation
from sync.server.mutations.articles import article_data, revision_data

NOW = "2026-11-22T08:00:00+00:00"
BASE = "# Guide\n\nintro\n\nstep one\nstep two\n\nend\n"


def clock(millis: int, node: str = "n") -> str:
    return str(Timestamp(millis, 0, node))


_ticks = iter(range(10**12, 10**13))


def run(db: Database, actor: Actor, name: str, args: dict[str, Any], hlc: str | None = None) -> None:
    with db.write() as conn:
        ctx = WriteContext(conn=conn, actor=actor, hlc=hlc or clock(next(_ticks)), now=NOW)
        apply_mutation(ctx, name, args)


def rejected(db: Database, actor: Actor, name: str, args: dict[str, Any]) -> Rejection:
    with pytest.raises(Rejection) as info:
        run(db, actor, name, args)
    return info.value


def article(db: Database, article_id: str = "a1") -> dict[str, Any]:
    with db.read() as conn:
        return article_data(conn.execute(select(articles).where(articles.c.id == article_id)).one())


def revisions(db: Database, article_id: str = "a1") -> dict[str, dict[str, Any]]:
    with db.read() as conn:
        rows = conn.execute(select(article_revisions).where(article_revisions.c.article_id == article_id))
        return {row.id: revision_data(row) for row in rows}


def conflicts(db: Database) -> list[Any]:
    with db.read() as conn:
        return conn.execute(select(article_conflicts)).all()


def scope_changes(db: Database, scope: str) -> dict[tuple[str, str], Any]:
    """The newest change per (kind, id) in a scope — the log keeps one per row per scope."""
    with db.read() as conn:
        rows = conn.execute(select(changes).where(changes.c.scope == scope).order_by(changes.c.seq)).all()
    return {(row.kind, row.entity_id): row for row in rows}


@pytest.fixture
def org(people: Any) -> dict[str, Actor]:
    people.department("d1")
    people.department("d2")
    return {
        "author": people.add("author", department_id="d1"),
        "peer": people.add("peer", department_id="d1"),
        "head": people.add("head", Role.HEAD, "d1"),
        "other_head": people.add("other_head", Role.HEAD, "d2"),
        "admin": people.add("admin", Role.ADMIN),
    }


@pytest.fixture
def draft(db: Database, org: dict[str, Actor]) -> str:
    run(
        db,
        org["author"],
        "article.create",
        {"id": "a1", "title": "Guide", "body": BASE, "category": "training", "tags": ["入门"], "revision_id": "r1"},
    )
    return "a1"


def edit(db: Database, actor: Actor, revision_id: str, base: str, body: str, **extra: Any) -> None:
    run(
        db,
        actor,
        "article.edit",
        {"id": "a1", "revision_id": revision_id, "base_revision_id": base, "body": body, **extra},
    )


def publish(db: Database, org: dict[str, Actor]) -> None:
    run(db, org["author"], "article.submit", {"id": "a1"})
    run(db, org["head"], "article.review", {"id": "a1", "decision": "approve", "comment": "好"})


# ---------------------------------------------------------------------------------------------- create


def test_create_makes_a_draft_with_its_first_revision(db: Database, org: dict[str, Actor], draft: str) -> None:
    data = article(db)
    assert data["status"] == "draft" and data["author_id"] == org["author"].id
    assert data["head_revision_id"] == "r1" and data["tags"] == ["入门"]
    assert revisions(db)["r1"]["kind"] == "edit" and revisions(db)["r1"]["body"] == BASE
    emitted = scope_changes(db, drafts_scope(org["author"].id))
    assert loads(emitted[(KIND_ARTICLE, "a1")].data) == {**data, "like_count": 0}
    assert loads(emitted[(KIND_ARTICLE_REVISION, "r1")].data) == revisions(db)["r1"]
    assert scope_changes(db, SCOPE_KB) == {}


def test_create_rejections(db: Database, org: dict[str, Actor], draft: str) -> None:
    args = {"id": "a1", "title": "Again", "revision_id": "r9"}
    assert rejected(db, org["peer"], "article.create", args).code == "exists"
    assert rejected(db, org["peer"], "article.create", {**args, "id": "a2", "revision_id": "r1"}).code == "exists"
    too_big = rejected(db, org["peer"], "article.create", {**args, "id": "a2", "body": "知" * 1_000_000})
    assert too_big.code == "too_large" and "2.9 MB" in too_big.reason and "2 MB" in too_big.reason


# ------------------------------------------------------------------------------------------------ edit


def test_edit_from_the_head_becomes_the_head(db: Database, org: dict[str, Actor], draft: str) -> None:
    edit(db, org["author"], "r2", "r1", BASE + "more\n", title="Guide v2", tags=["a", "b"])
    data = article(db)
    assert data["head_revision_id"] == "r2" and data["title"] == "Guide v2" and data["tags"] == ["a", "b"]
    assert data["category"] == "training"  # not named: unchanged
    rev = revisions(db)["r2"]
    assert rev["kind"] == "edit" and rev["parent_id"] == "r1" and rev["base_revision_id"] == "r1"


def test_non_overlapping_edits_from_the_same_base_merge(db: Database, org: dict[str, Actor], draft: str) -> None:
    edit(db, org["author"], "r2", "r1", BASE.replace("intro", "INTRO"))
    edit(db, org["admin"], "r3", "r1", BASE.replace("end", "the end"))  # made offline from r1
    assert article(db)["head_revision_id"] == "r3"
    merged = revisions(db)["r3"]
    assert merged["kind"] == "merged" and merged["parent_id"] == "r2" and merged["base_revision_id"] == "r1"
    assert merged["body"] == BASE.replace("intro", "INTRO").replace("end", "the end")
    assert conflicts(db) == []


def test_overlapping_edits_become_a_conflict_and_lose_nothing(db: Database, org: dict[str, Actor], draft: str) -> None:
    theirs = BASE.replace("step one", "step one (server)")
    mine = BASE.replace("step one", "step one (offline)")
    edit(db, org["author"], "r2", "r1", theirs)
    edit(db, org["author"], "r3", "r1", mine, title="Offline title")
    data = article(db)
    assert data["head_revision_id"] == "r2"  # the head is unchanged
    assert data["title"] == "Offline title"  # title: last writer wins
    revs = revisions(db)
    assert revs["r2"]["body"] == theirs and revs["r3"]["body"] == mine and revs["r3"]["kind"] == "conflict"
    (row,) = conflicts(db)
    assert (row.base_revision_id, row.theirs_revision_id, row.mine_revision_id) == ("r1", "r2", "r3")
    assert row.resolved_by_revision_id is None and row.author_id == org["author"].id
    emitted = scope_changes(db, drafts_scope(org["author"].id))
    assert loads(emitted[(KIND_ARTICLE_CONFLICT, row.id)].data)["mine_revision_id"] == "r3"
    assert loads(emitted[(KIND_ARTICLE_REVISION, "r3")].data)["body"] == mine

    # Resolving: an edit from the head that names the conflict.
    resolved = BASE.replace("step one", "step one (server + offline)")
    edit(db, org["author"], "r4", "r2", resolved, resolves_conflict_id=row.id)
    assert article(db)["head_revision_id"] == "r4" and revisions(db)["r4"]["body"] == resolved
    (row,) = conflicts(db)
    assert row.resolved_by_revision_id == "r4"
    emitted = scope_changes(db, drafts_scope(org["author"].id))
    assert loads(emitted[(KIND_ARTICLE_CONFLICT, row.id)].data)["resolved_by_revision_id"] == "r4"


def test_edit_rejections(db: Database, org: dict[str, Actor], draft: str) -> None:
    body = {"body": "x"}
    assert (
        rejected(
            db, org["author"], "article.edit", {"id": "a1", "revision_id": "r2", "base_revision_id": "nope", **body}
        ).code
        == "unknown_base"
    )
    assert (
        rejected(
            db, org["author"], "article.edit", {"id": "a1", "revision_id": "r1", "base_revision_id": "r1", **body}
        ).code
        == "exists"
    )
    assert (
        rejected(
            db,
            org["author"],
            "article.edit",
            {"id": "a1", "revision_id": "r2", "base_revision_id": "r1", "resolves_conflict_id": "c0", **body},
        ).code
        == "unknown_conflict"
    )
    # A peer cannot see someone's draft at all; a reviewer sees it but edits only once it is published.
    assert (
        rejected(
            db, org["peer"], "article.edit", {"id": "a1", "revision_id": "r2", "base_revision_id": "r1", **body}
        ).code
        == "not_found"
    )
    assert (
        rejected(
            db, org["head"], "article.edit", {"id": "a1", "revision_id": "r2", "base_revision_id": "r1", **body}
        ).code
        == "forbidden"
    )
    assert (
        rejected(
            db, org["author"], "article.edit", {"id": "zz", "revision_id": "r2", "base_revision_id": "r1", **body}
        ).code
        == "not_found"
    )


def test_who_may_edit_a_published_article(db: Database, org: dict[str, Actor], draft: str) -> None:
    publish(db, org)
    assert (
        rejected(
            db, org["peer"], "article.edit", {"id": "a1", "revision_id": "r2", "base_revision_id": "r1", "body": "x"}
        ).code
        == "forbidden"
    )
    assert (
        rejected(
            db,
            org["other_head"],
            "article.edit",
            {"id": "a1", "revision_id": "r2", "base_revision_id": "r1", "body": "x"},
        ).code
        == "forbidden"
    )
    edit(db, org["head"], "r2", "r1", BASE + "reviewed\n")
    edit(db, org["admin"], "r3", "r2", BASE + "reviewed\nadmin\n")
    assert article(db)["head_revision_id"] == "r3"
    # Published rows live in the knowledge base.
    assert (KIND_ARTICLE_REVISION, "r3") in scope_changes(db, SCOPE_KB)


# ---------------------------------------------------------------------------------------------- review


def test_submit_is_for_the_author_and_only_from_draft(db: Database, org: dict[str, Actor], draft: str) -> None:
    assert rejected(db, org["head"], "article.submit", {"id": "a1"}).code == "forbidden"
    run(db, org["author"], "article.submit", {"id": "a1"})
    assert article(db)["status"] == "in_review"
    assert rejected(db, org["author"], "article.submit", {"id": "a1"}).code == "invalid_state"


def test_review_permissions(db: Database, org: dict[str, Actor], draft: str) -> None:
    approve = {"id": "a1", "decision": "approve"}
    assert rejected(db, org["head"], "article.review", approve).code == "invalid_state"  # still a draft
    run(db, org["author"], "article.submit", {"id": "a1"})
    assert rejected(db, org["author"], "article.review", approve).code == "forbidden"  # not one's own
    assert rejected(db, org["peer"], "article.review", approve).code == "not_found"  # cannot even see it
    assert rejected(db, org["other_head"], "article.review", approve).code == "not_found"
    run(db, org["head"], "article.review", {**approve, "comment": "清楚"})
    data = article(db)
    assert data["status"] == "published" and data["published_at"] == NOW
    assert data["reviewer_id"] == org["head"].id and data["review_comment"] == "清楚"


def test_admin_may_approve_and_reject_sends_back_to_draft(db: Database, org: dict[str, Actor], draft: str) -> None:
    run(db, org["author"], "article.submit", {"id": "a1"})
    run(db, org["admin"], "article.review", {"id": "a1", "decision": "reject", "comment": "needs examples"})
    data = article(db)
    assert data["status"] == "draft" and data["review_comment"] == "needs examples"
    assert scope_changes(db, SCOPE_KB) == {}
    run(db, org["author"], "article.submit", {"id": "a1"})
    run(db, org["admin"], "article.review", {"id": "a1", "decision": "approve"})
    assert article(db)["status"] == "published"


def test_publishing_moves_every_row_from_drafts_to_the_knowledge_base(
    db: Database, org: dict[str, Actor], draft: str
) -> None:
    edit(db, org["author"], "r2", "r1", BASE.replace("intro", "A"))
    edit(db, org["author"], "r3", "r1", BASE.replace("intro", "B"))  # a conflict
    run(db, org["head"], "article.like", {"id": "a1", "present": True})
    conflict_id = conflicts(db)[0].id
    publish(db, org)

    rows = {
        (KIND_ARTICLE, "a1"),
        (KIND_ARTICLE_REVISION, "r1"),
        (KIND_ARTICLE_REVISION, "r2"),
        (KIND_ARTICLE_REVISION, "r3"),
        (KIND_ARTICLE_CONFLICT, conflict_id),
        (KIND_ARTICLE_LIKE, f"a1:{org['head'].id}"),
    }
    drafts = scope_changes(db, drafts_scope(org["author"].id))
    kb = scope_changes(db, SCOPE_KB)
    assert set(drafts) == rows and all(drafts[key].op == "delete" and drafts[key].data is None for key in rows)
    assert set(kb) == rows and all(kb[key].op == "upsert" for key in rows)
    published = loads(kb[(KIND_ARTICLE, "a1")].data)
    assert published["status"] == "published" and published["like_count"] == 1
    assert loads(kb[(KIND_ARTICLE_REVISION, "r3")].data)["kind"] == "conflict"


# ------------------------------------------------------------------------------------- likes, favorites


def test_likes_follow_the_set_rule_and_count(db: Database, org: dict[str, Actor], draft: str) -> None:
    publish(db, org)
    run(db, org["peer"], "article.like", {"id": "a1", "present": True}, clock(10**13 + 5))
    run(db, org["author"], "article.like", {"id": "a1", "present": True})  # self-like is stored
    assert article_like_count(db) == 2
    # An older unlike made offline arrives late: it must not undo the newer like.
    run(db, org["peer"], "article.like", {"id": "a1", "present": False}, clock(10**13 + 1))
    kb = scope_changes(db, SCOPE_KB)
    assert loads(kb[(KIND_ARTICLE_LIKE, f"a1:{org['peer'].id}")].data)["present"] is True
    assert loads(kb[(KIND_ARTICLE, "a1")].data)["like_count"] == 2
    run(db, org["peer"], "article.like", {"id": "a1", "present": False}, clock(10**13 + 9))
    kb = scope_changes(db, SCOPE_KB)
    assert loads(kb[(KIND_ARTICLE_LIKE, f"a1:{org['peer'].id}")].data)["present"] is False
    assert loads(kb[(KIND_ARTICLE, "a1")].data)["like_count"] == 1


def article_like_count(db: Database) -> int:
    return int(loads(scope_changes(db, SCOPE_KB)[(KIND_ARTICLE, "a1")].data)["like_count"])


def test_favorites_are_private(db: Database, org: dict[str, Actor], draft: str) -> None:
    assert rejected(db, org["peer"], "article.favorite", {"id": "a1", "present": True}).code == "not_found"
    run(db, org["head"], "article.favorite", {"id": "a1", "present": True})  # a reviewer sees the draft
    run(db, org["author"], "article.favorite", {"id": "a1", "present": True})
    mine = scope_changes(db, user_scope(org["head"].id))
    assert set(mine) == {(KIND_FAVORITE, f"a1:{org['head'].id}")}
    data = loads(mine[(KIND_FAVORITE, f"a1:{org['head'].id}")].data)
    assert {k: data[k] for k in ("article_id", "user_id", "present")} == {
        "article_id": "a1",
        "user_id": org["head"].id,
        "present": True,
    }
    assert all(key[0] != KIND_FAVORITE for key in scope_changes(db, drafts_scope(org["author"].id)))
    publish(db, org)
    run(db, org["peer"], "article.favorite", {"id": "a1", "present": True})
    assert (KIND_FAVORITE, f"a1:{org['peer'].id}") in scope_changes(db, user_scope(org["peer"].id))
    assert all(key[0] != KIND_FAVORITE for key in scope_changes(db, SCOPE_KB))
