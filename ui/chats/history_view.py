"""The list view of one chat's history: pages back near the top, sticks to the bottom, shows a "new" pill.

Scrolling is per pixel. Older pages are prepended by the view itself (it asks the model), so it can keep the
distance from the bottom and the text being read does not jump. New messages keep the view at the bottom if
it was there; otherwise a "New messages" pill appears over the list and takes the person down when clicked.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QPushButton, QWidget

from .history_model import HistoryModel

NEAR_TOP_PX = 150  # start loading the page before when the view comes this close to the top
BOTTOM_SLACK_PX = 12  # this close to the end counts as "at the bottom"
MAX_PAGES_TO_FIND = 40  # open_item("message") pages back at most this far (2,000 messages) to find one


class HistoryView(QListView):
    reached_bottom = Signal()

    def __init__(self, model: HistoryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyView")
        self.setAccessibleName(self.tr("Messages"))
        self.history = model
        self.setModel(model)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(self.horizontalScrollBarPolicy().ScrollBarAlwaysOff)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setUniformItemSizes(False)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(True)
        self._stick = True
        self._loading = False
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._scrolled)
        bar.rangeChanged.connect(self._range_changed)
        model.rowsInserted.connect(self._rows_inserted)
        model.modelReset.connect(self._model_reset)

        self.pill = QPushButton(self.tr("New messages ↓"), self)
        self.pill.setObjectName("newMessagesPill")
        self.pill.setAccessibleName(self.tr("Go to new messages"))
        self.pill.setToolTip(self.tr("Scroll to the newest message (Ctrl+End)"))
        self.pill.clicked.connect(self.go_to_bottom)
        self.pill.hide()

    # ------------------------------------------------------------------------------------------- state

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK_PX

    def go_to_bottom(self) -> None:
        self._stick = True
        self.scrollToBottom()
        self.pill.hide()

    def _scrolled(self, value: int) -> None:
        self._stick = self.at_bottom()
        if self._stick:
            self.pill.hide()
            self.reached_bottom.emit()
        if value <= NEAR_TOP_PX and not self.history.at_start and not self._loading:
            # Not from inside the scroll bar's signal: loading changes the range it is reporting.
            self._loading = True
            QTimer.singleShot(0, self, self.load_older)

    def _range_changed(self, _minimum: int, maximum: int) -> None:
        if self._stick:
            self.verticalScrollBar().setValue(maximum)

    def _model_reset(self) -> None:
        self._stick = True
        self.pill.hide()
        self.executeDelayedItemsLayout()
        self.scrollToBottom()

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        if last == self.history.rowCount() - 1 and first > 0 and not self._stick:
            self._place_pill()
            self.pill.show()
            self.pill.raise_()

    # ------------------------------------------------------------------------------------------ paging

    def load_older(self) -> int:
        """Prepend the page before the oldest loaded message, keeping what is on screen where it is."""
        bar = self.verticalScrollBar()
        from_bottom = bar.maximum() - bar.value()
        stick, self._stick = self._stick, False
        try:
            added = self.history.load_older()
            if added:
                self.executeDelayedItemsLayout()
                bar.setValue(bar.maximum() - from_bottom)
        finally:
            self._stick = stick and self.at_bottom()
            self._loading = False
        return added

    def show_message(self, message_id: str, seq: int | None) -> bool:
        """Page back (bounded) until a message is loaded, then scroll to it and select it."""
        for _ in range(MAX_PAGES_TO_FIND):
            if self.history.row_of(message_id) >= 0 or self.history.at_start:
                break
            if seq is not None and (oldest := self._oldest_loaded_seq()) is not None and oldest <= seq:
                break
            self.load_older()
        row = self.history.row_of(message_id)
        if row < 0:
            return False
        index = self.history.index(row, 0)
        self.executeDelayedItemsLayout()
        self._stick = False
        self.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)
        self.setCurrentIndex(index)
        return True

    def _oldest_loaded_seq(self) -> int | None:
        for row in range(self.history.rowCount()):
            message = self.history.message_at(row)
            if message is not None and message.seq is not None:
                return message.seq
        return None

    # ------------------------------------------------------------------------------------------ layout

    def _place_pill(self) -> None:
        hint = self.pill.sizeHint()
        viewport = self.viewport().geometry()
        self.pill.setGeometry(viewport.center().x() - hint.width() // 2, viewport.bottom() - hint.height() - 10,
                              hint.width(), hint.height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._place_pill()
