"""The notification settings page: working hours per weekday, time zone, pause/resume, presenting mode, previews,
sound. Pausing and resuming take effect at once (they are actions); the rest is saved with OK.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from PySide6.QtCore import QDateTime, QLocale, QTimeZone
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.notifications import NotificationSettings, SettingsError, next_working_start, week
from app.notifications.notifier import Notifier
from app.notifications.settings import WEEKDAYS


def zone_names() -> list[str]:
    return sorted(bytes(z.data()).decode() for z in QTimeZone.availableTimeZoneIds() if b"/" in bytes(z.data()))


class NotificationSettingsDialog(QDialog):
    def __init__(self, notifier: Notifier, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.setObjectName("notificationSettings")
        self.setWindowTitle(self.tr("Notification settings"))
        settings = notifier.settings
        layout = QVBoxLayout(self)

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
        layout.addWidget(pause_box)

        self.presenting = QCheckBox(self.tr("Presenting mode: nothing pops up until I turn it off"), self)
        self.hide_previews = QCheckBox(self.tr("Hide message previews in notifications"), self)
        self.sound = QCheckBox(self.tr("Play a sound"), self)
        for box, value, name in ((self.presenting, settings.presenting, "presenting"),
                                 (self.hide_previews, settings.hide_previews, "hidePreviews"),
                                 (self.sound, settings.sound, "sound")):
            box.setChecked(value)
            box.setObjectName(name)
            box.setAccessibleName(box.text())
            layout.addWidget(box)

        self.error = QLabel(self)
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._show_pause()

    # -- pause: immediate ---------------------------------------------------------------------------------------

    def pause_for_hour(self) -> None:
        self._apply(self.notifier.settings.paused(self.notifier.clock() + timedelta(hours=1)))

    def pause_until_work(self) -> None:
        settings = self.notifier.settings
        start = next_working_start(settings.resumed(), self.notifier.clock())
        if start is None:  # no working hours at all: a day is the most that makes sense
            start = self.notifier.clock() + timedelta(days=1)
        self._apply(settings.paused(start))

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
                       sound=self.sound.isChecked())

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
