"""The native (freedesktop.org) notification adapter against a real, private D-Bus session bus.

A throwaway dbus-daemon runs for the test and a stand-in notification service (the part a desktop provides)
owns org.freedesktop.Notifications on it: it records what it was asked to show and can report a click, which
is all a real desktop's service does for us. Skipped where there is no dbus-daemon.
"""

from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from app.notifications.notifier import Notification
from ui.notifications.native import PATH, SERVICE, FreedesktopAdapter

pytestmark = pytest.mark.skipif(shutil.which("dbus-daemon") is None, reason="needs dbus-daemon")


@pytest.fixture
def bus() -> Iterator[str]:
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert daemon.stdout is not None
    address = daemon.stdout.readline().strip()
    yield address
    daemon.terminate()
    daemon.wait(10)
    daemon.stdout.close()


class FakeNotificationService:
    """Owns the notification service's name and answers Notify like a desktop does."""

    def __init__(self, address: str) -> None:
        from jeepney.bus_messages import message_bus
        from jeepney.io.blocking import open_dbus_connection

        self.conn = open_dbus_connection(address)
        reply = self.conn.send_and_get_reply(message_bus.RequestName(SERVICE))
        assert reply.body[0] == 1  # primary owner
        self.shown: list[tuple[Any, ...]] = []
        self.sender = ""
        self._stop = False
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        from jeepney import MessageType, new_method_return
        from jeepney.low_level import HeaderFields

        while not self._stop:
            try:
                message = self.conn.receive(timeout=0.2)
            except TimeoutError:
                continue
            except OSError:
                return
            fields = message.header.fields
            if message.header.message_type is MessageType.method_call and fields.get(HeaderFields.member) == "Notify":
                self.shown.append(tuple(message.body))
                self.sender = fields.get(HeaderFields.sender, "")
                self.conn.send(new_method_return(message, "u", (len(self.shown),)))

    def click(self, notification_id: int) -> None:
        from jeepney import DBusAddress, new_signal

        emitter = DBusAddress(PATH, interface=SERVICE)
        self.conn.send(new_signal(emitter, "ActionInvoked", "us", (notification_id, "default")))

    def close(self) -> None:
        self._stop = True
        self.thread.join(5)
        self.conn.close()


def note(title: str, sound: bool = True) -> Notification:
    return Notification(title, "机房漏水，请马上处理", "message", "m1", sound, ("message:m1",))


def test_not_available_without_a_notification_service(bus: str) -> None:
    assert not FreedesktopAdapter.available(bus)
    assert not FreedesktopAdapter.available("unix:path=/nonexistent/bus")


def test_shows_through_the_desktop_service_and_a_click_opens_the_item(bus: str, qtbot: Any) -> None:
    service = FakeNotificationService(bus)
    try:
        assert FreedesktopAdapter.available(bus)
        clicked: list[Notification] = []
        adapter = FreedesktopAdapter(clicked.append, bus=bus)
        adapter.show(note("Urgent: Wang Fang", sound=False))
        adapter.show(note("Second"))
        assert len(service.shown) == 2
        app_name, replaces, _icon, summary, body, actions, hints, timeout = service.shown[0]
        assert (app_name, replaces, summary, body) == ("Atrium", 0, "Urgent: Wang Fang", "机房漏水，请马上处理")
        assert actions[0] == "default" and timeout > 0
        assert hints["suppress-sound"] == ("b", True)
        service.click(1)
        qtbot.waitUntil(lambda: len(clicked) == 1, timeout=5000)
        assert clicked[0].title == "Urgent: Wang Fang" and clicked[0].open_id == "m1"
        service.click(99)  # not one of ours: ignored
        service.click(2)
        qtbot.waitUntil(lambda: len(clicked) == 2, timeout=5000)
        assert clicked[1].title == "Second"
        adapter.close()
    finally:
        service.close()
