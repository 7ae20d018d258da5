"""The pictograms ship with the app: every growth-map badge has its SVG, and it draws in the colour asked for,
whatever emoji font the system has."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtSvg import QSvgRenderer

from app.growth import default_definition
from ui import icons


def ink(name: str, colour: QColor) -> tuple[int, int]:
    """(pixels drawn, pixels drawn in `colour`) of the icon at 48 px."""
    image = icons.pixmap(name, colour, 48).toImage()
    drawn = matching = 0
    for y in range(image.height()):
        for x in range(image.width()):
            pixel = image.pixelColor(x, y)
            if pixel.alpha() > 200:
                drawn += 1
                matching += (pixel.red(), pixel.green(), pixel.blue()) == (colour.red(), colour.green(), colour.blue())
    return drawn, matching


def test_every_badge_of_the_growth_map_has_an_icon_that_renders(qapp: object) -> None:
    badges = {m.badge.id for m in default_definition().milestones}
    assert len(badges) >= 20
    for badge_id in [*sorted(badges), None]:
        name = icons.TROPHY if badge_id is None else icons.badge(badge_id)
        assert icons.exists(name), f"resources/icons/{name}.svg is missing"
        assert QSvgRenderer(icons.svg_text(name).encode()).isValid(), name
        drawn, matching = ink(name, QColor("#1e6bb8"))
        assert drawn > 40 and matching > drawn * 0.8, (name, drawn, matching)


def test_one_file_serves_light_and_dark_themes(qapp: object) -> None:
    dark_text, light_text = QColor("#202020"), QColor("#f0f0f0")
    assert ink(icons.LOCK, dark_text)[1] > 40
    assert ink(icons.LOCK, light_text)[1] > 40


def test_an_unknown_icon_draws_nothing_rather_than_failing(qapp: object) -> None:
    assert not icons.exists("badges/no-such-badge")
    assert ink("badges/no-such-badge", QColor("black")) == (0, 0)
