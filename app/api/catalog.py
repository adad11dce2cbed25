"""Built-in datasets, presets, and health checks."""

from fastapi import APIRouter, HTTPException

from app.engine import DATASETS, builtin_dataset
from app.presets import PRESETS
from app.store.codec import dataset_document

from . import schemas, views
from .deps import JSON, DbDep

router = APIRouter()


@router.get(
    "/api/datasets", tags=["catalog"], response_model=list[schemas.DatasetInfo], response_class=JSON
)
def list_datasets():
    """The built-in datasets with their sizes."""
    return JSON([views.dataset_info(builtin_dataset(name)) for name in DATASETS])


@router.get(
    "/api/datasets/{name}",
    tags=["catalog"],
    response_model=schemas.DatasetRows,
    response_class=JSON,
    responses={404: {"model": schemas.ErrorMessage, "description": "No such dataset"}},
)
def get_dataset(name: str):
    """One built-in dataset, every row."""
    if name not in DATASETS:
        raise HTTPException(404, "dataset not found")
    return JSON(dataset_document(builtin_dataset(name)))


@router.get(
    "/api/presets", tags=["catalog"], response_model=list[schemas.Preset], response_class=JSON
)
def list_presets():
    """Named ready-made setups; pass a name as `preset` when creating a network."""
    return JSON([{"name": name, **preset} for name, preset in PRESETS.items()])


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
