"""The live channel: server-sent "pokes" that tell a client which scope to pull.

Pushes run on worker threads; each signed-in stream has an asyncio queue on the server's event loop. After a
push commits, the hub hands every affected person's streams a (scope, seq) poke through
`call_soon_threadsafe`. A poke carries no data — the client pulls — so a missed poke costs only latency:
a reconnecting client sends `Last-Event-ID` and is poked for every scope that moved since.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from dataclasses import dataclass, field

from sync.protocol import Poke


@dataclass(eq=False)
class Subscriber:
    user_id: str
    loop: asyncio.AbstractEventLoop
    queue: asyncio.Queue[Poke | None] = field(default_factory=asyncio.Queue)


class PokeHub:
    def __init__(self) -> None:
        self._subscribers: dict[int, Subscriber] = {}
        self._ids = itertools.count()
        self._lock = threading.Lock()

    def subscribe(self, user_id: str) -> tuple[int, Subscriber]:
        sub = Subscriber(user_id=user_id, loop=asyncio.get_running_loop())
        with self._lock:
            key = next(self._ids)
            self._subscribers[key] = sub
        return key, sub

    def unsubscribe(self, key: int) -> None:
        with self._lock:
            self._subscribers.pop(key, None)

    def publish(self, pokes: list[tuple[str, int, set[str] | None]]) -> None:
        """Deliver (scope, seq, audience) pokes; an audience of None means everyone connected. Thread-safe."""
        with self._lock:
            subscribers = list(self._subscribers.values())
        for scope, seq, audience in pokes:
            poke = Poke(scope=scope, seq=seq)
            for sub in subscribers:
                if audience is None or sub.user_id in audience:
                    sub.loop.call_soon_threadsafe(sub.queue.put_nowait, poke)

    def close_all(self) -> None:
        """End every stream (server shutdown)."""
        with self._lock:
            subscribers = list(self._subscribers.values())
        for sub in subscribers:
            sub.loop.call_soon_threadsafe(sub.queue.put_nowait, None)

    @property
    def connected(self) -> int:
        with self._lock:
            return len(self._subscribers)
