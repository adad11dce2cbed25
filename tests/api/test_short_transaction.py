"""A training request's write transaction runs SQL only: its rows are encoded before it.

Every worker queues on that one transaction, so encoding inside it (the parameters' bytes,
the batch, JSON, the optimizer's state, the losses' run, undo's snapshots) holds up the
whole class. This is checked by where the encoders run, not by timing them.
"""

import json
import sys
import threading
from contextlib import contextmanager

import pytest

from app.store import arrays, codec, history, saving, snapshots

from .helpers import NETWORKS, create
from .test_data_undo import drawn

ENCODERS = (
    codec.pack_parameters,
    codec.flat_bytes,
    codec.encode_batch,
    codec.encode_optimizer,
    codec.encode_dataset,
    arrays.encode_arrays,
    history.encode,
    snapshots.snapshot_rows,
    saving.config_json,
    json.dumps,
)


@pytest.fixture
def encoded(client, monkeypatch) -> list[tuple[str, bool]]:
    """(encoder, whether the calling thread was inside the write transaction), per call of
    any encoder under any name an app module binds it to (json.dumps in json)."""
    db, calls, writer = client.app.state.db, [], []
    transaction = db.transaction

    @contextmanager
    def writing():
        with transaction() as conn:
            writer.append(threading.get_ident())
            try:
                yield conn
            finally:
                writer.pop()

    def watched(fn):
        def call(*args, **kwargs):
            calls.append((fn.__name__, threading.get_ident() in writer))
            return fn(*args, **kwargs)

        return call

    monkeypatch.setattr(db, "transaction", writing)

    wrapped = {id(fn): watched(fn) for fn in ENCODERS}
    monkeypatch.setattr(json, "dumps", wrapped[id(json.dumps)])
    for name, module in list(sys.modules.items()):
        if name.startswith("app."):
            for attr, value in list(vars(module).items()):
                if id(value) in wrapped and callable(value):
                    monkeypatch.setattr(module, attr, wrapped[id(value)])
    return calls


def test_step_train_and_undo_encode_nothing_inside_the_write_transaction(client, encoded):
    nid = create(client, preset="spiral")["id"]
    url = f"{NETWORKS}/{nid}"
    example = {"inputs": [[0.1, 0.2]], "targets": [[1.0]]}
    frame = {"example": example, "grid": 8, "accuracy": True}
    encoded.clear()  # the create encodes inside its own transaction: not a training request
    assert client.post(f"{url}/step", json={}).status_code == 200
    assert client.post(f"{url}/train", json={"steps": 30}).status_code == 200  # extends a run
    trained = client.post(f"{url}/train", json={"steps": 100, "frame": frame}).json()
    undone = client.post(f"{url}/undo").json()
    # its last loss now the undone step's predecessor's, read before the transaction
    assert (undone["step"], undone["last_loss"]) == (trained["step"] - 1, trained["losses"][-2])
    outside = {name for name, inside in encoded if not inside}
    assert {"pack_parameters", "flat_bytes", "encode_batch", "encode_optimizer"} <= outside
    assert {"encode", "snapshot_rows", "config_json"} <= outside
    assert [name for name, inside in encoded if inside] == []


def test_a_data_undo_encodes_nothing_inside_the_write_transaction(client, encoded):
    nid = create(client, preset="xor")["id"]
    url = f"{NETWORKS}/{nid}"
    assert client.patch(url, json={"dataset": drawn((0.25, 0.75, 1))}).status_code == 200
    encoded.clear()  # a PATCH changes the network inside its transaction: not training
    undone = client.post(f"{url}/undo")
    assert undone.status_code == 200 and undone.json()["dataset"]["name"] == "xor"
    assert encoded and [name for name, inside in encoded if inside] == []
