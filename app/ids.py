"""Ids the client makes offline: time-ordered row ids, and the ids derived from what they name.

Shared with the server through sync.protocol, so both sides derive the same id for the same thing.
"""

from __future__ import annotations

import uuid

from app import clock


def new_id() -> str:
    """A time-ordered id (UUIDv7 layout) so rows created offline insert in key order."""
    ms = clock.wall_ms()
    rand = uuid.uuid4().int & ((1 << 74) - 1)
    value = (ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | (rand >> 62) << 64 | 0b10 << 62 | (rand & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


_DIRECT_NAMESPACE = uuid.UUID("6f1f7e2a-5d0c-4b8e-9a57-0c2d6b1f4a11")


def direct_conversation_id(user_a: str, user_b: str) -> str:
    """The one direct conversation between two people, the same whoever starts it and wherever (offline too)."""
    if user_a == user_b:
        raise ValueError("a direct conversation needs two different people")
    low, high = sorted((user_a, user_b))
    return "dm-" + uuid.uuid5(_DIRECT_NAMESPACE, f"{low}\n{high}").hex


def department_conversation_id(department_id: str) -> str:
    return f"dept-{department_id}"


def department_space_id(department_id: str) -> str:
    return f"dept-{department_id}"
