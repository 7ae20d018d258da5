"""The notification centre: the history of what notified (or was held, or summarised), each with its reason.

A list model over `feed.history` and a delegate that paints two lines per row (who/where and the preview, then
the reason); activating a row asks the main window to open what it is about through `ctx.navigate`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QDateTime, QLocale, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app.notifications import feed
from app.notifications.feed import HistoryItem

from ..context import AppContext

ItemRole = Qt.ItemDataRole.UserRole + 1
ReasonRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractListModel):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._items: list[HistoryItem] = []

    def reload(self) -> None:
        self.beginResetModel()
        self._items = feed.history(self.ctx.conn, self.ctx.user_id, self.ctx.language)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.headline(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.reason(item)
        if role == ReasonRole:
            return self.status(item)
        if role == ItemRole:
            return item
        return None

    def headline(self, item: HistoryItem) -> str:
        if item.event_kind == "account_notice":  # worded in the person's language when it arrived
            return f"{item.title}: {item.preview}" if item.preview else item.title
        what = self.event_name(item.event_kind)
        if what:  # a task, article or milestone: what happened, to which item
            head = f"{what}: {item.title}" if item.title else what
            return f"{head} · {item.sender}" if item.sender else head
        who = item.sender or self.tr("Someone")
        where = f"{who} · {item.title}" if item.title and item.title != item.sender else who
        if item.event_kind == "urgent_message":
            where = self.tr("Urgent: {where}").format(where=where)
        return f"{where}: {item.preview}" if item.preview else where

    def event_name(self, kind: str) -> str:
        return {
            "task_assigned": self.tr("New task for you"),
            "task_due_24h": self.tr("Due within 24 hours"),
            "task_due_2h": self.tr("Due within 2 hours"),
            "task_overdue": self.tr("Overdue"),
            "review_waiting": self.tr("Waiting for your review"),
            "article_approved": self.tr("Your article was approved"),
            "article_sent_back": self.tr("Your article was sent back"),
            "milestone_reached": self.tr("Milestone reached"),
        }.get(kind, "")

    def reason(self, item: HistoryItem) -> str:
        """Why it was shown, held or summarised, in the UI's language (the policy's own sentence in English,
        which also names the times)."""
        if self.ctx.language != "zh" and item.reason:
            return item.reason
        return {
            "muted": self.tr("This conversation or space is muted, so it only updates the unread count."),
            "muted_addressed": self.tr("This place is muted, so even what is addressed to you waits for the summary."),
            "mentions_only": self.tr("This conversation is set to mentions only."),
            "presenting": self.tr("Presenting mode was on, so nothing popped up."),
            "urgent": self.tr("Marked urgent by the sender, so it gets through quiet time."),
            "priority_person": self.tr("The sender is on your priority list, so it gets through quiet time."),
            "due_soon": self.tr("The task is due within 2 hours, so it gets through quiet time."),
            "paused": self.tr("Notifications were paused, so this waited for the summary."),
            "outside_working_hours": self.tr("It came outside your working hours, so it waited for the summary."),
            "late": self.tr("It arrived late, so it waited for the summary instead of popping up late."),
            "group_chatter": self.tr("Group messages that do not mention you only update the unread count."),
            "working_hours": self.tr("It came within your working hours, so it was shown."),
            "read_elsewhere": self.tr("Already read on another device."),
        }.get(item.rule, item.reason)

    def status(self, item: HistoryItem) -> str:
        action = {
            "show_now": self.tr("Shown"),
            "hold_for_digest": self.tr("Held for the summary"),
            "digested": self.tr("In a summary"),
            "read": self.tr("Read on another device"),
        }.get(item.action, item.action)
        when = ""
        if item.at is not None:
            moment = QDateTime.fromSecsSinceEpoch(int(item.at.timestamp()))
            when = QLocale().toString(moment.toLocalTime(), QLocale.FormatType.ShortFormat) + " · "
        read = self.tr(" (read)") if item.read and item.action != "read" else ""
        return f"{when}{action}{read} — {self.reason(item)}"


class HistoryDelegate(QStyledItemDelegate):
    """Two lines: the headline (bold while unread) and, smaller and dimmer, when, what happened and why."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        metrics = QFontMetrics(option.font)  # type: ignore[attr-defined]
        return QSize(200, metrics.height() * 2 + 14)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else None  # type: ignore[attr-defined]
        text = option.text  # type: ignore[attr-defined]
        option.text = ""  # type: ignore[attr-defined]
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)  # type: ignore[attr-defined]
        item: HistoryItem = index.data(ItemRole)
        rect: QRect = option.rect.adjusted(8, 4, -8, -4)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        palette: QPalette = option.palette  # type: ignore[attr-defined]
        group = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        painter.save()
        font = QFont(option.font)  # type: ignore[attr-defined]
        font.setBold(not item.read)
        painter.setFont(font)
        painter.setPen(palette.color(group))
        line = QFontMetrics(font).height()
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                         QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, rect.width()))
        small = QFont(option.font)  # type: ignore[attr-defined]
        small.setPointSizeF(max(small.pointSizeF() * 0.9, 7.0))
        painter.setFont(small)
        if not selected:
            # Dimmer than the headline but readable: two thirds of the way from the background to the text.
            text_color, base = palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)
            dim = QColor(*(round(b + (t - b) * 0.66) for t, b in zip(text_color.getRgb()[:3], base.getRgb()[:3],
                                                                      strict=True)))
            painter.setPen(dim)
        bottom = QRect(rect.left(), rect.top() + line + 2, rect.width(), rect.height() - line - 2)
        status = index.data(ReasonRole) or ""
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         QFontMetrics(small).elidedText(status, Qt.TextElideMode.ElideRight, rect.width()))
        painter.restore()


class NotificationCentre(QDialog):
    """Non-modal: it stays open beside the window and refreshes when the notifier records something."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("notificationCentre")
        self.setWindowTitle(self.tr("Notifications"))
        self.resize(560, 480)
        layout = QVBoxLayout(self)
        self.empty = QLabel(self.tr("Nothing has notified you yet."), self)
        self.list = QListView(self)
        self.list.setObjectName("notificationList")
        self.list.setAccessibleName(self.tr("Notification history"))
        self.list.setUniformItemSizes(True)
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.model = HistoryModel(ctx, self)
        self.list.setModel(self.model)
        self.list.setItemDelegate(HistoryDelegate(self.list))
        self.list.activated.connect(self._open)
        self.list.clicked.connect(self._open)
        layout.addWidget(self.empty)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self, activated=self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.model.reload()
        self.empty.setVisible(self.model.rowCount() == 0)

    def _open(self, index: QModelIndex) -> None:
        item: HistoryItem | None = index.data(ItemRole)
        if item is not None and item.kind and item.subject_id:
            self.ctx.navigate.emit(item.kind, item.subject_id)
