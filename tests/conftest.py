"""Fixtures every test folder may use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.store import Store
from tests.app import ME


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh local store signed in as ME (fill it with tests.app.Feed)."""
    s = Store(tmp_path / "s.sqlite3")
    s.set_state(user_id=ME)
    yield s
    s.close()
