"""Urgent messages and acknowledgements in the Chats section, and the "where and who" page of the notification
settings, over a copy of the demo company."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QMainWindow
from pytestqt.qtbot import QtBot

from app import clock
from app.notifications import NotificationSettings, office_hours
from app.notifications.feed import NotifiedLog
from app.store import PulledChange, reads
from tests.app import Feed
from tests.helpers.changes import ChangeRelay
from ui.chats.view import ChatsView
from ui.context import AppContext
from ui.notifications import NotificationController
from ui.notifications.settings_dialog import MUTED, NotificationSettingsDialog

from .test_chats import ROLLOUT, _conversation_id


@pytest.fixture
def view(chats_view: ChatsView) -> ChatsView:
    return chats_view


def test_composing_an_urgent_message_asks_why_and_asks_for_acknowledgement(
        view: ChatsView, ctx: AppContext, qtbot: QtBot, changes: ChangeRelay) -> None:
    cid = _conversation_id(ctx, ROLLOUT)
    view.open_item("conversation", cid)
    composer = view.composer
    assert not composer.ask_ack.isEnabled()
    composer.important.setChecked(True)
    assert composer.ask_ack.isEnabled()
    composer.important.setChecked(False)
    composer.urgent_button.click()
    dialog = composer.findChild(QInputDialog, "urgentReasonDialog")
    assert dialog is not None and dialog.isVisible() and "3 left today" in dialog.labelText()
    dialog.setTextValue("  Server room flooding  ")
    dialog.accept()
    assert composer.urgent_reason == "Server room flooding" and composer.urgent_bar.isVisible()
    assert composer.ask_ack.isChecked() and "Server room flooding" in composer.urgent_label.text()
    composer.edit.setPlainText("机房漏水，先停机")
    with qtbot.waitSignal(changes.changed, check_params_cb=lambda c: "message" in c):
        composer.submit()
    qtbot.waitUntil(lambda: composer.edit.toPlainText() == "")
    assert composer.urgent_reason is None and not composer.urgent_bar.isVisible()
    sent = reads.history(ctx.conn, cid, None, 1, user_id=ctx.user_id)[-1]
    assert sent.urgent and sent.urgent_reason == "Server room flooding" and sent.ack_requested and sent.important
    assert sent.state == "pending"
    outbox = ctx.conn.execute("SELECT args FROM outbox WHERE name = 'message.send' ORDER BY mutation_id DESC")
    assert '"urgent": true' in outbox.fetchone()[0]


def test_the_urgent_allowance_runs_out(view: ChatsView, ctx: AppContext, qtbot: QtBot,
                                      changes: ChangeRelay) -> None:
    cid = _conversation_id(ctx, ROLLOUT)
    view.open_item("conversation", cid)
    for n in range(3):
        view.composer.set_urgent("outage")
        view.composer.edit.setPlainText(f"alarm {n}")
        with qtbot.waitSignal(changes.changed, check_params_cb=lambda c: "message" in c):
            view.composer.submit()
        qtbot.waitUntil(lambda: view.composer.edit.toPlainText() == "")
    assert view.composer.urgent_left() == 0
    view.composer.set_urgent("outage")
    view.composer.edit.setPlainText("alarm 3")
    with qtbot.waitSignal(ctx.action_failed) as refused:
        view.composer.submit()
    assert "important instead" in refused.args[0]
    assert view.composer.edit.toPlainText() == "alarm 3"  # nothing lost


def _urgent_from_a_colleague(ctx: AppContext, qtbot: QtBot, changes: ChangeRelay, cid: str) -> str:
    author = next(m for m in reads.conversation_members(ctx.conn, cid) if m != ctx.user_id)
    seq = reads.latest_seq(ctx.conn, cid) + 1
    data = Feed.message_data(cid, seq, author, "请确认收到停机通知", urgent=True, urgent_reason="停机维护",
                             ack_requested=True, important=True,
                             sent_at=clock.iso_now())
    change = PulledChange(f"conv:{cid}", 20_000_000 + seq, "message", data["id"], "upsert", data)
    with qtbot.waitSignal(changes.changed, check_params_cb=lambda c: data["id"] in c.get("message", ())):
        ctx.run_store(lambda store: store.apply_pull([change], {}, revoked=[]))
    return str(data["id"])


def test_a_recipient_acknowledges_from_the_message_menu(view: ChatsView, ctx: AppContext, qtbot: QtBot,
                                                        changes: ChangeRelay) -> None:
    cid = _conversation_id(ctx, ROLLOUT)
    mid = _urgent_from_a_colleague(ctx, qtbot, changes, cid)
    view.open_item("conversation", cid)
    message = reads.message(ctx.conn, mid, user_id=ctx.user_id)
    assert message is not None and message.recipients > 1
    delegate_text = view.delegate._acknowledgement_text(message, view.history.index(view.history.row_of(mid)))
    assert delegate_text == "please acknowledge (right-click)"
    menu = view.message_menu(message)
    action = next(a for a in menu.actions() if a.text() == "Acknowledge")
    with qtbot.waitSignal(changes.changed, check_params_cb=lambda c: "acknowledgement" in c):
        action.trigger()
    after = reads.message(ctx.conn, mid, user_id=ctx.user_id)
    assert after is not None and after.acknowledged_by_me and after.acknowledged == 1
    assert not any(a.text() == "Acknowledge" for a in view.message_menu(after).actions())
    status = reads.acknowledgements(ctx.conn, mid)
    assert [p.id for p, _at in status.acknowledged] == [ctx.user_id]


@pytest.fixture
def controller(ctx: AppContext, qtbot: QtBot) -> NotificationController:
    window = QMainWindow()
    qtbot.addWidget(window)
    NotifiedLog(ctx.conn).save_settings(NotificationSettings(time_zone="UTC", working_hours=office_hours()))
    c = NotificationController(ctx, window, adapter=type("Quiet", (), {"show": lambda self, n: None})())
    yield c
    c.close()


def test_settings_choose_per_conversation_spaces_and_priority_people(
        controller: NotificationController, ctx: AppContext, qtbot: QtBot, changes: ChangeRelay) -> None:
    dialog = NotificationSettingsDialog(controller.notifier, None, ctx)
    qtbot.addWidget(dialog)
    assert dialog.org_default is None  # wang fang is not an administrator
    table = dialog.conversations
    assert table.rowCount() == len(reads.conversations(ctx.conn, ctx.user_id, ctx.language))
    rollout = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == ROLLOUT)
    choice = table.cellWidget(rollout, 1)
    assert isinstance(choice, QComboBox)
    choice.setCurrentIndex(MUTED)
    dialog.priority.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(changes.changed, check_params_cb=lambda c: "preference" in c):
        dialog.accept()
    settings = controller.notifier.settings
    assert _conversation_id(ctx, ROLLOUT) in settings.muted_conversations
    assert len(settings.priority_people) == 1
    # Queued for my other devices as what differs from the organisation's default.
    row = ctx.conn.execute("SELECT value FROM preferences WHERE owner = ?", (ctx.user_id,)).fetchone()
    assert _conversation_id(ctx, ROLLOUT) in row[0] and "priority_people" in row[0]
    assert ctx.conn.execute("SELECT count(*) FROM outbox WHERE name = 'preference.set'").fetchone()[0] == 1


def test_a_conversation_can_be_muted_or_set_to_mentions_only_from_the_list(
        view: ChatsView, controller: NotificationController, ctx: AppContext) -> None:
    cid = _conversation_id(ctx, ROLLOUT)
    menu = view.conversation_menu(cid)
    actions = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert actions["All messages"].isChecked()
    actions["Mentions only"].trigger()
    assert cid in controller.notifier.settings.mentions_only_conversations
    menu = view.conversation_menu(cid)
    actions = {a.text(): a for a in menu.actions() if a.isCheckable()}
    assert actions["Mentions only"].isChecked()
    actions["Nothing (muted)"].trigger()
    settings = controller.notifier.settings
    assert cid in settings.muted_conversations and cid not in settings.mentions_only_conversations
    from ui.chats.conversation_list import ConversationRole

    row = next(r for r in range(view.conversations.rowCount())
               if view.conversations.index(r).data(ConversationRole.ID) == cid)
    assert view.conversations.index(row).data(ConversationRole.NOTIFY) == "muted"
