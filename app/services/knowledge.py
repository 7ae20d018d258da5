"""Knowledge-base use cases: writing articles, the review workflow, favorites, likes and resolving conflicts.

Every edit names the revision the person was looking at (the article's head here) so the server can merge
edits made offline three-way; an overlapping one becomes a conflict that `resolve_conflict` settles with a
new edit. Each action queues exactly one mutation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from app.ids import new_id
from app.limits import MAX_ARTICLE_BYTES, MAX_CATEGORY_CHARS, MAX_REVIEW_COMMENT_CHARS, MAX_TAG_CHARS, MAX_TAGS
from app.store import Summary, reads

from .context import ActionRefused, Session, check_size, clean_title, described, shorten


def _scope(article: reads.ArticleView) -> str:
    # Where the article lives decides who may see it; a pending change is refused if that access ends.
    return "kb" if article.status == "published" else f"drafts:{article.author_id}"


def _require_article(session: Session, article_id: str) -> reads.ArticleView:
    found = reads.articles_by_id(session.conn, [article_id], session.user_id, session.language)
    if not found:
        raise ActionRefused("This article does not exist here (it may not have synced yet).")
    return found[0]


def _clean_category(category: str) -> str:
    cleaned = category.strip()
    if len(cleaned) > MAX_CATEGORY_CHARS:
        raise ActionRefused("A category can be at most {MAX_CATEGORY_CHARS} characters.",
                            MAX_CATEGORY_CHARS=MAX_CATEGORY_CHARS)
    return cleaned


def _clean_tags(tags: Iterable[str] | str) -> list[str]:
    # Chinese keyboards type "，" and "、" between words; all of them separate tags.
    items = re.split(r"[,，、]", tags) if isinstance(tags, str) else list(tags)
    cleaned = list(dict.fromkeys(t.strip() for t in items if t.strip()))
    if len(cleaned) > MAX_TAGS:
        raise ActionRefused("An article can have at most {MAX_TAGS} tags ({count} were given).",
                            MAX_TAGS=MAX_TAGS, count=len(cleaned))
    for tag in cleaned:
        if len(tag) > MAX_TAG_CHARS:
            raise ActionRefused("The tag “{tag}” is longer than {MAX_TAG_CHARS} characters.",
                                tag=shorten(tag), MAX_TAG_CHARS=MAX_TAG_CHARS)
    return cleaned


def _may_review(session: Session, author_id: str) -> bool:
    return reads.may_review(session.conn, session.user_id, author_id)


def _may_edit(session: Session, article: reads.ArticleView) -> bool:
    if article.author_id == session.user_id:
        return True
    me = reads.person(session.conn, session.user_id)
    if me is not None and me.role == "admin":
        return True
    return article.status == "published" and _may_review(session, article.author_id)


# ----------------------------------------------------------------------------------------------- writing


def create_article(session: Session, title: str, body: str = "", *, category: str = "",
                   tags: Iterable[str] | str = ()) -> str:
    """A new draft article; returns its id."""
    clean = clean_title(title)
    check_size("article", body, MAX_ARTICLE_BYTES)
    article_id = new_id()
    session.enqueue("article.create", {"id": article_id, "title": clean, "body": body,
                                       "category": _clean_category(category), "tags": _clean_tags(tags),
                                       "revision_id": new_id()},
                    scope=f"drafts:{session.user_id}", summary=described("New article “{clean}”", clean=shorten(clean)))
    return article_id


def _edit(session: Session, article: reads.ArticleView, body: str, *, title: str | None, category: str | None,
          tags: Iterable[str] | str | None, resolves: str | None, summary: Summary, base: str | None = None) -> str:
    if not _may_edit(session, article):
        raise ActionRefused("Only the author, an admin or (once it is published) a reviewer can edit this article.")
    check_size("article", body, MAX_ARTICLE_BYTES)
    if article.head_revision_id is None:
        raise ActionRefused("This article has no revision here yet; wait for it to sync.")
    revision_id = new_id()
    # The base is what the person was looking at: if someone else's edit arrived meanwhile, the server
    # merges the two or records a conflict instead of one edit silently replacing the other.
    args: dict[str, object] = {"id": article.id, "revision_id": revision_id,
                               "base_revision_id": base or article.head_revision_id, "body": body}
    if title is not None:
        args["title"] = clean_title(title)
    if category is not None:
        args["category"] = _clean_category(category)
    if tags is not None:
        args["tags"] = _clean_tags(tags)
    if resolves is not None:
        args["resolves_conflict_id"] = resolves
    session.enqueue("article.edit", args, scope=_scope(article), summary=summary)
    return revision_id


def edit_article(session: Session, article_id: str, body: str, *, title: str | None = None,
                 category: str | None = None, tags: Iterable[str] | str | None = None,
                 base_revision_id: str | None = None) -> str | None:
    """A new revision of the article, edited from `base_revision_id` (default: the head); its id, or None if
    nothing changed."""
    article = _require_article(session, article_id)
    head = reads.revision_body(session.conn, article.head_revision_id) if article.head_revision_id else None
    unchanged = (body == head and (title is None or clean_title(title) == article.title)
                 and (category is None or _clean_category(category) == article.category)
                 and (tags is None or tuple(_clean_tags(tags)) == article.tags))
    if unchanged:
        return None
    return _edit(session, article, body, title=title, category=category, tags=tags, resolves=None,
                 summary=described("Edit article “{title}”", title=shorten(article.title)), base=base_revision_id)


def resolve_conflict(session: Session, conflict_id: str, body: str, *, title: str | None = None) -> str:
    """Settle a conflict with the text the person chose or merged by hand; returns the new revision's id."""
    found = reads.conflict(session.conn, conflict_id)
    if found is None:
        raise ActionRefused("This conflict does not exist here or was resolved already.")
    article = _require_article(session, found.article_id)
    return _edit(session, article, body, title=title, category=None, tags=None, resolves=conflict_id,
                 summary=described("Resolve conflict in “{title}”", title=shorten(article.title)))


# ------------------------------------------------------------------------------------------------ review


def submit(session: Session, article_id: str) -> None:
    """Send a draft for review."""
    article = _require_article(session, article_id)
    if article.author_id != session.user_id:
        raise ActionRefused("Only the author can submit an article for review.")
    if article.status != "draft":
        raise ActionRefused("Only a draft can be submitted (this article is {status}).",
                            status=article.status.replace('_', ' '))
    session.enqueue("article.submit", {"id": article_id}, scope=_scope(article),
                    summary=described("Submit “{title}” for review", title=shorten(article.title)))


def review(session: Session, article_id: str, approve: bool, comment: str = "") -> None:
    """Approve (publish) or reject (back to draft) an article in review."""
    article = _require_article(session, article_id)
    if not _may_review(session, article.author_id):
        raise ActionRefused("Only an admin or the author's department head can review this article.")
    if article.status != "in_review":
        raise ActionRefused("Only an article in review can be reviewed (this one is {status}).",
                            status=article.status.replace('_', ' '))
    if len(comment) > MAX_REVIEW_COMMENT_CHARS:
        raise ActionRefused("A review comment can be at most {MAX_REVIEW_COMMENT_CHARS} characters.",
                            MAX_REVIEW_COMMENT_CHARS=MAX_REVIEW_COMMENT_CHARS)
    decision = "approve" if approve else "reject"
    session.enqueue("article.review", {"id": article_id, "decision": decision, "comment": comment},
                    scope=_scope(article),
                    summary=described("Approve “{title}”" if approve else "Reject “{title}”",
                                      title=shorten(article.title)))


# --------------------------------------------------------------------------------------- favorites, likes


def favorite(session: Session, article_id: str, present: bool = True) -> bool:
    """Add (or with present=False remove) a favorite; False if it already was so."""
    article = _require_article(session, article_id)
    if article.favorite == present:
        return False
    session.enqueue("article.favorite", {"id": article_id, "present": present}, scope=_scope(article),
                    summary=described("Favorite “{title}”" if present else "Unfavorite “{title}”",
                                      title=shorten(article.title)))
    return True


def like(session: Session, article_id: str, present: bool = True) -> bool:
    """Like (or with present=False unlike) an article; False if it already was so."""
    article = _require_article(session, article_id)
    if article.liked == present:
        return False
    session.enqueue("article.like", {"id": article_id, "present": present}, scope=_scope(article),
                    summary=described("Like “{title}”" if present else "Unlike “{title}”",
                                      title=shorten(article.title)))
    return True
