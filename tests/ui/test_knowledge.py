"""The knowledge section over the demo company: browse, read safely, favorite/like, write, resolve conflicts."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from app.services import knowledge
from app.store import PulledChange, Store, reads
from tests.app import Feed
from ui.context import AppContext
from ui.knowledge.conflict import ConflictDialog
from ui.knowledge.editor import ArticleEditorDialog
from ui.knowledge.model import ArticleTableModel, Filter, FilterModel, RevisionModel
from ui.knowledge.view import KnowledgeView


def run(ctx: AppContext, qtbot: Any, service: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a service through the context and wait for its result on the GUI thread."""
    results: list[Any] = []
    ctx.act(service, *args, on_done=results.append, **kwargs)
    qtbot.waitUntil(lambda: bool(results))
    return results[0]


def store_call(ctx: AppContext, qtbot: Any, func: Callable[[Store], Any]) -> Any:
    results: list[Any] = []
    ctx.run_store(func, on_done=lambda r: results.append(r))
    qtbot.waitUntil(lambda: bool(results))
    return results[0]


@pytest.fixture(autouse=True)
def private_settings(tmp_path: Path) -> Iterator[None]:
    """The layout a person gives the view is saved in the app's settings: keep the tests' own."""
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def view(ctx: AppContext, qtbot: Any) -> KnowledgeView:
    widget = KnowledgeView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1300, 760)
    widget.show()
    return widget


def snapshot(widget: Any, name: str) -> None:
    """Save a picture of the widget when ATRIUM_SNAPSHOT_DIR is set (for looking at the UI, not a check)."""
    folder = os.environ.get("ATRIUM_SNAPSHOT_DIR")
    if folder:
        for _ in range(5):  # let deferred layouts settle before the picture
            QApplication.processEvents()
        widget.grab().save(os.path.join(folder, f"{name}.png"))


def titles(view: KnowledgeView) -> list[str]:
    return [a.title for a in (view.model.article_at(r) for r in range(view.model.rowCount())) if a]


def test_demo_categories_and_filters_appear(view: KnowledgeView, ctx: AppContext, qtmodeltester: Any) -> None:
    labels = [view.filter_model.index(r, 0).data() for r in range(view.filter_model.rowCount())]
    assert {"产品文档", "培训资料", "案例库"} <= set(labels)
    assert labels[:3] == ["All articles", "Favorites", "My drafts"]
    assert "Waiting for my review" in labels  # 王芳 heads the marketing department
    assert view.model.rowCount() == len(reads.articles(ctx.conn, ctx.user_id))
    view.choose_filter(Filter("category", "案例库"))
    cases = reads.articles(ctx.conn, ctx.user_id, category="案例库")
    assert cases and set(titles(view)) == {a.title for a in cases}
    view.choose_filter(Filter("all"))
    tag_row = view.tag_combo.findData("培训")
    assert tag_row > 0
    view.tag_combo.setCurrentIndex(tag_row)
    assert titles(view) == ["Workshop script: Atrium training session (90 min)"]
    qtmodeltester.check(view.model)
    qtmodeltester.check(view.filter_model)
    view.tag_combo.setCurrentIndex(0)
    view.table.selectRow(0)
    snapshot(view, "knowledge")


def test_reading_renders_markdown_and_strips_active_content(view: KnowledgeView, ctx: AppContext,
                                                            qtbot: Any) -> None:
    body = "# Heading\n\n**bold** text <script>alert(1)</script> [bad](javascript:alert(2)) [ok](https://example.com)"
    article_id = run(ctx, qtbot, knowledge.create_article, "Safe rendering", body, category="产品文档")
    qtbot.waitUntil(lambda: view.model.row_of(article_id) >= 0)
    view.open_item("article", article_id)
    html = view.reader.browser.toHtml()
    text = view.reader.browser.toPlainText()
    assert "Heading" in text and "bold" in text
    assert "<script" not in html and "alert(1)" not in text
    assert "javascript:" not in html
    assert "https://example.com" in html
    assert view.reader.title_label.text() == "Safe rendering"
    assert view.reader.submit_action.isVisible() and view.reader.edit_action.isVisible()
    assert not view.reader.approve_action.isVisible()
    assert view.reader.browser.loadResource(2, view.reader.browser.source()) is None


def test_favorite_and_like_toggle_update_the_store(view: KnowledgeView, ctx: AppContext, qtbot: Any) -> None:
    article = next(a for a in reads.articles(ctx.conn, ctx.user_id) if not a.favorite and not a.liked)
    view.open_item("article", article.id)
    view.reader.favorite_action.trigger()
    qtbot.waitUntil(lambda: reads.articles_by_id(ctx.conn, [article.id], ctx.user_id)[0].favorite)
    qtbot.waitUntil(lambda: view.reader.favorite_action.isChecked())
    view.choose_filter(Filter("favorites"))
    assert article.title in titles(view)
    view.reader.like_action.trigger()
    qtbot.waitUntil(lambda: reads.articles_by_id(ctx.conn, [article.id], ctx.user_id)[0].liked)
    qtbot.waitUntil(lambda: f"({article.like_count + 1})" in view.reader.like_action.text())
    view.reader.like_action.trigger()
    qtbot.waitUntil(lambda: not reads.articles_by_id(ctx.conn, [article.id], ctx.user_id)[0].liked)
    names = [e.name for e in ctx.worker.store.pending()]
    assert names.count("article.like") == 2 and "article.favorite" in names


def test_new_article_through_the_editor_shows_in_my_drafts(view: KnowledgeView, ctx: AppContext,
                                                           qtbot: Any) -> None:
    dialog = view.new_article()
    assert isinstance(dialog, ArticleEditorDialog)
    dialog.title_edit.setText("离线巡检记录模板")
    dialog.category_combo.setEditText("培训资料")
    dialog.tags_edit.setText("巡检, offline")
    dialog.body_edit.setPlainText("# 模板\n\n- 设备编号\n- **结果**")
    with qtbot.waitSignal(dialog.preview.textChanged, timeout=2000):
        pass
    assert "设备编号" in dialog.preview.toPlainText()
    snapshot(dialog, "editor")
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view._filter == Filter("drafts"))
    assert "离线巡检记录模板" in titles(view)
    created = next(a for a in reads.articles(ctx.conn, ctx.user_id, author_id=ctx.user_id)
                   if a.title == "离线巡检记录模板")
    assert created.status == "draft" and created.tags == ("巡检", "offline") and created.category == "培训资料"
    assert view.reader.article_id == created.id


def test_a_refused_save_keeps_the_dialog_and_the_text(view: KnowledgeView, ctx: AppContext, qtbot: Any) -> None:
    dialog = view.new_article()
    dialog.body_edit.setPlainText("text that must survive")
    with qtbot.waitSignal(ctx.action_failed, timeout=5000):
        dialog.save_button.click()  # no title: the service refuses
    assert dialog.isVisible() and dialog.body_edit.toPlainText() == "text that must survive"
    assert dialog.error_label.text() and dialog.save_button.isEnabled()
    dialog.body_edit.setPlainText("")  # nothing left to lose, so the test's teardown can close it
    dialog.done(0)


def test_conflict_opens_side_by_side_and_keep_mine_queues_a_resolving_edit(view: KnowledgeView, ctx: AppContext,
                                                                           qtbot: Any, qtmodeltester: Any) -> None:
    me = ctx.user_id
    other = next(p.id for p in reads.people(ctx.conn) if p.id != me)
    aid, scope = "a-conflict", "kb"
    article = {"id": aid, "title": "冲突示例", "category": "产品文档", "tags": [], "status": "published",
               "author_id": me, "head_revision_id": f"{aid}-r2", "created_at": "2026-11-02T09:00:00.000+00:00",
               "updated_at": "2026-11-02T10:00:00.000+00:00", "published_at": "2026-11-02T09:00:00.000+00:00",
               "reviewer_id": None, "review_comment": ""}
    base, theirs, mine = "共同的开头\n第二行\n", "共同的开头\n他们的改动\n", "共同的开头\n我的改动\n"
    rows = [
        ("article_revision", f"{aid}-r1", Feed.revision_data(aid, f"{aid}-r1", "冲突示例", base, me)),
        ("article_revision", f"{aid}-r2", Feed.revision_data(aid, f"{aid}-r2", "冲突示例", theirs, other,
                                                             parent=f"{aid}-r1", base=f"{aid}-r1")),
        ("article_revision", f"{aid}-r3", Feed.revision_data(aid, f"{aid}-r3", "冲突示例", mine, me,
                                                             "conflict", parent=f"{aid}-r2", base=f"{aid}-r1")),
        ("article", aid, article),
        ("article_conflict", "k-1", {"id": "k-1", "article_id": aid, "base_revision_id": f"{aid}-r1",
                                     "theirs_revision_id": f"{aid}-r2", "mine_revision_id": f"{aid}-r3",
                                     "author_id": me, "created_at": "2026-11-02T10:00:00.000+00:00",
                                     "resolved_by_revision_id": None}),
    ]
    changes = [PulledChange(scope, 100_000 + n, kind, eid, "upsert", data) for n, (kind, eid, data) in enumerate(rows)]
    store_call(ctx, qtbot, lambda s: s.apply_pull(changes, {}, revoked=[]))
    assert reads.open_conflicts(ctx.conn, aid)
    qtbot.waitUntil(lambda: view.model.row_of(aid) >= 0)
    view.open_item("article", aid)
    assert view.reader.conflict_bar.isVisible()
    assert "他们的改动" in view.reader.browser.toPlainText()

    history = view.reader.show_history()
    assert history is not None and history.model.rowCount() == 3
    qtmodeltester.check(history.model)
    history.list.setCurrentIndex(history.model.index(2, 0))
    assert "第二行" in history.text.toPlainText() and "+他们的改动" in history.diff.toPlainText()
    history.close()

    dialog = view.reader.resolve_conflict()
    assert isinstance(dialog, ConflictDialog)
    assert dialog.theirs_edit.toPlainText() == "共同的开头\n他们的改动\n"
    assert dialog.mine_edit.toPlainText() == "共同的开头\n我的改动\n"
    assert dialog.base_edit.toPlainText() == "共同的开头\n第二行\n" and not dialog.base_box.isVisible()
    dialog.show_base.click()
    assert dialog.base_box.isVisible()
    snapshot(dialog, "conflict")
    snapshot(view, "knowledge-conflict")
    merged = dialog.merged_edit.toPlainText()
    assert "他们的改动" in merged and "我的改动" in merged and "<<<<<<<" in merged
    with qtbot.waitSignal(dialog.finished, timeout=5000):
        dialog.keep_mine.click()
    entry = next(e for e in ctx.worker.store.pending() if e.name == "article.edit")
    assert entry.args["resolves_conflict_id"] == "k-1" and entry.args["body"] == "共同的开头\n我的改动\n"
    assert reads.outbox(ctx.conn).pending.get("article", 0) >= 1
    qtbot.waitUntil(lambda: "我的改动" in view.reader.browser.toPlainText())


def test_models_pass_the_model_tester(ctx: AppContext, qtmodeltester: Any) -> None:
    table = ArticleTableModel()
    table.set_articles(reads.articles(ctx.conn, ctx.user_id, language="en"))
    qtmodeltester.check(table)
    filters = FilterModel()
    filters.set_categories(reads.categories(ctx.conn), reviewer=False)
    qtmodeltester.check(filters)
    revisions = RevisionModel(reads.revisions(ctx.conn, reads.articles(ctx.conn, ctx.user_id)[0].id, "en"))
    qtmodeltester.check(revisions)
    assert table.index(0, 0).data(Qt.ItemDataRole.DisplayRole)
    assert QApplication.instance() is not None


def test_chinese_names_in_a_chinese_ui(ctx: AppContext, qtbot: Any) -> None:
    ctx.language = "zh"
    widget = KnowledgeView(ctx)
    qtbot.addWidget(widget)
    authors = {widget.model.article_at(r).author_name for r in range(widget.model.rowCount())}  # type: ignore[union-attr]
    assert "王芳" in authors and "Wang Fang" not in authors


def test_titles_get_the_free_width_and_nothing_scrolls_sideways(ctx: AppContext, qtbot: Any) -> None:
    widget = KnowledgeView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)  # the knowledge section of a 1,280-pixel window
    widget.show()
    qtbot.waitExposed(widget)
    table, columns = widget.table, ArticleTableModel.COLUMNS
    title = table.columnWidth(0)
    shown = [c for c in range(1, len(columns)) if not table.isColumnHidden(c)]
    assert {columns[c] for c in shown} == {"category", "status", "likes", "author"}
    assert title >= 2 * max(table.columnWidth(c) for c in shown)
    assert title >= 0.35 * table.viewport().width()
    assert not table.horizontalScrollBar().isVisible()
    for column in shown:  # every header and value fits its column: nothing of them is cut
        texts = [str(widget.model.headerData(column, Qt.Orientation.Horizontal))]
        texts += [str(widget.model.index(r, column).data()) for r in range(widget.model.rowCount())]
        assert max(table.fontMetrics().horizontalAdvance(t) for t in texts) < table.columnWidth(column), columns[column]


def test_the_layout_a_person_makes_is_theirs_next_time(ctx: AppContext, qtbot: Any) -> None:
    first = KnowledgeView(ctx)
    qtbot.addWidget(first)
    first.resize(1100, 700)
    first.show()
    first._show_column(ArticleTableModel.COLUMNS.index("tags"), True)
    first.table.setColumnWidth(ArticleTableModel.COLUMNS.index("author"), 150)
    first.splitter.setSizes([200, 600, 300])
    sizes = first.splitter.sizes()
    first.layout_memory.save()
    first.close()

    again = KnowledgeView(ctx)
    qtbot.addWidget(again)
    again.resize(1100, 700)
    again.show()
    assert not again.table.isColumnHidden(ArticleTableModel.COLUMNS.index("tags"))
    assert again.table.columnWidth(ArticleTableModel.COLUMNS.index("author")) == 150
    assert again.splitter.sizes() == sizes

    ctx.user_id = "someone-else"  # another person on this computer starts from the defaults
    other = KnowledgeView(ctx)
    qtbot.addWidget(other)
    assert other.table.isColumnHidden(ArticleTableModel.COLUMNS.index("tags"))
