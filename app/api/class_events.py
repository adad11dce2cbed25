"""GET /api/class/events: students' pages hear at once when the teacher locks or pushes."""

import orjson
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from app.store import classroom

from .deps import DbDep, SettingsDep
from .routing import OffloadedRoute
from .streams import event_stream, polled, sse
from .teacher import NOT_SHARED, is_teacher

router = APIRouter(prefix="/api/class", tags=["class"], route_class=OffloadedRoute)


def _class_event(request: Request) -> bytes:
    """The `class` event's data: the locks as GET /api/class/locks gives them, and the
    number of the latest push (null before the first); for the teacher also `digest`,
    which changes whenever a student's network or name does (then GET /api/class)."""
    teacher = is_teacher(request)
    with request.app.state.db.snapshot() as conn:
        locks, latest = classroom.locks(conn), classroom.pushed(conn)
        digest = classroom.digest(conn) if teacher else None
    data = {
        "locks": {"actions": locks["actions"], "fixed": {k: True for k in locks["fixed"]}},
        "push": None if latest is None else latest["number"],
    }
    return orjson.dumps(data | {"digest": digest} if teacher else data)


@router.get(
    "/events",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "`class` events with {locks, push} (and the teacher's `digest`): "
            "now, and after every change",
        },
        404: {"description": "Not in shared mode"},
    },
)
async def class_events(request: Request, db: DbDep, settings: SettingsDep):
    """Follow the class: its locks and the latest push's number, now and on every change."""
    if not settings.shared:
        raise HTTPException(404, NOT_SHARED)
    sent = None

    async def poll() -> tuple[bytes | None, bool]:
        nonlocal sent
        data = await run_in_threadpool(_class_event, request)
        if data == sent:
            return None, False
        sent = data
        return sse("class", data), False

    return event_stream(polled(request, settings, poll))
