"""The dialog that starts a project space: its name, what it is for, and the colleagues to work in it with."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.store import reads
from ui import avatars

USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1


class NewSpaceDialog(QDialog):
    """Filled in and accepted, `title()`, `description()` and `members()` say what to create."""

    def __init__(self, people: list[reads.Person], language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newSpaceDialog")
        self.setWindowTitle(self.tr("New project space"))
        self.name = QLineEdit()
        self.name.setObjectName("spaceTitle")
        self.name.setAccessibleName(self.tr("Space name"))
        self.about = QPlainTextEdit()
        self.about.setObjectName("spaceDescription")
        self.about.setAccessibleName(self.tr("What the space is for"))
        self.about.setMaximumHeight(80)
        self.people = QListWidget()
        self.people.setObjectName("spaceMembers")
        self.people.setAccessibleName(self.tr("Members"))
        for person in people:
            item = QListWidgetItem(avatars.icon(person.id, person.name(language)), person.name(language))
            item.setData(USERNAME_ROLE, person.username)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.people.addItem(item)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        ok.setEnabled(False)
        self.name.textChanged.connect(lambda text: ok.setEnabled(bool(text.strip())))
        form = QFormLayout()
        form.addRow(self.tr("&Name:"), self.name)
        form.addRow(self.tr("&About:"), self.about)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Members (you are one already):")))
        layout.addWidget(self.people, 1)
        layout.addWidget(self.buttons)
        self.resize(420, 480)

    def title(self) -> str:
        return self.name.text().strip()

    def description(self) -> str:
        return self.about.toPlainText().strip()

    def members(self) -> list[str]:
        return [self.people.item(r).data(USERNAME_ROLE) for r in range(self.people.count())
                if self.people.item(r).checkState() == Qt.CheckState.Checked]
