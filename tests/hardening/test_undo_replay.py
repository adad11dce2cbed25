"""Undo after a long train replays a bounded number of steps, and never under the write lock."""

import threading
import time

from app.engine import Session
from app.store import networks as store

BIG = {"layers": [2, 64, 64, 1], "dataset": "spiral", "batch_size": 32, "seed": 1}


def test_every_undo_after_a_long_train_replays_fewer_than_16_steps(make_client):
    client = make_client()
    nid = client.post("/api/networks", json={"preset": "xor", "seed": 2}).json()["id"]
    assert client.post(f"/api/networks/{nid}/train", json={"steps": 2000}).status_code == 200
    db, replays = client.app.state.db, []
    twin = client.post("/api/networks", json={"preset": "xor", "seed": 2}).json()["id"]
    for _ in range(40):
        with db.snapshot() as conn:
            record = store.load(conn, nid)
            replays.append(store.parameters_before_step(conn, record)[1])
        assert client.post(f"/api/networks/{nid}/undo").status_code == 200
    assert max(replays) < 16, replays
    # and the undone network is exactly the one trained 40 steps less
    assert client.post(f"/api/networks/{twin}/train", json={"steps": 1960}).status_code == 200
    undone, trained = (client.get(f"/api/networks/{i}").json() for i in (nid, twin))
    assert undone["step"] == trained["step"] == 1960
    assert undone["weights"] == trained["weights"] and undone["biases"] == trained["biases"]


def test_undo_does_not_hold_up_writes_to_other_networks(serve):
    server = serve(env={"BACKPROP_MAX_TRAIN_STEPS": "100000", "BACKPROP_MAX_WORK": str(10**12)})
    with server.client() as http:
        big = http.post("/api/networks", json=BIG).json()["id"]
        small = http.post("/api/networks", json={"preset": "xor"}).json()["id"]
        assert http.post(f"/api/networks/{big}/train", json={"steps": 10000}).status_code == 200
        done = threading.Event()
        undos: list[int] = []

        def undo_many() -> None:
            with server.client() as own:
                for _ in range(30):
                    undos.append(own.post(f"/api/networks/{big}/undo").status_code)
            done.set()

        threading.Thread(target=undo_many, daemon=True).start()
        waits = []
        while not done.is_set():
            started = time.perf_counter()
            assert http.post(f"/api/networks/{small}/step", json={}).status_code == 200
            waits.append(time.perf_counter() - started)
        assert undos == [200] * 30
        assert http.get(f"/api/networks/{big}").json()["step"] == 9970
        assert waits  # steps elsewhere went on meanwhile (the lock is checked just below)


def test_an_undo_replays_with_no_transaction_open(make_client, monkeypatch):
    """A replay runs outside any database transaction, so it holds up no other writer
    (a timing bound on other requests could not tell this on a loaded machine)."""
    client = make_client()
    nid = client.post("/api/networks", json={"preset": "xor", "seed": 2}).json()["id"]
    assert client.post(f"/api/networks/{nid}/train", json={"steps": 200}).status_code == 200
    db, open_during_replay = client.app.state.db, []
    replay = Session._train_fast

    def replaying(self, steps, keep, checkpoint=False):
        open_during_replay.append(db.connection().in_transaction)  # the serving thread's
        return replay(self, steps, keep, checkpoint)

    monkeypatch.setattr(Session, "_train_fast", replaying)
    for _ in range(20):
        assert client.post(f"/api/networks/{nid}/undo").status_code == 200
    assert len(open_during_replay) >= 15  # most undos replay from a checkpoint
    assert not any(open_during_replay)
