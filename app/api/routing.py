"""A route class that decodes and validates JSON bodies in a worker thread, off the event loop."""

import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

import orjson
from fastapi import Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from starlette.concurrency import run_in_threadpool


class OffloadedRoute(APIRoute):
    """Decode (orjson) and validate a JSON body in the thread pool before FastAPI reads it.

    A 1 MB body takes tens of milliseconds to decode and validate; on the event loop that
    would hold up every other client (/healthz included). Starlette keeps the decoded body
    on the request, so FastAPI's own `await request.json()` returns it; for a route with
    one body model the body is the validated model, which pydantic accepts again as it is.
    A body orjson refuses is left to FastAPI, which answers it as before.
    """

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        """FastAPI's handler, preceded by the off-loop decode and validation."""
        handle = super().get_route_handler()
        fields = self.dependant.body_params
        field = fields[0] if len(fields) == 1 and not self._embed_body_fields else None

        def decode(body: bytes) -> Any:
            value = orjson.loads(body)
            if field is None:
                return value
            validated, errors = field.validate(value, {}, loc=("body",))
            if errors:
                raise RequestValidationError(errors, body=value)
            return validated

        async def decoded_first(request: Request) -> Response:
            if "json" in request.headers.get("content-type", "json"):
                body = await request.body()
                if body:
                    with contextlib.suppress(orjson.JSONDecodeError):
                        request._json = await run_in_threadpool(decode, body)
            return await handle(request)

        return decoded_first
