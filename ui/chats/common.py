"""Small pieces the chat widgets share: times in the person's locale, palette-aware accents, safe documents.

`SafeDocument` is the only kind of QTextDocument that shows other people's markdown here: it never loads a
resource (no images, no files, no network), whatever the HTML asks for.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QCoreApplication, QModelIndex, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QPalette, QTextDocument
from PySide6.QtWidgets import QMessageBox, QWidget

from ui.markdown import is_safe_link
from ui.times import format_time as format_time
from ui.times import parse_time as parse_time


class SafeDocument(QTextDocument):
    def loadResource(self, type: int, name: QUrl) -> Any:
        return None  # markdown from others may name images or files: nothing is ever fetched


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def error_colour(palette: QPalette) -> QColor:
    """A red that stays readable on both light and dark palettes."""
    return QColor(255, 120, 120) if is_dark(palette) else QColor(190, 25, 25)


def muted_colour(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)


def accent(palette: QPalette, alpha: int) -> QColor:
    colour = QColor(palette.color(QPalette.ColorRole.Highlight))
    colour.setAlpha(alpha)
    return colour


def open_link(parent: QWidget, url: str) -> bool:
    """Open a link from a message after the person has seen its real address; unsafe schemes never open."""
    if not is_safe_link(url):
        return False
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ChatLinks", "Open link"),
        QCoreApplication.translate("ChatLinks", "Open this address in your browser?\n\n{url}").format(url=url),
        QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Open:
        return False
    return QDesktopServices.openUrl(QUrl(url))


class RowsById(QAbstractListModel):
    """A list model over `_rows` of items with an `id`, updated in place (selection and scroll stay put)."""

    _rows: list[Any]

    def _remove_rows_not_in(self, wanted: set[str]) -> None:
        """Remove the rows whose id is not wanted, a run at a time from the end so the indexes stay valid."""
        row = len(self._rows) - 1
        while row >= 0:
            if self._rows[row].id in wanted:
                row -= 1
                continue
            end = row
            while row >= 0 and self._rows[row].id not in wanted:
                row -= 1
            self.beginRemoveRows(QModelIndex(), row + 1, end)
            del self._rows[row + 1 : end + 1]
            self.endRemoveRows()
