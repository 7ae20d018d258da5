"""The list view of one chat's history: pages back near the top, sticks to the bottom, shows a "new" pill.

Scrolling is per pixel. Older pages are prepended by the view itself (it asks the model), so it can keep the
distance from the bottom and the text being read does not jump. New messages keep the view at the bottom if
it was there; otherwise a "New messages" pill appears over the list and takes the person down when clicked.

Row heights come from the delegate, which estimates a row until it has laid it out (see history_delegate). The
view has the rows about to show measured before it lays them out, the others a few at a time while the event
loop is idle (nearest to what is on screen first), and when a measurement changes a height it lays out again
keeping the row at the top of the viewport where it was, so the text being read does not move.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QPushButton, QStyleOptionViewItem, QWidget

from app import clock

from .history_delegate import HistoryDelegate
from .history_model import HistoryModel

NEAR_TOP_PX = 150  # start loading the page before when the view comes this close to the top
BOTTOM_SLACK_PX = 12  # this close to the end counts as "at the bottom"
MAX_PAGES_TO_FIND = 40  # open_item("message") pages back at most this far (2,000 messages) to find one
IDLE_SLICE_S = 0.004  # measuring rows in idle moments stops after this long, so input is never kept waiting
CATCH_UP_S = 1.0  # a window that fell behind the newest messages is brought up to them at most this often
IDLE_AFTER_MS = 40  # and starts this long after rows arrived, so the frame that shows them is painted first


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
        model.dataChanged.connect(self._rows_changed)
        model.modelReset.connect(self._model_reset)
        model.fell_behind.connect(self._fell_behind)
        self._delegate: HistoryDelegate | None = None
        self._measure_on_resize = False
        self._caught_up_at = 0.0
        self._catching_up = QTimer(self)
        self._catching_up.setSingleShot(True)
        self._catching_up.timeout.connect(self._catch_up)
        self._unmeasured: list[QPersistentModelIndex] = []  # measured from the end: nearest to the screen last
        self._idle = QTimer(self)
        self._idle.setInterval(0)
        self._idle.timeout.connect(self._measure_some)
        self._relayout = QTimer(self)  # heights told by painting are gathered into one layout pass
        self._relayout.setSingleShot(True)
        self._relayout.setInterval(0)
        self._relayout.timeout.connect(self._relayout_keeping_place)

        self.pill = QPushButton(self.tr("New messages ↓"), self)
        self.pill.setObjectName("newMessagesPill")
        self.pill.setAccessibleName(self.tr("Go to new messages"))
        self.pill.setToolTip(self.tr("Scroll to the newest message (Ctrl+End)"))
        self.pill.clicked.connect(self.go_to_bottom)
        self.pill.hide()

    def use_delegate(self, delegate: HistoryDelegate) -> None:
        """Paint rows with `delegate` and lay out again when it measures a row differently than it guessed."""
        self._delegate = delegate
        self.setItemDelegate(delegate)
        delegate.heights_changed.connect(self._relayout.start)

    # ------------------------------------------------------------------------------------------- state

    def at_bottom(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum() - BOTTOM_SLACK_PX

    def go_to_bottom(self) -> None:
        if self.history.behind:
            self.history.open(self.history.conversation_id)  # the newest messages are past the window: reopen
        self._stick = True
        self.scrollToBottom()
        self.pill.hide()

    def _fell_behind(self) -> None:
        # Deferred: the model is in the middle of a refresh. At the bottom, the person follows the newest
        # messages; scrolled up, they keep reading and the pill offers the newest. In a sync storm this comes
        # with every refresh; reopening that often would spend the loop on layouts nobody can read, so the
        # window catches up at most every CATCH_UP_S.
        if not self._catching_up.isActive():
            wait = max(0.0, self._caught_up_at + CATCH_UP_S - clock.monotonic())
            self._catching_up.start(int(wait * 1000))

    def _catch_up(self) -> None:
        self._caught_up_at = clock.monotonic()
        if not self.history.behind:
            return
        if self._stick:
            self.go_to_bottom()
        else:
            self._place_pill()
            self.pill.show()
            self.pill.raise_()

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
        rows = self.history.rowCount()
        self._unmeasured = [QPersistentModelIndex(self.history.index(row, 0)) for row in range(rows)]
        self._measure_from_bottom(rows - 1)  # the rows the view opens on are laid out exactly from the start
        self.executeDelayedItemsLayout()
        self.scrollToBottom()
        self._idle.start(IDLE_AFTER_MS)

    def _rows_inserted(self, _parent: QModelIndex, first: int, last: int) -> None:
        added = [QPersistentModelIndex(self.history.index(row, 0)) for row in range(first, last + 1)]
        if first == 0:
            self._unmeasured[:0] = added  # older messages: after the rows nearer the screen
        else:
            self._unmeasured += added
        if not self._idle.isActive():
            self._idle.start(IDLE_AFTER_MS)
        if last == self.history.rowCount() - 1 and first > 0 and not self._stick:
            self._place_pill()
            self.pill.show()
            self.pill.raise_()

    def _rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = None) -> None:
        # A changed row (an edit, or a neighbour's grouping and day line after rows came or went) is measured again
        # in idle moments like a new one; until then its estimate stands in.
        self._unmeasured += [QPersistentModelIndex(self.history.index(row, 0))
                             for row in range(top_left.row(), bottom_right.row() + 1)]
        if not self._idle.isActive():
            self._idle.start(IDLE_AFTER_MS)

    # ----------------------------------------------------------------------------------------- heights

    def _measure_from_bottom(self, row: int) -> None:
        """Measure rows upwards from `row` until they fill the viewport (they are what opening shows)."""
        if self._delegate is None:
            return
        if not self.isVisible():
            self._measure_on_resize = True  # hidden, its width is not the one it will show with: measure then
            return
        palette, room, option = self.palette(), self.viewport().height() + BOTTOM_SLACK_PX, QStyleOptionViewItem()
        while row >= 0 and room > 0:
            index = self.history.index(row, 0)
            self._delegate.measure(index, palette)
            room -= self._delegate.sizeHint(option, index).height()
            row -= 1

    def _measure_some(self) -> None:
        """Idle work: measure rows not measured yet, nearest to the screen first, for a few milliseconds."""
        if self._delegate is None:
            self._unmeasured.clear()
        self._idle.setInterval(0)  # the first slice waited; the rest follow whenever the loop is idle
        palette, changed = self.palette(), False
        deadline = clock.monotonic() + IDLE_SLICE_S
        while self._unmeasured and clock.monotonic() < deadline:
            index = self._unmeasured.pop()
            if index.isValid() and self._delegate is not None:
                changed |= self._delegate.measure(index, palette)
        if not self._unmeasured:
            self._idle.stop()
        if changed:
            self._relayout_keeping_place()

    def _relayout_keeping_place(self) -> None:
        """Lay out again with the heights measured since; the row at the top of the viewport does not move."""
        self._relayout.stop()
        anchor = QModelIndex() if self._stick else self.indexAt(QPoint(1, 1))
        before = self.visualRect(anchor).top() if anchor.isValid() else 0
        self.scheduleDelayedItemsLayout()
        self.executeDelayedItemsLayout()
        bar = self.verticalScrollBar()
        if self._stick:
            bar.setValue(bar.maximum())
        elif anchor.isValid():
            bar.setValue(bar.value() + self.visualRect(anchor).top() - before)

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
        if self._measure_on_resize or (self._stick and event.oldSize().width() != event.size().width()):
            # A new width makes every height an estimate again: measure what shows at the bottom before it paints.
            self._measure_on_resize = False
            self._measure_from_bottom(self.history.rowCount() - 1)
