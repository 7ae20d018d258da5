"""The knowledge section: filters and categories, the article table, and the reader, side by side.

Everything shown is read from the local store, so it works the same offline. When the store reports that
articles, revisions, likes, favorites or conflicts changed, the list and the open article are reloaded (a
knowledge base is hundreds of articles, not hundreds of thousands: one query, no paging needed).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QModelIndex, QPoint, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QListView,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.store import Changes, reads
from ui.context import AppContext
from ui.layout_memory import LayoutMemory

from .editor import ArticleEditorDialog
from .model import ArticleTableModel, Filter, FilterModel
from .reader import ArticleReader, may_review

COLUMN_CAP = 180  # no column but the title grows past this from its content
DEFAULT_HIDDEN = ("tags", "updated")  # the reader shows both; the header's menu brings them back
_KINDS = ("article", "article_revision", "article_conflict", "article_like", "favorite", "person")


class KnowledgeView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("knowledgeView")
        self._filter = Filter("all")

        self.filter_model = FilterModel(self)
        self.filter_list = QListView()
        self.filter_list.setObjectName("knowledgeFilters")
        self.filter_list.setAccessibleName(self.tr("Categories"))
        self.filter_list.setModel(self.filter_model)
        self.filter_list.setUniformItemSizes(True)
        self.tag_combo = QComboBox()
        self.tag_combo.setObjectName("tagFilter")
        self.tag_combo.setAccessibleName(self.tr("Filter by tag"))
        self.tag_combo.setToolTip(self.tr("Show only articles with this tag"))
        self.new_button = QPushButton(self.tr("&New article"))
        self.new_button.setObjectName("newArticle")
        self.new_button.setAccessibleName(self.tr("Write a new article"))
        self.new_button.setToolTip(self.tr("Write a new article (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_article)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self.new_article,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.new_button)
        left_layout.addWidget(self.filter_list, 1)
        left_layout.addWidget(QLabel(self.tr("Tag")))
        left_layout.addWidget(self.tag_combo)

        self.model = ArticleTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("articleList")
        self.table.setAccessibleName(self.tr("Articles"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # Fixed row heights keep the table fast however long it gets (DESIGN.md "Big lists in Qt").
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)  # the title takes the free width
        header.setMinimumSectionSize(40)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._choose_columns)
        header.setToolTip(self.tr("Right-click to choose the columns"))

        self.reader = ArticleReader(ctx)
        self.reader.editor_closed.connect(self._editor_closed)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.table)
        splitter.addWidget(self.reader)
        splitter.setStretchFactor(1, 2)
        splitter.setStretchFactor(2, 3)
        splitter.setSizes([160, 700, 560])
        self.splitter = splitter
        self.layout_memory = LayoutMemory("knowledge", ctx.user_id, self)
        # The person's own layout if they made one; else columns fitted to their content once it is loaded.
        self._columns_fitted = self.layout_memory.track_header("columns", header)
        self.layout_memory.track_splitter("splitter", splitter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)

        self._reload_filters()
        self.filter_list.setCurrentIndex(self.filter_model.index(0, 0))
        self.filter_list.selectionModel().selectionChanged.connect(self._filter_chosen)
        self.tag_combo.currentIndexChanged.connect(lambda _index: self.reload())
        self.table.selectionModel().selectionChanged.connect(self._article_chosen)
        ctx.data_changed.connect(self._data_changed)
        self.reload()

    # -------------------------------------------------------------------------------------------- loading

    def is_reviewer(self) -> bool:
        me = reads.person(self.ctx.conn, self.ctx.user_id)
        role = me.role if me is not None else self.ctx.state("role")
        return role in ("head", "admin")

    def _reload_filters(self) -> None:
        self.filter_model.set_categories(reads.categories(self.ctx.conn), self.is_reviewer())
        row = self.filter_model.row_of(self._filter)
        if row < 0:  # the category has no articles any more
            self._filter, row = Filter("all"), 0
        if self.filter_list.currentIndex().row() != row:
            self.filter_list.setCurrentIndex(self.filter_model.index(row, 0))

    def current_tag(self) -> str | None:
        data = self.tag_combo.currentData()
        return data if isinstance(data, str) and data else None

    def _articles(self) -> list[reads.ArticleView]:
        conn, me, language = self.ctx.conn, self.ctx.user_id, self.ctx.language
        kind = self._filter.kind
        if kind == "favorites":
            return reads.favorites(conn, me, language)
        if kind == "drafts":
            return [a for a in reads.articles(conn, me, author_id=me, language=language) if a.status != "published"]
        if kind == "review":
            person = reads.person(conn, me)
            authors = reads.people_by_id(conn, (a.author_id for a in reads.articles(conn, me, status="in_review")))
            return [a for a in reads.articles(conn, me, status="in_review", language=language)
                    if may_review(person, authors.get(a.author_id))]
        if kind == "category":
            return reads.articles(conn, me, category=self._filter.category, language=language)
        return reads.articles(conn, me, language=language)

    def _reload_tags(self, articles: list[reads.ArticleView]) -> None:
        wanted = self.current_tag()
        tags = sorted({t for a in articles for t in a.tags})
        current = [self.tag_combo.itemData(i) for i in range(self.tag_combo.count())]
        if current == ["", *tags]:
            return
        self.tag_combo.blockSignals(True)  # rebuilding the list is not the person choosing a tag
        self.tag_combo.clear()
        self.tag_combo.addItem(self.tr("Any tag"), "")
        for tag in tags:
            self.tag_combo.addItem(tag, tag)
        self.tag_combo.setCurrentIndex(max(0, self.tag_combo.findData(wanted)) if wanted else 0)
        self.tag_combo.blockSignals(False)

    def reload(self) -> None:
        """Reload the article list for the chosen filter and tag, keeping the selected article selected."""
        articles = self._articles()
        self._reload_tags(articles)
        tag = self.current_tag()
        if tag is not None:
            articles = [a for a in articles if tag in a.tags]
        self.model.set_articles(articles)
        if not self._columns_fitted and articles:
            self._fit_columns()
        self._select(self.reader.article_id)

    def _fit_columns(self) -> None:
        """Each column but the title as wide as its header and content (capped), so the title gets the rest;
        tags and the update time start hidden (the reader shows both) and can be shown from the header."""
        self._columns_fitted = True
        metrics = self.table.fontMetrics()
        header_metrics = self.table.horizontalHeader().fontMetrics()
        rows = range(self.model.rowCount())
        for column in range(1, self.model.columnCount()):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            widest = max((metrics.horizontalAdvance(str(self.model.index(r, column).data() or "")) for r in rows),
                         default=0)
            width = max(header_metrics.horizontalAdvance(title) + 28, widest + 16)
            self.table.setColumnWidth(column, min(width, COLUMN_CAP))
        for name in DEFAULT_HIDDEN:
            self.table.setColumnHidden(ArticleTableModel.COLUMNS.index(name), True)

    def _choose_columns(self, position: QPoint) -> None:
        menu = QMenu(self)
        for column in range(1, self.model.columnCount()):  # the title always stays
            action = menu.addAction(str(self.model.headerData(column, Qt.Orientation.Horizontal)))
            action.setCheckable(True)
            action.setChecked(not self.table.isColumnHidden(column))
            action.toggled.connect(lambda shown, c=column: self._show_column(c, shown))
        menu.exec(self.table.horizontalHeader().mapToGlobal(position))

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        self.layout_memory.changed()

    def _select(self, article_id: str | None) -> None:
        row = self.model.row_of(article_id) if article_id else -1
        selection = self.table.selectionModel()
        if row < 0:
            return
        index = self.model.index(row, 0)
        if not selection.isRowSelected(row, QModelIndex()):
            self.table.selectRow(row)
        self.table.scrollTo(index)

    # -------------------------------------------------------------------------------------------- events

    def _filter_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        chosen = self.filter_model.filter_at(indexes[0].row()) if indexes else None
        if chosen is not None and chosen != self._filter:
            self._filter = chosen
            self.reload()

    def _article_chosen(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        indexes = selected.indexes()
        article = self.model.article_at(indexes[0].row()) if indexes else None
        if article is not None and article.id != self.reader.article_id:
            self.reader.show_article(article.id)

    def _data_changed(self, changes: Changes) -> None:
        if not self.ctx.changes_touch(changes, *_KINDS):
            return
        self._reload_filters()
        self.reload()
        self.reader.refresh()

    def _editor_closed(self, article_id: str, created: bool) -> None:
        if article_id and created:
            # A new article is a draft: show it where the person will look for it.
            self.choose_filter(Filter("drafts"))
        if article_id:
            self.open_item("article", article_id)

    # ---------------------------------------------------------------------------------------------- API

    def choose_filter(self, wanted: Filter) -> None:
        row = self.filter_model.row_of(wanted)
        if row >= 0:
            self.filter_list.setCurrentIndex(self.filter_model.index(row, 0))

    def new_article(self) -> ArticleEditorDialog:
        return self.reader.open_editor(None)

    def open_item(self, kind: str, item_id: str) -> None:
        """Show an article (from search or a notification); other kinds do not live here."""
        if kind != "article":
            return
        if self.model.row_of(item_id) < 0:
            self.tag_combo.setCurrentIndex(0)
            self.choose_filter(Filter("all"))
        self.reader.show_article(item_id)
        self._select(item_id)
