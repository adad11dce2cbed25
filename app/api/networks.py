"""The /api/networks routes: thin wrappers that validate, call the engine, and store."""

import base64
import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Annotated, TypeVar

import numpy as np
from fastapi import APIRouter, HTTPException, Query, Request, Response

from app.engine import (
    DivergenceError,
    Network,
    Session,
    StepRecord,
    StepResult,
    gradient_check,
)
from app.engine.validation import as_matrix
from app.settings import Settings, undo_steps
from app.store import NetworkRecord, NotFound
from app.store import networks as store
from app.store.codec import dataset_document

from . import schemas, views
from .building import build_record, check_dataset_fits, check_layers, new_network_id
from .deps import (
    JSON,
    OWNER_COOKIE,
    OWNER_HEADER,
    DbDep,
    FieldError,
    SettingsDep,
    check_owner,
    fields_in,
    new_owner_token,
    owner_token,
)

router = APIRouter(prefix="/api/networks", tags=["networks"])
T = TypeVar("T")

NOT_FOUND = {404: {"model": schemas.ErrorMessage, "description": "No network has this id"}}
OWNER_ONLY = {
    **NOT_FOUND,
    403: {"model": schemas.ErrorMessage, "description": "Shared mode: not this client's network"},
}
OVERFLOWS = {409: {"model": schemas.ErrorMessage, "description": "The numbers overflow"}}
DIVERGED = {409: {"model": schemas.ErrorMessage, "description": "The step would diverge"}}


@contextmanager
def changing(
    db: DbDep, network_id: str, request: Request, settings: Settings
) -> Iterator[tuple[sqlite3.Connection, NetworkRecord]]:
    """Load a network for change in one write transaction; a failure rolls everything back."""
    with db.transaction() as conn:
        try:
            record = store.load(conn, network_id)
        except NotFound:
            raise HTTPException(404, "network not found") from None
        check_owner(record, request, settings)
        yield conn, record


NETWORK_LOCKS = [threading.Lock() for _ in range(64)]
MAX_ATTEMPTS = 50


def computing(
    db: DbDep,
    network_id: str,
    request: Request,
    settings: Settings,
    run: Callable[[NetworkRecord], tuple[T, list[StepRecord]]],
) -> tuple[NetworkRecord, T]:
    """Run training work on a loaded network with no database lock held, then commit it.

    Requests on one network queue on an in-process lock; a change committed meanwhile by
    another process is detected by its revision, and the work is redone on the new state.
    Other networks' requests are never held up by this one's computation.
    """
    with NETWORK_LOCKS[hash(network_id) % len(NETWORK_LOCKS)]:
        for _ in range(MAX_ATTEMPTS):
            record = reading(db, network_id)
            check_owner(record, request, settings)
            loaded = record.revision
            outcome, steps = run(record)
            with db.transaction() as conn:
                current = store.revision(conn, network_id)
                if current is None:
                    raise HTTPException(404, "network not found")
                if current == loaded:
                    store.save(
                        conn,
                        record,
                        steps,
                        undo_steps(settings, record.session.network.parameter_count()),
                    )
                    return record, outcome
    raise HTTPException(409, "the network kept changing under this request; try again")


def reading(db: DbDep, network_id: str) -> NetworkRecord:
    """Load a network to read."""
    with db.snapshot() as conn:
        try:
            return store.load(conn, network_id)
        except NotFound:
            raise HTTPException(404, "network not found") from None


def check_rows(rows: list | None, settings: Settings, field: str) -> None:
    """Refuse more input rows than the server allows."""
    if rows is not None and len(rows) > settings.max_rows:
        raise FieldError(("body", field), f"at most {settings.max_rows} rows")


def check_work(steps: int, rows: int, net: Network, settings: Settings) -> None:
    """Refuse a request whose steps x parameters x rows exceeds the work budget."""
    work = steps * rows * max(net.parameter_count(), 1)
    if work > settings.max_work:
        raise FieldError(
            ("body", "steps"),
            f"{steps} steps x {rows} rows x "
            f"{net.parameter_count()} parameters = {work} exceeds the work budget "
            f"of {settings.max_work}; ask for fewer steps",
        )


@router.post("", status_code=201, response_model=schemas.NetworkState, response_class=JSON)
def create_network(
    body: schemas.NetworkCreate,
    request: Request,
    response: Response,
    db: DbDep,
    settings: SettingsDep,
):
    """Create a network (from a preset, given parameters, or random initial weights)."""
    owner = owner_token(request) or new_owner_token()
    record = build_record(body, settings, owner)
    with db.transaction() as conn:
        store.insert(conn, record)
    return _with_owner(JSON(views.network_state(record), status_code=201), owner, settings)


def _with_owner(response: Response, owner: str, settings: Settings) -> Response:
    response.headers[OWNER_HEADER] = owner
    response.set_cookie(OWNER_COOKIE, owner, max_age=365 * 86400, httponly=True, samesite="lax")
    return response


@router.get(
    "",
    response_model=list[schemas.NetworkSummary],
    response_class=JSON,
    responses={403: {"model": schemas.ErrorMessage}},
)
def list_networks(request: Request, db: DbDep, settings: SettingsDep):
    """This server's networks (in shared mode: only the ones this client created)."""
    owner = owner_token(request) if settings.shared else None
    if settings.shared and owner is None:
        return JSON([])
    with db.snapshot() as conn:
        rows = store.listing(conn, owner)
    return JSON(
        [
            {"id": i, "name": n, "layers": layers, "step": step, "dataset": data, "updated_at": t}
            for i, n, layers, step, data, t in rows
        ]
    )


@router.get(
    "/{network_id}", response_model=schemas.NetworkState, response_class=JSON, responses=NOT_FOUND
)
def get_network(network_id: str, db: DbDep):
    """The network's settings, parameters and progress."""
    return JSON(views.network_state(reading(db, network_id)))


@router.delete("/{network_id}", status_code=204, responses=OWNER_ONLY)
def delete_network(network_id: str, request: Request, db: DbDep, settings: SettingsDep):
    """Delete the network and its history."""
    with changing(db, network_id, request, settings) as (conn, record):
        store.delete(conn, record.id)
    return Response(status_code=204)


@router.patch(
    "/{network_id}", response_model=schemas.NetworkState, response_class=JSON, responses=OWNER_ONLY
)
def patch_network(
    network_id: str, body: schemas.NetworkPatch, request: Request, db: DbDep, settings: SettingsDep
):
    """Change hyperparameters (learning rate, batch size, activations, loss, name)."""
    with changing(db, network_id, request, settings) as (conn, record):
        s, net = record.session, record.session.network
        given = body.model_dump(exclude_none=True)
        if "batch_size" in given and given["batch_size"] > settings.max_rows:
            raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")
        with fields_in("body"):
            changed = Network.create(
                net.layers,
                given.get("hidden_activation", net.hidden_activation),
                given.get("output_activation", net.output_activation),
                given.get("loss", net.loss),
                net.use_bias,
                weights=net.weights,
                biases=net.biases if net.use_bias else None,
            )
        check_dataset_fits(changed, s.dataset)
        s.network = changed
        s.learning_rate = given.get("learning_rate", s.learning_rate)
        s.batch_size = given.get("batch_size", s.batch_size)
        record.name = given.get("name", record.name)
        store.save(conn, record)
        return JSON(views.network_state(record))


@router.put(
    "/{network_id}/weights",
    response_model=schemas.NetworkState,
    response_class=JSON,
    responses=OWNER_ONLY,
)
def put_weights(
    network_id: str,
    body: schemas.AllParameters | schemas.OneParameter,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
):
    """Set every weight and bias, or one value ({"layer", "to", "from", "value"})."""
    with changing(db, network_id, request, settings) as (conn, record):
        net = record.session.network
        with fields_in("body"):
            if isinstance(body, schemas.OneParameter):
                net.set_parameter(body.layer, body.to, body.source, body.value)
            else:
                given = Network.create(
                    net.layers,
                    net.hidden_activation,
                    net.output_activation,
                    net.loss,
                    net.use_bias,
                    weights=body.weights,
                    biases=body.biases,
                )
                net.weights, net.biases = given.weights, given.biases
        store.save(conn, record)
        return JSON(views.network_state(record))


def _rows_and_targets(
    net: Network, inputs: list | None, targets: list | None, default: tuple | None
) -> tuple:
    """Checked (inputs, targets) from a request, or the default when no inputs are given."""
    if inputs is None:
        if targets is not None:
            raise FieldError(("body", "inputs"), "required when targets are given")
        return default
    with fields_in("body"):
        x = as_matrix(inputs, net.layers[0], "inputs")
        t = None if targets is None else net.check_targets(targets, x.shape[0])
    return x, t


NOT_FINITE = "the numbers overflow (not finite) for these inputs and parameters"


def _finite(*values) -> bool:
    """Whether every number in these arrays, lists of arrays or floats is finite."""
    return all(
        np.all(np.isfinite(v)) if not isinstance(v, list) else _finite(*v)
        for v in values
        if v is not None
    )


@router.post(
    "/{network_id}/forward",
    response_model=schemas.ForwardResult,
    response_class=JSON,
    responses=NOT_FOUND,
)
def forward(network_id: str, body: schemas.ForwardRequest, db: DbDep, settings: SettingsDep):
    """Run inputs forward (default: the training set); every layer's z and a. Changes nothing."""
    check_rows(body.inputs, settings, "inputs")
    record = reading(db, network_id)
    net, data = record.session.network, record.session.dataset
    x, t = _rows_and_targets(net, body.inputs, body.targets, (data.inputs, data.targets))
    with np.errstate(over="ignore", invalid="ignore"):
        trace = net.forward(x, t)
        grads = None if t is None else net.backward(trace, t)
    if not _finite(trace.zs, trace.activations, trace.loss, [] if grads is None else grads.deltas):
        raise FieldError(("body", "inputs"), NOT_FINITE)
    return JSON(views.forward_result(trace, t, grads))


@router.post(
    "/{network_id}/step",
    response_model=schemas.StepResult,
    response_class=JSON,
    responses={**OWNER_ONLY, **DIVERGED},
)
def step(
    network_id: str, body: schemas.StepRequest, request: Request, db: DbDep, settings: SettingsDep
):
    """One backprop step: forward, backward, update w <- w - alpha dE/dw."""
    check_rows(body.inputs, settings, "inputs")
    if body.inputs is not None and body.targets is None:
        raise FieldError(("body", "targets"), "required when inputs are given")

    def run(record: NetworkRecord) -> tuple[StepResult, list[StepRecord]]:
        s = record.session
        x, t = _rows_and_targets(s.network, body.inputs, body.targets, (None, None))
        rows = min(s.batch_size, s.dataset.size) if x is None else x.shape[0]
        check_work(1, rows, s.network, settings)
        with fields_in("body"):
            try:
                result, done = s.apply_step(x, t, body.learning_rate)
            except DivergenceError as exc:
                raise HTTPException(409, str(exc)) from None
        record.last_loss = result.loss
        record.last_batch = (result.trace.inputs, result.targets, result.learning_rate)
        return result, [done]

    record, result = computing(db, network_id, request, settings, run)
    return JSON(views.step_result(result, record))


@router.post(
    "/{network_id}/train",
    response_model=schemas.TrainResult,
    response_class=JSON,
    responses={**OWNER_ONLY, **DIVERGED},
)
def train(
    network_id: str, body: schemas.TrainRequest, request: Request, db: DbDep, settings: SettingsDep
):
    """Many steps on successive mini-batches, for play mode; the loss before each."""
    if body.steps > settings.max_train_steps:
        raise FieldError(("body", "steps"), f"at most {settings.max_train_steps}")
    if body.batch_size is not None and body.batch_size > settings.max_rows:
        raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")

    def run(record: NetworkRecord) -> tuple[list[StepRecord], list[StepRecord]]:
        s = record.session
        s.batch_size = body.batch_size or s.batch_size
        check_work(body.steps, min(s.batch_size, s.dataset.size), s.network, settings)
        try:
            done, last_batch = s.train(body.steps, checkpoint=True)
        except DivergenceError as exc:
            raise HTTPException(409, str(exc)) from None
        record.last_loss = done[-1].loss
        record.last_batch = (*last_batch, s.learning_rate)
        return done, done

    record, done = computing(db, network_id, request, settings, run)
    return JSON(
        {
            "step": record.session.step,
            "losses": [r.loss for r in done],
            "stopped_early": len(done) < body.steps,
            "network": views.network_state(record),
        }
    )


@router.post(
    "/{network_id}/undo",
    response_model=schemas.NetworkState,
    response_class=JSON,
    responses={
        **OWNER_ONLY,
        409: {"model": schemas.ErrorMessage, "description": "Nothing to undo"},
    },
)
def undo(network_id: str, request: Request, db: DbDep, settings: SettingsDep):
    """Go back one step, to exactly the parameters before it."""
    with changing(db, network_id, request, settings) as (conn, record):
        found = store.pop_snapshot(conn, record)
        if found is None:
            raise HTTPException(409, "nothing to undo: no earlier step is kept")
        record.session.restore(*found)
        record.last_loss = store.previous_loss(conn, record)
        record.last_batch = None
        store.save(conn, record)
        return JSON(views.network_state(record))


@router.get(
    "/{network_id}/history",
    response_model=schemas.History,
    response_class=JSON,
    responses=NOT_FOUND,
)
def history(network_id: str, db: DbDep):
    """The loss before every step, and the test loss when the dataset has a test split."""
    with db.snapshot() as conn:
        rows = store.history(conn, _load(conn, network_id))
    return JSON(
        {
            "steps": [r[0] for r in rows],
            "losses": [r[1] for r in rows],
            "test_losses": [r[2] for r in rows],
        }
    )


def _load(conn: sqlite3.Connection, network_id: str) -> NetworkRecord:
    try:
        return store.load(conn, network_id)
    except NotFound:
        raise HTTPException(404, "network not found") from None


@router.get(
    "/{network_id}/explain",
    response_model=schemas.Explanation,
    response_class=JSON,
    responses={**NOT_FOUND, **OVERFLOWS},
)
def explain(
    network_id: str,
    db: DbDep,
    layer: Annotated[int, Query(ge=0)],
    to: Annotated[int, Query(ge=0)],
    source: Annotated[int | None, Query(alias="from", ge=0)] = None,
):
    """dE/dw of the last step for one weight (or bias, without `from`), factor by factor.

    Before any step (or after an undo) it previews the step the next mini-batch would take.
    """
    record, before = _last_step(db, network_id)
    s = record.session
    if before is not None:
        net, (x, t, alpha), kind = before, record.last_batch, "last_step"
    else:
        net, (x, t), alpha, kind = s.network, s.next_batch(), s.learning_rate, "preview"
    with fields_in("query"), np.errstate(over="ignore", invalid="ignore"):
        trace = net.forward(x, t)
        rule = net.chain_rule(trace, net.backward(trace, t), layer, to, source)
    if not _finite(rule.products, rule.gradient, [f.values for f in rule.factors]):
        raise HTTPException(409, NOT_FINITE)
    return JSON(views.explanation(rule, net, kind, s.step, alpha))


def _last_step(db: DbDep, network_id: str) -> tuple[NetworkRecord, Network | None]:
    """The network, and the network as it was before its last step when that is still kept."""
    with db.snapshot() as conn:
        record = _load(conn, network_id)
        before = store.parameters_before_step(conn, record)
    if record.last_batch is None or before is None:
        return record, None
    s = record.session
    past = Session(
        s.network.with_parameters(s.network.weights, s.network.biases),
        s.dataset,
        s.learning_rate,
        s.batch_size,
        s.seed,
        s.step,
        s.cursor,
    )
    past.restore(*before)
    return record, past.network


@router.get(
    "/{network_id}/last-step",
    response_model=schemas.StepResult,
    response_class=JSON,
    responses={
        **NOT_FOUND,
        409: {"model": schemas.ErrorMessage, "description": "No step to show (new or undone)"},
    },
)
def last_step(network_id: str, db: DbDep):
    """The last step again, in full: its batch, forward pass, deltas, gradients and update."""
    record, before = _last_step(db, network_id)
    if before is None:
        raise HTTPException(409, "no last step to show: the network is new or was undone")
    x, t, alpha = record.last_batch
    trace = before.forward(x, t)
    result = StepResult(
        trace.loss, trace, t, before.backward(trace, t), before.weights, before.biases, alpha
    )
    return JSON(views.step_result(result, record))


@router.get(
    "/{network_id}/gradient-check",
    response_model=schemas.GradientCheckResult,
    response_class=JSON,
    responses={**NOT_FOUND, **OVERFLOWS},
)
def check_gradients(network_id: str, db: DbDep, settings: SettingsDep):
    """Backprop against centered finite differences, on the next mini-batch. Changes nothing."""
    record = reading(db, network_id)
    s = record.session
    x, t = s.next_batch()
    check_work(2 * s.network.parameter_count(), x.shape[0], s.network, settings)
    with np.errstate(over="ignore", invalid="ignore"):
        result = gradient_check(s.network, x, t)
    numbers = (result.numeric_weights, result.numeric_biases, result.backprop_weights)
    if not _finite(result.max_abs_error, *numbers, result.backprop_biases):
        raise HTTPException(409, NOT_FINITE)
    return JSON(
        {
            "max_abs_error": result.max_abs_error,
            "max_relative_error": result.max_relative_error,
            "numeric": {
                "weights": views.lists(result.numeric_weights),
                "biases": views.lists(result.numeric_biases),
            },
            "backprop": {
                "weights": views.lists(result.backprop_weights),
                "biases": views.lists(result.backprop_biases),
            },
        }
    )


def _encode(values: np.ndarray) -> str:
    return base64.b64encode(values.astype("<f4").tobytes()).decode()


@router.get(
    "/{network_id}/grid",
    response_model=schemas.GridResult,
    response_class=JSON,
    responses=NOT_FOUND,
)
def grid(
    network_id: str,
    db: DbDep,
    resolution: Annotated[int, Query(ge=2, le=200)] = 50,
    hidden: Annotated[bool, Query(description="include every hidden unit")] = True,
):
    """Output and hidden activations over a grid of the 2-D input plane, float32 base64."""
    record = reading(db, network_id)
    net, data = record.session.network, record.session.dataset
    if net.layers[0] != 2:
        raise FieldError(("path", "network_id"), "the grid needs a network with 2 inputs")
    units = net.layers[-1] + (sum(net.layers[1:-1]) if hidden else 0)
    if resolution * resolution * units > 4_000_000:
        raise FieldError(
            ("query", "resolution"), "too many values; lower the resolution or pass hidden=false"
        )
    (x_lo, x_hi), (y_lo, y_hi) = _plane(data.inputs)
    xs, ys = np.linspace(x_lo, x_hi, resolution), np.linspace(y_lo, y_hi, resolution)
    gx, gy = np.meshgrid(xs, ys)  # row r is y = ys[r], column c is x = xs[c]
    trace = net.forward(np.stack([gx.ravel(), gy.ravel()], axis=1))
    hidden_layers = trace.activations[:-1] if hidden else []
    return JSON(
        {
            "resolution": resolution,
            "x_range": [x_lo, x_hi],
            "y_range": [y_lo, y_hi],
            "encoding": "float32-le-base64",
            "output": [_encode(trace.outputs[:, k]) for k in range(net.layers[-1])],
            "hidden": [[_encode(a[:, j]) for j in range(a.shape[1])] for a in hidden_layers],
        }
    )


def _plane(inputs: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
    """The input plane to draw: the data's range with a margin, square around the origin."""
    reach = float(np.max(np.abs(inputs))) if inputs.size else 1.0
    lo, hi = float(np.min(inputs)), float(np.max(inputs))
    if lo >= 0 and hi <= 1:  # truth tables: [0, 1] with a margin
        return (-0.25, 1.25), (-0.25, 1.25)
    r = round(reach * 1.1, 6) or 1.0
    return (-r, r), (-r, r)


@router.get(
    "/{network_id}/dataset",
    response_model=schemas.DatasetRows,
    response_class=JSON,
    responses=NOT_FOUND,
)
def dataset(network_id: str, db: DbDep):
    """The network's dataset, every row."""
    return JSON(dataset_document(reading(db, network_id).session.dataset))


@router.get(
    "/{network_id}/export",
    response_model=schemas.ExportDocument,
    response_class=JSON,
    responses=NOT_FOUND,
)
def export(network_id: str, db: DbDep):
    """A document that recreates the network exactly: settings, parameters, dataset, step."""
    record = reading(db, network_id)
    state = views.network_state(record)
    doc = dataset_document(record.session.dataset)
    doc.pop("description")
    return JSON(
        {
            "format": "backprop-visualizer/1",
            "name": record.name,
            **{
                k: state[k]
                for k in (
                    "layers",
                    "hidden_activation",
                    "output_activation",
                    "loss",
                    "learning_rate",
                    "batch_size",
                    "use_bias",
                    "init",
                    "seed",
                    "step",
                    "weights",
                    "biases",
                )
            },
            "cursor": record.session.cursor,
            "dataset": doc,
            "builtin_dataset": record.builtin_dataset,
        }
    )


@router.post("/import", status_code=201, response_model=schemas.NetworkState, response_class=JSON)
def import_network(
    body: schemas.ExportDocument, request: Request, db: DbDep, settings: SettingsDep
):
    """Recreate a network from an export document."""
    owner = owner_token(request) or new_owner_token()
    check_layers(body.layers, settings)
    create = schemas.NetworkCreate(
        name=body.name,
        layers=body.layers,
        hidden_activation=body.hidden_activation,
        output_activation=body.output_activation,
        loss=body.loss,
        learning_rate=body.learning_rate,
        batch_size=body.batch_size,
        use_bias=body.use_bias,
        init=body.init,
        seed=body.seed,
        weights=body.weights,
        biases=body.biases if body.use_bias else None,
        dataset=body.dataset.name if body.builtin_dataset else body.dataset,
    )
    record = build_record(create, settings, owner)
    record.session.step, record.session.cursor = body.step, body.cursor
    record.id = new_network_id()
    with db.transaction() as conn:
        store.insert(conn, record)
    return _with_owner(JSON(views.network_state(record), status_code=201), owner, settings)
