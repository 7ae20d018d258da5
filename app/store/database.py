"""Opening a profile's SQLite file: pragmas, private file modes, and the numbered migrations.

Each migration runs in one transaction together with its `PRAGMA user_version` bump (SQLite's DDL is
transactional), so a crash in the middle leaves the old schema or the new one, never a mix. A file written by
a newer Atrium is refused untouched. Migrations that reshape a table run over sqlite-utils, imported only when
one has to run: opening an up-to-date store reads one pragma and imports nothing (sqlite_utils costs ~50 ms).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.paths import make_private

from .schema import MIGRATIONS, Migration


class StoreError(Exception):
    """The local store cannot be used as it is (the world failed, not us): say so to the person."""


class StoreTooNew(StoreError):
    pass


def connect(path: Path | str, *, migrate: bool = True) -> sqlite3.Connection:
    """A connection to the store at `path`, migrated to the current schema."""
    path = Path(path)
    try:
        conn = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot open the local store {path}: {exc}") from exc
    make_private(path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("PRAGMA temp_store=MEMORY")
        conn.execute("PRAGMA cache_size=-32000")
        if migrate:
            migrate_schema(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"the local store {path} is damaged or not an Atrium store: {exc}") from exc
    except StoreError:
        conn.close()
        raise
    for suffix in ("-wal", "-shm"):
        make_private(path.with_name(path.name + suffix))
    return conn


# Variables per statement for insert_many: SQLite's default limit (builds may allow more; older ones allow less).
_MAX_VARIABLES = 32766
# Rows per statement for insert_many: a few GIL hand-overs per page, and compiled statements that stay small.
_MAX_ROWS = 1024


def insert_many(conn: sqlite3.Connection, sql: str, rows: Sequence[Sequence[Any]]) -> None:
    """`conn.executemany(sql, rows)` for an `INSERT ... VALUES (?, ...) [ON CONFLICT ...]`, as a few statements of
    many rows each.

    executemany takes the GIL back after every row it steps; while another thread is busy in Python (a window
    painting, the next page being parsed) each of those waits can last the interpreter's switch interval (5 ms):
    40,000 message rows took six minutes instead of 0.6 s (measured). A statement of many rows is stepped once,
    with the GIL released throughout; it is also a little faster on its own.
    """
    if not rows:
        return
    head, _, rest = sql.partition(" VALUES (")
    placeholders, _, tail = rest.partition(")")
    width = placeholders.count("?")
    if not head or width == 0 or width != len(rows[0]):
        raise ValueError(f"insert_many needs an INSERT ... VALUES (?, ...) statement matching its rows: {sql[:80]}")
    limit = min(_MAX_VARIABLES, conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)) // width
    row = f"({placeholders})"
    start = 0
    while start < len(rows):
        # Statements of a power of two rows: a handful of distinct texts, compiled once and kept in the
        # connection's statement cache, whatever the page sizes.
        size = min(_MAX_ROWS, limit, len(rows) - start)
        size = 1 << (size.bit_length() - 1) if size > 0 else 1
        chunk = rows[start : start + size]
        conn.execute(f"{head} VALUES {','.join([row] * size)}{tail}", [value for r in chunk for value in r])
        start += size


def schema_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate_schema(conn: sqlite3.Connection, path: Path | str = "") -> None:
    current = _known_version(conn, path)
    while current < len(MIGRATIONS):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Another process (the CLI next to the window) may have upgraded the file while this one waited for
            # the lock: look again inside the transaction.
            current = _known_version(conn, path)
            if current < len(MIGRATIONS):
                _run(MIGRATIONS[current], conn)
                current += 1
                conn.execute(f"PRAGMA user_version = {current}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def _known_version(conn: sqlite3.Connection, path: Path | str) -> int:
    current = schema_version(conn)
    if current > len(MIGRATIONS):
        raise StoreTooNew(
            f"the local store {path} was written by a newer version of Atrium (schema {current}; this version "
            f"knows up to {len(MIGRATIONS)}). Update Atrium, or use another profile."
        )
    return current


def _run(migration: Migration, conn: sqlite3.Connection) -> None:
    """One migration's statements, inside the caller's transaction."""
    if isinstance(migration, str):
        for statement in _statements(migration):
            conn.execute(statement)
        return
    from sqlite_utils import Database  # only when a migration has to run (see the module's docstring)

    # No plugins (finding them reads every installed package's entry points, ~14 ms, and they may change the
    # connection) and no `PRAGMA recursive_triggers`: the connection stays as connect() made it.
    migration(Database(conn, recursive_triggers=False, execute_plugins=False))


def _statements(script: str) -> list[str]:
    """Split a migration into statements (sqlite3.executescript would commit on its own)."""
    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if line.strip().startswith("--"):
            continue
        buffer += line
        if sqlite3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        statements.append(buffer.strip())
    return statements
