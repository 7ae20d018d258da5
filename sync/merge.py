"""Conflict rules as pure functions, shared by the client and the server.

Two rules live here (DESIGN.md, "Conflict rules"):

* Tasks: every field is merged on its own, last writer by hybrid logical clock wins. The outcome of every
  field is reported, so the caller can keep the value that lost (or the value that was overwritten) in the
  task's history instead of discarding it.
* Articles: an edit names the revision it started from; the server merges it three-way, line by line, with
  the head. Overlapping changes are a conflict: both sides are kept and shown side by side.

Nothing here touches a database or the network, so the same code gives the same answer on every device.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import merge3

from sync.protocol import ZERO_CLOCK

# ------------------------------------------------------------------------------------------------ tasks


class FieldOutcome(StrEnum):
    APPLIED = "applied"  # the edit's clock is newer: its value replaced the one in place
    LOST = "lost"  # the value in place has a newer clock: the edit is kept in history, not applied
    SAME = "same"  # the very same value with the very same clock is already in place (a replay)


@dataclass(frozen=True)
class FieldResult:
    """What happened to one field of an edit.

    `value`/`hlc` are what the edit carried; `previous`/`previous_hlc` are what was in place before it: the
    overwritten value when the edit was applied, the value that beat it when the edit lost.
    """

    field: str
    outcome: FieldOutcome
    value: Any
    hlc: str
    previous: Any
    previous_hlc: str


@dataclass(frozen=True)
class TaskMerge:
    values: dict[str, Any]
    clocks: dict[str, str]
    results: tuple[FieldResult, ...]

    @property
    def applied(self) -> tuple[FieldResult, ...]:
        return tuple(r for r in self.results if r.outcome is FieldOutcome.APPLIED)

    @property
    def lost(self) -> tuple[FieldResult, ...]:
        return tuple(r for r in self.results if r.outcome is FieldOutcome.LOST)


def _value_key(value: Any) -> str:
    # Only used to break a tie between two different values carrying the same clock, which a correct HLC
    # never produces (the node is part of the reading). A canonical text makes even that case converge.
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def edit_wins(edit_hlc: str, edit_value: Any, current_hlc: str, current_value: Any) -> bool | None:
    """True if the edit replaces the value in place, False if it loses, None if it is the same write.

    Clocks are compared as full strings: their text form sorts the same way as the readings.
    """
    if edit_hlc != current_hlc:
        return edit_hlc > current_hlc
    edit_key, current_key = _value_key(edit_value), _value_key(current_value)
    if edit_key == current_key:
        return None
    return edit_key > current_key


def merge_task_fields(
    current: Mapping[str, Any],
    clocks: Mapping[str, str],
    edit: Mapping[str, Any],
    edit_hlc: str,
) -> TaskMerge:
    """Merge one edit (some fields, all written at `edit_hlc`) into a task's values and per-field clocks.

    A field without a clock counts as written at the zero clock, so any edit replaces it. The inputs are not
    changed; the new values and clocks are returned with one result per edited field.
    """
    values = dict(current)
    new_clocks = dict(clocks)
    results: list[FieldResult] = []
    for name in sorted(edit):  # sorted: the same order of results on every device
        value = edit[name]
        previous = current.get(name)
        previous_hlc = clocks.get(name, ZERO_CLOCK)
        wins = edit_wins(edit_hlc, value, previous_hlc, previous)
        if wins is None:
            outcome = FieldOutcome.SAME
        elif wins:
            outcome = FieldOutcome.APPLIED
            values[name] = value
            new_clocks[name] = edit_hlc
        else:
            outcome = FieldOutcome.LOST
        results.append(FieldResult(name, outcome, value, edit_hlc, previous, previous_hlc))
    return TaskMerge(values=values, clocks=new_clocks, results=tuple(results))


# --------------------------------------------------------------------------------------------- articles

CONFLICT_START = "<<<<<<< theirs\n"
CONFLICT_MIDDLE = "=======\n"
CONFLICT_END = ">>>>>>> mine\n"


@dataclass(frozen=True)
class ConflictRegion:
    """One place where both sides changed the same lines differently (texts, each line ending in "\\n")."""

    base: str
    theirs: str
    mine: str


@dataclass(frozen=True)
class MergeResult:
    """The merged text, or — when `conflicted` — a text that holds both sides of every conflict.

    When conflicted, `text` has git-style markers around each conflicting region (theirs first, then mine)
    so a person can resolve it by editing; `conflicts` lists the regions for a side-by-side view. Nothing of
    either side is missing from `text` in either case.
    """

    text: str
    conflicted: bool
    conflicts: tuple[ConflictRegion, ...] = ()


def split_lines(text: str) -> list[str]:
    """Lines each ending in "\\n"; a last line without one gets one (see `merge_article`).

    Only "\\n" separates lines: other characters str.splitlines() treats as breaks (form feed, U+2028, …)
    stay inside a line, so joining the lines gives back the text exactly.
    """
    if not text:
        return []
    parts = text.split("\n")
    if parts[-1] == "":
        parts.pop()
    return [part + "\n" for part in parts]


def _ends_with_newline(text: str) -> bool:
    # An empty text has no last line to lack a newline: treat it as "ends with one".
    return text == "" or text.endswith("\n")


def merge_article(base: str, theirs: str, mine: str) -> MergeResult:
    """Three-way line merge of `mine` (an edit made from `base`) with `theirs` (the head made since `base`).

    Changes to different lines merge cleanly; the same change made on both sides is taken once; different
    changes to the same (or adjacent) lines are a conflict.

    A last line without a newline would otherwise differ from the same line with one and turn an append on
    one side into a conflict with an edit elsewhere, or glue two lines together on output. So every text is
    merged as if it ended with a newline, and whether the result ends with one is merged on its own like a
    one-bit three-way merge: if the two sides disagree, the side that changed it from the base wins.
    """
    base_nl, theirs_nl, mine_nl = (_ends_with_newline(t) for t in (base, theirs, mine))
    final_nl = theirs_nl if theirs_nl == mine_nl else (mine_nl if theirs_nl == base_nl else theirs_nl)

    merger = merge3.Merge3(split_lines(base), split_lines(theirs), split_lines(mine))
    out: list[str] = []
    conflicts: list[ConflictRegion] = []
    for group in merger.merge_groups():
        if group[0] == "conflict":
            _, base_lines, theirs_lines, mine_lines = group
            conflicts.append(ConflictRegion("".join(base_lines), "".join(theirs_lines), "".join(mine_lines)))
            out.append(CONFLICT_START)
            out.extend(theirs_lines)
            out.append(CONFLICT_MIDDLE)
            out.extend(mine_lines)
            out.append(CONFLICT_END)
        else:
            out.extend(group[1])
    text = "".join(out)
    if not conflicts and not final_nl and text.endswith("\n"):
        text = text[:-1]
    return MergeResult(text=text, conflicted=bool(conflicts), conflicts=tuple(conflicts))
