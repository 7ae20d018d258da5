"""Server throughput: push N chat messages through HTTP, then pull them all as a second member would.

The server runs as its own process (as it does for real) so the benchmark's client does not share its
interpreter. Figures: `server.push_mutations_per_s` and `server.pull_changes_per_s` (JSON decoding by the
client included).
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import orjson

from sync.protocol import HybridClock, new_id
from sync.server import org
from sync.server.db import Database

from . import Figure

PUSH_BATCH = 500
PULL_LIMIT = 5000
_WORDS = [
    "审批", "报销", "budget", "review", "项目", "进度", "release",
    "客户", "meeting", "培训", "deadline", "文档", "design",
]  # fmt: skip


def run(quick: bool) -> Iterator[Figure]:
    total = 10_000 if quick else 100_000
    with tempfile.TemporaryDirectory(prefix="atrium-bench-") as tmp:
        db_path = Path(tmp) / "server.db"
        _seed_people(db_path)
        with _server_process(db_path) as url, httpx.Client(base_url=url, timeout=120) as http:
            alice = _login(http, "alice")
            conversation = new_id()
            clock = HybridClock("bench")
            _push(
                http,
                alice,
                [
                    (
                        "conversation.create_group",
                        {"id": conversation, "title": "Bench", "member_ids": [_login(http, "bob")["user"]["id"]]},
                    )
                ],
                clock,
                start_id=1,
            )

            sends = [
                ("message.send", {"id": new_id(), "conversation_id": conversation, "body": _body(i)})
                for i in range(total)
            ]
            started = time.perf_counter()
            for offset in range(0, total, PUSH_BATCH):
                _push(http, alice, sends[offset : offset + PUSH_BATCH], clock, start_id=2 + offset)
            push_s = time.perf_counter() - started
            yield Figure("server.push_mutations_per_s", round(total / push_s), "mutations/s", ">= 5000")

            bob = _login(http, "bob")
            cursors: dict[str, int] = {}
            pulled = 0
            started = time.perf_counter()
            while True:
                reply = http.post(
                    "/v1/sync/pull",
                    content=orjson.dumps({"cursors": cursors, "limit": PULL_LIMIT}),
                    headers=_auth(bob) | {"content-type": "application/json"},
                )
                reply.raise_for_status()
                page = orjson.loads(reply.content)
                pulled += len(page["changes"])
                cursors.update(page["cursors"])
                if not page["more"]:
                    break
            pull_s = time.perf_counter() - started
            if pulled < total:
                raise RuntimeError(f"pulled {pulled} changes, expected at least {total}")
            yield Figure("server.pull_changes_per_s", round(pulled / pull_s), "changes/s", ">= 20000")


def _body(i: int) -> str:
    words = " ".join(_WORDS[(i + k) % len(_WORDS)] for k in range(8))
    return f"Message {i}: {words} — **进度** `#{i}`"


def _seed_people(db_path: Path) -> None:
    database = Database.open(db_path)
    try:
        with database.write() as conn:
            ctx = org.system_context(conn)
            for name in ("alice", "bob"):
                org.add_user(ctx, name, "bench-password", display_name=name.title())
    finally:
        database.dispose()


class _server_process:
    def __init__(self, db_path: Path) -> None:
        self.db_path = db_path
        self.proc: subprocess.Popen[str] | None = None

    def __enter__(self) -> str:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sync.server.cli", "--db", str(self.db_path), "--port", "0"],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        match = re.search(r"http://127\.0\.0\.1:\d+", line)
        if not match:
            self.proc.kill()
            raise RuntimeError(f"the server did not start: {line!r}")
        return match.group(0)

    def __exit__(self, *_exc: object) -> None:
        if self.proc:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _login(http: httpx.Client, name: str) -> dict[str, object]:
    reply = http.post("/v1/auth/login", json={"username": name, "password": "bench-password"})
    reply.raise_for_status()
    return dict(reply.json())


def _auth(session: dict[str, object]) -> dict[str, str]:
    return {"authorization": f"Bearer {session['access_token']}"}


def _push(
    http: httpx.Client,
    session: dict[str, object],
    mutations: list[tuple[str, dict[str, object]]],
    clock: HybridClock,
    start_id: int,
) -> None:
    body = {
        "client_id": session["client_id"],
        "mutations": [
            {"mutation_id": start_id + i, "name": name, "args": args, "hlc": clock.now()}
            for i, (name, args) in enumerate(mutations)
        ],
    }
    reply = http.post(
        "/v1/sync/push", content=orjson.dumps(body), headers=_auth(session) | {"content-type": "application/json"}
    )
    reply.raise_for_status()
    bad = [r for r in reply.json()["results"] if r["status"] != "applied"]
    if bad:
        raise RuntimeError(f"push refused: {bad[:3]}")
