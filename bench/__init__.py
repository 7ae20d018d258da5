"""Benchmarks that print figures: `python -m bench [NAME...] [--quick]`, one JSON object per line and figure."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    unit: str
    target: str  # e.g. ">= 20000" or "< 50"; empty when there is none

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


Bench = Callable[[bool], Iterator[Figure]]


def registry() -> dict[str, Bench]:
    """Benchmark groups by name; each module is imported only when its group runs."""
    from . import client, growth, rendering, server, ui

    return {"server": server.run, "client": client.run, "ui": ui.run, "growth": growth.run, "rendering": rendering.run}
