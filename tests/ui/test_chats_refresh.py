"""How the Chats section keeps up with commits cheaply: only the conversations and rows a change names are read
again, row heights are estimated and measured lazily, and a sync storm into the open chat never grows the window.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app.services import chats
from app.store import PulledChange, Store, reads
from tests.app import Feed
from tests.helpers.changes import ChangeRelay, run_store_and_wait
from ui.chats.history_model import PAGE_SIZE, REFRESH_SLACK
from ui.chats.view import ChatsView
from ui.context import AppContext

OTHER = "u-someone-else"



@pytest.fixture
def view(chats_view: ChatsView) -> ChatsView:
    return chats_view


def _pull(cid: str, first: int, bodies: list[str], author: str) -> Any:
    """A store operation pulling messages first.. into `cid` (created, with the person in it, if new)."""

    def fill(store: Store) -> None:
        scope = f"conv:{cid}"
        if reads.conversation(store.conn, cid, "", "en") is None:
            Feed(store).conversation(cid, title=f"Chat {cid}", members=(store.state("user_id") or "", author))
        rows = [
            PulledChange(
                scope, 1000 + seq, "message", f"m-{cid}-{seq}", "upsert", Feed.message_data(cid, seq, author, body)
            )
            for seq, body in enumerate(bodies, start=first)
        ]
        store.apply_pull(rows, {scope: 1000 + first + len(bodies)}, revoked=[])

    return fill


def _listed(view: ChatsView) -> list[reads.ConversationSummary]:
    model = view.conversations
    return [model.index(r).data(Qt.ItemDataRole.UserRole + 1) for r in range(model.rowCount())]


def _rows(view: ChatsView) -> list[reads.MessageView]:
    return [view.history.message_at(r) for r in range(view.history.rowCount())]  # type: ignore[misc]


def test_a_pulled_page_names_its_conversations_without_reading_its_messages(
    changes: ChangeRelay, ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    looked_up: list[int] = []
    original = reads.message_conversations
    monkeypatch.setattr(
        reads, "message_conversations", lambda conn, ids: looked_up.append(len(set(ids))) or original(conn, ids)
    )
    with qtbot.waitSignal(changes.changed, timeout=60_000, check_params_cb=lambda c: "message" in c) as told:
        ctx.run_store(_pull("c-page", 1, [f"m {n}" for n in range(1, 301)], OTHER))
    assert ctx.message_conversations(told.args[0]) == {"c-page"}
    assert looked_up == [], "a pulled page's cursors name its conversations"

    cid = "c-page"
    with qtbot.waitSignal(changes.changed, timeout=60_000, check_params_cb=lambda c: "message" in c) as told:
        ctx.act(chats.send, cid, "hello")
    assert ctx.message_conversations(told.args[0]) == {cid}
    assert looked_up == [1], "a person's own action: its one message is looked up"


def test_a_read_marker_re_reads_only_its_conversation(
    changes: ChangeRelay,
    view: ChatsView,
    ctx: AppContext,
    qtbot: QtBot,
    qtmodeltester: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    run_store_and_wait(changes, ctx, qtbot, _pull("c-unread", 1, [f"unread {n}" for n in range(1, 8)], OTHER))
    qtbot.waitUntil(lambda: (view.conversations.summary("c-unread") or reads).__dict__.get("unread") == 7)
    before = {
        c: view.conversations.summary(c)
        for c in [
            view.conversations.index(r).data(Qt.ItemDataRole.UserRole + 2) for r in range(view.conversations.rowCount())
        ]
    }
    asked: list[Any] = []
    original = reads.conversations
    monkeypatch.setattr(reads, "conversations", lambda *a, **k: asked.append(k.get("only")) or original(*a, **k))

    with qtbot.waitSignal(changes.changed, check_params_cb=lambda c: "read_marker" in c):
        ctx.act(chats.mark_read, "c-unread")
    qtbot.waitUntil(lambda: (view.conversations.summary("c-unread") or before["c-unread"]).unread == 0)
    assert asked and all(only is not None and set(only) == {"c-unread"} for only in asked)
    for cid, summary in before.items():
        if cid != "c-unread":
            assert view.conversations.summary(cid) is summary, "other rows are not even re-read"
    qtmodeltester.check(view.conversations)


def test_incremental_list_refresh_inserts_moves_and_removes_rows(
    changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot, qtmodeltester: Any
) -> None:
    model = view.conversations
    count = model.rowCount()
    view.panel.select(model.index(count - 1).data(Qt.ItemDataRole.UserRole + 2))
    current = view.panel.current_id()
    run_store_and_wait(changes, ctx, qtbot, _pull("c-new", 1, ["first"], OTHER))
    qtbot.waitUntil(lambda: _listed(view) == reads.conversations(ctx.conn, ctx.user_id, ctx.language))
    assert model.rowCount() == count + 1
    assert view.panel.current_id() == current, "the selection stays on its conversation"

    def leave(store: Store) -> None:
        me = store.state("user_id") or ""
        Feed(store).put(
            "conv:c-new",
            "conversation_member",
            f"c-new:{me}",
            {"conversation_id": "c-new", "user_id": me, "present": False},
        )

    run_store_and_wait(changes, ctx, qtbot, leave)
    qtbot.waitUntil(lambda: _listed(view) == reads.conversations(ctx.conn, ctx.user_id, ctx.language))
    assert model.rowCount() == count
    assert model.row_of("c-new") == -1
    assert view.panel.current_id() == current
    qtmodeltester.check(model)


def test_commits_elsewhere_leave_the_open_history_alone(
    changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot
) -> None:
    run_store_and_wait(changes, ctx, qtbot, _pull("c-open", 1, [f"line {n}" for n in range(1, 31)], OTHER))
    view.open_item("conversation", "c-open")
    loaded = _rows(view)
    refreshed: list[Any] = []
    view.history.dataChanged.connect(lambda *a: refreshed.append(a))
    view.history.rowsInserted.connect(lambda *a: refreshed.append(a))
    run_store_and_wait(changes, ctx, qtbot, _pull("c-elsewhere", 1, ["elsewhere"], OTHER))
    assert refreshed == []
    assert all(a is b for a, b in zip(_rows(view), loaded, strict=True)), "untouched rows keep their objects"

    run_store_and_wait(changes, ctx, qtbot, _pull("c-open", 31, ["the newest"], OTHER))
    qtbot.waitUntil(lambda: _rows(view)[-1].body == "the newest")
    assert all(a is b for a, b in zip(_rows(view)[:-1], loaded, strict=True))


def test_a_storm_into_the_open_chat_never_grows_the_window(
    changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot, qtmodeltester: Any
) -> None:
    run_store_and_wait(changes, ctx, qtbot, _pull("c-storm", 1, [f"old {n}" for n in range(1, 61)], OTHER))
    view.open_item("conversation", "c-storm")
    qtbot.waitUntil(view.history_view.at_bottom)
    burst = REFRESH_SLACK + 50
    run_store_and_wait(changes, ctx, qtbot, _pull("c-storm", 61, [f"new {n}" for n in range(61, 61 + burst)], OTHER))
    # At the bottom, the person follows the newest messages: the window reopens there, one page long.
    qtbot.waitUntil(lambda: _rows(view)[-1].body == f"new {60 + burst}")
    assert view.history.rowCount() == PAGE_SIZE
    qtbot.waitUntil(view.history_view.at_bottom)
    qtmodeltester.check(view.history)

    bar = view.history_view.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    shown = [m.id for m in _rows(view)]
    last = 60 + burst
    run_store_and_wait(changes, ctx, qtbot, _pull("c-storm", last + 1, [f"later {n}" for n in range(burst)], OTHER))
    # Scrolled up, the person keeps reading: the window stays, and the pill offers the newest.
    qtbot.waitUntil(view.history_view.pill.isVisible)
    assert [m.id for m in _rows(view)] == shown
    qtbot.mouseClick(view.history_view.pill, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: _rows(view)[-1].body == f"later {burst - 1}")
    qtbot.waitUntil(view.history_view.at_bottom)


def test_heights_are_estimated_then_measured_and_the_top_row_stays_put(
    changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot
) -> None:
    bodies = [
        f"短消息 {n} short line" if n % 3 else f"**bold** {n}\n\n- one\n- two\n\n```\ncode {n}\n```"
        for n in range(1, 121)
    ]
    run_store_and_wait(changes, ctx, qtbot, _pull("c-heights", 1, bodies, OTHER))
    view.open_item("conversation", "c-heights")
    history, delegate = view.history_view, view.delegate
    bottom = history.history.index(history.history.rowCount() - 1)
    assert delegate.is_measured(bottom), "the rows the chat opens on are laid out for real"
    assert not delegate.is_measured(history.history.index(0)), "rows far off screen are only estimated at first"
    qtbot.waitUntil(
        lambda: all(delegate.is_measured(history.history.index(r)) for r in range(history.history.rowCount())),
        timeout=10_000,
    )
    option = QStyleOptionViewItem()
    for row in range(history.history.rowCount()):
        index = history.history.index(row)
        assert history.visualRect(index).height() == delegate.sizeHint(option, index).height()

    history.verticalScrollBar().setValue(history.verticalScrollBar().maximum() // 2)
    history.load_older()  # the older page comes in estimated; measuring it must not move what is on screen
    anchor = history.indexAt(history.viewport().rect().topLeft())
    top = history.visualRect(anchor).top()
    qtbot.waitUntil(
        lambda: all(delegate.is_measured(history.history.index(r)) for r in range(history.history.rowCount())),
        timeout=10_000,
    )
    assert abs(history.visualRect(anchor).top() - top) <= 1
