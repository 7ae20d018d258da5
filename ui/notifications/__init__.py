"""Desktop notifications: wires the app's `Notifier` to the window (store changes in, pop-ups out, a minute timer
for the digest), and adds the Notifications menu (centre, settings, presenting mode, pause).
"""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QObject, QTimer, QTimeZone
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolButton, QWidget

from app.notifications import next_working_start
from app.notifications.notifier import Clock, Notification, Notifier
from app.notifications.settings import NotificationSettings
from app.services import preferences
from app.store import Changes, Store

from ..context import AppContext
from .adapters import AdapterChain, ToastAdapter, TrayAdapter
from .native import FreedesktopAdapter

CHECK_MS = 60_000


def system_zone() -> str:
    return bytes(QTimeZone.systemTimeZoneId().data()).decode() or "UTC"


class NotificationController(QObject):
    """One per open window. Owns the notifier's own store connection (it writes only its two small tables)."""

    def __init__(self, ctx: AppContext, window: QWidget, *, adapter: object | None = None,
                 clock: Clock | None = None) -> None:
        super().__init__(window)
        self.ctx = ctx
        self.window = window
        self._store = Store(ctx.store_path)
        self.adapter = adapter or AdapterChain([
            (FreedesktopAdapter.available, lambda: FreedesktopAdapter(self.open, self)),
            (TrayAdapter.available, lambda: TrayAdapter(self.open, self)),
            (lambda: True, lambda: ToastAdapter(window, self.open)),
        ])
        extra = {"clock": clock} if clock is not None else {}
        self.notifier = Notifier(self._store.conn, ctx.user_id, self.adapter,  # type: ignore[arg-type]
                                 language=ctx.language, default_zone=system_zone(), persist=self._persist, **extra)
        self._online = False
        ctx.data_changed.connect(self._changed)
        ctx.sync_state_changed.connect(self._sync_state)
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_MS)
        self.timer.timeout.connect(self.notifier.check)
        self.timer.start()
        self._centre: QWidget | None = None
        self.presenting_action: QAction | None = None
        self.notifier.listeners.append(self._history_changed)
        ctx.notifications = self  # views offer per-conversation choices through it

    def _persist(self, settings: NotificationSettings) -> None:
        """Send changed settings to my other devices, through the outbox like any change."""
        self.ctx.act(preferences.save_notification_settings, settings)

    def close(self) -> None:
        if getattr(self.ctx, "notifications", None) is self:
            self.ctx.notifications = None
        self.timer.stop()
        current = getattr(self.adapter, "current", None)
        if isinstance(current, FreedesktopAdapter):
            current.close()
        self.ctx.data_changed.disconnect(self._changed)
        self.ctx.sync_state_changed.disconnect(self._sync_state)
        self._store.close()

    def open(self, notification: Notification) -> None:
        """A pop-up was clicked: open what it is about and bring the window forward."""
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()
        if notification.open_kind and notification.open_id:
            self.ctx.navigate.emit(notification.open_kind, notification.open_id)
        else:
            self.show_centre()

    def _changed(self, changes: Changes) -> None:
        self.notifier.on_changes(changes)

    def _sync_state(self, state: str, _detail: str) -> None:
        online = state == "online"
        if online and not self._online:
            self.notifier.back_online()
        self._online = online

    def _history_changed(self) -> None:
        centre = self._centre
        if centre is not None and centre.isVisible():
            centre.refresh()  # type: ignore[attr-defined]
        if self.presenting_action is not None:
            self.presenting_action.setChecked(self.notifier.settings.presenting)

    # -- actions ------------------------------------------------------------------------------------------------

    def show_centre(self) -> None:
        from .centre import NotificationCentre

        if self._centre is None:
            self._centre = NotificationCentre(self.ctx, self.window)
        self._centre.refresh()  # type: ignore[attr-defined]
        self._centre.show()
        self._centre.raise_()

    def show_settings(self) -> None:
        from .settings_dialog import NotificationSettingsDialog

        NotificationSettingsDialog(self.notifier, self.window, self.ctx).open()

    def conversation_choice(self, conversation_id: str) -> str:
        """How this conversation notifies: "all", "mentions" (mentions only) or "muted"."""
        settings = self.notifier.settings
        if conversation_id in settings.muted_conversations:
            return "muted"
        return "mentions" if conversation_id in settings.mentions_only_conversations else "all"

    def set_conversation_choice(self, conversation_id: str, choice: str) -> None:
        from dataclasses import replace

        settings = self.notifier.settings
        muted = settings.muted_conversations - {conversation_id}
        mentions = settings.mentions_only_conversations - {conversation_id}
        if choice == "muted":
            muted |= {conversation_id}
        elif choice == "mentions":
            mentions |= {conversation_id}
        self.notifier.set_settings(replace(settings, muted_conversations=muted, mentions_only_conversations=mentions))

    def set_presenting(self, on: bool) -> None:
        from dataclasses import replace

        self.notifier.set_settings(replace(self.notifier.settings, presenting=on))

    def pause_hour(self) -> None:
        self.notifier.set_settings(self.notifier.settings.paused(self.notifier.clock() + timedelta(hours=1)))

    def pause_until_work(self) -> None:
        now = self.notifier.clock()
        start = next_working_start(self.notifier.settings.resumed(), now) or now + timedelta(days=1)
        self.notifier.set_settings(self.notifier.settings.paused(start))

    def resume(self) -> None:
        self.notifier.set_settings(self.notifier.settings.resumed())

    def install_menu(self, window: QMainWindow) -> None:
        """A Notifications menu in the window's menu bar (kept here so the shell stays small)."""
        menu = window.menuBar().addMenu(self.tr("&Notifications"))
        centre = QAction(self.tr("Notifications…"), window)
        centre.setShortcut(QKeySequence("Ctrl+Shift+M"))  # Ctrl+Shift+N starts a group chat
        centre.triggered.connect(self.show_centre)
        menu.addAction(centre)
        settings = QAction(self.tr("Notification settings…"), window)
        settings.triggered.connect(self.show_settings)
        menu.addAction(settings)
        menu.addSeparator()
        self.presenting_action = QAction(self.tr("Presenting mode"), window)
        self.presenting_action.setCheckable(True)
        self.presenting_action.setChecked(self.notifier.settings.presenting)
        self.presenting_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.presenting_action.toggled.connect(self.set_presenting)
        self.presenting_action.setToolTip(self.tr("Presenting mode: nothing pops up until you turn it off"))
        menu.addAction(self.presenting_action)
        # One click for a trainer in front of a projector: the same action, always in sight in the status bar.
        self.presenting_button = QToolButton(window)
        self.presenting_button.setObjectName("presentingButton")
        self.presenting_button.setDefaultAction(self.presenting_action)
        self.presenting_button.setAutoRaise(True)
        window.statusBar().insertPermanentWidget(0, self.presenting_button)
        pause = menu.addMenu(self.tr("Pause notifications"))
        for label, slot in ((self.tr("For 1 hour"), self.pause_hour),
                            (self.tr("Until tomorrow's working hours"), self.pause_until_work),
                            (self.tr("Resume"), self.resume)):
            action = QAction(label, window)
            action.triggered.connect(slot)
            pause.addAction(action)
