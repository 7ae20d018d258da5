"""Paints one chat message: author, time, flags, reply quote, rendered markdown, reactions and send state.

Rendered bodies are cached as one `SafeDocument` per message (bounded LRU, invalidated when the text changes);
a document keeps its own layout for the current width, so a repaint costs no markdown work. Huge messages
never reach the markdown renderer: only their beginning is laid out, and the painted body is clamped to
`MAX_BODY_HEIGHT` with a "Show more…" link that opens the whole text in a dialog.

Laying a document out costs about half a millisecond, and a list view asks every row's size before it paints
any. So a row's size is *estimated* from its text (character widths, no layout) until the row is measured:
when it is painted, or when the view asks for it (`measure`, for the rows about to show and, in idle moments,
the rest). Measured heights are kept per message, width and content (`_heights`); when a measurement differs
from the estimate the view was laid out with, `heights_changed` asks the view to lay out again.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

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

from app.services.context import shorten
from app.store import reads
from ui import avatars
from ui.markdown import plain, render_message

from .common import SafeDocument, accent, error_colour, format_time, muted_colour
from .history_model import HistoryModel, HistoryRole

MAX_BODY_HEIGHT = 600  # px of one message's body; the rest is behind "Show more…"
CACHE_SIZE = 300  # rendered documents kept (a few screens of messages either way)
# Above these a body is not rendered as markdown at all: its beginning is shown as plain text.
HUGE_CHARS = 20_000
HUGE_LINES = 400
SHOWN_CHARS = 6_000
SHOWN_LINES = 80
MARGIN = 8
GAP = 3
AVATAR = 32  # px; the column it stands in keeps every message's text aligned, grouped or not
AVATAR_COLUMN = AVATAR + 10
HEIGHTS_KEPT = 5_000  # measured row heights remembered (a few bytes each; many pages of history)
ESTIMATED_CHARS = 4_000  # an estimate looks at no more of a body than this: beyond it the body is clamped anyway
WIDE_FROM = "\u1100"  # from here on (Hangul, CJK, full-width forms…) a character is about twice as wide
_BLOCK_START = re.compile(r"\s*(?:[-*+]|\d+[.)]|#{1,6}|>)\s")  # a list item, heading or quote starts a block

Index = QModelIndex | QPersistentModelIndex


class _Row:
    """One row's data, each role read from the model once: a paint asks for the same roles a dozen times, and
    every `index.data()` crosses into Qt and back (18 calls per row were a third of a repaint)."""

    __slots__ = ("_found", "_index")

    def __init__(self, index: Index) -> None:
        self._index = index
        self._found: dict[int, object] = {}

    def data(self, role: int) -> Any:
        try:
            return self._found[role]
        except KeyError:
            value = self._found[role] = self._index.data(role)
            return value


@dataclass
class _Geometry:
    height: int = 0
    header_y: int | None = 0  # None: a grouped row says nothing its neighbour above has not said
    content_left: int = 0
    day: QRect | None = None  # the line with the day's name above the day's first message
    avatar: QRect | None = None
    reply: QRect | None = None
    body: QRect = field(default_factory=QRect)
    body_clamped: bool = False
    more: QRect | None = None
    chips: list[tuple[QRect, reads.Reaction]] = field(default_factory=list)


@dataclass(frozen=True)
class _Fonts:
    """The view's font and what estimates need of it, worked out once per font (QFont and metrics are not free)."""

    source: QFont
    base: QFont
    bold: QFont
    metrics: QFontMetrics
    line: int  # one line of the header
    body_line: int  # a line of a body document
    wide_line: int  # a line with CJK text (its fallback font is taller)
    paragraph: int  # the space between two paragraphs of a body document
    widths: dict[str, int] = field(default_factory=dict)  # character -> advance, filled as characters are met


class HistoryDelegate(QStyledItemDelegate):
    link_activated = Signal(str)
    show_more_requested = Signal(str)  # message id
    reaction_clicked = Signal(str, str, bool)  # message id, emoji, currently mine
    heights_changed = Signal()  # a measured row differs from the estimate the view was laid out with

    def __init__(self, view: QAbstractItemView, parent: QObject | None = None) -> None:
        super().__init__(parent or view)
        self._view = view
        self._docs: OrderedDict[str, tuple[tuple[object, ...], QTextDocument, bool]] = OrderedDict()
        # message id -> (what the height depends on, height, measured rather than estimated)
        self._heights: OrderedDict[str, tuple[tuple[object, ...], int, bool]] = OrderedDict()
        self._font_cache: _Fonts | None = None
        # Rows are laid out as wide as the viewport is with its scroll bar showing, whether it shows or not: a scroll
        # bar appearing would otherwise change every row's width, and so every measured height.
        self._width: Callable[[], int] = lambda: max(200, view.width() - 2 * view.frameWidth() - (
            view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, view)))

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
        version = (message.body, message.edited_at, message.mentions)
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
                doc.setHtml(render_message(body, self._told(message)))
            self._docs[message.id] = (version, doc, truncated)
            while len(self._docs) > CACHE_SIZE:
                _, (_, old, _) = self._docs.popitem(last=False)
                old.deleteLater()
        if doc.textWidth() != width:
            doc.setTextWidth(width)
        return doc, truncated

    def _told(self, message: reads.MessageView) -> frozenset[str]:
        """Whom the message told: its body highlights their @names and nobody else's."""
        model = self._view.model()
        return model.told_names(message) if isinstance(model, HistoryModel) else frozenset()

    def forget(self) -> None:
        """Drop every cached document and height (another conversation opened)."""
        for _, doc, _ in self._docs.values():
            doc.deleteLater()
        self._docs.clear()
        self._heights.clear()

    def cached_count(self) -> int:
        return len(self._docs)

    # ------------------------------------------------------------------------------------------- geometry

    def _metrics(self) -> _Fonts:
        font = self._view.font()
        cached = self._font_cache
        if cached is not None and cached.source == font:
            return cached
        base = QFont(font)
        bold = QFont(base)
        bold.setBold(True)
        metrics = QFontMetrics(base)

        def body_height(html: str) -> int:
            doc = SafeDocument()
            doc.setDocumentMargin(0)
            doc.setDefaultFont(base)
            doc.setHtml(html)
            return int(doc.size().height())

        latin = body_height("<p>Xg</p>")
        self._font_cache = _Fonts(QFont(font), base, bold, metrics, metrics.height(), latin, body_height("<p>中Xg</p>"),
                                  body_height("<p>Xg</p><p>Xg</p>") - 2 * latin)
        self._heights.clear()  # measured with another font
        return self._font_cache

    def _fonts(self) -> tuple[QFont, QFont]:
        fonts = self._metrics()
        return fonts.base, fonts.bold

    def _estimate_body(self, body: str, inner: int) -> tuple[int, bool]:
        """A body's height from its characters' widths, without laying it out; and whether it is truncated."""
        if len(body) > HUGE_CHARS or body.count("\n", 0, HUGE_CHARS * 2) > HUGE_LINES:
            return MAX_BODY_HEIGHT, True  # only its beginning is shown, and that fills the clamped height
        fonts = self._metrics()
        widths, advance = fonts.widths, fonts.metrics.horizontalAdvance

        def lines_of(text: str) -> int:
            width = 0
            for ch in text:
                known = widths.get(ch)
                if known is None:
                    known = widths[ch] = advance(ch)
                width += known
            return max(1, math.ceil(width / inner)) * (fonts.wide_line if any(ch >= WIDE_FROM for ch in text)
                                                       else fonts.body_line)

        # Blocks as a chat message makes them (ui.markdown.render_message): every typed line is a line of its own, a
        # blank line, a list item, a heading or a quote starts a block; fenced code lines stand alone.
        height, blocks, open_block, fenced = 1, 0, False, False
        for text in body[:ESTIMATED_CHARS].split("\n"):
            if text.lstrip().startswith("```"):
                fenced, open_block = not fenced, False
                continue
            if fenced:
                height += lines_of(text or " ")
            elif not text.strip():
                open_block = False
            else:
                if not open_block or _BLOCK_START.match(text):
                    blocks += 1
                open_block = True
                height += lines_of(text)
        if height == 1:
            height, blocks = height + lines_of(" "), blocks + 1
        height += max(0, blocks - 1) * fonts.paragraph
        return height, False

    def _height_key(self, index: Index, message: reads.MessageView, width: int) -> tuple[object, ...]:
        # Everything the geometry depends on; MessageView compares by value and rows keep their object until
        # they change, so the comparison is usually an identity check.
        return (message, bool(index.data(HistoryRole.REPLY_PREVIEW)), width, bool(index.data(HistoryRole.GROUPED)),
                index.data(HistoryRole.DAY) or "", bool(index.data(HistoryRole.STATE_TEXT)))

    @staticmethod
    def _needs_header(index: Index, message: reads.MessageView) -> bool:
        """A grouped row still shows its header line when it has something of its own to say."""
        if not index.data(HistoryRole.GROUPED):
            return True
        return bool(message.important or message.urgent or message.ack_requested or index.data(HistoryRole.STATE_TEXT)
                    or (message.edited_at and not message.deleted))

    def _geometry(self, index: Index, top: int, left: int, width: int, palette: QPalette,
                  exact: bool = True) -> _Geometry:
        """Where everything of a row goes; with exact=False the body's height is estimated, not laid out."""
        message: reads.MessageView = index.data(HistoryRole.MESSAGE)
        base, _ = self._fonts()
        line = self._metrics().line
        grouped = bool(index.data(HistoryRole.GROUPED))
        inner = max(50, width - 2 * MARGIN - AVATAR_COLUMN)
        content = left + MARGIN + AVATAR_COLUMN
        geo = _Geometry(content_left=content)
        y = top + (GAP if grouped else MARGIN)
        day = index.data(HistoryRole.DAY)
        if day:
            geo.day = QRect(left + MARGIN, y, width - 2 * MARGIN, line + 2 * GAP)
            y += geo.day.height() + MARGIN
        if not grouped:
            geo.avatar = QRect(left + MARGIN, y, AVATAR, AVATAR)
        if self._needs_header(index, message):
            geo.header_y = y
            y += line + GAP
        else:
            geo.header_y = None
        if index.data(HistoryRole.REPLY_PREVIEW):
            geo.reply = QRect(content, y, inner, line + 4)
            y += line + 4 + GAP
        if message.deleted:
            body_height, truncated = line, False
        elif exact:
            doc, truncated = self.document(message, inner, palette)
            body_height = int(doc.size().height()) + 1
        else:
            body_height, truncated = self._estimate_body(message.body, inner)
        geo.body_clamped = truncated or body_height > MAX_BODY_HEIGHT
        body_height = min(body_height, MAX_BODY_HEIGHT)
        geo.body = QRect(content, y, inner, body_height)
        y += body_height + GAP
        if geo.body_clamped:
            geo.more = QRect(content, y, QFontMetrics(base).horizontalAdvance(self.tr("Show more…")) + 4, line)
            y += line + GAP
        if message.reactions:
            metrics = QFontMetrics(base)
            x = content
            for reaction in message.reactions:
                text = f"{reaction.emoji} {reaction.count}"
                chip = QRect(x, y, metrics.horizontalAdvance(text) + 12, line + 4)
                if chip.right() > left + width - MARGIN and x > content:
                    x, y = content, y + line + 4 + GAP
                    chip.moveTo(x, y)
                geo.chips.append((chip, reaction))
                x = chip.right() + 6
            y += line + 4 + GAP
        if geo.avatar is not None:
            y = max(y, geo.avatar.bottom() + 1 + GAP)
        geo.height = y - top + (GAP if grouped else MARGIN) - GAP
        return geo

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        index = _Row(index)  # type: ignore[assignment]
        width = self._width()
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE)
        if message is None:
            return QSize(width, 0)
        key = self._height_key(index, message, width)
        known = self._heights.get(message.id)
        if known is not None and known[0] == key:
            return QSize(width, known[1])
        height = self._geometry(index, 0, 0, width, option.palette, exact=False).height
        self._remember(message.id, key, height, exact=False)
        return QSize(width, height)

    def measure(self, index: Index, palette: QPalette) -> bool:
        """Lay a row out for real and keep its height; True when that differs from what sizeHint said before."""
        index = _Row(index)  # type: ignore[assignment]
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE)
        if message is None:
            return False
        width = self._width()
        key = self._height_key(index, message, width)
        known = self._heights.get(message.id)
        if known is not None and known[0] == key and known[2]:
            return False
        height = self._geometry(index, 0, 0, width, palette).height
        self._remember(message.id, key, height, exact=True)
        return known is None or known[0] != key or known[1] != height

    def is_measured(self, index: Index) -> bool:
        index = _Row(index)  # type: ignore[assignment]
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE)
        if message is None:
            return True
        known = self._heights.get(message.id)
        return known is not None and known[2] and known[0] == self._height_key(index, message, self._width())

    def _remember(self, message_id: str, key: tuple[object, ...], height: int, exact: bool) -> None:
        self._heights[message_id] = (key, height, exact)
        self._heights.move_to_end(message_id)
        while len(self._heights) > HEIGHTS_KEPT:
            self._heights.popitem(last=False)

    # ------------------------------------------------------------------------------------------- painting

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        index = _Row(index)  # type: ignore[assignment]
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE)
        if message is None:
            return
        palette = option.palette
        rect = option.rect
        width = self._width()
        geo = self._geometry(index, rect.top(), rect.left(), width, palette)
        key = self._height_key(index, message, width)
        known = self._heights.get(message.id)
        if known is None or not known[2] or known[0] != key:
            self._remember(message.id, key, geo.height, exact=True)
        if geo.height != rect.height():
            self.heights_changed.emit()  # painted from an estimate: the view lays out again
        base, bold = self._fonts()
        painter.save()
        painter.setClipRect(rect)
        if option.state & QStyle.StateFlag.State_Selected:
            painter.fillRect(rect, accent(palette, 60))
        elif index.data(HistoryRole.MINE):
            painter.fillRect(rect, accent(palette, 18))
        if message.important:
            painter.fillRect(QRect(rect.left(), rect.top() + 2, 3, rect.height() - 4), error_colour(palette))
        if geo.day is not None:
            self._paint_day(painter, geo.day, index.data(HistoryRole.DAY), base, palette)
        if geo.avatar is not None:
            avatars.paint(painter, geo.avatar, message.author_id, message.author_name)
        if geo.header_y is not None:
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

    def _paint_day(self, painter: QPainter, rect: QRect, text: str, base: QFont, palette: QPalette) -> None:
        painter.setFont(base)
        painter.setPen(muted_colour(palette))
        label = QFontMetrics(base).horizontalAdvance(text) + 24
        middle = rect.center().y()
        side = max(0, (rect.width() - label) // 2)
        painter.drawLine(rect.left(), middle, rect.left() + side, middle)
        painter.drawLine(rect.right() - side, middle, rect.right(), middle)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_header(self, painter: QPainter, message: reads.MessageView, index: Index, rect: QRect,
                      geo: _Geometry, base: QFont, bold: QFont, palette: QPalette) -> None:
        assert geo.header_y is not None
        x = geo.content_left
        line = QFontMetrics(base).height()
        if not index.data(HistoryRole.GROUPED):  # a grouped row's author is named just above
            painter.setFont(bold)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(QRect(x, geo.header_y, rect.width(), line), Qt.AlignmentFlag.AlignLeft,
                             message.author_name)
            x += QFontMetrics(bold).horizontalAdvance(message.author_name) + 10
        painter.setFont(base)
        extras = [format_time(message.at)]
        if message.edited_at and not message.deleted:
            extras.append(self.tr("edited"))
        if message.urgent:
            extras.append(self.tr("urgent: {reason}").format(reason=shorten(message.urgent_reason or "", 60)))
        elif message.important:
            extras.append(self.tr("important"))
        extras.append(self._acknowledgement_text(message, index))
        painter.setPen(error_colour(palette) if message.urgent else muted_colour(palette))
        info = "  ·  ".join(e for e in extras if e)
        painter.drawText(QRect(x, geo.header_y, rect.width(), line), Qt.AlignmentFlag.AlignLeft, info)
        x += QFontMetrics(base).horizontalAdvance(info) + 14
        state = index.data(HistoryRole.STATE_TEXT)
        if state:
            painter.setPen(error_colour(palette) if message.state == "rejected" else muted_colour(palette))
            room = max(0, rect.right() - MARGIN - x)
            painter.drawText(QRect(x, geo.header_y, room, line), Qt.AlignmentFlag.AlignLeft,
                             QFontMetrics(base).elidedText(state, Qt.TextElideMode.ElideRight, room))

    def _acknowledgement_text(self, message: reads.MessageView, index: Index) -> str:
        """"2 of 5 acknowledged" for the sender; "please acknowledge" / "acknowledged" for a recipient."""
        if not message.ack_requested or message.state != "sent":
            return ""
        if index.data(HistoryRole.MINE):
            return self.tr("✔ {done} of {total} acknowledged").format(done=message.acknowledged,
                                                                       total=message.recipients)
        if message.acknowledged_by_me:
            return self.tr("✔ you acknowledged")
        return self.tr("please acknowledge (right-click)")

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
        geo = self._geometry(index, rect.top(), rect.left(), self._width(), option.palette)
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
