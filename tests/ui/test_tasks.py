"""The Tasks section over the demo company: spaces, the board, drag and drop, the editor, blocked-by and export."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from app.store import reads
from ui.context import AppContext
from ui.tasks.history import TaskHistoryModel, value_text_for
from ui.tasks.models import STATUSES, TASK_MIME, BoardColumnModel, MyTasksModel, TaskRoles
from ui.tasks.view import TasksView

ROLLOUT = "Atrium 平台推广 · Platform rollout"


@pytest.fixture
def view(ctx: AppContext, qtbot: QtBot) -> Iterator[TasksView]:
    widget = TasksView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1200, 700)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    if widget.editor is not None:
        widget.editor.reject()


def rollout_id(ctx: AppContext) -> str:
    return next(s.id for s in reads.spaces(ctx.conn, ctx.user_id) if s.title == ROLLOUT)


def task_by_title(ctx: AppContext, space_id: str, prefix: str) -> reads.TaskView:
    return next(t for t in reads.tasks(ctx.conn, space_id, ctx.today()) if t.title.startswith(prefix))


def card(model: BoardColumnModel, task_id: str) -> QModelIndex:
    row = model.row_of(task_id)
    assert row >= 0, f"{task_id} is not in the {model.status} column"
    return model.index(row)


def test_the_demo_spaces_are_in_the_picker_after_my_tasks(ctx: AppContext, view: TasksView) -> None:
    combo = view.space_combo
    labels = [combo.itemText(i) for i in range(combo.count()) if combo.itemData(i) is not None]
    assert labels[0] == "My tasks"
    expected = [s.title for s in reads.spaces(ctx.conn, ctx.user_id)]
    assert ROLLOUT in expected
    assert labels[1:] == expected


def test_the_board_shows_each_task_in_its_status_column(ctx: AppContext, view: TasksView) -> None:
    space_id = rollout_id(ctx)
    assert view.show_space(space_id)
    assert view.pages.currentWidget() is view.board
    columns = reads.board(ctx.conn, space_id, ctx.today(), "en")
    for status in STATUSES:
        model = view.board.models[status]
        shown = [model.index(r).data(TaskRoles.Id) for r in range(model.rowCount())]
        assert shown == [t.id for t in columns[status]]
        assert all(model.index(r).data(TaskRoles.Status) == status for r in range(model.rowCount()))
    assert view.board.models["done"].rowCount() >= 3
    assert "In review" in view.board.headers["in_review"].text()


def test_an_overdue_task_is_flagged_and_a_future_one_is_not(ctx: AppContext, view: TasksView) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    pilot = task_by_title(ctx, space_id, "试点部门上线")  # in review, due two days ago
    weekly = task_by_title(ctx, space_id, "活跃度周报")  # due in ten days
    review = view.board.models["in_review"]
    assert card(review, pilot.id).data(TaskRoles.Overdue) is True
    assert card(view.board.models["todo"], weekly.id).data(TaskRoles.Overdue) is False
    assert card(review, pilot.id).data(TaskRoles.DueText) != ""


def test_blocked_by_names_the_unfinished_dependency(ctx: AppContext, view: TasksView) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    workshop = task_by_title(ctx, space_id, "培训工作坊")  # waits for the pilot, still in review
    pilot = task_by_title(ctx, space_id, "试点部门上线")
    index = card(view.board.models["todo"], workshop.id)
    assert index.data(TaskRoles.BlockedBy) == [pilot.title]
    assert pilot.title in index.data(Qt.ItemDataRole.AccessibleTextRole)
    interviews = task_by_title(ctx, space_id, "部门负责人访谈")
    assert card(view.board.models["done"], interviews.id).data(TaskRoles.BlockedBy) == []


def test_dropping_a_card_on_done_changes_the_status_in_the_store(ctx: AppContext, view: TasksView,
                                                                qtbot: QtBot) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    weekly = task_by_title(ctx, space_id, "活跃度周报")
    source, target = view.board.models["todo"], view.board.models["done"]
    mime = source.mimeData([card(source, weekly.id)])  # what the view puts on the drag
    assert mime.hasFormat(TASK_MIME)
    assert target.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    assert not source.canDropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    with qtbot.waitSignal(ctx.data_changed, check_params_cb=lambda c: weekly.id in c.get("task", set())):
        assert target.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, QModelIndex())
    detail = reads.task(ctx.conn, weekly.id, ctx.today())
    assert detail is not None and detail.task.status == "done"
    qtbot.waitUntil(lambda: target.row_of(weekly.id) >= 0)
    assert source.row_of(weekly.id) < 0


def test_keyboard_move_follows_the_card_to_the_next_column(ctx: AppContext, view: TasksView, qtbot: QtBot) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    weekly = task_by_title(ctx, space_id, "活跃度周报")
    assert view.board.select_task(weekly.id, focus=True)
    view.board.move_right_action.trigger()
    qtbot.waitUntil(lambda: view.board.models["in_progress"].row_of(weekly.id) >= 0)
    assert view.board.current_task_id() == weekly.id
    detail = reads.task(ctx.conn, weekly.id, ctx.today())
    assert detail is not None and detail.task.status == "in_progress"


def test_the_editor_saves_changed_fields_to_the_store(ctx: AppContext, view: TasksView, qtbot: QtBot) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    weekly = task_by_title(ctx, space_id, "活跃度周报")
    dialog = view.edit_task(weekly.id)
    assert dialog is not None and dialog.title_edit.text() == weekly.title
    dialog.title_edit.setText("Weekly activity report")
    dialog.progress_spin.setValue(35)
    dialog.status_combo.setCurrentIndex(dialog.status_combo.findData("in_progress"))
    dialog.no_due_check.setChecked(True)
    me = dialog.owner_combo.findData(ctx.user_id)
    assert me >= 0
    dialog.owner_combo.setCurrentIndex(me)
    assert set(dialog.changed_fields()) == {"title", "progress", "status", "due", "owner_id"}
    with qtbot.waitSignal(dialog.saved):
        dialog.accept()
    detail = reads.task(ctx.conn, weekly.id, ctx.today())
    assert detail is not None
    saved = detail.task
    assert (saved.title, saved.progress, saved.status, saved.due, saved.owner_id) == (
        "Weekly activity report", 35, "in_progress", None, ctx.user_id)
    assert saved.description == weekly.description  # untouched fields are not sent
    qtbot.waitUntil(lambda: view.board.models["in_progress"].row_of(weekly.id) >= 0)


def test_a_new_task_with_a_dependency_shows_blocked_by(ctx: AppContext, view: TasksView, qtbot: QtBot) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    points = task_by_title(ctx, space_id, "积分与成长地图")  # in progress
    dialog = view.new_task()
    assert dialog is not None
    dialog.title_edit.setText("Badge artwork")
    dialog.no_due_check.setChecked(False)
    dialog.due_edit.setDate(dialog.due_edit.date().addDays(-30))  # already overdue
    dialog.set_dependency(points.id, True)
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.accept()
    new_id = saved.args[0]
    qtbot.waitUntil(lambda: view.board.models["todo"].row_of(new_id) >= 0)
    index = card(view.board.models["todo"], new_id)
    assert index.data(TaskRoles.BlockedBy) == [points.title]
    assert index.data(TaskRoles.Overdue) is True
    detail = reads.task(ctx.conn, new_id, ctx.today())
    assert detail is not None and detail.task.depends_on == (points.id,)
    assert detail.task.due == ctx.today() + timedelta(days=7) - timedelta(days=30)


def test_my_tasks_lists_the_persons_tasks_with_overdue_marked(ctx: AppContext, view: TasksView) -> None:
    assert view.show_space(None)
    assert view.pages.currentWidget() is view.my_table
    mine = reads.my_tasks(ctx.conn, ctx.user_id, ctx.today(), "en")
    model = view.my_model
    assert [model.index(r, 0).data(TaskRoles.Id) for r in range(model.rowCount())] == [t.id for t in mine]
    assert mine, "wangfang owns the training workshops"
    assert model.index(0, 1).data() == ROLLOUT
    assert not view.new_action.isEnabled()


def test_csv_export_writes_a_header_and_one_row_per_task(ctx: AppContext, view: TasksView, qtbot: QtBot,
                                                         tmp_path: Path) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    path = tmp_path / "rollout-progress.csv"
    with qtbot.waitSignal(view.exported) as done:
        view.export_progress(path)
    count = len(reads.tasks(ctx.conn, space_id, ctx.today()))
    assert done.args == [str(path), count]
    with path.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0][0] == "Title"
    assert len(rows) == count + 1


def test_default_export_name_is_safe_for_file_systems() -> None:
    from ui.tasks.export import default_file_name

    assert default_file_name(ROLLOUT) == f"{ROLLOUT}-progress.csv"
    assert default_file_name('a/b: "c"') == "a-b- -c-progress.csv"


def test_open_item_selects_the_card_and_opens_the_editor(ctx: AppContext, view: TasksView) -> None:
    space_id = rollout_id(ctx)
    view.show_space(None)
    pilot = task_by_title(ctx, space_id, "试点部门上线")
    view.open_item("task", pilot.id)
    assert view.current_space_id() == space_id
    assert view.board.current_task_id() == pilot.id
    assert view.editor is not None and view.editor.task_id == pilot.id
    assert view.editor.history_model.rowCount() > 0  # the demo's updates are in its history


def test_delete_without_confirmation_removes_the_card(ctx: AppContext, view: TasksView, qtbot: QtBot) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    enguide = task_by_title(ctx, space_id, "English onboarding")  # wangfang created it
    view.delete_task(enguide.id, confirm=False)
    qtbot.waitUntil(lambda: view.board.models["in_progress"].row_of(enguide.id) < 0)
    found = reads.task_row(ctx.conn, enguide.id, ctx.today())
    assert found is not None and found.deleted


def test_unrelated_changes_do_not_refresh(ctx: AppContext, view: TasksView, qtbot: QtBot) -> None:
    model = view.board.models["todo"]
    with qtbot.assertNotEmitted(model.modelReset), qtbot.assertNotEmitted(model.dataChanged):
        ctx.data_changed.emit({"message": {"x"}})


def test_every_model_passes_the_model_tester(ctx: AppContext, view: TasksView, qtmodeltester: ModelTester) -> None:
    space_id = rollout_id(ctx)
    view.show_space(space_id)
    for status in STATUSES:
        qtmodeltester.check(view.board.models[status])
    qtmodeltester.check(BoardColumnModel("todo"))
    view.show_space(None)
    qtmodeltester.check(view.my_model)
    qtmodeltester.check(MyTasksModel())
    pilot = task_by_title(ctx, space_id, "试点部门上线")
    detail = reads.task(ctx.conn, pilot.id, ctx.today(), "en")
    assert detail is not None
    history = TaskHistoryModel()
    history.set_entries(detail.history, value_text_for({}, {}))
    qtmodeltester.check(history)
    assert QApplication.instance() is not None


def test_history_shows_a_lost_concurrent_edit(qapp: QApplication) -> None:
    from app.store.reads import TaskHistoryEntry

    entries = [
        TaskHistoryEntry("h1", "status", "todo", "in_progress", "u1", "Li Jie", "1-a", "applied", None),
        TaskHistoryEntry("h2", "status", "todo", "in_review", "u2", "Wang Fang", "2-b", "lost", None),
    ]
    model = TaskHistoryModel()
    model.set_entries(entries, value_text_for({}, {}))
    lost = model.index(1, 4)
    assert lost.data() == "Replaced by a concurrent edit"
    assert lost.data(Qt.ItemDataRole.FontRole).italic()
    assert "kept" in lost.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, 3).data() == "To do → In review"
    assert model.index(0, 3).data() == "To do → In progress"


def test_my_tasks_table_has_its_column_headers(qapp: object) -> None:
    model = MyTasksModel()
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == ["Title", "Space", "Status", "Due", "Progress"]
