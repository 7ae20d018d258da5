"""The first window fits the screen it opens on; later starts restore what the person made it (test_app.py)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize

from ui.main_window import DEFAULT_SIZE, first_size


@pytest.mark.parametrize(
    ("screen", "expected"),
    [
        (QSize(1366, 728), QSize(1093, 640)),  # a small laptop: nearly all of it, never below the layout's need
        (QSize(1920, 1040), QSize(1536, 884)),
        (QSize(3840, 2120), QSize(1600, 1050)),  # a 4K monitor: a window, not a wall
        (QSize(800, 560), QSize(800, 560)),  # smaller than the layout wants: the whole screen, not more
    ],
)
def test_the_first_window_fits_the_screen(screen: QSize, expected: QSize) -> None:
    size = first_size(screen)
    assert size == expected
    assert size.width() <= screen.width() and size.height() <= screen.height()


def test_without_a_screen_the_window_has_the_usual_size() -> None:
    assert first_size(None) == DEFAULT_SIZE
