"""The Chats section over a copy of the demo company: list, history paging, sending, states, markdown, mentions."""

from __future__ import annotations

import time
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot

from app.store import PulledChange, Store, reads
from tests.app import Feed
from tests.helpers.changes import ChangeRelay, run_store_and_wait
from ui.chats.conversation_list import ConversationRole
from ui.chats.dialogs import ReadersDialog
from ui.chats.history_delegate import MAX_BODY_HEIGHT
from ui.chats.history_model import PAGE_SIZE, HistoryRole
from ui.chats.view import ChatsView
from ui.context import AppContext

ROLLOUT = "Atrium 推广项目组 · Rollout team"



@pytest.fixture
def view(chats_view: ChatsView) -> ChatsView:
    return chats_view


def _conversation_id(ctx: AppContext, title: str) -> str:
    return next(c.id for c in reads.conversations(ctx.conn, ctx.user_id, ctx.language) if c.title == title)


def _rows(view: ChatsView) -> list[reads.MessageView]:
    return [view.history.message_at(r) for r in range(view.history.rowCount())]  # type: ignore[misc]


def _feed_conversation(changes: ChangeRelay, ctx: AppContext, qtbot: QtBot, cid: str, bodies: list[str]) -> None:
    def fill(store: Store) -> None:
        feed = Feed(store)
        scope = f"conv:{cid}"
        feed.conversation(cid, title=f"Big {cid}", members=(ctx.user_id,))
        changes = [
            PulledChange(scope, 100 + seq, "message", f"m-{cid}-{seq}",
                         "upsert", Feed.message_data(cid, seq, ctx.user_id, body))
            for seq, body in enumerate(bodies, start=1)
        ]
        store.apply_pull(changes, {scope: 100 + len(bodies)}, revoked=[])

    run_store_and_wait(changes, ctx, qtbot, fill)


def test_list_shows_the_demo_conversations_with_titles(view: ChatsView, ctx: AppContext, qtmodeltester: Any) -> None:
    model = view.conversations
    titles = [model.index(r).data() for r in range(model.rowCount())]
    assert ROLLOUT in titles
    assert len(titles) == len(reads.conversations(ctx.conn, ctx.user_id, ctx.language))
    rollout = model.index(titles.index(ROLLOUT))
    assert rollout.data(ConversationRole.PREVIEW)
    assert rollout.data(ConversationRole.TIME)
    qtmodeltester.check(model)


def test_filter_box_narrows_the_list(view: ChatsView) -> None:
    view.panel.filter.setText("rollout")
    shown = [view.panel.proxy.index(r, 0).data() for r in range(view.panel.proxy.rowCount())]
    assert shown == [ROLLOUT]


def test_opening_a_conversation_shows_its_latest_messages_in_order(
        view: ChatsView, ctx: AppContext, qtmodeltester: Any) -> None:
    cid = _conversation_id(ctx, ROLLOUT)
    view.open_item("conversation", cid)
    rows = _rows(view)
    expected = reads.history(ctx.conn, cid, None, PAGE_SIZE, user_id=ctx.user_id)
    assert [m.id for m in rows] == [m.id for m in reversed(expected)]
    seqs = [m.seq for m in rows]
    assert seqs == sorted(seqs)
    assert view.header.text() == ROLLOUT
    replies = [view.history.index(r).data(HistoryRole.REPLY_PREVIEW) for r in range(len(rows))]
    assert any(replies), "demo replies show the quoted message"
    qtmodeltester.check(view.history)


def test_sending_shows_the_message_at_once_as_sending(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    view.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    view.composer.edit.setPlainText("Hello from the **tests**")
    with qtbot.waitSignal(changes.changed):
        qtbot.keyClick(view.composer.edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _rows(view)[-1].body == "Hello from the **tests**")
    last = view.history.index(view.history.rowCount() - 1)
    assert last.data(HistoryRole.STATE_TEXT) == "sending…"
    assert last.data(HistoryRole.MINE) is True
    qtbot.waitUntil(lambda: view.composer.edit.toPlainText() == "")


def test_shift_enter_adds_a_line_and_empty_text_is_refused(view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    view.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    qtbot.keyClicks(view.composer.edit, "one")
    qtbot.keyClick(view.composer.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert view.composer.edit.toPlainText() == "one\n"
    view.composer.edit.clear()
    with qtbot.waitSignal(ctx.action_failed) as refused:
        qtbot.keyClick(view.composer.edit, Qt.Key.Key_Return)
    assert "empty" in refused.args[0]


def _send_and_have_refused(changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot, text: str) -> None:
    """Send `text` in the rollout chat and have the server refuse it ("forbidden", "you are not a member")."""
    view.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    view.composer.edit.setPlainText(text)
    with qtbot.waitSignal(changes.changed):
        view.composer.submit()
    pending = ctx.run_store(lambda s: s.pending()).result()
    mid = next(e.mutation_id for e in pending if e.name == "message.send")
    refusal = [(mid, "rejected", "forbidden", "you are not a member")]
    run_store_and_wait(changes, ctx, qtbot, lambda s: s.resolve(refusal))
    qtbot.waitUntil(lambda: _rows(view)[-1].state == "rejected")


def test_a_rejected_message_shows_its_reason(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    _send_and_have_refused(changes, view, ctx, qtbot, "this will be refused")
    last = view.history.index(view.history.rowCount() - 1)
    assert last.data(HistoryRole.STATE_TEXT) == "not sent: you are not a member"
    summary = view.conversations.summary(view.conversation_id or "")
    assert summary is not None and summary.has_rejected
    menu = view.message_menu(_rows(view)[-1])
    discard = next(a for a in menu.actions() if a.text() == "Discard")
    with qtbot.waitSignal(changes.changed):
        discard.trigger()
    qtbot.waitUntil(lambda: all(m.body != "this will be refused" for m in _rows(view)))


def test_paging_back_loads_older_messages_without_duplicates(changes: ChangeRelay,
        view: ChatsView, ctx: AppContext, qtbot: QtBot, qtmodeltester: Any) -> None:
    _feed_conversation(changes, ctx, qtbot, "c-big", [f"message number {n}\n\nsecond line" for n in range(1, 501)])
    view.open_item("conversation", "c-big")
    assert view.history.rowCount() == PAGE_SIZE
    assert _rows(view)[-1].body.startswith("message number 500")
    qtbot.waitUntil(lambda: view.history_view.at_bottom())
    view.history_view.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: view.history.rowCount() == 2 * PAGE_SIZE)
    ids = [m.id for m in _rows(view)]
    assert len(ids) == len(set(ids))
    seqs = [m.seq for m in _rows(view)]
    assert seqs == list(range(401, 501))
    assert view.history_view.verticalScrollBar().value() > 0, "the scroll position is kept, not left at the top"
    assert view.history.rowCount() < 500
    qtmodeltester.check(view.history)


def test_open_item_message_pages_back_until_it_is_loaded(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    _feed_conversation(changes, ctx, qtbot, "c-far", [f"line {n}" for n in range(1, 301)])
    view.open_item("message", "m-c-far-120")
    assert view.conversation_id == "c-far"
    assert view.history_view.currentIndex().data(HistoryRole.ID) == "m-c-far-120"
    assert view.history.rowCount() <= 300 - 120 + PAGE_SIZE + 1


def test_new_messages_keep_the_view_at_the_bottom(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    _feed_conversation(changes, ctx, qtbot, "c-live", [f"old {n}" for n in range(1, 41)])
    view.open_item("conversation", "c-live")
    qtbot.waitUntil(view.history_view.at_bottom)

    def more(store: Store) -> None:
        data = Feed.message_data("c-live", 41, ctx.user_id, "newest")
        store.apply_pull([PulledChange("conv:c-live", 500, "message", data["id"], "upsert", data)],
                         {"conv:c-live": 500}, revoked=[])

    run_store_and_wait(changes, ctx, qtbot, more)
    qtbot.waitUntil(lambda: _rows(view)[-1].body == "newest")
    qtbot.waitUntil(view.history_view.at_bottom)
    assert not view.history_view.pill.isVisible()


def test_markdown_is_rendered_without_scripts_or_javascript_links(changes: ChangeRelay,
        view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    body = "**bold** <script>alert('x')</script> [bad](javascript:alert(1)) [good](https://example.com)\n\n```\ncode\n```"
    _feed_conversation(changes, ctx, qtbot, "c-md", [body])
    view.open_item("conversation", "c-md")
    message = _rows(view)[0]
    doc, truncated = view.delegate.document(message, 500, QPalette())
    html = doc.toHtml()
    assert not truncated
    assert "<script" not in html and "javascript:" not in html
    assert "https://example.com" in html
    # A chat shows raw HTML as the text that was typed, never as markup (tests/ui/test_markdown_corpus.py).
    assert "bold <script>alert('x')</script> bad good" in doc.toPlainText()
    view.history_view.grab()  # paints without warnings
    assert view.delegate.cached_count() >= 1


def test_a_message_typed_on_three_lines_shows_three_lines(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    _feed_conversation(changes, ctx, qtbot, "c-lines", ["line one\nline two\nline three"])
    view.open_item("conversation", "c-lines")
    index = view.history.index(0)
    rect = view.history_view.visualRect(index)
    geometry = view.delegate._geometry(index, rect.top(), rect.left(), rect.width(), view.history_view.palette())
    doc, _ = view.delegate.document(_rows(view)[0], geometry.body.width(), view.history_view.palette())
    assert doc.toPlainText() == "line one\nline two\nline three"
    layout = doc.begin().layout()
    assert doc.blockCount() == 1 and layout.lineCount() == 3  # one paragraph laid out as three lines
    tops = [layout.lineAt(n).y() for n in range(3)]
    assert tops == sorted(set(tops))  # one under the other
    # The row is tall enough for the three lines, and the estimate it was first laid out with said so too.
    assert rect.height() >= doc.size().height() + 2 * view.history_view.fontMetrics().height()
    assert view.delegate._estimate_body(_rows(view)[0].body, geometry.body.width())[0] >= 3 * layout.lineAt(0).height()
    view.history_view.grab()


def test_a_bare_link_in_chinese_text_opens_through_the_safe_link_check(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QObject, QPoint, QUrl, Slot
    from PySide6.QtGui import QDesktopServices
    from PySide6.QtWidgets import QMessageBox

    import ui.chats.common as common

    _feed_conversation(changes, ctx, qtbot, "c-link", ["设计稿在https://example.com/spec?v=2，请看"])
    view.open_item("conversation", "c-link")
    index = view.history.index(0)
    rect = view.history_view.visualRect(index)
    palette = view.history_view.palette()
    geometry = view.delegate._geometry(index, rect.top(), rect.left(), rect.width(), palette)
    doc, _ = view.delegate.document(_rows(view)[0], geometry.body.width(), palette)
    # Where the link's text is laid out: the middle of its tenth character.
    start = doc.toPlainText().index("https://") + 10
    line = doc.begin().layout().lineForTextPosition(start)
    point = QPoint(int(line.cursorToX(start)[0]) + 2, int(line.y() + line.height() / 2)) + geometry.body.topLeft()
    assert doc.documentLayout().anchorAt(point - geometry.body.topLeft()) == "https://example.com/spec?v=2"

    asked: list[str] = []

    def question(parent: object, title: str, text: str, *args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return QMessageBox.StandardButton.Open

    class Browser(QObject):
        def __init__(self) -> None:
            super().__init__()
            self.opened: list[str] = []

        @Slot(QUrl)
        def handle(self, url: QUrl) -> None:
            self.opened.append(url.toString())

    monkeypatch.setattr(common.QMessageBox, "question", question)
    browser = Browser()
    QDesktopServices.setUrlHandler("https", browser, "handle")  # what openUrl reaches instead of a browser
    try:
        with qtbot.waitSignal(view.delegate.link_activated) as clicked:
            qtbot.mouseClick(view.history_view.viewport(), Qt.MouseButton.LeftButton, pos=point)
        assert clicked.args == ["https://example.com/spec?v=2"]
        assert browser.opened == ["https://example.com/spec?v=2"]
        assert len(asked) == 1 and "https://example.com/spec?v=2" in asked[0]  # the real address, before opening
        # The same check refuses what is not http(s)/mailto, without asking.
        assert not common.open_link(view, "javascript:alert(1)")
        assert not common.open_link(view, "file:///etc/passwd")
        assert len(asked) == 1 and browser.opened == ["https://example.com/spec?v=2"]
    finally:
        QDesktopServices.unsetUrlHandler("https")


def test_the_history_highlights_exactly_the_people_the_message_told(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    zhang = reads.person_by_username(ctx.conn, "zhangwei")
    assert zhang is not None
    body = "@zhangwei @张伟 看一下，@lijie 不在这里，`@zhangwei` 是代码，https://medium.com/@zhangwei 是链接"

    def fill(store: Store) -> None:
        feed = Feed(store)
        feed.conversation("c-told", title="Told", members=(ctx.user_id, zhang.id))
        data = Feed.message_data("c-told", 1, ctx.user_id, body, mentions=[zhang.id])
        store.apply_pull([PulledChange("conv:c-told", 101, "message", data["id"], "upsert", data)],
                         {"conv:c-told": 101}, revoked=[])

    run_store_and_wait(changes, ctx, qtbot, fill)
    view.open_item("conversation", "c-told")
    doc, _ = view.delegate.document(_rows(view)[0], 600, view.history_view.palette())
    highlighted, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            if fragment.charFormat().fontWeight() >= 700:  # the chat's .mention style: bold in the link colour
                highlighted.append(fragment.text())
        block = block.next()
    assert highlighted == ["@zhangwei", "@张伟"]


def test_a_five_megabyte_message_opens_quickly(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    huge = "\n".join(f"{n:08d} " + "x" * 90 for n in range(50_001))  # ~5 MB, 50,000 lines
    assert len(huge) >= 5_000_000
    _feed_conversation(changes, ctx, qtbot, "c-huge", ["before", huge, "after"])
    started = time.perf_counter()
    view.open_item("conversation", "c-huge")
    view.history_view.grab()
    assert time.perf_counter() - started < 5
    index = view.history.index(1)
    hint = view.delegate.sizeHint(_option(view), index)
    assert hint.height() <= MAX_BODY_HEIGHT + 200


def _option(view: ChatsView) -> Any:
    from PySide6.QtWidgets import QStyleOptionViewItem

    option = QStyleOptionViewItem()
    option.initFrom(view.history_view)
    return option


def test_mention_completer_offers_the_members(view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    view.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    edit = view.composer.edit
    edit.setFocus()
    qtbot.keyClicks(edit, "hi @zh")
    offered = edit.completion_usernames()
    assert "zhangwei" in offered and "zhaomin" in offered
    assert "wangfang" not in offered  # not oneself
    qtbot.keyClick(edit.completer.popup(), Qt.Key.Key_Return)
    assert edit.toPlainText() == "hi @zhangwei "
    # Chinese text runs up to the "@" (no space); the message syntax counts that as a mention, so the completer does.
    edit.clear()
    edit.insertPlainText("请")  # (QTest types ASCII keys only)
    qtbot.keyClicks(edit, "@zh")
    assert "zhangwei" in edit.completion_usernames()
    qtbot.keyClick(edit.completer.popup(), Qt.Key.Key_Return)
    assert edit.toPlainText() == "请@zhangwei "
    edit.clear()
    qtbot.keyClicks(edit, "li@zh")  # an e-mail address being typed
    assert edit.mention_prefix() is None


def test_reply_and_react_from_the_context_menu(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    view.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    target = _rows(view)[0]
    menu = view.message_menu(target)
    next(a for a in menu.actions() if a.text() == "Reply").trigger()
    assert view.composer.reply_to == target.id
    view.composer.edit.setPlainText("a reply")
    with qtbot.waitSignal(changes.changed):
        view.composer.submit()
    qtbot.waitUntil(lambda: _rows(view)[-1].body == "a reply")
    assert _rows(view)[-1].reply_to == target.id
    assert view.history.index(view.history.rowCount() - 1).data(HistoryRole.REPLY_PREVIEW)

    react_menu = next(a.menu() for a in menu.actions() if a.text() == "React")
    thumbs = next(a for a in react_menu.actions() if a.text() == "🎉")
    with qtbot.waitSignal(changes.changed):
        thumbs.trigger()
    qtbot.waitUntil(lambda: any(r.emoji == "🎉" and r.mine for r in (view.history.message_at(
        view.history.row_of(target.id)) or target).reactions))


def test_readers_dialog_lists_read_and_unread(ctx: AppContext, qtbot: QtBot) -> None:
    cid = _conversation_id(ctx, ROLLOUT)
    message = reads.history(ctx.conn, cid, None, 1, user_id=ctx.user_id)[0]
    found = reads.readers(ctx.conn, message.id)
    dialog = ReadersDialog(found, ctx.language)
    qtbot.addWidget(dialog)
    assert dialog.read_model.rowCount() == len(found.read)
    assert dialog.unread_model.rowCount() == len(found.unread)
    assert dialog.read_model.rowCount() + dialog.unread_model.rowCount() > 0


def test_opening_a_conversation_in_the_active_window_marks_it_read(changes: ChangeRelay,
        view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    _feed_conversation(changes, ctx, qtbot, "c-unread", [f"unread {n}" for n in range(1, 6)])
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    assert reads.read_seq(ctx.conn, "c-unread", ctx.user_id) == 0
    with qtbot.waitSignal(changes.changed, check_params_cb=lambda changes: "read_marker" in changes):
        view.open_item("conversation", "c-unread")
    assert reads.read_seq(ctx.conn, "c-unread", ctx.user_id) == 5


def test_new_messages_while_scrolled_up_show_the_pill(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    _feed_conversation(changes, ctx, qtbot, "c-pill", [f"old {n}\n\nmore text" for n in range(1, 41)])
    view.open_item("conversation", "c-pill")
    qtbot.waitUntil(view.history_view.at_bottom)
    view.history_view.verticalScrollBar().setValue(view.history_view.verticalScrollBar().maximum() // 2)
    assert not view.history_view.at_bottom()

    def more(store: Store) -> None:
        data = Feed.message_data("c-pill", 41, ctx.user_id, "newest")
        store.apply_pull([PulledChange("conv:c-pill", 500, "message", data["id"], "upsert", data)],
                         {"conv:c-pill": 500}, revoked=[])

    run_store_and_wait(changes, ctx, qtbot, more)
    qtbot.waitUntil(lambda: _rows(view)[-1].body == "newest")
    assert view.history_view.pill.isVisible()
    qtbot.mouseClick(view.history_view.pill, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(view.history_view.at_bottom)
    assert not view.history_view.pill.isVisible()


def test_deleting_own_message_from_the_menu(
        changes: ChangeRelay, view: ChatsView, ctx: AppContext, qtbot: QtBot) -> None:
    view.open_item("conversation", _conversation_id(ctx, ROLLOUT))
    own = next(m for m in _rows(view) if m.author_id == ctx.user_id and not m.deleted)
    menu = view.message_menu(own)
    assert "Edit…" in [a.text() for a in menu.actions()]
    with qtbot.waitSignal(changes.changed):
        next(a for a in menu.actions() if a.text() == "Delete").trigger()
    qtbot.waitUntil(lambda: (view.history.message_at(view.history.row_of(own.id)) or own).deleted)
    row = view.history.index(view.history.row_of(own.id))
    assert row.data() == "This message was deleted."


def test_a_rejected_message_says_why_in_chinese(changes: ChangeRelay, ctx: AppContext, qtbot: QtBot) -> None:
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QApplication

    from ui import i18n

    app = QApplication.instance()
    locale = QLocale()
    translators = i18n.install(app, "zh")  # type: ignore[arg-type]
    try:
        view = ChatsView(ctx)
        qtbot.addWidget(view)
        _send_and_have_refused(changes, view, ctx, qtbot, "会被拒绝")
        text = view.history.index(view.history.rowCount() - 1).data(HistoryRole.STATE_TEXT)
        assert "you are not a member" not in text and "forbidden" not in text
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    finally:
        i18n.uninstall(app, translators)  # type: ignore[arg-type]
        QLocale.setDefault(locale)
