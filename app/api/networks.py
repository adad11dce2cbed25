"""The /api/networks routes that create, read, change, export and delete networks."""

from fastapi import APIRouter, Request, Response

from app.engine import (
    Network,
)
from app.settings import data_undo_limits
from app.store import NetworkRecord
from app.store import networks as store
from app.store.codec import dataset_document

from . import network_schemas, result_schemas, schemas, views
from .access import (
    NOT_FOUND,
    OWNER_ONLY,
    changing,
    reading,
)
from .building import (
    build_record,
    builtin_spec,
    check_dataset_fits,
    check_export_is_consistent,
    check_layers,
    keep_csv_info,
    swapped_dataset,
)
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
from .locks import LOCKED, locked
from .optimizing import imported_state, switched
from .packing import BINARY, PackedDep
from .quotas import QUOTAS, check_quotas
from .routing import OffloadedRoute

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)


@router.post(
    "",
    status_code=201,
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={**QUOTAS, **LOCKED},
    dependencies=[locked("create")],
)
def create_network(
    body: network_schemas.NetworkCreate,
    request: Request,
    response: Response,
    db: DbDep,
    settings: SettingsDep,
):
    """Create a network (from a preset, given parameters, or random initial weights)."""
    record = build_record(body, settings, owner_token(request) or new_owner_token(request))
    return _store_new(db, record, settings)


def _store_new(db: DbDep, record: NetworkRecord, settings: SettingsDep) -> Response:
    """Insert a new network within the quotas; 201 with its state and the owner token."""
    with db.transaction() as conn:
        store.insert(conn, record)
        check_quotas(conn, record.owner, settings)
    response = JSON(views.network_state(record), status_code=201)
    hand_over(response, record.owner, settings)
    return response


@router.get(
    "",
    response_model=list[result_schemas.NetworkSummary],
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
    return JSON(rows)


@router.get(
    "/{network_id:network_id}",
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={**BINARY, **NOT_FOUND},
)
def get_network(network_id: str, db: DbDep, pack: PackedDep):
    """The network's settings, parameters and progress."""
    return pack.response(views.network_state(reading(db, network_id), pack))


@router.delete(
    "/{network_id:network_id}",
    status_code=204,
    responses={**OWNER_ONLY, **LOCKED},
    dependencies=[locked("delete", check_fixed=False)],
)
def delete_network(network_id: str, request: Request, db: DbDep, settings: SettingsDep):
    """Delete the network and its history."""
    with changing(db, network_id, request, settings) as (conn, record):
        store.delete(conn, record.id)
    return Response(status_code=204)


@router.patch(
    "/{network_id:network_id}",
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={**OWNER_ONLY, **LOCKED},
    dependencies=[locked("patch")],
)
def patch_network(
    network_id: str,
    body: network_schemas.NetworkPatch,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
):
    """Change hyperparameters (learning rate, batch size, activations, loss, name), the
    dataset or the features.

    A new dataset (or features) must fit the layers; the batch cursor restarts at 0, the
    loss history is kept, and undo takes the change back, then the steps before it.
    """
    with changing(db, network_id, request, settings) as (conn, record):
        s, net = record.session, record.session.network
        given = body.model_dump(exclude_none=True)
        if "batch_size" in given and given["batch_size"] > settings.max_rows:
            raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")
        swap = body.dataset is not None or body.features is not None
        data, builtin = s.dataset, record.builtin_dataset
        if swap:
            data, builtin = swapped_dataset(body, record, settings)
        if given.get("batch_size", 0) > max(data.size, 1):
            raise FieldError(
                ("body", "batch_size"),
                f"at most the dataset's {data.size} training examples",
                kind="batch_over_dataset",
                params={"size": data.size},
            )
        with fields_in("body"):
            changed = Network.create(
                net.layers,
                given.get("hidden_activation", net.hidden_activation),
                given.get("output_activation", net.output_activation),
                given.get("loss", net.loss),
                net.use_bias,
                weights=net.weights,
                biases=net.biases if net.use_bias else None,
                optimizer=net.optimizer,
                regularization=given.get("regularization", net.regularization),
                regularization_rate=given.get("regularization_rate", net.regularization_rate),
            )
        check_dataset_fits(changed, data)
        kept = switched(changed, body.optimizer)
        if not kept:
            record.last_batch = None
            store.clear_undo(conn, record)
        s.network = changed
        s.learning_rate = given.get("learning_rate", s.learning_rate)
        s.batch_size = given.get("batch_size", s.batch_size)
        record.name = given.get("name", record.name)
        if swap:
            s.dataset, s.cursor, record.builtin_dataset = data, 0, builtin
            record.last_batch = None
            store.replace_dataset(conn, record, data_undo_limits(settings) if kept else None)
            check_quotas(conn, record.owner, settings)
        store.save(conn, record)
        return JSON(views.network_state(record))


@router.put(
    "/{network_id:network_id}/weights",
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={**OWNER_ONLY, **LOCKED},
    dependencies=[locked("weights", check_fixed=False)],
)
def put_weights(
    network_id: str,
    body: network_schemas.AllParameters | network_schemas.OneParameter,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
):
    """Set every weight and bias, or one value ({"layer", "to", "from", "value"})."""
    with changing(db, network_id, request, settings) as (conn, record):
        net = record.session.network
        with fields_in("body"):
            if isinstance(body, network_schemas.OneParameter):
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


@router.get(
    "/{network_id:network_id}/dataset",
    response_model=result_schemas.DatasetRows,
    response_class=JSON,
    responses=NOT_FOUND,
)
def dataset(network_id: str, db: DbDep):
    """The network's dataset, every row."""
    return JSON(dataset_document(reading(db, network_id).session.dataset))


@router.post(
    "/import",
    status_code=201,
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={**QUOTAS, **LOCKED},
    dependencies=[locked("create", check_fixed=False)],  # an export states every setting
)
def import_network(
    body: network_schemas.ExportDocument, request: Request, db: DbDep, settings: SettingsDep
):
    """Recreate a network from an export document."""
    check_layers(body.layers, settings)
    check_export_is_consistent(body, settings)
    create = network_schemas.NetworkCreate(
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
        dataset=builtin_spec(body) if body.builtin_dataset else body.dataset,
        features=body.features,
        optimizer=body.optimizer,
        regularization=body.regularization,
        regularization_rate=body.regularization_rate,
    )
    record = build_record(create, settings, owner_token(request) or new_owner_token(request))
    record.session.step, record.session.cursor = body.step, body.cursor
    imported_state(record.session.network, body.optimizer_state)
    if body.csv is not None:
        keep_csv_info(record.session.dataset, body.csv)
    return _store_new(db, record, settings)
