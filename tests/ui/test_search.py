"""Search everywhere (Ctrl+K) over the demo company: Chinese and English words, keys, and nothing for nothing."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from shiboken6 import Shiboken

from app.services import chats
from app.store import reads
from ui.context import AppContext
from ui.search.dialog import SearchDialog
from ui.search.model import ResultRow, SearchResultModel


def run(ctx: AppContext, qtbot: Any, service: Callable[..., Any], *args: Any) -> Any:
    results: list[Any] = []
    ctx.act(service, *args, on_done=results.append)
    qtbot.waitUntil(lambda: bool(results))
    return results[0]


@pytest.fixture
def dialog(ctx: AppContext, qtbot: Any) -> Iterator[SearchDialog]:
    found = SearchDialog(ctx)
    found.show()
    qtbot.waitExposed(found)
    yield found
    if Shiboken.isValid(found):  # it deletes itself when closed
        found.close()


def search_for(qtbot: Any, dialog: SearchDialog, text: str, *, typed: bool = False) -> None:
    dialog.query_edit.clear()
    if typed:
        qtbot.keyClicks(dialog.query_edit, text)
    else:
        dialog.query_edit.setText(text)  # Chinese arrives through an input method, as one commit
    qtbot.waitUntil(lambda: not dialog._timer.isActive())


def rows(dialog: SearchDialog) -> list[ResultRow]:
    return [r for r in (dialog.model.row_at(n) for n in range(dialog.model.rowCount())) if r]


def test_chinese_word_finds_demo_content_and_a_new_message(dialog: SearchDialog, ctx: AppContext,
                                                           qtbot: Any, qtmodeltester: Any) -> None:
    conversation = reads.conversations(ctx.conn, ctx.user_id, ctx.language)[0]
    message_id = run(ctx, qtbot, chats.send, conversation.id, "请大家看一下费用报销审批流程的新版说明")
    search_for(qtbot, dialog, "审批")
    found = rows(dialog)
    assert any(r.kind == "article" for r in found)  # the quick-start guide mentions 审批
    mine = next(r for r in found if r.ref_id == message_id)
    assert mine.kind == "message" and mine.kind_label == "Chat" and "审批" in mine.snippet
    assert mine.title == conversation.title
    assert all("审批" in r.snippet or "审批" in r.title for r in found)
    qtmodeltester.check(dialog.model)
    folder = os.environ.get("ATRIUM_SNAPSHOT_DIR")
    if folder:  # a picture to look at, not a check
        for _ in range(5):
            QApplication.processEvents()
        dialog.grab().save(os.path.join(folder, "search.png"))


def test_english_word_finds_english_content(dialog: SearchDialog, qtbot: Any) -> None:
    search_for(qtbot, dialog, "workshop", typed=True)
    found = rows(dialog)
    assert any(r.kind == "article" and r.title.startswith("Workshop script") for r in found)
    assert dialog.status.text().startswith(str(len(found)))


def test_keys_move_and_enter_navigates_to_the_hit(dialog: SearchDialog, ctx: AppContext, qtbot: Any) -> None:
    search_for(qtbot, dialog, "offline", typed=True)
    found = rows(dialog)
    assert len(found) >= 2
    assert dialog.results.currentIndex().row() == 0
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    assert dialog.results.currentIndex().row() == 1
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Up)
    assert dialog.results.currentIndex().row() == 0
    qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Down)
    with qtbot.waitSignal(ctx.navigate, timeout=2000) as blocker:
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert blocker.args == [found[1].kind, found[1].ref_id]
    article = reads.articles_by_id(ctx.conn, [found[1].ref_id], ctx.user_id)
    task = reads.task_row(ctx.conn, found[1].ref_id, ctx.today())
    message = reads.message(ctx.conn, found[1].ref_id)
    assert article or task or message


def test_escape_closes(dialog: SearchDialog, qtbot: Any) -> None:
    with qtbot.waitSignal(dialog.finished, timeout=2000):
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Escape)


@pytest.mark.parametrize("query", ["", "   ", "!!!", "\"*()^:-", "？！。，", "'", "（）【】"])
def test_empty_or_punctuation_only_shows_nothing(dialog: SearchDialog, ctx: AppContext, qtbot: Any,
                                                 query: str) -> None:
    search_for(qtbot, dialog, "审批")
    assert dialog.model.rowCount() > 0
    search_for(qtbot, dialog, query)
    assert dialog.model.rowCount() == 0
    with qtbot.assertNotEmitted(ctx.navigate):
        qtbot.keyClick(dialog.query_edit, Qt.Key.Key_Return)


def test_fts_operator_words_do_not_break_the_search(dialog: SearchDialog, qtbot: Any) -> None:
    search_for(qtbot, dialog, "AND OR NOT NEAR(")
    assert dialog.status.text() != ""  # answered (found or not), no exception


def test_result_model_passes_the_model_tester(qtmodeltester: Any) -> None:
    model = SearchResultModel()
    model.set_rows([ResultRow("article", "a1", "Article", "指南", "…审批…", "today"),
                    ResultRow("message", "m1", "Chat", "Rollout", "hello", "")])
    qtmodeltester.check(model)
