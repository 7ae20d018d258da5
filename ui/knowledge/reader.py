"""Reading one article: its rendered text and what the person may do with it.

Buttons appear only for what the person may do (the same rules as app.services.knowledge; the server decides
finally): the author edits and submits a draft; an admin, or the head of the author's department, approves or
sends back an article in review. An article with an unresolved overlapping edit shows a bar that opens the
side-by-side conflict dialog.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QFont, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.services import knowledge
from app.store import reads
from ui.context import AppContext

from .conflict import ConflictDialog
from .editor import ArticleEditorDialog
from .history import RevisionHistoryDialog
from .safe_browser import SafeBrowser, format_time


def may_review(me: reads.Person | None, author: reads.Person | None) -> bool:
    """Admins review everyone's articles, heads their department's; nobody their own."""
    if me is None or author is None or me.id == author.id:
        return False
    if me.role == "admin":
        return True
    return me.role == "head" and me.department_id is not None and me.department_id == author.department_id


def may_edit(me: reads.Person | None, article: reads.ArticleView, author: reads.Person | None) -> bool:
    """The author and admins edit; a reviewer edits once the article is published."""
    if me is None:
        return False
    if article.author_id == me.id or me.role == "admin":
        return True
    return article.status == "published" and may_review(me, author)


class ArticleReader(QWidget):
    article_opened = Signal(str)  # article id
    editor_closed = Signal(str, bool)  # the saved article's id ("" when nothing was saved), whether it is new

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.article_id: str | None = None
        self.detail: reads.ArticleDetail | None = None
        self.setObjectName("articleReader")

        self.title_label = QLabel()
        self.title_label.setObjectName("articleHeading")
        self.title_label.setWordWrap(True)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = QFont(self.title_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title_label.setFont(font)
        self.meta_label = QLabel()
        self.meta_label.setObjectName("articleMeta")
        self.meta_label.setWordWrap(True)
        self.meta_label.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # muted, from the palette

        self.conflict_bar = QFrame()
        self.conflict_bar.setObjectName("conflictBar")
        self.conflict_bar.setFrameShape(QFrame.Shape.StyledPanel)
        self.conflict_bar.setAutoFillBackground(True)
        self.conflict_bar.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        bar = QHBoxLayout(self.conflict_bar)
        self.conflict_label = QLabel(self.tr("Your edit overlapped with someone else's — resolve"))
        self.resolve_button = QPushButton(self.tr("&Resolve…"))
        self.resolve_button.setObjectName("resolveConflict")
        self.resolve_button.setAccessibleName(self.tr("Resolve the overlapping edit"))
        self.resolve_button.clicked.connect(self.resolve_conflict)
        bar.addWidget(self.conflict_label, 1)
        bar.addWidget(self.resolve_button)
        self.conflict_bar.hide()

        self.review_note = QLabel()
        self.review_note.setObjectName("reviewNote")
        self.review_note.setWordWrap(True)
        self.review_note.hide()

        self.toolbar = QToolBar()
        self.toolbar.setObjectName("articleActions")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.favorite_action = self._action(self.tr("☆ Favorite"), "favoriteAction", "Ctrl+D", self.toggle_favorite,
                                            checkable=True)
        self.like_action = self._action(self.tr("♡ Like"), "likeAction", "Ctrl+L", self.toggle_like, checkable=True)
        self.edit_action = self._action(self.tr("Edit"), "editAction", "Ctrl+E", self.edit)
        self.submit_action = self._action(self.tr("Submit for review"), "submitAction", "Ctrl+Shift+S", self.submit)
        self.approve_action = self._action(self.tr("Approve"), "approveAction", "Ctrl+Shift+A", self.approve)
        self.send_back_action = self._action(self.tr("Send back…"), "sendBackAction", "Ctrl+Shift+B", self.send_back)
        self.history_action = self._action(self.tr("History"), "historyAction", "Ctrl+H", self.show_history)

        self.browser = SafeBrowser()
        self.browser.setObjectName("articleBody")
        self.browser.setAccessibleName(self.tr("Article text"))
        self.placeholder = QLabel(self.tr("Choose an article to read it."))
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title_label)
        layout.addWidget(self.meta_label)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self.review_note)
        layout.addWidget(self.browser, 1)
        layout.addWidget(self.placeholder, 1)
        self._show_empty()

    def _action(self, text: str, name: str, shortcut: str, slot: object, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        action.setCheckable(checkable)
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(f"{text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})")
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    # ------------------------------------------------------------------------------------------- showing

    def _show_empty(self) -> None:
        self.article_id, self.detail = None, None
        for widget in (self.title_label, self.meta_label, self.toolbar, self.browser, self.conflict_bar,
                       self.review_note):
            widget.hide()
        self.placeholder.show()

    def show_article(self, article_id: str) -> None:
        same = article_id == self.article_id
        self.article_id = article_id
        self.refresh(keep_position=same)
        self.article_opened.emit(article_id)

    def refresh(self, keep_position: bool = True) -> None:
        if self.article_id is None:
            return
        detail = reads.article(self.ctx.conn, self.article_id, self.ctx.user_id, self.ctx.language)
        if detail is None:
            self._show_empty()
            return
        changed_text = self.detail is None or self.detail.body != detail.body
        self.detail = detail
        article = detail.article
        self.placeholder.hide()
        for widget in (self.title_label, self.meta_label, self.toolbar, self.browser):
            widget.show()
        self.title_label.setText(article.title)
        self.meta_label.setText(self._meta(article))
        if changed_text or not keep_position:
            if not keep_position:
                self.browser.verticalScrollBar().setValue(0)
            self.browser.show_markdown(detail.body)
        self.conflict_bar.setVisible(bool(detail.conflicts))
        if detail.conflicts:
            mine = detail.conflicts[0].author_id == self.ctx.user_id
            self.conflict_label.setText(self.tr("Your edit overlapped with someone else's — resolve") if mine
                                        else self.tr("Two edits of this article overlapped — resolve"))
        if article.status == "draft" and article.review_comment:
            self.review_note.setText(self.tr("Sent back by the reviewer: %1").replace("%1", article.review_comment))
            self.review_note.show()
        else:
            self.review_note.hide()
        self._update_actions(article)

    def _meta(self, article: reads.ArticleView) -> str:
        status = {"draft": self.tr("Draft"), "in_review": self.tr("In review"),
                  "published": self.tr("Published")}.get(article.status, article.status)
        parts = [status, self.tr("by %1").replace("%1", article.author_name)]
        if article.category:
            parts.append(article.category)
        if article.tags:
            parts.append(" ".join(f"#{t}" for t in article.tags))
        updated = format_time(article.updated_at)
        if updated:
            parts.append(self.tr("updated %1").replace("%1", updated))
        if article.state == "pending":
            parts.append(self.tr("changed here, not sent yet"))
        return " · ".join(parts)

    def _update_actions(self, article: reads.ArticleView) -> None:
        me = reads.person(self.ctx.conn, self.ctx.user_id)
        author = reads.person(self.ctx.conn, article.author_id)
        self.favorite_action.setChecked(article.favorite)
        self.favorite_action.setText(self.tr("★ Favorite") if article.favorite else self.tr("☆ Favorite"))
        self.like_action.setChecked(article.liked)
        self.like_action.setText(
            (self.tr("♥ Liked (%1)") if article.liked else self.tr("♡ Like (%1)")).replace("%1",
                                                                                        str(article.like_count)))
        self.edit_action.setVisible(may_edit(me, article, author))
        self.submit_action.setVisible(article.author_id == self.ctx.user_id and article.status == "draft")
        reviewer = article.status == "in_review" and may_review(me, author)
        self.approve_action.setVisible(reviewer)
        self.send_back_action.setVisible(reviewer)

    # ------------------------------------------------------------------------------------------- actions

    def toggle_favorite(self) -> None:
        if self.detail is not None:
            self.ctx.act(knowledge.favorite, self.detail.article.id, not self.detail.article.favorite)

    def toggle_like(self) -> None:
        if self.detail is not None:
            self.ctx.act(knowledge.like, self.detail.article.id, not self.detail.article.liked)

    def submit(self) -> None:
        if self.detail is not None:
            self.ctx.act(knowledge.submit, self.detail.article.id)

    def approve(self) -> None:
        if self.detail is not None:
            self.ctx.act(knowledge.review, self.detail.article.id, True)

    def send_back(self) -> None:
        if self.detail is None:
            return
        comment, ok = QInputDialog.getMultiLineText(
            self, self.tr("Send back"), self.tr("What should the author change?"))
        if ok:
            self.ctx.act(knowledge.review, self.detail.article.id, False, comment.strip())

    def edit(self) -> None:
        if self.detail is not None:
            self.open_editor(self.detail.article.id)

    def open_editor(self, article_id: str | None) -> ArticleEditorDialog:
        """The editor for a new (None) or existing article; non-modal so the person can keep reading."""
        dialog = ArticleEditorDialog(self.ctx, self.window(), article_id)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _result: self.editor_closed.emit(dialog.saved_id or "", article_id is None))
        dialog.show()
        return dialog

    def show_history(self) -> RevisionHistoryDialog | None:
        if self.detail is None:
            return None
        dialog = RevisionHistoryDialog(self.ctx, self.detail.article.id, self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def resolve_conflict(self) -> ConflictDialog | None:
        if self.detail is None or not self.detail.conflicts:
            return None
        dialog = ConflictDialog(self.ctx, self.detail.conflicts[0], self.window())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog
