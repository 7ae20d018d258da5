"""Fixtures for CLI tests: per-test keychain and profiles, a live demo server, and `atrium` run in-process.

The demo company is seeded once per session (Argon2 hashing and the dataset take a while) and each test
serves its own copy; a copy keeps the server's instance id, so restarting on it is "the same server".
"""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyring.core
import pytest
from keyrings.alt.file import PlaintextKeyring

from sync.cli import main
from sync.server.db import Database
from sync.server.demo import seed_demo
from tests.helpers.live_server import LiveServer, running_server

DEMO_PASSWORD = "demo"


@dataclass(frozen=True)
class Result:
    code: int
    out: str
    err: str

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.strip()]


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A keychain file, a data directory and a language of this test's own."""
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("ATRIUM_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("ATRIUM_LANG", "zh")
    monkeypatch.delenv("ATRIUM_PROFILE", raising=False)
    # keyring picks its backend once per process; another test module may have picked a different one.
    monkeypatch.setattr(keyring.core, "_keyring_backend", PlaintextKeyring())


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    database = Database.open(path)
    try:
        seed_demo(database)
    finally:
        database.dispose()
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


@pytest.fixture
def server_db(tmp_path: Path, demo_template: Path) -> Path:
    path = tmp_path / "server.db"
    shutil.copyfile(demo_template, path)
    return path


@pytest.fixture
def serve(server_db: Path) -> Callable[[], AbstractContextManager[LiveServer]]:
    """Start the demo server (again): each start is the same server on the same database, on a new port."""
    return lambda: running_server(server_db)


@pytest.fixture
def server(serve: Callable[[], AbstractContextManager[LiveServer]]) -> Iterator[LiveServer]:
    with serve() as live:
        yield live


Atrium = Callable[..., Result]


@pytest.fixture
def atrium(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Atrium:
    """Run `atrium ARGS…` in this process; `stdin` feeds --password-stdin and --file -."""

    def run(*args: str, stdin: str | None = None) -> Result:
        capsys.readouterr()
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin or ""))
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.err
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def login(atrium: Atrium) -> Callable[..., Result]:
    """Sign a demo person in on a profile (and sync once, as `atrium login` does)."""

    def sign_in(profile: str, user: str, url: str, *extra: str) -> Result:
        result = atrium("--profile", profile, "login", "--server", url, "--user", user, "--password-stdin", *extra,
                        stdin=DEMO_PASSWORD + "\n")
        assert result.code == 0, result.err
        return result

    return sign_in


def as_json(result: Result) -> Any:
    """The command succeeded; its stdout parsed as JSON."""
    assert result.code == 0, result.err
    return json.loads(result.out)


def one_error(result: Result, *words: str, code: int = 1) -> str:
    """The result failed with exactly one line on stderr naming `words`."""
    assert result.code == code, (result.out, result.err)
    assert len(result.error_lines) == 1, result.err
    line = result.error_lines[0]
    assert line.startswith("atrium: error: "), line
    for word in words:
        assert word in line, line
    return line
