"""Child process of the UI benchmark (a fresh interpreter, so start-up is really cold).

`python -m bench.ui_child start PROFILE T0` opens the app on PROFILE and prints, as JSON, the seconds from T0
(the parent's clock when it launched this process) until the main window is shown and has painted, then lets
the work start-up deferred past the first paint run, opens the biggest conversation, pages one screen back,
and reports those times and the memory after it.
`python -m bench.ui_child stall URL PROFILE` signs in to URL, syncs everything while the window is open (with the
synced chat opened as soon as it is listed), and reports the longest gap between 10 ms timer ticks on the GUI
thread.

With ATRIUM_STALL_PROBE=1 in the environment, the stall run also samples the GUI thread's Python stack every
few milliseconds while it is late and prints the stacks seen most in stalls to stderr: what to fix first.
"""

from __future__ import annotations

import json
import os
import sys
import time

from app import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
SETTLE_ROUNDS = 30  # event-loop passes after the first paint, before a chat is opened


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
    shown = clock.timestamp() - t0

    figures = {"cold_start_s": shown}
    # What start-up queued for after the first paint (the notifier, opening and painting the latest chat) runs
    # before the chat is opened: a person clicks a chat in a window that has settled, and opening it should
    # not be charged for painting the one start-up opened.
    for _ in range(SETTLE_ROUNDS):
        QApplication.processEvents()
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
    probe = _StallProbe(clock) if os.environ.get("ATRIUM_STALL_PROBE") else None

    async def run() -> float:
        nonlocal last
        from sync.engine import SyncEngine
        from ui.chats.conversation_list import ConversationRole

        desktop.start()
        while desktop.engine is None or desktop.window is None:
            await asyncio.sleep(0.01)
        engine: SyncEngine = desktop.engine
        # The person watches the chat fill: it is opened as soon as it is listed, so every coalesced refresh of
        # the storm also refreshes and repaints an open history, not only the conversation list.
        chats = desktop.window.page("chats")

        def open_when_listed(_changes: object) -> None:
            if chats.conversation_id is None and chats.conversations.rowCount():  # type: ignore[attr-defined]
                first = chats.conversations.index(0).data(ConversationRole.ID)  # type: ignore[attr-defined]
                chats.open_item("conversation", first)  # type: ignore[attr-defined]

        desktop.window.ctx.data_changed.connect(open_when_listed)
        last = clock.elapsed()  # measure from here: signing in and building the window are not the sync
        timer.start()
        if probe is not None:
            probe.start(lambda: last)
        started = time.perf_counter()
        while engine.state != "online":
            await asyncio.sleep(0.05)
        return time.perf_counter() - started

    with loop:
        seconds = loop.run_until_complete(asyncio.wait_for(run(), timeout=600))
    timer.stop()
    if probe is not None:
        probe.report()
    return {"max_loop_stall_ms": worst, "sync_s": seconds}


class _StallProbe:
    """A thread that, while the GUI thread's timer is overdue, samples that thread's Python stack."""

    LATE_MS = 30  # a tick this late counts as a stall worth sampling
    EVERY_S = 0.004

    def __init__(self, clock: object) -> None:
        import collections
        import threading

        self._clock = clock
        self._gui = threading.get_ident()
        self._samples: collections.Counter[tuple[str, ...]] = collections.Counter()
        self._others: collections.Counter[tuple[str, ...]] = collections.Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self, last_tick: object) -> None:
        self._last_tick = last_tick
        self._thread.start()

    def _run(self) -> None:
        import threading
        import traceback

        while not self._stop.wait(self.EVERY_S):
            if self._clock.elapsed() - self._last_tick() < self.LATE_MS:  # type: ignore[attr-defined,operator]
                continue
            frames = sys._current_frames()
            frame = frames.get(self._gui)
            if frame is not None:
                stack = traceback.extract_stack(frame)[-12:]
                self._samples[tuple(f"{s.filename.rsplit('/', 2)[-1]}:{s.lineno} {s.name}" for s in stack)] += 1
            # The GUI thread may only be waiting for the interpreter lock: what the other threads run says who has it.
            for ident, other in frames.items():
                if ident not in (self._gui, threading.get_ident()):
                    top = traceback.extract_stack(other)[-4:]
                    self._others[tuple(f"{s.filename.rsplit('/', 2)[-1]}:{s.lineno} {s.name}" for s in top)] += 1

    def report(self) -> None:
        self._stop.set()
        total = sum(self._samples.values()) or 1
        print(f"stall samples: {total} (every {self.EVERY_S * 1000:.0f} ms while a tick was late)", file=sys.stderr)
        for stack, count in self._samples.most_common(12):
            print(f"--- {count} ({100 * count / total:.0f}%)", file=sys.stderr)
            for line in stack:
                print(f"    {line}", file=sys.stderr)
        print("other threads meanwhile:", file=sys.stderr)
        for stack, count in self._others.most_common(8):
            print(f"--- {count}", file=sys.stderr)
            for line in stack:
                print(f"    {line}", file=sys.stderr)


if __name__ == "__main__":
    mode = sys.argv[1]
    result = start(sys.argv[2], float(sys.argv[3])) if mode == "start" else stall(sys.argv[2], sys.argv[3])
    print(json.dumps(result))
    sys.stdout.flush()
    os._exit(0)  # skip Qt's teardown: it is not part of what is measured
