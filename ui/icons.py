"""The pictograms that ship with the app (resources/icons/), drawn in the palette's colours.

System emoji look different on every system and are empty boxes on a Linux desktop without a colour-emoji
font, so the growth map's badges and the app's own symbols are SVG files. They are drawn in `currentColor`;
this module substitutes the colour the caller asks for (the palette's text or highlighted text), so one file
serves light and dark themes. Emoji that people type into messages still use the system's font.
"""

from __future__ import annotations

from functools import cache, lru_cache
from importlib import resources

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer


def badge(badge_id: str) -> str:
    """The icon name of a growth-map badge (its id in resources/growth/map.toml)."""
    return f"badges/{badge_id}"


TROPHY = "symbols/trophy"
LOCK = "symbols/lock"
MUTED = "symbols/bell-off"
WAITING = "symbols/hourglass"
REFUSED = "symbols/triangle-alert"


@cache
def svg_text(name: str) -> str:
    """The SVG source of `name` ("badges/done", "symbols/lock"); FileNotFoundError for an unknown one."""
    return resources.files("resources").joinpath(f"icons/{name}.svg").read_text(encoding="utf-8")


@lru_cache(maxsize=256)
def _renderer(name: str, colour: str) -> QSvgRenderer:
    return QSvgRenderer(QByteArray(svg_text(name).replace("currentColor", colour).encode()))


def exists(name: str) -> bool:
    try:
        svg_text(name)
    except (FileNotFoundError, OSError):
        return False
    return True


def paint(painter: QPainter, rect: QRectF, name: str, colour: QColor) -> None:
    """Draw icon `name` into `rect` in `colour` (nothing for an unknown name: a missing file must not crash
    a paint event; a test checks every badge has its file)."""
    if not exists(name):
        return
    painter.save()
    if colour.alpha() < 255:
        painter.setOpacity(painter.opacity() * colour.alphaF())
    _renderer(name, colour.name()).render(painter, rect)
    painter.restore()


def pixmap(name: str, colour: QColor, size: int, device_ratio: float = 1.0) -> QPixmap:
    """Icon `name` as a square pixmap of `size` logical pixels (sharp on high-DPI screens)."""
    image = QPixmap(QSize(round(size * device_ratio), round(size * device_ratio)))
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    paint(painter, QRectF(0, 0, image.width(), image.height()), name, colour)
    painter.end()
    image.setDevicePixelRatio(device_ratio)
    return image
