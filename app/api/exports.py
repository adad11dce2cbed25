"""GET /api/networks/{id}/export: the JSON document, or code that trains on to the same numbers."""

import re
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from app import code_export
from app.store.codec import dataset_document

from . import network_schemas, views
from .access import NOT_FOUND, reading
from .budget import NUMBER_BYTES, metered, state_numbers
from .deps import JSON, DbDep, FieldError, SettingsDep
from .routing import OffloadedRoute

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)

Format = Literal["json", "numpy", "pytorch", "ipynb"]
FORMAT_TEXT = (
    "json (default): a document POST /import takes; numpy or pytorch: a Python script that "
    "trains on from here (`python net.py --steps N --json`); ipynb: the numpy script as a "
    "notebook with the math in Markdown"
)
CODE = {
    "numpy": ("text/x-python; charset=utf-8", ".py"),
    "pytorch": ("text/x-python; charset=utf-8", ".py"),
    "ipynb": ("application/x-ipynb+json", ".ipynb"),
}
TEMPLATE_BYTES = 24_000  # the code around the numbers, and a notebook's JSON wrapping
# writing one number as Python (repr, wrapping, the template) takes about as long as 1,000
# multiply-adds (3-7 us against the work budget's 4 ns): the largest network is ~4 s of it
WRITE_WORK = 1_000
EXPORT_KEYS = (
    *("layers", "hidden_activation", "output_activation", "loss", "learning_rate"),
    *("batch_size", "use_bias", "init", "seed", "step", "weights", "biases"),
)


@router.get(
    "/{network_id:network_id}/export",
    response_model=network_schemas.ExportDocument,
    response_class=JSON,
    responses={
        **NOT_FOUND,
        200: {
            "description": "The export document, or a script or notebook (`format`)",
            "content": {
                "text/x-python": {"schema": {"type": "string"}},
                "application/x-ipynb+json": {"schema": {"type": "object"}},
            },
        },
    },
)
def export(
    network_id: str,
    db: DbDep,
    settings: SettingsDep,
    format: Annotated[Format, Query(description=FORMAT_TEXT)] = "json",
):
    """A document that recreates the network exactly, or code that trains on from it."""
    record = reading(db, network_id)
    if format != "json":
        return code(record, format, settings)
    state = views.network_state(record)
    doc = dataset_document(record.session.dataset)
    doc.pop("description")
    return JSON(
        {
            "format": "backprop-visualizer/1",
            "name": record.name,
            **{k: state[k] for k in EXPORT_KEYS},
            "cursor": record.session.cursor,
            "dataset": doc,
            "builtin_dataset": record.builtin_dataset,
            "generation": state["dataset"]["generation"] if record.builtin_dataset else None,
            "features": state["features"],
            "csv": state["dataset"]["csv"],
            "optimizer": state["optimizer"],
            "optimizer_state": state["optimizer_state"],
            "regularization": state["regularization"],
            "regularization_rate": state["regularization_rate"],
        }
    )


def code(record, kind: str, settings: SettingsDep) -> Response:
    """The network as a numpy or PyTorch script or a notebook, as a file to download."""
    s = record.session
    if s.dataset.size == 0:
        raise FieldError(
            ("query", "format"), "this network has no dataset to train on; export it as json"
        )
    data = s.dataset
    numbers = state_numbers(s.network) + data.inputs.size + data.targets.size
    media_type, suffix = CODE[kind]
    filename = (re.sub(r"[^A-Za-z0-9_-]+", "-", record.name).strip("-")[:60] or "network") + suffix
    with metered(
        settings,
        ("query", "format"),
        numbers * WRITE_WORK,
        numbers * NUMBER_BYTES + TEMPLATE_BYTES,
        "the network and its dataset are too large to write out as code",
    ):
        values = code_export.context(s, record.name, record.id, filename)
        home = settings.home
        if kind == "ipynb":
            text = code_export.notebook(values, home)
        else:
            text = code_export.script(kind, values, home=home)
    disposition = f'attachment; filename="{filename}"'
    return Response(text, media_type=media_type, headers={"Content-Disposition": disposition})
