"""Search use case: full-text search over the local store, with a title people recognise for each hit.

Wraps app.store.search (which finds Chinese and English words offline) and names where each hit lives: the
conversation of a message (the other person's name for a direct chat), the space of a task, the article
itself — so a result list reads "王芳: …审批…" rather than an id.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from app.store import reads
from app.store import search as store_search

from .context import Session

KINDS = ("message", "task", "article")


@dataclass(frozen=True)
class SearchResult:
    kind: str  # message | task | article
    ref_id: str  # the message, task or article
    container_id: str | None  # the conversation or space (None for articles)
    display_title: str  # conversation title, space title, or article title
    title: str  # the hit's own title (a task's or an article's; empty for messages)
    snippet: str  # the text around the first word found, on one line
    at: str | None  # when it was written or last changed
    score: float  # lower is better (bm25)


def search(session: Session, query: str, *, kinds: Iterable[str] = (), limit: int = 50) -> list[SearchResult]:
    """The best matches for what the person typed, optionally only of some kinds (message, task, article)."""
    wanted = tuple(k for k in kinds if k in KINDS)
    hits = store_search.search(session.conn, query, limit, wanted)
    titles: dict[tuple[str, str], str] = {}
    results = []
    for hit in hits:
        key = (hit.kind, hit.container_id or hit.ref_id)
        if key not in titles:
            titles[key] = _display_title(session, hit)
        results.append(SearchResult(hit.kind, hit.ref_id, hit.container_id, titles[key], hit.title, hit.snippet,
                                    hit.at, hit.score))
    return results


def _display_title(session: Session, hit: store_search.Hit) -> str:
    if hit.kind == "message" and hit.container_id:
        return reads.conversation_title(session.conn, hit.container_id, session.user_id, session.language)
    if hit.kind == "task" and hit.container_id:
        found = reads.space(session.conn, hit.container_id)
        return found.title if found else ""
    return hit.title
