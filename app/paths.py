"""Where Atrium keeps its files: one module owns every path.

A profile is one person's local cache on this machine. `--profile NAME` picks a named profile under the
platform's data directory; `--profile PATH` (anything with a path separator, or starting with "." or "~")
uses that folder as it is, so two people can run side by side. `ATRIUM_HOME` moves the whole data directory
(tests, portable installs). Folders are created 0700 and files 0600: the cache holds private chats.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import platformdirs

APP_NAME = "Atrium"
DEFAULT_PROFILE = "default"
STORE_FILE = "store.sqlite3"
_NAME_RE = re.compile(r"^[\w\-. ]{1,64}$")


class ProfileError(ValueError):
    """A profile name or folder that cannot be used; the message says why."""


def data_home() -> Path:
    override = os.environ.get("ATRIUM_HOME")
    return Path(override).expanduser() if override else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def is_path_like(profile: str) -> bool:
    return os.sep in profile or "/" in profile or profile.startswith((".", "~"))


def profile_dir(profile: str | None = None, *, create: bool = True) -> Path:
    """The folder of a profile, created private if needed."""
    name = profile or os.environ.get("ATRIUM_PROFILE") or DEFAULT_PROFILE
    if "\0" in name:
        raise ProfileError("a profile name or folder cannot contain a NUL character")
    if is_path_like(name):
        folder = Path(name).expanduser().resolve()
    else:
        if not _NAME_RE.match(name) or name in (".", ".."):
            raise ProfileError(f"“{name}” is not a usable profile name (letters, digits, '-', '_', '.', spaces)")
        folder = data_home() / "profiles" / name
    if create:
        ensure_private_dir(folder)
    return folder


def profile_label(profile: str | None) -> str:
    """A short name for messages and the keychain entry: the profile name or its folder path."""
    if profile and is_path_like(profile):
        return str(profile_dir(profile, create=False))
    return profile or DEFAULT_PROFILE


def store_path(profile: str | None = None) -> Path:
    return profile_dir(profile) / STORE_FILE


def ensure_private_dir(folder: Path) -> None:
    if folder.exists() and not folder.is_dir():
        raise ProfileError(f"{folder} exists and is not a folder")
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if os.name == "posix":
        os.chmod(folder, 0o700)


def make_private(file: Path) -> None:
    """Restrict a file to its owner (no-op where the platform has no POSIX modes)."""
    if os.name == "posix" and file.exists():
        os.chmod(file, 0o600)
