"""The teacher's locks, enforced for students: one dependency a changing route names."""

from fastapi import Depends, HTTPException, Request
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from app.store import classroom

from .class_schemas import LOCKABLE
from .schemas import ErrorMessage
from .teacher import is_teacher

LOCK_HEADER = "X-Class-Lock"  # names the lock that refused a request
LOCKED = {
    403: {
        "model": ErrorMessage,
        "description": "Shared mode: not this client's network, or locked by the teacher",
    }
}


def class_locks(request: Request) -> dict:
    """The class's locks as stored: {"actions": [...], "fixed": [...]}."""
    with request.app.state.db.snapshot() as conn:
        return classroom.locks(conn)


def _given_fields(body: object) -> set[str]:
    """The top-level fields a JSON body (or the model OffloadedRoute made of it) sets."""
    if isinstance(body, BaseModel):
        return set(body.model_fields_set)
    return set(body) if isinstance(body, dict) else set()


def locked(action: str, check_fixed: bool = True):
    """A route dependency refusing `action`, or a body setting a fixed field, for students."""
    if action not in LOCKABLE:
        raise ValueError(f"no lockable action {action!r}")

    async def refuse_if_locked(request: Request) -> None:
        if not request.app.state.settings.shared or is_teacher(request):
            return
        locks = await run_in_threadpool(class_locks, request)
        if action in locks["actions"]:
            raise HTTPException(
                403,
                f"locked by the teacher: '{action}' is not allowed in this class now",
                {LOCK_HEADER: action},
            )
        if not (check_fixed and locks["fixed"] and await request.body()):
            return
        try:
            body = await request.json()
        except ValueError:
            return  # not JSON: the route refuses it (422) and nothing changes
        fixed = sorted(_given_fields(body) & set(locks["fixed"]))
        if fixed:
            raise HTTPException(
                403,
                f"locked by the teacher: '{fixed[0]}' is fixed for this class; leave it out",
                {LOCK_HEADER: f"fixed.{fixed[0]}"},
            )

    return Depends(refuse_if_locked)
