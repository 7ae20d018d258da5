"""Starting the desktop app: the Qt application, asyncio inside it (qasync), sign-in, and the main window.

The first paint needs only Qt and the local store; the network stack (httpx, the sync engine) is imported
after the window is shown, so a profile with 100k messages still opens in well under a second.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import sys
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from app import paths
from app.store.worker import StoreWorker

from . import i18n
from .context import AppContext
from .main_window import MainWindow

if TYPE_CHECKING:
    from sync.engine import SyncEngine

log = logging.getLogger("atrium.ui")


@dataclass
class Launch:
    """How the app was asked to start (the `atrium` command line or `atrium demo`)."""

    profile: str | None = None
    server_url: str | None = None  # sign in to this server when the profile has none
    username: str | None = None
    password: str | None = None  # demo mode signs in by itself
    language: str | None = None
    demo_home: str | None = None  # `atrium demo`: the demo's folder, whose server.json the window follows


# Colour emoji in chat bodies and reactions (👍 🎉 ✅): Qt asks the first of these that is installed for emoji
# (emoji sequences too) before the system's own fallback, which on Linux may pick a monochrome symbol font or none
# (empty boxes). Debian/Ubuntu: fonts-noto-color-emoji; macOS and Windows ship theirs.
EMOJI_FONTS = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji")


def make_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    QCoreApplication.setOrganizationName("Atrium")
    QCoreApplication.setApplicationName("Atrium")
    assert isinstance(app, QApplication)
    declare_emoji_fonts()
    return app


def declare_emoji_fonts() -> None:
    """Name the colour-emoji fonts for emoji (Qt 6.9+; older Qt keeps the system's fallback).

    Only for emoji: putting them in the application font's family list or as substitutions instead made Qt take
    digits and spaces from the emoji font where the first family is an alias ("Sans Serif"), widening all text.
    """
    from PySide6.QtGui import QFontDatabase

    if hasattr(QFontDatabase, "setApplicationEmojiFontFamilies"):
        QFontDatabase.setApplicationEmojiFontFamilies(list(EMOJI_FONTS))


TUNE_GC = True  # the test suite turns it off: one process runs hundreds of windows there


def settle_garbage_collector() -> None:
    """Once the window and its modules are built: move everything alive into the collector's permanent
    generation and collect young objects less often. A full collection otherwise walks every Qt wrapper and
    module object again, holding the interpreter lock ~100 ms — a visible stall while the store thread applies
    a sync (measured with bench/ui_child.py's stall probe)."""
    if not TUNE_GC:
        return
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


class DesktopApp:
    """Owns one signed-in profile's window, store worker and sync engine."""

    def __init__(self, app: QApplication, launch: Launch) -> None:
        self.app = app
        self.launch = launch
        self.language = i18n.choose_language(launch.language)
        self.translators = i18n.install(app, self.language)
        self.store_path = paths.store_path(launch.profile)
        self.worker = StoreWorker(self.store_path)
        self.engine: SyncEngine | None = None
        self.ctx: AppContext | None = None
        self.window: MainWindow | None = None
        self._engine_task: asyncio.Future[Any] | None = None
        self.work_offline = False  # the person chose to stop syncing for now (sync centre toggle)
        self.notifications: Any = None  # ui.notifications.NotificationController, made with the window
        self.milestones: Any = None  # ui.growth.milestones.MilestoneWatcher: milestones reached → notifications
        self.demo_watch: Any = None  # QFileSystemWatcher on the demo's folder (`atrium demo` only)
        self.demo_stopped = False  # the demo server was stopped; syncing waits for it to come back
        self.demo_reset: Any = None  # ui.demo.ServerInfo of the new company once a reset was noticed
        self.reset_notice: QMessageBox | None = None

    # ------------------------------------------------------------------------------------------- start

    def start(self) -> None:
        if self.launch.demo_home:
            self._watch_demo()
        user_id = self.worker.store.state("user_id")
        if user_id:
            self._open_window(user_id)
            QTimer.singleShot(0, self._launch_sync)
        else:
            self._engine_task = asyncio.ensure_future(self._sign_in_then_open())

    def _launch_sync(self) -> None:
        self._engine_task = asyncio.ensure_future(self._start_sync())

    def _open_window(self, user_id: str) -> None:
        node = self.worker.store.state("client_id") or paths.profile_label(self.launch.profile)
        self.ctx = AppContext(self.store_path, self.worker, user_id, node, self.language)
        self.window = MainWindow(self.ctx, self._factories(self.ctx))
        self.window.language_requested.connect(self.set_language)
        self.window.sign_out_requested.connect(self._sign_out_clicked)
        self.window.sync_now_requested.connect(self._sync_now)
        self.window.search_action.triggered.connect(self._open_search)
        self.window.switch_profile_requested.connect(self.switch_profile)
        self.ctx.sync_requested.connect(self._sync_now)
        self.window.show_sync_state("idle", "")
        self.window.show()
        # After the first paint: neither the notifier nor the latest chat is needed to see the window.
        QTimer.singleShot(0, self._start_notifications)
        QTimer.singleShot(0, self._open_latest_chat)

    def _start_notifications(self) -> None:
        from .notifications import NotificationController

        if self.ctx is None or self.window is None:  # closed before the timer fired
            return
        if self.notifications is not None:  # the window is being rebuilt (language switch): one notifier at a time
            self.notifications.close()
        if self.milestones is not None:
            self.milestones.close()
        self.notifications = NotificationController(self.ctx, self.window)
        self.notifications.install_menu(self.window)
        from .growth.milestones import MilestoneWatcher

        self.milestones = MilestoneWatcher(self.ctx, self.notifications.notifier, self.notifications)
        settle_garbage_collector()

    def _open_latest_chat(self) -> None:
        """People come back to the conversation they were in: open the most recent one."""
        if self.window is None or self.ctx is None or self.window.stack.currentIndex() != 0:
            return
        from app.store import reads

        latest = reads.conversations(self.ctx.conn, self.ctx.user_id, self.ctx.language)
        if latest:
            self.window.page("chats").open_item("conversation", latest[0].id)  # type: ignore[attr-defined]

    def _factories(self, ctx: AppContext) -> dict[str, Any]:
        def chats() -> QWidget:
            from .chats.view import ChatsView

            return ChatsView(ctx)

        def tasks() -> QWidget:
            from .tasks.view import TasksView

            return TasksView(ctx)

        def knowledge() -> QWidget:
            from .knowledge.view import KnowledgeView

            return KnowledgeView(ctx)

        def sync_centre() -> QWidget:
            from .sync_centre.view import SyncCentreView

            view = SyncCentreView(ctx)
            # Built lazily: it missed the state changes so far, so it starts from the engine's current one.
            view.set_work_offline(self.work_offline)
            view.show_state("offline" if self.work_offline else self.engine.state if self.engine else "idle", "")
            view.work_offline_toggled.connect(self.set_work_offline)
            return view

        return {"chats": chats, "tasks": tasks, "knowledge": knowledge, "sync": sync_centre,
                "growth": lambda: __import__("ui.growth.view", fromlist=["GrowthView"]).GrowthView(ctx)}

    def _open_search(self) -> None:
        from .search.dialog import SearchDialog

        assert self.ctx is not None and self.window is not None
        existing = getattr(self, "_search", None)
        try:
            if existing is not None and existing.isVisible():
                existing.raise_()
                existing.activateWindow()
                return
        except RuntimeError:  # the dialog deleted itself when it closed
            pass
        self._search = SearchDialog(self.ctx, self.window)
        self._search.show()

    # -------------------------------------------------------------------------------------------- sync

    def _make_engine(self, server_url: str) -> SyncEngine:
        from app.credentials import TokenVault
        from sync.engine import SyncEngine
        from sync.transport import Transport

        vault = TokenVault(str(self.store_path.parent))
        engine = SyncEngine(self.worker, Transport(server_url), vault, interactive=True)
        engine.listeners.append(self._engine_state)
        return engine

    def _engine_state(self, state: str, detail: str | None) -> None:
        if self.ctx is not None:
            self.ctx.sync_state_changed.emit(state, detail or "")
        if state == "offline" and self.launch.demo_home and not self.demo_stopped:
            self._check_demo()  # gone offline: perhaps the demo server was stopped or reset

    async def _start_sync(self) -> None:
        # `atrium demo` names the server: after `--stop` it comes back on another port, and the engine's
        # identity check still refuses a different server behind the new address.
        server_url = self.launch.server_url or self.worker.store.state("server_url")
        if not server_url or self.work_offline:
            return
        if self.engine is None:
            self.engine = self._make_engine(server_url)
        from sync.engine import ServerIdentityChanged, SignInRequired

        try:
            if self.launch.password and self.launch.username and self.engine.vault.load() is None:
                # `atrium demo` knows the password: without a keychain the last session was memory-only, and a
                # trainer should not have to type it at every start.
                from sync.transport import SyncError

                try:
                    await self.engine.sign_in(self.launch.username, self.launch.password)
                except SyncError as exc:
                    raise SignInRequired(str(exc)) from None
            await self.engine.run()
        except SignInRequired as exc:
            self._engine_state("signed_out", str(exc))
            self.prompt_sign_in(str(exc))
        except ServerIdentityChanged as exc:
            self._engine_state("error", str(exc))
            if self.launch.demo_home and self._check_demo():
                return  # the demo company was reset: the window says so in its own words
            if self.window is not None:
                QMessageBox.warning(self.window, self.window.tr("Atrium"), str(exc))
        except asyncio.CancelledError:
            raise
        except Exception:  # the window stays usable offline whatever the sync did
            log.exception("the sync engine stopped")
            self._engine_state("error", "")

    # -------------------------------------------------------------------------------------------- demo

    def _watch_demo(self) -> None:
        """Follow the demo's server.json: stopped (it goes), reset (another instance), moved (another address)."""
        from PySide6.QtCore import QFileSystemWatcher

        assert self.launch.demo_home is not None
        self.demo_watch = QFileSystemWatcher([self.launch.demo_home], self.app)
        self.demo_watch.directoryChanged.connect(lambda _folder: self._check_demo())

    def _check_demo(self) -> bool:
        """Compare server.json with the server this window syncs with; True once a reset has been noticed."""
        from .demo import server_info

        if self.demo_reset is not None:
            return True
        if self.launch.demo_home is None or self.engine is None:
            return False
        info = server_info(Path(self.launch.demo_home))
        known = self.ctx.state("instance_id") if self.ctx is not None else self.worker.store.state("instance_id")
        if info is None:
            if not self.demo_stopped:
                self.demo_stopped = True
                self._demo_task = asyncio.ensure_future(self._demo_server_stopped())
            return False
        if known and info.instance_id and info.instance_id != known:
            self._company_reset(info)
            return True
        if self.demo_stopped or self.engine.transport.base_url != info.url.rstrip("/"):
            self.demo_stopped = False
            self._demo_task = asyncio.ensure_future(self._follow_demo_server(info.url))
        return False

    async def _demo_server_stopped(self) -> None:
        await self._stop_engine()  # no retrying a port nobody listens on any more
        if self.demo_stopped:
            why = QCoreApplication.translate("DesktopApp",
                                             "The demo server was stopped; `atrium demo` starts it again.")
            self._engine_state("offline", why)
            if self.window is not None:
                self.window.statusBar().showMessage(why)

    async def _follow_demo_server(self, url: str) -> None:
        """The same company's server came back (`atrium demo` after `--stop`), on another port: sync with it."""
        await self._stop_engine()
        if self.engine is not None:
            await self.engine.transport.aclose()
            self.engine = None
        self.launch = replace(self.launch, server_url=url)
        if self.window is not None:
            self.window.statusBar().clearMessage()
        if not self.work_offline:
            self._launch_sync()

    def _company_reset(self, info: Any) -> None:
        """The demo company was reset: stop syncing the old one and offer to sign in to the new one."""
        self.demo_reset = info
        self._demo_task = asyncio.ensure_future(self._stop_engine())
        if self.ctx is not None:
            self.ctx.sync_state_changed.emit(
                "error", QCoreApplication.translate("DesktopApp", "The demo company was reset."))
        box = QMessageBox(self.window)
        box.setObjectName("demoResetNotice")
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(QCoreApplication.translate("DesktopApp", "Atrium"))
        box.setText(QCoreApplication.translate("DesktopApp", "The demo company was reset: it starts afresh."))
        box.setInformativeText(QCoreApplication.translate(
            "DesktopApp",
            "This window shows the company as it was before the reset. Sign in again to work in the new one."))
        again = box.addButton(QCoreApplication.translate("DesktopApp", "Sign in again"),
                              QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QCoreApplication.translate("DesktopApp", "Close the window"), QMessageBox.ButtonRole.RejectRole)

        def chosen(button: object) -> None:
            if button is again:
                self._demo_task = asyncio.ensure_future(self.join_new_company())
            elif self.window is not None:
                self.window.close()  # the last window: the app ends as when the person closes it

        box.buttonClicked.connect(chosen)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.show()
        self.reset_notice = box

    async def join_new_company(self) -> None:
        """After a reset: a fresh profile for the new company (the old one's data is never mixed in), signed in
        the way `atrium demo` signs in; the old window closes once the new one is open."""
        from .demo import profile_for

        info = self.demo_reset
        assert info is not None and self.launch.demo_home is not None
        await self._stop_engine()
        if self.engine is not None:
            self.engine.vault.clear()  # that session belonged to a server that no longer exists
            await self.engine.transport.aclose()
            self.engine = None
        for helper in (self.milestones, self.notifications):
            if helper is not None:
                helper.close()
        self.milestones = self.notifications = None
        old_window, old_ctx, old_worker = self.window, self.ctx, self.worker
        profile = profile_for(Path(self.launch.demo_home), self.launch.username or "", info.instance_id)
        self.launch = replace(self.launch, profile=profile, server_url=info.url)
        self.store_path = paths.store_path(profile)
        self.worker = StoreWorker(self.store_path)
        self.window, self.ctx = None, None
        self.demo_reset, self.demo_stopped, self.reset_notice = None, False, None
        await self._sign_in_then_open()

        def retire() -> None:
            if old_ctx is not None:
                old_ctx.close()
            old_worker.close()

        if old_window is None:
            retire()
            return
        # Its views may still have queued store notifications: their context closes once the window is gone.
        old_window.destroyed.connect(retire)
        old_window.close()
        old_window.deleteLater()

    def _sync_now(self) -> None:
        if self.engine is not None:
            self.engine.request_sync()

    async def _sign_in_then_open(self) -> None:
        from .login.dialog import LoginDialog

        dialog = LoginDialog(self.launch.server_url or "", self.launch.username or "")

        async def attempt(url: str, username: str, password: str) -> str | None:
            from sync.transport import SyncError

            if self.engine is not None:
                await self.engine.transport.aclose()  # an earlier attempt's connection pool
            self.engine = self._make_engine(url)
            try:
                user = await self.engine.sign_in(username, password)
            except SyncError as exc:
                return str(exc)
            self._forget_session = not dialog.remember
            self._open_window(user.id)
            self._engine_task = asyncio.ensure_future(self._start_sync())
            return None

        if self.launch.password and self.launch.server_url and self.launch.username:
            error = await attempt(self.launch.server_url, self.launch.username, self.launch.password)
            if error is None:
                return
            dialog.show_error(error)
        dialog.attempt = attempt
        dialog.show()
        self._login_dialog = dialog

    def prompt_sign_in(self, why: str = "") -> None:
        """The session ended (expired, signed out, disabled): ask again; the window and unsent changes stay."""
        from .login.dialog import LoginDialog

        if getattr(self, "_login_dialog", None) is not None and self._login_dialog.isVisible():
            return
        server_url = self.launch.server_url or self.worker.store.state("server_url") or ""
        username = self.worker.store.state("username") or self.worker.store.state("signed_out_username") or ""
        dialog = LoginDialog(server_url, username)

        async def attempt(url: str, name: str, password: str) -> str | None:
            from sync.transport import SyncError

            if self.engine is None or self.engine.transport.base_url != url.rstrip("/"):
                if self.engine is not None:
                    await self.engine.transport.aclose()
                self.engine = self._make_engine(url)
            try:
                await self.engine.sign_in(name, password)
            except SyncError as exc:
                return str(exc)
            self._forget_session = not dialog.remember
            if not self.work_offline:
                self._launch_sync()
            return None

        if why:
            # The engine's reason is English (it also goes to logs and the CLI); say it in the UI's language and
            # keep the server's own words for the tooltip.
            dialog.show_error(QCoreApplication.translate(
                "DesktopApp", "Your session has ended. Sign in again — your unsent changes are kept."), detail=why)
        dialog.attempt = attempt
        dialog.show()
        self._login_dialog = dialog

    def switch_profile(self) -> None:
        """Open another profile in a window of its own (two people can work side by side)."""
        import subprocess

        from PySide6.QtWidgets import QInputDialog

        folder = paths.data_home() / "profiles"
        names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.exists() else []
        parent = self.window
        name, ok = QInputDialog.getItem(
            parent, QCoreApplication.translate("DesktopApp", "Switch profile"),
            QCoreApplication.translate("DesktopApp", "Open the profile (or type a new name):"),
            names or [paths.DEFAULT_PROFILE], 0, True,
        )
        if ok and name.strip():
            subprocess.Popen([sys.executable, "-m", "ui.main", "--profile", name.strip()])

    def _sign_out_clicked(self) -> None:
        self._sign_out_task = asyncio.ensure_future(self.sign_out())

    async def sign_out(self) -> None:
        await self._stop_engine()
        if self.engine is not None:
            await self.engine.sign_out()
        if self.window is not None:
            self.window.show_sync_state("signed_out", "")
        self.prompt_sign_in()

    def set_work_offline(self, on: bool) -> None:
        """Stop syncing (the engine's task ends; everything stays saved locally) or start again."""
        if on == self.work_offline:
            return
        self.work_offline = on
        if on:
            self._offline_task = asyncio.ensure_future(self._go_offline())
        else:
            self._launch_sync()

    async def _go_offline(self) -> None:
        await self._stop_engine()
        if self.work_offline:  # not switched back on while the engine was stopping
            self._engine_state("offline", QCoreApplication.translate("DesktopApp", "working offline by choice"))

    async def _stop_engine(self) -> None:
        from sync.transport import stop_task

        task, self._engine_task = self._engine_task, None
        if task is not None:
            await stop_task(task)  # SyncEngine.run stops its background syncer before it returns
        # A syncer left by an engine that ended some other way: no sync may still run (and report its state)
        # afterwards, and no task may be left pending when the loop closes.
        for leftover in [t for t in asyncio.all_tasks()
                         if getattr(t.get_coro(), "__qualname__", "") == "SyncEngine._sync_when_wanted"]:
            await stop_task(leftover)

    async def shutdown(self) -> None:
        """Stop syncing, close the window and the store; the outbox keeps whatever was not sent."""
        if self.demo_watch is not None:
            self.demo_watch.deleteLater()
            self.demo_watch = None
        if self.reset_notice is not None:
            self.reset_notice.close()
            self.reset_notice = None
        await self._stop_engine()
        if self.engine is not None:
            if getattr(self, "_forget_session", False):  # "Remember me" was unticked
                self.engine.vault.clear()
            await self.engine.transport.aclose()
        dialog = getattr(self, "_login_dialog", None)
        if dialog is not None:
            dialog.close()
        if self.milestones is not None:
            self.milestones.close()
            self.milestones = None
        if self.notifications is not None:
            self.notifications.close()
            self.notifications = None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        if self.ctx is not None:
            self.ctx.close()
            self.ctx = None
        self.worker.close()

    def set_language(self, language: str) -> None:
        """Switch the UI language now: the window is rebuilt with the other catalogue, nothing else changes."""
        from PySide6.QtCore import QSettings

        QSettings().setValue("ui/language", language)
        if language == self.language or self.window is None or self.ctx is None:
            return
        i18n.uninstall(self.app, self.translators)
        self.language = language
        self.translators = i18n.install(self.app, language)
        user_id, old_window, old_ctx = self.ctx.user_id, self.window, self.ctx
        # The new window first: closing the only window would quit the application.
        self._open_window(user_id)
        assert self.window is not None
        self.window.restoreGeometry(old_window.saveGeometry())  # same place, same section, other words
        self.window.nav.setCurrentRow(old_window.nav.currentRow())
        old_window.close()
        # Its views may still have queued store notifications to handle: close their context only once
        # the old window (and so every view reading through it) is gone.
        old_window.destroyed.connect(old_ctx.close)
        old_window.deleteLater()
        if self.engine is not None:
            self._engine_state("offline" if self.work_offline else self.engine.state, None)


def run(launch: Launch) -> int:
    """Run the desktop app until its window closes; returns the exit code."""
    import qasync

    app = make_application()
    # Qt must not end the loop on its own when the last window closes: the engine and the store are shut
    # down first, on the running loop (a task step run after the loop stopped finds no event loop).
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    desktop = DesktopApp(app, launch)
    closing = asyncio.Event()
    app.lastWindowClosed.connect(closing.set)
    app.aboutToQuit.connect(closing.set)

    async def main() -> None:
        desktop.start()
        await closing.wait()
        await desktop.shutdown()

    with loop:
        loop.run_until_complete(main())
    return 0


def store_file(profile: str | None) -> Path:
    return paths.store_path(profile)
