"""Shared dependencies: settings, database, owner token, and turning errors into 4xx."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import orjson
from fastapi import Depends, Request
from fastapi.responses import JSONResponse

from app.engine import EngineError
from app.settings import Settings
from app.store import Database

# the routes take the owner-token helpers from here, with the other shared dependencies
from .owners import (  # noqa: F401
    OWNER_COOKIE,
    OWNER_HEADER,
    check_owner,
    hand_over,
    new_owner_token,
    owner_token,
)


class FieldError(Exception):
    """A 422 about one field, in FastAPI's validation-error shape."""

    def __init__(
        self,
        loc: tuple,
        message: str,
        kind: str = "value_error",
        fix: dict | None = None,
        params: dict | None = None,
    ):
        super().__init__(message)
        self.loc, self.message, self.kind, self.fix = loc, message, kind, fix
        self.params = params or {}

    def detail(self) -> list[dict]:
        """The body of the 422 response: `type` the kind of refusal, ctx its numbers
        (`params`) and ctx.fix the settings that would be accepted instead."""
        item = {"loc": list(self.loc), "msg": self.message, "type": self.kind}
        ctx = self.params | ({"fix": self.fix} if self.fix else {})
        return [item | {"ctx": ctx}] if ctx else [item]


@contextmanager
def fields_in(where: str) -> Iterator[None]:
    """Report an EngineError raised inside as a 422 on that field of the body or query."""
    try:
        yield
    except EngineError as exc:
        raise as_field_error(exc, where) from exc


def as_field_error(exc: EngineError, where: str) -> FieldError:
    """An EngineError's field ("dataset.inputs[2]") as a FieldError's loc (where, ...)."""
    path = [
        int(p) if p.isdigit() else p
        for p in exc.field.replace("[", ".").replace("]", "").split(".")
    ]
    return FieldError((where, *path), exc.message, kind=exc.code, fix=exc.fix)


class JSON(JSONResponse):
    """A JSON response written by orjson (5x the standard library on weight matrices).

    A JSONResponse subclass, so FastAPI documents each route's response_model in OpenAPI.
    Floats keep every bit (shortest round-trip form); routes refuse non-finite results
    before they get here.
    """

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        """Compact JSON bytes."""
        return orjson.dumps(content)


async def get_settings(request: Request) -> Settings:
    """The app's settings (async: nothing to wait for, so no hop to the thread pool)."""
    return request.app.state.settings


async def get_db(request: Request) -> Database:
    """The app's database (async: nothing to wait for, so no hop to the thread pool)."""
    return request.app.state.db


SettingsDep = Annotated[Settings, Depends(get_settings)]
DbDep = Annotated[Database, Depends(get_db)]

ERRORS = {
    403: {"description": "Not this client's network (shared mode)", "model": None},
    404: {"description": "No network has this id", "model": None},
}
