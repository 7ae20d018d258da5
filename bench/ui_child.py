"""Child process of the UI benchmark (a fresh interpreter, so start-up is really cold).

`python -m bench.ui_child start PROFILE T0` opens the app on PROFILE and prints, as JSON, the seconds from T0
(the parent's clock when it launched this process) until the main window is shown and has painted, then
opens the biggest conversation, pages one screen back, and reports those times and the memory after it.
`python -m bench.ui_child stall URL PROFILE` signs in to URL, syncs everything while the window is open, and
reports the longest gap between 10 ms timer ticks on the GUI thread.
"""

from __future__ import annotations

import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def start(profile: str, t0: float) -> dict[str, float]:
    from PySide6.QtWidgets import QApplication

    from ui.app import DesktopApp, Launch, make_application

    app = make_application()
    desktop = DesktopApp(app, Launch(profile=profile, language="en"))
    user_id = desktop.worker.store.state("user_id")
    assert user_id, "the benchmark profile must be signed in"
    desktop._open_window(user_id)  # what start() does, without starting the network
    window = desktop.window
    assert window is not None
    while not window.isVisible():
        QApplication.processEvents()
    window.repaint()
    QApplication.processEvents()
    shown = time.time() - t0

    figures = {"cold_start_s": shown}
    chats = window.page("chats")
    started = time.perf_counter()
    chats.open_item("conversation", "big")  # type: ignore[attr-defined]
    QApplication.processEvents()
    figures["open_chat_ms"] = (time.perf_counter() - started) * 1000
    history = getattr(chats, "history_view", None)
    if history is not None:
        started = time.perf_counter()
        bar = history.verticalScrollBar()
        bar.setValue(bar.minimum())  # scrolling to the top pages back
        QApplication.processEvents()
        figures["page_back_ms"] = (time.perf_counter() - started) * 1000
    for _ in range(50):
        QApplication.processEvents()
    figures["idle_rss_mb"] = rss_mb()
    window.close()
    desktop.worker.close()
    return figures


def stall(url: str, profile: str) -> dict[str, float]:
    import asyncio

    import qasync
    from PySide6.QtCore import QElapsedTimer, QTimer

    from ui.app import DesktopApp, Launch, make_application

    app = make_application()
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    desktop = DesktopApp(app, Launch(profile=profile, server_url=url, username="bob", password="bench-password",
                                     language="en"))
    worst = 0.0
    clock = QElapsedTimer()
    clock.start()
    last = clock.elapsed()

    def tick() -> None:
        nonlocal worst, last
        now = clock.elapsed()
        worst = max(worst, now - last)
        last = now

    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(tick)

    async def run() -> float:
        nonlocal last
        from sync.engine import SyncEngine

        desktop.start()
        while desktop.engine is None or desktop.window is None:
            await asyncio.sleep(0.01)
        engine: SyncEngine = desktop.engine
        last = clock.elapsed()  # measure from here: signing in and building the window are not the sync
        timer.start()
        started = time.perf_counter()
        while engine.state != "online":
            await asyncio.sleep(0.05)
        return time.perf_counter() - started

    with loop:
        seconds = loop.run_until_complete(asyncio.wait_for(run(), timeout=600))
    timer.stop()
    return {"max_loop_stall_ms": worst, "sync_s": seconds}


if __name__ == "__main__":
    mode = sys.argv[1]
    result = start(sys.argv[2], float(sys.argv[3])) if mode == "start" else stall(sys.argv[2], sys.argv[3])
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: it is not part of what is measured
