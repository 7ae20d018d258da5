"""Mutation handlers for knowledge-base articles: writing, merging offline edits, review, likes, favorites.

Every edit names the revision it started from. If that is still the head the edit simply becomes the new head;
otherwise it is merged three-way with the head (`sync.merge.merge_article`). A clean merge becomes the new
head; an overlapping one is stored aside as a "conflict" revision with an `article_conflicts` row that the UI
shows side by side until someone resolves it. No text anyone wrote is ever thrown away.

Scopes: while an article is a draft or in review it (with its revisions, conflicts and likes) lives in the
author's drafts scope, which only the author and their reviewers see; once published it lives in the
knowledge base. Moving between them deletes every row from the old scope and writes it into the new one.
Favorites are private and live in the person's own scope.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import and_, func, select
from sqlalchemy.engine import Row

from sync.merge import merge_article
from sync.protocol import (
    KIND_ARTICLE,
    KIND_ARTICLE_CONFLICT,
    KIND_ARTICLE_LIKE,
    KIND_ARTICLE_REVISION,
    KIND_FAVORITE,
    MAX_ARTICLE_BYTES,
    SCOPE_KB,
    ArticleRef,
    ArticleStatus,
    CreateArticle,
    EditArticle,
    Rejection,
    ReviewArticle,
    SetArticleFlag,
    drafts_scope,
    new_id,
    user_scope,
)

from ..access import may_review
from ..changes import WriteContext
from ..db import article_conflicts, article_flags, article_revisions, articles, dumps, loads
from . import mutation

FLAG_LIKE = "like"
FLAG_FAVORITE = "favorite"

REVISION_EDIT = "edit"
REVISION_MERGED = "merged"
REVISION_CONFLICT = "conflict"

# Plain str names: SQLAlchemy's column keys are a str subclass that orjson refuses as dict keys.
_REVISION_COLUMNS = tuple(str(column.name) for column in article_revisions.columns)
_CONFLICT_COLUMNS = tuple(str(column.name) for column in article_conflicts.columns)


# ------------------------------------------------------------------------------------------ row → data


def _mapping(row: Row[Any] | Mapping[str, Any]) -> Mapping[str, Any]:
    return row._mapping if isinstance(row, Row) else row


def article_data(row: Row[Any] | Mapping[str, Any], like_count: int | None = None) -> dict[str, Any]:
    """What a pull carries for an article (KIND_ARTICLE): every column, tags decoded, and the like count."""
    m = _mapping(row)
    data = {
        "id": m["id"],
        "title": m["title"],
        "category": m["category"],
        "tags": loads(m["tags"]),
        "status": m["status"],
        "author_id": m["author_id"],
        "head_revision_id": m["head_revision_id"],
        "created_at": m["created_at"],
        "updated_at": m["updated_at"],
        "published_at": m["published_at"],
        "reviewer_id": m["reviewer_id"],
        "review_comment": m["review_comment"],
    }
    if like_count is not None:
        data["like_count"] = like_count
    return data


def revision_data(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    """What a pull carries for a revision (KIND_ARTICLE_REVISION): every column."""
    m = _mapping(row)
    return {name: m[name] for name in _REVISION_COLUMNS}


def conflict_data(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    m = _mapping(row)
    return {name: m[name] for name in _CONFLICT_COLUMNS}


def flag_data(row: Row[Any] | Mapping[str, Any]) -> dict[str, Any]:
    m = _mapping(row)
    return {"article_id": m["article_id"], "user_id": m["user_id"], "present": bool(m["present"]), "hlc": m["hlc"]}


def article_scope(status: str, author_id: str) -> str:
    """Published articles are for everyone; anything else only for the author and their reviewers."""
    return SCOPE_KB if status == ArticleStatus.PUBLISHED.value else drafts_scope(author_id)


# --------------------------------------------------------------------------------------------- helpers


def _load_article(ctx: WriteContext, article_id: str) -> Row[Any]:
    row = ctx.conn.execute(select(articles).where(articles.c.id == article_id)).first()
    if row is None:
        raise Rejection("not_found", "this article does not exist")
    return row


def _load_revision(ctx: WriteContext, revision_id: str) -> Row[Any] | None:
    return ctx.conn.execute(select(article_revisions).where(article_revisions.c.id == revision_id)).first()


def _may_see(ctx: WriteContext, article: Row[Any]) -> bool:
    if article.status == ArticleStatus.PUBLISHED.value or article.author_id == ctx.actor.id:
        return True
    return may_review(ctx.conn, ctx.actor, article.author_id)


def _require_visible(ctx: WriteContext, article_id: str) -> Row[Any]:
    article = _load_article(ctx, article_id)
    if not _may_see(ctx, article):
        # The same answer as for a missing article: a draft's existence is not revealed.
        raise Rejection("not_found", "this article does not exist")
    return article


def _require_size(body: str) -> None:
    size = len(body.encode())
    if size > MAX_ARTICLE_BYTES:
        raise Rejection(
            "too_large",
            f"the article is {size / 1024 / 1024:.1f} MB; the limit is {MAX_ARTICLE_BYTES // 1024 // 1024} MB",
        )


def _require_title(title: str) -> None:
    if not title.strip():
        raise Rejection("invalid_arguments", "the title is empty")


def _like_count(ctx: WriteContext, article_id: str) -> int:
    return int(
        ctx.conn.execute(
            select(func.count())
            .select_from(article_flags)
            .where(
                and_(
                    article_flags.c.article_id == article_id,
                    article_flags.c.flag == FLAG_LIKE,
                    article_flags.c.present.is_(True),
                )
            )
        ).scalar()
        or 0
    )


def _emit_article(ctx: WriteContext, article_id: str) -> None:
    row = ctx.conn.execute(select(articles).where(articles.c.id == article_id)).one()
    ctx.emit(
        article_scope(row.status, row.author_id),
        KIND_ARTICLE,
        article_id,
        article_data(row, _like_count(ctx, article_id)),
    )


def _insert_revision(ctx: WriteContext, scope: str, **values: Any) -> None:
    values["created_at"] = ctx.now
    ctx.conn.execute(article_revisions.insert().values(**values))
    ctx.emit(scope, KIND_ARTICLE_REVISION, values["id"], revision_data(values))


def _move_article(ctx: WriteContext, article_id: str, old_scope: str, new_scope: str) -> None:
    """Delete every row of the article from `old_scope` and write it all into `new_scope`.

    Clients apply a delete only while the row still belongs to that scope, so the order they see the two
    halves in does not matter.
    """
    if old_scope == new_scope:
        _emit_article(ctx, article_id)
        return
    conn = ctx.conn
    ctx.emit_delete(old_scope, KIND_ARTICLE, article_id)
    _emit_article(ctx, article_id)
    for row in conn.execute(select(article_revisions).where(article_revisions.c.article_id == article_id)):
        ctx.emit_delete(old_scope, KIND_ARTICLE_REVISION, row.id)
        ctx.emit(new_scope, KIND_ARTICLE_REVISION, row.id, revision_data(row))
    for row in conn.execute(select(article_conflicts).where(article_conflicts.c.article_id == article_id)):
        ctx.emit_delete(old_scope, KIND_ARTICLE_CONFLICT, row.id)
        ctx.emit(new_scope, KIND_ARTICLE_CONFLICT, row.id, conflict_data(row))
    likes = select(article_flags).where(
        and_(article_flags.c.article_id == article_id, article_flags.c.flag == FLAG_LIKE)
    )
    for row in conn.execute(likes):
        entity = f"{article_id}:{row.user_id}"
        ctx.emit_delete(old_scope, KIND_ARTICLE_LIKE, entity)
        ctx.emit(new_scope, KIND_ARTICLE_LIKE, entity, flag_data(row))


# -------------------------------------------------------------------------------------------- handlers


@mutation("article.create")
def create_article(ctx: WriteContext, args: CreateArticle) -> None:
    conn = ctx.conn
    if conn.execute(select(articles.c.id).where(articles.c.id == args.id)).first() is not None:
        raise Rejection("exists", "an article with this id already exists")
    if _load_revision(ctx, args.revision_id) is not None:
        raise Rejection("exists", "a revision with this id already exists")
    _require_title(args.title)
    _require_size(args.body)
    title = args.title.strip()
    conn.execute(
        articles.insert().values(
            id=args.id,
            title=title,
            category=args.category,
            tags=dumps(list(args.tags)),
            status=ArticleStatus.DRAFT.value,
            author_id=ctx.actor.id,
            head_revision_id=args.revision_id,
            created_at=ctx.now,
            updated_at=ctx.now,
            published_at=None,
            reviewer_id=None,
            review_comment="",
        )
    )
    scope = drafts_scope(ctx.actor.id)
    _insert_revision(
        ctx,
        scope,
        id=args.revision_id,
        article_id=args.id,
        parent_id=None,
        base_revision_id=None,
        author_id=ctx.actor.id,
        title=title,
        body=args.body,
        kind=REVISION_EDIT,
    )
    _emit_article(ctx, args.id)


def _may_edit(ctx: WriteContext, article: Row[Any]) -> bool:
    # Least privilege: the author, admins, and — once it is public — the author's reviewers.
    if article.author_id == ctx.actor.id or ctx.actor.is_admin:
        return True
    published = article.status == ArticleStatus.PUBLISHED.value
    return published and may_review(ctx.conn, ctx.actor, article.author_id)


@mutation("article.edit")
def edit_article(ctx: WriteContext, args: EditArticle) -> None:
    conn = ctx.conn
    article = _require_visible(ctx, args.id)
    if not _may_edit(ctx, article):
        raise Rejection("forbidden", "only the author, an admin or (once published) a reviewer edits this article")
    _require_size(args.body)
    if args.title is not None:
        _require_title(args.title)
    if _load_revision(ctx, args.revision_id) is not None:
        raise Rejection("exists", "a revision with this id already exists")
    base = _load_revision(ctx, args.base_revision_id)
    if base is None or base.article_id != article.id:
        raise Rejection("unknown_base", "the revision this edit started from is not a revision of this article")
    conflict = None
    if args.resolves_conflict_id is not None:
        conflict = conn.execute(
            select(article_conflicts).where(article_conflicts.c.id == args.resolves_conflict_id)
        ).first()
        if conflict is None or conflict.article_id != article.id:
            raise Rejection("unknown_conflict", "the conflict this edit resolves is not one of this article")

    scope = article_scope(article.status, article.author_id)
    title = args.title.strip() if args.title is not None else article.title
    revision = {
        "id": args.revision_id,
        "article_id": article.id,
        "parent_id": article.head_revision_id,
        "base_revision_id": base.id,
        "author_id": ctx.actor.id,
        "title": title,
    }
    becomes_head = True
    if base.id == article.head_revision_id:
        _insert_revision(ctx, scope, **revision, body=args.body, kind=REVISION_EDIT)
    else:
        head = _load_revision(ctx, article.head_revision_id)
        assert head is not None  # the head is always a stored revision
        merged = merge_article(base.body, head.body, args.body)
        if not merged.conflicted:
            # Stored once, under the client's revision id, as the merged text: it holds every line the
            # author changed, the client's pending revision is simply replaced by it, and the parent chain
            # stays linear (base_revision_id still says what the author started from).
            _insert_revision(ctx, scope, **revision, body=merged.text, kind=REVISION_MERGED)
        else:
            # Kept aside exactly as written; the head stays as it is until someone resolves the conflict.
            becomes_head = False
            _insert_revision(ctx, scope, **revision, body=args.body, kind=REVISION_CONFLICT)
            row = {
                "id": new_id(),
                "article_id": article.id,
                "base_revision_id": base.id,
                "theirs_revision_id": head.id,
                "mine_revision_id": args.revision_id,
                "author_id": ctx.actor.id,
                "created_at": ctx.now,
                "resolved_by_revision_id": None,
            }
            conn.execute(article_conflicts.insert().values(**row))
            ctx.emit(scope, KIND_ARTICLE_CONFLICT, row["id"], conflict_data(row))

    if conflict is not None and conflict.resolved_by_revision_id is None:
        # Marked even when the resolving edit itself conflicts: that new conflict row carries it on.
        conn.execute(
            article_conflicts.update()
            .where(article_conflicts.c.id == conflict.id)
            .values(resolved_by_revision_id=args.revision_id)
        )
        updated = conn.execute(select(article_conflicts).where(article_conflicts.c.id == conflict.id)).one()
        ctx.emit(scope, KIND_ARTICLE_CONFLICT, conflict.id, conflict_data(updated))

    # Title, category and tags: the last edit to arrive wins (simple, as designed).
    changes: dict[str, Any] = {"title": title, "updated_at": ctx.now}
    if args.category is not None:
        changes["category"] = args.category
    if args.tags is not None:
        changes["tags"] = dumps(list(args.tags))
    if becomes_head:
        changes["head_revision_id"] = args.revision_id
    conn.execute(articles.update().where(articles.c.id == article.id).values(**changes))
    _emit_article(ctx, article.id)


@mutation("article.submit")
def submit_article(ctx: WriteContext, args: ArticleRef) -> None:
    article = _require_visible(ctx, args.id)
    if article.author_id != ctx.actor.id:
        raise Rejection("forbidden", "only the author submits an article for review")
    if article.status != ArticleStatus.DRAFT.value:
        raise Rejection("invalid_state", f"only a draft can be submitted (this article is {article.status})")
    ctx.conn.execute(
        articles.update()
        .where(articles.c.id == article.id)
        .values(status=ArticleStatus.IN_REVIEW.value, updated_at=ctx.now)
    )
    _emit_article(ctx, article.id)  # draft and in review share the drafts scope


@mutation("article.review")
def review_article(ctx: WriteContext, args: ReviewArticle) -> None:
    article = _require_visible(ctx, args.id)
    if not may_review(ctx.conn, ctx.actor, article.author_id):
        raise Rejection("forbidden", "only an admin or the author's department head reviews this article")
    if article.status != ArticleStatus.IN_REVIEW.value:
        raise Rejection("invalid_state", f"only an article in review can be reviewed (this one is {article.status})")
    changes: dict[str, Any] = {"reviewer_id": ctx.actor.id, "review_comment": args.comment, "updated_at": ctx.now}
    if args.decision == "approve":
        changes.update(status=ArticleStatus.PUBLISHED.value, published_at=ctx.now)
    else:
        changes.update(status=ArticleStatus.DRAFT.value)
    ctx.conn.execute(articles.update().where(articles.c.id == article.id).values(**changes))
    _move_article(
        ctx,
        article.id,
        article_scope(article.status, article.author_id),
        article_scope(changes["status"], article.author_id),
    )


def _set_flag(ctx: WriteContext, article_id: str, flag: str, present: bool) -> Row[Any] | None:
    """Apply the set rule (only a newer clock changes the row); return the new row if it changed."""
    conn = ctx.conn
    key = and_(
        article_flags.c.article_id == article_id, article_flags.c.user_id == ctx.actor.id, article_flags.c.flag == flag
    )
    current = conn.execute(select(article_flags.c.hlc).where(key)).first()
    if current is None:
        conn.execute(
            article_flags.insert().values(
                article_id=article_id, user_id=ctx.actor.id, flag=flag, present=present, hlc=ctx.hlc
            )
        )
    elif ctx.hlc > current.hlc:
        conn.execute(article_flags.update().where(key).values(present=present, hlc=ctx.hlc))
    else:
        return None
    return conn.execute(select(article_flags).where(key)).one()


@mutation("article.favorite")
def favorite_article(ctx: WriteContext, args: SetArticleFlag) -> None:
    _require_visible(ctx, args.id)
    row = _set_flag(ctx, args.id, FLAG_FAVORITE, args.present)
    if row is not None:
        ctx.emit(user_scope(ctx.actor.id), KIND_FAVORITE, f"{args.id}:{ctx.actor.id}", flag_data(row))


@mutation("article.like")
def like_article(ctx: WriteContext, args: SetArticleFlag) -> None:
    # Liking one's own article is stored like any other like; points rules decide what it is worth.
    article = _require_visible(ctx, args.id)
    row = _set_flag(ctx, args.id, FLAG_LIKE, args.present)
    if row is not None:
        ctx.emit(
            article_scope(article.status, article.author_id),
            KIND_ARTICLE_LIKE,
            f"{args.id}:{ctx.actor.id}",
            flag_data(row),
        )
        _emit_article(ctx, args.id)  # for the like count
