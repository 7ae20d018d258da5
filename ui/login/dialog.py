"""The sign-in dialog: server address, user name, password; it signs in through the app and shows why not.

The dialog checks what it can alone (an http/https address, nothing left empty) and leaves the real work to
`attempt`, an async callable the app sets: `await attempt(url, username, password)` returns None once signed
in, or one sentence saying why not. It runs on the asyncio loop inside Qt (qasync), so the window keeps
painting while the server answers; the dialog keeps a reference to the task so it is neither collected nor
left running when the dialog is cancelled.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.sync_centre.colours import tint_warning

log = logging.getLogger("atrium.ui")

Attempt = Callable[[str, str, str], Awaitable[str | None]]


def url_problem(url: str) -> str | None:
    """Why this is not a usable server address (untranslated key), or None if it is one."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return "scheme"
    if not parts.hostname:
        return "host"
    return None


class LoginDialog(QDialog):
    def __init__(self, server_url: str, username: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.attempt: Attempt | None = None
        self._task: asyncio.Future[None] | None = None
        self.setObjectName("LoginDialog")
        self.setWindowTitle(self.tr("Sign in to Atrium"))
        self.setMinimumWidth(420)

        self.server_edit = QLineEdit(server_url)
        self.server_edit.setObjectName("serverUrl")
        self.server_edit.setPlaceholderText("https://atrium.example.com")
        self.server_edit.setAccessibleName(self.tr("Server address"))
        self.server_edit.setToolTip(self.tr("The address of your company's Atrium server, from your administrator"))
        self.user_edit = QLineEdit(username)
        self.user_edit.setObjectName("username")
        self.user_edit.setAccessibleName(self.tr("User name"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setAccessibleName(self.tr("Password"))
        self.remember_check = QCheckBox(self.tr("&Remember me on this computer"))
        self.remember_check.setObjectName("rememberMe")
        self.remember_check.setChecked(True)
        self.remember_check.setAccessibleName(self.tr("Remember me on this computer"))
        self.remember_check.setToolTip(self.tr(
            "Keeps your session in the system keychain (never in Atrium's files), so you stay signed in "
            "next time. Untick it on a shared computer."))

        self.error_label = QLabel()
        self.error_label.setObjectName("loginError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Sign-in problem"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint_warning(self.error_label)
        self.error_label.hide()
        self.progress_label = QLabel(self.tr("Signing in…"))
        self.progress_label.setObjectName("signingIn")
        self.progress_label.hide()

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.sign_in_button = QPushButton(self.tr("&Sign in"))
        self.sign_in_button.setObjectName("signIn")
        self.sign_in_button.setAccessibleName(self.tr("Sign in"))
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        # AcceptRole would close the dialog at once: signing in decides when it closes.
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("S&erver:"), self.server_edit)
        form.addRow(self.tr("&User name:"), self.user_edit)
        form.addRow(self.tr("&Password:"), self.password_edit)
        form.addRow(self.remember_check)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.buttons)
        self.sign_in_button.setDefault(True)  # only now is the dialog its window: Enter signs in
        self._inputs: tuple[QWidget, ...] = (self.server_edit, self.user_edit, self.password_edit,
                                             self.remember_check, self.sign_in_button)
        (self.password_edit if server_url and username else self.server_edit if not server_url
         else self.user_edit).setFocus()

    # ------------------------------------------------------------------------------------------ state

    @property
    def remember(self) -> bool:
        return self.remember_check.isChecked()

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def show_error(self, text: str, detail: str = "") -> None:
        """Show why signing in did not work (and the server's own words as a tooltip); whatever was typed stays."""
        text = text.strip()
        self.error_label.setText(text[:1].upper() + text[1:] if text else "")
        self.error_label.setToolTip(detail)
        self.error_label.setVisible(bool(text))

    def _set_busy(self, busy: bool) -> None:
        for widget in self._inputs:
            widget.setEnabled(not busy)
        self.progress_label.setVisible(busy)
        if busy:
            self.error_label.hide()

    def validation_error(self) -> str | None:
        """What is missing or wrong before asking the server, as a sentence; None when all is there."""
        url = self.server_edit.text().strip()
        if not url:
            return self.tr("Enter the server address.")
        problem = url_problem(url)
        if problem == "scheme":
            return self.tr("The server address must start with https:// (or http:// on a local network).")
        if problem:
            return self.tr("“%1” is not a server address.").replace("%1", url)
        if not self.user_edit.text().strip():
            return self.tr("Enter your user name.")
        if not self.password_edit.text():
            return self.tr("Enter your password.")
        return None

    # ---------------------------------------------------------------------------------------- signing in

    def submit(self) -> None:
        if self.busy:
            return
        problem = self.validation_error()
        if problem:
            self.show_error(problem)
            return
        if self.attempt is None:
            self.show_error(self.tr("Signing in is not possible right now."))
            log.error("LoginDialog.attempt was never set")
            return
        url = self.server_edit.text().strip().rstrip("/")
        self._set_busy(True)
        self._task = asyncio.ensure_future(
            self._sign_in(self.attempt, url, self.user_edit.text().strip(), self.password_edit.text()))

    async def _sign_in(self, attempt: Attempt, url: str, username: str, password: str) -> None:
        try:
            error = await attempt(url, username, password)
        except asyncio.CancelledError:
            raise
        except Exception:  # a bug on our side: the dialog stays usable and says so
            log.exception("signing in failed")
            error = self.tr("Something went wrong while signing in; details are in the log.")
        self._set_busy(False)
        if error:
            self.show_error(error)
            self.password_edit.setFocus()
            self.password_edit.selectAll()
            return
        self.accept()

    def reject(self) -> None:
        if self.busy and self._task is not None:
            self._task.cancel()  # the person gave up waiting: stop asking the server
            self._set_busy(False)
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy and self._task is not None:
            self._task.cancel()
        super().closeEvent(event)
