"""Prepared statements for the server's hot paths (push, emit): compiled once per dialect, run by the driver.

Building and compiling a Core expression costs more than SQLite takes to run it; the push benchmark spends
most of its time there. A `Prepared` keeps the portable Core statement as the source of truth and skips
everything but the driver call on each execution.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy.engine import Connection
from sqlalchemy.sql import ClauseElement

_Compiled = tuple[str, Callable[[dict[str, Any]], Any], dict[str, Any]]


class Prepared:
    def __init__(self, statement: ClauseElement) -> None:
        self.statement = statement
        self._compiled: dict[str, _Compiled] = {}

    def __call__(self, conn: Connection, **params: Any) -> Any:
        """Run the statement in `conn`'s transaction; returns the driver's cursor (fetchone() for RETURNING)."""
        sql, arrange, defaults = self._for(conn)
        if defaults:
            params = {**defaults, **params}  # literals inside the statement (e.g. "+ 1") are binds too
        return _execute(conn, sql, arrange(params))

    def many(self, conn: Connection, rows: Sequence[dict[str, Any]]) -> None:
        if not rows:
            return
        sql, arrange, defaults = self._for(conn)
        driver = conn.connection.dbapi_connection
        args = [arrange({**defaults, **row} if defaults else row) for row in rows]
        if hasattr(driver, "executemany"):
            driver.executemany(sql, args)
        else:
            driver.cursor().executemany(sql, args)  # type: ignore[union-attr]

    def _for(self, conn: Connection) -> _Compiled:
        name = conn.dialect.name
        found = self._compiled.get(name)
        if found is None:
            compiled = self.statement.compile(dialect=conn.dialect)
            defaults = {key: value for key, value in compiled.params.items() if value is not None}
            if compiled.positional:
                order = tuple(compiled.positiontup or ())
                getter = itemgetter(*order) if order else (lambda _p: ())
                arrange: Callable[[dict[str, Any]], Any] = (
                    (lambda p: (getter(p),)) if len(order) == 1 else getter  # itemgetter of one name is no tuple
                )
            else:
                arrange = dict
            found = (str(compiled), arrange, defaults)
            self._compiled[name] = found
        return found


def _execute(conn: Connection, sql: str, args: Any) -> Any:
    driver = conn.connection.dbapi_connection
    if hasattr(driver, "execute"):  # sqlite3 and psycopg 3 run a statement without a cursor object
        return driver.execute(sql, args)
    cursor = driver.cursor()  # type: ignore[union-attr]
    cursor.execute(sql, args)
    return cursor


def savepoint(conn: Connection, name: str) -> None:
    _execute(conn, f"SAVEPOINT {name}", ())


def release(conn: Connection, name: str) -> None:
    _execute(conn, f"RELEASE SAVEPOINT {name}", ())


def rollback_to(conn: Connection, name: str) -> None:
    _execute(conn, f"ROLLBACK TO SAVEPOINT {name}", ())
    _execute(conn, f"RELEASE SAVEPOINT {name}", ())
