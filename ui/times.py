"""Times for people: ISO strings from the store shown in the person's locale and time zone."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, QLocale, Qt

from app import clock


def parse_time(iso: str | None) -> QDateTime | None:
    if not iso:
        return None
    moment = QDateTime.fromString(iso, Qt.DateFormat.ISODateWithMs)
    if not moment.isValid():
        moment = QDateTime.fromString(iso, Qt.DateFormat.ISODate)
    return moment.toLocalTime() if moment.isValid() else None


def format_time(iso: str | None, today_short: bool = False) -> str:
    """A time in the locale's short form; only the time of day for today when `today_short`."""
    moment = parse_time(iso)
    if moment is None:
        return ""
    locale = QLocale()
    if today_short and moment.date() == QDate(clock.local_now().date()):
        return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)
    return locale.toString(moment, QLocale.FormatType.ShortFormat)
