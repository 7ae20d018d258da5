"""`atrium demo --stop` and `--reset` with a window open (issue 20, item 1): a real demo server process, a real
window on the qasync loop, and the real `--stop` command in another process.

The server ends at once although the window's live stream is open (the stream is told "closing"); the window says
the server was stopped and follows it when it comes back on another port; after a reset it says the company was
reset and, when asked, signs in to the new company with a profile of its own (nothing of the old company in it).
The demo's files are private from the first start (issue 20, item 2).
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
import shiboken6
from PySide6.QtWidgets import QMessageBox

from app.services import chats
from app.store import reads
from tests.ui.test_app import application, loop, online, run, sandbox, until  # noqa: F401 - fixtures
from ui import demo
from ui.app import DesktopApp, Launch

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="signals and file modes of POSIX systems")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def refused(url: str) -> bool:
    host, port = url.removeprefix("http://").split(":")
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
    except OSError:
        return True
    return False


@pytest.fixture
def home(sandbox: Path) -> Iterator[Path]:  # noqa: F811 - the fixture imported above
    """The demo's folder under the test's own ATRIUM_HOME; whatever server a test leaves running is stopped."""
    folder = demo.demo_home()
    yield folder
    demo.stop_server(folder)


def demo_window(info: demo.ServerInfo, folder: Path) -> DesktopApp:
    return DesktopApp(application(), Launch(profile=demo.profile_for(folder, "wangfang", info.instance_id),
                                            server_url=info.url, username="wangfang", password="demo",
                                            language="en", demo_home=str(folder)))


def atrium_demo(*args: str) -> tuple[str, float]:
    """The real command in its own process (as a trainer runs it in a terminal): its output and how long it took."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "ui.main", "demo", *args], cwd=REPO, capture_output=True,
                          text=True, timeout=60, check=True)
    return done.stdout, time.perf_counter() - started


def test_stop_and_reset_with_a_window_open(loop: qasync.QEventLoop, home: Path) -> None:  # noqa: F811
    first = demo.start_server(home)
    # Private from the first start: the folder 0700, the database, its -wal/-shm, the log and server.json 0600.
    assert mode(home) == 0o700
    assert {name: mode(home / name) for name in (*demo.DATA_FILES, demo.LOG_FILE, demo.INFO_FILE)} == dict.fromkeys(
        (*demo.DATA_FILES, demo.LOG_FILE, demo.INFO_FILE), 0o600)
    desktop = demo_window(first, home)

    async def scenario() -> None:
        desktop.start()
        assert desktop._engine_task is not None
        await desktop._engine_task  # signs in and opens the window
        window, ctx, engine = desktop.window, desktop.ctx, desktop.engine
        assert window is not None and ctx is not None and engine is not None
        await online(desktop)
        await until(lambda: engine.live_connected, ctx.sync_state_changed)
        old_store = desktop.store_path
        sent: list[str] = []
        ctx.act(chats.send, reads.conversations(ctx.conn, ctx.user_id, "en")[0].id, "said before the reset",
                on_done=sent.append)
        await until(lambda: bool(sent) and reads.message(ctx.conn, sent[0]).state == "sent",  # type: ignore[union-attr]
                    ctx.data_changed)

        # --stop while the window's live stream is open: the server is gone when the command returns.
        out, took = await asyncio.to_thread(atrium_demo, "--stop")
        print(f"\natrium demo --stop with a window open: {took:.2f} s (command process included)")
        assert out.startswith("demo server stopped")
        assert not demo._alive(first.pid) and refused(first.url)
        assert demo.server_info(home) is None
        await until(lambda: window.statusBar().currentMessage().startswith("The demo server was stopped"),
                    ctx.sync_state_changed)
        assert window.sync_label.text().startswith("Offline") and window.isVisible()

        # `atrium demo` again: the same company on another port; the window follows it.
        again = await asyncio.to_thread(demo.start_server, home)
        assert again.instance_id == first.instance_id
        await until(lambda: desktop.engine is not None and desktop.engine.transport.base_url == again.url
                    and desktop.engine.state == "online", ctx.sync_state_changed, desktop.demo_watch.directoryChanged)
        assert window.statusBar().currentMessage() == ""

        # --reset: the server ends (again with the live stream open), the company starts afresh.
        started = time.perf_counter()
        fresh = await asyncio.to_thread(demo.reset, home)
        print(f"demo.reset (stop, wipe, seed a new company) with a window open: {time.perf_counter() - started:.2f} s")
        assert fresh.instance_id != first.instance_id and not demo._alive(again.pid)
        await until(lambda: desktop.reset_notice is not None and desktop.reset_notice.isVisible(),
                    desktop.demo_watch.directoryChanged, ctx.sync_state_changed)
        notice = desktop.reset_notice
        assert notice is not None and notice.text() == "The demo company was reset: it starts afresh."
        assert window.sync_label.text() == "Sync stopped" and window.isVisible()
        assert ctx.state("instance_id") == first.instance_id  # nothing of the new company came into the old store
        # "Sign in again": a new window over a new profile of the new company; the old window closes.
        (sign_in,) = [b for b in notice.buttons() if b.text() == "Sign in again"]
        assert notice.buttonRole(sign_in) == QMessageBox.ButtonRole.AcceptRole
        sign_in.click()
        await desktop._demo_task  # signing in to the new company; it opens the new window
        new_window, new_ctx = desktop.window, desktop.ctx
        assert new_window is not None and new_ctx is not None
        await online(desktop)
        assert new_window.isVisible() and (not shiboken6.isValid(window) or not window.isVisible())
        assert desktop.store_path != old_store
        assert new_ctx.state("instance_id") == fresh.instance_id
        assert new_ctx.state("server_url") == fresh.url
        bodies = [m.body for conv in reads.conversations(new_ctx.conn, new_ctx.user_id, "en")
                  for m in reads.history(new_ctx.conn, conv.id, None, user_id=new_ctx.user_id, language="en")]
        assert bodies and "said before the reset" not in bodies
        await desktop.shutdown()

    try:
        run(loop, scenario())
    finally:
        if desktop.window is not None:
            run(loop, desktop.shutdown())


def test_a_server_that_ignores_sigterm_is_killed_after_the_grace_period(home: Path) -> None:
    """`--stop` never waits more than STOP_GRACE_S for a server that does not end: then it kills it."""
    stubborn = subprocess.Popen(
        [sys.executable, "-c", "import signal, sys, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
         "print('ready', flush=True)\ntime.sleep(600)", "sync.server.cli", "--db", str(home / "server.db")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert stubborn.stdout is not None and stubborn.stdout.readline() == "ready\n"
        demo._write_info(home, demo.ServerInfo("http://127.0.0.1:9", stubborn.pid, "0" * 32))
        started = time.perf_counter()
        assert demo.stop_server(home, grace=0.5) is True
        print(f"\nstopping a server that ignores SIGTERM (grace 0.5 s): {time.perf_counter() - started:.2f} s")
        assert stubborn.wait(timeout=10) == -signal.SIGKILL
        assert demo.server_info(home) is None
    finally:
        if stubborn.poll() is None:
            stubborn.kill()
            stubborn.wait()
        if stubborn.stdout is not None:
            stubborn.stdout.close()


def test_a_stale_server_file_never_signals_another_program(home: Path) -> None:
    """server.json left behind by a crashed server may name a pid that another program has now: not ours, not
    signalled, and `--stop` says no demo server was running."""
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    try:
        demo._write_info(home, demo.ServerInfo("http://127.0.0.1:9", other.pid, "0" * 32))
        assert demo.stop_server(home) is False
        assert other.poll() is None
        assert demo.server_info(home) is None
    finally:
        other.kill()
        other.wait()


def test_a_server_file_from_before_instance_ids_still_works(home: Path) -> None:
    """An earlier `atrium demo` wrote only url and pid: the server it names is asked who it is, and stops."""
    info = demo.start_server(home)
    (home / demo.INFO_FILE).write_text(f'{{"url": "{info.url}", "pid": {info.pid}}}', encoding="utf-8")
    assert demo.running_server(home) == info
    assert demo.server_info(home) == info  # written back with the instance id
    (home / demo.INFO_FILE).write_text(f'{{"url": "{info.url}", "pid": {info.pid}}}', encoding="utf-8")
    assert demo.stop_server(home) is True and not demo._alive(info.pid)
