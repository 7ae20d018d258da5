"""The few colours of the Tasks section, derived from the system palette so light and dark themes both read well."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def overdue_colour(palette: QPalette) -> QColor:
    """A red that keeps its contrast on the palette's base colour (darker on light themes, lighter on dark)."""
    return QColor("#ff6b6b") if is_dark(palette) else QColor("#c62828")


def card_background(palette: QPalette) -> QColor:
    # A card is a touch lighter (dark theme) or darker (light theme) than the column behind it.
    base = palette.color(QPalette.ColorRole.Base)
    return base.lighter(118) if is_dark(palette) else base.darker(103)
