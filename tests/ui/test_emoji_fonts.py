"""Emoji in chats and reactions render in colour, not as empty boxes (issue 20, item 4): the app names the
colour-emoji fonts Qt asks for emoji. Where one is installed (CI installs fonts-noto-color-emoji, as the README's
Linux list says), the demo's reaction emoji drawn with a widget's font come out in colour — and ordinary text
keeps its own font (an emoji font as a general fallback once widened every digit and space)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetrics, QImage, QPainter
from PySide6.QtWidgets import QApplication, QLabel

from ui.app import EMOJI_FONTS, declare_emoji_fonts

DEMO_REACTIONS = ("👍", "🎉", "🙏", "✅")  # 👀 too, but it is mostly white and black
PLAIN = ("Wang Fang", "2026/12/5 02:12", "太好了，谢谢！记得加上 offline mode")


def coloured_pixels(text: str, font: QFont) -> int:
    """Pixels clearly not grey: a colour emoji has many, a black outline box (no glyph) none."""
    image = QImage(80, 60, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    sized = QFont(font)
    sized.setPixelSize(40)
    painter.setFont(sized)
    painter.drawText(5, 48, text)
    painter.end()
    count = 0
    for x in range(image.width()):
        for y in range(image.height()):
            c = QColor(image.pixel(x, y))
            count += max(c.red(), c.green(), c.blue()) - min(c.red(), c.green(), c.blue()) > 60
    return count


def test_emoji_fonts_are_declared_and_plain_text_keeps_its_font(qapp: QApplication) -> None:
    font = QLabel().font()
    widths = [QFontMetrics(font).horizontalAdvance(text) for text in PLAIN]
    declare_emoji_fonts()
    declare_emoji_fonts()  # twice is once
    if hasattr(QFontDatabase, "applicationEmojiFontFamilies"):
        assert QFontDatabase.applicationEmojiFontFamilies() == list(EMOJI_FONTS)
    assert QLabel().font() == font
    assert [QFontMetrics(QLabel().font()).horizontalAdvance(text) for text in PLAIN] == widths


def test_the_demos_reactions_draw_in_colour(qapp: QApplication) -> None:
    if not set(EMOJI_FONTS) & set(QFontDatabase.families()):
        pytest.skip("no colour-emoji font installed (Debian: fonts-noto-color-emoji)")
    declare_emoji_fonts()
    font = QLabel().font()
    coloured = {emoji: coloured_pixels(emoji, font) > 100 for emoji in DEMO_REACTIONS}
    assert coloured == dict.fromkeys(DEMO_REACTIONS, True)
    assert coloured_pixels("ok 12", font) == 0
