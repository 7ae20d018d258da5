"""Screenshots of the desktop app for the README: `python docs/make_screenshots.py [OUT_DIR]`.

It starts the reference server with the demo company in-process, signs a fresh profile in as 王芳, syncs, and
grabs the chats and the growth map in both languages, the task board, a knowledge article and the sync centre
(English). Runs offscreen, so it needs no display; the CJK fonts of the machine are used (fonts-noto-cjk).
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QCoreApplication  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app import clock  # noqa: E402


def pump(rounds: int = 30) -> None:
    for _ in range(rounds):
        QApplication.processEvents()


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="atrium-shots-"))
    os.environ["ATRIUM_HOME"] = str(tmp / "home")
    os.environ["XDG_CONFIG_HOME"] = str(tmp / "config")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(tmp / "xdg")

    from app.credentials import TokenVault
    from app.store import reads
    from app.store.worker import StoreWorker
    from sync.engine import SyncEngine
    from sync.server.demo import seed_demo
    from sync.transport import Transport
    from tests.helpers.live_server import running_server
    from ui import i18n
    from ui.app import DesktopApp, Launch, make_application

    app = make_application()
    QCoreApplication.setOrganizationName("AtriumScreenshots")
    with running_server(tmp / "server.db") as server:
        seed_demo(server.db, zone=clock.local_zone())  # the history at working hours where the shots are made
        profile = tmp / "profile"
        profile.mkdir()

        async def sign_in() -> None:
            worker = StoreWorker(profile / "store.sqlite3")
            transport = Transport(server.url)
            engine = SyncEngine(worker, transport, TokenVault(str(profile)))
            await engine.sign_in("wangfang", "demo")
            await engine.sync_once()
            await transport.aclose()
            worker.close()

        asyncio.run(sign_in())

        for language in ("en", "zh"):
            desktop = DesktopApp(app, Launch(profile=str(profile), language=language))
            user_id = desktop.worker.store.state("user_id")
            assert user_id
            desktop._open_window(user_id)
            window, ctx = desktop.window, desktop.ctx
            assert window is not None and ctx is not None
            window.resize(1280, 800)
            ctx.sync_state_changed.emit("online", "")
            window.show_section("chats")
            pump()
            desktop._open_latest_chat()
            pump(60)
            window.grab().save(str(out / f"chats-{language}.png"))
            group = next(c for c in reads.conversations(ctx.conn, user_id, language) if c.kind == "group")
            chats_view = window.show_section("chats")
            chats_view.open_item("conversation", group.id)  # type: ignore[attr-defined]
            pump(60)
            window.grab().save(str(out / f"chat-group-{language}.png"))
            growth = window.show_section("growth")
            deadline = clock.monotonic() + 30  # the map is computed on the store's thread
            while growth.snapshot is None and clock.monotonic() < deadline:  # type: ignore[attr-defined]
                pump(5)
            pump(30)
            window.grab().save(str(out / f"growth-{language}.png"))
            if language == "en":
                tasks = window.show_section("tasks")
                spaces = [s for s in reads.spaces(ctx.conn, ctx.user_id) if s.kind == "project"]
                if spaces:
                    tasks.show_space(spaces[0].id)  # type: ignore[attr-defined]
                pump(60)
                window.grab().save(str(out / "tasks-en.png"))
                knowledge = window.show_section("knowledge")
                articles = reads.articles(ctx.conn, ctx.user_id, status="published")
                if articles:
                    knowledge.open_item("article", articles[0].id)  # type: ignore[attr-defined]
                pump(60)
                window.grab().save(str(out / "knowledge-en.png"))
                window.show_section("sync")
                pump(30)
                window.grab().save(str(out / "sync-centre-en.png"))
            notification_shots(desktop, out, language)
            window.close()
            ctx.close()
            desktop.worker.close()
            i18n.uninstall(app, desktop.translators)
    print(f"screenshots written to {out}")


def notification_shots(desktop: object, out: Path, language: str) -> None:
    """An urgent message, a mention and a task given to 王芳 arrive while the window is open (as a sync would
    apply them); then the notification centre, the settings page and the chat with the urgent message."""

    from app.store import PulledChange, reads
    from tests.app import Feed

    ctx, window = desktop.ctx, desktop.window  # type: ignore[attr-defined]
    pump(30)
    controller = desktop.notifications  # type: ignore[attr-defined]
    assert controller is not None, "the notifier starts after the first paint"
    people = {p.username: p.id for p in reads.people(ctx.conn)}
    direct = next(c for c in reads.conversations(ctx.conn, ctx.user_id, "en") if c.peer_id == people["emily"])
    group = next(c for c in reads.conversations(ctx.conn, ctx.user_id, "en") if c.kind == "group")
    now = clock.iso_now()
    marker = f"shot-{language}"
    changes = []
    for n, (conversation, author, body, extra) in enumerate((
        (direct.id, people["emily"], "The projector in room 3 is broken — can we move the training to room 5?",
         {"urgent": True, "urgent_reason": "Training starts in 20 minutes", "ack_requested": True,
          "important": True}),
        (group.id, people["chenjing"], "@wangfang 请在周五前把推广计划发给我", {"mentions": [ctx.user_id]}),
    ), start=1):
        seq = reads.latest_seq(ctx.conn, conversation) + 1
        data = Feed.message_data(conversation, seq, author, body, sent_at=now, **extra)
        data["id"] = f"{marker}-{n}"
        changes.append(PulledChange(f"conv:{conversation}", 90_000_000 + seq, "message", data["id"], "upsert", data))
    ctx.run_store(lambda store: store.apply_pull(changes, {}, revoked=[])).result(10)
    pump(60)
    controller.show_centre()
    pump(30)
    controller._centre.resize(640, 360)
    pump(10)
    controller._centre.grab().save(str(out / f"notification-centre-{language}.png"))
    controller._centre.close()
    from ui.notifications.settings_dialog import NotificationSettingsDialog

    dialog = NotificationSettingsDialog(controller.notifier, window, ctx)
    dialog.resize(620, 640)
    dialog.show()
    pump(20)
    dialog.grab().save(str(out / f"notification-settings-{language}.png"))
    dialog.tabs.setCurrentIndex(1)
    pump(20)
    dialog.grab().save(str(out / f"notification-places-{language}.png"))
    dialog.close()
    chats = window.show_section("chats")
    chats.open_item("conversation", direct.id)  # type: ignore[attr-defined]
    pump(60)
    window.grab().save(str(out / f"chat-urgent-{language}.png"))
    controller.notifier.conn.execute(f"DELETE FROM notified WHERE event_id LIKE 'message:{marker}-%'")
    ids = [c.id for c in changes]
    ctx.run_store(lambda store: store.apply_pull(
        [PulledChange(c.scope, c.seq + 1, c.kind, c.id, "delete", None) for c in changes], {}, revoked=[])).result(10)
    pump(30)
    assert not [i for i in ids if reads.message(ctx.conn, i)], "the shots' messages are gone again"


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs")
