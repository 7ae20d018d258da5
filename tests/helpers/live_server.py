"""A real Atrium server on a free loopback port, in a thread of the test process."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import uvicorn

from sync.server.app import ServerConfig, create_app
from sync.server.db import Database


class LiveServer:
    def __init__(self, database: Database, url: str, config: ServerConfig) -> None:
        self.db = database
        self.url = url
        self.config = config


@contextmanager
def running_server(db_path: Path, config: ServerConfig | None = None) -> Iterator[LiveServer]:
    config = config or ServerConfig()
    database = Database.open(db_path)
    app = create_app(database, config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", ws="none", timeout_graceful_shutdown=1)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    started = threading.Event()
    while not started.wait(0.01):
        if server.started or not thread.is_alive():
            started.set()
    if not server.started:
        raise RuntimeError("the test server did not start")
    try:
        yield LiveServer(database, f"http://127.0.0.1:{port}", config)
    finally:
        server.should_exit = True
        app.state.services.hub.close_all()
        thread.join(timeout=10)
        sock.close()
        database.dispose()
