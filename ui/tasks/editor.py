"""The task editor: create a task or change one, and read its history (including edits that lost a race).

Saving sends only the fields the person changed here: tasks merge field by field (last writer wins per field),
so a colleague's concurrent change of another field survives this save. The dialog stays open until the store
has the change; if the service refuses it, the form stays as typed (the main window shows why).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QSlider,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.services import tasks as task_service
from app.store import reads

from ..context import AppContext
from .history import TaskHistoryModel, value_text_for
from .models import STATUSES, status_label


class TaskEditorDialog(QDialog):
    saved = Signal(str)  # the task's id, once the store has the change

    def __init__(self, ctx: AppContext, space_id: str, task_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.space_id = space_id
        self.task_id = task_id
        self._waiting = False
        self.setObjectName("taskEditor")
        self.setWindowTitle(self.tr("New task") if task_id is None else self.tr("Edit task"))
        self.resize(560, 620)
        detail = reads.task(ctx.conn, task_id, ctx.today(), ctx.language) if task_id else None
        self._task = detail.task if detail else None
        self._build_form()
        self._fill()
        self._initial = self.values()
        tabs = QTabWidget()
        tabs.setObjectName("taskEditorTabs")
        tabs.addTab(self._form_page, self.tr("Details"))
        self.history_model = TaskHistoryModel(self)
        self.history_view = QTableView()
        self.history_view.setObjectName("taskHistory")
        self.history_view.setAccessibleName(self.tr("Task history"))
        self.history_view.setModel(self.history_model)
        self.history_view.verticalHeader().hide()
        self.history_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.history_view.setWordWrap(False)
        self.history_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.history_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tabs = tabs
        if task_id is not None:
            self._history_tab = tabs.addTab(self.history_view, "")
            self.load_history()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs, 1)
        layout.addWidget(self.buttons)
        ctx.data_changed.connect(self._data_changed)
        ctx.action_failed.connect(self._failed)
        self._listening = True

    # --------------------------------------------------------------------------------------------- form

    def _build_form(self) -> None:
        self._form_page = QWidget()
        form = QFormLayout(self._form_page)
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("taskTitle")
        self.title_edit.setAccessibleName(self.tr("Title"))
        form.addRow(self.tr("&Title:"), self.title_edit)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setObjectName("taskDescription")
        self.description_edit.setAccessibleName(self.tr("Description"))
        self.description_edit.setPlaceholderText(self.tr("Markdown: **bold**, lists, links…"))
        self.description_edit.setTabChangesFocus(True)
        form.addRow(self.tr("&Description:"), self.description_edit)
        self.owner_combo = QComboBox()
        self.owner_combo.setObjectName("taskOwner")
        self.owner_combo.setAccessibleName(self.tr("Owner"))
        form.addRow(self.tr("&Owner:"), self.owner_combo)
        self.due_edit = QDateEdit()
        self.due_edit.setObjectName("taskDue")
        self.due_edit.setAccessibleName(self.tr("Due date"))
        self.due_edit.setCalendarPopup(True)
        self.no_due_check = QCheckBox(self.tr("No due date"))
        self.no_due_check.setObjectName("taskNoDue")
        self.no_due_check.setAccessibleName(self.tr("No due date"))
        self.no_due_check.toggled.connect(lambda on: self.due_edit.setEnabled(not on))
        due_row = QHBoxLayout()
        due_row.addWidget(self.due_edit, 1)
        due_row.addWidget(self.no_due_check)
        form.addRow(_buddy(self.tr("D&ue:"), self.due_edit), due_row)
        self.status_combo = QComboBox()
        self.status_combo.setObjectName("taskStatus")
        self.status_combo.setAccessibleName(self.tr("Status"))
        for status in STATUSES:
            self.status_combo.addItem(status_label(status), status)
        form.addRow(self.tr("&Status:"), self.status_combo)
        self.progress_slider = QSlider(Qt.Orientation.Horizontal)
        self.progress_slider.setRange(0, 100)
        self.progress_slider.setAccessibleName(self.tr("Progress"))
        self.progress_spin = QSpinBox()
        self.progress_spin.setObjectName("taskProgress")
        self.progress_spin.setRange(0, 100)
        self.progress_spin.setSuffix("%")
        self.progress_spin.setAccessibleName(self.tr("Progress in percent"))
        self.progress_slider.valueChanged.connect(self.progress_spin.setValue)
        self.progress_spin.valueChanged.connect(self.progress_slider.setValue)
        progress_row = QHBoxLayout()
        progress_row.addWidget(self.progress_slider, 1)
        progress_row.addWidget(self.progress_spin)
        form.addRow(_buddy(self.tr("&Progress:"), self.progress_spin), progress_row)
        self.dependency_model = QStandardItemModel(self)
        self.dependency_view = QListView()
        self.dependency_view.setObjectName("taskDependencies")
        self.dependency_view.setAccessibleName(self.tr("Depends on these tasks"))
        self.dependency_view.setModel(self.dependency_model)
        self.dependency_view.setUniformItemSizes(True)
        self.dependency_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        form.addRow(self.tr("Depends &on:"), self.dependency_view)

    def _fill(self) -> None:
        conn, task = self.ctx.conn, self._task
        space = reads.space(conn, self.space_id)
        member_ids = list(space.member_ids) if space else []
        if task and task.owner_id and task.owner_id not in member_ids:
            member_ids.append(task.owner_id)  # an owner who left the space stays shown rather than dropped
        people = reads.people_by_id(conn, member_ids)
        self.owner_combo.addItem(self.tr("No owner"), None)
        named = sorted((reads.display_name(people.get(m), self.ctx.language, m), m) for m in member_ids)
        for name, person_id in named:
            self.owner_combo.addItem(name, person_id)
        depends = set(task.depends_on) if task else set()
        self._hidden_dependencies = list(task.depends_on) if task else []
        for other in reads.tasks(conn, self.space_id, self.ctx.today(), language=self.ctx.language):
            if task and other.id == task.id:
                continue
            item = QStandardItem(f"{other.title} ({status_label(other.status)})")
            item.setData(other.id, Qt.ItemDataRole.UserRole)
            item.setCheckable(True)
            item.setEditable(False)
            item.setCheckState(Qt.CheckState.Checked if other.id in depends else Qt.CheckState.Unchecked)
            self.dependency_model.appendRow(item)
            if other.id in self._hidden_dependencies:
                self._hidden_dependencies.remove(other.id)
        if task is None:
            self.title_edit.setFocus()
            self.no_due_check.setChecked(True)
            self.due_edit.setEnabled(False)
            self.due_edit.setDate(_qdate(self.ctx.today() + timedelta(days=7)))
            return
        self.title_edit.setText(task.title)
        self.description_edit.setPlainText(task.description)
        self.owner_combo.setCurrentIndex(max(0, self.owner_combo.findData(task.owner_id)))
        self.no_due_check.setChecked(task.due is None)
        self.due_edit.setEnabled(task.due is not None)
        self.due_edit.setDate(_qdate(task.due or self.ctx.today() + timedelta(days=7)))
        self.status_combo.setCurrentIndex(max(0, self.status_combo.findData(task.status)))
        self.progress_spin.setValue(task.progress)

    def values(self) -> dict[str, Any]:
        """The form as the service's field names and typed values."""
        checked = [
            self.dependency_model.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.dependency_model.rowCount())
            if self.dependency_model.item(row).checkState() == Qt.CheckState.Checked
        ]
        due = None if self.no_due_check.isChecked() else self.due_edit.date().toPython()
        return {
            "title": self.title_edit.text().strip(),
            "description": self.description_edit.toPlainText(),
            "owner_id": self.owner_combo.currentData(),
            "due": due,
            "status": self.status_combo.currentData(),
            "progress": self.progress_spin.value(),
            # Dependencies not listed here (not synced yet) are kept, not silently removed.
            "depends_on": [*checked, *self._hidden_dependencies],
        }

    def changed_fields(self) -> dict[str, Any]:
        now = self.values()
        return {field: value for field, value in now.items() if self._initial.get(field) != value}

    def set_dependency(self, task_id: str, checked: bool) -> None:
        for row in range(self.dependency_model.rowCount()):
            item = self.dependency_model.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == task_id:
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # ------------------------------------------------------------------------------------------ history

    def load_history(self) -> None:
        if self.task_id is None:
            return
        detail = reads.task(self.ctx.conn, self.task_id, self.ctx.today(), self.ctx.language)
        entries = detail.history if detail else ()
        people = reads.people_by_id(self.ctx.conn, [self.owner_combo.itemData(i)
                                                    for i in range(self.owner_combo.count())]
                                    + [e.new_value for e in entries if e.field == "owner_id"]
                                    + [e.old_value for e in entries if e.field == "owner_id"])
        names = {pid: reads.display_name(p, self.ctx.language, pid) for pid, p in people.items()}
        titles = {str(self.dependency_model.item(r).data(Qt.ItemDataRole.UserRole)):
                  self.dependency_model.item(r).text() for r in range(self.dependency_model.rowCount())}
        self.history_model.set_entries(entries, value_text_for(names, titles))
        header = self.history_view.horizontalHeader()
        for column in range(self.history_model.columnCount()):
            mode = QHeaderView.ResizeMode.Stretch if column == 3 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(column, mode)  # the change itself gets the room
        lost = sum(1 for e in entries if e.outcome == "lost")
        label = self.tr("History (%1)").replace("%1", str(len(entries)))
        if lost:
            label = self.tr("History (%1, %2 replaced)").replace("%1", str(len(entries))).replace("%2", str(lost))
        self.tabs.setTabText(self._history_tab, label)

    def _data_changed(self, changes: dict[str, set[str]]) -> None:
        # Only the history follows the store while the dialog is open: the form keeps what the person typed.
        if self.task_id and (self.task_id in changes.get("task", set()) or "task_history" in changes):
            self.load_history()

    # ----------------------------------------------------------------------------------------- saving

    def accept(self) -> None:
        if self._waiting:
            return
        if not self.title_edit.text().strip():
            self.title_edit.setFocus()
            self.title_edit.setPlaceholderText(self.tr("A task needs a title"))
            return
        if self.task_id is None:
            values = self.values()
            self._start_waiting()
            self.ctx.act(task_service.add_task, self.space_id, values["title"], description=values["description"],
                         owner=values["owner_id"], due=values["due"], status=values["status"],
                         progress=values["progress"], depends_on=values["depends_on"], on_done=self._saved)
            return
        changes = self.changed_fields()
        if not changes:
            super().accept()
            return
        self._start_waiting()
        self.ctx.act(task_service.update_task, self.task_id, changes, on_done=self._saved)

    def _start_waiting(self) -> None:
        self._waiting = True
        self.buttons.setEnabled(False)

    def _saved(self, result: Any) -> None:
        self._waiting = False
        self.buttons.setEnabled(True)
        if self.task_id is None and isinstance(result, str):
            self.task_id = result
        self.saved.emit(self.task_id or "")
        super().accept()

    def _failed(self, _message: str) -> None:
        if self._waiting:
            self._waiting = False
            self.buttons.setEnabled(True)

    def done(self, result: int) -> None:
        if self._listening:  # a closed editor no longer follows the store
            self._listening = False
            self.ctx.data_changed.disconnect(self._data_changed)
            self.ctx.action_failed.disconnect(self._failed)
        super().done(result)


def _buddy(text: str, widget: QWidget) -> QLabel:
    # A form row whose field is a layout gets no buddy by itself, so its &-shortcut would show literally.
    label = QLabel(text)
    label.setBuddy(widget)
    return label


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)

