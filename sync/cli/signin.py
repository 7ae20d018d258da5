"""Signing a person in for one command (`login`, `sync --user`): the password, whose profile it is, the sign-in.

A profile belongs to one person. `atrium logout` makes the store forget who is signed in, so offline commands
stop acting as them, but it remembers whose profile it was: signing in again as that person continues the
same outbox (same client id, same numbering), and anyone else is refused before a session of theirs could
send the previous person's unsent changes under their own name.
"""

from __future__ import annotations

import getpass
import sys

from app.paths import STORE_FILE, profile_dir, profile_label
from app.store import Store

from ..engine import SyncEngine
from ..protocol import UserInfo
from ..transport import Refused, SyncError
from .output import CliError, Context

PERSON_KEYS = ("user_id", "username", "display_name", "role")  # who is signed in; cleared by `logout`
OWNER_ID = "signed_out_user_id"  # whose profile it stays after `logout`
OWNER_NAME = "signed_out_username"


def read_password(username: str, server: str, *, from_stdin: bool) -> str:
    if from_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        if not sys.stdin.isatty():
            raise CliError("no terminal to ask for the password on; pipe it in with --password-stdin")
        password = getpass.getpass(f"Password for {username} at {server}: ")
    if not password:
        raise CliError("the password is empty")
    return password


def refusal_text(exc: Refused) -> str:
    wait = f" (try again in {exc.retry_after} s)" if exc.retry_after else ""
    return f"{exc.detail}{wait}"


def no_keychain_notice(ctx: Context, username: str) -> str:
    return ("no system keychain: this session lasts only for this command; run "
            f"`atrium{ctx.profile_option} sync --once --user {username} --password-stdin` to sync later")


def _account(username: str) -> str:
    return username.strip().lower()  # how the server stores user names: "WangFang" is wangfang


def profile_person(store: Store) -> str | None:
    """The user name of the person the profile belongs to, signed in or not (None for a fresh profile)."""
    return store.state("username") or store.state(OWNER_NAME)


def known_person(ctx: Context) -> str | None:
    """`profile_person` of an existing profile; None when the profile does not exist yet."""
    path = profile_dir(ctx.profile, create=False) / STORE_FILE
    if not path.exists():
        return None
    store = Store(path)
    try:
        return profile_person(store)
    finally:
        store.close()


def check_person(ctx: Context, person: str | None, username: str) -> None:
    """Refuse to sign `username` in on a profile that belongs to someone else (before asking for a password)."""
    if person and _account(person) != _account(username):
        raise CliError(f"profile {profile_label(ctx.profile)} belongs to {person}; sign {username} in on a profile "
                       f"of their own: atrium --profile NAME login --server URL --user {username}")


def forget_person(store: Store) -> None:
    """Sign the person out of the store; keep the server, instance and client ids and the outbox."""
    user_id, username = store.state("user_id"), store.state("username")
    values: dict[str, str | None] = dict.fromkeys(PERSON_KEYS)
    if user_id:
        values |= {OWNER_ID: user_id, OWNER_NAME: username}
    store.set_state(**values)


async def sign_in(engine: SyncEngine, username: str, password: str) -> UserInfo:
    """`engine.sign_in`, refusing anyone but the person the profile belonged to before `logout`."""

    def show_owner(store: Store) -> bool:
        owner = store.state(OWNER_ID)
        if owner and not store.state("user_id"):
            store.set_state(user_id=owner)  # the engine's own check then refuses another person
            return True
        return False

    shown = await engine.db.run(show_owner)
    try:
        user = await engine.sign_in(username, password)
    except BaseException as exc:
        if shown:
            await engine.db.run(lambda s: s.set_state(user_id=None))
        if isinstance(exc, Refused):
            raise CliError(refusal_text(exc)) from None
        if isinstance(exc, SyncError):
            raise CliError(f"cannot sign in: {exc}") from None
        raise
    await engine.db.run(lambda s: s.set_state(**{OWNER_ID: None, OWNER_NAME: None}))
    return user

