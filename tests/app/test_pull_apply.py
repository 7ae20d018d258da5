"""Applying pulled pages: the search index stays whole, and the clock moves past what the pages carry.

A big first sync indexes messages straight from the pulled data; these tests check that the index ends up
exactly as if every row had been indexed from the table (edits, deletes and repeats inside and across pages,
the first page into an empty index). The clock tests are the reason a device whose wall clock is behind still
wins a last-writer-wins race with an edit made after it saw the other one.
"""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.hlc import HybridClock, Timestamp
from app.services import Session, tasks
from app.store import PulledChange, Store, database, search
from tests.app import ME, WANG, Feed

WALL = 1_800_000_000_000  # this device's wall clock (fixed)
AHEAD = f"{WALL + 3_600_000:015d}-000007-other"  # a reading from a device an hour ahead


def message(seq: int, body: str, **extra: object) -> dict[str, object]:
    return Feed.message_data("c1", seq, WANG, body, **extra)


def page(store: Store, *changes: tuple[str, int, str, str, dict[str, object] | None]) -> None:
    """Apply (op, seq, kind, id, data) changes as one pulled page of scope conv:c1."""
    pulled = [PulledChange("conv:c1", seq, kind, eid, op, data) for op, seq, kind, eid, data in changes]
    store.apply_pull(pulled, {"conv:c1": max(c[1] for c in changes)}, [])


def index_contents(store: Store) -> list[tuple[str, str, str | None, str]]:
    rows = store.conn.execute(
        "SELECT d.kind, d.ref_id, d.container_id, f.body FROM search_docs d JOIN search_fts f ON f.rowid = d.doc"
        " ORDER BY d.kind, d.ref_id").fetchall()
    return [tuple(r) for r in rows]


def expected_index(store: Store) -> list[tuple[str, str, str | None, str]]:
    """The index as reading every live message back from its table would build it."""
    rows = store.conn.execute("SELECT id, conversation_id, body FROM messages WHERE deleted = 0 ORDER BY id")
    return [("message", r[0], r[1], search.index_text(r[2])) for r in rows]


# ------------------------------------------------------------------------------------------------ search


def test_first_page_into_an_empty_index_and_later_pages_index_every_message_once(store: Store) -> None:
    page(store, *[("upsert", n, "message", f"m-c1-{n}", message(n, f"第{n}条 审批 budget")) for n in range(1, 301)])
    page(store, *[("upsert", n, "message", f"m-c1-{n}", message(n, f"第{n}条 报销 review"))
                  for n in range(250, 401)])  # 51 repeats of rows already indexed, 100 new ones
    assert index_contents(store) == expected_index(store)
    assert len(search.search(store.conn, "报销", limit=500)) == 151
    assert len(search.search(store.conn, "审批", limit=500)) == 249


def test_edits_and_deletes_inside_and_across_pages_leave_no_stale_documents(store: Store) -> None:
    page(store, *[("upsert", n, "message", f"m-c1-{n}", message(n, f"original {n}")) for n in range(1, 6)])
    page(
        store,
        ("upsert", 6, "message", "m-c1-1", message(1, "edited once")),
        ("upsert", 7, "message", "m-c1-1", message(1, "edited twice 审批")),
        ("upsert", 8, "message", "m-c1-2", message(2, "", deleted=True)),
        ("delete", 9, "message", "m-c1-3", None),
        ("upsert", 10, "message", "m-c1-6", message(6, "new then deleted")),
        ("upsert", 11, "message", "m-c1-6", message(6, "", deleted=True)),
        ("upsert", 12, "message", "m-c1-7", message(7, "deleted then back")),
        ("delete", 13, "message", "m-c1-7", None),
        ("upsert", 14, "message", "m-c1-7", message(7, "back again")),
    )
    assert index_contents(store) == expected_index(store)
    assert [h.ref_id for h in search.search(store.conn, "审批")] == ["m-c1-1"]
    assert search.search(store.conn, "original 1") == []
    assert [h.ref_id for h in search.search(store.conn, "back again")] == ["m-c1-7"]


def _index_text_by_callback(text: str) -> str:
    """The spelling as first written (re.sub with a callback): the faster one must agree with it exactly."""
    return re.sub(f"[{search._CJK}]+", lambda m: search.spell_cjk(m.group(0)), text) if text else ""


@given(st.text(alphabet=st.sampled_from("ab 1,。审批报销流程カナ한글\u3400\n\t-_é")))
def test_index_text_spells_exactly_as_before(text: str) -> None:
    assert search.index_text(text) == _index_text_by_callback(text)


# ------------------------------------------------------------------------------------------------- clock


def last_hlc(store: Store) -> str | None:
    return store.state("last_hlc")


def test_the_newest_reading_in_a_page_is_kept_and_never_lowered(store: Store) -> None:
    feed = Feed(store)
    feed.org()
    page(store, ("upsert", 1, "message", "m-c1-1", message(1, "hi", created_hlc=AHEAD)),
         ("upsert", 2, "message", "m-c1-2", message(2, "older")))
    assert last_hlc(store) == AHEAD
    page(store, ("upsert", 3, "message", "m-c1-3", message(3, "older still")))
    assert last_hlc(store) == AHEAD
    # A task carries one reading per field; sets (likes, favorites) and task history one each.
    later = f"{WALL + 7_200_000:015d}-000000-x"
    feed.space("s1", "Space")
    store.apply_pull([PulledChange("space:s1", 99, "task", "t1", "upsert", {
        **_task("t1"), "clocks": {"title": later, "status": "garbage-is-ignored"}})], {}, [])
    assert last_hlc(store) == later
    latest = f"{WALL + 9_000_000:015d}-000001-y"
    store.apply_pull([PulledChange("kb", 1, "article_like", "a1:u", "upsert",
                                   {"article_id": "a1", "user_id": WANG, "present": True, "hlc": latest})], {}, [])
    assert last_hlc(store) == latest


def _task(tid: str) -> dict[str, object]:
    return {"id": tid, "space_id": "s1", "title": "Task", "description": "", "owner_id": None, "due": None,
            "status": "todo", "progress": 0, "depends_on": [], "created_by": WANG, "created_at": None,
            "updated_at": None, "deleted": False}


@pytest.mark.parametrize("garbage", ["x", "999999999999999-999999-evil\n", "９９９999999999999-000000-wide",
                                     "999999999999999-1-short"])
def test_something_that_is_not_a_reading_never_moves_the_clock(store: Store, garbage: str) -> None:
    page(store, ("upsert", 1, "message", "m-c1-1", message(1, "a", created_hlc=garbage)),
         ("upsert", 2, "message", "m-c1-2", message(2, "b", created_hlc=AHEAD)))
    assert last_hlc(store) == AHEAD
    page(store, ("upsert", 3, "message", "m-c1-3", message(3, "c", created_hlc=garbage)))
    assert last_hlc(store) == AHEAD


def test_an_edit_after_a_pull_is_stamped_after_what_was_pulled_even_with_the_wall_clock_behind(
    store: Store,
) -> None:
    feed = Feed(store)
    feed.org()
    feed.space("s1", "Space", members=(ME, WANG))
    feed.task("s1", "t1", "Task")
    me = Session(store, ME, HybridClock("c-me", lambda: WALL))
    assert tasks.update_task(me, "t1", {"status": "in_progress"})
    mine = store.pending()[-1].hlc
    # Another device, an hour ahead of this one, renamed the task; this device pulls that.
    store.apply_pull([PulledChange("space:s1", 50, "task", "t1", "upsert", {
        **_task("t1"), "title": "Their title", "status": "in_progress",
        "clocks": {"title": AHEAD, "status": mine}})], {"space:s1": 50}, [])
    assert last_hlc(store) == AHEAD
    assert tasks.update_task(me, "t1", {"title": "My title"})
    stamped = store.pending()[-1].hlc
    assert Timestamp.parse(stamped) > Timestamp.parse(AHEAD) and stamped > AHEAD
    assert Timestamp.parse(stamped).node == "c-me"
    # The local effect applies the same rule as the server: the later clock wins, so the new title shows.
    assert store.conn.execute("SELECT title FROM tasks WHERE id = 't1'").fetchone()[0] == "My title"
    assert last_hlc(store) == stamped


def test_a_new_session_on_the_profile_continues_after_the_pulled_reading(store: Store) -> None:
    far = f"{4_000_000_000_000:015d}-000003-other"  # 2096: ahead of any wall clock running this test
    page(store, ("upsert", 1, "message", "m-c1-1", message(1, "hi", created_hlc=far)))
    later = Session.open(store, ME, "c-me")  # e.g. the next `atrium task set` process
    assert later.clock.now() > far


# ------------------------------------------------------------------------------------------ many-row writes


@pytest.mark.parametrize("variables", [32766, 7])  # one statement; statements of two rows (and a last of one)
def test_insert_many_writes_what_executemany_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, variables: int
) -> None:
    monkeypatch.setattr(database, "_MAX_VARIABLES", variables)
    sql = "INSERT INTO t (k, v, n) VALUES (?, ?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v, n = t.n + 1"
    batch = [("a", "1", 0), ("b", None, 0), ("a", "2", 0), ("c", "审批", 0), ("a", "3", 0)]  # repeats in order
    results = []
    for write in (lambda c: c.executemany(sql, batch), lambda c: database.insert_many(c, sql, batch)):
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE t (k TEXT PRIMARY KEY, v TEXT, n INTEGER)")
        write(conn)
        results.append(conn.execute("SELECT * FROM t ORDER BY k").fetchall())
    assert results[0] == results[1] == [("a", "3", 2), ("b", None, 0), ("c", "审批", 0)]


def test_insert_many_refuses_a_statement_it_cannot_spread() -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises(ValueError):
        database.insert_many(conn, "UPDATE t SET v = ?", [("x",)])
    with pytest.raises(ValueError):
        database.insert_many(conn, "INSERT INTO t (k, v) VALUES (?, ?)", [("only one",)])
    database.insert_many(conn, "INSERT INTO t (k) VALUES (?)", [])  # nothing to write: no statement at all
