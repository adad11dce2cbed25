"""ASGI middleware: security headers, Host and Origin checks, a body limit, one log line each."""

import json
import logging
import re
import time

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.origins import Origins

log = logging.getLogger("backprop.requests")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'"
)


def security_headers(frame_ancestors: tuple[str, ...] = ()) -> list[tuple[bytes, bytes]]:
    """The headers a response carries; frame_ancestors: the origins that may frame it."""
    ancestors = " ".join(("'self'", *frame_ancestors)) if frame_ancestors else "'none'"
    headers = [
        (b"content-security-policy", f"{CSP}; frame-ancestors {ancestors}".encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
        (b"cross-origin-opener-policy", b"same-origin"),
    ]
    return headers if frame_ancestors else [*headers, (b"x-frame-options", b"DENY")]


SECURITY_HEADERS = security_headers()
NETWORK_ID = re.compile(r"^/api/networks/([A-Za-z0-9_-]{8,})")


class BodyTooLarge(HTTPException):
    """The request body passed the configured limit.

    An HTTPException, so FastAPI passes it on (it turns any other error raised while
    reading a body into a 400) and the app answers 413 with its security headers.
    """

    def __init__(self, limit: int):
        super().__init__(413, f"request body over {limit} bytes")


class Guard:
    """Adds security headers, refuses foreign requests, answers 413 past `max_body_bytes`,
    and logs each request."""

    def __init__(
        self,
        app: ASGIApp,
        max_body_bytes: int,
        origins: Origins,
        path_limits: dict[str, int] | None = None,
        framed: tuple[str, tuple[str, ...]] = ("", ()),
    ):
        self.app, self.max_body_bytes, self.origins = app, max_body_bytes, origins
        self.path_limits = path_limits or {}  # paths allowed larger bodies (an import)
        # (path, origins): the one page other sites may frame, and which (none: no framing)
        self.framed_path, self.framed_headers = framed[0], security_headers(framed[1])

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Wrap one HTTP request."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500
        headers = dict(scope["headers"])
        declared = headers.get(b"content-length", b"0")
        refusal = self.origins.refusal(scope)
        limit = self.path_limits.get(scope.get("path", ""), self.max_body_bytes)
        too_large = BodyTooLarge(limit).detail
        if refusal is None and declared.isdigit() and int(declared) > limit:
            refusal = 413, too_large
        if refusal is not None:
            status = refusal[0]
            await _refuse(send, *refusal)
            _log(scope, status, started)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
            return message

        response_started = False

        async def secured_send(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                status, response_started = message["status"], True
                framed = scope.get("path") == self.framed_path
                secure = self.framed_headers if framed else SECURITY_HEADERS
                message["headers"] = [*message.get("headers", []), *secure]
            await send(message)

        try:
            await self.app(scope, counted_receive, secured_send)
        except BodyTooLarge:
            status = 413
            if not response_started:
                await _refuse(send, 413, too_large)
        finally:
            _log(scope, status, started)


async def _refuse(send: Send, status: int, detail: str) -> None:
    """Answer {"detail": ...} with this status, before the app sees the request."""
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                *SECURITY_HEADERS,
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _log(scope: Scope, status: int, started: float) -> None:
    path = scope.get("path", "")
    match = NETWORK_ID.match(path)
    log.info(
        json.dumps(
            {
                "method": scope.get("method"),
                "path": path,
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "network_id": match.group(1) if match and match.group(1) != "import" else None,
            }
        )
    )
