"""Predict, then reveal: a student predicts dE/dw or the new w of the next step; after the
step the server marks it against the step's own numbers (GET explain's)."""

from fractions import Fraction
from typing import Annotated

import orjson
from fastapi import APIRouter, HTTPException, Path, Request

from app.exercises import DEFAULT_TOLERANCE
from app.store import predictions as stored

from . import predict_schemas as ps
from .access import NOT_FOUND, OWNER_ONLY, reading
from .deps import JSON, DbDep, FieldError, SettingsDep, check_owner
from .exercise_book import check_parameter, every_exercise, find_exercise
from .inspection import explain
from .routing import OffloadedRoute

router = APIRouter(tags=["exercises"], route_class=OffloadedRoute)
SIGNS = {"+": 1, "-": -1, "0": 0}
SIGN_OF = {v: k for k, v in SIGNS.items()}


@router.get("/api/exercises", response_model=list[ps.Exercise])
def list_exercises(db: DbDep):
    """The exercises (built-in, then the teacher's): a preset or a network, and a sequence
    of checks, each predicting one step."""
    return JSON(every_exercise(db))


def _number(text: str) -> Fraction:
    """A decimal or a fraction ('-1/4', '0.25', '2.5e-2'), exactly; else a 422 on `value`."""
    try:
        return Fraction(text.strip().replace("−", "-"))
    except (ValueError, ZeroDivisionError):
        raise FieldError(("body", "value"), f"not a number or fraction: {text!r}") from None


def _target(body: ps.PredictionRequest, layers: list[int], db: DbDep) -> dict:
    """The parameter, quantity and tolerance predicted: the exercise's check, or the body's."""
    if body.exercise is not None:
        exercise = find_exercise(db, body.exercise)
        if exercise is None:
            raise FieldError(("body", "exercise"), f"no exercise {body.exercise!r}")
        checks = exercise["checks"]
        if body.position is None or body.position >= len(checks):
            raise FieldError(("body", "position"), f"give a check from 0 to {len(checks) - 1}")
        given = [
            k
            for k in ("layer", "to", "from_", "quantity", "tolerance")
            if k in body.model_fields_set
        ]
        if given:
            raise FieldError(("body", given[0].rstrip("_")), "the exercise sets it; leave it out")
        check = checks[body.position]
        check_parameter(layers, check["layer"], check["to"], check["from"], ("body", "exercise"))
        target = {"layer": check["layer"], "unit": check["to"], "source": check["from"]}
        return target | {"quantity": check["quantity"], "tolerance": check["tolerance"]}
    for key in ("layer", "to", "quantity"):
        if getattr(body, key) is None:
            raise FieldError(("body", key), "required without an exercise")
    check_parameter(layers, body.layer, body.to, body.from_, ("body",))
    target = {"layer": body.layer, "unit": body.to, "source": body.from_}
    return target | {"quantity": body.quantity, "tolerance": body.tolerance or DEFAULT_TOLERANCE}


def _shown(row: dict) -> dict:
    """A stored prediction as the API gives it."""
    revealed = row["truth"] is not None
    return {
        "id": row["pid"],
        "network": row["network"],
        "step": row["step"],
        "layer": row["layer"],
        "to": row["unit"],
        "from": row["source"],
        "quantity": row["quantity"],
        "sign": None if row["sign"] is None else SIGN_OF[row["sign"]],
        "value": row["value"],
        "tolerance": row["tolerance"],
        "exercise": row["exercise"],
        "position": row["position"],
        "revealed": revealed,
        "truth": row["truth"],
        "sign_ok": None if row["sign_ok"] is None else bool(row["sign_ok"]),
        "value_ok": None if row["value_ok"] is None else bool(row["value_ok"]),
    }


@router.post(
    "/api/networks/{network_id:network_id}/predictions",
    status_code=201,
    response_model=ps.Prediction,
    responses=OWNER_ONLY,
)
def predict(
    network_id: str, body: ps.PredictionRequest, request: Request, db: DbDep, settings: SettingsDep
):
    """Predict the next step's dE/dw, or its new w, for one parameter: a sign, a value or both."""
    if body.sign is None and body.value is None:
        raise FieldError(("body", "value"), "predict a sign, a value or both")
    if body.value is not None:
        _number(body.value)
    record = reading(db, network_id)
    check_owner(record, request, settings)
    row = _target(body, record.session.network.layers, db) | {
        "network": network_id,
        "step": record.session.step,
        "sign": None if body.sign is None else SIGNS[body.sign],
        "value": body.value,
        "exercise": body.exercise,
        "position": body.position,
    }
    with db.transaction() as conn:
        return JSON(_shown(stored.add(conn, row)), status_code=201)


def _truth(row: dict, explained: dict) -> float:
    """The true number predicted: dE/dw with any weight penalty, or w after the step."""
    if row["quantity"] == "gradient":
        return explained["gradient"] + explained["penalty_gradient"]
    return explained["weight"] + explained["update"]  # the optimizer's change, -alpha dE/dw for SGD


def _marks(row: dict, truth: float) -> tuple[int | None, int | None]:
    """Whether the predicted sign and value are right (None: not predicted)."""
    sign_ok = None if row["sign"] is None else int(row["sign"] == (truth > 0) - (truth < 0))
    if row["value"] is None:
        return sign_ok, None
    return sign_ok, int(abs(float(_number(row["value"])) - truth) <= row["tolerance"])


@router.post(
    "/api/networks/{network_id:network_id}/predictions/{pid}/reveal",
    response_model=ps.Reveal,
    responses={**NOT_FOUND, 409: {"description": "The step predicted is not the last one"}},
)
def reveal(
    network_id: str,
    pid: Annotated[int, Path(ge=1, le=2**63 - 1, description="the prediction's id")],
    db: DbDep,
    settings: SettingsDep,
):
    """After the step: the true numbers with the chain rule, and the prediction marked."""
    with db.snapshot() as conn:
        row = stored.get(conn, network_id, pid)
    if row is None:
        raise HTTPException(404, f"network {network_id} has no prediction {pid}")
    response = explain(network_id, db, settings, row["layer"], row["unit"], row["source"])
    explained = orjson.loads(response.body)
    last = explained["kind"] == "last_step" and explained["step"] == row["step"] + 1
    if row["truth"] is None:
        if not last:
            raise HTTPException(
                409,
                f"prediction {pid} is of step {row['step'] + 1}: reveal it right after that step"
                f" (the network is at step {explained['step']})",
            )
        truth = _truth(row, explained)
        with db.transaction() as conn:
            stored.mark(conn, pid, truth, *_marks(row, truth))
    with db.snapshot() as conn:
        row, score = stored.get(conn, network_id, pid), stored.score(conn, network_id)
    return JSON(
        {"prediction": _shown(row), "explanation": explained if last else None, "score": score}
    )


@router.get(
    "/api/networks/{network_id:network_id}/predictions",
    response_model=ps.PredictionList,
    responses=NOT_FOUND,
)
def list_predictions(network_id: str, db: DbDep):
    """A network's predictions, oldest first, and its score."""
    reading(db, network_id)
    with db.snapshot() as conn:
        rows, score = stored.of_network(conn, network_id), stored.score(conn, network_id)
    return JSON({"predictions": [_shown(r) for r in rows], "score": score})
