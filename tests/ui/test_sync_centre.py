"""The sync centre: state, last sync, what waits, and refused changes with retry and discard."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from app.services import chats
from app.store import reads
from ui.context import AppContext
from ui.sync_centre import texts
from ui.sync_centre.model import WHAT, WHY, RejectedModel
from ui.sync_centre.view import SyncCentreView

NOW = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
REASON = "you are not a member of this conversation"


def first_conversation(ctx: AppContext) -> str:
    return reads.conversations(ctx.conn, ctx.user_id, "en")[0].id


def send_now(ctx: AppContext, body: str) -> int:
    """Send a message on the store's thread (setup, not the behaviour under test); returns its mutation id."""
    conversation = first_conversation(ctx)
    ctx.worker.submit(lambda s: chats.send(ctx.session(s), conversation, body)).result()
    return ctx.worker.submit(lambda s: s.pending()[-1].mutation_id).result()


def refuse(ctx: AppContext, mutation_id: int, code: str = "forbidden", reason: str = REASON) -> None:
    ctx.worker.submit(lambda s: s.resolve([(mutation_id, "rejected", code, reason)])).result()


@pytest.fixture
def view(qtbot: QtBot, ctx: AppContext) -> SyncCentreView:
    widget = SyncCentreView(ctx, now=lambda: NOW)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    return widget


# ------------------------------------------------------------------------------------------------ words


def test_pending_summary_names_each_kind_with_plurals() -> None:
    assert texts.pending_summary({}) == "Nothing waiting to be sent"
    assert texts.pending_summary({"task": 1, "message": 3}) == "3 messages, 1 task change"
    assert texts.pending_summary({"read": 2, "article": 1, "x": 4}) == \
        "1 article change, 2 read receipts, 4 other changes"


def test_relative_times() -> None:
    assert texts.relative(NOW - timedelta(seconds=10), NOW) == "just now"
    assert texts.relative(NOW - timedelta(minutes=1), NOW) == "1 minute ago"
    assert texts.relative(NOW - timedelta(minutes=5), NOW) == "5 minutes ago"
    assert texts.relative(NOW - timedelta(hours=3), NOW) == "3 hours ago"
    assert texts.relative(NOW - timedelta(days=1), NOW) == "yesterday"
    assert texts.relative(NOW - timedelta(days=30), NOW) == texts.absolute(NOW - timedelta(days=30))


def test_refusal_in_plain_words() -> None:
    assert texts.refusal("forbidden", REASON) == "You are not allowed to do this."
    assert texts.refusal("something_new", "the moon is full") == "The moon is full."
    assert texts.refusal(None, None) == "The server refused this change."


# ------------------------------------------------------------------------------------------------- view


def test_shows_state_server_person_and_last_sync(qtbot: QtBot, ctx: AppContext, view: SyncCentreView) -> None:
    assert view.server_label.text() == ctx.state("server_url")
    assert "wangfang" in view.person_label.text()
    assert view.state_label.text() == "Not synced yet"
    ctx.sync_state_changed.emit("offline", "the server could not be reached")
    assert view.state_label.text().startswith("Offline")
    assert view.state_label.toolTip() == "The server could not be reached."
    ctx.sync_state_changed.emit("syncing", "")
    assert not view.sync_button.isEnabled()
    ctx.sync_state_changed.emit("online", "")
    assert view.state_label.text() == "Online · up to date"

    then = NOW - timedelta(minutes=5)
    with qtbot.waitSignal(ctx.data_changed):
        ctx.worker.submit(lambda s: s.set_state(last_sync=then.isoformat(), last_error="server unreachable"))
    assert view.last_sync_label.text() == "5 minutes ago"
    assert view.last_sync_label.toolTip() == texts.absolute(then)
    assert view.error_label.text() == "Last problem: Server unreachable."
    assert view.error_label.isVisibleTo(view)


def test_pending_changes_are_counted_by_kind(qtbot: QtBot, ctx: AppContext, view: SyncCentreView) -> None:
    assert view.pending_label.text() == "Nothing waiting to be sent"
    with qtbot.waitSignal(ctx.sync_requested):
        ctx.act(chats.send, first_conversation(ctx), "one")
    qtbot.waitUntil(lambda: view.pending_label.text() == "1 message")
    with qtbot.waitSignal(ctx.sync_requested):
        ctx.act(chats.send, first_conversation(ctx), "two")
    qtbot.waitUntil(lambda: view.pending_label.text() == "2 messages")
    assert not view.rejected_box.isVisibleTo(view)


def test_sync_now_asks_for_a_sync(qtbot: QtBot, ctx: AppContext, view: SyncCentreView) -> None:
    with qtbot.waitSignal(ctx.sync_requested):
        qtbot.mouseClick(view.sync_button, Qt.MouseButton.LeftButton)


def test_work_offline_toggle(qtbot: QtBot, ctx: AppContext, view: SyncCentreView) -> None:
    with qtbot.waitSignal(view.work_offline_toggled) as blocker:
        qtbot.mouseClick(view.offline_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [True]
    ctx.sync_state_changed.emit("offline", "")
    assert view.state_label.text().startswith("Working offline")
    assert not view.sync_button.isEnabled()
    with qtbot.assertNotEmitted(view.work_offline_toggled):
        view.set_work_offline(False)
    assert view.sync_button.isEnabled()


def test_rejected_changes_are_listed_with_their_reason(
    qtbot: QtBot, qtmodeltester: object, ctx: AppContext, view: SyncCentreView
) -> None:
    mutation_id = send_now(ctx, "this will be refused")
    refuse(ctx, mutation_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    qtmodeltester.check(view.model)  # type: ignore[attr-defined]
    model = view.model
    assert "this will be refused" in model.index(0, WHAT).data()
    assert model.index(0, WHY).data() == "You are not allowed to do this."
    assert model.index(0, WHY).data(Qt.ItemDataRole.ToolTipRole) == f"The server said: {REASON[0].upper()}{REASON[1:]}."
    assert view.rejected_box.isVisibleTo(view)
    assert view.selected_ids() == [mutation_id]
    assert "not a member of this conversation" in view.detail_label.text()
    assert view.retry_button.isEnabled() and view.discard_button.isEnabled()
    assert view.pending_label.text() == "Nothing waiting to be sent"


def test_retry_queues_the_change_again_with_a_new_mutation_id(
    qtbot: QtBot, ctx: AppContext, view: SyncCentreView
) -> None:
    mutation_id = send_now(ctx, "try me again")
    refuse(ctx, mutation_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    with qtbot.waitSignal(ctx.sync_requested):
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    pending = ctx.worker.submit(lambda s: s.pending()).result()
    assert [e.args["body"] for e in pending] == ["try me again"]
    assert pending[0].mutation_id > mutation_id
    assert view.pending_label.text() == "1 message"
    assert not view.rejected_box.isVisibleTo(view)


def test_discard_removes_the_change_after_confirmation(
    qtbot: QtBot, ctx: AppContext, view: SyncCentreView, monkeypatch: pytest.MonkeyPatch
) -> None:
    mutation_id = send_now(ctx, "forget me")
    message_id = ctx.worker.submit(lambda s: s.pending()[-1].args["id"]).result()
    refuse(ctx, mutation_id)
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert reads.message(ctx.conn, message_id).state == "rejected"  # type: ignore[union-attr]

    monkeypatch.setattr(view, "confirm_discard", lambda count: False)
    with qtbot.assertNotEmitted(ctx.sync_requested):
        qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 1

    monkeypatch.setattr(view, "confirm_discard", lambda count: True)
    with qtbot.waitSignal(ctx.sync_requested):
        qtbot.mouseClick(view.discard_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)
    assert reads.outbox(ctx.conn).rejected == ()
    assert reads.outbox(ctx.conn).pending == {}
    assert reads.message(ctx.conn, message_id) is None


def test_open_item_selects_a_refused_change(qtbot: QtBot, ctx: AppContext, view: SyncCentreView) -> None:
    first, second = send_now(ctx, "first"), send_now(ctx, "second")
    refuse(ctx, first)
    refuse(ctx, second, "not_found", "this conversation does not exist")
    qtbot.waitUntil(lambda: view.model.rowCount() == 2)
    view.open_item("mutation", str(second))
    assert view.selected_ids() == [second]
    assert view.model.index(1, WHY).data() == "What this change refers to no longer exists."
    view.open_item("task", "whatever")  # not a sync centre item: nothing happens
    assert view.selected_ids() == [second]


def test_model_checks_out_empty_and_full(qtmodeltester: object) -> None:
    model = RejectedModel(NOW)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    model.set_rows((reads.RejectedChange(1, "task.update", "task", "Task “x”: due", "invalid_owner",
                                         "the owner must be a member", "space:1", NOW.isoformat()),), NOW)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(0, 1).data() == "just now"
