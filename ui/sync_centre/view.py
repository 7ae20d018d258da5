"""The sync centre: is Atrium online, when did it last sync, what waits to be sent, and what the server refused.

Everything shown comes from the local store (`reads.outbox`, the sync state keys) and the engine's state
signal, so it reads the same online and offline. Refused changes are never dropped silently: each stays in
the table with its reason until the person retries it (queued again as a new change) or discards it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.store import Changes, Store, reads
from ui.context import AppContext

from . import texts
from .colours import tint_warning
from .model import WHAT, WHEN, WHY, RejectedModel

_REFRESH_KINDS = ("outbox", "state", "cursors")
_CLOCK_TICK_MS = 30_000  # "5 minutes ago" has to move on while the page is open


class SyncCentreView(QWidget):
    work_offline_toggled = Signal(bool)  # the person asked to stop (True) or resume (False) syncing

    def __init__(self, ctx: AppContext, now: Callable[[], datetime] | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self._now = now or clock.now
        self.state = "idle"
        self.setObjectName("SyncCentreView")

        self.state_label = QLabel()
        self.state_label.setObjectName("syncState")
        font = self.state_label.font()
        font.setBold(True)
        self.state_label.setFont(font)
        self.state_label.setAccessibleName(self.tr("Connection"))
        self.last_sync_label = QLabel()
        self.last_sync_label.setObjectName("lastSync")
        self.last_sync_label.setAccessibleName(self.tr("Last synced"))
        self.server_label = QLabel()
        self.server_label.setObjectName("serverAddress")
        self.server_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.server_label.setAccessibleName(self.tr("Server"))
        self.person_label = QLabel()
        self.person_label.setObjectName("signedInAs")
        self.person_label.setAccessibleName(self.tr("Signed in as"))
        self.pending_label = QLabel()
        self.pending_label.setObjectName("pending")
        self.pending_label.setWordWrap(True)
        self.pending_label.setAccessibleName(self.tr("Waiting to be sent"))
        self.error_label = QLabel()
        self.error_label.setObjectName("lastError")
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName(self.tr("Last problem"))
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tint_warning(self.error_label)

        self.sync_button = QPushButton(self.tr("Sync &now"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setToolTip(self.tr("Send waiting changes and fetch new ones now (F5)"))
        self.sync_button.clicked.connect(self.ctx.sync_requested.emit)
        self.offline_button = QPushButton(self.tr("Work &offline"))
        self.offline_button.setObjectName("workOffline")
        self.offline_button.setCheckable(True)
        self.offline_button.setAccessibleName(self.tr("Work offline"))
        self.offline_button.setToolTip(self.tr(
            "Stop syncing until you switch this off. Everything you do is still saved on this computer."))
        self.offline_button.toggled.connect(self._offline_toggled)

        status = QGroupBox(self.tr("Status"))
        form = QFormLayout()
        state_row = QHBoxLayout()
        state_row.addWidget(self.state_label, 1)
        state_row.addWidget(self.sync_button)
        state_row.addWidget(self.offline_button)
        form.addRow(self.tr("Connection:"), state_row)
        form.addRow(self.tr("Last synced:"), self.last_sync_label)
        form.addRow(self.tr("Server:"), self.server_label)
        form.addRow(self.tr("Signed in as:"), self.person_label)
        form.addRow(self.tr("Waiting to be sent:"), self.pending_label)
        form.addRow(self.error_label)
        status.setLayout(form)

        self.model = RejectedModel(self._now(), self)
        self.table = QTableView()
        self.table.setObjectName("rejectedTable")
        self.table.setAccessibleName(self.tr("Changes the server refused"))
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(WHY, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.detail_label = QLabel()
        self.detail_label.setObjectName("rejectedDetail")
        self.detail_label.setWordWrap(True)
        self.detail_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.retry_button = QPushButton(self.tr("&Retry"))
        self.retry_button.setObjectName("retry")
        self.retry_button.setAccessibleName(self.tr("Retry the selected changes"))
        self.retry_button.setToolTip(self.tr("Queue the selected changes again, to be sent with the next sync"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button = QPushButton(self.tr("&Discard"))
        self.discard_button.setObjectName("discard")
        self.discard_button.setAccessibleName(self.tr("Discard the selected changes"))
        self.discard_button.setToolTip(self.tr("Forget the selected changes; they will never be sent (Delete)"))
        self.discard_button.clicked.connect(self.discard_selected)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, self.discard_selected,
                  Qt.ShortcutContext.WidgetShortcut)

        self.rejected_box = QGroupBox()
        intro = QLabel(self.tr("The server refused these changes. Nothing was lost: retry a change once what was "
                               "wrong is fixed, or discard it."))
        intro.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        box_layout = QVBoxLayout(self.rejected_box)
        box_layout.addWidget(intro)
        box_layout.addWidget(self.table, 1)
        box_layout.addWidget(self.detail_label)
        box_layout.addLayout(buttons)

        layout = self._layout = QVBoxLayout(self)
        layout.addWidget(status)
        layout.addWidget(self.rejected_box, 1)
        layout.addStretch(0)  # takes the room when there is no refused change to list

        self._clock = QTimer(self)
        self._clock.setInterval(_CLOCK_TICK_MS)
        self._clock.timeout.connect(self._show_last_sync)
        self._clock.start()
        ctx.sync_state_changed.connect(self.show_state)
        ctx.data_changed.connect(self._data_changed)
        self.show_state("idle", "")
        self.refresh()

    # ----------------------------------------------------------------------------------------- showing

    def show_state(self, state: str, detail: str) -> None:
        """The engine's state (idle|syncing|online|offline|signed_out|error) and its detail sentence."""
        self.state = state
        texts_by_state = {
            "idle": self.tr("Not synced yet"),
            "syncing": self.tr("Syncing…"),
            "online": self.tr("Online · up to date"),
            "offline": self.tr("Offline · your changes are kept and will be sent"),
            "signed_out": self.tr("Signed out · sign in to sync"),
            "error": self.tr("Sync stopped"),
        }
        if self.offline_button.isChecked() and state in ("offline", "idle"):
            text = self.tr("Working offline · nothing is sent until you switch this off")
        else:
            text = texts_by_state.get(state, state)
        self.state_label.setText(text)
        self.state_label.setToolTip(texts.sentence(detail) if detail else "")
        self.sync_button.setEnabled(state != "syncing" and not self.offline_button.isChecked())

    def set_work_offline(self, on: bool) -> None:
        """Show the toggle as the app has it (without asking again)."""
        self.offline_button.blockSignals(True)
        self.offline_button.setChecked(on)
        self.offline_button.blockSignals(False)
        self.show_state(self.state, "")

    def _offline_toggled(self, on: bool) -> None:
        self.work_offline_toggled.emit(on)
        self.show_state(self.state, "")

    def _data_changed(self, changes: Changes) -> None:
        if self.ctx.changes_touch(changes, *_REFRESH_KINDS):
            self.refresh()

    def refresh(self) -> None:
        """Read everything this page shows from the store again (it is a handful of small queries)."""
        self._show_last_sync()
        server = self.ctx.state("server_url")
        self.server_label.setText(server or self.tr("No server yet"))
        person = reads.person(self.ctx.conn, self.ctx.user_id)
        username = self.ctx.state("username") or (person.username if person else "")
        name = reads.display_name(person, self.ctx.language, username)
        self.person_label.setText(f"{name} ({username})" if username and username != name else name)
        outbox = reads.outbox(self.ctx.conn)
        self.pending_label.setText(texts.pending_summary(outbox.pending))
        error = self.ctx.state("last_error")
        self.error_label.setText(self.tr("Last problem: %1").replace("%1", texts.sentence(error)) if error else "")
        self.error_label.setVisible(bool(error))
        self._show_rejected(outbox.rejected)

    def _show_last_sync(self) -> None:
        moment = texts.parse_time(self.ctx.state("last_sync"))
        if moment is None:
            self.last_sync_label.setText(self.tr("Never"))
            self.last_sync_label.setToolTip("")
            return
        self.last_sync_label.setText(texts.relative(moment, self._now()))
        self.last_sync_label.setToolTip(texts.absolute(moment))

    def _show_rejected(self, rejected: tuple[reads.RejectedChange, ...]) -> None:
        selected = set(self.selected_ids())
        self.model.set_rows(rejected, self._now())
        self.rejected_box.setTitle(self.tr("Refused by the server (%1)").replace("%1", str(len(rejected))))
        self.rejected_box.setVisible(bool(rejected))
        self._layout.setStretch(2, 0 if rejected else 1)
        selection = self.table.selectionModel()
        for row in range(self.model.rowCount()):
            if self.model.entry(row).mutation_id in selected:
                selection.select(self.model.index(row, 0), selection.SelectionFlag.Select
                                 | selection.SelectionFlag.Rows)
        if not self.selected_ids() and self.model.rowCount():
            self.table.selectRow(0)
        self._selection_changed()

    def _selection_changed(self, *_args: object) -> None:
        rows = self._selected_rows()
        self.retry_button.setEnabled(bool(rows))
        self.discard_button.setEnabled(bool(rows))
        if len(rows) == 1:
            entry = self.model.entry(rows[0])
            said = texts.sentence(entry.reason) if entry.reason else texts.refusal(entry.code, None)
            self.detail_label.setText(self.tr("The server said: %1").replace("%1", said))
        else:
            self.detail_label.setText("")

    # ---------------------------------------------------------------------------------------- actions

    def _selected_rows(self) -> list[int]:
        return sorted(index.row() for index in self.table.selectionModel().selectedRows())

    def selected_ids(self) -> list[int]:
        return [self.model.entry(row).mutation_id for row in self._selected_rows()]

    def retry_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        ctx = self.ctx

        def retry(store: Store) -> list[int | None]:
            # Each retry is a new mutation with a fresh clock reading: the refused one is gone for good.
            session = ctx.session(store)
            return [session.retry(mid) for mid in ids]

        self.ctx.run_store(retry)

    def discard_selected(self) -> None:
        ids = self.selected_ids()
        if not ids or not self.confirm_discard(len(ids)):
            return

        def discard(store: Store) -> list[bool]:
            return [store.discard(mid) for mid in ids]

        self.ctx.run_store(discard)

    def confirm_discard(self, count: int) -> bool:
        question = (self.tr("Discard this change? It will never be sent.") if count == 1
                    else self.tr("Discard %n changes? They will never be sent.", "", count))
        answer = QMessageBox.question(self, self.tr("Discard"), question,
                                      QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    def open_item(self, kind: str, item_id: str) -> None:
        """Select a refused change ("mutation", its id); other kinds live in other sections."""
        if kind != "mutation":
            return
        for row in range(self.model.rowCount()):
            if str(self.model.entry(row).mutation_id) == item_id:
                self.table.selectRow(row)
                self.table.scrollTo(self.model.index(row, 0))
