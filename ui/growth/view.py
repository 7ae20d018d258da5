"""The Growth section: level and points with progress to the next level, a badge shelf, the map and the report.

Everything shown comes from one `GrowthSnapshot` computed on the store's thread (see data.py). Clicking a
reachable ("next") milestone takes the person to where it is done, through `ctx.navigate`: an existing chat,
task or article, or — for a milestone about making something — the editor for a new article, task, space or
group (`("new", what)`). A milestone with nowhere to go (a streak) shows its hint instead.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QKeySequence, QPainter, QPaintEvent, QPalette, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QTabWidget,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from app.growth import NEXT, REACHED, MilestoneStatus
from app.store import reads

from .. import icons
from ..context import AppContext
from .data import GrowthLoader, GrowthSnapshot
from .map_scene import MapScene, MapView
from .report import ReportPanel

BADGE_SIZE = 40

# milestone.action → the kind of place it opens; the id is looked up in the store when clicked.
_CHAT_ACTIONS = ("chat.open", "chat.mentions")
_TASK_ACTIONS = ("task.mine",)
_ARTICLE_ACTIONS = ("article.mine", "knowledge.browse", "knowledge.review")
# Actions that make something new open its editor at once: ("new", what) through ctx.navigate.
_CREATE_ACTIONS = {"article.new": "article", "task.new": "task", "space.new": "space", "chat.new_group": "group"}


class BadgeShelf(QWidget):
    """The reached milestones' badges in the order earned, painted in one widget (tooltips per badge)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("badgeShelf")
        self.badges: list[tuple[str, str]] = []  # (icon name, tooltip)
        self.setMinimumHeight(BADGE_SIZE + 8)

    def set_badges(self, badges: list[tuple[str, str]]) -> None:
        """(icon name, tooltip) per badge, in the order earned."""
        self.badges = badges
        self.setAccessibleDescription(self.tr("%n badge(s)", "", len(badges)))
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(max(1, len(self.badges)) * (BADGE_SIZE + 6), BADGE_SIZE + 8)

    def badge_rect(self, index: int) -> QRect:
        return QRect(4 + index * (BADGE_SIZE + 6), 4, BADGE_SIZE, BADGE_SIZE)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if not self.badges:
            painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignVCenter, self.tr("No badges yet: reach a milestone"))
            return
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        tint = QColor(accent)
        tint.setAlpha(45)
        inset = BADGE_SIZE * 0.24
        for index, (icon, _tip) in enumerate(self.badges):
            rect = self.badge_rect(index)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(tint)
            painter.drawEllipse(rect)
            icons.paint(painter, QRectF(rect).adjusted(inset, inset, -inset, -inset), icon, accent.darker(130))

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            for index, (_icon, tip) in enumerate(self.badges):
                if self.badge_rect(index).contains(event.pos()):
                    QToolTip.showText(event.globalPos(), tip, self)
                    return True
            QToolTip.hideText()
            event.ignore()
            return True
        return super().event(event)


class GrowthView(QWidget):
    """The Growth section of the main window."""

    hint_shown = Signal(str)  # a milestone's hint shown in place of a route

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("growthView")
        self.snapshot: GrowthSnapshot | None = None
        self._pending_focus: str | None = None  # a milestone to show once the map is drawn

        self.level_label = QLabel(self.tr("Working out your growth…"))
        self.level_label.setObjectName("growthLevel")
        font = self.level_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.level_label.setFont(font)
        self.points_label = QLabel()
        self.points_label.setObjectName("growthPoints")
        self.expert_icon = QLabel()
        self.expert_icon.setObjectName("growthExpertIcon")
        self.expert_icon.hide()
        self.expert_label = QLabel()
        self.expert_label.setObjectName("growthExpert")
        self.expert_label.setAccessibleName(self.tr("Platform expert"))
        self.expert_label.setStyleSheet("QLabel#growthExpert { background: palette(highlight);"
                                        " color: palette(highlighted-text); border-radius: 9px; padding: 2px 10px; }")
        self.expert_label.hide()
        self.progress = QProgressBar()
        self.progress.setObjectName("growthProgress")
        self.progress.setAccessibleName(self.tr("Progress to the next level"))
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(10)
        self.shelf = BadgeShelf()
        self.ranking_icon = QLabel()
        self.ranking_icon.setObjectName("growthRankingIcon")
        self.ranking_label = QLabel()
        self.ranking_label.setObjectName("growthRanking")
        self.ranking_label.setAccessibleName(self.tr("Platform experts of the month"))
        self.ranking_label.setWordWrap(True)
        self.hint_label = QLabel()
        self.hint_label.setObjectName("growthHint")
        self.hint_label.setWordWrap(True)

        self.scene = MapScene(self)
        self.scene.node_activated.connect(self.activate_milestone)
        self.map_view = MapView(self.scene)
        self.map_view.setObjectName("growthMap")
        self.map_view.setAccessibleName(self.tr("Growth map"))
        zoom_in = self._tool_button("+", self.tr("Zoom in (Ctrl++)"), lambda: self.map_view.zoom_by(1.25))
        zoom_out = self._tool_button("−", self.tr("Zoom out (Ctrl+-)"), lambda: self.map_view.zoom_by(0.8))
        zoom_reset = self._tool_button("1:1", self.tr("Actual size (Ctrl+0)"), self.map_view.reset_zoom)
        for keys, slot in (("Ctrl++", zoom_in.click), ("Ctrl+=", zoom_in.click), ("Ctrl+-", zoom_out.click),
                           ("Ctrl+0", zoom_reset.click)):
            QShortcut(QKeySequence(keys), self, activated=slot)
        legend = QLabel(self.tr("Click a highlighted milestone to go where it is done. Drag to move, "
                                "Ctrl+wheel to zoom."))
        legend.setWordWrap(True)
        legend.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        tools = QHBoxLayout()
        tools.addWidget(legend, 1)
        for button in (zoom_out, zoom_reset, zoom_in):
            tools.addWidget(button)
        map_page = QWidget()
        map_layout = QVBoxLayout(map_page)
        map_layout.addLayout(tools)
        map_layout.addWidget(self.map_view, 1)

        self.report = ReportPanel()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("growthTabs")
        self.tabs.addTab(map_page, self.tr("Map"))
        self.tabs.addTab(self.report, self.tr("Report"))

        header = QVBoxLayout()
        top = QHBoxLayout()
        top.addWidget(self.level_label)
        top.addWidget(self.expert_icon)
        top.addWidget(self.expert_label)
        top.addStretch(1)
        top.addWidget(self.points_label)
        header.addLayout(top)
        header.addWidget(self.progress)
        header.addWidget(self.shelf)
        ranking = QHBoxLayout()
        ranking.addWidget(self.ranking_icon, 0, Qt.AlignmentFlag.AlignTop)
        ranking.addWidget(self.ranking_label, 1)
        header.addLayout(ranking)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.tabs, 1)

        self.loader = GrowthLoader(ctx, self)
        self.loader.loaded.connect(self.show_snapshot)
        self.loader.reload()

    def _tool_button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    # ------------------------------------------------------------------------------------------- showing

    def show_snapshot(self, snapshot: GrowthSnapshot) -> None:
        self.snapshot = snapshot
        state, language = snapshot.state, self.ctx.language
        self.level_label.setText(state.level.title.get(language))
        self.level_label.setAccessibleName(self.tr("Level"))
        if state.next_level is None:
            points = self.tr("%n point(s) · top level", "", state.total_points)
        elif state.points_to_next_level:
            points = (self.tr("%n point(s)", "", state.total_points) + " · "
                      + self.tr("%1 more to %2").replace("%1", str(state.points_to_next_level))
                      .replace("%2", state.next_level.title.get(language)))
        else:
            missing = ", ".join(state.definition.milestone(m).title.get(language) for m in state.next_level_requires)
            points = (self.tr("%n point(s)", "", state.total_points) + " · "
                      + self.tr("%1 needs: %2").replace("%1", state.next_level.title.get(language))
                      .replace("%2", missing))
        self.points_label.setText(points)
        self._show_expert(snapshot)
        self._show_standing(snapshot)
        self.progress.setValue(round(state.level_progress * 1000))
        self.progress.setToolTip(points)
        self.shelf.set_badges([
            (icons.badge(s.milestone.badge.id), self._badge_tip(s)) for s in state.reached
        ])
        first = not self.scene.nodes
        self.scene.show_state(state, language, self._node_tip)
        if self.map_view.fitting:
            self.map_view.fit_width()
        if first:  # open at the start of the path, not in the middle of the scene
            self.map_view.horizontalScrollBar().setValue(self.map_view.horizontalScrollBar().minimum())
            self.map_view.verticalScrollBar().setValue(self.map_view.verticalScrollBar().minimum())
        self.report.set_reports(snapshot.reports)
        if self._pending_focus is not None:
            self.open_item("milestone", self._pending_focus)

    def _show_expert(self, snapshot: GrowthSnapshot) -> None:
        """The platform-expert title of the newest month the person earned it in (all of them in the tooltip)."""
        months = snapshot.expert_months
        self.expert_label.setVisible(bool(months))
        self.expert_icon.setVisible(bool(months))
        if not months:
            return
        recognition = snapshot.state.definition.recognition
        title = recognition.title.get(self.ctx.language)
        self.expert_icon.setPixmap(self._trophy())
        self.expert_label.setText(f"{title} · {months[0].month}")
        lines = []
        for month in months:
            expert = month.expert(self.ctx.user_id)
            assert expert is not None
            lines.append(self.tr("%1: number %2 of %3 people, %4 points (top %5%)")
                         .replace("%1", month.month).replace("%2", str(expert.rank)).replace("%3", str(month.ranked))
                         .replace("%4", str(expert.points)).replace("%5", str(round(month.share * 100))))
        self.expert_label.setToolTip("\n".join(lines))

    def _show_standing(self, snapshot: GrowthSnapshot) -> None:
        """Last ranked month's experts and this month so far: on the 1st, "not ranked yet", never a blank."""
        standing = snapshot.standing
        self.ranking_label.setVisible(standing is not None)
        if standing is None:
            return
        self.ranking_icon.setPixmap(self._trophy())
        if standing.last is None:
            last = self.tr("No month has been ranked yet.")
        elif standing.last_names:
            last = (self.tr("Platform experts of %1: %2").replace("%1", standing.last.month)
                    .replace("%2", self.tr(", ").join(standing.last_names)))
        else:
            last = self.tr("Nobody earned points in %1.").replace("%1", standing.last.month)
        now = (self.tr("%1 is not ranked yet (it is ranked when the month ends); your points so far: %2")
               .replace("%1", standing.month).replace("%2", str(standing.points)))
        self.ranking_label.setText(f"{last} · {now}")

    def _trophy(self) -> QPixmap:
        size = self.fontMetrics().height()
        return icons.pixmap(icons.TROPHY, self.palette().color(QPalette.ColorRole.Highlight), size,
                            self.devicePixelRatioF())

    def _date(self, status: MilestoneStatus) -> str:
        if status.reached_on is None:
            return ""
        day = status.reached_on
        return QLocale().toString(QDate(day.year, day.month, day.day), QLocale.FormatType.ShortFormat)

    def _badge_tip(self, status: MilestoneStatus) -> str:
        title = status.milestone.title.get(self.ctx.language)
        return self.tr("%1 — reached on %2").replace("%1", title).replace("%2", self._date(status))

    def _node_tip(self, status: MilestoneStatus) -> str:
        milestone = status.milestone
        title = milestone.title.get(self.ctx.language)
        if status.status == REACHED:
            return self._badge_tip(status)
        hint = milestone.hint.get(self.ctx.language)
        progress = self.tr("%1 of %2 done").replace("%1", str(status.progress)).replace("%2", str(status.target))
        if status.status == NEXT:
            return f"{title}\n{hint} (+{milestone.points})\n{progress}"
        needed = ", ".join(self._title(p) for p in milestone.prerequisites)
        return f"{title}\n" + self.tr("First reach: %1").replace("%1", needed)

    def _title(self, milestone_id: str) -> str:
        assert self.snapshot is not None
        return self.snapshot.state.definition.milestone(milestone_id).title.get(self.ctx.language)

    # ------------------------------------------------------------------------------------------ acting

    def activate_milestone(self, milestone_id: str) -> None:
        """Go where a next milestone is done; anything else (or no route) shows what it takes."""
        if self.snapshot is None:
            return
        status = node_status(self.snapshot, milestone_id)
        if status.status != NEXT:
            self.hint_label.setText(self._node_tip(status).replace("\n", " · "))
            return
        target = self.route(status.milestone.action)
        hint = status.milestone.hint.get(self.ctx.language)
        self.hint_label.setText(hint)
        if target is None:
            self.hint_shown.emit(hint)
            return
        self.ctx.navigate.emit(*target)

    def route(self, action: str) -> tuple[str, str] | None:
        """The (kind, id) that `ctx.navigate` opens for a milestone's action, or None where there is none."""
        conn, me, language = self.ctx.conn, self.ctx.user_id, self.ctx.language
        if action in _CREATE_ACTIONS:
            return ("new", _CREATE_ACTIONS[action])
        if action in _CHAT_ACTIONS:
            chats = reads.conversations(conn, me, language)
            groups = [c for c in chats if c.kind in ("group", "department")]
            chosen = (groups or chats)[:1]
            return ("conversation", chosen[0].id) if chosen else None
        if action in _TASK_ACTIONS:
            open_tasks = [t for t in reads.my_tasks(conn, me, self.ctx.today(), language) if t.status != "done"]
            return ("task", open_tasks[0].id) if open_tasks else None
        if action == "article.mine":
            mine = reads.articles(conn, me, author_id=me, language=language)
            return ("article", mine[0].id if mine else "")
        if action in _ARTICLE_ACTIONS:
            return ("article", "")  # the knowledge section opens on its list
        return None  # home (streaks): nothing to open, the hint says what to do

    def open_item(self, kind: str, item_id: str) -> None:
        """Show a milestone on the map (kind "milestone", e.g. from its notification); other kinds do not
        live here. Asked before the first computation has finished, it is shown once that is done."""
        if kind != "milestone":
            return
        if item_id not in self.scene.nodes:
            self._pending_focus = item_id
            return
        self._pending_focus = None
        self.tabs.setCurrentIndex(0)
        node = self.scene.nodes[item_id]
        self.map_view.centerOn(node)
        node.setFocus()
        self.hint_label.setText(self._node_tip(node_status(self.snapshot, item_id)).replace("\n", " · "))

    def badge_positions(self) -> list[QPoint]:
        """Where each badge is drawn (for tests and accessibility tools)."""
        return [self.shelf.badge_rect(i).center() for i in range(len(self.shelf.badges))]


def node_status(snapshot: GrowthSnapshot | None, milestone_id: str) -> MilestoneStatus:
    assert snapshot is not None
    return next(s for s in snapshot.state.milestones if s.milestone.id == milestone_id)
