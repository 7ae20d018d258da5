"""The client's HTTP side of the protocol: requests to the server and its replies turned into values or errors.

Everything the server says is validated against sync.protocol before anyone uses it: a reply that is not
JSON, or not the shape the protocol names, becomes `BadReply` and is never stored. Network failures,
server failures (5xx) and refusals (4xx) are distinct error kinds so the engine can decide: try again later,
refresh the token, or tell the person.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any, Literal, NotRequired, TypeVar

import httpx
from pydantic import BaseModel, TypeAdapter, ValidationError
from typing_extensions import TypedDict  # pydantic needs this one before Python 3.12 (a pydantic dependency)

from app.store import PulledChange
from app.store.store import collector_paused

from .protocol import (
    API_PREFIX,
    HealthReply,
    LoginRequest,
    PullRequest,
    PushReply,
    PushRequest,
    RefreshRequest,
    TokenReply,
)

log = logging.getLogger("atrium.sync.transport")
ReplyT = TypeVar("ReplyT", bound=BaseModel)


class SyncError(Exception):
    """Something kept a sync from finishing; the message is a sentence for people."""


class Unreachable(SyncError):
    """No answer: offline, the server is down, or the connection broke. Try again later."""


class ServerFailed(SyncError):
    """The server answered with an error of its own (5xx). Try again later."""


class BadReply(SyncError):
    """The server answered something that is not the protocol. Nothing of it was used."""


@dataclass
class Refused(SyncError):
    """The server refused the request (4xx) and said why."""

    status: int
    code: str
    detail: str
    retry_after: int | None = None

    def __str__(self) -> str:
        return self.detail


class AuthFailed(Refused):
    """401/403 from the auth layer: an expired token (refresh), or a session that has ended (sign in)."""


@dataclass(frozen=True)
class LiveEvent:
    event: str  # ready | poke | signed_out
    data: dict[str, Any]
    id: int | None


class Transport:
    def __init__(self, base_url: str, *, http: httpx.AsyncClient | None = None, timeout: float = 30.0) -> None:
        self.base_url = base_url.rstrip("/")
        self._http = http or httpx.AsyncClient(
            base_url=self.base_url, timeout=httpx.Timeout(timeout, connect=10.0), follow_redirects=False
        )

    async def aclose(self) -> None:
        await self._http.aclose()

    async def health(self) -> HealthReply:
        return await self._call("GET", "/healthz", HealthReply)

    async def login(self, username: str, password: str, client_id: str | None, device: str = "") -> TokenReply:
        body = LoginRequest(username=username, password=password, device=device).model_dump()
        params = {"client_id": client_id} if client_id else None
        return await self._call("POST", f"{API_PREFIX}/auth/login", TokenReply, json_body=body, params=params)

    async def refresh(self, refresh_token: str) -> TokenReply:
        body = RefreshRequest(refresh_token=refresh_token).model_dump()
        return await self._call("POST", f"{API_PREFIX}/auth/refresh", TokenReply, json_body=body)

    async def logout(self, access_token: str) -> None:
        await self._call("POST", f"{API_PREFIX}/auth/logout", None, token=access_token)

    async def push(self, access_token: str, request: PushRequest) -> PushReply:
        body = request.model_dump_json().encode()
        return await self._call("POST", f"{API_PREFIX}/sync/push", PushReply, raw_body=body, token=access_token)

    async def pull(self, access_token: str, request: PullRequest) -> PullPage:
        return parse_pull(await self.pull_raw(access_token, request), self.base_url)

    async def pull_raw(self, access_token: str, request: PullRequest) -> bytes:
        """A pull reply's bytes, not yet validated: the caller validates them off the GUI thread."""
        body = request.model_dump_json().encode()
        return await self._call("POST", f"{API_PREFIX}/sync/pull", bytes, raw_body=body, token=access_token)

    async def live(self, access_token: str, last_event_id: int | None = None) -> AsyncIterator[LiveEvent]:
        """The server's poke stream; ends when the server closes it, raises when the connection fails.

        The stream is read by a task of its own and handed over through a queue: when the caller stops
        listening (an exception, or closing this generator), that task is cancelled, which unwinds httpx's
        nested stream generators in the task that opened them instead of leaving them to the garbage
        collector on another task.
        """
        queue: asyncio.Queue[LiveEvent | BaseException | None] = asyncio.Queue()
        reader = asyncio.create_task(self._read_live(access_token, last_event_id, queue))
        try:
            while True:
                item = await queue.get()
                if item is None:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item
        finally:
            await stop_task(reader)

    async def _read_live(
        self, access_token: str, last_event_id: int | None, queue: asyncio.Queue[LiveEvent | BaseException | None]
    ) -> None:
        headers = {"authorization": f"Bearer {access_token}", "accept": "text/event-stream"}
        if last_event_id is not None:
            headers["last-event-id"] = str(last_event_id)
        try:
            async with self._http.stream(
                "GET", f"{API_PREFIX}/sync/live", headers=headers, timeout=httpx.Timeout(10.0, read=90.0)
            ) as response:
                if response.status_code != 200:
                    await response.aread()
                    raise _refusal(response)
                event, data, ident = "message", "", None
                async for line in response.aiter_lines():
                    if line.startswith(":"):
                        continue
                    if line == "":
                        if data:
                            queue.put_nowait(_live_event(event, data, ident))
                        event, data, ident = "message", "", None
                    elif line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        data += line[5:].strip()
                    elif line.startswith("id:"):
                        ident = line[3:].strip()
            queue.put_nowait(None)
        except httpx.TransportError as exc:
            error = Unreachable(f"the live connection to {self.base_url} broke ({type(exc).__name__})")
            error.__cause__ = exc
            queue.put_nowait(error)
        except (SyncError, ValueError) as exc:
            queue.put_nowait(exc)

    async def _call(
        self,
        method: str,
        path: str,
        model: type[ReplyT] | type[bytes] | None,
        *,
        json_body: Any = None,
        raw_body: bytes | None = None,
        params: dict[str, str] | None = None,
        token: str | None = None,
    ) -> Any:
        headers = {"authorization": f"Bearer {token}"} if token else {}
        if raw_body is not None:
            headers["content-type"] = "application/json"
        try:
            response = await self._http.request(
                method, path, json=json_body, content=raw_body, params=params, headers=headers
            )
        except httpx.TimeoutException as exc:
            raise Unreachable(f"{self.base_url} did not answer in time") from exc
        except httpx.TransportError as exc:
            raise Unreachable(f"cannot reach {self.base_url} ({type(exc).__name__})") from exc
        if response.status_code >= 500:
            raise ServerFailed(f"the server had a problem (HTTP {response.status_code}); will try again")
        if response.status_code >= 400:
            raise _refusal(response)
        if model is None:
            return None
        if model is bytes:
            return response.content
        try:
            return model.model_validate_json(response.content)
        except ValidationError as exc:
            log.warning("bad reply to %s %s: %s", method, path, exc.errors()[:1])
            raise BadReply(f"the server at {self.base_url} answered something Atrium does not understand") from None


# A pull reply checked against typed dicts instead of sync.protocol's models: the same rules (PullReply, Change;
# a test keeps the fields in step) at about two thirds of the cost, which matters for pages of thousands.


class _WireChange(TypedDict):
    scope: str
    seq: int
    kind: str
    id: str
    op: Literal["upsert", "delete"]
    data: NotRequired[dict[str, Any] | None]


class _WirePage(TypedDict):
    changes: list[_WireChange]
    cursors: dict[str, int]
    granted: list[str]
    revoked: list[str]
    more: bool


_PULL_REPLY = TypeAdapter(_WirePage)


@dataclass(frozen=True)
class PullPage:
    """A validated pull reply, its changes ready for `Store.apply_pull`."""

    changes: list[PulledChange]
    cursors: dict[str, int]  # the new cursor of every scope this reply covers
    granted: list[str]
    revoked: list[str]
    more: bool


def parse_pull(raw: bytes, base_url: str = "the server") -> PullPage:
    """Validate a pull reply (a page of up to a few thousand changes: worth doing on a worker thread)."""
    with collector_paused():  # a page becomes ~15,000 dicts and lists that cannot form cycles
        try:
            page = _PULL_REPLY.validate_json(raw)
        except ValidationError as exc:
            log.warning("bad pull reply: %s", exc.errors()[:1])
            raise BadReply(f"{base_url} answered something Atrium does not understand") from None
        changes = [PulledChange(c["scope"], c["seq"], c["kind"], c["id"], c["op"], c.get("data"))
                   for c in page["changes"]]
    return PullPage(changes, page["cursors"], page["granted"], page["revoked"], page["more"])


def _refusal(response: httpx.Response) -> Refused:
    code, detail = "http_error", f"the server refused the request (HTTP {response.status_code})"
    try:
        body = response.json()
        code, detail = str(body.get("error", code)), str(body.get("detail", detail))
    except (ValueError, AttributeError):
        pass
    retry_after = response.headers.get("retry-after")
    wait = int(retry_after) if retry_after and retry_after.isdigit() else None
    kind = AuthFailed if response.status_code in (401, 403) and code in _AUTH_CODES else Refused
    return kind(response.status_code, code, detail, wait)


_AUTH_CODES = {
    "not_signed_in", "invalid_token", "token_expired", "refresh_refused", "account_disabled", "bad_credentials",
    "unknown_client", "foreign_client",
}  # fmt: skip


def _live_event(event: str, data: str, ident: str | None) -> LiveEvent:
    try:
        payload = json.loads(data)
    except ValueError:
        raise BadReply("the live channel sent something that is not JSON") from None
    if not isinstance(payload, dict):
        raise BadReply("the live channel sent something Atrium does not understand")
    return LiveEvent(event, payload, int(ident) if ident and ident.isdigit() else None)


async def stop_task(task: asyncio.Future[Any]) -> None:
    """Cancel `task` and wait until it has really ended.

    A cancellation that arrives while httpx releases a connection can be swallowed (httpcore shields that
    clean-up from cancellation), and the task then carries on — `atrium sync` once kept polling after Ctrl+C. So
    the cancellation is repeated until the task is done."""
    while not task.done():
        task.cancel()
        await asyncio.wait({task}, timeout=0.5)
    if not task.cancelled():
        task.exception()  # retrieved: its failure was logged where it happened
