"""Round avatars drawn from a person's name: initials on a colour that is the same for them everywhere.

The first character of a Chinese name (王芳 → 王), the initials of an English one (Emily Clark → EC, admin → AD).
The colour comes from the person's id, not their name, so it survives renames and is the same on every device.
A picture chosen by the person can replace it later; the initials stay the fallback.
"""

from __future__ import annotations

import zlib
from functools import lru_cache

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

WIDE_FROM = "\u1100"  # Hangul, CJK and full-width forms: one character says enough


def initials(name: str) -> str:
    words = name.replace("_", " ").replace(".", " ").replace("-", " ").split()
    if not words:
        return "?"
    first = words[0]
    if first[0] >= WIDE_FROM:
        return first[0]
    if len(words) > 1 and words[1][0] < WIDE_FROM:
        return (first[0] + words[1][0]).upper()
    return first[:2].upper() if first[:2].isalpha() else first[0].upper()


@lru_cache(maxsize=1024)
def colour_for(person_id: str) -> QColor:
    """A calm colour that white initials read well on, fixed per person."""
    hue = zlib.crc32(person_id.encode()) % 360
    return QColor.fromHsl(hue, 120, 110)


def paint(painter: QPainter, rect: QRect, person_id: str, name: str) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour_for(person_id))
    painter.drawEllipse(rect)
    font = QFont(painter.font())
    font.setBold(True)
    font.setPixelSize(max(8, round(rect.height() * 0.4)))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, initials(name))
    painter.restore()


@lru_cache(maxsize=512)
def icon(person_id: str, name: str, size: int = 24) -> QIcon:
    """The avatar as an icon for lists of people (member pickers, priority people)."""
    image = QPixmap(size * 2, size * 2)  # drawn at twice the size: sharp on high-DPI screens too
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    paint(painter, QRect(0, 0, size * 2, size * 2), person_id, name)
    painter.end()
    return QIcon(image)
