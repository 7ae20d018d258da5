"""Only app/clock.py reads the time: a stray `datetime.now()` elsewhere is a test that passes on the wrong day.

The walk covers product code, tests, benchmarks and tools. Tests and benchmarks may still use monotonic time
and `perf_counter` for their own deadlines and stopwatches (those never decide a verdict about a date); wall
time, dates and the local zone they must take from the clock too, and product code takes everything from it.
SQL must not read the time either: the value is passed from the clock.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLOCK = ROOT / "app" / "clock.py"
THIS = Path(__file__).resolve()

# Reads of wall time, the date or the local zone: nobody but the clock.
WALL_READS = {
    ("datetime", "now"), ("datetime", "utcnow"), ("datetime", "today"), ("date", "today"),
    ("time", "time"), ("time", "time_ns"), ("time", "localtime"), ("time", "ctime"), ("time", "asctime"),
    ("QDateTime", "currentDateTime"), ("QDateTime", "currentDateTimeUtc"), ("QDateTime", "currentMSecsSinceEpoch"),
    ("QDateTime", "currentSecsSinceEpoch"), ("QDate", "currentDate"), ("QTime", "currentTime"),
    ("func", "now"), ("func", "current_timestamp"), ("func", "current_date"), ("func", "localtimestamp"),
}
# Monotonic readings: product code asks the clock (so a pinned test can advance them); tests and benches may
# time themselves.
MONOTONIC_READS = {("time", "monotonic"), ("time", "monotonic_ns"), ("time", "perf_counter"),
                   ("time", "perf_counter_ns")}
SQL_NOW = re.compile(
    r"CURRENT_TIMESTAMP|CURRENT_DATE|CURRENT_TIME|\b(?:datetime|date|time|julianday|strftime|unixepoch)\s*\([^)]*'now'"
    r"|\bnow\s*\(\s*\)\s*(?:AT|,|\)|::|$)|\bLOCALTIMESTAMP\b",
    re.IGNORECASE,
)
SQL_WORDS = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE|DEFAULT|WHERE|VALUES|CREATE)\b", re.IGNORECASE)


def _dotted(node: ast.AST) -> tuple[str, str] | None:
    """('datetime', 'now') for `datetime.now` or `datetime.datetime.now`; None for anything else."""
    if isinstance(node, ast.Attribute):
        base = node.value
        if isinstance(base, ast.Name):
            return base.id, node.attr
        if isinstance(base, ast.Attribute):
            return base.attr, node.attr
    return None


def clock_reads(source: str, filename: str = "<source>", *, strict: bool = True) -> list[str]:
    """Each direct read of the time in `source` as "file:line: what"; `strict` also forbids monotonic reads."""
    tree = ast.parse(source, filename=filename)
    forbidden = WALL_READS | (MONOTONIC_READS if strict else set())
    found: list[str] = []
    imported: dict[str, tuple[str, str]] = {}  # `from time import time as now` names a read too
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                pair = (node.module.rpartition(".")[2], alias.name)
                if pair in forbidden:
                    imported[alias.asname or alias.name] = pair
    for node in ast.walk(tree):
        pair = _dotted(node)
        if pair in forbidden:
            found.append(f"{filename}:{node.lineno}: {pair[0]}.{pair[1]}")
        elif isinstance(node, ast.Name) and node.id in imported and isinstance(node.ctx, ast.Load):
            found.append(f"{filename}:{node.lineno}: {'.'.join(imported[node.id])}")
        elif (
            isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "astimezone"
            and not node.args and not node.keywords
        ):
            found.append(f"{filename}:{node.lineno}: .astimezone() without a zone reads the local zone")
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
            and SQL_NOW.search(node.value) and SQL_WORDS.search(node.value)
        ):
            found.append(f"{filename}:{node.lineno}: SQL reads the time: pass the clock's value")
    return found


def checked_files() -> list[tuple[Path, bool]]:
    """(file, strict) for every Python file we write."""
    files: list[tuple[Path, bool]] = []
    for package, strict in (("app", True), ("sync", True), ("ui", True), ("docs", True), ("packaging", True),
                            ("bench", False), ("tests", False)):
        for path in sorted((ROOT / package).rglob("*.py")):
            if path not in (CLOCK, THIS):
                files.append((path, strict))
    return files


def test_only_the_clock_reads_the_time() -> None:
    found = []
    for path, strict in checked_files():
        found += clock_reads(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)), strict=strict)
    assert found == [], "read the time through app.clock (now/today/local_zone/monotonic):\n" + "\n".join(found)


@pytest.mark.parametrize(
    ("source", "what"),
    [
        ("from datetime import datetime\nx = datetime.now()\n", "datetime.now"),
        ("import datetime\nx = datetime.datetime.now(datetime.UTC)\n", "datetime.now"),
        ("from datetime import date\nx = date.today()\n", "date.today"),
        ("import time\nstart = time.time()\n", "time.time"),
        ("import time\nread = time.time  # handed on as a clock\n", "time.time"),
        ("from time import time as now\nx = now()\n", "time.time"),
        ("import time\nx = time.monotonic()\n", "time.monotonic"),
        ("from PySide6.QtCore import QDateTime\nx = QDateTime.currentDateTime()\n", "QDateTime.currentDateTime"),
        ("x = moment.astimezone()\n", "astimezone"),
        ('conn.execute("UPDATE t SET at = datetime(\'now\') WHERE id = ?", (1,))\n', "SQL"),
        ('conn.execute("INSERT INTO t (at) VALUES (CURRENT_TIMESTAMP)")\n', "SQL"),
        ('conn.execute("SELECT * FROM t WHERE at < now()")\n', "SQL"),
        ("from sqlalchemy import func\nq = select(func.now())\n", "func.now"),
    ],
)
def test_a_stray_read_is_named_with_its_file_and_line(source: str, what: str) -> None:
    found = clock_reads("\n\n" + source, "app/stray.py")
    assert found and all(line.startswith("app/stray.py:") for line in found)
    assert what in found[0]
    assert int(found[0].split(":")[1]) >= 3  # the line of the read, not of the file's start


def test_reads_through_the_clock_and_timezone_arithmetic_pass() -> None:
    source = (
        "from app import clock\n"
        "from datetime import datetime, UTC\n"
        "x = clock.now()\n"
        "y = clock.today(zone)\n"
        "z = moment.astimezone(zone)\n"
        "w = datetime.fromisoformat(text).astimezone(UTC)\n"
        'conn.execute("UPDATE t SET at = ? WHERE id = ?", (clock.iso_now(), 1))\n'
        '"""A docstring may say now() without being SQL."""\n'
    )
    assert clock_reads(source) == []


def test_tests_and_benches_may_time_themselves_but_not_read_the_date() -> None:
    assert clock_reads("import time\nt = time.perf_counter()\n", strict=False) == []
    assert clock_reads("from datetime import date\nt = date.today()\n", strict=False) != []
