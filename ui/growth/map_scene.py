"""The growth map drawn as a winding path of milestone nodes (QGraphicsScene + a zoomable, pannable view).

Nodes follow the definition's order (each after its prerequisites), laid out in rows that wind left→right,
then right→left, like a board game path. A reached node is filled with the accent colour and shows its badge;
a next node (every prerequisite reached) has an accent outline and says how to reach it; a locked node is
dimmed. Colours come from the palette so the map follows light and dark themes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsObject,
    QGraphicsScene,
    QGraphicsSceneMouseEvent,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QWidget,
)

from app.growth import LOCKED, NEXT, REACHED, GrowthState, MilestoneStatus

from .. import icons

COLUMNS = 5
STEP_X = 200.0
STEP_Y = 190.0
RADIUS = 34.0
TEXT_WIDTH = 180.0
MIN_ZOOM, MAX_ZOOM = 0.3, 3.0
FIT_MIN_ZOOM = 0.75  # fitting the width never makes the text smaller than this
ICON_SIZE = 30.0


def path_position(index: int, columns: int = COLUMNS) -> QPointF:
    """Where the `index`-th node sits: rows of `columns` that wind (even rows left→right, odd rows back)."""
    row, column = divmod(index, columns)
    if row % 2:
        column = columns - 1 - column
    return QPointF(column * STEP_X, row * STEP_Y)


class NodeItem(QGraphicsObject):
    """One milestone on the map; activating it (click, Enter, Space) calls `on_activate(milestone_id)`."""

    def __init__(self, status: MilestoneStatus, title: str, hint: str, tooltip: str,
                 on_activate: Callable[[str], None]) -> None:
        super().__init__()
        self.milestone_id = status.milestone.id
        self.status = status.status
        self.title = title
        self.hint = hint
        self.icon = icons.badge(status.milestone.badge.id)
        self.progress = (status.progress, status.target)
        self._on_activate = on_activate
        self.setToolTip(tooltip)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsFocusable, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.LeftButton)
        if self.status == NEXT:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
        if self.status == LOCKED:
            self.setOpacity(0.45)

    def boundingRect(self) -> QRectF:
        return QRectF(-TEXT_WIDTH / 2, -RADIUS - 6, TEXT_WIDTH, RADIUS * 2 + 100)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addEllipse(QPointF(0, 0), RADIUS + 4, RADIUS + 4)
        path.addRect(QRectF(-TEXT_WIDTH / 2, RADIUS + 2, TEXT_WIDTH, 40))
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        palette = widget.palette() if widget is not None else QPalette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        circle = QRectF(-RADIUS, -RADIUS, RADIUS * 2, RADIUS * 2)
        if self.status == REACHED:
            painter.setPen(QPen(accent.darker(120), 2))
            painter.setBrush(accent)
        elif self.status == NEXT:
            glow = QColor(accent)
            glow.setAlpha(60)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(glow)
            painter.drawEllipse(circle.adjusted(-7, -7, 7, 7))
            painter.setPen(QPen(accent, 3, Qt.PenStyle.DashLine if self.hasFocus() else Qt.PenStyle.SolidLine))
            painter.setBrush(palette.color(QPalette.ColorRole.Base))
        else:
            painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1.5))
            painter.setBrush(palette.color(QPalette.ColorRole.Window))
        painter.drawEllipse(circle)

        symbol_colour = palette.color(QPalette.ColorRole.HighlightedText) if self.status == REACHED else text_colour
        done, target = self.progress
        if self.status == NEXT and target > 1:  # a counted milestone shows how far along it is
            font = QFont(painter.font())
            font.setPointSizeF(12)
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(symbol_colour)
            painter.drawText(circle, Qt.AlignmentFlag.AlignCenter, f"{done}/{target}")
        else:
            glyph = QRectF(-ICON_SIZE / 2, -ICON_SIZE / 2, ICON_SIZE, ICON_SIZE)
            icons.paint(painter, glyph, icons.LOCK if self.status == LOCKED else self.icon, symbol_colour)

        font = QFont(painter.font())
        font.setPointSizeF(9.5)
        font.setBold(self.status != LOCKED)
        painter.setFont(font)
        painter.setPen(text_colour)
        title_box = QRectF(-TEXT_WIDTH / 2, RADIUS + 6, TEXT_WIDTH, 34)
        painter.drawText(title_box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, self.title)
        if self.status == NEXT:
            font.setBold(False)
            font.setPointSizeF(8.5)
            painter.setFont(font)
            painter.setPen(accent)
            hint_box = QRectF(-TEXT_WIDTH / 2, RADIUS + 40, TEXT_WIDTH, 54)
            painter.drawText(hint_box, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, self.hint)

    def activate(self) -> None:
        self._on_activate(self.milestone_id)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # accepted here, so the view does not start a pan under a click on a node

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self.contains(event.pos()):
            self.activate()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.activate()
        else:
            super().keyPressEvent(event)

    def focusInEvent(self, event: object) -> None:  # type: ignore[override]
        self.update()
        super().focusInEvent(event)  # type: ignore[arg-type]

    def focusOutEvent(self, event: object) -> None:  # type: ignore[override]
        self.update()
        super().focusOutEvent(event)  # type: ignore[arg-type]


class MapScene(QGraphicsScene):
    """The path and its nodes for one `GrowthState`; `node_activated` names the milestone clicked."""

    node_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.nodes: dict[str, NodeItem] = {}

    def show_state(self, state: GrowthState, language: str, texts: Callable[[MilestoneStatus], str]) -> None:
        """Rebuild the map (about 20 items: cheaper and simpler than diffing)."""
        focused = self.focusItem()
        focused_id = focused.milestone_id if isinstance(focused, NodeItem) else None
        self.clear()
        self.nodes = {}
        by_id = {s.milestone.id: s for s in state.milestones}
        ordered = [by_id[m] for m in state.definition.order if m in by_id]
        points = [path_position(i) for i in range(len(ordered))]
        self._draw_path(points, ordered)
        for status, point in zip(ordered, points, strict=True):
            milestone = status.milestone
            node = NodeItem(status, milestone.title.get(language), milestone.hint.get(language), texts(status),
                            self.node_activated.emit)
            node.setPos(point)
            node.setZValue(1)
            self.addItem(node)
            self.nodes[milestone.id] = node
        self.setSceneRect(self.itemsBoundingRect().adjusted(-40, -40, 40, 40))
        if focused_id in self.nodes:
            self.nodes[focused_id].setFocus()

    def _draw_path(self, points: list[QPointF], ordered: list[MilestoneStatus]) -> None:
        if not points:
            return
        palette = self.palette()
        for index in range(1, len(points)):
            a, b = points[index - 1], points[index]
            segment = QPainterPath(a)
            if a.y() == b.y():
                segment.lineTo(b)
            else:  # the turn at the end of a row: a half loop outside the row
                bulge = STEP_X * 0.6 * (1 if a.x() >= STEP_X * (COLUMNS - 1) / 2 else -1)
                segment.cubicTo(QPointF(a.x() + bulge, a.y()), QPointF(b.x() + bulge, b.y()), b)
            walked = ordered[index - 1].status == REACHED and ordered[index].status == REACHED
            colour = palette.color(QPalette.ColorRole.Highlight if walked else QPalette.ColorRole.Mid)
            pen = QPen(colour, 6 if walked else 4, Qt.PenStyle.SolidLine if walked else Qt.PenStyle.DotLine)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            self.addPath(segment, pen, QBrush(Qt.BrushStyle.NoBrush))


class MapView(QGraphicsView):
    """Shows the map; Ctrl+wheel or `zoom_by` zooms around the pointer, dragging or scrolling pans."""

    zoom_changed = Signal(float)

    def __init__(self, scene: MapScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.zoom = 1.0
        # Until the person zooms, the whole width of the path is shown (a narrow window shrinks it a little
        # rather than cutting off the last column's hints).
        self.fitting = True

    def fit_width(self) -> None:
        """Scale so the map's width fits the viewport: never enlarged, never below FIT_MIN_ZOOM."""
        width, available = self.sceneRect().width(), self.viewport().width() - 2
        if width <= 0 or available <= 0:
            return
        self._set_zoom(max(FIT_MIN_ZOOM, min(1.0, available / width)))

    def zoom_by(self, factor: float) -> None:
        self.fitting = False
        target = max(MIN_ZOOM, min(MAX_ZOOM, self.zoom * factor))
        if abs(target - self.zoom) < 1e-6:
            return
        self.scale(target / self.zoom, target / self.zoom)
        self.zoom = target
        self.zoom_changed.emit(self.zoom)

    def reset_zoom(self) -> None:
        self.fitting = False
        self._set_zoom(1.0)

    def _set_zoom(self, zoom: float) -> None:
        self.resetTransform()
        self.scale(zoom, zoom)
        self.zoom = zoom
        self.zoom_changed.emit(self.zoom)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.fitting:
            self.fit_width()

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            steps = event.angleDelta().y() / 120
            if steps:
                self.zoom_by(1.15**steps)
            event.accept()
        else:
            super().wheelEvent(event)  # plain wheel scrolls: panning
