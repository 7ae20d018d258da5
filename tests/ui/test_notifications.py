"""The notification centre, the settings dialog and the controller, over the demo store with a fake clock."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow

from app import clock
from app.notifications import NotificationSettings, office_hours
from app.notifications.feed import NotifiedLog
from app.notifications.notifier import Notification
from app.store import PulledChange, Store, reads
from ui.context import AppContext
from ui.notifications import NotificationController
from ui.notifications.adapters import AdapterChain, ToastAdapter
from ui.notifications.centre import ItemRole, NotificationCentre
from ui.notifications.settings_dialog import NotificationSettingsDialog

WEDNESDAY_10 = datetime(2026, 11, 4, 10, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Recorder:
    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def show(self, notification: Notification) -> None:
        self.shown.append(notification)


def stored_settings(ctx: AppContext) -> dict[str, object]:
    """The settings kept on this device, in full."""
    return NotifiedLog(ctx.conn).load_settings("UTC").to_dict()


@pytest.fixture
def window(qtbot: object) -> QMainWindow:
    w = QMainWindow()
    qtbot.addWidget(w)  # type: ignore[attr-defined]
    return w


@pytest.fixture
def controller(ctx: AppContext, window: QMainWindow) -> Iterator[NotificationController]:
    store = Store(ctx.store_path)
    NotifiedLog(store.conn).save_settings(NotificationSettings(time_zone="UTC", working_hours=office_hours()))
    store.close()
    c = NotificationController(ctx, window, adapter=Recorder(), clock=FakeClock(WEDNESDAY_10))
    c.install_menu(window)
    yield c
    c.close()


def a_conversation_of_mine(ctx: AppContext) -> tuple[str, str]:
    """A direct conversation of wang fang's and the other person in it."""
    for summary in reads.conversations(ctx.conn, ctx.user_id, "en"):
        if summary.kind == "direct" and summary.peer_id:
            return summary.id, summary.peer_id
    raise AssertionError("the demo company has no direct chat for wang fang")


def arrive(qtbot: object, ctx: AppContext, body: str, at: datetime = WEDNESDAY_10) -> str:
    """A message from the other person of a direct chat, pulled the way the sync engine applies it."""
    cid, peer = a_conversation_of_mine(ctx)
    seq = reads.latest_seq(ctx.conn, cid) + 1
    message_id = f"m-test-{seq}"
    data = {"id": message_id, "conversation_id": cid, "seq": seq, "author_id": peer, "body": body,
            "reply_to": None, "important": False, "mentions": [], "sent_at": at.isoformat(),
            "created_hlc": f"{int(at.timestamp() * 1000):015d}-000000-t", "edited_at": None, "deleted": False}
    change = PulledChange(f"conv:{cid}", 10_000_000 + seq, "message", message_id, "upsert", data)
    # Wait for this change in particular: an earlier action's notification may still be on its way.
    with qtbot.waitSignal(ctx.data_changed, check_params_cb=lambda changes: message_id in changes.get("message", ())):  # type: ignore[attr-defined]
        ctx.run_store(lambda store: store.apply_pull([change], {}, revoked=[]))
    return message_id


def test_history_is_not_notified_on_start(controller: NotificationController, ctx: AppContext) -> None:
    # Everything in the demo store is history: the demo sync happened long "before" this notifier started.
    ids = {r[0] for r in ctx.conn.execute("SELECT id FROM messages WHERE author_id != ?", (ctx.user_id,))}
    controller._changed({"message": ids})
    assert controller.adapter.shown == []  # type: ignore[attr-defined]


def test_a_new_message_pops_up_once(qtbot: object, controller: NotificationController, ctx: AppContext) -> None:
    message_id = arrive(qtbot, ctx, "Lunch at noon?")
    [note] = controller.adapter.shown  # type: ignore[attr-defined]
    assert (note.body, note.open_kind, note.open_id) == ("Lunch at noon?", "message", message_id)
    controller._changed({"message": {message_id}})  # named again (a resync): nothing more
    assert len(controller.adapter.shown) == 1  # type: ignore[attr-defined]


def test_centre_lists_history_with_reasons_and_opens_the_message(
    qtbot: object, controller: NotificationController, ctx: AppContext, qtmodeltester: object,
) -> None:
    message_id = arrive(qtbot, ctx, "Can you review the budget?")
    assert len(controller.adapter.shown) == 1  # type: ignore[attr-defined]
    controller.show_centre()
    centre = controller._centre
    assert isinstance(centre, NotificationCentre)
    qtmodeltester.check(centre.model)  # type: ignore[attr-defined]
    assert centre.model.rowCount() == 1
    index = centre.model.index(0, 0)
    assert "working hours" in centre.model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert message_id in centre.model.data(index, ItemRole).subject_id
    assert centre.model.data(index, Qt.ItemDataRole.DisplayRole)
    arrive(qtbot, ctx, "Meeting moved to 3 pm")
    controller.notifier.check()
    assert centre.model.rowCount() == 2  # the centre refreshes when the notifier records something
    shots = os.environ.get("ATRIUM_SCREENSHOTS")
    if shots:  # ATRIUM_SCREENSHOTS=docs/screenshots pytest … keeps a picture for the docs
        qtbot.waitExposed(centre)  # type: ignore[attr-defined]
        centre.grab().save(str(Path(shots) / "notification-centre.png"))
    index = centre.model.index(1, 0)
    with qtbot.waitSignal(ctx.navigate) as blocker:  # type: ignore[attr-defined]
        centre.list.clicked.emit(index)
    assert blocker.args == ["message", message_id]


def test_centre_is_empty_without_history(qtbot: object, ctx: AppContext) -> None:
    centre = NotificationCentre(ctx)
    qtbot.addWidget(centre)  # type: ignore[attr-defined]
    centre.show()
    assert centre.model.rowCount() == 0 and centre.empty.isVisible()


def test_settings_dialog_changes_hours_and_pauses(
    qtbot: object, controller: NotificationController, ctx: AppContext,
) -> None:
    dialog = NotificationSettingsDialog(controller.notifier)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.hours["mon"].text() == "09:00-18:00" and dialog.hours["sat"].text() == ""
    dialog.pause_hour.click()
    paused = stored_settings(ctx)["paused_until"]
    assert paused and datetime.fromisoformat(str(paused)) == WEDNESDAY_10 + timedelta(hours=1)
    assert dialog.resume.isEnabled()
    dialog.resume.click()
    assert stored_settings(ctx)["paused_until"] is None
    dialog.pause_tomorrow.click()
    assert datetime.fromisoformat(str(stored_settings(ctx)["paused_until"])) == datetime(2026, 11, 5, 9, tzinfo=UTC)

    dialog.hours["sat"].setText("10:00-14:00")
    dialog.hours["mon"].setText("08:00-12:00, 13:00-17:00")
    dialog.zone.setCurrentText("Asia/Shanghai")
    dialog.hide_previews.setChecked(True)
    dialog.accept()
    saved = stored_settings(ctx)
    assert saved["working_hours"]["sat"] == ["10:00-14:00"]  # type: ignore[index]
    assert saved["working_hours"]["mon"] == ["08:00-12:00", "13:00-17:00"]  # type: ignore[index]
    assert saved["time_zone"] == "Asia/Shanghai" and saved["hide_previews"] is True


def test_settings_dialog_refuses_bad_hours(qtbot: object, controller: NotificationController, ctx: AppContext) -> None:
    dialog = NotificationSettingsDialog(controller.notifier)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog.hours["tue"].setText("nine to five")
    dialog.accept()
    assert dialog.isVisible() and dialog.error.isVisible() and "09:00-18:00" in dialog.error.text()
    assert stored_settings(ctx)["working_hours"]["tue"] == ["09:00-18:00"]  # type: ignore[index]


def test_presenting_menu_action_holds_and_then_digests(
    qtbot: object, controller: NotificationController, ctx: AppContext,
) -> None:
    assert controller.presenting_action is not None
    controller.presenting_action.setChecked(True)
    assert stored_settings(ctx)["presenting"] is True
    arrive(qtbot, ctx, "Slides are on the shared drive")
    assert controller.adapter.shown == [] and controller.notifier.held_count == 1  # type: ignore[attr-defined]
    controller.presenting_action.setChecked(False)
    [digest] = controller.adapter.shown  # type: ignore[attr-defined]
    assert digest.is_digest and digest.body.startswith("While you were away: 1 message in 1 chat")


def test_a_message_sent_now_pops_up_in_the_toast(qtbot: object, ctx: AppContext, window: QMainWindow) -> None:
    # The real adapter chain: no system tray offscreen, so the in-app toast.
    c = NotificationController(ctx, window, clock=clock.now)
    c.notifier.set_settings(NotificationSettings(time_zone="UTC", working_hours=((), ) * 7, presenting=False))
    window.show()
    cid, _ = a_conversation_of_mine(ctx)
    toast = c.adapter.show(Notification("Wang Fang", "hello", "conversation", cid, False, ("x",)))  # type: ignore[attr-defined,func-returns-value]
    assert toast is None
    assert isinstance(c.adapter, AdapterChain) and isinstance(c.adapter.current, ToastAdapter)
    shown = c.adapter.current.toast
    qtbot.waitUntil(shown.isVisible)  # type: ignore[attr-defined]
    with qtbot.waitSignal(ctx.navigate) as blocker:  # type: ignore[attr-defined]
        qtbot.mouseClick(shown, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    assert blocker.args == ["conversation", cid]
    c.close()


def test_pause_until_a_chosen_time(qtbot: object, controller: NotificationController, ctx: AppContext) -> None:
    from PySide6.QtCore import QDateTime

    dialog = NotificationSettingsDialog(controller.notifier, None, ctx)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    until = WEDNESDAY_10 + timedelta(hours=5, minutes=30)
    dialog.pause_until.setDateTime(QDateTime.fromSecsSinceEpoch(int(until.timestamp())))
    dialog.pause_chosen.click()
    assert controller.notifier.settings.paused_until == until
    assert dialog.resume.isEnabled() and dialog.pause_state.text().startswith("Paused until")


def test_presenting_mode_is_one_click_in_the_status_bar(
        controller: NotificationController, window: QMainWindow) -> None:
    button = controller.presenting_button
    assert button.parent() is window.statusBar() and button.defaultAction() is controller.presenting_action
    button.click()
    assert controller.notifier.settings.presenting
    button.click()
    assert not controller.notifier.settings.presenting
