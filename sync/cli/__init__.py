"""The `atrium` command line: sign in, sync, and read or change chats, tasks and articles from a terminal.

It is the second front-end over the same core as the desktop app: every read goes through app.store.reads,
every change through app.services (so it lands in the local store and the outbox in one transaction), and
only `login`, `logout` and `sync` touch the network — everything else works offline on the profile's store.
Failures the person can act on (not signed in, offline, a refused input, a full disk, …) are one line on
stderr, "atrium: error: …", with exit status 1; usage mistakes exit with 2. `--json` output is stable.

The modules: `run` (main), `parser` (the grammar), `output` (errors and terminal text), `session` (opening a
profile), `resolve` (naming things by id or title), `signin`, and one module per command group: `account`
(login, logout), `syncing`, `status`, `chat`, `task`, `kb`, `search`, `outbox`.
"""

from __future__ import annotations

from .parser import COMMANDS, build_parser
from .run import main

__all__ = ["COMMANDS", "build_parser", "main"]
