"""Sign-in, tokens and sessions.

Tokens are opaque random strings; only their SHA-256 digests are stored. Every request looks its session up,
so logging out, disabling an account or revoking a session takes effect on the very next request — no
signed token stays valid until it expires. The access token is short-lived; the refresh token rotates on
every use.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import and_, select, update
from sqlalchemy.engine import Connection, RowMapping

from app import clock
from sync.protocol import Role, TokenReply, UserInfo, new_id

from .changes import Actor
from .db import Database, clients, sessions, users
from .passwords import verify_or_dummy


class AuthError(Exception):
    """A refused request: HTTP status, a stable code, and a sentence for people."""

    def __init__(self, status: int, code: str, detail: str, retry_after: int | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.retry_after = retry_after


@dataclass
class AuthConfig:
    access_ttl_s: int = 15 * 60
    refresh_ttl_s: int = 30 * 24 * 3600
    # Failed sign-ins allowed in the window before further attempts are refused for a while.
    max_failures_per_account: int = 5
    max_failures_per_address: int = 20
    failure_window_s: int = 300
    clock: Callable[[], float] = clock.timestamp


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def iso_now(read: Callable[[], float] = clock.timestamp) -> str:
    return datetime.fromtimestamp(read(), UTC).isoformat(timespec="milliseconds")


@dataclass
class LoginThrottle:
    """Counts failed sign-ins per account and per address in a sliding window (in memory, per process)."""

    config: AuthConfig
    _failures: dict[str, deque[float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def check(self, username: str, address: str) -> None:
        now = self.config.clock()
        with self._lock:
            for key, limit in (
                (f"user:{username.lower()}", self.config.max_failures_per_account),
                (f"addr:{address}", self.config.max_failures_per_address),
            ):
                times = self._recent(key, now)
                if len(times) >= limit:
                    wait = int(times[0] + self.config.failure_window_s - now) + 1
                    raise AuthError(
                        429,
                        "too_many_attempts",
                        f"too many failed sign-ins; try again in {wait} s",
                        retry_after=wait,
                    )

    def failed(self, username: str, address: str) -> None:
        now = self.config.clock()
        with self._lock:
            for key in (f"user:{username.lower()}", f"addr:{address}"):
                self._failures.setdefault(key, deque()).append(now)

    def succeeded(self, username: str) -> None:
        with self._lock:
            self._failures.pop(f"user:{username.lower()}", None)

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.config.failure_window_s:
            times.popleft()
        return times


class Authenticator:
    def __init__(self, database: Database, config: AuthConfig | None = None) -> None:
        self.db = database
        self.config = config or AuthConfig()
        self.throttle = LoginThrottle(self.config)

    def login(
        self, username: str, password: str, device: str, address: str, client_id: str | None = None
    ) -> TokenReply:
        username = username.strip().lower()  # accounts are stored that way; "WangFang" is wangfang
        self.throttle.check(username, address)
        with self.db.read() as conn:
            row = conn.execute(select(users).where(users.c.username == username)).mappings().first()
        # Verify even for an unknown name so timing does not tell which accounts exist.
        ok = verify_or_dummy(row["password_hash"] if row else None, password)
        if not row or not ok:
            self.throttle.failed(username, address)
            raise AuthError(401, "bad_credentials", "wrong user name or password")
        if not row["active"]:
            raise AuthError(403, "account_disabled", "this account has been disabled; ask your administrator")
        self.throttle.succeeded(username)
        with self.db.write() as conn:
            client_id = self._bind_client(conn, row["id"], client_id)
            return self._issue(conn, row, client_id, device, session_id=None)

    def refresh(self, refresh_token: str) -> TokenReply:
        now = self.config.clock()
        with self.db.write() as conn:
            session = (
                conn.execute(select(sessions).where(sessions.c.refresh_hash == _digest(refresh_token)))
                .mappings()
                .first()
            )
            if not session or session["revoked"] or session["refresh_expires"] <= now:
                raise AuthError(401, "refresh_refused", "your session has ended; please sign in again")
            row = conn.execute(select(users).where(users.c.id == session["user_id"])).mappings().first()
            if not row or not row["active"]:
                raise AuthError(401, "account_disabled", "this account has been disabled; ask your administrator")
            return self._issue(conn, row, session["client_id"], session["device"], session_id=session["id"])

    def logout(self, access_token: str) -> None:
        with self.db.write() as conn:
            conn.execute(update(sessions).where(sessions.c.access_hash == _digest(access_token)).values(revoked=True))

    def authenticate(self, access_token: str | None) -> tuple[Actor, str]:
        """The person and client id behind an access token, or AuthError 401."""
        if not access_token:
            raise AuthError(401, "not_signed_in", "sign in first")
        with self.db.read() as conn:
            found = conn.execute(
                select(
                    sessions.c.access_expires,
                    sessions.c.revoked,
                    sessions.c.client_id,
                    users.c.id,
                    users.c.username,
                    users.c.role,
                    users.c.department_id,
                    users.c.active,
                )
                .select_from(sessions.join(users, users.c.id == sessions.c.user_id))
                .where(sessions.c.access_hash == _digest(access_token))
            ).first()
        if found is None or found.revoked:
            raise AuthError(401, "invalid_token", "your session is not valid; please sign in again")
        if not found.active:
            raise AuthError(401, "account_disabled", "this account has been disabled; ask your administrator")
        if found.access_expires <= self.config.clock():
            raise AuthError(401, "token_expired", "your access token has expired; refresh it")
        actor = Actor(id=found.id, username=found.username, role=Role(found.role), department_id=found.department_id)
        return actor, found.client_id

    def _bind_client(self, conn: Connection, user_id: str, wanted: str | None) -> str:
        """Keep the client's own id when it already belongs to this person, so its outbox numbering goes on."""
        if wanted:
            owner = conn.execute(select(clients.c.user_id).where(clients.c.id == wanted)).scalar()
            if owner == user_id:
                return wanted
            if owner is None:
                conn.execute(clients.insert().values(id=wanted, user_id=user_id, created_at=iso_now(self.config.clock)))
                return wanted
        fresh = new_id()
        conn.execute(clients.insert().values(id=fresh, user_id=user_id, created_at=iso_now(self.config.clock)))
        return fresh

    def _issue(
        self, conn: Connection, user_row: RowMapping, client_id: str, device: str, session_id: str | None
    ) -> TokenReply:
        now = self.config.clock()
        access, refresh = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        values = {
            "access_hash": _digest(access),
            "access_expires": now + self.config.access_ttl_s,
            "refresh_hash": _digest(refresh),
            "refresh_expires": now + self.config.refresh_ttl_s,
        }
        if session_id is None:
            conn.execute(
                sessions.insert().values(
                    id=new_id(),
                    user_id=user_row["id"],
                    client_id=client_id,
                    revoked=False,
                    device=device,
                    created_at=iso_now(self.config.clock),
                    **values,
                )
            )
        else:
            conn.execute(
                update(sessions)
                .where(and_(sessions.c.id == session_id, sessions.c.revoked.is_(False)))
                .values(**values)
            )
        return TokenReply(
            access_token=access,
            refresh_token=refresh,
            expires_in=self.config.access_ttl_s,
            client_id=client_id,
            user=user_info(user_row),
        )


def user_info(row: RowMapping) -> UserInfo:
    return UserInfo(
        id=row["id"],
        username=row["username"],
        display_name=row["display_name"],
        role=Role(row["role"]),
        department_id=row["department_id"],
    )
