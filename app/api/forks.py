"""POST /api/networks/{id}/fork: a copy that trains on exactly as the original would."""

from fastapi import APIRouter, Request

from app.engine import Network, Session
from app.store import NetworkRecord

from . import network_schemas, result_schemas
from .access import NOT_FOUND, reading
from .building import check_dataset_fits, new_network_id
from .deps import JSON, DbDep, FieldError, SettingsDep, fields_in, new_owner_token, owner_token
from .locks import LOCKED, locked
from .networks import _store_new
from .optimizing import switched
from .quotas import QUOTAS
from .routing import OffloadedRoute

router = APIRouter(prefix="/api/networks", tags=["networks"], route_class=OffloadedRoute)


@router.post(
    "/{network_id:network_id}/fork",
    status_code=201,
    response_model=result_schemas.NetworkState,
    response_class=JSON,
    responses={**NOT_FOUND, **QUOTAS, **LOCKED},
    dependencies=[locked("create")],
)
def fork_network(
    network_id: str,
    body: network_schemas.NetworkFork,
    request: Request,
    db: DbDep,
    settings: SettingsDep,
):
    """A new network with the original's parameters, optimizer state, data and batch position.

    The settings given change (another optimizer starts its state afresh); with none, the
    fork and the original step to the same bits. Its history and undo start empty; its
    landscape path goes on from the original's.
    """
    original = reading(db, network_id)
    s, net = original.session, original.session.network
    if body.batch_size is not None and body.batch_size > settings.max_rows:
        raise FieldError(("body", "batch_size"), f"at most {settings.max_rows}")
    with fields_in("body"):
        copy = Network.create(
            net.layers,
            body.hidden_activation or net.hidden_activation,
            body.output_activation or net.output_activation,
            body.loss or net.loss,
            net.use_bias,
            weights=net.weights,
            biases=net.biases if net.use_bias else None,
            optimizer=net.optimizer,
            regularization=body.regularization or net.regularization,
            regularization_rate=(
                net.regularization_rate
                if body.regularization_rate is None
                else body.regularization_rate
            ),
        )
    check_dataset_fits(copy, s.dataset)
    switched(copy, body.optimizer)
    session = Session(
        copy,
        s.dataset,
        body.learning_rate or s.learning_rate,
        body.batch_size or s.batch_size,
        s.seed,
        s.step,
        s.cursor,
    )
    owner = owner_token(request) or new_owner_token(request)
    name = body.name or f"{original.name} (fork)"
    record = NetworkRecord(
        new_network_id(), name, owner, session, original.init, original.builtin_dataset
    )
    record.last_loss = original.last_loss
    record.forked_from = (original.nid, original.revision)  # its path goes on from there
    return _store_new(db, record, settings)
