"""A route class that decodes and validates large JSON bodies in a worker thread, off the event
loop."""

import json
from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool
from starlette.convertors import Convertor, register_url_convertor


class NetworkId(Convertor):
    """A network id in a path: any segment but "import", so /api/networks/import is only the
    import route (an unknown id is still a 404 that says so)."""

    regex = "(?!import$)[^/]+"

    def convert(self, value: str) -> str:
        """The id as it is."""
        return value

    def to_string(self, value: str) -> str:
        """The id as it is."""
        return value


register_url_convertor("network_id", NetworkId())

# a body this small decodes in well under a millisecond: on the loop, without a thread hop
INLINE_BODY_BYTES = 16_384


class OffloadedRoute(APIRoute):
    """Decode (orjson) and validate a JSON body in the thread pool before FastAPI reads it.

    A 1 MB body takes tens of milliseconds to decode and validate; on the event loop that
    would hold up every other client (/healthz included). A small one (a step's, a play
    frame's) is decoded on the loop: the hop to a thread would cost more than decoding it.
    Starlette keeps the decoded body on the request, so FastAPI's own `await
    request.json()` returns it; for a route with one body model the body is the validated
    model, which pydantic accepts again as it is.
    A body that is not JSON (or not UTF-8) is a 422 of type json_invalid, as FastAPI gives
    for bad JSON text, on every route.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, preceded by the off-loop decode and validation."""
        handle = super().get_route_handler()
        fields = self.dependant.body_params
        field = fields[0] if len(fields) == 1 and not self._embed_body_fields else None

        def decode(body: bytes) -> Any:
            try:
                value = orjson.loads(body)
            except orjson.JSONDecodeError:
                value = json.loads(body)  # NaN and Infinity: refused by name when validated
            if field is None:
                return value
            validated, errors = field.validate(value, {}, loc=("body",))
            if errors:
                raise RequestValidationError(errors, body=value)
            return validated

        async def decoded_first(request: Request) -> Response:
            if fields and "json" in request.headers.get("content-type", "json"):
                body = await request.body()
                if body:
                    try:
                        request._json = (
                            decode(body)
                            if len(body) <= INLINE_BODY_BYTES
                            else await run_in_threadpool(decode, body)
                        )
                    except (ValueError, RecursionError) as exc:  # not JSON, not UTF-8, too deep
                        raise RequestValidationError([_json_invalid(exc)], body=None) from None
            return await handle(request)

        return decoded_first


def _json_invalid(exc: Exception) -> dict:
    """FastAPI's own error for a body that is not JSON text, with where it failed."""
    where = getattr(exc, "pos", None)
    where = getattr(exc, "start", 0) if where is None else where
    return {
        "type": "json_invalid",
        "loc": ("body", where),
        "msg": "JSON decode error",
        "input": {},
        "ctx": {"error": str(exc)},
    }
