"""The Growth section over the demo store: level and points, the map's node states, routing, live updates, PDF."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from app.growth import NEXT, REACHED, GrowthState, compute, default_definition
from app.growth.recognition import KIND as RECOGNITION_KIND
from app.growth.recognition import month_key, points_in_month, rank_month
from app.growth.rows import local_zone, person_activity
from app.notifications import feed
from app.notifications.notifier import Notification, Notifier
from app.services import chats
from app.store import Store, reads
from app.store.rows import write_row
from ui.context import AppContext
from ui.growth.map_scene import FIT_MIN_ZOOM
from ui.growth.milestones import MilestoneWatcher
from ui.growth.view import GrowthView
from ui.main_window import MainWindow


def expected_state(ctx: AppContext) -> GrowthState:
    activity = person_activity(ctx.conn, ctx.user_id)
    return compute(default_definition(), activity, ctx.user_id, ctx.today(), local_zone())


@pytest.fixture
def view(ctx: AppContext, qtbot: QtBot) -> GrowthView:
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    if widget.snapshot is None:
        with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
            pass
    return widget


def test_shows_level_and_points(view: GrowthView, ctx: AppContext) -> None:
    state = expected_state(ctx)
    assert state.total_points > 0
    assert view.level_label.text() == state.level.title.en
    assert str(state.total_points) in view.points_label.text()
    assert view.progress.value() == round(state.level_progress * 1000)
    assert len(view.shelf.badges) == len(state.reached) > 0


def test_map_has_one_node_per_milestone_in_the_computed_state(view: GrowthView, ctx: AppContext) -> None:
    state = expected_state(ctx)
    assert set(view.scene.nodes) == {m.id for m in default_definition().milestones}
    for status in state.milestones:
        assert view.scene.nodes[status.milestone.id].status == status.status, status.milestone.id
    assert any(s.status == NEXT for s in state.milestones)


def test_clicking_a_next_node_navigates(view: GrowthView, ctx: AppContext, qtbot: QtBot) -> None:
    view.show()
    qtbot.waitExposed(view)
    node = view.scene.nodes["first_group_reply"]
    assert node.status == NEXT
    view.map_view.centerOn(node)
    where = view.map_view.mapFromScene(node.scenePos())
    with qtbot.waitSignal(ctx.navigate) as blocker:
        qtbot.mouseClick(view.map_view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    kind, conversation_id = blocker.args
    assert kind == "conversation"
    assert reads.conversation(ctx.conn, conversation_id, ctx.user_id, "en") is not None


def test_a_next_node_without_a_route_shows_its_hint(view: GrowthView, ctx: AppContext, qtbot: QtBot) -> None:
    node = view.scene.nodes["five_day_streak"]
    assert node.status == NEXT
    with qtbot.assertNotEmitted(ctx.navigate), qtbot.waitSignal(view.hint_shown) as blocker:
        node.activate()
    assert blocker.args == [node.hint]
    assert view.hint_label.text() == node.hint


def test_a_group_reply_moves_the_map(view: GrowthView, ctx: AppContext, qtbot: QtBot) -> None:
    assert view.scene.nodes["first_group_reply"].status == NEXT
    groups = [c for c in reads.conversations(ctx.conn, ctx.user_id, "en") if c.kind in ("group", "department")]
    target = next(
        m
        for group in groups
        for m in reads.history(ctx.conn, group.id, None, 50, user_id=ctx.user_id)
        if m.author_id != ctx.user_id and m.seq is not None
    )
    with qtbot.waitSignal(ctx.data_changed):
        ctx.act(chats.send, target.conversation_id, "I will prepare the quarterly budget draft by Friday",
                reply_to=target.id)
    qtbot.waitUntil(lambda: view.scene.nodes["first_group_reply"].status == REACHED, timeout=10_000)
    assert view.snapshot is not None
    assert "first_group_reply" in {s.milestone.id for s in view.snapshot.state.reached}


def test_zoom_buttons_and_limits(view: GrowthView) -> None:
    view.map_view.reset_zoom()
    view.map_view.zoom_by(2.0)
    assert view.map_view.transform().m11() == pytest.approx(2.0)
    view.map_view.zoom_by(100.0)
    assert view.map_view.zoom == pytest.approx(3.0)
    view.map_view.reset_zoom()
    assert view.map_view.transform().m11() == pytest.approx(1.0)


def test_report_and_pdf_export(view: GrowthView, tmp_path: Path) -> None:
    report = view.report
    assert report.report is not None and report.report.suggestions
    assert len(report.chart.points) == 7
    report.period_combo.setCurrentIndex(1)
    assert report.current_period() == "month"
    assert len(report.chart.points) >= 28
    path = tmp_path / "growth.pdf"
    report.export_to(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_chinese_titles(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.language = "zh"
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
        pass
    state = expected_state(ctx)
    assert widget.level_label.text() == state.level.title.zh
    assert widget.scene.nodes["first_message"].title == "第一条消息"
    assert widget.report.report is not None and widget.report.report.language == "zh"


def test_badge_tooltip_position(view: GrowthView) -> None:
    assert view.badge_positions()[0] == QPoint(view.shelf.badge_rect(0).center())


# ------------------------------------------------------------------------- making something new, from the map

CREATE_ROUTES = {"article.new": ("new", "article"), "task.new": ("new", "task"), "space.new": ("new", "space"),
                 "chat.new_group": ("new", "group")}


def test_milestones_about_making_something_route_to_its_editor(view: GrowthView, ctx: AppContext,
                                                               qtbot: QtBot) -> None:
    actions = {m.action for m in default_definition().milestones}
    assert set(CREATE_ROUTES) <= actions
    for action, target in CREATE_ROUTES.items():
        assert view.route(action) == target
    node = view.scene.nodes["first_article_published"]
    assert node.status == NEXT
    with qtbot.waitSignal(ctx.navigate) as blocker:
        node.activate()
    assert blocker.args == ["new", "article"]


@pytest.fixture
def window(ctx: AppContext, qtbot: QtBot) -> Iterator[MainWindow]:
    from ui.chats.view import ChatsView
    from ui.knowledge.view import KnowledgeView
    from ui.tasks.view import TasksView

    shell = MainWindow(ctx, {"chats": lambda: ChatsView(ctx), "tasks": lambda: TasksView(ctx),
                             "knowledge": lambda: KnowledgeView(ctx), "sync": QWidget,
                             "growth": lambda: GrowthView(ctx)})
    yield shell
    # Not closed through closeEvent: that would write the window layout into the real settings.
    for dialog in shell.findChildren(QDialog):
        dialog.reject()
    shell.deleteLater()


def test_the_window_opens_the_editor_a_next_step_asks_for(window: MainWindow, ctx: AppContext, qtbot: QtBot,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    from ui.chats.view import ChatsView
    from ui.knowledge.editor import ArticleEditorDialog
    from ui.tasks.editor import TaskEditorDialog
    from ui.tasks.space_dialog import NewSpaceDialog

    ctx.navigate.emit("new", "article")
    assert window.stack.currentWidget() is window.page("knowledge")
    assert any(d.isVisible() for d in window.findChildren(ArticleEditorDialog))

    ctx.navigate.emit("new", "task")  # from "My tasks" too: the person's first project space is picked
    tasks_view = window.page("tasks")
    assert window.stack.currentWidget() is tasks_view
    assert isinstance(tasks_view.editor, TaskEditorDialog) and tasks_view.editor.isVisible()
    assert tasks_view.current_space_id() is not None

    groups: list[bool] = []
    monkeypatch.setattr(ChatsView, "new_group", lambda _self: groups.append(True))  # it runs a modal dialog
    ctx.navigate.emit("new", "group")
    assert groups == [True] and window.stack.currentWidget() is window.page("chats")

    ctx.navigate.emit("new", "space")
    dialog = next(d for d in window.findChildren(NewSpaceDialog) if d.isVisible())
    dialog.name.setText("新品发布会筹备")
    dialog.people.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(ctx.data_changed, timeout=10_000,
                          check_params_cb=lambda changes: "space" in changes):
        dialog.accept()
    created = [s for s in reads.spaces(ctx.conn, ctx.user_id) if s.title == "新品发布会筹备"]
    assert len(created) == 1 and created[0].kind == "project"
    qtbot.waitUntil(lambda: tasks_view.current_space_id() == created[0].id, timeout=10_000)


def test_a_milestone_notification_opens_the_growth_map_there(window: MainWindow, ctx: AppContext,
                                                              qtbot: QtBot) -> None:
    ctx.navigate.emit("growth", "first_message")  # what clicking the pop-up does
    growth = window.page("growth")
    assert isinstance(growth, GrowthView) and window.stack.currentWidget() is growth
    qtbot.waitUntil(lambda: "first_message" in growth.scene.nodes, timeout=10_000)
    assert growth.scene.focusItem() is growth.scene.nodes["first_message"]
    assert growth.tabs.currentIndex() == 0


# ------------------------------------------------------------------------------- milestone notifications

WEDNESDAY_10 = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)  # inside office hours (UTC)
WEDNESDAY_22 = datetime(2026, 11, 18, 22, 0, tzinfo=UTC)  # quiet time


class Recorder:
    def __init__(self) -> None:
        self.shown: list[Notification] = []

    def show(self, notification: Notification) -> None:
        self.shown.append(notification)


def reply_in_a_group(ctx: AppContext) -> tuple[str, str]:
    groups = [c for c in reads.conversations(ctx.conn, ctx.user_id, "en") if c.kind in ("group", "department")]
    target = next(
        m
        for group in groups
        for m in reads.history(ctx.conn, group.id, None, 50, user_id=ctx.user_id)
        if m.author_id != ctx.user_id and m.seq is not None
    )
    return target.conversation_id, target.id


def watch(ctx: AppContext, clock: list[datetime], qtbot: QtBot) -> tuple[MilestoneWatcher, Notifier, Recorder, Store]:
    store = Store(ctx.store_path)
    recorder = Recorder()
    notifier = Notifier(store.conn, ctx.user_id, recorder, clock=lambda: clock[0], default_zone="UTC")
    watcher = MilestoneWatcher(ctx, notifier)
    with qtbot.waitSignal(watcher.checked, timeout=10_000) as first:
        pass  # the first look, a moment after start
    assert first.args == [0]  # what was reached before is history
    return watcher, notifier, recorder, store


def test_a_reached_milestone_notifies_once(ctx: AppContext, qtbot: QtBot) -> None:
    clock = [WEDNESDAY_10]
    watcher, notifier, recorder, store = watch(ctx, clock, qtbot)
    before = expected_state(ctx)
    history = {f"milestone:{s.milestone.id}" for s in before.reached}
    assert history and notifier.log.known(history) == history  # recorded without a pop-up…
    assert recorder.shown == [] and all(i.event_id not in history for i in feed.history(ctx.conn, ctx.user_id))

    conversation_id, message_id = reply_in_a_group(ctx)
    with qtbot.waitSignal(watcher.checked, timeout=10_000, check_params_cb=lambda n: n > 0) as news:
        ctx.act(chats.send, conversation_id, "I will prepare the quarterly budget draft by Friday",
                reply_to=message_id)
    notes = [n for n in recorder.shown if not n.is_digest]
    assert news.args[0] == len(notes) >= 1
    note = next(n for n in notes if n.open_id == "first_group_reply")
    assert (note.title, note.open_kind) == ("Milestone reached", "growth")
    assert "First reply in a group" in note.body

    watcher.check()  # nothing new since: nothing again
    with qtbot.waitSignal(watcher.checked, timeout=10_000) as again:
        pass
    assert again.args == [0] and len(recorder.shown) == len(notes)
    watcher.close()

    restarted = MilestoneWatcher(ctx, Notifier(store.conn, ctx.user_id, recorder, clock=lambda: clock[0],
                                               default_zone="UTC"))
    with qtbot.waitSignal(restarted.checked, timeout=10_000) as after_restart:
        pass
    assert after_restart.args == [0] and len(recorder.shown) == len(notes)
    restarted.close()
    store.close()


def test_quiet_time_holds_a_milestone_for_the_summary(ctx: AppContext, qtbot: QtBot) -> None:
    clock = [WEDNESDAY_22]
    watcher, notifier, recorder, store = watch(ctx, clock, qtbot)
    conversation_id, message_id = reply_in_a_group(ctx)
    with qtbot.waitSignal(watcher.checked, timeout=10_000, check_params_cb=lambda n: n > 0) as news:
        ctx.act(chats.send, conversation_id, "I will prepare the quarterly budget draft by Friday",
                reply_to=message_id)
    assert recorder.shown == [] and notifier.held_count == news.args[0]
    clock[0] = WEDNESDAY_22 + timedelta(hours=11, minutes=5)  # Thursday 09:05: quiet time is over
    assert notifier.check()
    (digest,) = recorder.shown
    assert digest.is_digest and "milestone" in digest.body
    watcher.close()
    store.close()


def test_a_new_profile_takes_its_first_sync_as_history(ctx: AppContext, qtbot: QtBot) -> None:
    store = Store(ctx.store_path)
    store.conn.execute("DELETE FROM cursors")  # as if it had never synced
    recorder = Recorder()
    notifier = Notifier(store.conn, ctx.user_id, recorder, clock=lambda: WEDNESDAY_10, default_zone="UTC")
    watcher = MilestoneWatcher(ctx, notifier)
    assert watcher.waiting_for_first_sync
    with qtbot.waitSignal(watcher.checked, timeout=10_000) as first:
        ctx.sync_state_changed.emit("online", "")  # the first sync is done
    assert first.args == [0] and recorder.shown == []
    reached = {f"milestone:{s.milestone.id}" for s in expected_state(ctx).reached}
    assert notifier.log.known(reached) == reached
    watcher.close()
    store.close()


def test_a_platform_expert_sees_the_title(ctx: AppContext, qtbot: QtBot) -> None:
    others = [p.id for p in reads.people(ctx.conn) if p.id != ctx.user_id][:9]
    ranking = rank_month("2026-10", {ctx.user_id: 900, **{uid: 10 * i for i, uid in enumerate(others)}}, 0.10,
                         "Asia/Shanghai")
    assert ranking.is_expert(ctx.user_id)
    store = Store(ctx.store_path)
    with store.transaction() as conn:  # as a sync would write it
        write_row(conn, RECOGNITION_KIND, "2026-10", ranking.to_data(), "org")
    store.close()
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
        pass
    assert widget.expert_label.isVisibleTo(widget)
    assert widget.expert_label.text() == "Platform expert of the month · 2026-10"
    assert widget.expert_icon.isVisibleTo(widget) and not widget.expert_icon.pixmap().isNull()  # the trophy
    assert "number 1 of 10 people, 900 points (top 10%)" in widget.expert_label.toolTip()


def _month_after(day: date, months: int) -> date:
    for _ in range(months):
        day = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return day


def test_on_the_first_of_a_month_the_ranking_still_says_something(ctx: AppContext, qtbot: QtBot) -> None:
    first = _month_after(ctx.today(), 2)  # a month in which nobody has done anything yet
    before = (first - timedelta(days=1)).strftime("%Y-%m")
    people = {p.username: p for p in reads.people(ctx.conn)}
    ranking = rank_month(before, {people["zhangwei"].id: 400, people["lijie"].id: 380, ctx.user_id: 50}, 0.5,
                         "Asia/Shanghai")
    store = Store(ctx.store_path)
    with store.transaction() as conn:
        write_row(conn, RECOGNITION_KIND, before, ranking.to_data(), "org")
    store.close()
    ctx.today = lambda: first
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
        pass
    text = widget.ranking_label.text()
    names = ", ".join(reads.display_name(people[u], "en") for u in ("zhangwei", "lijie"))
    assert text.startswith(f"Platform experts of {before}: {names} · ")
    assert text.endswith(f"{first:%Y-%m} is not ranked yet (it is ranked when the month ends); your points so far: 0")
    assert not widget.expert_label.isVisibleTo(widget)  # wangfang was not among them


def test_before_any_month_was_ranked_the_view_says_so(ctx: AppContext, qtbot: QtBot) -> None:
    store = Store(ctx.store_path)
    with store.transaction() as conn:
        conn.execute("DELETE FROM growth_recognitions")
    store.close()
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
        pass
    text = widget.ranking_label.text()
    assert text.startswith("No month has been ranked yet. · ")
    assert widget.snapshot is not None and widget.snapshot.standing is not None
    month = month_key(ctx.today())
    points = points_in_month(widget.snapshot.state, month)  # whatever the demo did this month (0 on the 1st)
    assert widget.snapshot.standing.month == month
    assert text.endswith(f"{month} is not ranked yet (it is ranked when the month ends); your points so far: {points}")


def test_no_title_without_a_recognition(view: GrowthView) -> None:
    assert not view.expert_label.isVisibleTo(view)


def test_the_map_fits_the_width_until_the_person_zooms(view: GrowthView, qtbot: QtBot) -> None:
    view.show()
    qtbot.waitExposed(view)
    map_view = view.map_view
    view.resize(700, 800)  # narrower than the map
    qtbot.waitUntil(lambda: map_view.zoom < 1.0)
    assert map_view.zoom >= FIT_MIN_ZOOM
    view.resize(1600, 800)  # wide enough: never enlarged past 1:1
    qtbot.waitUntil(lambda: map_view.zoom == 1.0)
    map_view.zoom_by(0.8)
    view.resize(700, 800)
    assert map_view.zoom == pytest.approx(0.8) and not map_view.fitting
