"""An article's revision history: every revision with its author, time and kind, its text, and what changed.

The diff is a plain unified diff (difflib) of the selected revision against the current text — enough to see
what an old revision said differently, and it is just text, so nothing in it can be active content.
"""

from __future__ import annotations

import difflib

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListView,
    QPlainTextEdit,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.store import reads
from ui.context import AppContext

from .model import RevisionModel


def unified_diff(old: str, new: str, old_label: str, new_label: str) -> str:
    lines = difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                 fromfile=old_label, tofile=new_label)
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)


class RevisionHistoryDialog(QDialog):
    def __init__(self, ctx: AppContext, article_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.article_id = article_id
        self.setObjectName("revisionHistory")
        self.setWindowTitle(self.tr("Revision history"))
        self.resize(900, 600)
        detail = reads.article(ctx.conn, article_id, ctx.user_id, ctx.language)
        self.current_body = detail.body if detail else ""

        self.model = RevisionModel(reads.revisions(ctx.conn, article_id, ctx.language), self)
        self.list = QListView()
        self.list.setObjectName("revisionList")
        self.list.setAccessibleName(self.tr("Revisions"))
        self.list.setModel(self.model)
        self.list.setUniformItemSizes(True)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.text = QPlainTextEdit()
        self.text.setObjectName("revisionText")
        self.text.setAccessibleName(self.tr("Text of the selected revision"))
        self.text.setReadOnly(True)
        self.diff = QPlainTextEdit()
        self.diff.setObjectName("revisionDiff")
        self.diff.setAccessibleName(self.tr("Changes from the selected revision to the current text"))
        self.diff.setReadOnly(True)
        self.diff.setFont(fixed)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.text, self.tr("Text"))
        self.tabs.addTab(self.diff, self.tr("Changes to the current text"))
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.list)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.list.selectionModel().selectionChanged.connect(self._selected)
        if self.model.rowCount():
            self.list.setCurrentIndex(self.model.index(0, 0))

    def _selected(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        revision = self.model.revision_at(indexes[0].row()) if indexes else None
        if revision is None:
            self.text.clear()
            self.diff.clear()
            return
        body = reads.revision_body(self.ctx.conn, revision.id) or ""
        self.text.setPlainText(body)
        diff = unified_diff(body, self.current_body, self.tr("selected revision"), self.tr("current"))
        self.diff.setPlainText(diff or self.tr("The same as the current text."))
