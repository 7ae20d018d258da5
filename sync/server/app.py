"""The HTTP API of the reference server: routes, error replies, and who may call what.

Every route declares its access rule in `openapi_extra["x-access"]` (public, signed_in, member, admin); a
test walks the route table and fails for a route without one. Handlers that touch the database are plain
`def` functions, which FastAPI runs on its worker threads, so the event loop stays free for live streams.
"""

import asyncio
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Annotated, Any, TypeVar

import orjson
import uvicorn
from fastapi import Depends, FastAPI, Header, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, ValidationError
from sqlalchemy import func, select
from starlette.exceptions import HTTPException as StarletteHTTPException

from sync.protocol import (
    API_PREFIX,
    MAX_REQUEST_BYTES,
    PROTOCOL_VERSION,
    ErrorReply,
    HealthReply,
    HybridClock,
    LoginRequest,
    PullReply,
    PullRequest,
    PushReply,
    PushRequest,
    RefreshRequest,
    Rejection,
    TokenReply,
    UserInfo,
)

from . import growth, org
from .access import scope_audience, visible_scopes
from .auth import AuthConfig, Authenticator, AuthError, iso_now, user_info
from .changes import Actor, pull_page
from .db import Database, changes, users
from .live import PokeHub
from .mutations.chats import readers_of
from .push import PushService

log = logging.getLogger("atrium.server")

PUBLIC = {"x-access": "public"}
SIGNED_IN = {"x-access": "signed_in"}
MEMBER = {"x-access": "member"}
ADMIN = {"x-access": "admin"}

ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorReply},
    401: {"model": ErrorReply},
    403: {"model": ErrorReply},
    404: {"model": ErrorReply},
    413: {"model": ErrorReply},
    422: {"model": ErrorReply},
    429: {"model": ErrorReply},
}


@dataclass
class ServerConfig:
    auth: AuthConfig = field(default_factory=AuthConfig)
    heartbeat_s: float = 15.0  # how often an idle live stream sends a comment and re-checks the session
    recognition_every_s: float | None = None  # how often to check for a month to rank (None: only on request)


@dataclass
class Services:
    db: Database
    auth: Authenticator
    pushes: PushService
    hub: PokeHub
    config: ServerConfig


def error_body(code: str, detail: str) -> dict[str, str]:
    return {"error": code, "detail": detail}


def create_app(database: Database, config: ServerConfig | None = None) -> FastAPI:
    config = config or ServerConfig()
    services = Services(
        db=database,
        auth=Authenticator(database, config.auth),
        pushes=PushService(database, HybridClock("server")),
        hub=PokeHub(),
        config=config,
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        ranking = None
        if config.recognition_every_s:
            ranking = asyncio.create_task(
                growth.recognition_loop(database, config.recognition_every_s, lambda touched: _poke(services, touched))
            )
        yield
        if ranking is not None:
            ranking.cancel()
        services.hub.close_all()

    app = FastAPI(
        title="Atrium sync server",
        version=str(PROTOCOL_VERSION),
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        responses=ERROR_RESPONSES,
    )
    app.state.services = services
    services.auth.on_touched = lambda touched: _poke(services, touched)  # a notice to an account's owner
    app.add_middleware(BodyLimit, limit=MAX_REQUEST_BYTES)
    _install_error_handlers(app)

    def signed_in(authorization: Annotated[str | None, Header()] = None) -> tuple[Actor, str]:
        token = None
        if authorization and authorization.lower().startswith("bearer "):
            token = authorization[7:].strip()
        return services.auth.authenticate(token)

    Caller = Annotated[tuple[Actor, str], Depends(signed_in)]

    @app.get("/healthz", response_model=HealthReply, openapi_extra=PUBLIC)
    def healthz() -> HealthReply:
        return HealthReply(
            status="ok", instance_id=database.instance_id, protocol=PROTOCOL_VERSION, server_time=iso_now()
        )

    @app.post(f"{API_PREFIX}/auth/login", response_model=TokenReply, openapi_extra=PUBLIC)
    def login(body: LoginRequest, request: Request, client_id: str | None = None) -> TokenReply:
        address = request.client.host if request.client else "unknown"
        return services.auth.login(body.username, body.password, body.device, address, client_id)

    @app.post(f"{API_PREFIX}/auth/refresh", response_model=TokenReply, openapi_extra=PUBLIC)
    def refresh(body: RefreshRequest) -> TokenReply:
        return services.auth.refresh(body.refresh_token)

    @app.post(f"{API_PREFIX}/auth/logout", status_code=204, openapi_extra=SIGNED_IN)
    def logout(_caller: Caller, authorization: Annotated[str, Header()]) -> Response:
        services.auth.logout(authorization[7:].strip())
        return Response(status_code=204)

    @app.get(f"{API_PREFIX}/me", response_model=UserInfo, openapi_extra=SIGNED_IN)
    def me(caller: Caller) -> UserInfo:
        with database.read() as conn:
            row = conn.execute(select(users).where(users.c.id == caller[0].id)).mappings().one()
        return user_info(row)

    @app.post(
        f"{API_PREFIX}/sync/push",
        response_model=PushReply,
        openapi_extra={**SIGNED_IN, "requestBody": _json_body(PushRequest)},
    )
    async def push(request: Request, caller: Caller) -> Response:
        # The body is parsed here rather than by FastAPI: pydantic's own JSON parser is twice as fast, and
        # pushes of 500 changes are the server's hottest path.
        body = _parse(PushRequest, await request.body())
        outcome = await run_in_threadpool(services.pushes.push, caller[0], body)
        await run_in_threadpool(_poke, services, outcome.touched)
        reply = PushReply(results=outcome.results, server_time=iso_now())
        return Response(content=reply.model_dump_json(exclude_none=True), media_type="application/json")

    @app.post(f"{API_PREFIX}/sync/pull", response_model=PullReply, openapi_extra=SIGNED_IN)
    def pull(body: PullRequest, caller: Caller) -> Response:
        with database.read() as conn:
            allowed = visible_scopes(conn, caller[0])
            page = pull_page(conn, allowed, body.cursors, body.limit)
        return Response(content=page.body, media_type="application/json")

    @app.get(
        f"{API_PREFIX}/sync/live",
        openapi_extra=SIGNED_IN,
        response_class=StreamingResponse,
        responses={200: {"content": {"text/event-stream": {}}}},
    )
    async def live(
        request: Request,
        authorization: Annotated[str | None, Header()] = None,
        last_event_id: Annotated[str | None, Header()] = None,
    ) -> StreamingResponse:
        actor, _client = await run_in_threadpool(signed_in, authorization)
        catch_up = []
        if last_event_id is not None and last_event_id.strip().isdigit():
            catch_up = await run_in_threadpool(_scopes_moved_since, database, actor, int(last_event_id))
        key, sub = services.hub.subscribe(actor.id)

        async def events() -> AsyncIterator[bytes]:
            try:
                yield _sse("ready", {"instance_id": database.instance_id}, None)
                for scope, seq in catch_up:
                    yield _sse("poke", {"scope": scope, "seq": seq}, seq)
                while True:
                    try:
                        poke = await asyncio.wait_for(sub.queue.get(), timeout=services.config.heartbeat_s)
                    except TimeoutError:
                        try:
                            await run_in_threadpool(signed_in, authorization)
                        except AuthError as exc:
                            yield _sse("signed_out", error_body(exc.code, exc.detail), None)
                            return
                        yield b": keep-alive\n\n"
                        continue
                    if poke is None:  # the server is shutting down: say so, so the client need not guess
                        yield _sse("closing", {"reason": "shutdown"}, None)
                        return
                    yield _sse("poke", poke.model_dump(), poke.seq)
            finally:
                services.hub.unsubscribe(key)

        return StreamingResponse(
            events(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
        )

    @app.get(f"{API_PREFIX}/messages/{{message_id}}/readers", openapi_extra=MEMBER)
    def readers(message_id: str, caller: Caller) -> dict[str, Any]:
        with database.read() as conn:
            return readers_of(conn, caller[0], message_id)

    @app.get(f"{API_PREFIX}/growth/{{user_id}}", response_model=growth.GrowthReply, openapi_extra=SIGNED_IN)
    def person_growth(user_id: str, caller: Caller, tz: str | None = None, today: str | None = None) -> Any:
        # Signed in is enough to ask; growth_reply refuses all but one's own, a head's department, an admin.
        return growth.growth_reply(database, caller[0], user_id, tz, today)

    def admin_only(caller: Caller) -> Actor:
        if not caller[0].is_admin:
            raise AuthError(403, "forbidden", "only an administrator may do this")
        return caller[0]

    Admin = Annotated[Actor, Depends(admin_only)]

    @app.get(f"{API_PREFIX}/admin/users", response_model=list[UserInfo], openapi_extra=ADMIN)
    def list_users(_admin: Admin) -> list[UserInfo]:
        with database.read() as conn:
            return [user_info(row) for row in conn.execute(select(users).order_by(users.c.username)).mappings()]

    @app.post(f"{API_PREFIX}/admin/growth/recognition", openapi_extra=ADMIN)
    def publish_experts(_admin: Admin, month: str | None = None) -> dict[str, Any]:
        try:
            result, touched = growth.publish_recognition(database, month or growth.last_month())
        except growth.GrowthError as exc:
            raise Rejection("invalid_request", str(exc)) from None
        _poke(services, touched)
        return result.to_data()

    @app.post(f"{API_PREFIX}/admin/users/{{username}}/disable", status_code=204, openapi_extra=ADMIN)
    def disable_user(username: str, _admin: Admin) -> Response:
        with database.write() as conn:
            ctx = org.system_context(conn)
            org.disable_user(ctx, username)
        _poke(services, ctx.touched)
        return Response(status_code=204)

    return app


SHUTDOWN_GRACE_S = 1.5  # requests still running when the server is asked to stop get this long, then are cut off


class StoppingServer(uvicorn.Server):
    """uvicorn for this application, where a stop (SIGTERM, Ctrl+C) ends the live streams first.

    uvicorn waits for open connections before it shuts the application down, and a live stream never ends by
    itself: an open window kept a stopped server running for as long as it stayed open. Here the listening
    socket closes first (a client told "closing" cannot reconnect to this process), every stream is sent
    "closing" and ends, and then uvicorn's own shutdown runs, with SHUTDOWN_GRACE_S for anything still running.
    """

    def __init__(self, app: FastAPI, **options: Any) -> None:
        super().__init__(uvicorn.Config(app, timeout_graceful_shutdown=SHUTDOWN_GRACE_S, **options))
        self.hub: PokeHub = app.state.services.hub

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        for server in self.servers:
            server.close()
        for sock in sockets or []:
            sock.close()
        self.hub.close_all()
        await super().shutdown(sockets)


ModelT = TypeVar("ModelT", bound=BaseModel)


def _parse(model: type[ModelT], raw: bytes) -> ModelT:
    try:
        return model.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError(exc.errors(include_url=False)) from None


def _json_body(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema()  # nested models stay in its own $defs (valid in OpenAPI 3.1)
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def _poke(services: Services, touched: dict[str, int]) -> None:
    if not touched:
        return
    with services.db.read() as conn:
        pokes = [(scope, seq, scope_audience(conn, scope)) for scope, seq in touched.items()]
    services.hub.publish(pokes)


def _scopes_moved_since(database: Database, actor: Actor, last_seq: int) -> list[tuple[str, int]]:
    with database.read() as conn:
        allowed = visible_scopes(conn, actor)
        rows = conn.execute(
            select(changes.c.scope, func.max(changes.c.seq))
            .where(changes.c.scope.in_(sorted(allowed)))
            .group_by(changes.c.scope)
        ).all()
    return sorted(((scope, int(seq)) for scope, seq in rows if seq > last_seq), key=lambda item: item[1])


def _sse(event: str, data: dict[str, Any], event_id: int | None) -> bytes:
    head = b"id: %d\n" % event_id if event_id is not None else b""
    return head + b"event: " + event.encode() + b"\ndata: " + orjson.dumps(data) + b"\n\n"


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AuthError)
    async def auth_error(_request: Request, exc: AuthError) -> JSONResponse:
        headers = {"Retry-After": str(exc.retry_after)} if exc.retry_after else {}
        if exc.status == 401:
            headers["WWW-Authenticate"] = "Bearer"
        return JSONResponse(error_body(exc.code, exc.detail), status_code=exc.status, headers=headers)

    @app.exception_handler(Rejection)
    async def rejection(_request: Request, exc: Rejection) -> JSONResponse:
        status = {"forbidden": 403, "not_found": 404}.get(exc.code, 400)
        return JSONResponse(error_body(exc.code, exc.reason), status_code=status)

    @app.exception_handler(org.OrgError)
    async def org_error(_request: Request, exc: org.OrgError) -> JSONResponse:
        return JSONResponse(error_body("invalid_request", str(exc)), status_code=400)

    @app.exception_handler(RequestValidationError)
    async def invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(err.get("type") == "json_invalid" for err in errors):
            return JSONResponse(error_body("malformed_json", "the request body is not valid JSON"), 400)
        first = errors[0] if errors else {}
        where = ".".join(str(part) for part in first.get("loc", ()) if part != "body") or "request"
        return JSONResponse(error_body("invalid_request", f"{where}: {first.get('msg', 'invalid')}"), 422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)


Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


class BodyLimit:
    """Refuses request bodies over `limit` bytes with 413, whether or not Content-Length is declared."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]], limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > self.limit:
            await _too_large(send, self.limit)
            return
        seen = 0
        started = False
        exceeded = False

        async def counting_receive() -> Message:
            nonlocal seen, exceeded
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if exceeded and not started:
                # FastAPI turns any error while reading a body it parses into its own 400; the 413 below
                # replaces that answer.
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        with suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, tracking_send)
        if exceeded and not started:
            await _too_large(send, self.limit)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = orjson.dumps(error_body("too_large", f"the request body is larger than {limit // (1024 * 1024)} MB"))
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
