"""The Chats section: the conversation list on the left, the open conversation's history and composer on the right.

Reads go through app.store.reads on `ctx.conn`; every change (send, edit, react, mark read…) is a service run
by `ctx.act`, and the lists refresh from `ctx.data_changed`, only for the kinds they show.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QPoint, Qt, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QSplitter, QVBoxLayout, QWidget

from app import clock
from app.services import chats
from app.store import reads
from ui.context import AppContext
from ui.markdown import preview_text

from .common import open_link
from .composer import Composer, SendOptions
from .conversation_list import ConversationListModel, ConversationPanel, ConversationRole
from .dialogs import EditMessageDialog, FullTextDialog, NewDirectChatDialog, NewGroupDialog, ReadersDialog
from .history_delegate import HistoryDelegate
from .history_model import HistoryModel, HistoryRole
from .history_view import HistoryView

# What the conversation list and the history show. The outbox is not among them: a send, edit or refusal also
# writes the message row (its state and reason live there), and that is the change they react to.
LIST_KINDS = ("conversation", "message", "read_marker", "conversation_member", "person")
HISTORY_FULL_KINDS = ("person", "acknowledgement")  # changes that cannot be traced to loaded rows cheaply
REACTIONS = ("👍", "❤️", "😄", "🎉", "✅")


class ChatsView(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("chatsView")
        self.conversations = ConversationListModel(lambda: ctx.conn, ctx.user_id, ctx.language, self)
        self.panel = ConversationPanel(self.conversations)
        self.history = HistoryModel(lambda: ctx.conn, ctx.user_id, ctx.language, self)
        self.history_view = HistoryView(self.history)
        self.delegate = HistoryDelegate(self.history_view)
        self.history_view.use_delegate(self.delegate)
        self.history_view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.composer = Composer()
        self.composer.urgent_left = lambda: chats.urgent_left_at(ctx.conn, ctx.user_id, clock.wall_ms())
        self.header = QLabel()
        self.header.setObjectName("conversationTitle")
        self.header.setTextFormat(Qt.TextFormat.PlainText)
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.header.setFont(font)
        self.placeholder = QLabel(self.tr("Pick a conversation on the left, or start one with Ctrl+N."))
        self.placeholder.setObjectName("chatsPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addWidget(self.placeholder, 1)
        right_layout.addWidget(self.history_view, 1)
        right_layout.addWidget(self.composer)
        splitter = QSplitter()
        splitter.setObjectName("chatsSplitter")
        splitter.addWidget(self.panel)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self._show_open(False)

        self.panel.conversation_activated.connect(self.open_conversation)
        self.panel.new_direct_requested.connect(self.new_direct_chat)
        self.panel.new_group_requested.connect(self.new_group)
        self.conversations.notify_choice = (
            lambda cid: ctx.notifications.conversation_choice(cid) if ctx.notifications is not None else "all")
        self.panel.list.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.panel.list.customContextMenuRequested.connect(self._conversation_context_menu)
        self.composer.send_requested.connect(self.send)
        self.history_view.customContextMenuRequested.connect(self._context_menu)
        self.history_view.reached_bottom.connect(self._mark_read_if_seen)
        self.history.rowsInserted.connect(lambda *_: self._mark_read_if_seen())
        self.delegate.link_activated.connect(lambda url: open_link(self, url))
        self.delegate.show_more_requested.connect(self.show_full_text)
        self.delegate.reaction_clicked.connect(self._toggle_reaction)
        QShortcut(QKeySequence("Ctrl+End"), self, self.history_view.go_to_bottom,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        QShortcut(QKeySequence("Ctrl+F"), self, self.panel.filter.setFocus,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        ctx.data_changed.connect(self._data_changed)
        self.conversations.refresh()

    # -------------------------------------------------------------------------------------- opening

    @property
    def conversation_id(self) -> str | None:
        return self.history.conversation_id

    def _show_open(self, is_open: bool) -> None:
        self.placeholder.setVisible(not is_open)
        self.history_view.setVisible(is_open)
        self.composer.setVisible(is_open)
        self.header.setVisible(is_open)

    def open_item(self, kind: str, item_id: str) -> None:
        """Open a conversation, or a message's conversation scrolled to that message."""
        if kind == "conversation":
            self.open_conversation(item_id)
        elif kind == "message":
            found = reads.message(self.ctx.conn, item_id, user_id=self.ctx.user_id, language=self.ctx.language)
            if found is None:
                self.ctx.action_failed.emit(self.tr("This message is not here (it may have been removed)."))
                return
            self.open_conversation(found.conversation_id)
            if not self.history_view.show_message(item_id, found.seq):
                self.ctx.action_failed.emit(self.tr("This message is too far back to show here; search finds it."))

    def open_conversation(self, conversation_id: str) -> None:
        if conversation_id == self.conversation_id:
            return
        info = reads.conversation(self.ctx.conn, conversation_id, self.ctx.user_id, self.ctx.language)
        if info is None:
            self.ctx.action_failed.emit(self.tr("This conversation is not here yet; it appears once it has synced."))
            return
        self.delegate.forget()
        self.composer.clear_reply()
        self.history.open(conversation_id)
        self.header.setText(info.title)
        self._update_members(info)
        self._show_open(True)
        self.panel.select(conversation_id)
        self._mark_read_if_seen()

    def _update_members(self, info: reads.ConversationInfo) -> None:
        people = reads.people_by_id(self.ctx.conn, info.member_ids)
        members = sorted((p for p in people.values() if p.id != self.ctx.user_id), key=lambda p: p.username)
        self.composer.edit.set_members(members, self.ctx.language)

    # --------------------------------------------------------------------------------------- changes

    @Slot(object)
    def _data_changed(self, changes: dict[str, set[str]]) -> None:
        """Refresh what a commit touched: the conversations it names, and the open history if it is among them."""
        cid = self.conversation_id
        owners = self.ctx.message_conversations(changes)  # whose the changed messages are, without reading them
        if any(kind in changes for kind in LIST_KINDS):
            self.conversations.refresh(self._touched_conversations(changes, owners))
            if cid is not None and self.panel.current_id() != cid:
                self.panel.select(cid, clear_filter=False)
        if cid is None:
            return
        members = changes.get("conversation_member", ())
        named = {*changes.get("conversation", ()), *(k.partition(":")[0] for k in members)}
        if cid in named:
            info = reads.conversation(self.ctx.conn, cid, self.ctx.user_id, self.ctx.language)
            if info is None or self.ctx.user_id not in info.member_ids:
                self.history.open(None)  # access lost: the store purged the conversation
                self._show_open(False)
                return
            self.header.setText(info.title)
            self._update_members(info)
        if any(kind in changes for kind in HISTORY_FULL_KINDS) or cid in named:
            self.history.refresh()  # names or membership changed: re-read the whole loaded window
            return
        touched = {*changes.get("message", ()), *(k.partition(":")[0] for k in changes.get("reaction", ()))}
        if touched and (owners is None or cid in owners or self.history.has_any(touched)):
            self.history.refresh(touched)

    def _touched_conversations(self, changes: dict[str, set[str]], owners: frozenset[str] | None) -> set[str] | None:
        """The conversations a change set names, or None when it cannot tell (then the whole list is re-read)."""
        if "person" in changes or owners is None:
            return None  # names in titles and previews, or messages removed without a trace of their chat
        mine = f":{self.ctx.user_id}"
        touched = set(changes.get("conversation", ()))
        touched.update(k.partition(":")[0] for k in changes.get("conversation_member", ()))
        # Only the person's own read marker moves their unread counts; others' markers change nothing here.
        touched.update(k.removesuffix(mine) for k in changes.get("read_marker", ()) if k.endswith(mine))
        touched.update(owners)
        return touched

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ActivationChange:
            self._mark_read_if_seen()

    def _mark_read_if_seen(self) -> None:
        """Mark the open conversation read when the person can see its end (window active, at the bottom)."""
        cid = self.conversation_id
        if cid is None or not self.isVisible() or not self.window().isActiveWindow():
            return
        if not self.history_view.at_bottom():
            return
        conn = self.ctx.conn
        if reads.latest_seq(conn, cid) > reads.read_seq(conn, cid, self.ctx.user_id):
            self.ctx.act(chats.mark_read, cid)

    # --------------------------------------------------------------------------------------- actions

    def send(self, text: str, reply_to: str | None, options: SendOptions) -> None:
        cid = self.conversation_id
        if cid is None:
            return
        self.history_view.go_to_bottom()
        self.ctx.act(chats.send, cid, text, reply_to=reply_to, important=options.important,
                     urgent_reason=options.urgent_reason, ack_requested=options.ack_requested,
                     on_done=lambda _mid: self.composer.sent(text))

    def acknowledge(self, message_id: str) -> None:
        self.ctx.act(chats.acknowledge, message_id)

    def show_acknowledgements(self, message_id: str) -> None:
        ReadersDialog.for_acknowledgements(reads.acknowledgements(self.ctx.conn, message_id), self.ctx.language,
                                           self).exec()

    def new_direct_chat(self) -> None:
        people = [p for p in reads.people(self.ctx.conn) if p.id != self.ctx.user_id]
        dialog = NewDirectChatDialog(people, self.ctx.language, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and (username := dialog.username()):
            self.ctx.act(chats.open_direct, username, on_done=self._open_when_listed)

    def new_group(self) -> None:
        people = [p for p in reads.people(self.ctx.conn) if p.id != self.ctx.user_id]
        dialog = NewGroupDialog(people, self.ctx.language, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.ctx.act(chats.create_group, dialog.title.text(), dialog.members(), on_done=self._open_when_listed)

    def _open_when_listed(self, conversation_id: str) -> None:
        self.conversations.refresh()
        self.open_conversation(conversation_id)

    def show_full_text(self, message_id: str) -> None:
        row = self.history.row_of(message_id)
        message = self.history.message_at(row)
        if message is not None:
            FullTextDialog(message.author_name, message.body, self).exec()

    def _toggle_reaction(self, message_id: str, emoji: str, mine: bool) -> None:
        self.ctx.act(chats.unreact if mine else chats.react, message_id, emoji)

    # ---------------------------------------------------------------------------------- context menu

    def _context_menu(self, point: QPoint) -> None:
        index = self.history_view.indexAt(point)
        message: reads.MessageView | None = index.data(HistoryRole.MESSAGE) if index.isValid() else None
        if message is None:
            return
        menu = self.message_menu(message)
        menu.exec(self.history_view.viewport().mapToGlobal(point))

    def _conversation_context_menu(self, point: QPoint) -> None:
        index = self.panel.list.indexAt(point)
        cid = index.data(ConversationRole.ID) if index.isValid() else None
        if cid:
            self.conversation_menu(cid).exec(self.panel.list.viewport().mapToGlobal(point))

    def conversation_menu(self, conversation_id: str) -> QMenu:
        """Notify me about this chat: all messages, mentions only, or muted (through the notification settings)."""
        menu = QMenu(self)
        menu.setObjectName("conversationMenu")
        controller = self.ctx.notifications
        section = menu.addSection(self.tr("Notify me about"))
        section.setEnabled(False)
        group = QActionGroup(menu)
        current = controller.conversation_choice(conversation_id) if controller is not None else "all"
        for choice, text in (("all", self.tr("All messages")), ("mentions", self.tr("Mentions only")),
                             ("muted", self.tr("Nothing (muted)"))):
            action = self._add(menu, text, partial(self._set_choice, conversation_id, choice))
            action.setCheckable(True)
            action.setChecked(choice == current)
            action.setEnabled(controller is not None)
            group.addAction(action)
        return menu

    def _set_choice(self, conversation_id: str, choice: str) -> None:
        if self.ctx.notifications is not None:
            self.ctx.notifications.set_conversation_choice(conversation_id, choice)
            self.panel.list.viewport().update()

    def message_menu(self, message: reads.MessageView) -> QMenu:
        """The actions for one message (a separate method so tests can inspect and trigger them)."""
        menu = QMenu(self)
        menu.setObjectName("messageMenu")
        mine = message.author_id == self.ctx.user_id
        if message.state == "rejected":
            self._add(menu, self.tr("Retry sending"), partial(self._retry_or_discard, message.id, True))
            self._add(menu, self.tr("Discard"), partial(self._retry_or_discard, message.id, False))
            self._add(menu, self.tr("Open the sync centre"), lambda: self.ctx.navigate.emit("sync", ""))
            return menu
        if not message.deleted:
            quote = f"{message.author_name}: {preview_text(message.body, 80)}"
            self._add(menu, self.tr("Reply"), lambda: self.composer.set_reply(message, quote))
            reactions = menu.addMenu(self.tr("React"))
            reactions.setObjectName("reactMenu")
            have = {r.emoji for r in message.reactions if r.mine}
            for emoji in REACTIONS:
                action = self._add(reactions, emoji, partial(self._toggle_reaction, message.id, emoji, emoji in have))
                action.setCheckable(True)
                action.setChecked(emoji in have)
        if mine and not message.deleted:
            menu.addSeparator()
            self._add(menu, self.tr("Edit…"), partial(self.edit_message, message))
            self._add(menu, self.tr("Delete"), lambda: self.ctx.act(chats.delete_message, message.id))
            if message.important:
                self._add(menu, self.tr("Who has read this"), partial(self.show_readers, message.id))
            if message.ack_requested:
                self._add(menu, self.tr("Who has acknowledged this"), partial(self.show_acknowledgements, message.id))
        if (not mine and message.ack_requested and not message.acknowledged_by_me and message.state == "sent"
                and not message.deleted):
            menu.addSeparator()
            self._add(menu, self.tr("Acknowledge"), partial(self.acknowledge, message.id))
        if message.body and len(message.body) > 2000:
            self._add(menu, self.tr("Show whole text"), partial(self.show_full_text, message.id))
        return menu

    @staticmethod
    def _add(menu: QMenu, text: str, slot: Any) -> QAction:
        action = menu.addAction(text)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def edit_message(self, message: reads.MessageView) -> None:
        dialog = EditMessageDialog(message.body, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.ctx.act(chats.edit_message, message.id, dialog.text())

    def show_readers(self, message_id: str) -> None:
        ReadersDialog(reads.readers(self.ctx.conn, message_id), self.ctx.language, self).exec()

    def _retry_or_discard(self, message_id: str, retry: bool) -> None:
        ctx = self.ctx

        def run(store: Any) -> object:
            entry = next((e for e in store.rejected()
                          if e.name == "message.send" and e.args.get("id") == message_id), None)
            if entry is None:
                return None
            if retry:
                return ctx.session(store).retry(entry.mutation_id)
            return store.discard(entry.mutation_id)

        self.ctx.run_store(run)
