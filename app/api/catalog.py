"""Built-in datasets, presets, and health checks."""

from typing import Annotated

import numpy as np
from fastapi import APIRouter, HTTPException, Query

from app.engine import (
    ACTIVATIONS,
    DATASETS,
    FEATURES,
    HIDDEN_ACTIVATIONS,
    INITIALIZERS,
    LOSSES,
    OUTPUT_ACTIVATIONS,
    PENALTIES,
    builtin_dataset,
)
from app.lessons import LESSONS
from app.presets import PRESETS
from app.store.codec import dataset_document

from . import catalog_schemas, look_schemas, result_schemas, schemas, views
from .deps import JSON, DbDep, FieldError, SettingsDep
from .optimizer_schemas import optimizer_catalog
from .routing import OffloadedRoute

router = APIRouter(route_class=OffloadedRoute)


@router.get(
    "/api/config", tags=["catalog"], response_model=catalog_schemas.AppConfig, response_class=JSON
)
def config(settings: SettingsDep):
    """Every activation, loss, initialiser and optimizer the engine has, and the server's limits."""
    return JSON(
        {
            "activations": [
                {
                    "name": name,
                    "range": list(act.output_range),
                    "hidden": name in HIDDEN_ACTIVATIONS,
                    "output": name in OUTPUT_ACTIVATIONS,
                }
                for name, act in ACTIVATIONS.items()
            ],
            "losses": [
                {"name": name, "output_activations": list(loss.output_activations)}
                for name, loss in LOSSES.items()
            ],
            "initializers": list(INITIALIZERS),
            "optimizers": optimizer_catalog(),
            "penalties": [{"name": n, "formula": p.formula} for n, p in PENALTIES.items()],
            "features": list(FEATURES),
            "limits": {
                "max_hidden_layers": min(settings.max_hidden_layers, schemas.MAX_LAYERS - 2),
                "max_units": settings.max_units,
                "max_inputs": settings.max_inputs,
                "max_train_steps": settings.max_train_steps,
                "max_rows": settings.max_rows,
                "max_work": settings.max_work,
                "undo_depth": settings.undo_depth,
                "grid_resolution": list(schemas.GRID_RESOLUTION),
                "learning_rate": [0, schemas.MAX_LEARNING_RATE],
                "regularization_rate": [0, schemas.MAX_REGULARIZATION_RATE],
                "batch_size": [1, settings.max_rows],
                "noise": list(schemas.NOISE),
                "train_percent": list(schemas.TRAIN_PERCENT),
                "points": [schemas.MIN_POINTS, settings.max_rows],
                "landscape_radius": list(look_schemas.RADIUS),
                "landscape_resolution": list(look_schemas.GRID_SIDE),
            },
        }
    )


@router.get(
    "/api/datasets",
    tags=["catalog"],
    response_model=list[result_schemas.DatasetInfo],
    response_class=JSON,
)
def list_datasets():
    """The built-in datasets with their sizes."""
    return JSON([views.dataset_info(builtin_dataset(name)) for name in DATASETS])


@router.get(
    "/api/datasets/{name}",
    tags=["catalog"],
    response_model=result_schemas.DatasetRows,
    response_class=JSON,
    responses={404: {"model": schemas.ErrorMessage, "description": "No such dataset"}},
)
def get_dataset(name: str):
    """One built-in dataset, every row."""
    if name not in DATASETS:
        raise HTTPException(404, "dataset not found")
    return JSON(dataset_document(builtin_dataset(name)))


@router.get(
    "/api/presets",
    tags=["catalog"],
    response_model=list[catalog_schemas.Preset],
    response_class=JSON,
)
def list_presets():
    """Named ready-made setups; pass a name as `preset` when creating a network."""
    return JSON([{"name": name, **preset} for name, preset in PRESETS.items()])


@router.get(
    "/api/lessons",
    tags=["catalog"],
    response_model=list[catalog_schemas.Lesson],
    response_class=JSON,
)
def list_lessons():
    """The article's lessons, each with its presets and guided text in English and Chinese."""
    return JSON(LESSONS)


@router.get(
    "/api/activations",
    tags=["catalog"],
    response_model=list[catalog_schemas.ActivationCurve],
    response_class=JSON,
)
def activation_curves(
    points: Annotated[int, Query(ge=2, le=1001)] = 121,
    limit: Annotated[float, Query(gt=0, le=50)] = 6.0,
):
    """Every hidden activation g(z) and its derivative g'(z), sampled on [-limit, limit]."""
    z = np.linspace(-limit, limit, points)
    curves = []
    for name in HIDDEN_ACTIVATIONS:
        act = ACTIVATIONS[name]
        a = act.forward(z)
        curves.append(
            {"name": name, "z": z.tolist(), "g": a.tolist(), "dg": act.derivative(z, a).tolist()}
        )
    return JSON(curves)


@router.get(
    "/api/softmax",
    tags=["catalog"],
    response_model=catalog_schemas.SoftmaxResult,
    response_class=JSON,
)
def softmax(
    z: Annotated[list[float], Query(min_length=1, max_length=64)],
    target: Annotated[int | None, Query(ge=0)] = None,
):
    """softmax(z), and with a target class the cross-entropy E = -ln p[target]."""
    values = np.array(z, dtype=float)
    if not np.all(np.isfinite(values)) or np.max(np.abs(values)) > 1e6:
        raise FieldError(("query", "z"), "must be finite numbers within +-1e6")
    if target is not None and target >= len(z):
        raise FieldError(("query", "target"), f"must be in 0..{len(z) - 1}")
    row = values[None, :]
    p = ACTIVATIONS["softmax"].forward(row)
    error = None
    if target is not None:
        onehot = np.eye(len(z))[[target]]
        error = LOSSES["cross_entropy"].value(row, p, onehot, "softmax")
    return JSON({"z": values.tolist(), "p": p[0].tolist(), "target": target, "error": error})


@router.get("/healthz", tags=["health"], response_model=schemas.Health, response_class=JSON)
def healthz():
    """Liveness: the process answers."""
    return JSON({"status": "ok"})


@router.get(
    "/readyz",
    tags=["health"],
    response_model=schemas.Health,
    response_class=JSON,
    responses={503: {"model": schemas.ErrorMessage, "description": "Database down"}},
)
def readyz(db: DbDep):
    """Readiness: the database answers."""
    try:
        with db.snapshot() as conn:
            conn.execute("SELECT count(*) FROM networks").fetchone()
    except Exception:  # any database failure means not ready
        raise HTTPException(503, "database unavailable") from None
    return JSON({"status": "ready"})
