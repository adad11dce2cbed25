"""Server-Sent Events: every change to a network, from any client or worker process."""

import asyncio
import json
from collections.abc import AsyncIterator

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.store import NotFound
from app.store import networks as store

from . import views
from .deps import DbDep, SettingsDep

router = APIRouter(prefix="/api/networks", tags=["networks"])
KEEPALIVE_SECONDS = 15.0


def _state_if_changed(db, network_id: str, seen: int | None) -> tuple[int | None, dict | None]:
    """(revision, state) when the network changed since `seen`; (None, None) once it is gone."""
    with db.snapshot() as conn:
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
            "description": "`state` events with the NetworkState JSON",
        },
        404: {"description": "No network has this id"},
    },
)
async def events(network_id: str, request: Request, db: DbDep, settings: SettingsDep):
    """Follow a network: its state now, then again after every change (step, edit, undo...)."""
    first, state = await run_in_threadpool(_state_if_changed, db, network_id, None)
    if first is None:
        raise HTTPException(404, "network not found")

    async def stream() -> AsyncIterator[str]:
        seen, pending, idle = first, state, 0.0
        while True:
            if pending is not None:
                yield f"event: state\ndata: {json.dumps(pending, separators=(',', ':'))}\n\n"
                idle = 0.0
            elif idle >= KEEPALIVE_SECONDS:
                yield ": keep-alive\n\n"
                idle = 0.0
            await asyncio.sleep(settings.event_poll_seconds)
            idle += settings.event_poll_seconds
            if await request.is_disconnected() or request.app.state.stopping.is_set():
                return
            try:
                revision, pending = await run_in_threadpool(_state_if_changed, db, network_id, seen)
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
