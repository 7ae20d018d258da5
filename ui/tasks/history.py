"""The history of one task as a table model: who changed which field, from what to what, and what became of it.

Concurrent edits of the same field are settled by the clock (last writer wins); the value that lost is kept in
the task's history with the outcome "lost", and this model shows it in italics with a sentence saying so —
so an edit that did not stick never disappears silently.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QLocale, QModelIndex, QObject, Qt
from PySide6.QtWidgets import QApplication

from app.store.reads import TaskHistoryEntry
from ui.times import format_time

from .colours import overdue_colour
from .models import Index, status_label

HistoryRole = Qt.ItemDataRole.UserRole + 20  # the TaskHistoryEntry


def field_label(field: str) -> str:
    labels = {
        "title": QCoreApplication.translate("TaskHistory", "Title"),
        "description": QCoreApplication.translate("TaskHistory", "Description"),
        "owner_id": QCoreApplication.translate("TaskHistory", "Owner"),
        "due": QCoreApplication.translate("TaskHistory", "Due date"),
        "status": QCoreApplication.translate("TaskHistory", "Status"),
        "progress": QCoreApplication.translate("TaskHistory", "Progress"),
        "depends_on": QCoreApplication.translate("TaskHistory", "Dependencies"),
        "*": QCoreApplication.translate("TaskHistory", "Task"),
    }
    return labels.get(field, field)


class TaskHistoryModel(QAbstractTableModel):
    """Oldest change first; `names` and `titles` turn person and task ids in values into names."""

    COLUMNS = ("when", "who", "field", "change", "outcome")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries: list[TaskHistoryEntry] = []
        self._value_text: Callable[[str, Any], str] = lambda _field, value: str(value)

    def set_entries(self, entries: Sequence[TaskHistoryEntry], value_text: Callable[[str, Any], str]) -> None:
        self.beginResetModel()
        self._entries = list(entries)
        self._value_text = value_text
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        return (
            QCoreApplication.translate("TaskHistory", "When"),
            QCoreApplication.translate("TaskHistory", "Who"),
            QCoreApplication.translate("TaskHistory", "Field"),
            QCoreApplication.translate("TaskHistory", "Change"),
            QCoreApplication.translate("TaskHistory", "Result"),
        )[section]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._entries):
            return None
        entry = self._entries[index.row()]
        column = self.COLUMNS[index.column()]
        if role == HistoryRole:
            return entry
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if entry.outcome == "lost":
                return QCoreApplication.translate(
                    "TaskHistory",
                    "Someone else changed this field at the same time and their change came later; this value was replaced and is kept here.",  # noqa: E501
                )
            return self._text(entry, column)
        if role == Qt.ItemDataRole.FontRole and entry.outcome == "lost":
            font = QApplication.font()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and entry.outcome == "lost" and column == "outcome":
            return overdue_colour(QApplication.palette())
        return None

    def _text(self, entry: TaskHistoryEntry, column: str) -> str:
        if column == "when":
            return format_time(entry.at)
        if column == "who":
            return entry.actor_name
        if column == "field":
            return field_label(entry.field)
        if column == "outcome":
            return {
                "applied": QCoreApplication.translate("TaskHistory", "Applied"),
                "lost": QCoreApplication.translate("TaskHistory", "Replaced by a concurrent edit"),
                "created": QCoreApplication.translate("TaskHistory", "Created"),
                "deleted": QCoreApplication.translate("TaskHistory", "Deleted"),
            }.get(entry.outcome, entry.outcome)
        if entry.outcome in ("created", "deleted") or entry.field == "*":
            return ""
        old = self._value_text(entry.field, entry.old_value)
        new = self._value_text(entry.field, entry.new_value)
        return QCoreApplication.translate("TaskHistory", "%1 → %2").replace("%1", old).replace("%2", new)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def value_text_for(names: dict[str, str], titles: dict[str, str]) -> Callable[[str, Any], str]:
    """How a history value reads: names for owners, titles for dependencies, translated statuses."""

    def text(field: str, value: Any) -> str:
        if value is None or value == "" or value == []:
            return QCoreApplication.translate("TaskHistory", "(none)")
        if field == "owner_id":
            return names.get(str(value), str(value))
        if field == "status":
            return status_label(str(value))
        if field == "progress":
            return f"{value}%"
        if field == "depends_on" and isinstance(value, list):
            return ", ".join(titles.get(str(v), str(v)) for v in value)
        if field == "due":
            return _due(str(value))
        flat = " ".join(str(value).split())
        return flat if len(flat) <= 60 else flat[:59] + "…"

    return text


def _due(iso: str) -> str:
    day = QDate.fromString(iso, Qt.DateFormat.ISODate)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat) if day.isValid() else iso
