"""PySide6 6.12.0 on Python 3.11 aborts after ~5,000 processEvents() calls (DESIGN.md): this pump must pass."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel


def test_ten_thousand_process_events_calls_survive(qapp: QApplication) -> None:
    label = QLabel("pump")
    label.show()
    for _ in range(10_000):
        QApplication.processEvents()
    assert label.isVisible()
    label.close()
