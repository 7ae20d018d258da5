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
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"messages": count, "seconds": seconds, "peak_rss_mb": peak_kb / 1024}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], Path(sys.argv[2])))))
