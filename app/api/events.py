"""Server-Sent Events: every change to a network, from any client or worker process."""

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.store import NotFound
from app.store import networks as store

from . import views
from .deps import DbDep, SettingsDep

router = APIRouter(prefix="/api/networks", tags=["networks"])
KEEPALIVE_SECONDS = 15.0


def _state_if_changed(
    db, network_id: str, seen: int | None, light: bool
) -> tuple[int | None, dict | None]:
    """(revision, state) when the network changed since `seen`; (None, None) once it is gone.

    Light: the state is only {id, revision, step}, read without loading the parameters.
    """
    with db.snapshot() as conn:
        if light:
            row = store.revision_and_step(conn, network_id)
            if row is None or row[0] == seen:
                return None if row is None else row[0], None
            return row[0], {"id": network_id, "revision": row[0], "step": row[1]}
        revision = store.revision(conn, network_id)
        if revision is None or revision == seen:
            return revision, None
        return revision, views.network_state(store.load(conn, network_id))


@router.get(
    "/{network_id}/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "`state` events with the NetworkState JSON (with `light`: "
            "`revision` events with {id, revision, step})",
        },
        404: {"description": "No network has this id"},
    },
)
async def events(
    network_id: str,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
    light: Annotated[
        bool, Query(description="send only {id, revision, step}; fetch the state when needed")
    ] = False,
):
    """Follow a network: its state now, then again after every change (step, edit, undo...)."""
    kind = "revision" if light else "state"
    first, state = await run_in_threadpool(_state_if_changed, db, network_id, None, light)
    if first is None:
        raise HTTPException(404, "network not found")

    async def stream() -> AsyncIterator[str]:
        seen, pending, idle = first, state, 0.0
        while True:
            if pending is not None:
                yield f"event: {kind}\ndata: {json.dumps(pending, separators=(',', ':'))}\n\n"
                idle = 0.0
            elif idle >= KEEPALIVE_SECONDS:
                yield ": keep-alive\n\n"
                idle = 0.0
            await asyncio.sleep(settings.event_poll_seconds)
            idle += settings.event_poll_seconds
            if await request.is_disconnected() or request.app.state.stopping.is_set():
                return
            try:
                revision, pending = await run_in_threadpool(
                    _state_if_changed, db, network_id, seen, light
                )
            except NotFound:
                revision = None
            if revision is None:
                yield "event: deleted\ndata: {}\n\n"
                return
            seen = revision

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
