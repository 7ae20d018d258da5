"""Fixtures for UI tests: real widgets (offscreen) over a real store filled from the demo company.

The demo company is synced once per test session from a real server on loopback into a template store; every
test gets its own copy of that file, so tests can change data freely.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app import clock
from app.credentials import TokenVault
from app.store.worker import StoreWorker
from sync.engine import SyncEngine
from sync.server.demo import seed_demo
from sync.transport import Transport
from tests.helpers.changes import ChangeRelay
from tests.helpers.live_server import running_server
from ui import app as ui_app
from ui.chats.view import ChatsView
from ui.context import AppContext

# The app freezes the garbage collector's survivors once its window is up; one test process opens hundreds of
# windows, so here the collector keeps its defaults.
ui_app.TUNE_GC = False

DEMO_USER = "wangfang"


@dataclass(frozen=True)
class DemoTemplate:
    store: Path
    user_id: str
    client_id: str
    today: date


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoTemplate]:
    folder = tmp_path_factory.mktemp("demo-template")
    os.environ["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    os.environ["XDG_DATA_HOME"] = str(folder / "xdg")
    with running_server(folder / "server.db") as server:
        seed_demo(server.db)

        async def fill() -> tuple[str, str]:
            worker = StoreWorker(folder / "store.sqlite3")
            transport = Transport(server.url)
            try:
                engine = SyncEngine(worker, transport, TokenVault(str(folder)))
                user = await engine.sign_in(DEMO_USER, "demo")
                await engine.sync_once()
                return user.id, worker.store.state("client_id") or "client"
            finally:
                await transport.aclose()
                worker.close()

        user_id, client_id = asyncio.run(fill())
    yield DemoTemplate(folder / "store.sqlite3", user_id, client_id, clock.today())


@pytest.fixture
def ctx(demo_template: DemoTemplate, tmp_path: Path, qapp: object) -> Iterator[AppContext]:
    """An AppContext over a private copy of the demo store, signed in as 王芳 (wangfang)."""
    path = tmp_path / "store.sqlite3"
    shutil.copyfile(demo_template.store, path)
    worker = StoreWorker(path)
    context = AppContext(path, worker, demo_template.user_id, demo_template.client_id, "en",
                         today=lambda: demo_template.today)
    yield context
    context.close()
    worker.close()


@pytest.fixture
def changes(ctx: AppContext) -> ChangeRelay:
    """The store's commits as they reach the GUI thread (see tests/helpers/changes.py)."""
    return ChangeRelay(ctx)


@pytest.fixture
def chats_view(ctx: AppContext, qtbot: QtBot) -> ChatsView:
    """The Chats section over the demo store, shown at a usual size."""
    widget = ChatsView(ctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget
