"""Where a profile's session tokens live: the OS keychain (through keyring), never SQLite, settings or logs.

Where no keychain exists (a headless Linux box, a locked keychain) the tokens are kept in memory for this run
only and `warning` says so, so the person knows they will sign in again next time.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass

import keyring
import keyring.errors
from keyring.backends import fail

from app import clock

log = logging.getLogger("atrium.credentials")
SERVICE = "Atrium"
KEYCHAIN_CACHE_S = 5.0


@dataclass(frozen=True)
class Tokens:
    access_token: str
    refresh_token: str

    def __repr__(self) -> str:  # never let a token reach a log line through a repr
        return "Tokens(<hidden>)"


class TokenVault:
    """The session of one profile: `account` names it in the keychain (the profile's folder)."""

    def __init__(self, account: str) -> None:
        self.account = account
        self._memory: Tokens | None = None
        self._read_at = 0.0
        self.warning: str | None = None
        backend = keyring.get_keyring()
        # keyrings.alt's plain-text file is for tests: only when chosen on purpose, never as a silent default.
        chosen = "PYTHON_KEYRING_BACKEND" in os.environ
        plain_file = type(backend).__module__.startswith("keyrings.alt") and not chosen
        self._keychain = (
            not isinstance(backend, fail.Keyring) and not plain_file and getattr(backend, "priority", 1) > 0
        )
        if not self._keychain:
            self._memory_only("no system keychain was found")

    @property
    def secure(self) -> bool:
        return self._keychain

    def load(self) -> Tokens | None:
        if not self._keychain:
            return self._memory
        # Each request asks for the tokens, and a keychain read can take milliseconds (D-Bus on Linux) on the
        # thread the window shares: a sync burst reads it once. Briefly, so that tokens another process on this
        # profile rotated (the CLI refreshing them) are seen soon after.
        if self._memory is not None and clock.monotonic() - self._read_at < KEYCHAIN_CACHE_S:
            return self._memory
        try:
            text = keyring.get_password(SERVICE, self.account)
        except keyring.errors.KeyringError as exc:
            self._memory_only(f"the keychain could not be read ({type(exc).__name__})")
            return self._memory
        if not text:
            return self._memory
        try:
            data = json.loads(text)
            tokens = Tokens(str(data["access_token"]), str(data["refresh_token"]))
        except (ValueError, KeyError, TypeError):
            log.warning("ignoring an unreadable session entry in the keychain")
            return None
        self._memory, self._read_at = tokens, clock.monotonic()
        return tokens

    def save(self, tokens: Tokens) -> None:
        self._memory, self._read_at = tokens, clock.monotonic()
        if not self._keychain:
            return
        text = json.dumps({"access_token": tokens.access_token, "refresh_token": tokens.refresh_token})
        try:
            keyring.set_password(SERVICE, self.account, text)
        except keyring.errors.KeyringError as exc:
            self._memory_only(f"the keychain refused to store the session ({type(exc).__name__})")

    def clear(self) -> None:
        self._memory = None
        if not self._keychain:
            return
        try:
            keyring.delete_password(SERVICE, self.account)
        except keyring.errors.PasswordDeleteError:
            pass
        except keyring.errors.KeyringError as exc:
            log.warning("could not remove the session from the keychain (%s)", type(exc).__name__)

    def _memory_only(self, why: str) -> None:
        self._keychain = False
        self.warning = f"{why}: your session is kept in memory only, and you will sign in again next time"
        log.warning("credentials: %s", self.warning)
