"""What the `atrium` command line shows: the one-line errors, the command context, and text laid out for terminals.

Failures the person can act on are a `CliError`: one line on stderr, "atrium: error: …", with exit status 1
(2 for usage mistakes). Output goes to the stdout of the moment, so tests and pipes may replace it.
"""

from __future__ import annotations

import json
import sys
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from app import clock


class CliError(Exception):
    """A failure to report as one line on stderr; `code` is the exit status."""

    def __init__(self, message: str, code: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class UsageError(CliError):
    """A mistake in how the command was written (exit status 2)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, 2)


@dataclass
class Context:
    """What every command gets: the profile it works on and the language for names."""

    profile: str | None
    language: str

    @property
    def out(self) -> TextIO:
        return sys.stdout  # looked up at each use: tests and pipes may replace it

    def say(self, text: str = "") -> None:
        print(text, file=self.out)

    def warn(self, text: str) -> None:
        print(f"atrium: warning: {text}", file=sys.stderr)

    def json(self, data: Any) -> None:
        print(json.dumps(data, ensure_ascii=False, indent=2), file=self.out)

    @property
    def profile_option(self) -> str:
        """The `--profile …` to repeat in a suggested command (empty for the default profile)."""
        return f" --profile {quote(self.profile)}" if self.profile else ""

    @property
    def login_hint(self) -> str:
        return f"atrium{self.profile_option} login --server URL --user NAME"


def fail(message: str, code: int = 1) -> int:
    print(f"atrium: error: {message}", file=sys.stderr)
    return code


def quote(text: str) -> str:
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


def width(text: str) -> int:
    """Columns a string takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0 if unicodedata.combining(ch) else 1
               for ch in text)


def fit(text: str, columns: int) -> str:
    """One line, cut with … or padded to exactly `columns` (so Chinese and English columns align)."""
    flat = " ".join(text.split())
    if width(flat) > columns:
        cut, used = [], 0
        for ch in flat:
            w = width(ch)
            if used + w > columns - 1:
                break
            cut.append(ch)
            used += w
        flat = "".join(cut) + "…"
    return flat + " " * (columns - width(flat))


def when(iso: str | None) -> str:
    """A stored UTC time as local "YYYY-MM-DD HH:MM" ("-" for none)."""
    if not iso:
        return "-"
    try:
        return datetime.fromisoformat(iso).astimezone(clock.local_zone()).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def read_text(path: str) -> str:
    """The text of --file (UTF-8; "-" is stdin)."""
    if path == "-":
        return sys.stdin.read()
    try:
        return Path(path).expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise CliError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise CliError(f"cannot read {path}: {exc.strerror or exc}") from None
