"""Password hashing for server accounts (Argon2id through argon2-cffi).

`verify` answers True or False and never raises for a wrong password or a malformed stored hash, so callers
cannot leak the difference through an error path. Signing in as a name that does not exist must cost the
same time as a wrong password: call `verify_or_dummy(None, password)`, which checks against `DUMMY_HASH`.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

# argon2-cffi's defaults (RFC 9106 low-memory profile: t=3, m=64 MiB, p=4) — about 50 ms per check here.
_hasher = PasswordHasher()

# A hash of a password nobody uses, made with the same parameters as real ones: verifying against it takes
# as long as verifying against a real account's hash. Kept as a constant so importing costs nothing; if the
# library's parameters ever change, `_dummy_hash` makes a fresh one (once) so the timing still matches.
DUMMY_HASH = "$argon2id$v=19$m=65536,t=3,p=4$vr87FruiuXDKXBlNRaKOJw$CTY6sXEOJSs21SCDzNiLjfZBanro4eYsd3aD5I+oSXQ"
_dummy: list[str] = []


def _dummy_hash() -> str:
    if not _dummy:
        _dummy.append(_hasher.hash("atrium: no such user") if needs_rehash(DUMMY_HASH) else DUMMY_HASH)
    return _dummy[0]


def hash_password(password: str) -> str:
    if not password:
        raise ValueError("the password must not be empty")
    return _hasher.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """True when `password` matches `stored_hash`; False for a mismatch or an unreadable hash."""
    try:
        return _hasher.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def verify_or_dummy(stored_hash: str | None, password: str) -> bool:
    """Check a password for an account that may not exist, in the same time either way."""
    if stored_hash is None:
        verify_password(_dummy_hash(), password)
        return False
    return verify_password(stored_hash, password)


def needs_rehash(stored_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's: rehash it after a good sign-in."""
    try:
        return _hasher.check_needs_rehash(stored_hash)
    except (InvalidHashError, ValueError):
        return True


# Short names for callers that read better as passwords.hash(...) / passwords.verify(...).
hash = hash_password
verify = verify_password
