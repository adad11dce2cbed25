"""The /api/class routes: the teacher's view of the class, its locks, snapshot and push."""

import time
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response

from app.engine import Network
from app.lessons import LESSONS
from app.presets import PRESETS
from app.store import classroom, predictions

from . import class_schemas as cs
from .budget import metered
from .building import check_export_is_consistent, check_layers
from .class_thumbs import THUMB_RANGE
from .class_views import as_csv, class_cost, student_id, summary
from .deps import (
    JSON,
    DbDep,
    FieldError,
    SettingsDep,
    fields_in,
    hand_over,
    new_owner_token,
    owner_token,
)
from .exercise_book import find_exercise
from .locks import class_locks
from .network_schemas import ExportDocument
from .routing import OffloadedRoute
from .schemas import ErrorMessage
from .teacher import NOT_SHARED, require_teacher

router = APIRouter(prefix="/api/class", tags=["class"], route_class=OffloadedRoute)
TEACHER = {
    403: {"model": ErrorMessage, "description": "Not the teacher's token"},
    404: {"model": ErrorMessage, "description": "Not in shared mode"},
}
teacher_only = [Depends(require_teacher)]
CLASS_FIELD = ("query", "class")
LOCK_CHOICES = {
    "lockable": cs.LOCKABLE,
    "fixable": list(cs.FIXABLE),
}  # a budget refusal names the class as a whole


def _students(request: Request, db: DbDep, parameters: bool, thumb: int = 0) -> list[dict]:
    """Every student's row, its work and answer counted against the budget first."""
    settings = request.app.state.settings
    with db.snapshot() as conn:
        found = classroom.students_networks(conn)
        scores = {r.id: predictions.score(conn, r.id) for r, _ in found}
    work, size = class_cost([r for r, _ in found], parameters, thumb)
    field = ("query", "thumbnail") if thumb else CLASS_FIELD
    with metered(settings, field, work, size, "the class is too large to view at once"):
        return [
            summary(record, name, parameters, thumb) | {"score": scores[record.id]}
            for record, name in found
        ]


@router.get("", dependencies=teacher_only, response_model=cs.ClassList, responses=TEACHER)
def class_list(
    request: Request,
    db: DbDep,
    thumbnail: Annotated[
        int,
        Query(
            ge=THUMB_RANGE[0],
            le=THUMB_RANGE[1],
            description="each network's decision boundary at this many points a side (0: none)",
        ),
    ] = 0,
):
    """Every student's network: name, progress, accuracy, divergence, last activity."""
    return JSON({"networks": _students(request, db, parameters=False, thumb=thumbnail)})


@router.get(
    "/snapshot",
    dependencies=teacher_only,
    response_model=cs.ClassSnapshot,
    responses={**TEACHER, 200: {"content": {"text/csv": {}}, "description": "JSON, or CSV"}},
)
def snapshot(
    request: Request, db: DbDep, format: Annotated[Literal["json", "csv"], Query()] = "json"
):
    """Every student's final state: JSON with the parameters, or CSV without them."""
    rows = _students(request, db, parameters=format == "json")
    if format == "csv":
        stamp = time.strftime("%Y%m%d-%H%M%S", time.gmtime())
        return Response(
            as_csv(rows),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="class-{stamp}.csv"'},
        )
    return JSON({"taken_at": time.time(), "networks": rows})


def _lock_state(locks: dict, settings) -> dict:
    """Stored locks as the API shows them (none outside shared mode: nothing is enforced)."""
    if not settings.shared:
        locks = classroom.NO_LOCKS
    return {"actions": locks["actions"], "fixed": {k: True for k in locks["fixed"]}}


@router.get("/locks", response_model=cs.LockState)
def get_locks(request: Request, settings: SettingsDep):
    """What the teacher has locked for students (anyone may read it, to grey controls out)."""
    return JSON(_lock_state(class_locks(request), settings) | LOCK_CHOICES)


@router.put("/locks", dependencies=teacher_only, response_model=cs.LockState, responses=TEACHER)
def put_locks(body: cs.ClassLocks, db: DbDep, settings: SettingsDep):
    """Replace the class's locks: actions refused and settings fixed for every student."""
    actions = sorted(set(body.actions))
    fixed = sorted(k for k, on in body.fixed.items() if on)
    with db.transaction() as conn:
        classroom.set_locks(conn, actions, fixed)
    locks = {"actions": actions, "fixed": fixed}
    return JSON(_lock_state(locks, settings) | LOCK_CHOICES)


def check_handed_out(doc: ExportDocument, settings) -> None:
    """Refuse an export the teacher hands out (a push, an exercise) that its import would
    refuse: a 422 on body.network's field, before any student tries it."""
    try:
        check_layers(doc.layers, settings)
        check_export_is_consistent(doc, settings)
        with fields_in("body"):  # its parameters fit its layers
            Network.create(
                doc.layers,
                doc.hidden_activation,
                doc.output_activation,
                doc.loss,
                doc.use_bias,
                weights=doc.weights,
                biases=doc.biases if doc.use_bias else None,
            )
    except FieldError as exc:
        raise FieldError(("body", "network", *exc.loc[1:]), exc.message) from exc


def _take(body: cs.ClassPush, settings, db: DbDep) -> dict:
    """What a push stores: its kind, its names and the create that keeps a copy."""
    if body.preset is not None:
        if body.preset not in PRESETS:
            raise FieldError(("body", "preset"), f"no preset {body.preset!r} (GET /api/presets)")
        take = {"method": "POST", "path": "/api/networks", "body": {"preset": body.preset}}
        return {"kind": "preset", "preset": body.preset, "take": take}
    if body.exercise is not None:
        exercise = find_exercise(db, body.exercise)
        if exercise is None:
            raise FieldError(("body", "exercise"), f"no exercise {body.exercise!r}")
        take = (
            {"method": "POST", "path": "/api/networks", "body": {"preset": exercise["preset"]}}
            if exercise["preset"]
            else {"method": "POST", "path": "/api/networks/import", "body": exercise["export"]}
        )
        return {"kind": "exercise", "exercise": body.exercise, "take": take}
    if body.lesson is not None:
        lesson = next((x for x in LESSONS if x["id"] == body.lesson), None)
        if lesson is None:
            raise FieldError(("body", "lesson"), f"no lesson {body.lesson!r} (GET /api/lessons)")
        step = body.step or 0
        if step >= len(lesson["steps"]):
            raise FieldError(
                ("body", "step"),
                f"lesson {body.lesson!r} has steps 0 to {len(lesson['steps']) - 1}",
            )
        return {"kind": "lesson", "lesson": body.lesson, "step": step, "take": None}
    doc = body.network
    check_handed_out(doc, settings)
    take = {"method": "POST", "path": "/api/networks/import", "body": doc.model_dump(mode="json")}
    return {"kind": "network", "name": doc.name, "take": take}


@router.post(
    "/push",
    dependencies=teacher_only,
    status_code=201,
    response_model=cs.Pushed,
    responses=TEACHER,
)
def push(body: cs.ClassPush, db: DbDep, settings: SettingsDep):
    """Offer every student a preset, a network (its export) or a lesson step."""
    value = _take(body, settings, db)
    with db.transaction() as conn:
        return JSON(classroom.push(conn, value), status_code=201)


@router.get("/pushed", response_model=cs.Pushed, responses={404: {"model": ErrorMessage}})
def pushed(db: DbDep, settings: SettingsDep):
    """The teacher's latest push; a student keeps a copy by sending its `take`."""
    if not settings.shared:
        raise HTTPException(404, NOT_SHARED)
    with db.snapshot() as conn:
        latest = classroom.pushed(conn)
    if latest is None:
        raise HTTPException(404, "the teacher has pushed nothing yet")
    return JSON(latest)


@router.get("/me", response_model=cs.Student, responses={404: {"model": ErrorMessage}})
def me(request: Request, db: DbDep, settings: SettingsDep):
    """This student's short id and display name."""
    if not settings.shared:
        raise HTTPException(404, NOT_SHARED)
    owner = owner_token(request)
    if owner is None:
        return JSON({"student": None, "display_name": None})
    with db.snapshot() as conn:
        name = classroom.display_name(conn, owner)
    return JSON({"student": student_id(owner), "display_name": name})


@router.put("/me", response_model=cs.Student, responses={404: {"model": ErrorMessage}})
def set_me(body: cs.StudentName, request: Request, db: DbDep, settings: SettingsDep):
    """Choose the name the teacher sees (a client without a token gets one)."""
    if not settings.shared:
        raise HTTPException(404, NOT_SHARED)
    owner = owner_token(request) or new_owner_token(request)
    with db.transaction() as conn:
        classroom.set_display_name(conn, owner, body.display_name)
    response = JSON({"student": student_id(owner), "display_name": body.display_name})
    hand_over(response, owner, settings)
    return response
