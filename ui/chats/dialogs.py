"""The chat section's dialogs: start a direct chat or a group, edit a message, see who has read one, whole text.

People lists are a model + filter proxy + QListView, like every other list in the app.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, QStringListModel, Qt
from PySide6.QtGui import QFont, QFontDatabase, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListView,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.store import reads
from ui import avatars

USERNAME_ROLE = Qt.ItemDataRole.UserRole + 1


def _people_model(people: list[reads.Person], language: str, checkable: bool, parent: QWidget) -> QStandardItemModel:
    model = QStandardItemModel(parent)
    for person in people:
        name = person.name(language)
        item = QStandardItem(avatars.icon(person.id, name), f"{name}  (@{person.username})")
        item.setData(person.username, USERNAME_ROLE)
        item.setEditable(False)
        if checkable:
            item.setCheckable(True)
            item.setCheckState(Qt.CheckState.Unchecked)
        model.appendRow(item)
    return model


class _PeoplePicker(QDialog):
    def __init__(self, people: list[reads.Person], language: str, checkable: bool, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.people = _people_model(people, language, checkable, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.people)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit()
        self.filter.setObjectName("peopleFilter")
        self.filter.setPlaceholderText(self.tr("Filter people"))
        self.filter.setAccessibleName(self.tr("Filter people"))
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self.proxy.setFilterFixedString)
        self.list = QListView()
        self.list.setObjectName("peopleList")
        self.list.setAccessibleName(self.tr("People"))
        self.list.setModel(self.proxy)
        self.list.setUniformItemSizes(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.resize(380, 460)


class NewDirectChatDialog(_PeoplePicker):
    """Pick one person to chat with."""

    def __init__(self, people: list[reads.Person], language: str, parent: QWidget | None = None) -> None:
        super().__init__(people, language, False, parent)
        self.setObjectName("newDirectChatDialog")
        self.setWindowTitle(self.tr("New chat"))
        self.list.doubleClicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Chat with:")))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)
        if self.proxy.rowCount():
            self.list.setCurrentIndex(self.proxy.index(0, 0))

    def username(self) -> str | None:
        index = self.list.currentIndex()
        return index.data(USERNAME_ROLE) if index.isValid() else None


class NewGroupDialog(_PeoplePicker):
    """A group's name and the people to start it with."""

    def __init__(self, people: list[reads.Person], language: str, parent: QWidget | None = None) -> None:
        super().__init__(people, language, True, parent)
        self.setObjectName("newGroupDialog")
        self.setWindowTitle(self.tr("New group"))
        self.title = QLineEdit()
        self.title.setObjectName("groupTitle")
        self.title.setAccessibleName(self.tr("Group name"))
        form = QFormLayout()
        form.addRow(self.tr("Name:"), self.title)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Members:")))
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.buttons)

    def members(self) -> list[str]:
        return [self.people.item(r).data(USERNAME_ROLE) for r in range(self.people.rowCount())
                if self.people.item(r).checkState() == Qt.CheckState.Checked]


class EditMessageDialog(QDialog):
    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("editMessageDialog")
        self.setWindowTitle(self.tr("Edit message"))
        self.edit = QPlainTextEdit(text)
        self.edit.setObjectName("editMessageText")
        self.edit.setAccessibleName(self.tr("Message text"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addWidget(buttons)
        self.resize(520, 300)

    def text(self) -> str:
        return self.edit.toPlainText()


class ReadersDialog(QDialog):
    """Two lists of people about one message: who has read it and who has not yet (read receipts of an
    important message), or who has acknowledged it and who has not yet."""

    def __init__(self, found: reads.Readers, language: str, parent: QWidget | None = None, *,
                 acknowledgements: reads.Acknowledgements | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("readersDialog")
        if acknowledgements is None:
            self.setWindowTitle(self.tr("Who has read this"))
            done, waiting = [p.name(language) for p in found.read], [p.name(language) for p in found.unread]
            labels = (self.tr("Read ({count})").format(count=len(done)),
                      self.tr("Not yet read ({count})").format(count=len(waiting)))
        else:
            self.setWindowTitle(self.tr("Who has acknowledged this"))
            done = [p.name(language) for p, _at in acknowledgements.acknowledged]
            waiting = [p.name(language) for p in acknowledgements.waiting]
            labels = (self.tr("Acknowledged ({count} of {total})").format(count=len(done),
                                                                          total=acknowledgements.total),
                      self.tr("Not yet ({count})").format(count=len(waiting)))
        self.read_model = QStringListModel(done, self)
        self.unread_model = QStringListModel(waiting, self)
        layout = QVBoxLayout(self)
        for label, model, name in ((labels[0], self.read_model, "readList"),
                                   (labels[1], self.unread_model, "unreadList")):
            view = QListView()
            view.setObjectName(name)
            view.setAccessibleName(label)
            view.setModel(model)
            view.setEditTriggers(QListView.EditTrigger.NoEditTriggers)
            layout.addWidget(QLabel(label))
            layout.addWidget(view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(320, 420)

    @classmethod
    def for_acknowledgements(cls, found: reads.Acknowledgements, language: str,
                             parent: QWidget | None = None) -> ReadersDialog:
        return cls(reads.Readers((), ()), language, parent, acknowledgements=found)


class FullTextDialog(QDialog):
    """The whole text of a long message, as plain text (QPlainTextEdit copes with megabytes)."""

    def __init__(self, author: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fullTextDialog")
        self.setWindowTitle(self.tr("Message from {author}").format(author=author))
        self.text = QPlainTextEdit()
        self.text.setObjectName("fullText")
        self.text.setAccessibleName(self.tr("Message text"))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        font = QFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setFont(font)
        self.text.setPlainText(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(buttons)
        self.resize(760, 560)
