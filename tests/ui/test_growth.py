"""The Growth section over the demo store: level and points, the map's node states, routing, live updates, PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from app.growth import NEXT, REACHED, GrowthState, compute, default_definition
from app.growth.rows import local_zone, person_activity
from app.services import chats
from app.store import reads
from ui.context import AppContext
from ui.growth.view import GrowthView


def expected_state(ctx: AppContext) -> GrowthState:
    activity = person_activity(ctx.conn, ctx.user_id)
    return compute(default_definition(), activity, ctx.user_id, ctx.today(), local_zone())


@pytest.fixture
def view(ctx: AppContext, qtbot: QtBot) -> GrowthView:
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1100, 800)
    if widget.snapshot is None:
        with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
            pass
    return widget


def test_shows_level_and_points(view: GrowthView, ctx: AppContext) -> None:
    state = expected_state(ctx)
    assert state.total_points > 0
    assert view.level_label.text() == state.level.title.en
    assert str(state.total_points) in view.points_label.text()
    assert view.progress.value() == round(state.level_progress * 1000)
    assert len(view.shelf.badges) == len(state.reached) > 0


def test_map_has_one_node_per_milestone_in_the_computed_state(view: GrowthView, ctx: AppContext) -> None:
    state = expected_state(ctx)
    assert set(view.scene.nodes) == {m.id for m in default_definition().milestones}
    for status in state.milestones:
        assert view.scene.nodes[status.milestone.id].status == status.status, status.milestone.id
    assert any(s.status == NEXT for s in state.milestones)


def test_clicking_a_next_node_navigates(view: GrowthView, ctx: AppContext, qtbot: QtBot) -> None:
    view.show()
    qtbot.waitExposed(view)
    node = view.scene.nodes["first_group_reply"]
    assert node.status == NEXT
    view.map_view.centerOn(node)
    where = view.map_view.mapFromScene(node.scenePos())
    with qtbot.waitSignal(ctx.navigate) as blocker:
        qtbot.mouseClick(view.map_view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    kind, conversation_id = blocker.args
    assert kind == "conversation"
    assert reads.conversation(ctx.conn, conversation_id, ctx.user_id, "en") is not None


def test_a_next_node_without_a_route_shows_its_hint(view: GrowthView, ctx: AppContext, qtbot: QtBot) -> None:
    node = view.scene.nodes["five_day_streak"]
    assert node.status == NEXT
    with qtbot.assertNotEmitted(ctx.navigate), qtbot.waitSignal(view.hint_shown) as blocker:
        node.activate()
    assert blocker.args == [node.hint]
    assert view.hint_label.text() == node.hint


def test_a_group_reply_moves_the_map(view: GrowthView, ctx: AppContext, qtbot: QtBot) -> None:
    assert view.scene.nodes["first_group_reply"].status == NEXT
    groups = [c for c in reads.conversations(ctx.conn, ctx.user_id, "en") if c.kind in ("group", "department")]
    target = next(
        m
        for group in groups
        for m in reads.history(ctx.conn, group.id, None, 50, user_id=ctx.user_id)
        if m.author_id != ctx.user_id and m.seq is not None
    )
    with qtbot.waitSignal(ctx.data_changed):
        ctx.act(chats.send, target.conversation_id, "I will prepare the quarterly budget draft by Friday",
                reply_to=target.id)
    qtbot.waitUntil(lambda: view.scene.nodes["first_group_reply"].status == REACHED, timeout=10_000)
    assert view.snapshot is not None
    assert "first_group_reply" in {s.milestone.id for s in view.snapshot.state.reached}


def test_zoom_buttons_and_limits(view: GrowthView) -> None:
    view.map_view.zoom_by(2.0)
    assert view.map_view.transform().m11() == pytest.approx(2.0)
    view.map_view.zoom_by(100.0)
    assert view.map_view.zoom == pytest.approx(3.0)
    view.map_view.reset_zoom()
    assert view.map_view.transform().m11() == pytest.approx(1.0)


def test_report_and_pdf_export(view: GrowthView, tmp_path: Path) -> None:
    report = view.report
    assert report.report is not None and report.report.suggestions
    assert len(report.chart.points) == 7
    report.period_combo.setCurrentIndex(1)
    assert report.current_period() == "month"
    assert len(report.chart.points) >= 28
    path = tmp_path / "growth.pdf"
    report.export_to(path)
    assert path.read_bytes().startswith(b"%PDF")


def test_chinese_titles(ctx: AppContext, qtbot: QtBot) -> None:
    ctx.language = "zh"
    widget = GrowthView(ctx)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.loader.loaded, timeout=10_000):
        pass
    state = expected_state(ctx)
    assert widget.level_label.text() == state.level.title.zh
    assert widget.scene.nodes["first_message"].title == "第一条消息"
    assert widget.report.report is not None and widget.report.report.language == "zh"


def test_badge_tooltip_position(view: GrowthView) -> None:
    assert view.badge_positions()[0] == QPoint(view.shelf.badge_rect(0).center())
