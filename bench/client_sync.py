"""Child process of the client benchmark: sign in to URL with a fresh profile, sync once, print figures as JSON.

Its own process so its peak memory is the sync's alone.
"""

from __future__ import annotations

import asyncio
import json
import resource
import sys
import time
from pathlib import Path

from app.credentials import TokenVault
from app.store.worker import StoreWorker
from sync.engine import SyncEngine
from sync.transport import Transport


async def main(url: str, folder: Path) -> dict[str, float]:
    folder.mkdir(parents=True, exist_ok=True)
    worker = StoreWorker(folder / "store.sqlite3")
    transport = Transport(url, timeout=120)
    engine = SyncEngine(worker, transport, TokenVault(str(folder)))
    try:
        await engine.sign_in("bob", "bench-password")
        started = time.perf_counter()
        await engine.sync_once()
        seconds = time.perf_counter() - started
        count = await worker.run(lambda s: s.conn.execute("SELECT COUNT(*) FROM messages").fetchone()[0])
    finally:
        await transport.aclose()
        worker.close()
    return {"messages": count, "seconds": seconds, "peak_rss_mb": _peak_rss_kb() / 1024}


def _peak_rss_kb() -> int:
    """This process's own peak. On Linux ru_maxrss survives exec: a child forked from a big parent (the benchmark
    that seeded the server) would report the parent's size; VmHWM belongs to this program's memory alone."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak // 1024 if sys.platform == "darwin" else peak  # macOS counts bytes, Linux kilobytes


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], Path(sys.argv[2])))))
