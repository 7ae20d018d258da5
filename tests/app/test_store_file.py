"""The store file itself: private modes, migrations that are all-or-nothing, refusing what it cannot read,
and a full disk that loses nothing."""

from __future__ import annotations

import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app import paths
from app.store import Store, StoreError, StoreTooNew, database
from app.store.schema import MIGRATIONS
from tests.app import ME, WANG, Feed


def test_profiles_are_private_and_separate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATRIUM_HOME", str(tmp_path / "home"))
    first, second = paths.store_path("alice"), paths.store_path("bob")
    assert first.parent != second.parent
    assert stat.S_IMODE(first.parent.stat().st_mode) == 0o700
    store = Store(first)
    try:
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
    finally:
        store.close()
    folder = tmp_path / "elsewhere" / "profile"
    assert paths.profile_dir(str(folder)) == folder.resolve()
    with pytest.raises(paths.ProfileError):
        paths.profile_dir("no*such?name")
    with pytest.raises(paths.ProfileError):
        paths.profile_dir("bad/name\0")
    assert paths.store_path("王芳").parent.name == "王芳"  # Chinese profile names are fine


def test_a_new_store_has_the_current_schema(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    try:
        assert database.schema_version(store.conn) == len(MIGRATIONS)
        assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        store.close()


def test_a_store_from_a_newer_atrium_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    raw.close()
    before = path.read_bytes()
    with pytest.raises(StoreTooNew, match="newer version of Atrium"):
        Store(path)
    assert path.read_bytes() == before


def test_a_migration_that_fails_half_way_leaves_the_old_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    broken = [*MIGRATIONS, "CREATE TABLE half_done (x INTEGER);\nCREATE TABLE oops (;"]
    monkeypatch.setattr(database, "MIGRATIONS", broken)
    with pytest.raises(StoreError):
        Store(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    raw.close()
    assert "half_done" not in tables


def test_a_file_that_is_not_a_store_gets_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    path.write_bytes(os.urandom(4096))
    with pytest.raises(StoreError, match="damaged or not an Atrium store"):
        Store(path)


def test_a_full_disk_refuses_the_action_and_keeps_everything_saved_before(tmp_path: Path) -> None:
    store = Store(tmp_path / "s.sqlite3")
    try:
        feed = Feed(store)
        feed.org()
        feed.conversation("c1", members=(ME, WANG))
        store.enqueue("message.send", {"id": "m1", "conversation_id": "c1", "body": "saved before"},
                      scope="conv:c1", summary="", user_id=ME, hlc="001700000000000-000000-t")
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from now on
        with pytest.raises(StoreError, match="disk is full"):
            for n in range(200):
                store.enqueue("message.send", {"id": f"big{n}", "conversation_id": "c1", "body": "x" * 100_000},
                              scope="conv:c1", summary="", user_id=ME, hlc=f"001700000000001-{n:06d}-t")
        body = store.conn.execute("SELECT body FROM messages WHERE id = 'm1'").fetchone()[0]
        assert body == "saved before"
        assert store.outbox_counts()["pending"] >= 1
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        store.close()
