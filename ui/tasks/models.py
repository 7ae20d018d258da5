"""Item models of the Tasks section: one board column (tasks of one status, a drag-and-drop target) and "my tasks".

Both hold the small frozen `TaskView`s that app/store/reads.py returns and expose them through `TaskRoles`, so the
delegate and the tests read the same values the person sees. A column is replaced by `set_tasks`, which only
signals `dataChanged` when the same cards stay in the same order (a status change elsewhere, a progress edit),
so selection and scroll position survive the refreshes that every commit brings.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import QApplication

from app.store.reads import TaskView

from .colours import overdue_colour

TASK_MIME = "application/x-atrium-task-ids"
STATUSES = ("todo", "in_progress", "in_review", "done")

Index = QModelIndex | QPersistentModelIndex


class TaskRoles(IntEnum):
    Task = Qt.ItemDataRole.UserRole + 1  # the TaskView
    Id = Qt.ItemDataRole.UserRole + 2
    Status = Qt.ItemDataRole.UserRole + 3
    Overdue = Qt.ItemDataRole.UserRole + 4  # bool
    BlockedBy = Qt.ItemDataRole.UserRole + 5  # list of titles of unfinished dependencies
    DueText = Qt.ItemDataRole.UserRole + 6  # the due date in the locale's short format, "" for none
    Progress = Qt.ItemDataRole.UserRole + 7  # int 0..100


def status_label(status: str) -> str:
    """The translated name of a status (the wire's names are never shown)."""
    labels = {
        "todo": QCoreApplication.translate("TaskStatus", "To do"),
        "in_progress": QCoreApplication.translate("TaskStatus", "In progress"),
        "in_review": QCoreApplication.translate("TaskStatus", "In review"),
        "done": QCoreApplication.translate("TaskStatus", "Done"),
    }
    return labels.get(status, status)


def due_text(task: TaskView) -> str:
    if task.due is None:
        return ""
    return QLocale().toString(QDate(task.due.year, task.due.month, task.due.day), QLocale.FormatType.ShortFormat)


def encode_ids(ids: Sequence[str]) -> QMimeData:
    mime = QMimeData()
    mime.setData(TASK_MIME, QByteArray(json.dumps(list(ids)).encode("utf-8")))
    return mime


def decode_ids(mime: QMimeData) -> list[str]:
    if not mime.hasFormat(TASK_MIME):
        return []
    try:
        ids = json.loads(bytes(mime.data(TASK_MIME).data()).decode("utf-8"))
    except (ValueError, UnicodeDecodeError):
        return []  # someone else's data under our type: not a drop we understand
    return [str(i) for i in ids] if isinstance(ids, list) else []


def _task_role(task: TaskView, role: int) -> Any:
    if role == TaskRoles.Task:
        return task
    if role == TaskRoles.Id:
        return task.id
    if role == TaskRoles.Status:
        return task.status
    if role == TaskRoles.Overdue:
        return task.overdue
    if role == TaskRoles.BlockedBy:
        return [ref.title for ref in task.blocked_by]
    if role == TaskRoles.DueText:
        return due_text(task)
    if role == TaskRoles.Progress:
        return task.progress
    return None


class BoardColumnModel(QAbstractListModel):
    """The cards of one status column; dropping cards of other columns here asks to move them to this status."""

    task_dropped = Signal(str, str)  # task id, this column's status

    def __init__(self, status: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.status = status
        self._tasks: list[TaskView] = []

    def set_tasks(self, tasks: Sequence[TaskView]) -> None:
        new = list(tasks)
        if [t.id for t in new] == [t.id for t in self._tasks]:
            self._tasks = new
            if new:
                self.dataChanged.emit(self.index(0), self.index(len(new) - 1))
            return
        self.beginResetModel()
        self._tasks = new
        self.endResetModel()

    def tasks(self) -> list[TaskView]:
        return list(self._tasks)

    def row_of(self, task_id: str) -> int:
        return next((row for row, t in enumerate(self._tasks) if t.id == task_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default argument
        return 0 if parent.isValid() else len(self._tasks)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return task.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _accessible_text(task)
        if role == Qt.ItemDataRole.ToolTipRole:
            return task.title
        return _task_role(task, role)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled  # drops land on the column, never onto another card
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return [TASK_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        rows = sorted({i.row() for i in indexes if i.isValid()})
        return encode_ids([self._tasks[r].id for r in rows if r < len(self._tasks)])

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        mine = {t.id for t in self._tasks}
        return any(i not in mine for i in decode_ids(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if action == Qt.DropAction.IgnoreAction:
            return True
        mine = {t.id for t in self._tasks}
        moved = [i for i in decode_ids(data) if i not in mine]
        for task_id in moved:
            self.task_dropped.emit(task_id, self.status)
        # The card reaches this column when the store says so (data_changed); the source keeps it until then,
        # and since no model here removes rows, the view's "move" never deletes anything by itself.
        return bool(moved)


def _accessible_text(task: TaskView) -> str:
    parts = [task.title, status_label(task.status)]
    if task.owner_name:
        parts.append(QCoreApplication.translate("TaskCard", "owner %1").replace("%1", task.owner_name))
    if task.due is not None:
        parts.append(QCoreApplication.translate("TaskCard", "due %1").replace("%1", due_text(task)))
    if task.overdue:
        parts.append(QCoreApplication.translate("TaskCard", "overdue"))
    parts.append(QCoreApplication.translate("TaskCard", "%1% done").replace("%1", str(task.progress)))
    if task.blocked_by:
        parts.append(
            QCoreApplication.translate("TaskCard", "blocked by %1").replace(
                "%1", ", ".join(b.title for b in task.blocked_by)
            )
        )
    return "; ".join(parts)


class MyTasksModel(QAbstractTableModel):
    """The signed-in person's tasks across spaces: title, space, status, due date, progress."""

    COLUMNS = ("title", "space", "status", "due", "progress")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._tasks: list[TaskView] = []
        self._space_titles: dict[str, str] = {}

    def set_tasks(self, tasks: Sequence[TaskView], space_titles: dict[str, str]) -> None:
        new = list(tasks)
        self._space_titles = dict(space_titles)
        if [t.id for t in new] == [t.id for t in self._tasks]:
            self._tasks = new
            if new:
                self.dataChanged.emit(self.index(0, 0), self.index(len(new) - 1, len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._tasks = new
        self.endResetModel()

    def task_at(self, row: int) -> TaskView | None:
        return self._tasks[row] if 0 <= row < len(self._tasks) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (
            QCoreApplication.translate("MyTasks", "Title"),
            QCoreApplication.translate("MyTasks", "Space"),
            QCoreApplication.translate("MyTasks", "Status"),
            QCoreApplication.translate("MyTasks", "Due"),
            QCoreApplication.translate("MyTasks", "Progress"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._tasks):
            return None
        task = self._tasks[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(task, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return _accessible_text(task) if column == "title" else self._text(task, column)
        if role == Qt.ItemDataRole.ForegroundRole and task.overdue and column in ("title", "due"):
            return overdue_colour(QApplication.palette())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "progress":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and task.overdue and column == "due":
            font = QApplication.font()
            font.setBold(True)
            return font
        return _task_role(task, role)

    def _text(self, task: TaskView, column: str) -> str:
        if column == "title":
            return task.title
        if column == "space":
            return self._space_titles.get(task.space_id, "")
        if column == "status":
            return status_label(task.status)
        if column == "due":
            return due_text(task)
        return f"{task.progress}%"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
