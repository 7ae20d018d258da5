"""Native desktop notifications through the freedesktop.org notification service (GNOME, KDE, Xfce, … on Linux).

It speaks org.freedesktop.Notifications over the D-Bus session bus with jeepney (pure Python, and what keyring
already uses on Linux), so notifications look like every other application's, stay in the desktop's own history
and honour its do-not-disturb. Clicking one ("default" action) opens what it is about, like the tray balloon.

The Notify call is made on the GUI thread with a short time limit: it is local IPC that answers in about a
millisecond, and doing it in place lets the adapter chain fall back to the tray at once when it fails. Clicks
arrive on jeepney's receiver thread and are handed to the GUI thread through a queued Qt signal.
"""

from __future__ import annotations

import logging
import sys
import threading
from queue import Queue
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.notifications.notifier import Notification

from .adapters import TOAST_MS, ClickHandler

log = logging.getLogger("atrium.ui")
SERVICE = "org.freedesktop.Notifications"
PATH = "/org/freedesktop/Notifications"
CALL_TIMEOUT_S = 1.5
_STOP = object()


def _address() -> Any:
    from jeepney import DBusAddress

    return DBusAddress(PATH, bus_name=SERVICE, interface=SERVICE)


class FreedesktopAdapter(QObject):
    activated = Signal(int)  # a notification's id, from the D-Bus thread to the GUI thread
    closed = Signal(int)

    def __init__(self, on_click: ClickHandler, parent: QObject | None = None, *, bus: str = "SESSION") -> None:
        from jeepney import MatchRule
        from jeepney.bus_messages import message_bus
        from jeepney.io.threading import DBusRouter, open_dbus_connection

        super().__init__(parent)
        self._on_click = on_click
        self._shown: dict[int, Notification] = {}
        self._connection = open_dbus_connection(bus)
        self._router = DBusRouter(self._connection)
        self._signals: Queue[Any] = Queue(maxsize=100)
        for member in ("ActionInvoked", "NotificationClosed"):
            rule = MatchRule(type="signal", interface=SERVICE, member=member, path=PATH)
            self._router.filter(rule, queue=self._signals)
            self._router.send_and_get_reply(message_bus.AddMatch(rule), timeout=CALL_TIMEOUT_S)
        self.activated.connect(self._activated)
        self.closed.connect(lambda notification_id: self._shown.pop(notification_id, None))
        self._listener = threading.Thread(target=self._listen, name="atrium-notifications", daemon=True)
        self._listener.start()

    @staticmethod
    def available(bus: str = "SESSION") -> bool:
        """Linux (or another freedesktop system) with a session bus where a notification service runs."""
        if sys.platform in ("win32", "darwin"):
            return False
        try:
            from jeepney.bus_messages import message_bus
            from jeepney.io.blocking import open_dbus_connection

            with open_dbus_connection(bus) as conn:
                reply = conn.send_and_get_reply(message_bus.NameHasOwner(SERVICE), timeout=CALL_TIMEOUT_S)
                return bool(reply.body[0])
        except Exception:  # no bus, no jeepney, a refusing daemon: not available here
            return False

    def show(self, notification: Notification) -> None:
        from jeepney import new_method_call

        hints = {"urgency": ("y", 1), "category": ("s", "im.received"),
                 "suppress-sound": ("b", not notification.sound)}
        message = new_method_call(_address(), "Notify", "susssasa{sv}i", (
            "Atrium", 0, "", notification.title, notification.body, ["default", self.tr("Open")], hints, TOAST_MS))
        reply = self._router.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
        if reply.header.message_type.name == "error":
            raise RuntimeError(f"the notification service refused: {reply.body}")
        self._shown[int(reply.body[0])] = notification
        while len(self._shown) > 200:  # the service forgets old ones too
            self._shown.pop(next(iter(self._shown)))

    def close(self) -> None:
        self._signals.put(_STOP)
        self._router.close()
        self._connection.close()

    def _listen(self) -> None:
        from jeepney.low_level import HeaderFields

        while True:
            message = self._signals.get()
            if message is _STOP:
                return
            try:
                member = message.header.fields.get(HeaderFields.member)
                (self.activated if member == "ActionInvoked" else self.closed).emit(int(message.body[0]))
            except (RuntimeError, IndexError, TypeError, ValueError):
                return  # the adapter went away while a signal was on its way

    def _activated(self, notification_id: int) -> None:
        notification = self._shown.get(notification_id)
        if notification is not None:
            self._on_click(notification)
