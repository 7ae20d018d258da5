"""Client figures: initial sync into an empty profile, search over a large local store, opening a long chat.

- `client.initial_sync_msgs_per_s`: a server holding N messages in one conversation (100k; 10k with
  --quick); a fresh profile signs in and syncs until up to date, search index included.
- `client.sync_peak_rss_mb`: the peak memory of the process that did that sync (a child process of its own).
- `client.search_p50_ms_en` / `client.search_p50_ms_zh2`: median time of a search over 1M local messages
  (100k with --quick) for English words and 2-character Chinese words.
- `client.open_latest_page_ms`: the newest 50 messages of a 200k-message conversation (20k with --quick).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from app.store import PulledChange, Store, reads, search
from sync.protocol import HybridClock, PushRequest, Role, new_id
from sync.server import growth, org
from sync.server.changes import Actor
from sync.server.db import Database, clients
from sync.server.push import PushService

from . import Figure
from .server import _server_process

_EN = ["budget", "review", "release", "meeting", "customer", "deadline", "design", "invoice", "training", "report"]
_ZH = ["审批", "报销", "项目", "进度", "客户", "培训", "文档", "会议", "预算", "流程", "合同", "发布"]


def run(quick: bool) -> Iterator[Figure]:
    with tempfile.TemporaryDirectory(prefix="atrium-bench-client-") as tmp:
        folder = Path(tmp)
        total = 10_000 if quick else 100_000
        _seed_server(folder / "server.db", total)
        with _server_process(folder / "server.db") as url:
            result = subprocess.run(
                [sys.executable, "-m", "bench.client_sync", url, str(folder / "profile")],
                capture_output=True, text=True, check=True, env=os.environ | {"PYTHONPATH": os.getcwd()},
            )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
        yield Figure("client.initial_sync_msgs_per_s", round(figures["messages"] / figures["seconds"]),
                     "messages/s", ">= 10000")
        yield Figure("client.sync_peak_rss_mb", round(figures["peak_rss_mb"], 1), "MB", "< 200")

        messages = 100_000 if quick else 1_000_000
        big_chat = 20_000 if quick else 200_000
        store = Store(folder / "search.sqlite3")
        try:
            _fill_local(store, messages, big_chat)
            yield Figure("client.search_p50_ms_en", _p50(store, _EN), "ms", "< 50")
            yield Figure("client.search_p50_ms_zh2", _p50(store, _ZH), "ms", "< 50")
            times = []
            for _ in range(20):
                started = time.perf_counter()
                page = reads.history(store.conn, "big", None, 50)
                times.append((time.perf_counter() - started) * 1000)
                assert len(page) == 50
            yield Figure("client.open_latest_page_ms", round(statistics.median(times), 2), "ms", "< 20")
        finally:
            store.close()


def _body(rng: random.Random, i: int) -> str:
    words = [rng.choice(_EN) for _ in range(4)] + [rng.choice(_ZH) for _ in range(4)]
    rng.shuffle(words)
    return f"#{i} " + " ".join(words[:4]) + "，" + "".join(words[4:]) + "。"


def _seed_server(db_path: Path, total: int) -> None:
    """N messages in one conversation, written through the server's own push path (in-process, fast)."""
    database = Database.open(db_path)
    try:
        with database.write() as conn:
            ctx = org.system_context(conn)
            alice = org.add_user(ctx, "alice", "bench-password", display_name="Alice")
            org.add_user(ctx, "bob", "bench-password", display_name="Bob")
            conn.execute(clients.insert().values(id="bench-client", user_id=alice, created_at=ctx.now))
        actor = Actor(alice, "alice", Role.EMPLOYEE, None)
        pushes = PushService(database, HybridClock("server"))
        clock, rng, conversation = HybridClock("bench"), random.Random(7), new_id()
        bob_id = org.get_user(database.engine.connect(), "bob")["id"]  # type: ignore[index]
        first = {"mutation_id": 1, "name": "conversation.create_group", "hlc": clock.now(),
                 "args": {"id": conversation, "title": "Bench 压测", "member_ids": [bob_id]}}
        pushes.push(actor, PushRequest(client_id="bench-client", mutations=[first]))
        for start in range(0, total, 1000):
            batch = [
                {"mutation_id": 2 + i, "name": "message.send", "hlc": clock.now(),
                 "args": {"id": new_id(), "conversation_id": conversation, "body": _body(rng, i)}}
                for i in range(start, min(total, start + 1000))
            ]
            pushes.push(actor, PushRequest(client_id="bench-client", mutations=batch))
        # A server that has been running: last month's platform experts are named already. Otherwise the server
        # ranks them as it starts (seconds of CPU over the 100k messages), beside the sync this measures.
        growth.publish_if_due(database)
    finally:
        database.dispose()


def _fill_local(store: Store, total: int, big_chat: int) -> None:
    """A local store as after a long sync: `big_chat` messages in one chat, the rest over 50 others."""
    rng = random.Random(11)
    chunk: list[PulledChange] = []
    seqs: dict[str, int] = {}
    for i in range(total):
        conversation = "big" if i < big_chat else f"c{i % 50}"
        seq = seqs[conversation] = seqs.get(conversation, 0) + 1
        data = {"id": new_id(), "conversation_id": conversation, "seq": seq, "author_id": "u1",
                "body": _body(rng, i), "reply_to": None, "important": False, "mentions": [],
                "sent_at": "2026-11-01T00:00:00+00:00", "created_hlc": "x", "edited_at": None, "deleted": False}
        chunk.append(PulledChange(f"conv:{conversation}", i + 1, "message", data["id"], "upsert", data))
        if len(chunk) == 5000:
            store.apply_pull(chunk, {}, [])
            chunk = []
    if chunk:
        store.apply_pull(chunk, {}, [])


def _p50(store: Store, words: list[str]) -> float:
    times = []
    for word in words * 3:
        started = time.perf_counter()
        search.search(store.conn, word, limit=50)
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 2)
