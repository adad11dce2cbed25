"""The teacher's secret: issued by the server, sent as a Bearer token, checked in constant time."""

import base64
import hashlib
import hmac

from fastapi import HTTPException, Request

from app.settings import Settings

TEACHER_PATH = "/teacher"
NOT_SHARED = "no class: the server is not in shared mode (start it with --shared)"


def teacher_token(settings: Settings, key: bytes) -> str:
    """BACKPROP_TEACHER_TOKEN, else a secret derived from the signing key.

    Derived, every worker process and every restart holds the same secret without passing
    it around, and changing the key (BACKPROP_SECRET_KEY or the key file) changes it.
    """
    if settings.teacher_token:
        return settings.teacher_token
    digest = hmac.new(key, b"backprop-viz teacher", hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def teacher_link(host: str, port: int, token: str) -> str:
    """The URL that opens the teacher's view; the token rides in the fragment, never sent
    to the server or written to a log."""
    shown = "127.0.0.1" if host in ("0.0.0.0", "::", "") else host
    shown = f"[{shown}]" if ":" in shown else shown
    return f"http://{shown}:{port}{TEACHER_PATH}#token={token}"


def is_teacher(request: Request) -> bool:
    """Whether the request carries `Authorization: Bearer <the teacher's token>`."""
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return False
    expected = request.app.state.teacher_token.encode()
    return hmac.compare_digest(given.strip().encode(), expected)


async def require_teacher(request: Request) -> None:
    """404 outside shared mode; 403 without the teacher's token (async: no thread hop)."""
    settings: Settings = request.app.state.settings
    if not settings.shared:
        raise HTTPException(404, NOT_SHARED)
    if not is_teacher(request):
        raise HTTPException(
            403,
            "teacher only: send Authorization: Bearer <the teacher token backprop-viz printed>",
            {"WWW-Authenticate": "Bearer"},
        )
