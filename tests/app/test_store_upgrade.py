"""An old profile upgrades in place: every older schema reaches the current one with its rows, ends up with the
same tables and indexes as a new store, a reshaping migration is all-or-nothing, and an up-to-date store opens
without importing sqlite-utils."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlite_utils import Database

from app.store import Store, StoreError, database
from app.store.schema import MIGRATIONS, Migration, reshape

ROOT = Path(__file__).resolve().parents[2]

# Migration 4 as it shipped until 9f261bd: it also gave the notified log copies of the event's kind and subject.
EARLY_4 = MIGRATIONS[3].replace(  # type: ignore[union-attr]
    "ALTER TABLE notified ADD COLUMN event TEXT;",
    "ALTER TABLE notified ADD COLUMN kind TEXT;\n    ALTER TABLE notified ADD COLUMN subject_id TEXT;\n"
    "    ALTER TABLE notified ADD COLUMN event TEXT;",
)


def old_store(path: Path, migrations: list[Migration]) -> None:
    """A store file as an older Atrium left it: the given migrations applied, with a few rows in it."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(database, "MIGRATIONS", migrations)
        conn = database.connect(path)
    try:
        conn.execute("INSERT INTO sync_state VALUES ('next_mutation_id', '2')")
        conn.execute("INSERT INTO cursors VALUES ('conv:c1', 7)")
        conn.execute("INSERT INTO messages (id, conversation_id, seq, author_id, body, created_hlc, _scope)"
                     " VALUES ('m1', 'c1', 7, 'u-wang', '费用报销审批', '001700000000000-000000-t', 'conv:c1')")
        conn.execute("INSERT INTO outbox (mutation_id, name, args, hlc, created_at, scope, summary) VALUES"
                     " (1, 'message.send', '{}', '001700000000001-000000-t', '2026-11-02', 'conv:c1', 'hi')")
        if len(migrations) >= 2:
            conn.execute("INSERT INTO notified (event_id, at, action, reason, read)"
                         " VALUES ('message:m1', '2026-11-02', 'show_now', 'mention', 0), "
                         "('message:m0', '2026-11-01', 'show_now', 'mention', 1)")
        if migrations[3:4] == [EARLY_4]:
            conn.execute("UPDATE notified SET kind = 'message', subject_id = 'm1', event = '{}', rule = 'r'")
    finally:
        conn.close()


def shape(conn: sqlite3.Connection) -> dict[str, Any]:
    """The store's tables (columns with type, NOT NULL, default and key) and indexes (their SQL)."""
    db = Database(conn, recursive_triggers=False, execute_plugins=False)
    return {
        "version": database.schema_version(conn),
        "tables": {name: [tuple(column)[1:] for column in db.table(name).columns] for name in db.table_names()},
        "indexes": sorted(row[0] for row in conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index'"
                                                         " AND sql IS NOT NULL")),
    }


@pytest.fixture(scope="module")
def new_shape(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    store = Store(tmp_path_factory.mktemp("new") / "s.sqlite3")
    try:
        return shape(store.conn)
    finally:
        store.close()


@pytest.mark.parametrize("version", range(1, len(MIGRATIONS)))
def test_an_older_store_upgrades_in_place_and_keeps_its_rows(
    tmp_path: Path, version: int, new_shape: dict[str, Any]
) -> None:
    path = tmp_path / "s.sqlite3"
    old_store(path, MIGRATIONS[:version])
    store = Store(path)
    try:
        assert shape(store.conn) == new_shape
        assert store.conn.execute("SELECT body FROM messages WHERE id = 'm1'").fetchone()[0] == "费用报销审批"
        assert store.conn.execute("SELECT seq FROM cursors WHERE scope = 'conv:c1'").fetchone()[0] == 7
        assert store.outbox_counts()["pending"] == 1
        if version >= 2:
            read = dict(store.conn.execute("SELECT event_id, read FROM notified").fetchall())
            assert read == {"message:m1": 0, "message:m0": 1}
    finally:
        store.close()


def test_a_store_from_the_early_migration_4_drops_the_copied_columns_and_keeps_the_log(
    tmp_path: Path, new_shape: dict[str, Any]
) -> None:
    path = tmp_path / "s.sqlite3"
    old_store(path, [*MIGRATIONS[:3], EARLY_4, *MIGRATIONS[4:6]])
    store = Store(path)
    try:
        assert shape(store.conn) == new_shape  # kind and subject_id are gone; the partial index is back as it was
        rows = store.conn.execute("SELECT event_id, at, action, reason, read, event, rule FROM notified"
                                  " ORDER BY event_id").fetchall()
        assert [tuple(row) for row in rows] == [
            ("message:m0", "2026-11-01", "show_now", "mention", 1, "{}", "r"),
            ("message:m1", "2026-11-02", "show_now", "mention", 0, "{}", "r"),
        ]
        plan = " ".join(row[3] for row in store.conn.execute(
            "EXPLAIN QUERY PLAN SELECT event_id FROM notified WHERE read = 0"))
        assert "ix_notified_unread" in plan
    finally:
        store.close()
    with sqlite3.connect(path) as again:  # opening it once more changes nothing
        before = shape(again)
    again.close()
    Store(path).close()
    with sqlite3.connect(path) as again:
        assert shape(again) == before
    again.close()


def test_a_reshaping_migration_that_fails_half_way_leaves_the_old_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()

    def broken(db: Database) -> None:
        reshape(db, "notified", drop=["rule"])
        db.execute("CREATE TABLE oops (;")

    monkeypatch.setattr(database, "MIGRATIONS", [*MIGRATIONS, broken])
    with pytest.raises(StoreError):
        Store(path)
    with sqlite3.connect(path) as raw:
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
        columns = [row[1] for row in raw.execute("PRAGMA table_info(notified)")]
        tables = [row[0] for row in raw.execute("SELECT name FROM sqlite_master WHERE name LIKE 'notified%'")]
    raw.close()
    assert "rule" in columns
    assert tables == ["notified"]


def test_a_store_another_process_upgraded_meanwhile_is_not_migrated_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, new_shape: dict[str, Any]
) -> None:
    path = tmp_path / "s.sqlite3"
    old_store(path, MIGRATIONS[:5])
    conn = database.connect(path, migrate=False)
    try:
        Store(path).close()  # the other process takes the lock first and upgrades the file
        real = database.schema_version
        looks = iter([5])  # this one had looked before that (migration 6 adds columns: twice would fail)
        monkeypatch.setattr(database, "schema_version", lambda c: next(looks, None) or real(c))
        database.migrate_schema(conn, path)
        assert shape(conn) == new_shape
    finally:
        conn.close()


def test_an_up_to_date_store_opens_without_importing_sqlite_utils(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    Store(path).close()
    code = ("import sys\nfrom app.store import Store\nStore(sys.argv[1]).close()\n"
            "sys.exit('sqlite_utils' in sys.modules and 'imported sqlite_utils')")
    result = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
