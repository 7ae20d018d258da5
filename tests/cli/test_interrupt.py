"""Ctrl+C stops `atrium sync` at once even when the signal reaches another thread than the event loop's.

The operating system may deliver SIGINT to any thread. A plain Python signal handler then runs only when the
main thread next wakes — with a sleeping event loop, up to a poll interval later (a CI run waited 60 s). The
loop's own handler writes to its wake-up pipe and runs at once.
"""

from __future__ import annotations

import asyncio
import signal
import sys
import threading
import time

import pytest

from sync.cli.syncing import _stop_on_interrupt


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_an_interrupt_delivered_to_another_thread_stops_the_sleeping_loop_at_once() -> None:
    async def main() -> tuple[bool, float]:
        interrupted = _stop_on_interrupt()
        started = time.monotonic()

        def from_another_thread() -> None:
            time.sleep(0.2)
            signal.pthread_kill(threading.get_ident(), signal.SIGINT)  # this thread, not the loop's

        threading.Thread(target=from_another_thread, daemon=True).start()
        try:
            await asyncio.sleep(30)
        except asyncio.CancelledError:
            return interrupted.is_set(), time.monotonic() - started
        finally:
            asyncio.get_running_loop().remove_signal_handler(signal.SIGINT)
        return False, time.monotonic() - started

    stopped, took = asyncio.run(main())
    assert stopped and took < 5
