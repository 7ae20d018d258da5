"""The whole desktop app in-process, the way `atrium demo` starts it: a real server with the demo company,
sign-in, the main window, syncing, working offline and reconnecting, switching language, remembered layout.

Everything runs on one qasync loop (asyncio inside Qt), as in `ui.app.run`. Tests wait on signals and on the
app's own tasks, never on time. Settings go to a private folder under a test organisation name, so the
person's real Atrium settings are never touched.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QLocale, QSettings, SignalInstance
from PySide6.QtWidgets import QApplication

from app.services import chats
from app.store import reads
from sync.server.demo import seed_demo
from sync.transport import Transport
from tests.helpers.live_server import running_server
from ui import i18n
from ui.app import DesktopApp, Launch, make_application
from ui.main_window import SECTIONS
from ui.sync_centre.view import SyncCentreView

WAIT = 60.0  # seconds a whole scenario may take before a test fails (servers start and stop in it)


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)
    # Collect the loop's and the app's Qt objects here, on the GUI thread: a garbage collection that happens
    # to run in a server thread later would destroy them there ("Timers cannot be stopped from another thread").
    gc.collect()


@pytest.fixture
def sandbox(tmp_path: Path, qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Private settings, keychain and data folders; the application's names and locale are put back after."""
    names = QCoreApplication.organizationName(), QCoreApplication.applicationName()
    locale = QLocale()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyrings.alt.file.PlaintextKeyring")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("ATRIUM_HOME", str(tmp_path / "atrium"))
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path
    QCoreApplication.setOrganizationName(names[0])
    QCoreApplication.setApplicationName(names[1])
    QLocale.setDefault(locale)


def application() -> QApplication:
    app = make_application()
    # make_application names the real app; these tests keep to their own settings.
    QCoreApplication.setOrganizationName("AtriumTests")
    QCoreApplication.setApplicationName("test_app")
    return app


def run(loop: qasync.QEventLoop, awaitable: Awaitable[Any], timeout: float = WAIT) -> Any:
    return loop.run_until_complete(asyncio.wait_for(awaitable, timeout))


async def until(predicate: Callable[[], Any], *signals: SignalInstance) -> None:
    """Wait until `predicate()` holds, checking again each time one of `signals` fires."""
    while not predicate():
        fired: asyncio.Future[None] = asyncio.get_running_loop().create_future()

        def poke(*_args: object, fired: asyncio.Future[None] = fired) -> None:
            if not fired.done():
                fired.set_result(None)

        for signal in signals:
            signal.connect(poke)
        try:
            await fired
        finally:
            for signal in signals:
                signal.disconnect(poke)


class Apps:
    """Opens apps as `atrium demo` does; whatever a test leaves open is shut down after it, even on failure."""

    def __init__(self, loop: qasync.QEventLoop) -> None:
        self.loop = loop
        self.opened: list[DesktopApp] = []

    async def open(self, profile: Path, url: str) -> DesktopApp:
        """Start the app and wait until it is signed in, its window shown, and its first sync done."""
        desktop = DesktopApp(application(), Launch(profile=str(profile), server_url=url, username="wangfang",
                                                   password="demo", language="en"))
        self.opened.append(desktop)
        desktop.start()
        first = desktop._engine_task
        if first is not None and desktop.window is None:
            await first  # signing in; it opens the window
        assert desktop.window is not None and desktop.ctx is not None
        await online(desktop)
        return desktop

    def close_all(self) -> None:
        for desktop in self.opened:
            if desktop.window is not None or desktop._engine_task is not None:
                run(self.loop, desktop.shutdown())
            i18n.uninstall(desktop.app, desktop.translators)  # a failed test must not leave Chinese behind


@pytest.fixture
def apps(loop: qasync.QEventLoop, sandbox: Path) -> Iterator[Apps]:
    opened = Apps(loop)
    yield opened
    opened.close_all()


async def online(desktop: DesktopApp) -> None:
    """Wait for the end of a successful sync (a poke may start the next one as soon as the loop turns, so
    whatever must be seen in this state is checked right after, before awaiting anything else)."""
    assert desktop.ctx is not None
    await until(lambda: desktop.engine is not None and desktop.engine.state == "online",
                desktop.ctx.sync_state_changed)


def message_state(desktop: DesktopApp, message_id: str) -> str | None:
    assert desktop.ctx is not None
    found = reads.message(desktop.ctx.conn, message_id)
    return found.state if found else None


def first_conversation(desktop: DesktopApp) -> str:
    assert desktop.ctx is not None
    return reads.conversations(desktop.ctx.conn, desktop.ctx.user_id, "en")[0].id


def sync_centre(desktop: DesktopApp) -> SyncCentreView:
    assert desktop.window is not None
    centre = desktop.window.show_section("sync")
    assert isinstance(centre, SyncCentreView)
    return centre


# -------------------------------------------------------------------------------------------------- tests


def test_demo_start_signs_in_syncs_and_shuts_down(loop: qasync.QEventLoop, sandbox: Path, apps: Apps) -> None:
    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            desktop = await apps.open(sandbox / "profile", server.url)
            window, ctx = desktop.window, desktop.ctx
            assert window is not None and ctx is not None
            assert window.sync_label.text() == "Online · up to date"
            assert window.isVisible()
            assert ctx.language == "en"
            assert ctx.state("username") == "wangfang" and ctx.state("server_url") == server.url
            assert reads.conversations(ctx.conn, ctx.user_id, "en"), "the first sync brought the demo chats"
            chats_page = window.page("chats")
            assert type(chats_page).__name__ == "ChatsView"
            assert window.stack.currentWidget() is chats_page
            centre = sync_centre(desktop)
            await online(desktop)
            assert centre.state_label.text() == "Online · up to date"
            assert centre.last_sync_label.text() == "just now"
            assert centre.pending_label.text() == "Nothing waiting to be sent"
            assert "wangfang" in centre.person_label.text() and centre.server_label.text() == server.url
            engine_task = desktop._engine_task
            await desktop.shutdown()
            assert engine_task is not None and engine_task.done()
            assert desktop.window is None and desktop.ctx is None
            assert not window.isVisible()

    run(loop, scenario())


def test_offline_message_waits_and_is_sent_exactly_once_on_reconnect(
    loop: qasync.QEventLoop, sandbox: Path, apps: Apps
) -> None:
    database = sandbox / "server.db"

    async def scenario() -> None:
        with running_server(database) as first:
            seed_demo(first.db)
            desktop = await apps.open(sandbox / "profile", first.url)
        # The server is gone: what the person does now is saved locally and waits.
        ctx, window, engine = desktop.ctx, desktop.window, desktop.engine
        assert ctx is not None and window is not None and engine is not None
        conversation = first_conversation(desktop)
        sent: list[str] = []
        ctx.act(chats.send, conversation, "written on the train", on_done=sent.append)
        await until(lambda: sent and engine.state == "offline", ctx.sync_state_changed, ctx.data_changed)
        message_id = sent[0]
        assert message_state(desktop, message_id) == "pending"  # the chat shows it as "sending…"
        assert window.sync_label.text().startswith("Offline")
        centre = sync_centre(desktop)
        assert centre.pending_label.text() == "1 message"
        assert centre.state_label.text().startswith("Offline")
        assert centre.error_label.isVisibleTo(centre)  # why it is offline, in words

        with running_server(database) as second:
            # The same server (same database) is back, on another port: point the client at it.
            old_transport = engine.transport
            engine.transport = Transport(second.url)
            ctx.sync_requested.emit()
            await until(lambda: message_state(desktop, message_id) == "sent", ctx.data_changed)
            await online(desktop)
            assert centre.state_label.text() == "Online · up to date"
            assert centre.pending_label.text() == "Nothing waiting to be sent"
            # The last problem is cleared in the store with the sync's end; the page hears of that commit through
            # the (throttled) change relay, a moment after the engine's state.
            await until(lambda: not centre.error_label.isVisibleTo(centre), ctx.data_changed)
            history = reads.history(ctx.conn, conversation, None, user_id=ctx.user_id, language="en")
            assert [m.body for m in history].count("written on the train") == 1
            await desktop.shutdown()
            await old_transport.aclose()

    run(loop, scenario())


def test_switching_language_rebuilds_the_window(
    loop: qasync.QEventLoop, sandbox: Path, qapp: QApplication, apps: Apps
) -> None:
    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            desktop = await apps.open(sandbox / "profile", server.url)
            old_window, old_ctx = desktop.window, desktop.ctx
            assert old_window is not None and old_ctx is not None
            english = [old_window.nav.item(i).text() for i in range(len(SECTIONS))]
            sync_centre(desktop)
            closed: list[bool] = []
            qapp.lastWindowClosed.connect(lambda: closed.append(True))

            old_window.language_requested.emit("zh")

            window, ctx = desktop.window, desktop.ctx
            assert window is not None and ctx is not None
            assert window is not old_window and ctx is not old_ctx
            assert ctx.language == "zh" and desktop.language == "zh"
            assert window.isVisible() and not old_window.isVisible()
            assert isinstance(window.stack.currentWidget(), SyncCentreView)  # still where the person was
            assert closed == [], "switching language must not look like closing the app"
            assert QSettings().value("ui/language") == "zh"
            assert QLocale().language() == QLocale.Language.Chinese
            assert window.sync_label.text()  # the new window was told the engine's state
            chinese = [window.nav.item(i).text() for i in range(len(SECTIONS))]
            if QCoreApplication.translate("MainWindow", "Chats") != "Chats":
                assert chinese != english
                assert all(any("\u4e00" <= ch <= "\u9fff" for ch in title) for title in chinese)
            else:  # TODO: the Chinese catalogue has no translations yet (`python -m ui.i18n`, then translate)
                assert chinese == english
            # The app carries on in the new window: the next sync reaches it.
            ctx.sync_requested.emit()
            online_text = QCoreApplication.translate("MainWindow", "Online · up to date")
            await until(lambda: window.sync_label.text() == online_text, ctx.sync_state_changed)
            window.language_requested.emit("en")
            assert desktop.ctx is not None and desktop.ctx.language == "en"
            await desktop.shutdown()

    run(loop, scenario())


def test_window_geometry_and_section_are_remembered(loop: qasync.QEventLoop, sandbox: Path, apps: Apps) -> None:
    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            desktop = await apps.open(sandbox / "profile", server.url)
            assert desktop.window is not None
            desktop.window.resize(700, 500)  # within the offscreen screen (800×600)
            sync_centre(desktop)
            await desktop.shutdown()
            assert QSettings().organizationName() == "AtriumTests"
            assert QSettings().value("window/section", 0, int) == SECTIONS.index("sync")

            # Second start: the profile is signed in already, so the window opens at once from the store.
            again = await apps.open(sandbox / "profile", server.url)
            window = again.window
            assert window is not None
            assert window.nav.currentRow() == SECTIONS.index("sync")
            assert isinstance(window.stack.currentWidget(), SyncCentreView)
            assert (window.width(), window.height()) == (700, 500)
            await again.shutdown()

    run(loop, scenario())


def test_work_offline_stops_and_resumes_syncing(loop: qasync.QEventLoop, sandbox: Path, apps: Apps) -> None:
    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            desktop = await apps.open(sandbox / "profile", server.url)
            window, ctx, engine = desktop.window, desktop.ctx, desktop.engine
            assert window is not None and ctx is not None and engine is not None
            centre = sync_centre(desktop)
            task = desktop._engine_task
            centre.offline_button.click()
            assert desktop.work_offline
            assert task is not None
            await asyncio.gather(task, return_exceptions=True)
            assert desktop._engine_task is None
            await until(lambda: centre.state_label.text().startswith("Working offline"), ctx.sync_state_changed)
            assert window.sync_label.text().startswith("Offline")

            sent: list[str] = []
            ctx.act(chats.send, first_conversation(desktop), "kept until I say so", on_done=sent.append)
            await until(lambda: sent and centre.pending_label.text() == "1 message", ctx.data_changed,
                        ctx.sync_requested)
            assert message_state(desktop, sent[0]) == "pending"
            assert engine.state != "syncing"

            centre.offline_button.click()
            assert not desktop.work_offline
            await until(lambda: message_state(desktop, sent[0]) == "sent", ctx.data_changed)
            await online(desktop)
            assert centre.state_label.text() == "Online · up to date"
            await desktop.shutdown()

    run(loop, scenario())


def test_an_ended_session_asks_to_sign_in_again_and_keeps_the_outbox(
    loop: qasync.QEventLoop, sandbox: Path, apps: Apps
) -> None:
    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            desktop = await apps.open(sandbox / "profile", server.url)
            ctx, engine = desktop.ctx, desktop.engine
            assert ctx is not None and engine is not None
            # The session is revoked on the server (as when the person signed out on another device).
            tokens = engine.vault.load()
            assert tokens is not None
            await engine.transport.logout(tokens.access_token)
            sent: list[str] = []
            ctx.act(chats.send, first_conversation(desktop), "kept while signed out", on_done=sent.append)
            await until(lambda: bool(sent), ctx.data_changed)
            await until(lambda: getattr(desktop, "_login_dialog", None) is not None, ctx.sync_state_changed)
            dialog = desktop._login_dialog
            assert dialog.isVisible() and dialog.user_edit.text() == "wangfang"
            assert message_state(desktop, sent[0]) == "pending"
            # Signing in again sends what waited, exactly once; "Remember me" unticked forgets it at exit.
            dialog.remember_check.setChecked(False)
            assert dialog.attempt is not None
            assert await dialog.attempt(server.url, "wangfang", "demo") is None
            await until(lambda: message_state(desktop, sent[0]) == "sent", ctx.data_changed)
            history = reads.history(ctx.conn, first_conversation(desktop), None, 50)
            assert [m.body for m in history].count("kept while signed out") == 1
            vault = engine.vault
            await desktop.shutdown()
            assert vault.load() is None

    run(loop, scenario())


def test_demo_signs_in_again_by_itself_when_no_session_was_kept(
    loop: qasync.QEventLoop, sandbox: Path, apps: Apps
) -> None:
    """Without a keychain the session lasts one run; `atrium demo` knows the password, so the next start of the
    same profile signs in by itself instead of asking the trainer."""

    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            first = await apps.open(sandbox / "profile", server.url)
            assert first.engine is not None
            vault = first.engine.vault
            await first.shutdown()
            vault.clear()
            again = await apps.open(sandbox / "profile", server.url)
            assert getattr(again, "_login_dialog", None) is None
            assert again.window is not None and again.window.sync_label.text() == "Online · up to date"

    run(loop, scenario())


def test_a_new_profile_shows_the_person_once_the_first_sync_brings_them(
    loop: qasync.QEventLoop, sandbox: Path, apps: Apps
) -> None:
    async def scenario() -> None:
        with running_server(sandbox / "server.db") as server:
            seed_demo(server.db)
            desktop = await apps.open(sandbox / "fresh-profile", server.url)
            assert desktop.window is not None
            text = desktop.window.person_label.text()
            assert "Wang Fang" in text and "Department head" in text

    run(loop, scenario())
