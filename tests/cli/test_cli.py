"""The `atrium` command line end to end: a live demo server on loopback, real SQLite profiles, main() in-process.

Each test signs demo people in on profiles of its own (a keychain file per test), works offline on the local
store, and syncs; errors must be one line on stderr with a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import AbstractContextManager, closing
from pathlib import Path
from typing import Any

import pytest

from app.store import Store, StoreError
from sync.cli import COMMANDS
from tests.cli.conftest import Atrium, Result
from tests.helpers.live_server import LiveServer, running_server
from tests.server.http_helpers import Client

Login = Callable[..., Result]
Serve = Callable[[], AbstractContextManager[LiveServer]]


def as_json(result: Result) -> Any:
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


def conversation_id(atrium: Atrium, profile: str, title_start: str) -> str:
    found = [c for c in as_json(atrium("--profile", profile, "chat", "list", "--json"))
             if c["title"].startswith(title_start)]
    assert len(found) == 1, found
    return str(found[0]["id"])


# ------------------------------------------------------------------------------------------ signing in


def test_commands_are_what_the_entry_point_routes() -> None:
    assert {"login", "logout", "sync", "status", "chat", "task", "kb", "search", "outbox"} <= COMMANDS


def test_login_syncs_and_status_reports_the_profile(atrium: Atrium, login: Login, server: LiveServer) -> None:
    result = login("wf", "wangfang", server.url)
    assert "王芳 (wangfang)" in result.out
    assert "synced:" in result.out

    status = as_json(atrium("--profile", "wf", "status", "--json"))
    assert status["user"] == "wangfang"
    assert status["display_name"] == "王芳"
    assert status["server"] == server.url
    assert status["pending"] == 0
    assert status["rejected"] == 0
    assert status["last_sync"] is not None
    assert status["last_error"] is None
    assert status["keychain"] is True
    assert status["signed_in"] is True

    human = atrium("status", "--profile", "wf")
    assert human.code == 0
    assert "王芳 (wangfang)" in human.out and server.url in human.out


def test_wrong_password_is_one_line_with_the_servers_reason(atrium: Atrium, server: LiveServer) -> None:
    result = atrium("--profile", "x", "login", "--server", server.url, "--user", "wangfang", "--password-stdin",
                    stdin="not-the-password\n")
    one_error(result, "wrong user name or password")
    status = as_json(atrium("--profile", "x", "status", "--json"))
    assert status["user"] is None and status["signed_in"] is False
