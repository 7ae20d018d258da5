"""The one accent colour the sync centre and the sign-in dialog use: a red that reads on the system palette."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget


def warning_colour(palette: QPalette) -> QColor:
    """Darker on light backgrounds, lighter on dark ones, so warnings stay readable in both themes."""
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return QColor("#ff7b72") if dark else QColor("#b3261e")


def tint_warning(widget: QWidget) -> None:
    """Draw a label's text in the warning red (only its text: the background stays the system's)."""
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.WindowText, warning_colour(palette))
    widget.setPalette(palette)
