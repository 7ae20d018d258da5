"""The main window: layout and wiring only. Each section lives in its own folder (ui/chats, ui/tasks, …).

Sections other than the first are built the first time they are shown, so start-up pays only for what the
person sees.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.store import Changes, reads

from .context import AppContext

SECTIONS = ("chats", "tasks", "knowledge", "sync", "growth")


DEFAULT_SIZE = QSize(1200, 780)
SMALLEST_SIZE = QSize(960, 640)


def first_size(available: QSize | None) -> QSize:
    """The size of a window opened for the first time: most of the screen (a laptop's 1366×768 gets nearly all of
    it, a 4K monitor no wall of white), never smaller than the layout needs. Later starts restore what the
    person made it."""
    if available is None or available.isEmpty():
        return DEFAULT_SIZE
    width = max(min(round(available.width() * 0.8), 1600), min(SMALLEST_SIZE.width(), available.width()))
    height = max(min(round(available.height() * 0.85), 1050), min(SMALLEST_SIZE.height(), available.height()))
    return QSize(width, height)


class MainWindow(QMainWindow):
    sign_out_requested = Signal()
    switch_profile_requested = Signal()
    language_requested = Signal(str)
    sync_now_requested = Signal()

    def __init__(self, ctx: AppContext, factories: dict[str, Callable[[], QWidget]]) -> None:
        super().__init__()
        self.ctx = ctx
        self._factories = factories
        self._pages: dict[str, QWidget] = {}
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Atrium"))
        self.resize(first_size(self.screen().availableGeometry().size() if self.screen() else None))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName(self.tr("Sections"))
        labels = {
            "chats": self.tr("Chats"),
            "tasks": self.tr("Tasks"),
            "knowledge": self.tr("Knowledge"),
            "sync": self.tr("Sync centre"),
            "growth": self.tr("Growth"),
        }
        for key in SECTIONS:
            item = QListWidgetItem(labels[key])
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setStyleSheet(
            "QListWidget#navigation { border: none; outline: 0; background: palette(window); font-size: 11pt; }"
            "QListWidget#navigation::item { padding: 9px 12px; border-radius: 4px; margin: 1px 6px; }"
            "QListWidget#navigation::item:selected { background: palette(highlight);"
            " color: palette(highlighted-text); }"
        )
        self.person_label = QLabel()
        self.person_label.setObjectName("signedInPerson")
        self.person_label.setWordWrap(True)
        self.person_label.setContentsMargins(14, 12, 8, 10)
        self.person_label.setAccessibleName(self.tr("Signed in as"))
        self._show_person()
        side = QWidget()
        side.setFixedWidth(170)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 6)
        side_layout.setSpacing(0)
        side_layout.addWidget(self.person_label)
        side_layout.addWidget(self.nav, 1)
        self.stack = QStackedWidget()
        self._placeholders = {key: QWidget() for key in SECTIONS}
        for key in SECTIONS:
            self.stack.addWidget(self._placeholders[key])
        body = QWidget()
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(side)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

        self.sync_label = QLabel()
        self.sync_label.setObjectName("syncStatus")
        self.sync_label.setAccessibleName(self.tr("Sync status"))
        self.statusBar().addPermanentWidget(self.sync_label)
        self.nav.currentRowChanged.connect(self._show_row)
        ctx.sync_state_changed.connect(self.show_sync_state)
        ctx.action_failed.connect(self._show_error)
        ctx.navigate.connect(self.open_item)
        ctx.data_changed.connect(self._person_changed)
        self._build_menus()
        self.nav.setCurrentRow(0)
        self._restore_state()

    def _person_changed(self, changes: Changes) -> None:
        # A new profile opens before its first sync has brought the person's name and role.
        if self.ctx.user_id in changes.get("person", ()):
            self._show_person()

    def _show_person(self) -> None:
        person = reads.person(self.ctx.conn, self.ctx.user_id)
        name = reads.display_name(person, self.ctx.language, fallback=self.ctx.state("username") or "")
        role = {"admin": self.tr("Administrator"), "head": self.tr("Department head")}.get(
            person.role if person else "", self.tr("Member"))
        self.person_label.setText(f"<b>{html.escape(name)}</b><br><span style='color: palette(mid)'>"
                                  f"{html.escape(role)}</span>")

    # ---------------------------------------------------------------------------------------- sections

    def page(self, key: str) -> QWidget:
        """The section's widget, built on first use."""
        if key not in self._pages:
            widget = self._factories[key]()
            index = self.stack.indexOf(self._placeholders[key])
            self.stack.removeWidget(self._placeholders[key])
            self._placeholders[key].deleteLater()
            self.stack.insertWidget(index, widget)
            self._pages[key] = widget
        return self._pages[key]

    def show_section(self, key: str) -> QWidget:
        self.nav.setCurrentRow(SECTIONS.index(key))
        return self.page(key)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(SECTIONS):
            self.stack.setCurrentWidget(self.page(SECTIONS[row]))

    def open_item(self, kind: str, item_id: str) -> None:
        """Open a conversation, message, task, article or growth milestone wherever it is asked for (search,
        notifications), or ("new", what) an editor for something new."""
        if kind in ("conversation", "message"):
            view = self.show_section("chats")
            view.open_item(kind, item_id)  # type: ignore[attr-defined]
        elif kind == "task":
            self.show_section("tasks").open_item(kind, item_id)  # type: ignore[attr-defined]
        elif kind == "article":
            self.show_section("knowledge").open_item(kind, item_id)  # type: ignore[attr-defined]
        elif kind in ("growth", "milestone"):
            self.show_section("growth").open_item("milestone", item_id)  # type: ignore[attr-defined]
        elif kind == "new":
            self.start_new(item_id)

    def start_new(self, what: str) -> None:
        """Open the editor that creates an article, task, space or group, wherever it was asked for (the
        growth map's next steps)."""
        if what == "article":
            self.show_section("knowledge").new_article()  # type: ignore[attr-defined]
        elif what in ("task", "space"):
            self.show_section("tasks").start_new(what)  # type: ignore[attr-defined]
        elif what == "group":
            self.show_section("chats").new_group()  # type: ignore[attr-defined]

    # ------------------------------------------------------------------------------------------- chrome

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self.search_action = QAction(self.tr("Search everywhere…"), self)
        self.search_action.setShortcut(QKeySequence("Ctrl+K"))
        file_menu.addAction(self.search_action)
        sync_now = QAction(self.tr("Sync now"), self)
        sync_now.setShortcut(QKeySequence("F5"))
        sync_now.triggered.connect(self.sync_now_requested.emit)
        file_menu.addAction(sync_now)
        file_menu.addSeparator()
        switch = QAction(self.tr("Switch profile…"), self)
        switch.triggered.connect(self.switch_profile_requested.emit)
        file_menu.addAction(switch)
        sign_out = QAction(self.tr("Sign out"), self)
        sign_out.triggered.connect(self.sign_out_requested.emit)
        file_menu.addAction(sign_out)
        quit_action = QAction(self.tr("Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for index, key in enumerate(SECTIONS):
            action = QAction(self.nav.item(index).text(), self)
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            action.triggered.connect(lambda _checked=False, k=key: self.show_section(k))
            view_menu.addAction(action)
        view_menu.addSeparator()
        language_menu = view_menu.addMenu(self.tr("Language"))
        for code, label in (("zh", "简体中文"), ("en", "English")):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setChecked(self.ctx.language == code)
            action.triggered.connect(lambda _checked=False, c=code: self.language_requested.emit(c))
            language_menu.addAction(action)

    def show_sync_state(self, state: str, detail: str) -> None:
        texts = {
            "idle": self.tr("Not synced yet"),
            "syncing": self.tr("Syncing…"),
            "online": self.tr("Online · up to date"),
            "offline": self.tr("Offline · changes are kept and will be sent"),
            "signed_out": self.tr("Signed out · sign in to sync"),
            "error": self.tr("Sync stopped"),
        }
        self.sync_label.setText(texts.get(state, state))
        self.sync_label.setToolTip(detail)

    def _show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Atrium"), text)

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        row = settings.value("window/section", 0, int)
        if 0 <= row < len(SECTIONS):
            self.nav.setCurrentRow(row)

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/section", self.nav.currentRow())
        super().closeEvent(event)
