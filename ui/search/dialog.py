"""Search everywhere (Ctrl+K): chats, tasks and articles, as the person types, offline.

It only reads the local store (app.store.search, on the GUI thread's read connection: a capped, ranked FTS
query that takes milliseconds), so it works the same without a network, for Chinese and English words.
Up/Down move through the results, Enter opens one (through ctx.navigate) and closes, Escape closes.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from app.store import reads
from app.store import search as store_search
from ui.context import AppContext
from ui.knowledge.safe_browser import format_time
from ui.markdown import preview_text

from .model import ResultRow, SearchResultDelegate, SearchResultModel

SEARCH_DELAY_MS = 150
RESULT_LIMIT = 50


class SearchDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("searchDialog")
        self.setWindowTitle(self.tr("Search everywhere"))
        self.setModal(False)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(640, 480)

        self.query_edit = QLineEdit()
        self.query_edit.setObjectName("searchQuery")
        self.query_edit.setAccessibleName(self.tr("Search chats, tasks and articles"))
        self.query_edit.setPlaceholderText(self.tr("Search chats, tasks and articles…"))
        self.query_edit.setClearButtonEnabled(True)
        self.model = SearchResultModel(self)
        self.results = QListView()
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setModel(self.model)
        self.results.setItemDelegate(SearchResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # typing stays in the line edit
        self.status = QLabel()
        self.status.setObjectName("searchStatus")
        layout = QVBoxLayout(self)
        layout.addWidget(self.query_edit)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.status)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.query_edit.textChanged.connect(self._timer.start)
        self.query_edit.installEventFilter(self)
        self.results.activated.connect(self.open_index)
        self.results.clicked.connect(self.open_index)

    # ---------------------------------------------------------------------------------------------- search

    def kind_label(self, kind: str) -> str:
        return {"message": self.tr("Chat"), "task": self.tr("Task"), "article": self.tr("Article")}.get(kind, kind)

    def run_search(self) -> None:
        query = self.query_edit.text().strip()
        hits = store_search.search(self.ctx.conn, query, RESULT_LIMIT) if query else []
        self.model.set_rows(self._rows(hits))
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0, 0))
            self.status.setText(self.tr("%n result(s) · Enter opens, Esc closes", "", self.model.rowCount()))
        else:
            self.status.setText(self.tr("Nothing found") if query else "")

    def _rows(self, hits: list[store_search.Hit]) -> list[ResultRow]:
        titles: dict[tuple[str, str], str] = {}
        rows = []
        for hit in hits:
            key = (hit.kind, hit.container_id or hit.ref_id)
            if key not in titles:
                titles[key] = self._where(hit)
            title = titles[key]
            if hit.kind == "task" and hit.title:
                title = f"{title} · {hit.title}" if title else hit.title
            # A message not sent yet is dated by its clock reading, not an ISO time.
            at = reads.hlc_time(hit.at) if hit.at and "T" not in hit.at else hit.at
            rows.append(ResultRow(hit.kind, hit.ref_id, self.kind_label(hit.kind), title,
                                  preview_text(hit.snippet, 240), format_time(at)))
        return rows

    def _where(self, hit: store_search.Hit) -> str:
        if hit.kind == "message" and hit.container_id:
            return reads.conversation_title(self.ctx.conn, hit.container_id, self.ctx.user_id, self.ctx.language)
        if hit.kind == "task" and hit.container_id:
            space = reads.space(self.ctx.conn, hit.container_id)
            return space.title if space else ""
        return hit.title

    # ---------------------------------------------------------------------------------------------- keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.query_edit and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
                self._move(1 if key == Qt.Key.Key_Down else -1)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._timer.isActive():  # Enter right after typing: search for what is there first
                    self._timer.stop()
                    self.run_search()
                self.open_index(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)

    def _move(self, step: int) -> None:
        count = self.model.rowCount()
        if not count:
            return
        row = self.results.currentIndex().row()
        row = 0 if row < 0 else max(0, min(count - 1, row + step))
        self.results.setCurrentIndex(self.model.index(row, 0))

    def open_index(self, index: QModelIndex) -> None:
        result = self.model.row_at(index.row()) if index.isValid() else None
        if result is None:
            return
        # A message opens its conversation at the message; the main window knows where each kind lives.
        self.ctx.navigate.emit(result.kind, result.ref_id)
        self.close()
