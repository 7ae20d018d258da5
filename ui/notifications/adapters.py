"""Delivering a notification on the desktop: the system tray balloon where there is a tray, an in-app toast else.

`AdapterChain` picks the first adapter that can work here, lazily (no tray icon is created until something pops
up), and falls back to the next one if an adapter fails. Each adapter reports clicks through `on_click`, so the
notification opens the message, task or article it is about.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QMouseEvent, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QStyle, QSystemTrayIcon, QVBoxLayout, QWidget

from app.notifications.notifier import Notification

log = logging.getLogger("atrium.ui")
ClickHandler = Callable[[Notification], None]
TOAST_MS = 6000


class TrayAdapter(QObject):
    """A balloon from the system tray icon (Windows, macOS, most Linux desktops)."""

    def __init__(self, on_click: ClickHandler, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._on_click = on_click
        self._last: Notification | None = None
        style = QApplication.style()
        icon = QGuiApplication.windowIcon()
        if icon.isNull():
            icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.tray = QSystemTrayIcon(icon, self)
        self.tray.setToolTip(self.tr("Atrium"))
        self.tray.messageClicked.connect(self._clicked)
        self.tray.show()

    @staticmethod
    def available() -> bool:
        return QSystemTrayIcon.isSystemTrayAvailable() and QSystemTrayIcon.supportsMessages()

    def show(self, notification: Notification) -> None:
        self._last = notification
        # The tray plays the platform's sound with an icon; with sound off, show no icon (silent on Windows).
        icon = QSystemTrayIcon.MessageIcon.Information if notification.sound else QSystemTrayIcon.MessageIcon.NoIcon
        self.tray.showMessage(notification.title, notification.body, icon, TOAST_MS)

    def _clicked(self) -> None:
        if self._last is not None:
            self._on_click(self._last)


class Toast(QFrame):
    """A small panel in the window's bottom-right corner; clicking it opens what it is about."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("notificationToast")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(self)
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title)
        layout.addWidget(self.body)
        self.setFixedWidth(320)
        self.hide()
        self.clicked: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.hide)

    def popup(self, title: str, body: str) -> None:
        self.title.setText(title)
        self.body.setText(body)
        self.setAccessibleName(self.tr("Notification: %1").replace("%1", title))
        self.adjustSize()
        parent = self.parentWidget()
        assert parent is not None
        self.move(parent.width() - self.width() - 16, parent.height() - self.height() - 16)
        self.raise_()
        self.show()
        self._timer.start(TOAST_MS)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.clicked is not None:
            self.hide()
            self.clicked()
        super().mousePressEvent(event)


class ToastAdapter(QObject):
    """The last resort: a toast inside the main window (no tray, or the tray failed)."""

    def __init__(self, window: QWidget, on_click: ClickHandler) -> None:
        super().__init__(window)
        self.toast = Toast(window)
        self._on_click = on_click
        self._last: Notification | None = None
        self.toast.clicked = self._clicked

    def show(self, notification: Notification) -> None:
        self._last = notification
        if notification.sound:
            QApplication.beep()
        self.toast.popup(notification.title, notification.body)

    def _clicked(self) -> None:
        if self._last is not None:
            self._on_click(self._last)


class AdapterChain:
    """The first adapter that can be made and works; the next one when it fails."""

    def __init__(self, factories: Sequence[tuple[Callable[[], bool], Callable[[], object]]]) -> None:
        self._factories = list(factories)  # (available?, make)
        self._current: object | None = None

    @property
    def current(self) -> object | None:
        return self._current

    def show(self, notification: Notification) -> None:
        while True:
            if self._current is None:
                self._current = self._next()
                if self._current is None:
                    log.warning("no way to show a notification on this desktop")
                    return
            try:
                self._current.show(notification)  # type: ignore[attr-defined]
                return
            except Exception:  # a broken tray must not lose the notification: fall back to the next adapter
                log.exception("a notification adapter failed; trying the next one")
                self._current = None

    def _next(self) -> object | None:
        while self._factories:
            available, make = self._factories.pop(0)
            try:
                if available():
                    return make()
            except Exception:
                log.exception("a notification adapter could not start")
        return None
