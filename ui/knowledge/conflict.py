"""Resolving an overlapping edit: their text and mine side by side, the common base on request, and a merge.

The person picks one of three ways out — keep mine, keep theirs, or a merged text they can edit (prefilled
with a git-style three-way merge that holds both sides where they overlap). Whatever is not chosen stays in
the revision history; the dialog closes only when the resolving edit is in the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services import knowledge
from app.store import reads
from sync.merge import merge_article
from ui.context import AppContext

from .safe_browser import format_time


def _pane(title: str, text: str, name: str, accessible: str, read_only: bool = True) -> tuple[QGroupBox,
                                                                                            QPlainTextEdit]:
    box = QGroupBox(title)
    edit = QPlainTextEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setReadOnly(read_only)
    edit.setPlainText(text)
    edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
    layout = QVBoxLayout(box)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(edit)
    return box, edit


class ConflictDialog(QDialog):
    def __init__(self, ctx: AppContext, found: reads.ConflictView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.conflict = found
        self.chosen: str | None = None  # mine | theirs | merged, once the store has the resolving edit
        self._pending: str | None = None
        self.setObjectName("conflictDialog")
        self.setWindowTitle(self.tr("Resolve overlapping edits"))
        self.resize(1100, 720)

        intro = QLabel(self.tr("Your edit and someone else's changed the same lines. Choose what the article "
                               "should say; the text you do not choose stays in the revision history."))
        intro.setWordWrap(True)
        merged = merge_article(found.base_body, found.theirs_body, found.mine_body)
        theirs_box, self.theirs_edit = _pane(self.tr("Theirs (current version)"), found.theirs_body, "theirsText",
                                             self.tr("Their text, the current version"))
        if found.author_id == ctx.user_id:
            mine_title = self.tr("Mine (your edit, %1)").replace("%1", format_time(found.created_at))
        else:
            author = reads.display_name(reads.person(ctx.conn, found.author_id or ""), ctx.language,
                                        found.author_id or "")
            mine_title = self.tr("The overlapping edit (%1, %2)").replace("%1", author).replace(
                "%2", format_time(found.created_at))
        mine_box, self.mine_edit = _pane(mine_title, found.mine_body, "mineText", self.tr("The overlapping text"))
        self.base_box, self.base_edit = _pane(self.tr("Base (what both started from)"), found.base_body, "baseText",
                                              self.tr("The text both edits started from"))
        self.base_box.hide()
        merged_box, self.merged_edit = _pane(self.tr("Merged (edit freely)"), merged.text, "mergedText",
                                             self.tr("Merged text"), read_only=False)

        sides = QSplitter(Qt.Orientation.Horizontal)
        for box in (self.base_box, theirs_box, mine_box):
            sides.addWidget(box)
        vertical = QSplitter(Qt.Orientation.Vertical)
        vertical.addWidget(sides)
        vertical.addWidget(merged_box)
        vertical.setChildrenCollapsible(False)

        self.show_base = QPushButton(self.tr("Show &base"))
        self.show_base.setObjectName("showBase")
        self.show_base.setAccessibleName(self.tr("Show the text both edits started from"))
        self.show_base.setCheckable(True)
        self.show_base.toggled.connect(self.base_box.setVisible)
        self.keep_mine = QPushButton(self.tr("Keep &mine"))
        self.keep_mine.setObjectName("keepMine")
        self.keep_mine.setAccessibleName(self.tr("Keep my text"))
        self.keep_theirs = QPushButton(self.tr("Keep &theirs"))
        self.keep_theirs.setObjectName("keepTheirs")
        self.keep_theirs.setAccessibleName(self.tr("Keep their text"))
        self.use_merged = QPushButton(self.tr("Use &merged text"))
        self.use_merged.setObjectName("useMerged")
        self.use_merged.setAccessibleName(self.tr("Use the merged text"))
        self.cancel = QPushButton(self.tr("Decide later"))
        self.cancel.setObjectName("decideLater")
        self.cancel.setAccessibleName(self.tr("Close and decide later"))
        self.keep_mine.clicked.connect(lambda: self.resolve("mine"))
        self.keep_theirs.clicked.connect(lambda: self.resolve("theirs"))
        self.use_merged.clicked.connect(lambda: self.resolve("merged"))
        self.cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.show_base)
        row.addStretch(1)
        for button in (self.cancel, self.keep_theirs, self.keep_mine, self.use_merged):
            row.addWidget(button)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(vertical, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(row)
        ctx.action_failed.connect(self._failed)
        self._listening = True

    def text_for(self, choice: str) -> str:
        if choice == "mine":
            return self.conflict.mine_body
        if choice == "theirs":
            return self.conflict.theirs_body
        return self.merged_edit.toPlainText()

    def resolve(self, choice: str) -> None:
        if self._pending is not None:
            return
        self._pending = choice
        self._set_enabled(False)
        self.ctx.act(knowledge.resolve_conflict, self.conflict.id, self.text_for(choice), on_done=self._resolved)

    def _resolved(self, _revision_id: str) -> None:
        self.chosen, self._pending = self._pending, None
        self.accept()

    def _failed(self, message: str) -> None:
        if self._pending is None:
            return
        self._pending = None
        self._set_enabled(True)
        self.error_label.setText(message)
        self.error_label.show()

    def _set_enabled(self, enabled: bool) -> None:
        for button in (self.keep_mine, self.keep_theirs, self.use_merged):
            button.setEnabled(enabled)

    def done(self, result: int) -> None:
        if self._listening:
            self._listening = False
            self.ctx.action_failed.disconnect(self._failed)
        super().done(result)
