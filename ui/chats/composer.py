"""Where a person writes a message: Enter sends, Shift+Enter starts a new line, "@" completes members' names.

The composer only asks for a send (`send_requested`); the view runs the service and clears the text once the
message is in the store, so a refused send (empty, too long, no urgent allowance left) leaves the text where
it was. A message can be important, ask its readers to acknowledge it, or be urgent: urgent gets through
everyone's quiet time, so the composer asks for the reason recipients will see and says how many urgent
messages are left for today.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut, QStandardItem, QStandardItemModel, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QCompleter,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.store import reads


@dataclass(frozen=True)
class SendOptions:
    important: bool = False
    urgent_reason: str | None = None  # set: the message is urgent
    ack_requested: bool = False


# A mention being typed: where app.markup.MENTION may start (also right after Chinese text: "请@zh…").
_MENTION_PREFIX = re.compile(r"(?<![A-Za-z0-9_@/])@([A-Za-z0-9._\-]*)$")
USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1


class MessageEdit(QPlainTextEdit):
    """The text box: Enter sends; while the @ completer is open, Enter/Tab pick a name instead."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.members = QStandardItemModel(self)
        self.completer = QCompleter(self)
        self.completer.setWidget(self)
        self.completer.setModel(self.members)
        self.completer.setCompletionRole(USERNAME_ROLE)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchStartsWith)
        self.completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.completer.activated[QModelIndex].connect(self._insert_mention)
        self.completer.popup().setAccessibleName(self.tr("People to mention"))

    def set_members(self, people: list[reads.Person], language: str) -> None:
        self.members.clear()
        for person in people:
            item = QStandardItem(f"@{person.username}  {person.name(language)}")
            item.setData(person.username, USERNAME_ROLE)
            item.setEditable(False)
            self.members.appendRow(item)

    def mention_prefix(self) -> str | None:
        """The partial @name just before the cursor, or None when the cursor is not in one."""
        cursor = self.textCursor()
        block = cursor.block().text()[: cursor.positionInBlock()]
        found = _MENTION_PREFIX.search(block)
        return found.group(1) if found else None

    def _insert_mention(self, index: QModelIndex) -> None:
        username = index.data(USERNAME_ROLE)
        prefix = self.mention_prefix()
        if not username or prefix is None:
            return
        cursor = self.textCursor()
        cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.KeepAnchor, len(prefix) + 1)
        cursor.insertText(f"@{username} ")
        self.setTextCursor(cursor)
        self.completer.popup().hide()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        popup = self.completer.popup()
        keys = (Qt.Key.Key_Enter, Qt.Key.Key_Return, Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape)
        if popup.isVisible() and event.key() in keys:
            event.ignore()  # the completer's popup handles these (pick or close)
            return
        if event.key() in (Qt.Key.Key_Enter, Qt.Key.Key_Return) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.submitted.emit()
            return
        super().keyPressEvent(event)
        self.update_completer()

    def update_completer(self) -> None:
        prefix = self.mention_prefix()
        if prefix is None or self.members.rowCount() == 0:
            self.completer.popup().hide()
            return
        self.completer.setCompletionPrefix(prefix)
        if self.completer.completionCount() == 0:
            self.completer.popup().hide()
            return
        self.completer.popup().setCurrentIndex(self.completer.completionModel().index(0, 0))
        rect = self.cursorRect()
        rect.setWidth(max(240, self.completer.popup().sizeHintForColumn(0) + 30))
        self.completer.complete(rect)

    def completion_usernames(self) -> list[str]:
        """The usernames the completer offers now (for tests and accessibility)."""
        model = self.completer.completionModel()
        return [model.index(r, 0).data(USERNAME_ROLE) for r in range(model.rowCount())]


class Composer(QWidget):
    send_requested = Signal(str, object, object)  # text, reply_to message id or None, SendOptions

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        self.reply_to: str | None = None
        self.urgent_reason: str | None = None
        self.urgent_left: Callable[[], int] = lambda: 0  # the view tells how many urgent messages are left

        self.reply_label = QLabel()
        self.reply_label.setObjectName("replyQuote")
        self.reply_label.setTextFormat(Qt.TextFormat.PlainText)
        self.cancel_reply = QToolButton()
        self.cancel_reply.setText("✕")
        self.cancel_reply.setToolTip(self.tr("Do not reply (Esc)"))
        self.cancel_reply.setAccessibleName(self.tr("Cancel reply"))
        self.cancel_reply.clicked.connect(self.clear_reply)
        self.reply_bar = QWidget()
        reply_layout = QHBoxLayout(self.reply_bar)
        reply_layout.setContentsMargins(0, 0, 0, 0)
        reply_layout.addWidget(self.reply_label, 1)
        reply_layout.addWidget(self.cancel_reply)
        self.reply_bar.hide()

        self.edit = MessageEdit()
        self.edit.setObjectName("messageEdit")
        self.edit.setAccessibleName(self.tr("Message"))
        self.edit.setPlaceholderText(self.tr("Write a message — Enter sends, Shift+Enter for a new line, @ to mention"))
        self.edit.setTabChangesFocus(True)
        self.edit.setFixedHeight(84)  # about four lines; the history gets the rest
        self.edit.submitted.connect(self.submit)

        self.important = QCheckBox(self.tr("Important"))
        self.important.setObjectName("importantToggle")
        self.important.setAccessibleName(self.tr("Mark as important"))
        self.important.setToolTip(self.tr("Important messages show who has read them (Ctrl+I)"))
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("sendButton")
        self.send_button.setAccessibleName(self.tr("Send message"))
        self.send_button.setToolTip(self.tr("Send (Enter)"))
        self.send_button.clicked.connect(self.submit)
        self.ask_ack = QCheckBox(self.tr("Ask to acknowledge"))
        self.ask_ack.setObjectName("ackToggle")
        self.ask_ack.setToolTip(self.tr("Readers confirm they have seen it; you see who has not yet"))
        self.ask_ack.setEnabled(False)
        self.important.toggled.connect(lambda _on: self._update_ack())
        self.urgent_button = QToolButton()
        self.urgent_button.setObjectName("urgentButton")
        self.urgent_button.setText(self.tr("Urgent…"))
        self.urgent_button.setAccessibleName(self.tr("Mark as urgent"))
        self.urgent_button.setToolTip(self.tr("Urgent messages get through everyone's quiet time; give a reason"))
        self.urgent_button.clicked.connect(self.ask_urgent_reason)
        self.urgent_label = QLabel()
        self.urgent_label.setObjectName("urgentReason")
        self.urgent_label.setTextFormat(Qt.TextFormat.PlainText)
        self.urgent_label.setWordWrap(True)
        self.cancel_urgent = QToolButton()
        self.cancel_urgent.setText("✕")
        self.cancel_urgent.setToolTip(self.tr("Not urgent"))
        self.cancel_urgent.setAccessibleName(self.tr("Not urgent"))
        self.cancel_urgent.clicked.connect(lambda: self.set_urgent(None))
        self.urgent_bar = QWidget()
        urgent_layout = QHBoxLayout(self.urgent_bar)
        urgent_layout.setContentsMargins(0, 0, 0, 0)
        urgent_layout.addWidget(self.urgent_label, 1)
        urgent_layout.addWidget(self.cancel_urgent)
        self.urgent_bar.hide()
        QShortcut(QKeySequence("Ctrl+I"), self, self.important.toggle,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.clear_reply,
                  context=Qt.ShortcutContext.WidgetShortcut)

        row = QHBoxLayout()
        row.addWidget(self.edit, 1)
        side = QVBoxLayout()
        side.addWidget(self.send_button)
        side.addWidget(self.important)
        side.addWidget(self.ask_ack)
        side.addWidget(self.urgent_button)
        side.addStretch(1)
        row.addLayout(side)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.reply_bar)
        layout.addWidget(self.urgent_bar)
        layout.addLayout(row)

    def set_reply(self, message: reads.MessageView | None, preview: str = "") -> None:
        if message is None:
            self.clear_reply()
            return
        self.reply_to = message.id
        self.reply_label.setText(self.tr("Replying to {text}").format(text=preview))
        self.reply_bar.show()
        self.edit.setFocus()

    def clear_reply(self) -> None:
        self.reply_to = None
        self.reply_bar.hide()

    def _update_ack(self) -> None:
        allowed = self.important.isChecked() or self.urgent_reason is not None
        self.ask_ack.setEnabled(allowed)
        if not allowed:
            self.ask_ack.setChecked(False)

    def ask_urgent_reason(self) -> None:
        """Ask why it is urgent (non-blocking: the dialog answers through a signal)."""
        left = self.urgent_left()
        dialog = QInputDialog(self)
        dialog.setObjectName("urgentReasonDialog")
        dialog.setWindowTitle(self.tr("Urgent message"))
        dialog.setInputMode(QInputDialog.InputMode.TextInput)
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setLabelText(self.tr(
            "Urgent messages get through everyone's quiet time and remind until acknowledged.\n"
            "Why is this urgent? ({left} left today)").format(left=left))
        dialog.setTextValue(self.urgent_reason or "")
        dialog.textValueSelected.connect(lambda text: self.set_urgent(text.strip() or None))
        dialog.open()

    def set_urgent(self, reason: str | None) -> None:
        self.urgent_reason = reason
        if reason:
            self.urgent_label.setText(self.tr("🚨 Urgent — {reason}").format(reason=reason))
            self.urgent_bar.show()
            self.ask_ack.setEnabled(True)
            self.ask_ack.setChecked(True)  # urgent messages remind until acknowledged
        else:
            self.urgent_bar.hide()
            self._update_ack()

    def options(self) -> SendOptions:
        return SendOptions(important=self.important.isChecked() or self.urgent_reason is not None,
                           urgent_reason=self.urgent_reason, ack_requested=self.ask_ack.isChecked())

    def submit(self) -> None:
        # Empty text is sent too: the service refuses it and says why (through ctx.action_failed).
        self.send_requested.emit(self.edit.toPlainText(), self.reply_to, self.options())

    def sent(self, text: str) -> None:
        """The message is in the store: clear what was sent (unless the person already typed something else)."""
        if self.edit.toPlainText() == text:
            self.edit.clear()
        self.clear_reply()
        self.important.setChecked(False)
        self.set_urgent(None)
