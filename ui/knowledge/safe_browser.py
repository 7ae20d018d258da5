"""A QTextBrowser for other people's markdown: nothing is loaded, and links open only after a confirmation.

The HTML it shows comes from ui.markdown.render_article (already sanitized). Even so, the browser never fetches a
resource (no images, no stylesheets, no files from the disk) and never follows a link by itself: a click on
an http(s)/mailto link shows the real address and opens it in the system browser only when the person agrees.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox, QTextBrowser, QWidget

from ui import markdown
from ui.times import format_time as format_time  # re-exported for this section's modules


class SafeBrowser(QTextBrowser):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._anchor_clicked)

    def show_markdown(self, text: str) -> None:
        """Render `text` (markdown) and keep the reading position when the same document is re-rendered."""
        bar = self.verticalScrollBar()
        position = bar.value()
        self.setHtml(markdown.render_article(text))
        bar.setValue(position)

    def loadResource(self, kind: int, name: QUrl) -> Any:
        # Nothing in an article may make the app read a file or reach the network.
        return None

    def _anchor_clicked(self, url: QUrl) -> None:
        address = url.toString()
        if not markdown.is_safe_link(address):
            return
        answer = QMessageBox.question(
            self,
            self.tr("Open link"),
            self.tr("Open this address in your browser?\n\n%1").replace("%1", address),
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Open:
            QDesktopServices.openUrl(url)
