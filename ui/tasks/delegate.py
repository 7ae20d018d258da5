"""The card painter of the task board: title, owner, due date, progress, "Blocked by: …" and overdue marks.

Everything is painted from the model's roles (no widget per card); colours come from the view's palette, with
the overdue red from ui/tasks/colours.py so a dark theme gets a lighter red.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.store.reads import TaskView

from .colours import card_background, overdue_colour
from .models import TaskRoles, due_text

_MARGIN = 4  # between cards and around them
_PAD = 8  # inside a card
_GAP = 4  # between a card's lines
_BAR = 6  # progress bar height
_OVERDUE_BAR = 4  # the overdue mark on the card's left edge


def _fonts(option: QStyleOptionViewItem) -> tuple[QFont, QFont, QFont]:
    title = QFont(option.font)
    title.setBold(True)
    small = QFont(option.font)
    if small.pointSizeF() > 0:
        small.setPointSizeF(small.pointSizeF() * 0.9)
    return title, QFont(option.font), small


def blocked_text(task: TaskView) -> str:
    names = ", ".join(ref.title for ref in task.blocked_by)
    return QCoreApplication.translate("TaskCard", "Blocked by: %1").replace("%1", names)


class TaskCardDelegate(QStyledItemDelegate):
    """Paints one task as a card; its height grows by one line when the task waits for unfinished work."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        task = index.data(TaskRoles.Task)
        title_font, body_font, small_font = _fonts(option)
        height = (2 * _MARGIN + 2 * _PAD + QFontMetrics(title_font).height() + _GAP
                  + QFontMetrics(body_font).height() + _GAP + max(_BAR, QFontMetrics(small_font).height()))
        if isinstance(task, TaskView) and task.blocked_by:
            height += _GAP + QFontMetrics(small_font).height()
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        task = index.data(TaskRoles.Task)
        if not isinstance(task, TaskView):
            super().paint(painter, option, index)
            return
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
        red = overdue_colour(palette)
        title_font, body_font, small_font = _fonts(option)
        card = QRect(option.rect).adjusted(_MARGIN, _MARGIN, -_MARGIN, -_MARGIN)

        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        background = card_background(palette)
        if selected:
            highlight = palette.color(QPalette.ColorRole.Highlight)
            background = highlight.lighter(170) if background.lightness() > 128 else highlight.darker(160)
        border = palette.color(QPalette.ColorRole.Highlight if selected or focused else QPalette.ColorRole.Mid)
        painter.setPen(QPen(border, 2 if selected else 1))
        painter.setBrush(background)
        painter.drawRoundedRect(QRectF(card).adjusted(0.5, 0.5, -0.5, -0.5), 5, 5)
        if task.overdue:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(red)
            painter.drawRoundedRect(QRectF(card.left(), card.top(), _OVERDUE_BAR + 2, card.height()), 2, 2)

        text_colour = palette.color(QPalette.ColorRole.Text)
        muted = palette.color(QPalette.ColorRole.PlaceholderText)
        inner = card.adjusted(_PAD + (_OVERDUE_BAR if task.overdue else 0), _PAD, -_PAD, -_PAD)
        y = inner.top()

        # Title, with a small hollow dot when the change has not reached the server yet.
        title_metrics = QFontMetrics(title_font)
        title_width = inner.width() - (12 if task.state == "pending" else 0)
        painter.setFont(title_font)
        painter.setPen(text_colour)
        painter.drawText(QRect(inner.left(), y, title_width, title_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         title_metrics.elidedText(task.title, Qt.TextElideMode.ElideRight, title_width))
        if task.state == "pending":
            painter.setPen(QPen(muted, 1.5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            centre_y = y + title_metrics.height() / 2
            painter.drawEllipse(QRectF(inner.right() - 8, centre_y - 4, 8, 8))
        y += title_metrics.height() + _GAP

        # Owner on the left, due date on the right (red and bold when overdue).
        body_metrics = QFontMetrics(body_font)
        due = due_text(task)
        due_font = QFont(body_font)
        due_font.setBold(task.overdue)
        due_width = QFontMetrics(due_font).horizontalAdvance(due) if due else 0
        owner = task.owner_name or QCoreApplication.translate("TaskCard", "No owner")
        owner_width = max(0, inner.width() - due_width - (_PAD if due else 0))
        painter.setFont(body_font)
        painter.setPen(text_colour if task.owner_name else muted)
        painter.drawText(QRect(inner.left(), y, owner_width, body_metrics.height()),
                         Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         body_metrics.elidedText(owner, Qt.TextElideMode.ElideRight, owner_width))
        if due:
            painter.setFont(due_font)
            painter.setPen(red if task.overdue else muted)
            painter.drawText(QRect(inner.right() - due_width, y, due_width + 1, body_metrics.height()),
                             Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, due)
        y += body_metrics.height() + _GAP

        # Progress: a thin bar in the highlight colour and the percentage after it.
        small_metrics = QFontMetrics(small_font)
        percent = f"{task.progress}%"
        percent_width = small_metrics.horizontalAdvance("100%")
        line_height = max(_BAR, small_metrics.height())
        bar = QRectF(inner.left(), y + (line_height - _BAR) / 2, inner.width() - percent_width - _PAD, _BAR)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.color(QPalette.ColorRole.Midlight if not selected else QPalette.ColorRole.Base))
        painter.drawRoundedRect(bar, _BAR / 2, _BAR / 2)
        if task.progress > 0:
            filled = QRectF(bar.left(), bar.top(), bar.width() * min(task.progress, 100) / 100, _BAR)
            painter.setBrush(palette.color(QPalette.ColorRole.Highlight))
            painter.drawRoundedRect(filled, _BAR / 2, _BAR / 2)
        painter.setFont(small_font)
        painter.setPen(muted)
        painter.drawText(QRect(inner.right() - percent_width, y, percent_width + 1, line_height),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, percent)
        y += line_height

        if task.blocked_by:
            y += _GAP
            painter.setPen(muted)
            painter.drawText(QRect(inner.left(), y, inner.width(), small_metrics.height()),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             small_metrics.elidedText(blocked_text(task), Qt.TextElideMode.ElideRight,
                                                      inner.width()))
        painter.restore()
