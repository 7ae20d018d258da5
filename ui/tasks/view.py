"""The Tasks section: a space picker ("My tasks" first), each space's board, the person's own tasks, and the
task editor, deletion and CSV export.

Reads come from app/store/reads.py on the GUI thread's connection; every change goes through ctx.act to the
app services. The section refreshes only when a commit touches tasks, spaces, their members, people or the
outbox (a task's "not synced yet" mark), and a hidden section just remembers to refresh when it is shown.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.services import tasks as task_service
from app.store import reads

from ..context import AppContext
from . import export
from .board import BoardWidget
from .editor import TaskEditorDialog
from .models import MyTasksModel
from .space_dialog import NewSpaceDialog

MY_TASKS = ""  # the picker's data for "My tasks" (space ids are never empty)
_WATCHED = ("task", "space", "space_member", "outbox", "person")


class TasksView(QWidget):
    exported = Signal(str, int)  # path, number of tasks written

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.editor: TaskEditorDialog | None = None
        self._stale = False
        self._spaces: dict[str, reads.SpaceView] = {}
        self.setObjectName("TasksView")

        self.space_combo = QComboBox()
        self.space_combo.setObjectName("spacePicker")
        self.space_combo.setAccessibleName(self.tr("Space"))
        self.space_combo.setMinimumContentsLength(24)
        self.space_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        space_label = QLabel(self.tr("&Space:"))
        space_label.setBuddy(self.space_combo)

        self.new_action = self._action(self.tr("New task"), "Ctrl+N", self.new_task)
        self.export_action = self._action(self.tr("Export CSV…"), "Ctrl+Shift+E", self._export_clicked)
        self.export_action.setToolTip(self.tr("Export this space's progress table as a CSV file"))
        self.new_action.setToolTip(self.tr("Add a task to this space (Ctrl+N)"))
        new_button, export_button = QToolButton(), QToolButton()
        for button, action, name in ((new_button, self.new_action, "newTaskButton"),
                                     (export_button, self.export_action, "exportButton")):
            button.setDefaultAction(action)
            button.setObjectName(name)
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setAccessibleName(action.text().rstrip("…"))
        self.message_label = QLabel()
        self.message_label.setObjectName("tasksMessage")
        bar = QHBoxLayout()
        bar.addWidget(space_label)
        bar.addWidget(self.space_combo)
        bar.addWidget(new_button)
        bar.addWidget(export_button)
        bar.addWidget(self.message_label, 1)

        self.board = BoardWidget()
        self.board.move_requested.connect(self.move_task)
        self.board.edit_requested.connect(self.edit_task)
        self.board.delete_requested.connect(self.delete_task)
        self.my_model = MyTasksModel(self)
        self.my_table = QTableView()
        self.my_table.setObjectName("myTasksTable")
        self.my_table.setAccessibleName(self.tr("My tasks"))
        self.my_table.setModel(self.my_model)
        self.my_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.my_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.my_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.my_table.setAlternatingRowColors(True)
        self.my_table.verticalHeader().hide()
        # Fixed row heights keep the table fast however many tasks a person owns (DESIGN.md, big lists).
        self.my_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.my_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, len(MyTasksModel.COLUMNS)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.my_table.doubleClicked.connect(self._table_activated)
        self.my_table.activated.connect(self._table_activated)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.board)
        self.pages.addWidget(self.my_table)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.pages, 1)

        self._load_spaces()
        self.space_combo.setCurrentIndex(2 if self.space_combo.count() > 2 else 0)  # the first space, if any
        self.space_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.refresh()
        ctx.data_changed.connect(self._data_changed)

    def _action(self, text: str, shortcut: str, slot: object) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    # ------------------------------------------------------------------------------------------ reading

    def current_space_id(self) -> str | None:
        data = self.space_combo.currentData()
        return data or None

    def show_space(self, space_id: str | None) -> bool:
        """Pick a space (None for "My tasks"); False when the person is not in that space."""
        index = self.space_combo.findData(space_id or MY_TASKS)
        if index < 0:
            return False
        self.space_combo.setCurrentIndex(index)
        return True

    def _load_spaces(self) -> None:
        current = self.space_combo.currentData()
        self._spaces = {s.id: s for s in reads.spaces(self.ctx.conn, self.ctx.user_id)}
        self.space_combo.blockSignals(True)
        self.space_combo.clear()
        self.space_combo.addItem(self.tr("My tasks"), MY_TASKS)
        self.space_combo.insertSeparator(1)
        for space in self._spaces.values():
            self.space_combo.addItem(space.title, space.id)
        # A space the person left (or that was purged) falls back to their own tasks.
        self.space_combo.setCurrentIndex(max(0, self.space_combo.findData(current)) if current is not None else 0)
        self.space_combo.blockSignals(False)

    def refresh(self) -> None:
        self._stale = False
        space_id = self.current_space_id()
        self.new_action.setEnabled(space_id is not None)
        self.export_action.setEnabled(space_id is not None)
        if space_id is None:
            titles = {sid: s.title for sid, s in self._spaces.items()}
            self.my_model.set_tasks(reads.my_tasks(self.ctx.conn, self.ctx.user_id, self.ctx.today(),
                                                   self.ctx.language), titles)
            self.pages.setCurrentWidget(self.my_table)
            return
        self.board.set_board(reads.board(self.ctx.conn, space_id, self.ctx.today(), self.ctx.language))
        self.pages.setCurrentWidget(self.board)

    def _data_changed(self, changes: dict[str, set[str]]) -> None:
        if not self.ctx.changes_touch(changes, *_WATCHED):
            return
        if not self.isVisible():
            self._stale = True  # nothing to paint now; catch up when shown
            return
        if self.ctx.changes_touch(changes, "space", "space_member", "person"):
            self._load_spaces()
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._load_spaces()
            self.refresh()
        super().showEvent(event)

    # ------------------------------------------------------------------------------------------ actions

    def new_task(self) -> TaskEditorDialog | None:
        space_id = self.current_space_id()
        if space_id is None:
            return None
        return self._open_editor(TaskEditorDialog(self.ctx, space_id, None, self))

    def start_new(self, what: str) -> QDialog | None:
        """Open the dialog that creates a task (in the space shown, else the person's first space) or, for
        "space", a project space; asked for from elsewhere (the growth map's next steps)."""
        if what == "space":
            return self.new_space()
        if self.current_space_id() is None and self._spaces:
            projects = [s for s in self._spaces.values() if s.kind == "project"] or list(self._spaces.values())
            self.show_space(projects[0].id)
        return self.new_task()

    def new_space(self) -> NewSpaceDialog:
        people = [p for p in reads.people(self.ctx.conn) if p.id != self.ctx.user_id and p.active]
        dialog = NewSpaceDialog(people, self.ctx.language, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def create() -> None:
            self.ctx.act(task_service.create_space, dialog.title(), description=dialog.description(),
                         members=dialog.members(), on_done=self._show_new_space)

        dialog.accepted.connect(create)
        dialog.open()
        return dialog

    def _show_new_space(self, space_id: str) -> None:
        self._load_spaces()
        self.show_space(space_id)

    def edit_task(self, task_id: str) -> TaskEditorDialog | None:
        found = reads.task_row(self.ctx.conn, task_id, self.ctx.today())
        if found is None or found.deleted:
            self.message_label.setText(self.tr("That task is not here any more."))
            return None
        return self._open_editor(TaskEditorDialog(self.ctx, found.space_id, task_id, self))

    def _open_editor(self, dialog: TaskEditorDialog) -> TaskEditorDialog:
        if self.editor is not None:
            self.editor.close()
        self.editor = dialog
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.destroyed.connect(lambda *_: self._editor_gone(dialog))
        dialog.saved.connect(lambda task_id: self.board.select_task(task_id))
        dialog.open()
        return dialog

    def _editor_gone(self, dialog: TaskEditorDialog) -> None:
        if self.editor is dialog:
            self.editor = None

    def move_task(self, task_id: str, status: str) -> None:
        self.ctx.act(task_service.update_task, task_id, {"status": status})

    def delete_task(self, task_id: str, *, confirm: bool = True) -> None:
        found = reads.task_row(self.ctx.conn, task_id, self.ctx.today())
        if found is None or found.deleted:
            return
        if confirm:
            answer = QMessageBox.question(
                self, self.tr("Delete task"),
                self.tr("Delete the task “%1”? Everyone in the space will no longer see it.").replace("%1",
                                                                                                     found.title),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel)
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.ctx.act(task_service.delete_task, task_id)

    def _table_activated(self, index: QModelIndex) -> None:
        task = self.my_model.task_at(index.row())
        if task is not None:
            self.edit_task(task.id)

    def _export_clicked(self) -> None:
        space_id = self.current_space_id()
        if space_id is None or space_id not in self._spaces:
            return
        path = export.ask_path(self, self._spaces[space_id].title)
        if path is not None:
            self.export_progress(path)

    def export_progress(self, path: Path, space_id: str | None = None) -> None:
        """Write the (current) space's progress table to `path`; `exported` fires when the file is written."""
        chosen = space_id or self.current_space_id()
        if chosen is None:
            return

        def written(count: int) -> None:
            self.message_label.setText(self.tr("Exported %n task(s) to %1", "", count).replace("%1", path.name))
            self.exported.emit(str(path), count)

        export.export_progress(self.ctx, chosen, path, written)

    # ------------------------------------------------------------------------------------- navigation

    def open_item(self, kind: str, item_id: str) -> None:
        """Open a task: show its space's board, select its card and open its editor."""
        if kind != "task":
            return
        found = reads.task_row(self.ctx.conn, item_id, self.ctx.today())
        if found is None or found.deleted:
            self.message_label.setText(self.tr("That task is not here any more."))
            return
        if not self.show_space(found.space_id):
            self.message_label.setText(self.tr("You are not a member of that task's space."))
            return
        self.refresh()
        self.board.select_task(item_id, focus=True)
        self.edit_task(item_id)
