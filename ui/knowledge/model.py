"""Item models of the knowledge section: the filters on the left and the article table.

Both hold small frozen values from app.store.reads and nothing else; the view reloads them when the store
says articles, likes or favorites changed. The article table has fixed row heights (a QTableView with fixed
heights stays fast however many articles there are — DESIGN.md "Big lists in Qt").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from app.store import reads

from .safe_browser import format_time

ARTICLE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FILTER_ROLE = Qt.ItemDataRole.UserRole + 2

_Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Filter:
    """What the article list shows: kind is all | favorites | drafts | review | category."""

    kind: str
    category: str = ""


class FilterModel(QAbstractListModel):
    """The fixed filters first (All, Favorites, My drafts, and for reviewers "Waiting for my review"), then
    one row per category."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[Filter, str]] = []

    def set_categories(self, categories: list[str], reviewer: bool) -> None:
        rows = [(Filter("all"), self.tr("All articles")), (Filter("favorites"), self.tr("Favorites")),
                (Filter("drafts"), self.tr("My drafts"))]
        if reviewer:
            rows.append((Filter("review"), self.tr("Waiting for my review")))
        rows += [(Filter("category", name), name) for name in categories]
        if rows == self._rows:
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def row_of(self, wanted: Filter) -> int:
        return next((n for n, (f, _label) in enumerate(self._rows) if f == wanted), -1)

    def filter_at(self, row: int) -> Filter | None:
        return self._rows[row][0] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found, label = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return label
        if role == FILTER_ROLE:
            return found
        return None


class ArticleTableModel(QAbstractTableModel):
    """One row per article: title (★ when a favorite), category, tags, status, likes, author, updated."""

    COLUMNS = ("title", "category", "tags", "status", "likes", "author", "updated")

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[reads.ArticleView] = []

    def status_label(self, status: str) -> str:
        labels = {"draft": self.tr("Draft"), "in_review": self.tr("In review"), "published": self.tr("Published")}
        return labels.get(status, status)

    def set_articles(self, articles: list[reads.ArticleView]) -> None:
        if [a.id for a in articles] == [a.id for a in self._rows]:
            # Same rows in the same order (a like or a favorite changed): update in place, keep the selection.
            changed = [n for n, (old, new) in enumerate(zip(self._rows, articles, strict=True)) if old != new]
            self._rows = list(articles)
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0),
                                      self.index(max(changed), len(self.COLUMNS) - 1))
            return
        self.beginResetModel()
        self._rows = list(articles)
        self.endResetModel()

    def article_at(self, row: int) -> reads.ArticleView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: str) -> int:
        return next((n for n, a in enumerate(self._rows) if a.id == article_id), -1)

    def all_tags(self) -> list[str]:
        return sorted({t for a in self._rows for t in a.tags})

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self.COLUMNS):
            return None
        titles = (self.tr("Title"), self.tr("Category"), self.tr("Tags"), self.tr("Status"), self.tr("Likes"),
                  self.tr("Author"), self.tr("Updated"))
        return titles[section]

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        article = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == ARTICLE_ID_ROLE:
            return article.id
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(article, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "title":
                notes = [article.title]
                if article.favorite:
                    notes.append(self.tr("In your favorites"))
                if article.open_conflicts:
                    notes.append(self.tr("Has an overlapping edit to resolve"))
                if article.state == "pending":
                    notes.append(self.tr("Changed here, not sent yet"))
                return "\n".join(notes)
            if column == "likes" and article.liked:
                return self.tr("You like this")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == "likes":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, article: reads.ArticleView, column: str) -> str:
        if column == "title":
            marks = ("★ " if article.favorite else "") + ("⚠ " if article.open_conflicts else "")
            return marks + article.title
        if column == "category":
            return article.category
        if column == "tags":
            return ", ".join(article.tags)
        if column == "status":
            return self.status_label(article.status)
        if column == "likes":
            return f"{'♥' if article.liked else '♡'} {article.like_count}"
        if column == "author":
            return article.author_name
        return format_time(article.updated_at)


class RevisionModel(QAbstractListModel):
    """An article's revisions, newest first: when, who, and what kind (edit, merge, conflicting edit)."""

    REVISION_ID_ROLE = Qt.ItemDataRole.UserRole + 3

    def __init__(self, revisions: list[reads.RevisionView], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = list(revisions)

    def revision_at(self, row: int) -> reads.RevisionView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def kind_label(self, kind: str) -> str:
        labels = {"edit": self.tr("Edit"), "merged": self.tr("Merged"), "conflict": self.tr("Overlapping edit")}
        return labels.get(kind, kind)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        revision = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            when = format_time(revision.created_at) or self.tr("not sent yet")
            return f"{when} · {revision.author_name} · {self.kind_label(revision.kind)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return revision.title
        if role == self.REVISION_ID_ROLE:
            return revision.id
        return None
