"""The sign-in dialog: checks before asking, shows "Signing in…", keeps the typed values on error, accepts on success.

The dialog awaits `attempt` on the asyncio loop inside Qt, so these tests run a qasync loop and drive each
scenario as a coroutine; they wait on the dialog's own task, never on time.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Iterator
from typing import Any

import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from ui.login.dialog import LoginDialog, url_problem

URL = "https://atrium.example.com"


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    # The dialog is the only window here: closing it must not end the loop the scenario runs in.
    quit_on_close = qapp.quitOnLastWindowClosed()
    qapp.setQuitOnLastWindowClosed(False)
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)
    # Collect the loop's and the app's Qt objects here, on the GUI thread: a garbage collection that happens
    # to run in a server thread later would destroy them there ("Timers cannot be stopped from another thread").
    gc.collect()
    qapp.setQuitOnLastWindowClosed(quit_on_close)


def run(loop: qasync.QEventLoop, scenario: Awaitable[Any], timeout: float = 10.0) -> Any:
    return loop.run_until_complete(asyncio.wait_for(scenario, timeout))


@pytest.fixture
def dialog(qtbot: QtBot) -> LoginDialog:
    widget = LoginDialog(URL, "wangfang")
    qtbot.addWidget(widget)
    widget.show()
    return widget


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    edit.clear()
    qtbot.keyClicks(edit, text)


def test_fields_are_prefilled_and_the_password_is_hidden(dialog: LoginDialog) -> None:
    assert dialog.server_edit.text() == URL
    assert dialog.user_edit.text() == "wangfang"
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.echoMode() == QLineEdit.EchoMode.Password
    assert dialog.remember
    assert "keychain" in dialog.remember_check.toolTip()
    assert not dialog.error_label.isVisibleTo(dialog)
    assert not dialog.progress_label.isVisibleTo(dialog)


@pytest.mark.parametrize(
    ("server", "user", "password", "expected"),
    [
        ("", "wangfang", "pw", "Enter the server address."),
        ("ftp://atrium.example.com", "wangfang", "pw", "must start with https://"),
        ("atrium.example.com", "wangfang", "pw", "must start with https://"),
        ("https://", "wangfang", "pw", "is not a server address"),
        (URL, "  ", "pw", "Enter your user name."),
        (URL, "wangfang", "", "Enter your password."),
    ],
)
def test_validation_happens_before_asking_the_server(
    qtbot: QtBot, dialog: LoginDialog, server: str, user: str, password: str, expected: str
) -> None:
    calls: list[tuple[str, str, str]] = []

    async def attempt(url: str, username: str, secret: str) -> str | None:
        calls.append((url, username, secret))
        return None

    dialog.attempt = attempt
    type_into(qtbot, dialog.server_edit, server)
    type_into(qtbot, dialog.user_edit, user)
    type_into(qtbot, dialog.password_edit, password)
    qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
    assert expected in dialog.error_label.text()
    assert dialog.error_label.isVisibleTo(dialog)
    assert calls == []
    assert dialog.isVisible() and not dialog.busy


def test_url_problem() -> None:
    assert url_problem("http://127.0.0.1:8000") is None
    assert url_problem("https://atrium.example.com/") is None
    assert url_problem("mailto:someone@example.com") == "scheme"
    assert url_problem("http:///path") == "host"


def test_an_error_is_shown_and_the_typed_values_stay(
    qtbot: QtBot, loop: qasync.QEventLoop, dialog: LoginDialog
) -> None:
    calls: list[tuple[str, str, str]] = []
    gate = asyncio.Event()

    async def attempt(url: str, username: str, password: str) -> str | None:
        calls.append((url, username, password))
        await gate.wait()
        return "the user name or password is wrong"

    async def scenario() -> None:
        dialog.attempt = attempt
        type_into(qtbot, dialog.server_edit, URL + "/")
        type_into(qtbot, dialog.password_edit, "not it")
        qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)  # Enter signs in
        assert dialog.busy
        assert dialog.progress_label.isVisibleTo(dialog)
        assert dialog.progress_label.text() == "Signing in…"
        assert not any(w.isEnabled() for w in (dialog.server_edit, dialog.user_edit, dialog.password_edit,
                                               dialog.sign_in_button))
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)  # disabled: no second attempt
        gate.set()
        assert dialog._task is not None
        await dialog._task

    run(loop, scenario())
    assert calls == [(URL, "wangfang", "not it")]
    assert dialog.error_label.text() == "The user name or password is wrong"
    assert dialog.error_label.isVisibleTo(dialog)
    assert not dialog.progress_label.isVisibleTo(dialog)
    assert dialog.server_edit.text() == URL + "/"
    assert dialog.password_edit.text() == "not it"
    assert dialog.password_edit.isEnabled() and dialog.sign_in_button.isEnabled()
    assert dialog.isVisible()


def test_success_accepts(qtbot: QtBot, loop: qasync.QEventLoop, dialog: LoginDialog) -> None:
    async def attempt(url: str, username: str, password: str) -> str | None:
        return None

    async def scenario() -> None:
        dialog.attempt = attempt
        dialog.show_error("an earlier problem")
        type_into(qtbot, dialog.password_edit, "demo")
        with qtbot.waitSignal(dialog.accepted):
            qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
            assert not dialog.error_label.isVisibleTo(dialog)  # a new try hides the old problem
            assert dialog._task is not None
            await dialog._task

    run(loop, scenario())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_a_bug_in_attempt_is_reported_not_raised(
    qtbot: QtBot, loop: qasync.QEventLoop, dialog: LoginDialog, caplog: pytest.LogCaptureFixture
) -> None:
    async def attempt(url: str, username: str, password: str) -> str | None:
        raise RuntimeError("boom")

    async def scenario() -> None:
        dialog.attempt = attempt
        type_into(qtbot, dialog.password_edit, "demo")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert dialog._task is not None
        await dialog._task

    with caplog.at_level("ERROR", logger="atrium.ui"):
        run(loop, scenario())
    assert "Something went wrong" in dialog.error_label.text()
    assert "signing in failed" in caplog.text
    assert dialog.isVisible()


def test_cancel_while_signing_in_stops_the_attempt(
    qtbot: QtBot, loop: qasync.QEventLoop, dialog: LoginDialog
) -> None:
    started = asyncio.Event()

    async def attempt(url: str, username: str, password: str) -> str | None:
        started.set()
        await asyncio.Event().wait()  # a server that never answers
        return None

    async def scenario() -> asyncio.Future[None]:
        dialog.attempt = attempt
        type_into(qtbot, dialog.password_edit, "demo")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        await started.wait()
        task = dialog._task
        assert task is not None
        with qtbot.waitSignal(dialog.rejected):
            dialog.reject()
        await asyncio.gather(task, return_exceptions=True)
        return task

    task = run(loop, scenario())
    assert task.cancelled()
    assert dialog.result() == QDialog.DialogCode.Rejected
