"""A teacher's own exercises: POST /api/class/exercises writes one, checked against the real
network it starts from, DELETE removes one; GET /api/exercises/{id} gives one with its export."""

from fastapi import APIRouter, Depends, HTTPException, Response

from app.exercises import BY_ID
from app.presets import PRESETS
from app.store import authored, classroom

from . import predict_schemas as ps
from .deps import JSON, DbDep, FieldError, SettingsDep
from .exercise_book import check_parameter, find_exercise, listed
from .routing import OffloadedRoute
from .schemas import ErrorMessage
from .teacher import require_teacher
from .teaching import TEACHER, check_handed_out

router = APIRouter(tags=["exercises"], route_class=OffloadedRoute)


def _layers(body: ps.ExerciseCreate, settings) -> list[int]:
    """The layer sizes of the network the exercise starts from (a bad export: a 422)."""
    if body.preset is not None:
        if body.preset not in PRESETS:
            raise FieldError(("body", "preset"), f"no preset {body.preset!r} (GET /api/presets)")
        return list(PRESETS[body.preset]["config"]["layers"])
    check_handed_out(body.network, settings)
    return list(body.network.layers)


@router.post(
    "/api/class/exercises",
    dependencies=[Depends(require_teacher)],
    status_code=201,
    response_model=ps.Exercise,
    responses=TEACHER,
)
def write_exercise(body: ps.ExerciseCreate, db: DbDep, settings: SettingsDep):
    """Write an exercise for the class (push it with POST /api/class/push {"exercise": id})."""
    layers = _layers(body, settings)
    for i, check in enumerate(body.checks):
        check_parameter(layers, check.layer, check.to, check.from_, ("body", "checks", i))
    value = {
        "title": {"en": body.title.en, "zh": body.title.zh or body.title.en},
        "preset": body.preset,
        "export": None if body.network is None else body.network.model_dump(mode="json"),
        "checks": [c.model_dump(by_alias=True) for c in body.checks],
    }
    with db.transaction() as conn:
        return JSON(listed(authored.add(conn, value)), status_code=201)


@router.delete(
    "/api/class/exercises/{exercise_id}",
    dependencies=[Depends(require_teacher)],
    status_code=204,
    response_class=Response,
    responses={
        **TEACHER,
        404: {"model": ErrorMessage, "description": "Not in shared mode, or no such exercise"},
    },
)
def delete_exercise(exercise_id: str, db: DbDep):
    """Delete a teacher's exercise; if it is the latest push, that push is withdrawn."""
    if exercise_id in BY_ID:
        raise HTTPException(
            404, f"{exercise_id!r} is built in: only an exercise a teacher wrote can be deleted"
        )
    with db.transaction() as conn:
        if not authored.remove(conn, exercise_id):
            raise HTTPException(404, f"no exercise {exercise_id!r} (GET /api/exercises)")
        classroom.withdraw_exercise(conn, exercise_id)
    return Response(status_code=204)


@router.get(
    "/api/exercises/{exercise_id}",
    response_model=ps.ExerciseDetail,
    responses={404: {"model": ErrorMessage, "description": "No exercise has this id"}},
)
def get_exercise(exercise_id: str, db: DbDep):
    """One exercise, with the export of a teacher's network it starts from."""
    exercise = find_exercise(db, exercise_id)
    if exercise is None:
        raise HTTPException(404, f"no exercise {exercise_id!r}")
    return JSON(listed(exercise) | {"export": exercise.get("export")})
