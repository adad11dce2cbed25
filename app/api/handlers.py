"""One table from the errors the app raises to the HTTP answers they get."""

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException  # FastAPI's and the router's own (404, 405)
from starlette.routing import Match

from app.engine import DivergenceError, EngineError
from app.engine.errors import StateError
from app.store import NotFound

from .blowups import plain
from .deps import FieldError, as_field_error

log = logging.getLogger("backprop")


def _field(exc: FieldError) -> JSONResponse:
    return JSONResponse({"detail": exc.detail()}, status_code=422)


def _invalid(exc: RequestValidationError) -> JSONResponse:
    # FastAPI's shape, minus echoed input values (they can be huge); a bound's number stays
    # in ctx ({"gt": 0}), so the page can say the reason in its language
    errors = [
        {"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} | _bounds(e)
        for e in exc.errors()
    ]
    return JSONResponse({"detail": errors}, status_code=422)


def _bounds(error: dict) -> dict:
    """A validation error's bounds (gt, ge, lt, le) as its ctx, when it has any."""
    ctx = {k: v for k, v in (error.get("ctx") or {}).items() if k in BOUNDS}
    return {"ctx": ctx} if ctx else {}


BOUNDS = ("gt", "ge", "lt", "le")


def _engine(exc: EngineError) -> JSONResponse:
    # an engine refusal no route placed: it is about the request's body
    return _field(as_field_error(exc, "body"))


def _http(exc: HTTPException) -> JSONResponse:
    return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)


def _allowed(request: Request) -> str:
    """Every method some route serves at this path (the router names only the first route's)."""
    allowed = set()
    for method in ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"):
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] == Match.FULL for route in request.app.router.routes):
            allowed.add(method)
    return ", ".join(sorted(allowed))


def _conflict(exc: Exception) -> JSONResponse:
    # a step that would diverge (with why, when known), or stored state the engine cannot use;
    # `code` names which, for the page to say in its language
    found = getattr(exc, "diagnosis", None)
    extra = {} if found is None else {"diagnosis": plain(found)}
    code = "diverged" if isinstance(exc, DivergenceError) else "unusable_state"
    return JSONResponse({"detail": str(exc), "code": code} | extra, status_code=409)


def _not_found(exc: NotFound) -> JSONResponse:
    return JSONResponse({"detail": "network not found"}, status_code=404)


HANDLERS = {
    FieldError: _field,
    RequestValidationError: _invalid,
    HTTPException: _http,
    EngineError: _engine,
    DivergenceError: _conflict,
    StateError: _conflict,
    NotFound: _not_found,
}


def install(app: FastAPI) -> None:
    """Register HANDLERS, and a 500 that never shows a stack trace for anything else."""
    for kind, answer in HANDLERS.items():

        async def handle(request: Request, exc: Exception, answer=answer) -> JSONResponse:
            response = answer(exc)
            if response.status_code == 405:
                response.headers["allow"] = _allowed(request)
            return response

        app.add_exception_handler(kind, handle)

    async def internal_error(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    app.add_exception_handler(Exception, internal_error)
