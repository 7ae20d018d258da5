"""Full-text search over messages, tasks and articles that finds Chinese and English words offline.

FTS5's tokenizers do not find two-character Chinese words inside longer runs of Chinese text, so the
indexed text spells each run of CJK characters as overlapping two-character words ("费用报销" → "费用 用报
报销") plus the run's last character on its own; a query is spelled the same way and searched as a phrase.
English words are matched by prefix. Ranking (bm25, titles weighted) is applied to at most the newest
`RANK_WINDOW` matches, so a very common word still answers in milliseconds.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from .database import insert_many

RANK_WINDOW = 2000
_CJK = (
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af"  # Han, kana, Hangul
)
_CJK_RUN = re.compile(f"[{_CJK}]+")
_CJK_SPLIT = re.compile(f"([{_CJK}]+)")  # the runs kept, at odd positions of the split
_QUERY_TOKEN = re.compile(f"[{_CJK}]+|[^\\s{_CJK}\\W]+|\\w+", re.UNICODE)


def spell_cjk(run: str) -> str:
    """"费用报销" → "费用 用报 报销 销" (the pairs, then the last character on its own)."""
    if len(run) == 1:
        return f" {run} "
    return " " + " ".join(map(str.__add__, run, run[1:])) + " " + run[-1] + " "


def index_text(text: str) -> str:
    """The text as the index sees it: CJK runs spelled as overlapping pairs, everything else as it is."""
    if not text:
        return ""
    # split() + a slice assignment costs half of sub() with a callback: this runs once per synced message.
    parts = _CJK_SPLIT.split(text)
    if len(parts) == 1:
        return text
    parts[1::2] = map(spell_cjk, parts[1::2])
    return "".join(parts)


def match_expression(query: str, prefix: bool = True) -> str | None:
    """An FTS5 MATCH expression for what a person typed (None when there is nothing to search for).

    With `prefix`, words also match longer words ("bud" finds "budget"); without, only whole words.
    """
    parts: list[str] = []
    for token in _QUERY_TOKEN.findall(query):
        if _CJK_RUN.fullmatch(token):
            if len(token) == 1:
                # A single character: the pair it starts, or itself where it ends a run.
                parts.append(f'("{token}"* OR "{token}")')
            else:
                pairs = [token[i : i + 2] for i in range(len(token) - 1)]
                parts.append('"' + " ".join(pairs) + '"')
        else:
            word = token.replace('"', "")
            if word:
                parts.append(f'"{word}"*' if prefix else f'"{word}"')
    return " AND ".join(parts) if parts else None


class Document(NamedTuple):  # a tuple, not a dataclass: a big sync makes one per message
    kind: str  # message | task | article
    ref_id: str
    container_id: str | None  # conversation or space; None for articles
    at: str | None  # when it was written, for "newest" ordering and display
    title: str
    body: str


def index_documents(conn: sqlite3.Connection, docs: Iterable[Document], *, spelled: bool = False) -> None:
    """Add or replace documents in the index (inside the caller's transaction), in bulk.

    With `spelled`, titles and bodies are already as `index_text` spells them (see store.prepare_pull).
    """
    docs = list(docs)
    if not docs:
        return
    first = int(conn.execute("SELECT COALESCE(MAX(doc), 0) FROM search_docs").fetchone()[0]) + 1
    if first > 1:  # an empty index (a new profile's first page) has nothing to replace
        remove_documents(conn, [(d.kind, d.ref_id) for d in docs])
    numbers = range(first, first + len(docs))
    insert_many(
        conn,
        "INSERT INTO search_docs(doc, kind, ref_id, container_id, at) VALUES (?, ?, ?, ?, ?)",
        [(n, *d[:4]) for n, d in zip(numbers, docs, strict=True)],
    )
    insert_many(
        conn,
        "INSERT INTO search_fts(rowid, title, body) VALUES (?, ?, ?)",
        [(n, d.title, d.body) for n, d in zip(numbers, docs, strict=True)] if spelled else
        [(n, index_text(d.title), index_text(d.body)) for n, d in zip(numbers, docs, strict=True)],
    )


def remove_documents(conn: sqlite3.Connection, refs: Iterable[tuple[str, str]]) -> None:
    by_kind: dict[str, list[str]] = {}
    for kind, ref_id in refs:
        by_kind.setdefault(kind, []).append(ref_id)
    for kind, ref_ids in by_kind.items():
        for start in range(0, len(ref_ids), 500):
            chunk = ref_ids[start : start + 500]
            found = conn.execute(
                f"SELECT doc FROM search_docs WHERE kind = ? AND ref_id IN ({','.join('?' * len(chunk))})",
                (kind, *chunk),
            ).fetchall()
            if found:
                conn.executemany("DELETE FROM search_fts WHERE rowid = ?", found)
                conn.executemany("DELETE FROM search_docs WHERE doc = ?", found)


@dataclass(frozen=True)
class Hit:
    kind: str
    ref_id: str
    container_id: str | None
    at: str | None
    title: str
    snippet: str
    score: float


def search(conn: sqlite3.Connection, query: str, limit: int = 50, kinds: tuple[str, ...] = ()) -> list[Hit]:
    exact = match_expression(query, prefix=False)
    if exact is None:
        return []
    # Whole words first: a prefix query over a common word merges many terms' lists and costs several times
    # more. Only when whole words find too little do prefixes fill up the results.
    rows = _ranked(conn, exact)
    if len(rows) < limit:
        prefixed = match_expression(query, prefix=True)
        if prefixed and prefixed != exact:
            seen = {(r[0], r[1]) for r in rows}
            rows += [r for r in _ranked(conn, prefixed) if (r[0], r[1]) not in seen]
    if kinds:
        rows = [r for r in rows if r[0] in kinds]
    hits = []
    for kind, ref_id, container_id, at, score in rows[:limit]:
        title, body = _source_text(conn, kind, ref_id)
        hits.append(Hit(kind, ref_id, container_id, at, title, make_snippet(body or title, query), float(score)))
    return hits


def _ranked(conn: sqlite3.Connection, expression: str) -> list[tuple[str, str, str | None, str | None, float]]:
    try:
        return conn.execute(
            """
            SELECT d.kind, d.ref_id, d.container_id, d.at, w.score FROM (
                SELECT rowid AS doc, bm25(search_fts, 3.0, 1.0) AS score FROM search_fts
                WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?
            ) AS w JOIN search_docs AS d ON d.doc = w.doc
            ORDER BY w.score, w.doc DESC
            """,
            (expression, RANK_WINDOW),
        ).fetchall()
    except sqlite3.OperationalError:
        return []  # a query FTS5 cannot parse finds nothing rather than failing the search box


def _source_text(conn: sqlite3.Connection, kind: str, ref_id: str) -> tuple[str, str]:
    if kind == "message":
        row = conn.execute("SELECT '', body FROM messages WHERE id = ?", (ref_id,)).fetchone()
    elif kind == "task":
        row = conn.execute("SELECT title, description FROM tasks WHERE id = ?", (ref_id,)).fetchone()
    else:
        row = conn.execute(
            "SELECT a.title, COALESCE(r.body, '') FROM articles a LEFT JOIN article_revisions r"
            " ON r.id = a.head_revision_id WHERE a.id = ?",
            (ref_id,),
        ).fetchone()
    return (row[0], row[1]) if row else ("", "")


def make_snippet(text: str, query: str, width: int = 80) -> str:
    """A window of the original text around the first word of the query, on one line, with … at the cuts."""
    flat = " ".join(text.split())
    if len(flat) <= width:
        return flat
    lowered = flat.lower()
    positions = [lowered.find(token.lower()) for token in _QUERY_TOKEN.findall(query)]
    found = [p for p in positions if p >= 0]
    start = max(0, min(found) - width // 3) if found else 0
    end = min(len(flat), start + width)
    return ("…" if start else "") + flat[start:end] + ("…" if end < len(flat) else "")
