"""Sign-in, tokens and sessions.

Tokens are opaque random strings; only their SHA-256 digests are stored. Every request looks its session up,
so logging out, disabling an account or revoking a session takes effect on the very next request — no
signed token stays valid until it expires. The access token is short-lived; the refresh token rotates on
every use.
"""

from __future__ import annotations

import hashlib
import logging
import math
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import and_, case, delete, select, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, RowMapping

from app import clock
from sync.protocol import KIND_NOTICE, NOTICE_FAILED_SIGN_INS, Role, TokenReply, UserInfo, new_id, user_scope

from .changes import Actor
from .db import Database, clients, login_failures, sessions, users
from .org import system_context
from .passwords import verify_or_dummy

log = logging.getLogger("atrium.server.auth")


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
    # Sign-in throttling slows a guesser down without locking the account's owner out (see LoginThrottle).
    free_failures: int = 3  # wrong passwords for one account from one address before delays begin
    free_failures_per_address: int = 20  # one address, any accounts (trying one password on many people)
    first_delay_s: float = 2.0  # then 2, 4, 8, … seconds before that address may try that account again
    max_delay_s: float = 300.0
    failure_window_s: int = 900  # a streak of failures ends this long after its last one
    notify_after_failures: int = 10  # failures for one account (all addresses) in a streak: tell its owner
    notify_every_s: int = 24 * 3600  # a streak that goes on tells the owner again at most this often
    clock: Callable[[], float] = clock.timestamp


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def iso_now(read: Callable[[], float] = clock.timestamp) -> str:
    return datetime.fromtimestamp(read(), UTC).isoformat(timespec="milliseconds")


ANY = "*"  # the address of an account's own row, the username of an address's own row


@dataclass
class LoginThrottle:
    """Growing delays after failed sign-ins, counted per account *and* address in the database.

    Not a lock-out: a stranger's wrong passwords slow down only the stranger's own address (for that account,
    and for every account once it has tried many), so the owner signs in from their own address as usual. After
    `free_failures` an address waits `first_delay_s`, then twice as long after each further failure, up to
    `max_delay_s`; an attempt during the wait is answered 429 with Retry-After and its password is not checked.
    A burst of failures for one account from anywhere (`notify_after_failures` in a streak) sends its owner a
    notice into their own scope, which their devices show as a notification. Counters live in the database, so
    several server processes share them and a restart does not reset them.
    """

    db: Database
    config: AuthConfig

    def check(self, username: str, address: str) -> None:
        """Refuse (429) while this address must wait, for this account or for every account."""
        now = self.config.clock()
        with self.db.read() as conn:
            waits = conn.execute(
                select(login_failures.c.retry_at).where(
                    login_failures.c.address == _key(address),
                    login_failures.c.username.in_([_key(username), ANY]),
                    login_failures.c.retry_at > now,
                )
            ).scalars().all()
        if waits:
            wait = max(1, math.ceil(max(waits) - now))
            raise AuthError(
                429,
                "too_many_attempts",
                f"too many failed sign-ins from your address; try again in {wait} s",
                retry_after=wait,
            )

    def failed(self, username: str, address: str, user_id: str | None) -> dict[str, int]:
        """Count a wrong password; returns the scopes a notice to the owner touched (for pokes)."""
        now = self.config.clock()
        name, addr = _key(username), _key(address)
        with self.db.write() as conn:
            # The first statement writes, so the transaction holds the write lock from here on: two processes
            # counting the same streak at once cannot both read the old count.
            pair = self._count(conn, name, addr, now)
            self._delay(conn, name, addr, now, pair, self.config.free_failures)
            spray = self._count(conn, ANY, addr, now)
            self._delay(conn, ANY, addr, now, spray, self.config.free_failures_per_address)
            self._count(conn, name, ANY, now)
            touched = self._tell_owner(conn, name, user_id, now)
            conn.execute(delete(login_failures).where(
                login_failures.c.last_at < now - self.config.failure_window_s, login_failures.c.retry_at < now))
        return touched

    def succeeded(self, username: str, address: str) -> None:
        """The right password from this address: its streak for this account ends (other addresses' do not)."""
        with self.db.write() as conn:
            conn.execute(delete(login_failures).where(
                login_failures.c.username == _key(username), login_failures.c.address == _key(address)))

    def delay_after(self, failures: int, free: int) -> float:
        if failures <= free:
            return 0.0
        return min(self.config.first_delay_s * 2 ** (failures - free - 1), self.config.max_delay_s)

    def _count(self, conn: Connection, name: str, addr: str, now: float) -> int:
        """One more failure in the streak of (name, addr), or the first of a new streak; returns the count."""
        fresh = login_failures.c.last_at >= now - self.config.failure_window_s
        insert = sqlite_insert if self.db.is_sqlite else postgresql_insert
        statement = insert(login_failures).values(
            username=name, address=addr, failures=1, first_at=now, last_at=now, retry_at=0.0, notified_at=None)
        statement = statement.on_conflict_do_update(
            index_elements=[login_failures.c.username, login_failures.c.address],
            set_={
                "failures": case((fresh, login_failures.c.failures + 1), else_=1),
                "first_at": case((fresh, login_failures.c.first_at), else_=now),
                "notified_at": case((fresh, login_failures.c.notified_at), else_=None),
                "last_at": now,
            },
        ).returning(login_failures.c.failures)
        return int(conn.execute(statement).scalar_one())

    def _delay(self, conn: Connection, name: str, addr: str, now: float, failures: int, free: int) -> None:
        wait = self.delay_after(failures, free)
        if wait:
            conn.execute(update(login_failures).where(
                login_failures.c.username == name, login_failures.c.address == addr).values(retry_at=now + wait))

    def _tell_owner(self, conn: Connection, name: str, user_id: str | None, now: float) -> dict[str, int]:
        if user_id is None:  # no such account: nobody to tell (and nothing that says so to the caller)
            return {}
        row = conn.execute(select(login_failures).where(
            login_failures.c.username == name, login_failures.c.address == ANY)).mappings().one()
        due = row["notified_at"] is None or now - row["notified_at"] >= self.config.notify_every_s
        if row["failures"] < self.config.notify_after_failures or not due:
            return {}
        streak = login_failures.c.last_at >= now - self.config.failure_window_s
        places = conn.execute(
            select(login_failures.c.address).where(
                login_failures.c.username == name, login_failures.c.address != ANY, streak)
            .order_by(login_failures.c.last_at.desc())
        ).scalars().all()
        conn.execute(update(login_failures).where(
            login_failures.c.username == name, login_failures.c.address == ANY).values(notified_at=now))
        at = iso_now(lambda: now)
        ctx = system_context(conn, now=at)
        notice_id = new_id()
        ctx.emit(user_scope(user_id), KIND_NOTICE, notice_id, {
            "id": notice_id,
            "topic": NOTICE_FAILED_SIGN_INS,
            "at": at,
            "data": {
                "failures": int(row["failures"]),
                "addresses": len(places),
                "latest_address": places[0] if places else "",
                "since": iso_now(lambda: float(row["first_at"])),
            },
        }, new=True)
        log.warning("failed sign-ins account=%s failures=%d addresses=%d: the owner is told",
                    name, row["failures"], len(places))
        return ctx.touched


def _key(text: str) -> str:
    return text.strip().lower()[:64]


class Authenticator:
    def __init__(self, database: Database, config: AuthConfig | None = None) -> None:
        self.db = database
        self.config = config or AuthConfig()
        self.throttle = LoginThrottle(database, self.config)
        self.on_touched: Callable[[dict[str, int]], None] | None = None  # pokes for what a sign-in wrote

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
            touched = self.throttle.failed(username, address, row["id"] if row and row["active"] else None)
            if touched and self.on_touched is not None:
                self.on_touched(touched)
            raise AuthError(401, "bad_credentials", "wrong user name or password")
        if not row["active"]:
            raise AuthError(403, "account_disabled", "this account has been disabled; ask your administrator")
        self.throttle.succeeded(username, address)
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
