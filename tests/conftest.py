"""Fixtures every test folder may use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock
from app.store import Store
from tests.app import ME


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh local store signed in as ME (fill it with tests.app.Feed)."""
    s = Store(tmp_path / "s.sqlite3")
    s.set_state(user_id=ME)
    yield s
    s.close()


@pytest.fixture(autouse=True)
def _clock_released() -> Iterator[None]:
    """A test that pins the clock never leaves it pinned for the next one, even when it fails."""
    yield
    clock.unpin()


@pytest.fixture
def frozen_clock() -> Iterator[None]:
    """Wall time frozen at the run's current instant (ATRIUM_NOW's, in a calendar run): a test that reads
    "today" several times sees one day, even when it runs across midnight."""
    clock.pin(clock.now())
    yield
    clock.unpin()
