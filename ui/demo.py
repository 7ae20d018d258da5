"""`atrium demo`: a local server with the demo company on a free loopback port, and the app signed in to it.

The server runs as its own process and outlives the window, so a trainer can open several people side by
side (`atrium demo --user lijie` in a second terminal joins the same company). `--reset` starts the practice
company afresh; `--stop` ends the server. Client code never imports the server: it is started as a command.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from app import clock, paths

DEMO_PASSWORD = "demo"
DEFAULT_USER = "wangfang"


def demo_home() -> Path:
    home = paths.data_home() / "demo"
    paths.ensure_private_dir(home)
    return home


def running_server(home: Path) -> str | None:
    """The URL of the demo server if one is running and answering, else None."""
    info = home / "server.json"
    if not info.exists():
        return None
    try:
        url = json.loads(info.read_text())["url"]
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as reply:
            return str(url) if reply.status == 200 else None
    except (OSError, ValueError, KeyError):
        return None


def start_server(home: Path, timeout: float = 20.0) -> str:
    log_path = home / "server.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "--db", str(home / "server.db"), "--host", "127.0.0.1",
             "--port", "0", "--demo"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
    deadline = clock.monotonic() + timeout
    while clock.monotonic() < deadline:
        match = re.search(r"http://127\.0\.0\.1:\d+", log_path.read_text(errors="replace"))
        if match:
            (home / "server.json").write_text(json.dumps({"url": match.group(0), "pid": proc.pid}))
            return match.group(0)
        if proc.poll() is not None:
            break
        time.sleep(0.05)  # waiting for another process to write its first line
    proc.kill()
    raise RuntimeError(f"the demo server did not start; see {log_path}")


def stop_server(home: Path) -> bool:
    info = home / "server.json"
    if not info.exists():
        return False
    try:
        pid = int(json.loads(info.read_text())["pid"])
        os.kill(pid, signal.SIGTERM)
    except (OSError, ValueError, KeyError):
        pass
    info.unlink(missing_ok=True)
    return True


def reset(home: Path) -> None:
    """A fresh practice company: the server's data and every demo profile go."""
    stop_server(home)
    for name in ("server.db", "server.db-wal", "server.db-shm"):
        (home / name).unlink(missing_ok=True)
    shutil.rmtree(home / "profiles", ignore_errors=True)


def profile_for(home: Path, user: str) -> str:
    folder = home / "profiles" / user
    paths.ensure_private_dir(folder)
    return str(folder)


def main(argv: list[str]) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="atrium demo", description=__doc__)
    parser.add_argument("--user", default=DEFAULT_USER, help="demo account to sign in as (default: wangfang)")
    parser.add_argument("--lang", choices=("zh", "en"), help="UI language")
    parser.add_argument("--reset", action="store_true", help="start the practice company afresh")
    parser.add_argument("--stop", action="store_true", help="stop the demo server and exit")
    args = parser.parse_args(argv)
    home = demo_home()
    if args.stop:
        print("demo server stopped" if stop_server(home) else "no demo server was running")
        return 0
    if args.reset:
        reset(home)
    url = running_server(home) or start_server(home)
    print(f"Atrium demo company at {url} — signed in as {args.user} (password: {DEMO_PASSWORD})", flush=True)
    from .app import Launch, run

    return run(Launch(profile=profile_for(home, args.user), server_url=url, username=args.user,
                      password=DEMO_PASSWORD, language=args.lang))
