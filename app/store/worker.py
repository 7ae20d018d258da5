"""A store of its own on a dedicated thread, for callers that must not wait on SQLite (the sync engine, the UI).

One thread, one connection: every call runs in order on that thread, and an asyncio caller awaits the result
without blocking its event loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from .store import Store

T = TypeVar("T")


class StoreWorker:
    def __init__(self, path: Path | str) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atrium-store")
        try:
            self.store: Store = self._executor.submit(Store, path).result()
        except BaseException:
            self._executor.shutdown(wait=True)
            raise

    def submit(self, func: Callable[..., T], *args: Any) -> Future[T]:
        return self._executor.submit(func, self.store, *args)

    async def run(self, func: Callable[..., T], *args: Any) -> T:
        """Run `func(store, *args)` on the store's thread and await its result."""
        return await asyncio.wrap_future(self.submit(func, *args))

    def close(self) -> None:
        self._executor.submit(self.store.close).result()
        self._executor.shutdown(wait=True)
