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

import pytest

from app.credentials import TokenVault
from app.store import Store, StoreError
from sync.cli import COMMANDS
from tests.cli.conftest import Atrium, Result, as_json, one_error
from tests.helpers.live_server import LiveServer, running_server
from tests.server.http_helpers import Client

Login = Callable[..., Result]
Serve = Callable[[], AbstractContextManager[LiveServer]]



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


def test_two_profiles_side_by_side_and_an_offline_message_goes_out_once(
    atrium: Atrium, login: Login, serve: Serve, tmp_path: Path
) -> None:
    emily = str(tmp_path / "profiles" / "emily")  # a profile given as a folder path
    with serve() as first:
        login(emily, "emily", first.url)
        login("wangfang", "wangfang", first.url)
    # The server is gone: sending still works, into the local store and the outbox.
    sent = atrium("--profile", emily, "chat", "send", "--to", "wangfang", "审批材料已经准备好了 (sent offline)")
    assert sent.code == 0, sent.err
    dm = conversation_id(atrium, emily, "王芳")
    page = as_json(atrium("--profile", emily, "chat", "history", dm, "--json"))
    mine = [m for m in page["messages"] if "sent offline" in m["body"]]
    assert [m["state"] for m in mine] == ["pending"]
    assert mine[0]["author"] == "emily" and mine[0]["sent_at"] is None

    offline = atrium("--profile", emily, "sync", "--once")
    one_error(offline, "offline", "kept")
    status = as_json(atrium("--profile", emily, "status", "--json"))
    assert status["pending"] == 1 and status["last_error"]

    with serve() as again:  # the same server, back on another port: sign in to the new address
        login(emily, "emily", again.url, "--no-sync")
        synced = atrium("--profile", emily, "sync", "--once")
        assert synced.code == 0, synced.err
        assert "1 changes sent" in synced.out
        page = as_json(atrium("--profile", emily, "chat", "history", dm, "--json"))
        assert [m["state"] for m in page["messages"] if "sent offline" in m["body"]] == ["sent"]

        assert atrium("--profile", "wangfang", "status", "--json").code == 0
        login("wangfang", "wangfang", again.url, "--no-sync")
        assert atrium("--profile", "wangfang", "sync", "--once").code == 0
        theirs = as_json(atrium("--profile", "wangfang", "chat", "history", dm, "--json"))
        seen = [m for m in theirs["messages"] if "sent offline" in m["body"]]
        assert len(seen) == 1 and seen[0]["state"] == "sent" and seen[0]["author_name"] == "艾米莉"
        human = atrium("--profile", "wangfang", "chat", "history", dm)
        assert "艾米莉" in human.out and "审批材料已经准备好了" in human.out

    assert as_json(atrium("--profile", emily, "status", "--json"))["user"] == "emily"
    assert as_json(atrium("--profile", "wangfang", "status", "--json"))["user"] == "wangfang"


def test_chat_history_pages_with_limit(atrium: Atrium, login: Login, server: LiveServer) -> None:
    login("cj", "chenjing", server.url)
    rollout = conversation_id(atrium, "cj", "Atrium 推广项目组")
    newest = as_json(atrium("--profile", "cj", "chat", "history", rollout[-8:], "--limit", "3", "--json"))
    assert newest["conversation"] == rollout
    seqs = [m["seq"] for m in newest["messages"]]
    assert len(seqs) == 3 and seqs == sorted(seqs)
    assert newest["older_before"] == seqs[0]
    older = as_json(atrium("--profile", "cj", "chat", "history", rollout, "--limit", "3", "--before",
                           str(seqs[0]), "--json"))
    older_seqs = [m["seq"] for m in older["messages"]]
    assert len(older_seqs) == 3 and max(older_seqs) < seqs[0]
    assert {m["state"] for m in older["messages"]} == {"sent"}
    human = atrium("--profile", "cj", "chat", "history", rollout, "--limit", "3")
    assert f"--before {seqs[0]}" in human.out
    one_error(atrium("--profile", "cj", "chat", "history", "no-such-chat"), "no conversation")


def test_tasks_add_set_and_list_mine(atrium: Atrium, login: Login, server: LiveServer) -> None:
    login("lj", "lijie", server.url)
    added = atrium("--profile", "lj", "task", "add", "准备发布会物料", "--owner", "lijie", "--due", "2026-12-01")
    assert added.code == 0, added.err
    mine = as_json(atrium("--profile", "lj", "task", "list", "--mine", "--json"))
    new = [t for t in mine if t["title"] == "准备发布会物料"]
    assert len(new) == 1
    task = new[0]
    assert task["space_id"] == "dept-mkt" and task["owner"] == "lijie" and task["due"] == "2026-12-01"
    assert task["state"] == "pending" and task["status"] == "todo"

    # Named by the random end of its id (time-ordered ids share their beginning).
    changed = atrium("--profile", "lj", "task", "set", task["id"][-10:], "status=in_progress", "progress=30%")
    assert changed.code == 0, changed.err
    assert atrium("--profile", "lj", "sync", "--once").code == 0
    after = {t["id"]: t for t in as_json(atrium("--profile", "lj", "task", "list", "--mine", "--json"))}
    assert after[task["id"]]["status"] == "in_progress"
    assert after[task["id"]]["progress"] == 30
    assert after[task["id"]]["state"] == "synced"
    assert "准备发布会物料" in atrium("--profile", "lj", "task", "list", "--mine").out

    in_project = atrium("--profile", "lj", "task", "add", "Print the posters", "--space",
                        "Atrium 平台推广 · Platform rollout")
    assert in_project.code == 0, in_project.err
    one_error(atrium("--profile", "lj", "task", "add", "x", "--space", "nowhere"), "no space")
    one_error(atrium("--profile", "lj", "task", "add", "x", "--due", "2026-13-01"), "YYYY-MM-DD")
    one_error(atrium("--profile", "lj", "task", "set", task["id"], "colour=red"), "no field")
    one_error(atrium("--profile", "lj", "task", "set", task["id"], "owner=zhangwei"), "not a member")
    one_error(atrium("--profile", "lj", "task", "set", "feedbeefcafe", "status=done"), "no task")


def test_kb_add_edit_show(atrium: Atrium, login: Login, server: LiveServer, tmp_path: Path) -> None:
    login("zm", "zhaomin", server.url)
    added = atrium("--profile", "zm", "kb", "add", "报销审批流程说明", "--body", "第一版：先找部门经理审批。",
                   "--category", "培训资料", "--tag", "审批", "--tag", "报销")
    assert added.code == 0, added.err
    article_id = added.out.split()[3]
    shown = as_json(atrium("--profile", "zm", "kb", "show", article_id, "--json"))
    assert shown["status"] == "draft" and shown["tags"] == ["审批", "报销"] and shown["category"] == "培训资料"
    assert shown["body"] == "第一版：先找部门经理审批。"

    assert atrium("--profile", "zm", "sync", "--once").code == 0
    text = tmp_path / "body.md"
    text.write_text("第二版：部门经理 → 财务 → 总经理，线上审批。\n", encoding="utf-8")
    edited = atrium("--profile", "zm", "kb", "edit", article_id[-8:], "--file", str(text))
    assert edited.code == 0, edited.err
    assert atrium("--profile", "zm", "sync", "--once").code == 0
    shown = as_json(atrium("--profile", "zm", "kb", "show", article_id, "--json"))
    assert shown["body"].startswith("第二版") and shown["state"] == "synced"
    assert len(shown["revisions"]) == 2
    human = atrium("--profile", "zm", "kb", "show", article_id)
    assert "报销审批流程说明" in human.out and "第二版" in human.out

    unchanged = atrium("--profile", "zm", "kb", "edit", article_id, "--file", str(text))
    assert unchanged.code == 0 and "nothing to change" in unchanged.out
    one_error(atrium("--profile", "zm", "kb", "edit", article_id, "--file", str(tmp_path / "missing.md")),
              "cannot read")
    one_error(atrium("--profile", "zm", "kb", "show", "0000000000"), "no article")


def test_search_finds_chinese_and_english_words(atrium: Atrium, login: Login, server: LiveServer) -> None:
    login("lj", "lijie", server.url)
    chinese = as_json(atrium("--profile", "lj", "search", "审批", "--json"))
    assert chinese and all("审批" in hit["snippet"] for hit in chinese)
    english = as_json(atrium("--profile", "lj", "search", "offline", "--json"))
    assert any(hit["title"] == "Working offline: how Atrium syncs" for hit in english)
    assert {hit["kind"] for hit in english} <= {"message", "task", "article"}
    human = atrium("--profile", "lj", "search", "审批")
    assert human.code == 0 and "[article]" in human.out
    assert "nothing found" in atrium("--profile", "lj", "search", "zzzqqqxxx").out


def test_a_refused_change_is_shown_with_its_reason_and_can_be_discarded(
    atrium: Atrium, login: Login, server: LiveServer
) -> None:
    login("lj", "lijie", server.url)
    rollout = conversation_id(atrium, "lj", "Atrium 推广项目组")
    lijie = as_json(atrium("--profile", "lj", "status", "--json"))["user_id"]
    creator = Client.sign_in(server.url, "chenjing", "demo")
    try:  # the group's creator removes lijie while lijie is offline
        assert creator.do("conversation.remove_member", conversation_id=rollout, user_id=lijie)["status"] == "applied"
    finally:
        creator.close()

    queued = atrium("--profile", "lj", "chat", "send", "--conversation", rollout, "我这周五前交海报")
    assert queued.code == 0, queued.err
    synced = atrium("--profile", "lj", "sync", "--once")
    assert synced.code == 0, synced.err  # refusals are reported, not failures of the sync
    assert "refused" in synced.err and "not a member" in synced.err

    status = as_json(atrium("--profile", "lj", "status", "--json"))
    assert status["rejected"] == 1 and status["pending"] == 0
    refused = status["rejected_changes"][0]
    assert "not a member" in refused["reason"] and refused["name"] == "message.send"
    human = atrium("--profile", "lj", "status")
    assert f"#{refused['mutation_id']}" in human.out and "not a member" in human.out
    # The conversation is gone from this profile: access ended.
    assert all(c["id"] != rollout for c in as_json(atrium("--profile", "lj", "chat", "list", "--json")))

    discarded = atrium("--profile", "lj", "outbox", "discard", str(refused["mutation_id"]))
    assert discarded.code == 0, discarded.err
    assert as_json(atrium("--profile", "lj", "status", "--json"))["rejected"] == 0
    one_error(atrium("--profile", "lj", "outbox", "discard", str(refused["mutation_id"])), "no refused change")


def test_verbose_logs_what_sync_does_but_never_a_token(
    atrium: Atrium, login: Login, server: LiveServer, tmp_path: Path
) -> None:
    login("wf", "wangfang", server.url)
    tokens = TokenVault(str(tmp_path / "home" / "profiles" / "wf")).load()
    assert tokens is not None
    result = atrium("--profile", "wf", "-v", "sync", "--once")
    assert result.code == 0, result.err
    assert "atrium.sync" in result.err and "sync done" in result.err
    assert tokens.access_token not in result.err + result.out
    assert tokens.refresh_token not in result.err + result.out
    quiet = atrium("--profile", "wf", "sync", "--once")
    assert quiet.code == 0 and quiet.err == ""


# ------------------------------------------------------------------------------------------------ errors


def test_errors_are_one_line_without_a_traceback(atrium: Atrium, tmp_path: Path) -> None:
    one_error(atrium("status"), "not signed in")
    one_error(atrium("--profile", "ghost", "chat", "list"), "no profile", "ghost")
    one_error(atrium("--profile", "a:b", "status"), "not a usable profile name")
    one_error(atrium("--profile", "ghost", "sync", "--once"), "no profile")
    one_error(atrium("task"), "required", code=2)
    one_error(atrium("chat", "send", "hello"), "--to", code=2)
    one_error(atrium("login", "--server", "example.com", "--user", "x", "--password-stdin", stdin="pw\n"),
              "not a server address", code=2)

    newer = tmp_path / "home" / "profiles" / "newer"
    newer.mkdir(parents=True)
    with closing(sqlite3.connect(newer / "store.sqlite3")) as conn:
        conn.execute("PRAGMA user_version = 999")
    one_error(atrium("--profile", "newer", "status"), "newer version")
    one_error(atrium("--profile", "newer", "sync", "--once"), "newer version")


def test_refused_input_full_disk_and_unreachable_server_are_one_line(
    atrium: Atrium, login: Login, server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    login("lj", "lijie", server.url)
    one_error(atrium("--profile", "lj", "chat", "send", "--to", "nobody", "hi"), "no active person")
    one_error(atrium("--profile", "lj", "chat", "send", "--conversation", "dept-mkt", "   "), "empty")

    def full(*_args: object, **_kwargs: object) -> int:
        raise StoreError("the disk is full: nothing was lost, but free some space so Atrium can save again")

    with monkeypatch.context() as patch:
        patch.setattr(Store, "enqueue", full)
        one_error(atrium("--profile", "lj", "task", "add", "x"), "disk is full")


def test_a_different_server_is_refused(atrium: Atrium, login: Login, server: LiveServer, tmp_path: Path) -> None:
    login("lj", "lijie", server.url)
    with running_server(tmp_path / "other.db") as other:  # a new, empty server: another instance
        result = atrium("--profile", "lj", "login", "--server", other.url, "--user", "lijie", "--password-stdin",
                        stdin="demo\n")
    one_error(result, "another Atrium server")


# ------------------------------------------------------------------------------------------ entry point


def _console_script() -> list[str]:
    script = Path(sys.executable).with_name("atrium")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.main"]


def test_the_console_script_runs_without_qt(atrium: Atrium, login: Login, server: LiveServer) -> None:
    login("wf", "wangfang", server.url)
    done = subprocess.run([*_console_script(), "--profile", "wf", "status", "--json"], capture_output=True,
                          text=True, encoding="utf-8", timeout=60, env=dict(os.environ), check=False)
    assert done.returncode == 0, done.stderr
    status = json.loads(done.stdout)
    assert status["user"] == "wangfang" and status["signed_in"] is True
    probe = ("import sys; from ui.main import main; code = main(['--profile', 'wf', 'chat', 'list']);"
             "sys.exit(code or ('PySide6' in sys.modules and 3))")
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, encoding="utf-8",
                          timeout=60, env=dict(os.environ), check=False)
    assert done.returncode == 0, done.stderr
    assert "市场部" in done.stdout


@pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to a child process is a POSIX test")
def test_sync_follows_until_interrupted(atrium: Atrium, login: Login, server: LiveServer) -> None:
    login("wf", "wangfang", server.url, "--no-sync")
    # PYTHONFAULTHANDLER: if it does not stop, SIGABRT makes it print where every thread is.
    child = subprocess.Popen([*_console_script(), "--profile", "wf", "sync"], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True, encoding="utf-8",
                             env={**os.environ, "PYTHONFAULTHANDLER": "1"})
    try:
        assert child.stdout is not None
        assert "syncing profile wf" in child.stdout.readline()
        assert "synced with" in child.stdout.readline()  # blocks until the first sync has finished
        child.send_signal(signal.SIGINT)
        try:
            out, err = child.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGABRT)
            out, err = child.communicate(timeout=30)
            pytest.fail(f"`atrium sync` did not stop on SIGINT; where it was:\n{err}")
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate()
    assert child.returncode == 0, err
    assert "stopped" in out and "Traceback" not in err
    assert as_json(atrium("--profile", "wf", "status", "--json"))["last_sync"] is not None


def test_urgent_message_acknowledged_from_the_command_line(atrium: Atrium, login: Login, server: LiveServer) -> None:
    login("wf", "wangfang", server.url)
    login("em", "emily", server.url)
    one_error(atrium("--profile", "wf", "chat", "send", "--to", "emily", "--urgent", " ", "停机"), "reason")
    sent = atrium("--profile", "wf", "chat", "send", "--to", "emily", "--urgent", "Server room flooding",
                  "机房漏水，先停机")
    assert sent.code == 0, sent.err
    assert "2 urgent left" in sent.out
    assert atrium("--profile", "wf", "sync", "--once").code == 0
    assert atrium("--profile", "em", "sync", "--once").code == 0
    dm = conversation_id(atrium, "em", "王芳")
    page = as_json(atrium("--profile", "em", "chat", "history", dm, "--json"))
    [urgent] = [m for m in page["messages"] if m["urgent"]]
    assert urgent["urgent_reason"] == "Server room flooding" and urgent["ack_requested"]
    assert "please acknowledge" in atrium("--profile", "em", "chat", "history", dm).out
    assert atrium("--profile", "em", "chat", "ack", urgent["id"]).code == 0
    assert "already" in atrium("--profile", "em", "chat", "ack", urgent["id"]).out
    assert atrium("--profile", "em", "sync", "--once").code == 0
    assert atrium("--profile", "wf", "sync", "--once").code == 0
    acks = as_json(atrium("--profile", "wf", "chat", "acks", urgent["id"][-8:], "--json"))
    assert acks == {"message": urgent["id"], "acknowledged": [{"user": "emily", "at": acks["acknowledged"][0]["at"]}],
                    "waiting": [], "total": 1}
    assert "1 of 1 acknowledged" in atrium("--profile", "wf", "chat", "acks", urgent["id"]).out
