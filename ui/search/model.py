"""The search results list: one row per hit (chat message, task or article) and a delegate that draws it.

A row is two lines — the kind and where it lives, with the time, over a snippet of the text — drawn by the
delegate at one fixed height, so the list stays cheap however many hits there are.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

_Index = QModelIndex | QPersistentModelIndex
RESULT_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class ResultRow:
    kind: str  # message | task | article
    ref_id: str
    kind_label: str  # translated: Chat, Task, Article
    title: str  # where it lives: the conversation, "space · task", or the article
    snippet: str
    when: str  # already formatted for the locale


class SearchResultModel(QAbstractListModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ResultRow] = []

    def set_rows(self, rows: list[ResultRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> ResultRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        result = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return f"{result.kind_label}: {result.title} — {result.snippet}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return result.snippet
        if role == RESULT_ROLE:
            return result
        return None


class SearchResultDelegate(QStyledItemDelegate):
    """Kind and title (bold) with the time on the right, the snippet below in the palette's muted colour."""

    MARGIN = 6

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:
        line = QFontMetrics(option.font).lineSpacing()
        return QSize(200, 2 * line + 2 * self.MARGIN + 2)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        result = index.data(RESULT_ROLE)
        if not isinstance(result, ResultRow):
            super().paint(painter, option, index)
            return
        painter.save()
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            # The selection and hover background from the style: right on every platform and theme.
            plain = QStyleOptionViewItem(option)
            self.initStyleOption(plain, index)
            plain.text = ""
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, plain, painter, option.widget)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        muted_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        rect = option.rect.adjusted(self.MARGIN, self.MARGIN, -self.MARGIN, -self.MARGIN)
        metrics = QFontMetrics(option.font)
        line = metrics.lineSpacing()
        when_width = metrics.horizontalAdvance(result.when) + self.MARGIN
        bold = QFont(option.font)
        bold.setBold(True)
        painter.setFont(bold)
        painter.setPen(palette.color(text_role))
        top = QRect(rect.left(), rect.top(), rect.width() - when_width, line)
        heading = f"{result.kind_label} · {result.title}"
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(bold).elidedText(heading, Qt.TextElideMode.ElideRight, top.width()))
        painter.setFont(option.font)
        painter.setPen(palette.color(muted_role))
        painter.drawText(QRect(rect.right() - when_width, rect.top(), when_width, line),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, result.when)
        bottom = QRect(rect.left(), rect.top() + line, rect.width(), line)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(result.snippet, Qt.TextElideMode.ElideRight, bottom.width()))
        painter.restore()
