"""The use cases: each queues exactly one well-formed mutation, shows its effect at once, or refuses clearly."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app import limits
from app.hlc import HybridClock
from app.ids import direct_conversation_id
from app.services import ActionRefused, Session, chats, knowledge, search, tasks
from app.store import OutboxEntry, Store, reads
from sync import protocol
from tests.app import LI, ME, WANG, ZHAO, Feed

TODAY = date(2026, 11, 10)


@pytest.fixture
def feed(store: Store) -> Feed:
    f = Feed(store)
    f.org()
    return f


def make_session(store: Store, user_id: str = ME) -> Session:
    return Session(store, user_id, HybridClock(f"c-{user_id}"), today=lambda: TODAY)


@pytest.fixture
def me(store: Store, feed: Feed) -> Session:
    return make_session(store)


def queued(store: Store, action: Callable[[], Any]) -> tuple[Any, OutboxEntry]:
    """Run an action; it must queue exactly one mutation whose args the server's models accept."""
    before = {e.mutation_id for e in store.pending()}
    result = action()
    new = [e for e in store.pending() if e.mutation_id not in before]
    assert len(new) == 1, f"expected one queued mutation, got {[e.name for e in new]}"
    entry = new[0]
    protocol.MUTATION_ARGS[entry.name].model_validate(entry.args)
    if entry.name == "task.update":
        protocol.TaskFields.model_validate(entry.args["fields"])
    assert entry.summary
    return result, entry


def refused(store: Store, action: Callable[[], Any], *words: str) -> str:
    """Run an action that must be refused with a message naming `words`, queueing nothing."""
    before = store.outbox_counts()
    with pytest.raises(ActionRefused) as info:
        action()
    assert store.outbox_counts() == before
    for word in words:
        assert word in info.value.message
    return info.value.message


def test_limits_mirror_the_protocol() -> None:
    for name in ("MAX_MESSAGE_BYTES", "MAX_ARTICLE_BYTES", "MAX_TITLE_CHARS", "URGENT_DAILY_QUOTA",
                 "URGENT_WINDOW_HOURS", "MAX_URGENT_REASON_CHARS", "MAX_PREFERENCE_BYTES"):
        assert getattr(limits, name) == getattr(protocol, name)
    assert tuple(s.value for s in protocol.TaskStatus) == limits.TASK_STATUSES
    assert tuple(s.value for s in protocol.ArticleStatus) == limits.ARTICLE_STATUSES
    assert tuple(k.value for k in protocol.ConversationKind) == limits.CONVERSATION_KINDS
    assert limits.TASK_FIELDS == protocol.TASK_FIELDS
    fields = protocol.CreateArticle.model_fields
    assert fields["category"].metadata[0].max_length == limits.MAX_CATEGORY_CHARS
    assert protocol.SetReaction.model_fields["emoji"].metadata[0].max_length == limits.MAX_EMOJI_CHARS
    assert protocol.ReviewArticle.model_fields["comment"].metadata[0].max_length == limits.MAX_REVIEW_COMMENT_CHARS
    assert set(protocol.MUTATION_ARGS) == {
        "conversation.create_direct", "conversation.create_group", "conversation.rename",
        "conversation.add_member", "conversation.remove_member", "message.send", "message.edit", "message.delete",
        "message.react", "read.mark", "space.create", "space.add_member", "space.remove_member", "task.create",
        "task.update", "task.delete", "article.create", "article.edit", "article.submit", "article.review",
        "article.favorite", "article.like", "message.acknowledge", "preference.set"}


def test_session_open_makes_a_valid_clock_node(store: Store) -> None:
    session = Session.open(store, ME, "张三's laptop")
    protocol.Timestamp.parse(session.clock.now())


# ----------------------------------------------------------------------------------------------- chats


def test_open_direct_is_idempotent_locally(store: Store, me: Session) -> None:
    cid, entry = queued(store, lambda: chats.open_direct(me, "@wangfang"))
    assert cid == direct_conversation_id(ME, WANG) and entry.args == {"peer_id": WANG}
    assert entry.scope == f"conv:{cid}" and "王芳" in entry.summary
    assert chats.open_direct(me, WANG) == cid
    assert store.outbox_counts()["pending"] == 1
    (conv,) = reads.conversations(store.conn, ME)
    assert conv.title == "王芳" and conv.state == "pending"
    refused(store, lambda: chats.open_direct(me, "nobody"), "nobody")
    refused(store, lambda: chats.open_direct(me, "me"), "another person")


def test_group_lifecycle(store: Store, feed: Feed, me: Session) -> None:
    cid, entry = queued(store, lambda: chats.create_group(me, "  项目 组 ", ["wangfang", "me", WANG]))
    assert entry.args["title"] == "项目 组" and entry.args["member_ids"] == [WANG]
    info = reads.conversation(store.conn, cid, ME)
    assert info is not None and set(info.member_ids) == {ME, WANG}
    queued(store, lambda: chats.rename(me, cid, "发布组"))
    assert reads.conversation_title(store.conn, cid, ME) == "发布组"
    queued(store, lambda: chats.add_member(me, cid, "lilei"))
    refused(store, lambda: chats.add_member(me, cid, "lilei"), "already")
    queued(store, lambda: chats.remove_member(me, cid, "lilei"))
    refused(store, lambda: chats.remove_member(me, cid, "zhao"), "is not in")
    refused(store, lambda: chats.create_group(me, "   ", []), "empty")
    refused(store, lambda: chats.create_group(me, "x" * 301, []), "301", "300")
    refused(store, lambda: chats.create_group(me, "组", ["ghost"]), "ghost")
    feed.conversation("dm-1", "direct", "", (ME, WANG))
    refused(store, lambda: chats.rename(me, "dm-1", "x"), "direct")


def test_send_shows_pending_message_at_once(store: Store, feed: Feed, me: Session) -> None:
    feed.conversation("c", "group", "项目组", (ME, WANG, LI))
    feed.messages("c", [(1, WANG, "请看一下")])
    mid, entry = queued(store, lambda: chats.send(me, "c", "好的 @wangfang 和 @lilei, 还有 @zhao 和 a@b.com",
                                                  reply_to="m-c-1", important=True))
    assert entry.args["mentions"] == [WANG, LI]  # zhao is not a member; an e-mail address is not a mention
    assert entry.args["reply_to"] == "m-c-1" and entry.args["important"] is True and entry.args["id"] == mid
    assert entry.summary.startswith("Message to 项目组: 好的")
    page = reads.history(store.conn, "c", None, 20, user_id=ME)
    assert [(m.id, m.state) for m in page] == [("m-c-1", "sent"), (mid, "pending")]
    assert page[1].reply_to == "m-c-1" and page[1].mentions == (WANG, LI)


def test_mentions_are_exactly_the_names_the_message_highlights(store: Store, feed: Feed, me: Session) -> None:
    # One parser (app.markup) decides both: an @name in code, a fenced block or a link's address is neither.
    feed.conversation("c", "group", "项目组", (ME, WANG, LI))
    body = ("`@lilei` [my post](https://medium.com/@wangfang/post) https://medium.com/@lilei\n"
            "```\n@lilei\n```\n请@wangfang看一下，cc @LiLei.")
    _, entry = queued(store, lambda: chats.send(me, "c", body))
    assert entry.args["mentions"] == [WANG, LI]
    # By Chinese name too, when the name ends (a space or punctuation); someone outside the chat is nobody here.
    _, entry = queued(store, lambda: chats.send(me, "c", "@李雷，@王芳 @赵六 请看"))
    assert entry.args["mentions"] == [LI, WANG]
    _, entry = queued(store, lambda: chats.send(me, "c", "@李雷请看"))
    assert entry.args["mentions"] == []
    _, entry = queued(store, lambda: chats.send(me, "c", "`@wangfang` ```x``` https://medium.com/@lilei"))
    assert entry.args["mentions"] == []


def test_send_refusals(store: Store, feed: Feed, me: Session) -> None:
    feed.conversation("c", "group", "C", (ME, WANG))
    feed.conversation("other", "group", "Other", (WANG, LI))
    feed.messages("other", [(1, WANG, "x")])
    refused(store, lambda: chats.send(me, "c", "  \n "), "empty")
    message = refused(store, lambda: chats.send(me, "c", "字" * 90_000), "264 KB", "256 KB")
    assert message == "The message is 264 KB; a message can be at most 256 KB."
    chats.send(me, "c", "a" * limits.MAX_MESSAGE_BYTES)  # exactly at the limit is fine
    refused(store, lambda: chats.send(me, "other", "hi"), "not a member")
    refused(store, lambda: chats.send(me, "nope", "hi"), "does not exist")
    refused(store, lambda: chats.send(me, "c", "hi", reply_to="m-other-1"), "not in this conversation")


def test_edit_delete_react_and_mark_read(store: Store, feed: Feed, me: Session) -> None:
    feed.conversation("c", "group", "C", (ME, WANG))
    feed.many([("conv:c", "message", "m-c-1", Feed.message_data("c", 1, ME, "原文")),
               ("conv:c", "message", "m-c-2", Feed.message_data("c", 2, WANG, "别人的"))])
    queued(store, lambda: chats.edit_message(me, "m-c-1", "改过"))
    view = reads.message(store.conn, "m-c-1")
    assert view is not None and view.body == "改过" and view.edited_at is not None
    chats.edit_message(me, "m-c-1", "改过")  # unchanged: nothing more queued
    assert store.outbox_counts()["pending"] == 1
    refused(store, lambda: chats.edit_message(me, "m-c-2", "x"), "Only the author")
    refused(store, lambda: chats.delete_message(me, "m-c-2"), "Only the author")

    queued(store, lambda: chats.react(me, "m-c-2", "👍"))
    view = reads.message(store.conn, "m-c-2", user_id=ME)
    assert view is not None and [(r.emoji, r.count, r.mine) for r in view.reactions] == [("👍", 1, True)]
    _, entry = queued(store, lambda: chats.unreact(me, "m-c-2", "👍"))
    assert entry.args == {"message_id": "m-c-2", "emoji": "👍", "present": False}
    assert reads.message(store.conn, "m-c-2", user_id=ME).reactions == ()  # type: ignore[union-attr]
    refused(store, lambda: chats.react(me, "m-c-2", " "), "empty")

    queued(store, lambda: chats.delete_message(me, "m-c-1"))
    view = reads.message(store.conn, "m-c-1")
    assert view is not None and view.deleted and view.body == ""
    refused(store, lambda: chats.delete_message(me, "m-c-1"), "deleted")

    _, entry = queued(store, lambda: chats.mark_read(me, "c"))
    assert entry.args == {"conversation_id": "c", "seq": 2}
    assert reads.read_seq(store.conn, "c", ME) == 2
    assert chats.mark_read(me, "c", 1) is False  # markers only move forward
    assert chats.mark_read(me, "c") is False


# ----------------------------------------------------------------------------------------------- tasks


def test_space_and_task_creation(store: Store, feed: Feed, me: Session) -> None:
    sid, entry = queued(store, lambda: tasks.create_space(me, "发布计划", members=["wangfang"]))
    assert entry.args["member_ids"] == [WANG] and entry.scope == f"space:{sid}"
    assert [s.id for s in reads.spaces(store.conn, ME)] == [sid]
    first, _ = queued(store, lambda: tasks.add_task(me, sid, "设计"))
    tid, entry = queued(store, lambda: tasks.add_task(
        me, sid, "开发", owner="wangfang", due="2026-11-20", status="in-progress", progress="30",
        depends_on=first))
    assert entry.args["owner_id"] == WANG and entry.args["due"] == "2026-11-20"
    assert entry.args["status"] == "in_progress" and entry.args["progress"] == 30
    assert entry.args["depends_on"] == [first]
    view = reads.task_row(store.conn, tid, TODAY)
    assert view is not None and view.state == "pending" and [b.id for b in view.blocked_by] == [first]
    refused(store, lambda: tasks.add_task(me, sid, "x", owner="zhao"), "not a member")
    refused(store, lambda: tasks.add_task(me, sid, "x", due="2026-13-01"), "2026-13-01", "YYYY-MM-DD")
    refused(store, lambda: tasks.add_task(me, sid, "x", progress=101), "0 to 100")
    refused(store, lambda: tasks.add_task(me, sid, "x", depends_on=["ghost"]), "ghost")
    refused(store, lambda: tasks.add_task(me, sid, ""), "empty")


def test_update_task_from_cli_assignments(store: Store, feed: Feed, me: Session) -> None:
    feed.space("s", "S", (ME, WANG))
    feed.task("s", "t1", "设计", owner=WANG, due="2026-11-01")
    feed.task("s", "t2", "开发", depends_on=("t1",))
    changes = tasks.parse_assignments(["status=in-progress", "owner=me", "due=none", "progress=50",
                                       "title= 新标题 ", "depends_on="])
    _, entry = queued(store, lambda: tasks.update_task(me, "t1", changes))
    assert entry.args == {"id": "t1", "fields": {"status": "in_progress", "owner_id": ME, "due": None,
                                                 "progress": 50, "title": "新标题"}}
    view = reads.task_row(store.conn, "t1", TODAY)
    assert view is not None and (view.status, view.owner_id, view.due, view.progress) == ("in_progress", ME, None, 50)
    assert tasks.update_task(me, "t1", {"status": "in_progress"}) is False  # already so: nothing queued

    refused(store, lambda: tasks.update_task(me, "t1", {"colour": "red"}), "no field “colour”")
    refused(store, lambda: tasks.update_task(me, "t1", {"progress": "-1"}), "0 to 100")
    refused(store, lambda: tasks.update_task(me, "t1", {"progress": "half"}), "whole number")
    refused(store, lambda: tasks.update_task(me, "t1", {"due": "tomorrow"}), "tomorrow", "YYYY-MM-DD")
    refused(store, lambda: tasks.update_task(me, "t1", {"status": "blocked"}), "blocked", "todo")
    refused(store, lambda: tasks.update_task(me, "t1", {"depends_on": "t1"}), "itself")
    refused(store, lambda: tasks.update_task(me, "t1", {"depends_on": "t2"}), "wait for each other")
    refused(store, lambda: tasks.update_task(me, "t1", {}), "at least one field")
    refused(store, lambda: tasks.update_task(me, "nope", {"title": "x"}), "nope")
    with pytest.raises(ActionRefused, match="FIELD=VALUE"):
        tasks.parse_assignments(["status"])
    _, entry = queued(store, lambda: tasks.update_task(me, "t1", {"due": date(2026, 12, 1), "depends_on": []}))
    assert entry.args["fields"] == {"due": "2026-12-01"}  # depends_on was already empty


def test_delete_task_permissions(store: Store, feed: Feed, me: Session) -> None:
    feed.space("s", "S", (ME, WANG, ZHAO), created_by=WANG)
    feed.task("s", "mine", "我的", created_by=ME)
    feed.task("s", "theirs", "别人的", created_by=WANG)
    queued(store, lambda: tasks.delete_task(me, "mine"))
    assert [t.id for t in reads.tasks(store.conn, "s", TODAY)] == ["theirs"]
    refused(store, lambda: tasks.delete_task(me, "mine"), "deleted")
    refused(store, lambda: tasks.delete_task(make_session(store, ZHAO), "theirs"), "Only the task's creator")
    queued(store, lambda: tasks.delete_task(make_session(store, WANG), "theirs"))


def test_export_csv_for_excel(store: Store, feed: Feed, me: Session, tmp_path: Path) -> None:
    feed.space("s", "发布计划", (ME, WANG))
    feed.task("s", "t1", "设计", owner=WANG, status="done", progress=100, due="2026-11-01")
    feed.task("s", "t2", "=开发", owner=ME, status="in_progress", progress=40, due="2026-11-05", depends_on=("t3",))
    feed.task("s", "t3", "评审", owner=None)
    path = tmp_path / "progress.csv"
    assert tasks.export_csv(me, "s", path) == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # the BOM that makes Excel read UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert table == [
        ["标题", "负责人", "状态", "进度 (%)", "截止日期", "逾期", "被阻塞于"],
        ["评审", "", "待办", "0", "", "", ""],
        ["'=开发", "我", "进行中", "40", "2026-11-05", "是", "评审"],
        ["设计", "王芳", "已完成", "100", "2026-11-01", "", ""],
    ]
    me.language = "en"
    out = io.StringIO()
    tasks.export_csv(me, "s", out)
    assert out.getvalue().splitlines()[0] == "Title,Owner,Status,Progress (%),Due,Overdue,Blocked by"
    assert "'=开发,Me,In progress,40,2026-11-05,yes,评审" in out.getvalue()


# ---------------------------------------------------------------------------------------------- articles


def test_article_write_submit_review(store: Store, feed: Feed, me: Session) -> None:
    aid, entry = queued(store, lambda: knowledge.create_article(me, "报销流程", "第一版", category="制度",
                                                                tags="财务, 流程,财务"))
    assert entry.args["tags"] == ["财务", "流程"] and entry.scope == f"drafts:{ME}"
    detail = reads.article(store.conn, aid, ME)
    assert detail is not None and detail.body == "第一版" and detail.article.status == "draft"
    first_revision = entry.args["revision_id"]
    rid, entry = queued(store, lambda: knowledge.edit_article(me, aid, "第二版", title="报销流程 v2"))
    assert entry.args["base_revision_id"] == first_revision and entry.args["revision_id"] == rid
    assert "resolves_conflict_id" not in entry.args
    detail = reads.article(store.conn, aid, ME)
    assert detail is not None and detail.body == "第二版" and detail.article.title == "报销流程 v2"
    assert knowledge.edit_article(me, aid, "第二版") is None  # nothing changed
    # An editor opened on the first revision saves against it, even though the head has moved since.
    _, entry = queued(store, lambda: knowledge.edit_article(me, aid, "第三版", base_revision_id=first_revision))
    assert entry.args["base_revision_id"] == first_revision
    refused(store, lambda: knowledge.review(me, aid, True), "Only an admin")
    refused(store, lambda: knowledge.review(make_session(store, LI), aid, True), "Only an article in review")
    queued(store, lambda: knowledge.submit(me, aid))
    refused(store, lambda: knowledge.submit(me, aid), "Only a draft")
    _, entry = queued(store, lambda: knowledge.review(make_session(store, LI), aid, True, "好"))
    assert entry.args == {"id": aid, "decision": "approve", "comment": "好"}
    assert reads.articles(store.conn, ME, status="published")[0].id == aid
    refused(store, lambda: knowledge.review(make_session(store, ZHAO), aid, False), "Only an admin")


def test_article_limits(store: Store, feed: Feed, me: Session) -> None:
    big = "x" * (limits.MAX_ARTICLE_BYTES + 1)
    refused(store, lambda: knowledge.create_article(me, "大", big), "2.1 MB", "2.0 MB")
    refused(store, lambda: knowledge.create_article(me, "t", tags=["x" * 41]), "40")
    refused(store, lambda: knowledge.create_article(me, "t", category="c" * 61), "60")
    refused(store, lambda: knowledge.edit_article(me, "nope", "x"), "does not exist")
    feed.article("a1", "别人的", "正文", author=WANG, status="published")
    refused(store, lambda: knowledge.edit_article(make_session(store, ZHAO), "a1", "改"), "Only the author")


def test_favorite_like_and_resolve_conflict(store: Store, feed: Feed, me: Session) -> None:
    feed.article("a1", "指南", "共同的开头", author=ME, status="published")
    _, entry = queued(store, lambda: knowledge.like(me, "a1"))
    assert entry.args == {"id": "a1", "present": True}
    queued(store, lambda: knowledge.favorite(me, "a1"))
    (view,) = reads.articles(store.conn, ME)
    assert view.liked and view.favorite and view.like_count == 1
    assert knowledge.like(me, "a1") is False
    assert [a.id for a in reads.favorites(store.conn, ME)] == ["a1"]
    queued(store, lambda: knowledge.favorite(me, "a1", present=False))
    assert reads.favorites(store.conn, ME) == []

    feed.many([
        ("kb", "article_revision", "a1-r2", Feed.revision_data("a1", "a1-r2", "指南", "他们的", WANG,
                                                                parent="a1-r1", base="a1-r1")),
        ("kb", "article_revision", "a1-r3", Feed.revision_data("a1", "a1-r3", "指南", "我的", ME, "conflict",
                                                                parent="a1-r2", base="a1-r1")),
        ("kb", "article_conflict", "k1", {"id": "k1", "article_id": "a1", "base_revision_id": "a1-r1",
                                          "theirs_revision_id": "a1-r2", "mine_revision_id": "a1-r3",
                                          "author_id": ME, "created_at": "2026-11-03",
                                          "resolved_by_revision_id": None}),
    ])
    with store.transaction() as conn:
        conn.execute("UPDATE articles SET head_revision_id = 'a1-r2' WHERE id = 'a1'")
    rid, entry = queued(store, lambda: knowledge.resolve_conflict(me, "k1", "他们的\n我的"))
    assert entry.args["resolves_conflict_id"] == "k1" and entry.args["base_revision_id"] == "a1-r2"
    assert entry.scope == "kb"
    detail = reads.article(store.conn, "a1", ME)
    assert detail is not None and detail.body == "他们的\n我的" and detail.article.head_revision_id == rid
    refused(store, lambda: knowledge.resolve_conflict(me, "nope", "x"), "conflict")


# ------------------------------------------------------------------------------------------------ search


def test_search_names_where_each_hit_lives(store: Store, feed: Feed, me: Session) -> None:
    cid = direct_conversation_id(ME, WANG)
    feed.conversation(cid, "direct", "", (ME, WANG))
    feed.many([(f"conv:{cid}", "message", "m1", {**Feed.message_data(cid, 1, WANG, "费用报销审批流程"), "id": "m1"})])
    feed.space("s", "财务项目")
    feed.task("s", "t1", "审批表格")
    feed.article("a1", "审批指南", "怎么审批", status="published")
    results = search.search(me, "审批")
    assert {(r.kind, r.display_title) for r in results} == {("message", "王芳"), ("task", "财务项目"),
                                                             ("article", "审批指南")}
    only = search.search(me, "审批", kinds=["task"])
    assert [(r.kind, r.title) for r in only] == [("task", "审批表格")]
    assert search.search(me, "   ") == []


def test_every_refusal_names_exactly_the_arguments_it_is_given() -> None:
    """A refusal (and a queued change's summary) is a template plus named arguments, so the UI can translate
    it: each placeholder must be given, and nothing given unused."""
    import ast
    import string
    from pathlib import Path

    app_dir = Path(__file__).resolve().parents[2] / "app"
    checked = 0
    for path in app_dir.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in (
                    "ActionRefused", "described"):
                first = node.args[0] if node.args else None
                options = (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,)
                for option in options:
                    assert isinstance(option, ast.Constant), f"{path}:{node.lineno}: not a template"
                    names = {f for _, f, _, _ in string.Formatter().parse(option.value) if f}
                    assert names == {k.arg for k in node.keywords}, f"{path}:{node.lineno}"
                checked += 1
    assert checked > 50


def test_a_retried_change_is_stamped_after_everything_this_profile_has_seen(store: Store, me: Session) -> None:
    from app.services import chats

    feed = Feed(store)
    feed.conversation("g1", "group", "Project", (ME, WANG))
    chats.send(me, "g1", "refused once")
    [entry] = store.pending()
    store.resolve([(entry.mutation_id, "rejected", "forbidden", "not now")])
    ahead = "999999999999999-000000-other"  # pulled from a device whose clock is far ahead
    store.set_state(last_hlc=ahead)
    new_id = me.retry(entry.mutation_id)
    assert new_id is not None
    [again] = store.pending()
    assert again.mutation_id == new_id and again.hlc > ahead
    assert me.retry(entry.mutation_id) is None  # the refused one is gone
