"""The list of the person's conversations: a model over reads.conversations, its delegate, and the panel.

A row shows the title, a one-line preview of the last message, its time, the unread count (999+ at most) and
a marker when something the person sent is still waiting or was refused. A refresh re-reads only the
conversations a change named (each costs a few indexed queries, so re-reading a few hundred on every read
marker or sync page would stall the window) and applies the difference as removals, insertions, a move and
dataChanged, so the selection and scroll position stay where they were.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from datetime import date
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeySequence, QPainter, QPalette, QShortcut, QStaticText, QTransform
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLineEdit,
    QListView,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.store import reads
from ui import avatars, icons
from ui.markdown import preview_text

from .common import RowsById, accent, error_colour, format_time, muted_colour

Index = QModelIndex | QPersistentModelIndex


class ConversationRole(IntEnum):
    SUMMARY = Qt.ItemDataRole.UserRole + 1
    ID = Qt.ItemDataRole.UserRole + 2
    PREVIEW = Qt.ItemDataRole.UserRole + 3
    TIME = Qt.ItemDataRole.UserRole + 4
    UNREAD = Qt.ItemDataRole.UserRole + 5  # "" or "3" or "999+"
    MARKER = Qt.ItemDataRole.UserRole + 6  # "" | "pending" | "rejected"
    FILTER = Qt.ItemDataRole.UserRole + 7  # what the filter box matches: title and preview
    NOTIFY = Qt.ItemDataRole.UserRole + 8  # "all" | "mentions" | "muted": how the conversation notifies


class ConversationListModel(RowsById):
    def __init__(self, conn: Callable[[], sqlite3.Connection], user_id: str, language: str,
                 parent: Any = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._user_id = user_id
        self._language = language
        self._rows: list[reads.ConversationSummary] = []
        # Painting asks for these on every repaint; they change only with the row (or the day, for times).
        self._previews: dict[str, tuple[reads.ConversationSummary, str]] = {}
        self._times: dict[tuple[str, date], str] = {}
        # How each conversation notifies (the view connects the notification settings once they are loaded).
        self.notify_choice: Callable[[str], str] = lambda _cid: "all"

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        item = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title
        if role == ConversationRole.SUMMARY:
            return item
        if role == ConversationRole.ID:
            return item.id
        if role == ConversationRole.PREVIEW:
            return self._preview(item)
        if role == ConversationRole.TIME:
            key = (item.last_activity, clock.today())
            if key not in self._times:
                if len(self._times) > 4 * len(self._rows) + 100:
                    self._times.clear()
                self._times[key] = format_time(item.last_activity, today_short=True)
            return self._times[key]
        if role == ConversationRole.UNREAD:
            return "999+" if item.unread_more else (str(item.unread) if item.unread else "")
        if role == ConversationRole.MARKER:
            return "rejected" if item.has_rejected else "pending" if item.has_pending else ""
        if role == ConversationRole.FILTER:
            return f"{item.title}\n{self._preview(item)}"
        if role == ConversationRole.NOTIFY:
            return self.notify_choice(item.id)
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [item.title, self._preview(item)]
            if item.unread:
                parts.append(self.tr("{count} unread").format(count=self.data(index, ConversationRole.UNREAD)))
            if item.has_rejected:
                parts.append(self.tr("a message was not sent"))
            elif item.has_pending:
                parts.append(self.tr("sending…"))
            return " — ".join(p for p in parts if p)
        return None

    def _preview(self, item: reads.ConversationSummary) -> str:
        cached = self._previews.get(item.id)
        if cached is not None and cached[0] is item:
            return cached[1]
        text = self._preview_of(item)
        self._previews[item.id] = (item, text)
        return text

    def _preview_of(self, item: reads.ConversationSummary) -> str:
        last = item.last_message
        if last is None:
            return self.tr("No messages yet")
        if last.deleted:
            return self.tr("{author}: (deleted)").format(author=last.author_name)
        return f"{last.author_name}: {preview_text(last.preview, 80)}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def row_of(self, conversation_id: str) -> int:
        return next((i for i, c in enumerate(self._rows) if c.id == conversation_id), -1)

    def summary(self, conversation_id: str) -> reads.ConversationSummary | None:
        row = self.row_of(conversation_id)
        return self._rows[row] if row >= 0 else None

    def refresh(self, conversation_ids: Collection[str] | None = None) -> None:
        """Re-read the named conversations (None: all of them) and apply the difference.

        A sync storm or a read marker touches one or two conversations; re-reading only those keeps a refresh
        to a few indexed queries instead of several per conversation in the list.
        """
        if conversation_ids is None:
            fresh = reads.conversations(self._conn(), self._user_id, self._language)
        else:
            if not conversation_ids:
                return
            changed = {c.id: c for c in reads.conversations(self._conn(), self._user_id, self._language,
                                                            only=conversation_ids)}
            # A named conversation that did not come back is one the person is no longer in: it goes.
            fresh = [changed.pop(c.id, c) for c in self._rows if c.id not in conversation_ids or c.id in changed]
            fresh += changed.values()
            fresh.sort(key=reads.conversation_order, reverse=True)
        self._apply(fresh)

    def _apply(self, fresh: list[reads.ConversationSummary]) -> None:
        """Removals, then insertions, then a move of rows, then dataChanged: selection and scroll stay put."""
        self._remove_rows_not_in({c.id for c in fresh})
        known = {c.id for c in self._rows}
        added = [c for c in fresh if c.id not in known]
        if added:  # appended, then moved into place below with the rest
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(added) - 1)
            self._rows += added
            self.endInsertRows()
        if [c.id for c in self._rows] != [c.id for c in fresh]:
            # Same conversations, new order (one got a message): move persistent indexes with their rows.
            self.layoutAboutToBeChanged.emit()
            old_ids = [c.id for c in self._rows]
            new = {c.id: i for i, c in enumerate(fresh)}
            previous = {c.id: c for c in self._rows}
            self._rows = [previous[c.id] for c in fresh]  # old values: changes are told below as dataChanged
            for persistent in self.persistentIndexList():
                target = new[old_ids[persistent.row()]] if 0 <= persistent.row() < len(old_ids) else -1
                self.changePersistentIndex(persistent, self.index(target) if target >= 0 else QModelIndex())
            self.layoutChanged.emit()
        for row, item in enumerate(fresh):
            if item != self._rows[row]:
                self._rows[row] = item
                self.dataChanged.emit(self.index(row), self.index(row))


class ConversationDelegate(QStyledItemDelegate):
    """Two lines per conversation: title and time, then the preview and the unread badge.

    A sync repaints the list often; fonts, metrics and elided texts are kept between paints because shaping
    mixed Chinese and Latin text costs tens of microseconds per string.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._font: QFont | None = None
        self._bold = QFont()
        self._metrics: tuple[QFontMetrics, QFontMetrics] | None = None
        self._texts: dict[tuple[str, int, bool], QStaticText] = {}

    def _fonts(self, font: QFont) -> tuple[QFont, QFontMetrics, QFontMetrics]:
        if self._font != font or self._metrics is None:
            self._font = QFont(font)
            self._bold = QFont(font)
            self._bold.setBold(True)
            self._metrics = QFontMetrics(font), QFontMetrics(self._bold)
            self._texts.clear()
        return self._bold, *self._metrics

    def _draw(self, painter: QPainter, x: int, y: int, text: str, room: int, bold: bool) -> None:
        """Draw one line, elided to `room` px, from a laid-out text kept for the next paint."""
        key = (text, room, bold)
        found = self._texts.get(key)
        if found is None:
            if len(self._texts) > 2_000:
                self._texts.clear()
            assert self._metrics is not None
            font = self._bold if bold else self._font
            found = QStaticText(self._metrics[bold].elidedText(text, Qt.TextElideMode.ElideRight, room))
            found.setTextFormat(Qt.TextFormat.PlainText)
            found.prepare(QTransform(), font)
            self._texts[key] = found
        painter.drawStaticText(x, y, found)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = self._fonts(option.font)[1].height()
        return QSize(200, 2 * line + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        palette = option.palette
        rect = option.rect.adjusted(8, 5, -8, -5)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(option.rect, palette.color(QPalette.ColorRole.Highlight))
        text_colour = palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text)
        bold, metrics, _ = self._fonts(option.font)
        line = metrics.height()
        summary = index.data(ConversationRole.SUMMARY)
        if summary is not None:
            # The other person's avatar for a direct chat (their colour everywhere); a group's own for the rest.
            size = 2 * line + 4
            circle = QRect(rect.left(), rect.top() + (rect.height() - size) // 2, size, size)
            avatars.paint(painter, circle, summary.peer_id or summary.id, summary.title)
            rect = rect.adjusted(size + 8, 0, 0, 0)
        when = index.data(ConversationRole.TIME) or ""
        time_width = metrics.horizontalAdvance(when)
        painter.setFont(option.font)
        painter.setPen(text_colour if selected else muted_colour(palette))
        self._draw(painter, rect.right() - time_width, rect.top(), when, time_width + 1, False)
        marker = index.data(ConversationRole.MARKER)
        title = index.data(Qt.ItemDataRole.DisplayRole) or ""
        notify = index.data(ConversationRole.NOTIFY)
        title_colour = error_colour(palette) if marker == "rejected" and not selected else text_colour
        # Shipped icons, not emoji: a desktop without a colour-emoji font would show empty boxes.
        marks = ([icons.REFUSED if marker == "rejected" else icons.WAITING] if marker else []) + (
            [icons.MUTED] if notify == "muted" else [])
        x = rect.left()
        for mark in marks:
            icons.paint(painter, QRectF(x, rect.top() + 1, line - 2, line - 2), mark, title_colour)
            x += line + 2
        painter.setFont(bold)
        painter.setPen(title_colour)
        room = rect.right() - x - time_width - 8
        self._draw(painter, x, rect.top(), title, room, True)
        unread = index.data(ConversationRole.UNREAD) or ""
        badge_width = 0
        if unread:
            badge_width = metrics.horizontalAdvance(unread) + 12
            badge = QRect(rect.right() - badge_width, rect.top() + line + 4, badge_width, line)
            painter.setPen(Qt.PenStyle.NoPen)
            # A muted or mentions-only chat's count is grey: there, unread is not a call to act.
            quiet = notify in ("muted", "mentions")
            painter.setBrush(palette.color(QPalette.ColorRole.Base) if selected
                             else muted_colour(palette) if quiet else accent(palette, 255))
            painter.drawRoundedRect(badge, line / 2, line / 2)
            painter.setFont(option.font)
            painter.setPen(palette.color(QPalette.ColorRole.HighlightedText if not selected
                                         else QPalette.ColorRole.Text))
            painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, unread)
        painter.setFont(option.font)
        painter.setPen(text_colour if selected else muted_colour(palette))
        room = rect.width() - badge_width - 8
        preview = index.data(ConversationRole.PREVIEW) or ""
        self._draw(painter, rect.left(), rect.top() + line + 4, preview, room, False)
        painter.restore()


class ConversationPanel(QWidget):
    """Filter box, the list, and the buttons that start new conversations."""

    conversation_activated = Signal(str)
    new_direct_requested = Signal()
    new_group_requested = Signal()

    def __init__(self, model: ConversationListModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationPanel")
        self.model = model
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(model)
        self.proxy.setFilterRole(ConversationRole.FILTER)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

        self.filter = QLineEdit()
        self.filter.setObjectName("conversationFilter")
        self.filter.setPlaceholderText(self.tr("Filter conversations"))
        self.filter.setAccessibleName(self.tr("Filter conversations"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)

        self.list = QListView()
        self.list.setObjectName("conversationList")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setModel(self.proxy)
        self.list.setItemDelegate(ConversationDelegate(self.list))
        self.list.setUniformItemSizes(True)  # every row is two lines: lets the view skip measuring them
        self.list.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
        self.list.selectionModel().currentChanged.connect(self._current_changed)

        self.new_direct = QPushButton(self.tr("New chat"))
        self.new_direct.setObjectName("newDirectChat")
        self.new_direct.setAccessibleName(self.tr("New direct chat"))
        self.new_direct.setToolTip(self.tr("Start a chat with one person (Ctrl+N)"))
        self.new_direct.clicked.connect(self.new_direct_requested)
        self.new_group = QPushButton(self.tr("New group"))
        self.new_group.setObjectName("newGroup")
        self.new_group.setAccessibleName(self.tr("New group"))
        self.new_group.setToolTip(self.tr("Start a group conversation (Ctrl+Shift+N)"))
        self.new_group.clicked.connect(self.new_group_requested)
        QShortcut(QKeySequence("Ctrl+N"), self, self.new_direct_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+Shift+N"), self, self.new_group_requested.emit,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)

        buttons = QHBoxLayout()
        buttons.addWidget(self.new_direct)
        buttons.addWidget(self.new_group)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.conversation_activated.emit(current.data(ConversationRole.ID))

    def current_id(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(ConversationRole.ID) if index.isValid() else None

    def select(self, conversation_id: str, clear_filter: bool = True) -> None:
        """Make a conversation the current row (clearing a filter that hides it, if asked)."""
        row = self.model.row_of(conversation_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row))
        if not index.isValid():
            if not clear_filter:
                return
            self.filter.clear()
            index = self.proxy.mapFromSource(self.model.index(row))
        if self.list.currentIndex() != index:
            self.list.setCurrentIndex(index)
        self.list.scrollTo(index)
