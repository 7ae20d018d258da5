"""The read queries: conversation list with unread counts, keyset history paging, tasks, articles, outbox."""

from __future__ import annotations

import time
from datetime import date

import pytest

from app.hlc import HybridClock
from app.services import Session, chats
from app.store import Store, reads
from tests.app import LI, ME, WANG, ZHAO, Feed

TODAY = date(2026, 11, 10)


@pytest.fixture
def feed(store: Store) -> Feed:
    f = Feed(store)
    f.org()
    return f


def session_for(store: Store) -> Session:
    return Session(store, ME, HybridClock("c-me", lambda: 1_800_000_000_000), today=lambda: TODAY)


# ---------------------------------------------------------------------------------------------- people


def test_people_lookup_and_names(store: Store, feed: Feed) -> None:
    feed.person("u-gone", "gone", "离职", active=False)
    assert [p.username for p in reads.people(store.conn)] == ["lilei", "me", "wangfang", "zhao"]
    assert len(reads.people(store.conn, include_inactive=True)) == 5
    wang = reads.find_person(store.conn, "@WangFang")
    assert wang is not None and wang.id == WANG
    assert reads.find_person(store.conn, WANG) == wang
    assert reads.find_person(store.conn, "nobody") is None
    assert wang.name() == "王芳" and wang.name("en") == "Wang Fang"
    feed.person("u-x", "x", "小明", "")
    assert reads.display_name(reads.person(store.conn, "u-x"), "en") == "小明"  # no English name: the Chinese one
    assert reads.display_name(None, fallback="u-?") == "u-?"


# --------------------------------------------------------------------------------------- conversations


def test_conversation_list_titles_unread_and_order(store: Store, feed: Feed) -> None:
    feed.conversation("g1", "group", "项目组", (ME, WANG, LI), created_at="2026-11-01T00:00:00.000+00:00")
    feed.conversation("dm-x", "direct", "", (ME, WANG))
    feed.conversation("empty", "group", "空群", (ME, LI), created_at="2026-11-01T00:00:00.000+00:00")
    feed.messages("g1", [(1, WANG, "早"), (2, ME, "早上好"), (3, LI, "开会"), (4, WANG, "好的"), (5, ME, "收到")])
    feed.messages("dm-x", [(1, WANG, "在吗")])
    feed.read_marker("g1", ME, 2)

    found = {c.id: c for c in reads.conversations(store.conn, ME)}
    assert found["dm-x"].title == "王芳" and found["dm-x"].peer_id == WANG
    assert found["g1"].title == "项目组"
    # seq 3 and 4 are others' messages after my marker; seq 5 is mine.
    assert found["g1"].unread == 2 and not found["g1"].unread_more
    assert found["dm-x"].unread == 1
    assert found["empty"].last_message is None and found["empty"].unread == 0
    last = found["g1"].last_message
    assert last is not None and last.preview == "收到" and last.author_name == "我" and last.state == "sent"
    # The newest activity first: dm-x's message at 10:01 vs g1's at 10:05; the empty group by creation time.
    assert [c.id for c in reads.conversations(store.conn, ME)] == ["g1", "dm-x", "empty"]
    assert [c.title for c in reads.conversations(store.conn, ME, language="en")][1] == "Wang Fang"
    # Someone else sees only their own conversations.
    assert [c.id for c in reads.conversations(store.conn, LI)] == ["g1", "empty"]


def test_pending_message_counts_as_activity_not_unread(store: Store, feed: Feed) -> None:
    feed.conversation("a", "group", "A", created_at="2026-11-01T00:00:00.000+00:00")
    feed.conversation("b", "group", "B", created_at="2026-11-01T00:00:00.000+00:00")
    feed.messages("b", [(1, WANG, "hi")])
    session = session_for(store)  # the clock is at 2027: newer than b's message
    chats.send(session, "a", "我先说")
    convs = reads.conversations(store.conn, ME)
    assert convs[0].id == "a" and convs[0].has_pending and not convs[0].has_rejected
    assert convs[0].unread == 0
    assert convs[0].last_message is not None and convs[0].last_message.state == "pending"


def test_unread_count_is_capped(store: Store, feed: Feed) -> None:
    feed.conversation("big", "group", "Big")
    feed.messages("big", [(seq, WANG, f"m{seq}") for seq in range(1, 1101)])
    (conv,) = reads.conversations(store.conn, ME)
    assert conv.unread == reads.UNREAD_CAP and conv.unread_more


# --------------------------------------------------------------------------------------------- history


def test_history_pages_have_no_gaps_or_duplicates(store: Store, feed: Feed) -> None:
    feed.conversation("c", "group", "C")
    feed.messages("c", [(seq, WANG if seq % 2 else ME, f"消息 {seq}") for seq in range(1, 238)])
    seen: list[int] = []
    before: int | None = None
    while True:
        page = reads.history(store.conn, "c", before, 50)
        if not page:
            break
        seqs = [m.seq for m in page if m.seq is not None]
        assert seqs == sorted(seqs, reverse=True)
        seen += seqs
        before = min(seqs)
    assert seen == list(range(237, 0, -1))


def test_latest_page_ends_with_pending_and_rejected(store: Store, feed: Feed) -> None:
    feed.conversation("c", "group", "C")
    feed.messages("c", [(1, WANG, "one"), (2, WANG, "two")])
    session = session_for(store)
    first = chats.send(session, "c", "mine 1")
    second = chats.send(session, "c", "mine 2")
    mutation = store.pending()[0].mutation_id
    store.resolve([(mutation, "rejected", "forbidden", "you are not a member of this conversation")])

    page = reads.history(store.conn, "c", None, 10, user_id=ME)
    assert [m.seq for m in page] == [2, 1, None, None]
    assert [(m.id, m.state) for m in page[2:]] == [(first, "rejected"), (second, "pending")]
    assert page[2].reason == "you are not a member of this conversation"
    assert page[0].state == "sent" and page[0].author_name == "王芳"
    # Older pages never repeat the local messages.
    assert reads.history(store.conn, "c", 2, 10)[0].seq == 1


def test_history_reactions_and_mentions(store: Store, feed: Feed) -> None:
    feed.conversation("c", "group", "C", (ME, WANG, LI))
    feed.many(
        [("conv:c", "message", "m-c-1", Feed.message_data("c", 1, WANG, "@me hi", mentions=[ME], important=True))]
    )
    feed.reaction("c", "m-c-1", ME, "👍")
    feed.reaction("c", "m-c-1", LI, "👍")
    feed.reaction("c", "m-c-1", LI, "🎉")
    (view,) = reads.history(store.conn, "c", None, 10, user_id=ME)
    assert view.mentions == (ME,) and view.important
    assert {(r.emoji, r.count, r.mine) for r in view.reactions} == {("👍", 2, True), ("🎉", 1, False)}


def test_readers_of_a_message(store: Store, feed: Feed) -> None:
    feed.conversation("c", "group", "C", (ME, WANG, LI, ZHAO))
    feed.messages("c", [(1, ME, "重要通知"), (2, WANG, "收到")])
    feed.read_marker("c", WANG, 2)
    feed.read_marker("c", LI, 1)
    feed.read_marker("c", ZHAO, 0)
    result = reads.readers(store.conn, "m-c-1")
    assert [p.id for p in result.read] == [LI, WANG]
    assert [p.id for p in result.unread] == [ZHAO]
    assert ME not in [p.id for p in result.read + result.unread]


@pytest.mark.slow
def test_latest_page_of_200k_messages_is_fast(store: Store, feed: Feed) -> None:
    feed.conversation("huge", "group", "Huge")
    rows = ((f"m{i:07d}", "huge", i, WANG if i % 3 else ME, f"body {i}", f"{1793000000000 + i:015d}-000000-c1")
            for i in range(1, 200_001))
    with store.transaction() as conn:
        conn.executemany(
            "INSERT INTO messages (id, conversation_id, seq, author_id, body, created_hlc, sent_at, _scope)"
            " VALUES (?, ?, ?, ?, ?, ?, '2026-11-02T10:00:00.000+00:00', 'conv:huge')", rows)
    reads.history(store.conn, "huge", None, 50)  # warm the page cache, as an open window would have
    started = time.perf_counter()
    page = reads.history(store.conn, "huge", None, 50, user_id=ME)
    elapsed = time.perf_counter() - started
    assert page[0].seq == 200_000 and len(page) == 50
    # The target is 20 ms (measured ~2 ms here); the bound leaves room for a loaded CI machine, and the plan
    # check below is what really keeps it fast.
    assert elapsed < 0.05
    started = time.perf_counter()
    (conv,) = reads.conversations(store.conn, ME)
    assert conv.unread_more and time.perf_counter() - started < 0.05
    plan = " ".join(r[3] for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT * FROM messages WHERE conversation_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?",
        ("huge", 1000, 50)))
    assert "ix_messages_conv_seq" in plan and "TEMP B-TREE" not in plan


# ----------------------------------------------------------------------------------------------- tasks


def test_board_my_tasks_overdue_and_blocked(store: Store, feed: Feed) -> None:
    feed.space("s", "发布计划", (ME, WANG))
    feed.task("s", "t1", "设计", owner=WANG, status="done", progress=100)
    feed.task("s", "t2", "开发", owner=ME, due="2026-11-09", status="in_progress", depends_on=("t1", "t3"))
    feed.task("s", "t3", "评审", owner=ME, due="2026-11-10")
    feed.task("s", "t4", "上线", owner=ME, due="2026-11-01", status="done", depends_on=("t2",))
    feed.task("s", "t5", "旧任务", owner=ME, deleted=True)
    feed.task("s", "t6", "测试", owner=ME, depends_on=("t5",))

    board = reads.board(store.conn, "s", TODAY)
    assert list(board) == ["todo", "in_progress", "in_review", "done"]
    assert [t.id for t in board["todo"]] == ["t3", "t6"]
    assert [t.id for t in board["done"]] == ["t4", "t1"]  # dated before undated

    mine = reads.my_tasks(store.conn, ME, TODAY)
    assert [t.id for t in mine] == ["t2", "t3", "t6", "t4"]  # open by due date, undated after, done last
    by_id = {t.id: t for t in mine}
    assert by_id["t2"].overdue and not by_id["t3"].overdue and not by_id["t4"].overdue  # due today is not late
    assert [b.id for b in by_id["t2"].blocked_by] == ["t3"]  # t1 is done
    assert by_id["t6"].blocked_by == ()  # a deleted dependency blocks nothing
    assert by_id["t2"].owner_name == "我" and by_id["t2"].due == date(2026, 11, 9)
    assert [s.id for s in reads.spaces(store.conn, ME)] == ["s"]
    assert reads.spaces(store.conn, LI) == []


def test_task_detail_with_history(store: Store, feed: Feed) -> None:
    feed.space("s", "S")
    feed.task("s", "t1", "任务", owner=ME)
    feed.task_history("s", "h2", "t1", "status", "todo", "done", "applied", "001793000000002-000000-x")
    feed.task_history("s", "h1", "t1", "*", None, {"title": "任务"}, "created", "001793000000001-000000-x")
    detail = reads.task(store.conn, "t1", TODAY)
    assert detail is not None and detail.task.title == "任务"
    assert [(h.field, h.outcome, h.new_value) for h in detail.history] == [
        ("*", "created", {"title": "任务"}),
        ("status", "applied", "done"),
    ]
    assert detail.history[0].actor_name == "王芳"
    assert reads.task(store.conn, "nope", TODAY) is None


# -------------------------------------------------------------------------------------------- articles


def test_articles_filters_likes_favorites_and_conflicts(store: Store, feed: Feed) -> None:
    feed.article("a1", "报销流程", "第一版", status="published", category="制度", tags=("财务", "流程"), like_count=7)
    feed.article("a2", "入职指南", "欢迎", status="published", category="培训")
    feed.article("a3", "草稿", "未完成")
    feed.many(
        [
            ("kb", "article_like", f"a1:{WANG}", {"article_id": "a1", "user_id": WANG, "present": True, "hlc": "h"}),
            ("kb", "article_like", f"a1:{ME}", {"article_id": "a1", "user_id": ME, "present": True, "hlc": "h"}),
            ("kb", "article_like", f"a1:{LI}", {"article_id": "a1", "user_id": LI, "present": False, "hlc": "h"}),
            (f"user:{ME}", "favorite", f"a2:{ME}", {"article_id": "a2", "user_id": ME, "present": True, "hlc": "h"}),
        ]
    )
    assert {a.id for a in reads.articles(store.conn, ME)} == {"a1", "a2", "a3"}
    assert [a.id for a in reads.articles(store.conn, ME, category="制度")] == ["a1"]
    assert [a.id for a in reads.articles(store.conn, ME, tag="流程")] == ["a1"]
    assert [a.id for a in reads.articles(store.conn, ME, status="draft")] == ["a3"]
    (a1,) = reads.articles(store.conn, ME, tag="财务")
    assert a1.like_count == 2 and a1.liked and not a1.favorite  # counted from rows, not the server's 7
    assert [a.id for a in reads.favorites(store.conn, ME)] == ["a2"]
    assert reads.categories(store.conn) == sorted(["培训", "制度"])

    # Two overlapping edits: the server kept the head (r2) and stored the other (r3) aside as a conflict.
    feed.many(
        [
            (
                "kb",
                "article_revision",
                "a1-r2",
                Feed.revision_data("a1", "a1-r2", "报销流程", "他们的", WANG, parent="a1-r1", base="a1-r1"),
            ),
            (
                "kb",
                "article_revision",
                "a1-r3",
                Feed.revision_data("a1", "a1-r3", "报销流程", "我的", ME, "conflict", parent="a1-r2", base="a1-r1"),
            ),
            (
                "kb",
                "article_conflict",
                "k1",
                {
                    "id": "k1",
                    "article_id": "a1",
                    "base_revision_id": "a1-r1",
                    "theirs_revision_id": "a1-r2",
                    "mine_revision_id": "a1-r3",
                    "author_id": ME,
                    "created_at": "2026-11-03",
                    "resolved_by_revision_id": None,
                },
            ),
        ]
    )
    store.conn.execute("UPDATE articles SET head_revision_id = 'a1-r2' WHERE id = 'a1'")
    detail = reads.article(store.conn, "a1", ME)
    assert detail is not None and detail.body == "他们的" and detail.article.open_conflicts == 1
    (conflict,) = detail.conflicts
    assert (conflict.base_body, conflict.theirs_body, conflict.mine_body) == ("第一版", "他们的", "我的")
    assert {r.id for r in detail.revisions} == {"a1-r1", "a1-r2", "a1-r3"}
    assert reads.conflict(store.conn, "k1") == conflict


# ---------------------------------------------------------------------------------------------- outbox


def test_outbox_view_counts_by_kind_and_lists_rejections(store: Store, feed: Feed) -> None:
    feed.conversation("c", "group", "C")
    session = session_for(store)
    chats.send(session, "c", "one")
    chats.send(session, "c", "two")
    chats.rename(session, "c", "新名字")
    first = store.pending()[0].mutation_id
    store.resolve([(first, "rejected", "forbidden", "not allowed")])
    view = reads.outbox(store.conn)
    assert view.pending == {"conversation": 1, "message": 1} and view.pending_total == 2
    (rejected,) = view.rejected
    assert rejected.kind == "message" and rejected.reason == "not allowed" and rejected.summary.startswith("Message")
