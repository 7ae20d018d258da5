"""The server's data is private (issue 20, item 2): its folder 0700, the database with its -wal/-shm 0600 however
open the umask is, and a warning at start when an administrator's own folder or file is more open than that.

There is no backup/restore command yet (atrium-server has none), so "first start" covers every file the server
creates; the demo's server.log is checked with the demo (tests/ui/test_demo_stop.py).
"""

from __future__ import annotations

import os
import queue
import stat
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import select

from sync.server import files
from sync.server.db import Database, meta

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@contextmanager
def umask(value: int) -> Iterator[None]:
    old = os.umask(value)
    try:
        yield
    finally:
        os.umask(old)


def test_a_new_database_and_its_folder_are_private_whatever_the_umask(tmp_path: Path) -> None:
    folder = tmp_path / "srv" / "data"
    with umask(0o022):
        database = Database.open(folder / "server.db")
        try:
            with database.write() as conn:
                conn.execute(meta.insert().values(key="probe", value="x"))
            with database.read() as conn:  # the -wal and -shm exist while a connection is open
                conn.execute(select(meta)).all()
                side = [folder / "server.db-wal", folder / "server.db-shm"]
                assert all(p.exists() for p in side)
                assert {p.name: mode(p) for p in side} == {"server.db-wal": 0o600, "server.db-shm": 0o600}
        finally:
            database.dispose()
    assert mode(folder) == 0o700
    assert mode(folder / "server.db") == 0o600
    assert files.exposed(folder / "server.db") == []


def test_exposed_names_whatever_is_more_open_and_changes_nothing(tmp_path: Path) -> None:
    (tmp_path / "server.db").write_bytes(b"")
    (tmp_path / "server.log").write_bytes(b"")
    os.chmod(tmp_path, 0o755)
    os.chmod(tmp_path / "server.db", 0o644)
    os.chmod(tmp_path / "server.log", 0o640)
    found = files.exposed(tmp_path / "server.db", also=[tmp_path / "server.log"])
    assert [(e.path.name, e.mode) for e in found] == [
        (tmp_path.name, 0o755),
        ("server.db", 0o644),
        ("server.log", 0o640),
    ]
    assert "chmod 600" in str(found[1]) and "chmod 700" in str(found[0])
    assert mode(tmp_path / "server.db") == 0o644  # an administrator's own choice is reported, not undone
    os.chmod(tmp_path, 0o700)


class Serving:
    """A real `atrium-server` process started with umask 022, and what it printed on stderr."""

    def __init__(self, db: Path) -> None:
        script = f"umask 022; exec {sys.executable} -m sync.server.cli --db {db} --port 0"
        self.proc = subprocess.Popen(
            ["/bin/sh", "-c", script],
            cwd=REPO,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.stderr: list[str] = []
        self._reader = threading.Thread(target=self._read_stderr, daemon=True)
        self._reader.start()

    def _read_stderr(self) -> None:
        assert self.proc.stderr is not None
        self.stderr.extend(line.strip() for line in iter(self.proc.stderr.readline, ""))

    def wait_listening(self, timeout: float = 60) -> None:
        lines: queue.Queue[str] = queue.Queue()
        assert self.proc.stdout is not None
        threading.Thread(target=lambda: lines.put(self.proc.stdout.readline()), daemon=True).start()  # type: ignore[union-attr]
        try:
            line = lines.get(timeout=timeout)
        except queue.Empty:
            raise AssertionError(f"the server did not start within {timeout} s") from None
        assert line.startswith("Atrium server listening"), (line, self.stderr)

    def stop(self) -> list[str]:
        """End the server; everything it wrote on stderr (read to the end, so no line is missed)."""
        self.proc.terminate()
        self.proc.wait(timeout=30)
        self._reader.join(timeout=30)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return self.stderr


@contextmanager
def serving(db: Path) -> Iterator[Serving]:
    server = Serving(db)
    try:
        server.wait_listening()
        yield server
    finally:
        server.stop()


@pytest.mark.slow
def test_a_server_process_starts_private_and_warns_about_loose_files(tmp_path: Path) -> None:
    db = tmp_path / "fresh" / "server.db"
    with serving(db) as first:
        assert mode(db.parent) == 0o700 and mode(db) == 0o600
        assert mode(db.with_name("server.db-wal")) == 0o600 and mode(db.with_name("server.db-shm")) == 0o600
    assert first.stderr == []
    # Someone loosened the file (a copy made with cp, a chmod): the next start says so, once per file.
    os.chmod(db, 0o644)
    with serving(db) as again:
        pass
    (warning,) = again.stderr
    assert warning.startswith("atrium-server: warning: the file ") and "(mode 0644)" in warning
