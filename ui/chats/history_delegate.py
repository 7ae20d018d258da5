"""Paints one chat message: author, time, flags, reply quote, rendered markdown, reactions and send state.

Rendered bodies are cached as one `SafeDocument` per message (bounded LRU, invalidated when the text changes);
a document keeps its own layout for the current width, so a repaint costs no markdown work. Huge messages
never reach the markdown renderer: only their beginning is laid out, and the painted body is clamped to
`MAX_BODY_HEIGHT` with a "Show more…" link that opens the whole text in a dialog.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QFont,
    QFontMetrics,
    QMouseEvent,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from app.store import reads
from ui.markdown import plain, render

from .common import SafeDocument, accent, error_colour, format_time, muted_colour
from .history_model import HistoryRole

MAX_BODY_HEIGHT = 600  # px of one message's body; the rest is behind "Show more…"
CACHE_SIZE = 300  # rendered documents kept (a few screens of messages either way)
# Above these a body is not rendered as markdown at all: its beginning is shown as plain text.
HUGE_CHARS = 20_000
HUGE_LINES = 400
SHOWN_CHARS = 6_000
SHOWN_LINES = 80
MARGIN = 8
GAP = 3

Index = QModelIndex | QPersistentModelIndex


@dataclass
class _Geometry:
    height: int = 0
    header_y: int = 0
    reply: QRect | None = None
    body: QRect = field(default_factory=QRect)
    body_clamped: bool = False
    more: QRect | None = None
    chips: list[tuple[QRect, reads.Reaction]] = field(default_factory=list)


class HistoryDelegate(QStyledItemDelegate):
    link_activated = Signal(str)
    show_more_requested = Signal(str)  # message id
    reaction_clicked = Signal(str, str, bool)  # message id, emoji, currently mine

    def __init__(self, view: QAbstractItemView, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._view = view
        self._docs: OrderedDict[str, tuple[tuple[object, ...], QTextDocument, bool]] = OrderedDict()
        self._width: Callable[[], int] = lambda: max(200, view.viewport().width())

    # ------------------------------------------------------------------------------------------ documents

    def _style_sheet(self, palette: QPalette) -> str:
        code_bg = palette.color(QPalette.ColorRole.AlternateBase).name()
        link = palette.color(QPalette.ColorRole.Link).name()
        return (f"pre {{ background-color: {code_bg}; font-family: monospace; }}"
                f" code {{ background-color: {code_bg}; font-family: monospace; }}"
                f" a {{ color: {link}; }} .mention {{ color: {link}; font-weight: bold; }}"
                " blockquote { margin-left: 12px; }")

    def document(self, message: reads.MessageView, width: int, palette: QPalette) -> tuple[QTextDocument, bool]:
        """The laid-out body of a message at `width`, and whether only its beginning is in it."""
        version = (message.body, message.edited_at)
        cached = self._docs.get(message.id)
        if cached is not None and cached[0] == version:
            self._docs.move_to_end(message.id)
            doc, truncated = cached[1], cached[2]
        else:
            doc = SafeDocument(self)
            doc.setDocumentMargin(0)
            doc.setDefaultFont(self._view.font())
            doc.setDefaultStyleSheet(self._style_sheet(palette))
            body = message.body
            truncated = len(body) > HUGE_CHARS or body.count("\n", 0, HUGE_CHARS * 2) > HUGE_LINES
            if truncated:
                head = "\n".join(body[:SHOWN_CHARS].split("\n")[:SHOWN_LINES])
                doc.setHtml(plain(head))
            else:
                doc.setHtml(render(body))
            self._docs[message.id] = (version, doc, truncated)
            while len(self._docs) > CACHE_SIZE:
                _, (_, old, _) = self._docs.popitem(last=False)
                old.deleteLater()
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        return doc, truncated

    def forget(self) -> None:
        """Drop every cached document (another conversation opened)."""
        for _, doc, _ in self._docs.values():
            doc.deleteLater()
        self._docs.clear()

    def cached_count(self) -> int:
        return len(self._docs)

    # ------------------------------------------------------------------------------------------- geometry

    def _fonts(self) -> tuple[QFont, QFont]:
        base = QFont(self._view.font())
        bold = QFont(base)
        bold.setBold(True)
        return base, bold

    def _geometry(self, index: Index, top: int, left: int, width: int, palette: QPalette) -> _Geometry:
        message: reads.MessageView = index.data(HistoryRole.MESSAGE)
        base, _ = self._fonts()
        line = QFontMetrics(base).height()
        inner = max(50, width - 2 * MARGIN)
        geo = _Geometry()
        y = top + MARGIN
        geo.header_y = y
        y += line + GAP
        if index.data(HistoryRole.REPLY_PREVIEW):
            geo.reply = QRect(left + MARGIN, y, inner, line + 4)
            y += line + 4 + GAP
        if message.deleted:
            body_height, truncated = line, False
        else:
            doc, truncated = self.document(message, inner, palette)
            body_height = int(doc.size().height()) + 1
        geo.body_clamped = truncated or body_height > MAX_BODY_HEIGHT
        body_height = min(body_height, MAX_BODY_HEIGHT)
        geo.body = QRect(left + MARGIN, y, inner, body_height)
        y += body_height + GAP
        if geo.body_clamped:
            geo.more = QRect(left + MARGIN, y, QFontMetrics(base).horizontalAdvance(self.tr("Show more…")) + 4, line)
            y += line + GAP
        if message.reactions:
            metrics = QFontMetrics(base)
            x = left + MARGIN
            for reaction in message.reactions:
                text = f"{reaction.emoji} {reaction.count}"
                chip = QRect(x, y, metrics.horizontalAdvance(text) + 12, line + 4)
                if chip.right() > left + width - MARGIN and x > left + MARGIN:
                    x, y = left + MARGIN, y + line + 4 + GAP
                    chip.moveTo(x, y)
                geo.chips.append((chip, reaction))
                x = chip.right() + 6
            y += line + 4 + GAP
        geo.height = y - top + MARGIN - GAP
        return geo

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = self._width()
        return QSize(width, self._geometry(index, 0, 0, width, option.palette).height)

    # ------------------------------------------------------------------------------------------- painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE)
        if message is None:
            return
        palette = option.palette
        rect = option.rect
        geo = self._geometry(index, rect.top(), rect.left(), rect.width(), palette)
        base, bold = self._fonts()
        painter.save()
        painter.setClipRect(rect)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, accent(palette, 60))
        elif index.data(HistoryRole.MINE):
            painter.fillRect(rect, accent(palette, 18))
        if message.important:
            painter.fillRect(QRect(rect.left(), rect.top() + 2, 3, rect.height() - 4), error_colour(palette))
        self._paint_header(painter, message, index, rect, geo, base, bold, palette)
        if geo.reply is not None:
            painter.fillRect(QRect(geo.reply.left(), geo.reply.top(), 3, geo.reply.height()), accent(palette, 160))
            painter.setFont(base)
            painter.setPen(muted_colour(palette))
            text = painter.fontMetrics().elidedText(index.data(HistoryRole.REPLY_PREVIEW), Qt.TextElideMode.ElideRight,
                                                    geo.reply.width() - 10)
            painter.drawText(geo.reply.adjusted(8, 0, 0, 0), Qt.AlignmentFlag.AlignVCenter, text)
        if message.deleted:
            italic = QFont(base)
            italic.setItalic(True)
            painter.setFont(italic)
            painter.setPen(muted_colour(palette))
            painter.drawText(geo.body, Qt.AlignmentFlag.AlignLeft, self.tr("This message was deleted."))
        else:
            self._paint_body(painter, message, geo, palette)
        painter.setFont(base)
        if geo.more is not None:
            painter.setPen(palette.color(QPalette.ColorRole.Link))
            painter.drawText(geo.more, Qt.AlignmentFlag.AlignLeft, self.tr("Show more…"))
        for chip, reaction in geo.chips:
            painter.setPen(accent(palette, 200) if reaction.mine else muted_colour(palette))
            painter.setBrush(accent(palette, 70) if reaction.mine else palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(chip, 6, 6)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, f"{reaction.emoji} {reaction.count}")
        painter.restore()

    def _paint_header(self, painter: QPainter, message: reads.MessageView, index: Index, rect: QRect,
                      geo: _Geometry, base: QFont, bold: QFont, palette: QPalette) -> None:
        x = rect.left() + MARGIN
        line = QFontMetrics(base).height()
        painter.setFont(bold)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        painter.drawText(QRect(x, geo.header_y, rect.width(), line), Qt.AlignmentFlag.AlignLeft, message.author_name)
        x += QFontMetrics(bold).horizontalAdvance(message.author_name) + 10
        painter.setFont(base)
        extras = [format_time(message.at)]
        if message.edited_at and not message.deleted:
            extras.append(self.tr("edited"))
        if message.important:
            extras.append(self.tr("❗ important"))
        painter.setPen(muted_colour(palette))
        info = "  ·  ".join(e for e in extras if e)
        painter.drawText(QRect(x, geo.header_y, rect.width(), line), Qt.AlignmentFlag.AlignLeft, info)
        x += QFontMetrics(base).horizontalAdvance(info) + 14
        state = index.data(HistoryRole.STATE_TEXT)
        if state:
            painter.setPen(error_colour(palette) if message.state == "rejected" else muted_colour(palette))
            room = max(0, rect.right() - MARGIN - x)
            painter.drawText(QRect(x, geo.header_y, room, line), Qt.AlignmentFlag.AlignLeft,
                             QFontMetrics(base).elidedText(state, Qt.TextElideMode.ElideRight, room))

    def _paint_body(self, painter: QPainter, message: reads.MessageView, geo: _Geometry, palette: QPalette) -> None:
        doc, _ = self.document(message, geo.body.width(), palette)
        painter.save()
        painter.translate(geo.body.topLeft())
        clip = QRectF(0, 0, geo.body.width(), geo.body.height())
        painter.setClipRect(clip, Qt.ClipOperation.IntersectClip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = QPalette(palette)
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        context.clip = clip
        doc.documentLayout().draw(painter, context)
        painter.restore()

    # ---------------------------------------------------------------------------------------------- input

    def editorEvent(self, event: QEvent, model: object, option: QStyleOptionViewItem, index: Index) -> bool:
        if event.type() != QEvent.Type.MouseButtonRelease or not isinstance(event, QMouseEvent):
            return False
        if event.button() != Qt.MouseButton.LeftButton:
            return False
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE)
        if message is None:
            return False
        rect = option.rect
        geo = self._geometry(index, rect.top(), rect.left(), rect.width(), option.palette)
        point = event.position().toPoint()
        if geo.more is not None and geo.more.contains(point):
            self.show_more_requested.emit(message.id)
            return True
        for chip, reaction in geo.chips:
            if chip.contains(point):
                self.reaction_clicked.emit(message.id, reaction.emoji, reaction.mine)
                return True
        if geo.body.contains(point) and not message.deleted:
            doc, _ = self.document(message, geo.body.width(), option.palette)
            anchor = doc.documentLayout().anchorAt(QPointF(point - geo.body.topLeft()))
            if anchor:
                self.link_activated.emit(anchor)
                return True
        return False
