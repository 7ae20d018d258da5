"""`atrium demo`: a local server with the demo company on a free loopback port, and the app signed in to it.

The server runs as its own process and outlives the window, so a trainer can open several people side by
side (`atrium demo --user lijie` in a second terminal joins the same company). `--reset` starts the practice
company afresh; `--stop` ends the server. Client code never imports the server: it is started as a command.

The demo's folder (Atrium's data folder, `demo/`, 0700) holds the server's database and log (0600) and
`server.json`: the running server's address, process id and instance id. Open windows watch that file
(`DemoWatch` in ui/app.py): when it goes the server was stopped, when it names another instance the company was
reset, when it names another address the server came back elsewhere. Each company instance has its own
profiles (`profiles/<instance>/<user>`), so a window of the old company and one of the new never share a store.

Stopping is bounded: SIGTERM ends the live streams and the server (sync/server/app.py StoppingServer); whatever
is still alive after STOP_GRACE_S gets SIGKILL, and the command returns only once the process is gone.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from app import clock, paths

DEMO_PASSWORD = "demo"
DEFAULT_USER = "wangfang"
INFO_FILE = "server.json"
LOG_FILE = "server.log"
DATA_FILES = ("server.db", "server.db-wal", "server.db-shm")
STOP_GRACE_S = 2.0  # SIGTERM, then SIGKILL: --stop and --reset end the server within about this plus a second
_LISTENING = re.compile(r"listening on (http://127\.0\.0\.1:\d+) \(instance ([0-9a-f]+)\)")


@dataclass(frozen=True)
class ServerInfo:
    url: str
    pid: int
    instance_id: str


def demo_home() -> Path:
    home = paths.data_home() / "demo"
    paths.ensure_private_dir(home)
    return home


def server_info(home: Path) -> ServerInfo | None:
    """What `server.json` says about the demo server (no network; None when there is none or it is unreadable)."""
    try:
        data = json.loads((home / INFO_FILE).read_text(encoding="utf-8"))
        # An earlier version wrote no instance id: such a server can still be stopped, and asked who it is.
        return ServerInfo(str(data["url"]), int(data["pid"]), str(data.get("instance_id", "")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def running_server(home: Path) -> ServerInfo | None:
    """The demo server if one is running and answering as the instance `server.json` names, else None."""
    info = server_info(home)
    if info is None:
        return None
    try:
        with urllib.request.urlopen(f"{info.url}/healthz", timeout=2) as reply:
            answer = json.loads(reply.read())
    except (OSError, ValueError):
        return None
    if not info.instance_id and answer.get("instance_id"):
        info = ServerInfo(info.url, info.pid, str(answer["instance_id"]))
        _write_info(home, info)
    return info if answer.get("instance_id") == info.instance_id else None


def local_zone_name() -> str:
    """The computer's IANA zone, so the demo's history sits at the viewer's working hours ("UTC" if it has no
    name the server would know)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    name = str(getattr(clock.local_zone(), "key", None) or "UTC")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


def start_server(home: Path, timeout: float = 30.0) -> ServerInfo:
    log_path = home / LOG_FILE
    # Private like the database: the log names accounts and addresses. Made 0600 before anything is written.
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        if os.name == "posix":
            os.fchmod(log, 0o600)
        proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "--db", str(home / "server.db"), "--host", "127.0.0.1",
             "--port", "0", "--demo", "--demo-zone", local_zone_name()],
            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    finally:
        os.close(log)
    # Reap it whenever it ends (by --stop from another terminal, say): an ended child nobody waits for stays a
    # zombie that still answers "alive" to a signal 0, and --stop would wait for it in vain.
    threading.Thread(target=proc.wait, name="demo-server-reaper", daemon=True).start()
    deadline = clock.monotonic() + timeout
    while clock.monotonic() < deadline:
        found = _LISTENING.search(log_path.read_text(encoding="utf-8", errors="replace"))
        if found:
            info = ServerInfo(found.group(1), proc.pid, found.group(2))
            _write_info(home, info)
            return info
        if proc.poll() is not None:
            break
        time.sleep(0.05)  # waiting for another process to write its first line
    proc.kill()
    raise RuntimeError(f"the demo server did not start; see {log_path}")


def _write_info(home: Path, info: ServerInfo) -> None:
    """Replace server.json in one step: a window reading it never sees half a file."""
    partial = home / f".{INFO_FILE}.{os.getpid()}"
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump({"url": info.url, "pid": info.pid, "instance_id": info.instance_id}, out)
    os.replace(partial, home / INFO_FILE)


def stop_server(home: Path, grace: float = STOP_GRACE_S) -> bool:
    """End the demo server and wait until its process is gone (SIGKILL after `grace` seconds); False if none ran.

    `server.json` goes only after the process has: a window that sees it go knows the server is gone."""
    info = server_info(home)
    if info is None:
        return False
    stopped = False
    if _is_demo_server(info.pid, home):
        try:
            os.kill(info.pid, signal.SIGTERM)  # the server ends its live streams, then exits
            stopped = True
        except (ProcessLookupError, PermissionError):
            pass
        if stopped and not _wait_gone(info.pid, grace):
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(info.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            _wait_gone(info.pid, 1.0)
    (home / INFO_FILE).unlink(missing_ok=True)
    return stopped


def reset(home: Path) -> ServerInfo:
    """A fresh practice company: the server stops, its data and every demo profile go, a new server starts."""
    stop_server(home)
    for name in DATA_FILES:
        (home / name).unlink(missing_ok=True)
    # Profiles belong to one company instance each; windows still open on old ones hold their own files.
    shutil.rmtree(home / "profiles", ignore_errors=True)
    return start_server(home)


def profile_for(home: Path, user: str, instance_id: str) -> str:
    folder = home / "profiles" / instance_id[:12] / user
    paths.ensure_private_dir(folder)
    return str(folder)


# ------------------------------------------------------------------------------------------- processes


def _is_demo_server(pid: int, home: Path) -> bool:
    """Whether `pid` is still this demo's server (a stale server.json may name a pid some other program has now)."""
    if Path("/proc/self/cmdline").exists():
        try:
            args = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            return False
        return b"sync.server.cli" in args and str(home / "server.db").encode() in args
    return _alive(pid)  # no /proc (macOS, Windows): the pid is trusted while it lives


def _alive(pid: int) -> bool:
    if os.name == "nt":
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return bool(kernel32.WaitForSingleObject(handle, 0) == 0x102)  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return False  # the pid belongs to someone else's process now: ours is gone
    try:  # an ended child its parent has not reaped yet still exists as a zombie ("Z")
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _wait_gone(pid: int, timeout: float) -> bool:
    deadline = clock.monotonic() + timeout
    while _alive(pid):
        if clock.monotonic() >= deadline:
            return False
        time.sleep(0.02)  # another process's exit has no event to wait on here
    return True


# --------------------------------------------------------------------------------------------- command


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="atrium demo", description=__doc__.split("\n\n")[0])
    parser.add_argument("--user", default=DEFAULT_USER, help="demo account to sign in as (default: wangfang)")
    parser.add_argument("--lang", choices=("zh", "en"), help="UI language")
    parser.add_argument("--reset", action="store_true", help="start the practice company afresh")
    parser.add_argument("--stop", action="store_true", help="stop the demo server and exit")
    args = parser.parse_args(argv)
    home = demo_home()
    if args.stop:
        started = clock.monotonic()
        if stop_server(home):
            print(f"demo server stopped ({clock.monotonic() - started:.1f} s); open windows say so", flush=True)
        else:
            print("no demo server was running", flush=True)
        return 0
    if args.reset:
        info = reset(home)
        print("demo company reset: a new company is running; open windows offer to sign in to it", flush=True)
    else:
        info = running_server(home) or start_server(home)
    print(f"Atrium demo company at {info.url} — signed in as {args.user} (password: {DEMO_PASSWORD})", flush=True)
    from .app import Launch, run

    return run(Launch(profile=profile_for(home, args.user, info.instance_id), server_url=info.url,
                      username=args.user, password=DEMO_PASSWORD, language=args.lang, demo_home=str(home)))
