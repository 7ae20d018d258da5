"""The notification settings page: working hours per weekday, time zone, pause/resume, presenting mode, previews,
sound, urgent bypass, priority people, and per conversation "all / mentions only / muted" (and muted spaces).
Pausing and resuming take effect at once (they are actions); the rest is saved with OK. Settings follow the
person to their other devices (the notifier hands them to the outbox); presenting mode stays on this one. An
administrator can also publish the form as the organisation's default.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QDateTime, QLocale, Qt, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.notifications import NotificationSettings, SettingsError, next_working_start, week
from app.notifications.notifier import Notifier
from app.notifications.settings import WEEKDAYS
from app.services import preferences
from app.store import reads

from .. import avatars
from ..context import AppContext

# The choices per conversation, in the order the combo boxes show them.
ALL, MENTIONS_ONLY, MUTED = 0, 1, 2


def zone_names() -> list[str]:
    return sorted(bytes(z.data()).decode() for z in QTimeZone.availableTimeZoneIds() if b"/" in bytes(z.data()))


class NotificationSettingsDialog(QDialog):
    def __init__(self, notifier: Notifier, parent: QWidget | None = None, ctx: AppContext | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.ctx = ctx
        self.setObjectName("notificationSettings")
        self.setWindowTitle(self.tr("Notification settings"))
        settings = notifier.settings
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        outer.addWidget(self.tabs)
        when = QWidget(self.tabs)
        self.tabs.addTab(when, self.tr("When"))
        layout = QVBoxLayout(when)

        hours_box = QGroupBox(self.tr("Working hours"), self)
        form = QFormLayout(hours_box)
        day_labels = (self.tr("Monday"), self.tr("Tuesday"), self.tr("Wednesday"), self.tr("Thursday"),
                      self.tr("Friday"), self.tr("Saturday"), self.tr("Sunday"))
        self.hours: dict[str, QLineEdit] = {}
        for name, label, ranges in zip(WEEKDAYS, day_labels, settings.working_hours, strict=True):
            edit = QLineEdit(", ".join(str(r) for r in ranges), hours_box)
            edit.setObjectName(f"hours_{name}")
            edit.setPlaceholderText(self.tr("Day off"))
            edit.setAccessibleName(self.tr("Working hours on %1").replace("%1", label))
            edit.setToolTip(self.tr("Ranges such as 09:00-12:00, 13:00-18:00; empty for a day off"))
            self.hours[name] = edit
            form.addRow(label, edit)
        self.zone = QComboBox(hours_box)
        self.zone.setObjectName("timeZone")
        self.zone.setAccessibleName(self.tr("Time zone"))
        names = zone_names()
        if settings.time_zone not in names:
            names.insert(0, settings.time_zone)
        self.zone.addItems(names)
        self.zone.setCurrentText(settings.time_zone)
        form.addRow(self.tr("Time zone"), self.zone)
        layout.addWidget(hours_box)

        pause_box = QGroupBox(self.tr("Pause"), self)
        pause_layout = QVBoxLayout(pause_box)
        self.pause_state = QLabel(pause_box)
        self.pause_state.setObjectName("pauseState")
        pause_layout.addWidget(self.pause_state)
        row = QHBoxLayout()
        self.pause_hour = QPushButton(self.tr("Pause for 1 hour"), pause_box)
        self.pause_tomorrow = QPushButton(self.tr("Pause until tomorrow's working hours"), pause_box)
        self.resume = QPushButton(self.tr("Resume"), pause_box)
        for button, slot in ((self.pause_hour, self.pause_for_hour), (self.pause_tomorrow, self.pause_until_work),
                             (self.resume, self.resume_now)):
            button.setAccessibleName(button.text())
            button.setAutoDefault(False)
            button.clicked.connect(slot)
            row.addWidget(button)
        pause_layout.addLayout(row)
        chosen = QHBoxLayout()
        self.pause_until = QDateTimeEdit(pause_box)
        self.pause_until.setObjectName("pauseUntil")
        self.pause_until.setAccessibleName(self.tr("Pause until this time"))
        self.pause_until.setCalendarPopup(True)
        start = QDateTime.fromSecsSinceEpoch(int(self.notifier.clock().timestamp())).toLocalTime().addSecs(3 * 3600)
        self.pause_until.setDateTime(start)
        self.pause_until.setMinimumDateTime(start.addSecs(-3 * 3600 + 60))
        self.pause_chosen = QPushButton(self.tr("Pause until"), pause_box)
        self.pause_chosen.setAccessibleName(self.tr("Pause until the chosen time"))
        self.pause_chosen.setAutoDefault(False)
        self.pause_chosen.clicked.connect(self.pause_until_chosen)
        chosen.addWidget(self.pause_chosen)
        chosen.addWidget(self.pause_until, 1)
        pause_layout.addLayout(chosen)
        layout.addWidget(pause_box)

        self.presenting = QCheckBox(self.tr("Presenting mode: nothing pops up until I turn it off"), self)
        self.hide_previews = QCheckBox(self.tr("Hide message previews in notifications"), self)
        self.sound = QCheckBox(self.tr("Play a sound"), self)
        self.urgent_bypass = QCheckBox(self.tr(
            "Let urgent messages, my priority people and tasks due within 2 hours through quiet time"), self)
        for box, value, name in ((self.presenting, settings.presenting, "presenting"),
                                 (self.hide_previews, settings.hide_previews, "hidePreviews"),
                                 (self.sound, settings.sound, "sound"),
                                 (self.urgent_bypass, settings.urgent_bypass, "urgentBypass")):
            box.setChecked(value)
            box.setObjectName(name)
            box.setAccessibleName(box.text())
            layout.addWidget(box)
        self._build_places(settings)

        layout = outer
        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.org_default: QPushButton | None = None
        if ctx is not None and reads.is_admin(ctx.conn, ctx.user_id):
            self.org_default = buttons.addButton(self.tr("Make this everyone's default"),
                                                 QDialogButtonBox.ButtonRole.ActionRole)
            self.org_default.setObjectName("orgDefault")
            self.org_default.setToolTip(self.tr(
                "Publish these working hours and choices as the organisation's default; people keep what they set"))
            self.org_default.clicked.connect(self.publish_default)
        layout.addWidget(buttons)
        self._show_pause()

    # -- where and who --------------------------------------------------------------------------------------------

    def _build_places(self, settings: NotificationSettings) -> None:
        """Per conversation all / mentions only / muted, muted spaces and priority people (needs the store)."""
        page = QWidget(self.tabs)
        self.tabs.addTab(page, self.tr("Where and who"))
        layout = QVBoxLayout(page)
        self.conversations = QTableWidget(0, 2, page)
        self.conversations.setObjectName("conversationChoices")
        self.conversations.setAccessibleName(self.tr("Notifications per conversation"))
        self.conversations.setHorizontalHeaderLabels([self.tr("Conversation"), self.tr("Notify me")])
        self.conversations.horizontalHeader().setStretchLastSection(True)
        self.conversations.verticalHeader().hide()
        self.conversations.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.spaces = QListWidget(page)
        self.spaces.setObjectName("mutedSpaces")
        self.spaces.setAccessibleName(self.tr("Muted spaces"))
        self.priority = QListWidget(page)
        self.priority.setObjectName("priorityPeople")
        self.priority.setAccessibleName(self.tr("Priority people"))
        ctx = self.ctx
        if ctx is not None:
            conn = ctx.conn
            summaries = reads.conversations(conn, ctx.user_id, ctx.language)
            self.conversations.setRowCount(len(summaries))
            for row, summary in enumerate(summaries):
                self.conversations.setItem(row, 0, _table_item(summary.title, summary.id))
                choice = QComboBox(self.conversations)
                choice.addItems([self.tr("All messages"), self.tr("Mentions only"), self.tr("Muted")])
                choice.setAccessibleName(self.tr("Notify me about %1").replace("%1", summary.title))
                choice.setCurrentIndex(MUTED if summary.id in settings.muted_conversations else
                                       MENTIONS_ONLY if summary.id in settings.mentions_only_conversations else ALL)
                self.conversations.setCellWidget(row, 1, choice)
            self.conversations.resizeColumnToContents(0)
            for space in reads.spaces(conn, ctx.user_id):
                self.spaces.addItem(_checkable(space.title, space.id, space.id in settings.muted_spaces))
            for person in reads.people(conn):
                if person.id != ctx.user_id:
                    item = _checkable(person.name(ctx.language), person.id, person.id in settings.priority_people)
                    item.setIcon(avatars.icon(person.id, person.name(ctx.language)))
                    self.priority.addItem(item)
        layout.addWidget(QLabel(self.tr("Conversations"), page))
        layout.addWidget(self.conversations, 2)
        lists = QHBoxLayout()
        for label, widget in ((self.tr("Muted spaces (tasks)"), self.spaces),
                              (self.tr("Priority people: their messages get through quiet time"), self.priority)):
            column = QVBoxLayout()
            caption = QLabel(label, page)
            caption.setWordWrap(True)
            column.addWidget(caption)
            column.addWidget(widget)
            lists.addLayout(column)
        layout.addLayout(lists, 1)

    def _places(self) -> dict[str, frozenset[str]]:
        if self.ctx is None:  # nothing shown: keep what there was
            settings = self.notifier.settings
            return {"muted_conversations": settings.muted_conversations,
                    "mentions_only_conversations": settings.mentions_only_conversations,
                    "muted_spaces": settings.muted_spaces, "priority_people": settings.priority_people}
        muted, mentions = set(), set()
        for row in range(self.conversations.rowCount()):
            cid = self.conversations.item(row, 0).data(Qt.ItemDataRole.UserRole)
            choice = self.conversations.cellWidget(row, 1).currentIndex()  # type: ignore[attr-defined]
            (muted if choice == MUTED else mentions if choice == MENTIONS_ONLY else set()).add(cid)
        return {"muted_conversations": frozenset(muted), "mentions_only_conversations": frozenset(mentions),
                "muted_spaces": _checked(self.spaces), "priority_people": _checked(self.priority)}

    def publish_default(self) -> None:
        try:
            settings = self.edited()
        except SettingsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        if self.ctx is not None:
            self.ctx.act(preferences.save_organisation_default, settings)

    # -- pause: immediate ---------------------------------------------------------------------------------------

    def pause_for_hour(self) -> None:
        self._apply(self.notifier.settings.paused(self.notifier.clock() + timedelta(hours=1)))

    def pause_until_work(self) -> None:
        settings = self.notifier.settings
        start = next_working_start(settings.resumed(), self.notifier.clock())
        if start is None:  # no working hours at all: a day is the most that makes sense
            start = self.notifier.clock() + timedelta(days=1)
        self._apply(settings.paused(start))

    def pause_until_chosen(self) -> None:
        until = datetime.fromtimestamp(self.pause_until.dateTime().toSecsSinceEpoch(), tz=UTC)
        if until <= self.notifier.clock():
            self.error.setText(self.tr("Choose a time in the future."))
            self.error.show()
            return
        self.error.hide()
        self._apply(self.notifier.settings.paused(until))

    def resume_now(self) -> None:
        self._apply(self.notifier.settings.resumed())

    def _apply(self, settings: NotificationSettings) -> None:
        self.notifier.set_settings(settings)
        self._show_pause()

    def _show_pause(self) -> None:
        until = self.notifier.settings.paused_until
        paused = until is not None and until > self.notifier.clock()
        if paused and until is not None:
            moment = QDateTime.fromSecsSinceEpoch(int(until.timestamp())).toLocalTime()
            text = self.tr("Paused until %1").replace("%1", QLocale().toString(moment, QLocale.FormatType.ShortFormat))
        else:
            text = self.tr("Notifications are on.")
        self.pause_state.setText(text)
        self.resume.setEnabled(paused)

    # -- the rest: with OK ----------------------------------------------------------------------------------------

    def edited(self) -> NotificationSettings:
        """The settings as the form shows them; raises SettingsError with a sentence to show."""
        hours = {name: [part for part in (p.strip() for p in edit.text().split(",")) if part]
                 for name, edit in self.hours.items()}
        return replace(self.notifier.settings, working_hours=week(hours), time_zone=self.zone.currentText(),
                       presenting=self.presenting.isChecked(), hide_previews=self.hide_previews.isChecked(),
                       sound=self.sound.isChecked(), urgent_bypass=self.urgent_bypass.isChecked(), **self._places())

    def accept(self) -> None:
        try:
            settings = self.edited()
            NotificationSettings.from_dict(settings.to_dict())  # checks the zone and ranges once more
        except SettingsError as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.notifier.set_settings(settings)
        super().accept()


def _table_item(text: str, item_id: str) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, item_id)
    return item


def _checkable(text: str, item_id: str, checked: bool) -> QListWidgetItem:
    item = QListWidgetItem(text)
    item.setData(Qt.ItemDataRole.UserRole, item_id)
    item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
    item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
    return item


def _checked(widget: QListWidget) -> frozenset[str]:
    return frozenset(widget.item(i).data(Qt.ItemDataRole.UserRole) for i in range(widget.count())
                     if widget.item(i).checkState() == Qt.CheckState.Checked)
