"""The signed-in session the use cases act for, and the one error they raise for input they refuse.

A `Session` bundles what every action needs: the profile's `Store`, who is acting, and the hybrid logical
clock that stamps each change (its node is this client, so readings from two devices never tie). Both
front-ends make one per signed-in profile and pass it to the functions in app.services.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from app import clock
from app.hlc import HybridClock
from app.limits import MAX_TITLE_CHARS
from app.store import Store, Summary, reads


class ActionRefused(Exception):
    """The person asked for something that cannot be done as asked; `message` says why, in one sentence.

    Nothing was changed or queued. The sentence is an English `template` with named `args` ("You are not a
    member of “{title}”."), so a front-end can show it in the person's language: the desktop app translates the
    template (ui/refusals.py lists every one for the translators) and fills in the same arguments; the command
    line shows `message`, the English sentence.
    """

    def __init__(self, template: str, **args: object) -> None:
        self.template = template
        self.args_ = args
        self.message = template.format(**args) if args else template
        super().__init__(self.message)


def _today() -> date:
    return clock.today()


@dataclass
class Session:
    store: Store
    user_id: str
    clock: HybridClock
    language: str = "zh"  # for names in summaries and views: "zh" or "en"
    today: Callable[[], date] = _today  # tests pass a fixed day, so overdue and exports are repeatable

    @classmethod
    def open(cls, store: Store, user_id: str, node: str, language: str = "zh") -> Session:
        """A session whose clock node is this client (the server's client id, or the profile name offline)."""
        clock = HybridClock(clock_node(node))
        last = store.state("last_hlc")
        if last:
            clock.observe(last)  # never stamp a change at or before one this profile already made
        return cls(store, user_id, clock, language)

    @property
    def conn(self) -> sqlite3.Connection:
        return self.store.conn

    def enqueue(self, name: str, args: dict[str, Any], *, scope: str, summary: str | Summary) -> int:
        """Apply the action locally and queue it for the server, stamped with this session's clock."""
        # After every reading this profile has seen (pulled data moves it): a device whose wall clock is behind
        # still stamps its edit after the one it is replacing.
        return self.store.enqueue(name, args, scope=scope, summary=summary, user_id=self.user_id,
                                  hlc=self.stamp())

    def retry(self, mutation_id: int) -> int | None:
        """Queue a refused change again as a new mutation with a fresh stamp; None if there is no such one."""
        return self.store.retry(mutation_id, self.user_id, self.stamp())

    def stamp(self) -> str:
        """A clock reading after every reading this profile has seen (pulled data moves it), so a device whose
        wall clock is behind still stamps its edit after the one it replaces."""
        seen = self.store.state("last_hlc")
        if seen:
            self.clock.observe(seen)
        return self.clock.now()


def described(template: str, **args: object) -> Summary:
    """A queued change's summary: an English template and its arguments (front-ends may translate it)."""
    return Summary(template, args)


def clock_node(node: str) -> str:
    # A clock node may only hold [A-Za-z0-9_-] (1..64); profile names may hold anything.
    cleaned = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_-") else "_" for ch in node)[:64]
    return cleaned or "local"


# ------------------------------------------------------------------------------- checks shared by services


def readable_size(size: int) -> str:
    """A byte count for people, rounded up so one byte over a limit never reads as the limit itself."""
    if size >= 1024 * 1024:
        return f"{math.ceil(size / (1024 * 1024) * 10) / 10:.1f} MB"
    return f"{math.ceil(size / 1024)} KB"


def check_size(what: str, text: str, limit: int) -> None:
    size = len(text.encode("utf-8"))
    if size > limit:
        raise ActionRefused("The {what} is {size}; {indefinite} {what2} can be at most {size2}.", what=what,
                            size=readable_size(size), indefinite=_indefinite(what), what2=what,
                            size2=readable_size(limit))


def _indefinite(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def clean_title(title: str, what: str = "title") -> str:
    cleaned = " ".join(title.split())
    if not cleaned:
        raise ActionRefused("The {what} is empty.", what=what)
    if len(cleaned) > MAX_TITLE_CHARS:
        raise ActionRefused("The {what} is {count} characters long; the limit is {MAX_TITLE_CHARS}.", what=what,
                            count=len(cleaned), MAX_TITLE_CHARS=MAX_TITLE_CHARS)
    return cleaned


def require_person(session: Session, name_or_id: str) -> reads.Person:
    """The active person named by username (with or without @) or id."""
    found = reads.find_person(session.conn, name_or_id)
    if found is None or not found.active:
        raise ActionRefused("There is no active person called “{name}”.", name=name_or_id.strip())
    return found


def shorten(text: str, width: int = 30) -> str:
    """Text on one line for a summary in the sync centre, cut with … when long."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"
