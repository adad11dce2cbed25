"""Owner tokens: issued and signed by the server, checked in constant time."""

import base64
import hashlib
import hmac
import os
import re
import secrets
from pathlib import Path

from fastapi import HTTPException, Request, Response

from app.settings import Settings
from app.store import NetworkRecord

OWNER_COOKIE = "bpv_owner"
OWNER_HEADER = "X-Owner-Token"
TOKEN = re.compile(r"^([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{22})$")  # 128-bit id . 128-bit MAC


def signing_key(settings: Settings) -> bytes:
    """BACKPROP_SECRET_KEY, else the key file beside the database (made once, shared by all)."""
    if settings.secret_key:
        return settings.secret_key.encode()
    path = settings.db_path.with_name(settings.db_path.name + ".key")
    if not path.exists():
        _create_key_file(path)
    return bytes.fromhex(path.read_text().strip())


def _create_key_file(path: Path) -> None:
    """Write a random key to `path` unless another process got there first."""
    draft = path.with_name(f"{path.name}.{secrets.token_hex(8)}.tmp")
    fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(secrets.token_hex(32) + "\n")
        out.flush()
        os.fsync(out.fileno())
    try:
        os.link(draft, path)  # atomic, and never replaces a key already there
    except FileExistsError:
        pass
    finally:
        draft.unlink()


def _mac(key: bytes, token_id: str) -> str:
    digest = hmac.new(key, token_id.encode(), hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_owner_token(request: Request) -> str:
    """A fresh token: a random id and its MAC under the server's key."""
    token_id = secrets.token_urlsafe(16)
    return f"{token_id}.{_mac(request.app.state.owner_key, token_id)}"


def owner_token(request: Request) -> str | None:
    """The client's token (X-Owner-Token header, else cookie) if this server issued it."""
    token = request.headers.get(OWNER_HEADER) or request.cookies.get(OWNER_COOKIE)
    match = TOKEN.match(token or "")
    if match is None:
        return None
    expected = _mac(request.app.state.owner_key, match.group(1))
    return token if hmac.compare_digest(expected, match.group(2)) else None


def check_owner(record: NetworkRecord, request: Request, settings: Settings) -> None:
    """In shared mode only the network's creator may change it; anyone may watch."""
    if not settings.shared or record.owner is None:
        return
    token = owner_token(request) or ""
    if not hmac.compare_digest(token.encode(), record.owner.encode()):
        raise HTTPException(403, "only the client that created this network may change it")


def hand_over(response: Response, token: str, settings: Settings) -> None:
    """Give the client its token: in the X-Owner-Token header and a long-lived cookie."""
    response.headers[OWNER_HEADER] = token
    response.set_cookie(
        OWNER_COOKIE,
        token,
        max_age=365 * 86400,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
    )
