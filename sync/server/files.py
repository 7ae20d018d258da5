"""The server's files on disk are private: its folder 0700, the database and everything beside it 0600.

The database holds every message and the password hashes. SQLite gives its `-wal` and `-shm` files the mode of
the database file itself, so creating `server.db` 0600 before SQLite opens it keeps all three private whatever
the umask. A folder or file made by someone else and left more open is not changed behind the administrator's
back: `exposed` names it, and the server warns at start (a backup account may be meant to read it).
Nothing here applies where the platform has no POSIX modes (Windows) or to a database URL (PostgreSQL).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SIDE_FILES = ("-wal", "-shm", "-journal")  # what SQLite writes beside a database file


def _posix() -> bool:
    return os.name == "posix"


def private_dir(folder: Path) -> None:
    """Create `folder` (and its parents) if missing; the folder itself is made 0700."""
    if folder.is_dir():
        return
    folder.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if _posix():
        os.chmod(folder, PRIVATE_DIR)  # mkdir's mode is filtered by the umask


def create_database_file(path: Path) -> None:
    """Make the folder and an empty database file, both private, before SQLite creates them with the umask's mode."""
    private_dir(path.parent)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    except FileExistsError:
        return
    os.close(fd)  # SQLite takes an empty file for a new database


@dataclass(frozen=True)
class Exposure:
    path: Path
    mode: int
    wanted: int

    def __str__(self) -> str:
        what = "folder" if self.wanted == PRIVATE_DIR else "file"
        return (
            f"the {what} {self.path} is open to other users of this machine (mode {self.mode:04o}); "
            f"it holds the server's data — chmod {self.wanted:o} {self.path}"
        )


def exposed(database: Path, also: Iterable[Path] = ()) -> list[Exposure]:
    """The server's folder and files (the database, its -wal/-shm/-journal, and `also`) more open than 0700/0600."""
    if not _posix():
        return []
    found: list[Exposure] = []
    candidates = [(database.parent, PRIVATE_DIR), (database, PRIVATE_FILE)]
    candidates += [(database.with_name(database.name + suffix), PRIVATE_FILE) for suffix in SIDE_FILES]
    candidates += [(Path(p), PRIVATE_FILE) for p in also]
    for path, wanted in candidates:
        try:
            mode = stat.S_IMODE(path.stat().st_mode)
        except OSError:  # not there (yet): SQLite makes -wal/-shm with the database's own mode
            continue
        if mode & ~wanted & 0o777:
            found.append(Exposure(path, mode, wanted))
    return found
