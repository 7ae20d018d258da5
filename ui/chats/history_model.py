"""The open conversation's history as a windowed list model: only the pages loaded so far, never the whole chat.

Opening a conversation loads its latest page (reads.history with no `before_seq`): the newest synced messages
plus the ones not confirmed yet (pending or rejected). Scrolling near the top asks for the page before the
smallest loaded seq. A commit that touches messages re-reads the loaded rows it names and whatever arrived after
the newest loaded message (or, when it cannot tell, the whole loaded window) and applies the difference as row
inserts, removals and data changes, so the view keeps its scroll position and a delegate keeps its cached
layouts.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection
from datetime import date, datetime, timedelta
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from app import clock
from app.markup import person_names
from app.store import reads
from ui.markdown import preview_text
from ui.sync_centre.texts import refusal

from .common import RowsById, format_time

PAGE_SIZE = 50
# A refresh takes in at most this many newer messages. A larger burst (a sync storm, a long offline catch-up)
# leaves the window as it is and says so (`fell_behind`): the view then reopens at the newest messages when the
# person is at the bottom, or offers them with its "new messages" pill.
REFRESH_SLACK = 200
GROUP_WITHIN = timedelta(minutes=5)  # a message this soon after the same person's last one shows no name again

Index = QModelIndex | QPersistentModelIndex


class HistoryRole(IntEnum):
    MESSAGE = Qt.ItemDataRole.UserRole + 1  # the MessageView
    ID = Qt.ItemDataRole.UserRole + 2
    STATE_TEXT = Qt.ItemDataRole.UserRole + 3  # "sending…", "not sent: <reason>" or ""
    REPLY_PREVIEW = Qt.ItemDataRole.UserRole + 4  # one line of the replied message, or ""
    MINE = Qt.ItemDataRole.UserRole + 5  # the signed-in person wrote it
    GROUPED = Qt.ItemDataRole.UserRole + 6  # continues the row before: same author, same day, within 5 minutes
    DAY = Qt.ItemDataRole.UserRole + 7  # "Today", "Yesterday", "Monday 30 November" above a day's first row, else ""


def day_text(day: date, today: date) -> str:
    """The line between two days of a chat: "Today", "Yesterday", "Monday 30 November" (the year when not this one)."""
    if day == today:
        return QCoreApplication.translate("ChatHistory", "Today")
    if day == today - timedelta(days=1):
        return QCoreApplication.translate("ChatHistory", "Yesterday")
    locale = QLocale()
    chinese = locale.language() == QLocale.Language.Chinese
    if day.year == today.year:
        form = "M月d日 dddd" if chinese else "dddd d MMMM"
    else:
        form = "yyyy年M月d日 dddd" if chinese else "dddd d MMMM yyyy"
    return locale.toString(QDate(day.year, day.month, day.day), form)


def state_text(message: reads.MessageView) -> str:
    if message.state == "pending" and message.seq is None:
        return QCoreApplication.translate("ChatHistory", "sending…")
    if message.state == "pending":
        return QCoreApplication.translate("ChatHistory", "saving change…")
    if message.state == "rejected":
        # The server's own sentence is English and the most precise; in another language its code is worded.
        worded = QLocale().language() == QLocale.Language.Chinese and message.reason_code
        reason = refusal(message.reason_code, message.reason) if worded else message.reason
        return QCoreApplication.translate("ChatHistory", "not sent: {reason}").format(
            reason=reason or QCoreApplication.translate("ChatHistory", "the server refused it")
        )
    return ""


class HistoryModel(RowsById):
    """Rows are messages, oldest first; row 0 is the oldest loaded message."""

    fell_behind = Signal()  # more arrived than a refresh takes in: the window no longer reaches the newest

    def __init__(self, conn: Callable[[], sqlite3.Connection], user_id: str, language: str, parent: Any = None) -> None:
        super().__init__(parent)
        self._conn = conn
        self._user_id = user_id
        self._language = language
        self._cid: str | None = None
        self._rows: list[reads.MessageView] = []
        self._replies: dict[str, str] = {}  # replied message id -> preview
        self._names: dict[str, frozenset[str]] = {}  # person id -> the names that @mention them
        self._at_start = True
        self._behind = False  # newer messages exist than the window holds
        self._moments: dict[str, tuple[str | None, datetime | None]] = {}  # message id -> (at, local time)
        self.rowsInserted.connect(self._neighbours_after_insert)
        self.rowsRemoved.connect(self._neighbours_after_remove)

    # ------------------------------------------------------------------------------------- Qt model API

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows) or index.column() != 0:
            return None
        message = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("ChatHistory", "This message was deleted.")
                if message.deleted
                else preview_text(message.body, 200)
            )
        if role == Qt.ItemDataRole.ToolTipRole:
            # A grouped row shows no header: its time is a hover away.
            return state_text(message) or (format_time(message.at) if self._grouped(index.row()) else None)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [message.author_name, preview_text(message.body, 200), state_text(message)]
            return " — ".join(p for p in parts if p)
        if role == HistoryRole.MESSAGE:
            return message
        if role == HistoryRole.ID:
            return message.id
        if role == HistoryRole.STATE_TEXT:
            return state_text(message)
        if role == HistoryRole.REPLY_PREVIEW:
            return self._replies.get(message.reply_to, "") if message.reply_to else ""
        if role == HistoryRole.MINE:
            return message.author_id == self._user_id
        if role == HistoryRole.GROUPED:
            return self._grouped(index.row())
        if role == HistoryRole.DAY:
            return self._day(index.row())
        return None

    def _local(self, message: reads.MessageView) -> datetime | None:
        found = self._moments.get(message.id)
        if found is None or found[0] != message.at:
            try:
                moment = datetime.fromisoformat(message.at).astimezone(clock.local_zone()) if message.at else None
            except ValueError:
                moment = None
            found = self._moments[message.id] = (message.at, moment)
        return found[1]

    def _grouped(self, row: int) -> bool:
        if not 0 < row < len(self._rows):
            return False
        before, this = self._rows[row - 1], self._rows[row]
        if before.author_id != this.author_id:
            return False
        then, now = self._local(before), self._local(this)
        return then is not None and now is not None and then.date() == now.date() and (
            timedelta(0) <= now - then <= GROUP_WITHIN)

    def _day(self, row: int) -> str:
        if not 0 <= row < len(self._rows):
            return ""
        moment = self._local(self._rows[row])
        if moment is None:
            return ""
        previous = self._local(self._rows[row - 1]) if row > 0 else None
        if previous is not None and previous.date() == moment.date():
            return ""
        return day_text(moment.date(), clock.today())

    def _neighbours_after_insert(self, _parent: Index, _first: int, last: int) -> None:
        self._row_may_have_changed(last + 1)  # whether it continues the row before, and its day line

    def _neighbours_after_remove(self, _parent: Index, first: int, _last: int) -> None:
        self._row_may_have_changed(first)

    def _row_may_have_changed(self, row: int) -> None:
        if 0 <= row < len(self._rows):
            changed = self.index(row, 0)
            self.dataChanged.emit(changed, changed, [HistoryRole.GROUPED, HistoryRole.DAY])

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def roleNames(self) -> dict[int, bytes]:
        names = dict(super().roleNames())
        names.update(
            {
                HistoryRole.MESSAGE: b"message",
                HistoryRole.ID: b"messageId",
                HistoryRole.STATE_TEXT: b"stateText",
                HistoryRole.REPLY_PREVIEW: b"replyPreview",
                HistoryRole.MINE: b"mine",
            }
        )
        return names

    # ------------------------------------------------------------------------------------------ window

    @property
    def conversation_id(self) -> str | None:
        return self._cid

    @property
    def at_start(self) -> bool:
        """True when the oldest message of the conversation is loaded (nothing more to page back to)."""
        return self._at_start

    def message_at(self, row: int) -> reads.MessageView | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def told_names(self, message: reads.MessageView) -> frozenset[str]:
        """The names of the people this message @mentioned (and so told): its body highlights those, no others."""
        if not message.mentions:
            return frozenset()
        missing = [i for i in message.mentions if i not in self._names]
        if missing:
            found = reads.people_by_id(self._conn(), missing)
            for person_id in missing:
                person = found.get(person_id)
                self._names[person_id] = person_names(person.username, person.display_name, person.display_name_en) \
                    if person else frozenset()
        return frozenset().union(*(self._names[i] for i in message.mentions))

    def row_of(self, message_id: str) -> int:
        return next((i for i, m in enumerate(self._rows) if m.id == message_id), -1)

    def _oldest_seq(self) -> int | None:
        return next((m.seq for m in self._rows if m.seq is not None), None)

    def _history(self, before_seq: int | None, limit: int) -> list[reads.MessageView]:
        assert self._cid is not None
        return reads.history(self._conn(), self._cid, before_seq, limit, user_id=self._user_id, language=self._language)

    @staticmethod
    def _in_order(page: list[reads.MessageView]) -> list[reads.MessageView]:
        """A page from reads.history (synced newest first, then unsent oldest first) in display order."""
        synced = [m for m in page if m.seq is not None]
        unsent = [m for m in page if m.seq is None]
        return synced[::-1] + unsent

    def open(self, conversation_id: str | None) -> None:
        """Show a conversation's latest page (None: show nothing)."""
        self.beginResetModel()
        self._cid = conversation_id
        self._replies = {}
        self._moments = {}
        self._behind = False
        if conversation_id is None:
            self._rows, self._at_start = [], True
        else:
            page = self._history(None, PAGE_SIZE)
            self._rows = self._in_order(page)
            self._at_start = sum(1 for m in page if m.seq is not None) < PAGE_SIZE
            self._load_replies(self._rows)
        self.endResetModel()

    def load_older(self) -> int:
        """Load the page before the oldest loaded message; returns how many rows were added."""
        if self._cid is None or self._at_start:
            return 0
        oldest = self._oldest_seq()
        if oldest is None:
            self._at_start = True
            return 0
        page = self._in_order(self._history(oldest, PAGE_SIZE))
        self._at_start = len(page) < PAGE_SIZE
        known = {m.id for m in self._rows}
        page = [m for m in page if m.id not in known]
        if page:
            self._load_replies(page)
            self.beginInsertRows(QModelIndex(), 0, len(page) - 1)
            self._rows[:0] = page
            self.endInsertRows()
        return len(page)

    def _load_replies(self, messages: list[reads.MessageView]) -> None:
        loaded = {m.id: m for m in self._rows}
        for message in messages:
            target = message.reply_to
            if not target or target in self._replies:
                continue
            found = loaded.get(target) or reads.message(
                self._conn(), target, user_id=self._user_id, language=self._language
            )
            if found is None:
                self._replies[target] = QCoreApplication.translate("ChatHistory", "(a message not available here)")
            elif found.deleted:
                self._replies[target] = QCoreApplication.translate("ChatHistory", "{author}: (deleted)").format(
                    author=found.author_name
                )
            else:
                self._replies[target] = f"{found.author_name}: {preview_text(found.body, 100)}"

    # ----------------------------------------------------------------------------------------- refresh

    def has_any(self, message_ids: Collection[str]) -> bool:
        """Whether any of these messages is loaded."""
        return any(m.id in message_ids for m in self._rows)

    def refresh(self, message_ids: Collection[str] | None = None) -> None:
        """Re-read after a commit and apply the difference row by row.

        With `message_ids` (the messages a commit touched), only those loaded rows are read again, plus what
        arrived after the newest loaded message and the unsent ones: a few indexed queries, however large the
        window has grown. Without, the whole loaded window is read again.
        """
        if self._cid is None:
            return
        newest = max((m.seq for m in self._rows if m.seq is not None), default=None)
        if message_ids is None or newest is None:
            self._refresh_window()
            return
        conn, user, language = self._conn(), self._user_id, self._language
        newer: list[reads.MessageView] = []
        if not self._behind:
            # Counted first: in a sync storm most refreshes find more than they would take in.
            if reads.count_after(conn, self._cid, newest, REFRESH_SLACK) > REFRESH_SLACK:
                newer = self._fall_behind()
            else:
                newer = reads.history_after(conn, self._cid, newest, REFRESH_SLACK, user_id=user, language=language)
        again = [m.id for m in self._rows if m.id in message_ids]
        updated = reads.messages_by_id(conn, again, user_id=user, language=language) if again else {}
        synced: dict[str, reads.MessageView] = {}
        for message in self._rows:
            if message.id in message_ids:
                found = updated.get(message.id)
                if found is None or found.conversation_id != self._cid:
                    continue  # removed (a discarded refusal, a purge)
                message = found
            if message.seq is not None:
                synced[message.id] = message
        synced.update((m.id, m) for m in newer)
        ordered = sorted(synced.values(), key=lambda m: m.seq or 0)
        unsent = [m for m in reads.unsent(conn, self._cid, user_id=user, language=language) if m.id not in synced]
        fresh = ordered + unsent
        self._replies = {k: v for k, v in self._replies.items() if k not in message_ids}
        self._load_replies(fresh)
        self._apply(fresh)

    def _fall_behind(self) -> list[reads.MessageView]:
        """More arrived than a refresh takes in: the window stays as it is and says so (no newer rows)."""
        self._behind = True
        self.fell_behind.emit()
        return []

    @property
    def behind(self) -> bool:
        """True when newer messages exist than the window holds (reopen the conversation to see them)."""
        return self._behind

    def _refresh_window(self) -> None:
        assert self._cid is not None
        synced = sum(1 for m in self._rows if m.seq is not None)
        oldest = self._oldest_seq()
        page = self._in_order(self._history(None, synced + REFRESH_SLACK))
        page_synced = [m.seq for m in page if m.seq is not None]
        if oldest is not None and len(page_synced) == synced + REFRESH_SLACK and min(page_synced) > oldest:
            # More arrived than the slack covers. Growing the window by the slack on every commit of a sync
            # storm made each refresh read and lay out more rows than the last; keep the window instead.
            self._fall_behind()
            conn, user, language = self._conn(), self._user_id, self._language
            kept = reads.messages_by_id(
                conn, [m.id for m in self._rows if m.seq is not None], user_id=user, language=language
            )
            synced = sorted((m for m in kept.values() if m.seq is not None), key=lambda m: m.seq or 0)
            page = synced + reads.unsent(conn, self._cid, user_id=user, language=language)
        fresh = [m for m in page if oldest is None or m.seq is None or m.seq >= oldest]
        self._replies = {k: v for k, v in self._replies.items() if k not in {m.id for m in fresh}}
        self._load_replies(fresh)
        self._apply(fresh)

    def _apply(self, fresh: list[reads.MessageView]) -> None:
        old_ids = [m.id for m in self._rows]
        new_ids = [m.id for m in fresh]
        old_set, new_set = set(old_ids), set(new_ids)
        kept = [i for i in old_ids if i in new_set]
        if kept != [i for i in new_ids if i in old_set]:
            # Order changed (rare: the server ordered two unsent messages differently): start over.
            self.beginResetModel()
            self._rows = fresh
            self.endResetModel()
            return
        self._remove_rows_not_in(new_set)
        position = 0  # what is left is in the same order as `fresh`: insert the new runs between
        while position < len(fresh):
            if position < len(self._rows) and self._rows[position].id == fresh[position].id:
                if self._rows[position] != fresh[position]:
                    self._rows[position] = fresh[position]
                    changed = self.index(position, 0)
                    self.dataChanged.emit(changed, changed)
                position += 1
                continue
            next_old = self._rows[position].id if position < len(self._rows) else None
            end = position
            while end < len(fresh) and fresh[end].id != next_old:
                end += 1
            self.beginInsertRows(QModelIndex(), position, end - 1)
            self._rows[position:position] = fresh[position:end]
            self.endInsertRows()
            position = end
