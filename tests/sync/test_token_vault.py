"""The session tokens in the keychain: read once per burst of requests, but another process's rotation is seen
soon after (a keychain read can take milliseconds on the thread the window shares)."""

from __future__ import annotations

from typing import Any

import keyring
import pytest

from app import clock, credentials
from app.credentials import Tokens, TokenVault


def test_a_burst_of_requests_reads_the_keychain_once(monkeypatch: pytest.MonkeyPatch) -> None:
    vault = TokenVault("profile-a")
    assert vault.secure  # the file keyring chosen for tests counts as a keychain
    vault.save(Tokens("a1", "r1"))
    other = TokenVault("profile-a")  # another process on the same profile, say `atrium sync`
    reads: list[Any] = []
    real = keyring.get_password
    monkeypatch.setattr(keyring, "get_password", lambda *a: reads.append(a) or real(*a))
    clock.pin("2027-01-01T09:00:00+08:00")  # advance() moves the monotonic reading the cache keeps
    assert other.load() == Tokens("a1", "r1")
    for _ in range(50):
        assert other.load() == Tokens("a1", "r1")
    assert len(reads) == 1
    vault.save(Tokens("a2", "r2"))  # the first process refreshes (refresh tokens rotate)
    clock.advance(credentials.KEYCHAIN_CACHE_S + 0.1)
    assert other.load() == Tokens("a2", "r2")
    other.clear()
    assert other.load() is None
