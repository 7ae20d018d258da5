"""A busy chat reads like a conversation: avatars, one name per run of messages, and a line between days."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QStyleOptionViewItem
from pytestqt.qtbot import QtBot

from app import clock
from app.store import PulledChange, Store
from tests.app import Feed
from tests.helpers.changes import ChangeRelay, run_store_and_wait
from ui import avatars
from ui.chats.history_model import HistoryRole, day_text
from ui.chats.view import ChatsView
from ui.context import AppContext

ANN, BOB = "u-ann", "u-bob"
# (author, sent at): Ann twice within five minutes, again after six, Bob, Ann after midnight (Shanghai time).
TALK = [
    (ANN, "2027-03-03T09:00:00+08:00"),
    (ANN, "2027-03-03T09:04:00+08:00"),
    (ANN, "2027-03-03T09:10:00+08:00"),
    (BOB, "2027-03-03T09:11:00+08:00"),
    (ANN, "2027-03-03T23:59:00+08:00"),
    (ANN, "2027-03-04T00:01:00+08:00"),
]


def _pull(cid: str) -> Any:
    def fill(store: Store) -> None:
        Feed(store).conversation(cid, title="Launch", members=(store.state("user_id") or "", ANN, BOB))
        rows = []
        for seq, (author, at) in enumerate(TALK, start=1):
            data = Feed.message_data(cid, seq, author, f"message number {seq}", sent_at=at)
            rows.append(PulledChange(f"conv:{cid}", 5000 + seq, "message", data["id"], "upsert", data))
        store.apply_pull(rows, {}, revoked=[])

    return fill


@pytest.fixture
def opened(ctx: AppContext, chats_view: ChatsView, changes: ChangeRelay, qtbot: QtBot) -> ChatsView:
    clock.pin("2027-03-04T10:00:00+08:00", zone="Asia/Shanghai")  # "today" is 4 March in Shanghai
    run_store_and_wait(changes, ctx, qtbot, _pull("c-group"))
    chats_view.open_item("conversation", "c-group")
    return chats_view


def flags(view: ChatsView) -> list[tuple[bool, str]]:
    model = view.history_view.history
    return [(model.index(r, 0).data(HistoryRole.GROUPED), model.index(r, 0).data(HistoryRole.DAY))
            for r in range(model.rowCount())]


def test_runs_of_one_author_within_five_minutes_share_a_name_and_days_get_a_line(opened: ChatsView) -> None:
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert flags(opened) == [
        (False, "Yesterday"),  # 3 March
        (True, ""),  # Ann again after 4 minutes
        (False, ""),  # 6 minutes later: her name again
        (False, ""),  # Bob
        (False, ""),  # Ann, 23:59
        (False, "Today"),  # 00:01 is another day, however close
    ]


def test_a_grouped_row_is_shorter_and_has_no_avatar_of_its_own(opened: ChatsView) -> None:
    model, delegate = opened.history_view.history, opened.delegate
    option = QStyleOptionViewItem()
    first, grouped = model.index(0, 0), model.index(1, 0)
    delegate.measure(first, opened.palette())
    delegate.measure(grouped, opened.palette())
    day_line = delegate.sizeHint(option, first).height() - delegate.sizeHint(option, model.index(2, 0)).height()
    assert day_line > 0  # the first row carries the line with the day's name
    assert delegate.sizeHint(option, grouped).height() < delegate.sizeHint(option, model.index(2, 0)).height()
    assert model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole)  # its time is a hover away


def test_rows_coming_and_going_regroup_their_neighbours(opened: ChatsView, ctx: AppContext, changes: ChangeRelay,
                                                         qtbot: QtBot) -> None:
    def delete_first(store: Store) -> None:
        store.apply_pull([PulledChange("conv:c-group", 6000, "message", "m-c-group-1", "delete", {})], {}, revoked=[])

    run_store_and_wait(changes, ctx, qtbot, delete_first)
    qtbot.waitUntil(lambda: opened.history_view.history.rowCount() == len(TALK) - 1)
    assert flags(opened)[0] == (False, "Yesterday")  # what was a continuation now starts the day and the run


def test_day_lines_in_both_languages() -> None:
    today = date(2027, 3, 4)
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    assert day_text(date(2027, 3, 1), today) == "Monday 1 March"
    assert day_text(date(2026, 12, 31), today) == "Thursday 31 December 2026"
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    try:
        assert day_text(date(2027, 3, 1), today) == "3月1日 星期一"
        assert day_text(date(2026, 12, 31), today) == "2026年12月31日 星期四"
    finally:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))


@pytest.mark.parametrize(("name", "expected"), [
    ("王芳", "王"), ("Wang Fang", "WF"), ("Emily Clark", "EC"), ("admin", "AD"), ("li_jie", "LJ"), ("", "?"),
    ("欧阳 娜娜", "欧"), ("42", "4"),
])
def test_initials(name: str, expected: str) -> None:
    assert avatars.initials(name) == expected


def test_a_persons_colour_is_theirs_everywhere() -> None:
    assert avatars.colour_for("u-ann") == avatars.colour_for("u-ann")
    colours = {avatars.colour_for(f"u-{n}").name() for n in range(40)}
    assert len(colours) > 20  # people are told apart
    assert all(QColor(c).lightness() < 170 for c in colours)  # white initials stay readable


def test_member_lists_show_each_person_with_their_avatar(qapp: object) -> None:
    icon = avatars.icon("u-ann", "Ann Lee")
    image = icon.pixmap(48, 48).toImage()
    centre = image.pixelColor(image.width() // 2, 4)  # the top of the circle, off the initials
    assert abs(centre.hue() - avatars.colour_for("u-ann").hue()) <= 2
    assert image.pixelColor(0, 0).alpha() == 0  # round, not a square
