"""The hybrid logical clock that orders edits made on different devices.

Shared by the client (stamping offline edits) and the server (merging them): both must order readings the
same way, so this module is pure and has no dependencies.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from app import clock

HLC_PATTERN = r"^([0-9]{15})-([0-9]{6})-([A-Za-z0-9_\-]{1,64})$"  # ASCII digits only: readings compare as text
_HLC_RE = re.compile(HLC_PATTERN)


@dataclass(frozen=True, order=True)
class Timestamp:
    """A hybrid logical clock reading: wall milliseconds, a counter, and the node that made it.

    Its string form sorts the same way as the reading, so stored clocks compare as plain text.
    """

    millis: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.millis:015d}-{self.counter:06d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Timestamp:
        match = _HLC_RE.match(text)
        if not match:
            raise ValueError(f"not a clock reading: {text!r}")
        return cls(int(match[1]), int(match[2]), match[3])


ZERO_CLOCK = "000000000000000-000000-0"


class HybridClock:
    """Issues readings that never go backwards, even when the wall clock does, and absorb remote ones."""

    def __init__(self, node: str, wall_ms: Callable[[], int] | None = None) -> None:
        self.node = node
        self._wall_ms = wall_ms or clock.wall_ms
        self._last = Timestamp(0, 0, node)

    def wall_ms(self) -> int:
        """The wall clock this clock reads (tests give a fake one), in milliseconds."""
        return self._wall_ms()

    def now(self) -> str:
        wall = self._wall_ms()
        if wall > self._last.millis:
            self._last = Timestamp(wall, 0, self.node)
        else:
            self._last = Timestamp(self._last.millis, self._last.counter + 1, self.node)
        return str(self._last)

    def observe(self, remote: str) -> None:
        """Move past a reading seen from elsewhere so the next local edit orders after it."""
        other = Timestamp.parse(remote)
        if (other.millis, other.counter) <= (self._last.millis, self._last.counter):
            return  # the next reading is after it anyway; moving the counter would only use it up
        wall = self._wall_ms()
        top = max(wall, self._last.millis, other.millis)
        if top == self._last.millis == other.millis:
            counter = max(self._last.counter, other.counter) + 1
        elif top == self._last.millis:
            counter = self._last.counter + 1
        elif top == other.millis:
            counter = other.counter + 1
        else:
            counter = 0
        self._last = Timestamp(top, counter, self.node)
