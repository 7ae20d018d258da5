"""`atrium login`, `logout` and `logout --wipe`, and signing in for one run where there is no system keychain.

A signed-out profile forgets its person but stays theirs: signing in again as them continues the outbox (sent
exactly once), anyone else is refused; `--wipe` deletes the local copy, never silently with unsent changes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring.core
import pytest
from keyring.backends import fail

from app.credentials import TokenVault
from app.store import Store
from tests.cli.conftest import DEMO_PASSWORD, Atrium, Result, as_json, one_error
from tests.helpers.live_server import LiveServer

Login = Callable[..., Result]



def profile_folder(tmp_path: Path, name: str) -> Path:
    return tmp_path / "home" / "profiles" / name


def state_of(tmp_path: Path, profile: str, key: str) -> str | None:
    store = Store(profile_folder(tmp_path, profile) / "store.sqlite3")
    try:
        return store.state(key)
    finally:
        store.close()


def messages_with(atrium: Atrium, profile: str, title_start: str, text: str) -> list[dict[str, Any]]:
    found = [c for c in as_json(atrium("--profile", profile, "chat", "list", "--json"))
             if c["title"].startswith(title_start)]
    assert len(found) == 1, found
    page = as_json(atrium("--profile", profile, "chat", "history", found[0]["id"], "--json"))
    return [m for m in page["messages"] if text in m["body"]]


def test_logout_forgets_the_person_and_the_same_person_sends_the_outbox_once(
    atrium: Atrium, login: Login, server: LiveServer, tmp_path: Path
) -> None:
    login("hl", "huanglei", server.url)
    client_id = state_of(tmp_path, "hl", "client_id")
    assert client_id
    assert atrium("--profile", "hl", "chat", "send", "--to", "wuqiang", "明天带上备用网卡").code == 0

    out = atrium("--profile", "hl", "logout")
    assert out.code == 0, out.err
    assert "signed out" in out.out and "1 unsent changes are kept" in out.out
    status = as_json(atrium("--profile", "hl", "status", "--json"))
    assert (status["user"], status["user_id"], status["display_name"], status["role"]) == (None, None, None, None)
    assert status["pending"] == 1 and status["signed_in"] is False and status["server"] == server.url
    assert "signed out: huanglei" in atrium("--profile", "hl", "status").out
    # Offline commands no longer act as the person who signed out.
    one_error(atrium("--profile", "hl", "chat", "list"), "not signed in")
    one_error(atrium("--profile", "hl", "chat", "send", "--to", "wuqiang", "hi"), "not signed in")
    one_error(atrium("--profile", "hl", "sync", "--once"), "sign in")
    again = atrium("--profile", "hl", "logout")
    assert again.code == 0 and "nothing to sign out of" in again.out

    # Someone else is refused, before and after asking the server; the profile stays huanglei's, untouched.
    one_error(atrium("--profile", "hl", "login", "--server", server.url, "--user", "wuqiang", "--password-stdin",
                     stdin=DEMO_PASSWORD + "\n"), "belongs to huanglei")
    assert as_json(atrium("--profile", "hl", "status", "--json"))["user"] is None

    login("hl", "HuangLei", server.url)  # user names are case-insensitive, as on the server
    assert state_of(tmp_path, "hl", "client_id") == client_id  # the same client: its numbering goes on
    status = as_json(atrium("--profile", "hl", "status", "--json"))
    assert status["user"] == "huanglei" and status["pending"] == 0 and status["rejected"] == 0
    assert atrium("--profile", "hl", "sync", "--once").code == 0

    login("wq", "wuqiang", server.url)
    seen = messages_with(atrium, "wq", "黄磊", "明天带上备用网卡")
    assert len(seen) == 1 and seen[0]["state"] == "sent" and seen[0]["author"] == "huanglei"


def test_logout_wipe_refuses_unsent_changes_unless_forced_and_deletes_the_local_copy(
    atrium: Atrium, login: Login, server: LiveServer, tmp_path: Path
) -> None:
    login("wf", "wangfang", server.url)
    folder = profile_folder(tmp_path, "wf")
    assert atrium("--profile", "wf", "task", "add", "整理离职交接清单").code == 0
    assert atrium("--profile", "wf", "chat", "send", "--to", "lijie", "交接文档在共享盘").code == 0

    pending = as_json(atrium("--profile", "wf", "status", "--json"))["pending"]
    assert pending >= 2  # a first message to someone also opens the direct chat

    one_error(atrium("--profile", "wf", "logout", "--wipe"), f"{pending} unsent changes", "--force")
    status = as_json(atrium("--profile", "wf", "status", "--json"))  # refused: nothing was done
    assert status["user"] == "wangfang" and status["signed_in"] is True and status["pending"] == pending
    one_error(atrium("--profile", "wf", "logout", "--force"), "--wipe", code=2)

    wiped = atrium("--profile", "wf", "logout", "--wipe", "--force")
    assert wiped.code == 0, wiped.err
    assert "deleted its local copy" in wiped.out and f"{pending} unsent changes were dropped" in wiped.out
    assert not [p for p in folder.iterdir() if p.name.startswith("store.sqlite3")]
    assert TokenVault(str(folder)).load() is None
    one_error(atrium("--profile", "wf", "status"), "no profile")

    login("lj", "lijie", server.url)  # nothing unsent: no --force needed
    assert atrium("--profile", "lj", "logout", "--wipe").code == 0
    assert not (profile_folder(tmp_path, "lj") / "store.sqlite3").exists()


def test_without_a_keychain_login_says_so_once_and_sync_signs_in_for_the_run(
    atrium: Atrium, login: Login, server: LiveServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    monkeypatch.setattr(keyring.core, "_keyring_backend", fail.Keyring())

    signed_in = login("nk", "wangfang", server.url)
    assert "synced:" in signed_in.out
    assert signed_in.error_lines == [
        "atrium: warning: no system keychain: this session lasts only for this command; run "
        "`atrium --profile nk sync --once --user wangfang --password-stdin` to sync later"
    ]
    status = as_json(atrium("--profile", "nk", "status", "--json"))
    assert status["keychain"] is False and status["signed_in"] is False and status["user"] == "wangfang"
    assert status["pending"] == 0
    assert atrium("--profile", "nk", "chat", "send", "--to", "lijie", "离线写的消息").code == 0
    pending = as_json(atrium("--profile", "nk", "status", "--json"))["pending"]

    one_error(atrium("--profile", "nk", "sync", "--once"), "no system keychain", "--user NAME --password-stdin")
    one_error(atrium("--profile", "nk", "sync", "--once", "--user", "lijie", "--password-stdin",
                     stdin=DEMO_PASSWORD + "\n"), "belongs to wangfang")
    one_error(atrium("--profile", "nk", "sync", "--once", "--password-stdin"), "--user", code=2)
    one_error(atrium("--profile", "nk", "sync", "--once", "--user", "wangfang", "--password-stdin",
                     stdin="wrong\n"), "wrong user name or password")

    synced = atrium("--profile", "nk", "sync", "--once", "--user", "wangfang", "--password-stdin",
                    stdin=DEMO_PASSWORD + "\n")
    assert synced.code == 0, synced.err
    assert f"{pending} changes sent" in synced.out and synced.err == ""
    assert as_json(atrium("--profile", "nk", "status", "--json"))["pending"] == 0

    # Signed out, the profile still knows whose it is: its person can sync for a run again.
    assert atrium("--profile", "nk", "logout").code == 0
    again = atrium("--profile", "nk", "sync", "--once", "--user", "wangfang", "--password-stdin",
                   stdin=DEMO_PASSWORD + "\n")
    assert again.code == 0, again.err
    assert as_json(atrium("--profile", "nk", "status", "--json"))["user"] == "wangfang"
