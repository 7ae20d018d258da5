"""The article editor: title, category, tags and the markdown body beside a live preview.

The text is never thrown away before the store has it: Save runs the service on the store's thread and the
dialog closes only when that call succeeded. If the service refuses (too long, no title, no permission) the
dialog stays open with everything typed, and closing with unsaved changes asks first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.services import knowledge
from app.store import reads
from ui.context import AppContext

from .safe_browser import SafeBrowser

PREVIEW_DELAY_MS = 250


class ArticleEditorDialog(QDialog):
    """Writes a new article (article_id None) or a new revision of an existing one."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, article_id: str | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.article_id = article_id
        self.base_revision_id: str | None = None  # the revision the text was loaded from
        self.saved_id: str | None = None
        self._saving = False
        self.setObjectName("articleEditor")
        self.setWindowTitle(self.tr("New article") if article_id is None else self.tr("Edit article"))
        self.resize(1000, 680)

        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("articleTitle")
        self.title_edit.setAccessibleName(self.tr("Title"))
        self.title_edit.setPlaceholderText(self.tr("What the article is about"))
        self.category_combo = QComboBox()
        self.category_combo.setObjectName("articleCategory")
        self.category_combo.setAccessibleName(self.tr("Category"))
        self.category_combo.setEditable(True)
        self.category_combo.addItems(reads.categories(ctx.conn))
        self.category_combo.setCurrentIndex(-1)
        self.tags_edit = QLineEdit()
        self.tags_edit.setObjectName("articleTags")
        self.tags_edit.setAccessibleName(self.tr("Tags"))
        self.tags_edit.setPlaceholderText(self.tr("Comma separated, e.g. onboarding, sync"))
        self.body_edit = QPlainTextEdit()
        self.body_edit.setObjectName("articleBody")
        self.body_edit.setAccessibleName(self.tr("Article text (markdown)"))
        self.body_edit.setPlaceholderText(self.tr("Write in markdown: # heading, **bold**, - list, [link](https://…)"))
        self.preview = SafeBrowser()
        self.preview.setObjectName("articlePreview")
        self.preview.setAccessibleName(self.tr("Preview"))

        form = QFormLayout()
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Category"), self.category_combo)
        form.addRow(self.tr("T&ags"), self.tags_edit)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.body_edit)
        splitter.addWidget(self.preview)
        splitter.setChildrenCollapsible(False)
        self.error_label = QLabel()
        self.error_label.setObjectName("editorError")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveArticle")
        self.save_button.setAccessibleName(self.tr("Save the article"))
        self.save_button.setToolTip(self.tr("Save (Ctrl+S)"))
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self._preview_timer = QTimer(self)
        self._preview_timer.setSingleShot(True)
        self._preview_timer.setInterval(PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self.update_preview)
        self.body_edit.textChanged.connect(self._preview_timer.start)
        ctx.action_failed.connect(self._save_failed)
        self._listening = True
        self._original = ("", "", "", "")
        if article_id is not None:
            self._load(article_id)
        self._original = self._values()

    def _load(self, article_id: str) -> None:
        detail = reads.article(self.ctx.conn, article_id, self.ctx.user_id, self.ctx.language)
        if detail is None:
            return
        self.base_revision_id = detail.article.head_revision_id
        self.title_edit.setText(detail.article.title)
        self.category_combo.setEditText(detail.article.category)
        self.tags_edit.setText(", ".join(detail.article.tags))
        self.body_edit.setPlainText(detail.body)
        self.update_preview()

    def _values(self) -> tuple[str, str, str, str]:
        return (self.title_edit.text(), self.category_combo.currentText(), self.tags_edit.text(),
                self.body_edit.toPlainText())

    def is_dirty(self) -> bool:
        return self._values() != self._original

    def update_preview(self) -> None:
        self.preview.show_markdown(self.body_edit.toPlainText())

    # ---------------------------------------------------------------------------------------------- save

    def save(self) -> None:
        if self._saving:
            return
        title, category, tags, body = self._values()
        self._saving = True
        self.save_button.setEnabled(False)
        self.error_label.hide()
        if self.article_id is None:
            self.ctx.act(knowledge.create_article, title, body, category=category, tags=tags, on_done=self._saved)
        else:
            self.ctx.act(knowledge.edit_article, self.article_id, body, title=title, category=category, tags=tags,
                         base_revision_id=self.base_revision_id, on_done=self._saved)

    def _saved(self, result: str | None) -> None:
        self._saving = False
        if self.article_id is None:
            self.saved_id = result
        else:
            self.saved_id = self.article_id
        self._original = self._values()  # in the store now: closing loses nothing
        self.accept()

    def _save_failed(self, message: str) -> None:
        # The refusal is shown by the main window too; here it stays next to the text, which stays as typed.
        if not self._saving:
            return
        self._saving = False
        self.save_button.setEnabled(True)
        self.error_label.setText(message)
        self.error_label.show()

    # ------------------------------------------------------------------------------------------- closing

    def reject(self) -> None:
        if self.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Discard changes?"),
                self.tr("The article has changes that are not saved. Discard them?"),
                QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            if answer != QMessageBox.StandardButton.Discard:
                return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.result() != QDialog.DialogCode.Accepted and self.is_dirty() and self.isVisible():
            event.ignore()
            self.reject()
            return
        super().closeEvent(event)

    def done(self, result: int) -> None:
        if self._listening:
            self._listening = False
            self.ctx.action_failed.disconnect(self._save_failed)
        super().done(result)
