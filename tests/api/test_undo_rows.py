"""A large network's play call stores the undo rows a replay cannot stand in for, no more."""

import sqlite3

import numpy as np

from app.store import snapshots

from .helpers import NETWORKS, bits, create, state

WIDE = [64, 256, 2]  # 17,154 parameters: a snapshot row of 137 KB


def wide(client) -> dict:
    """A 64-256-2 softmax network on 40 random rows."""
    rng = np.random.default_rng(3)
    body = {
        "layers": WIDE,
        "hidden_activation": "tanh",
        "output_activation": "softmax",
        "loss": "cross_entropy",
        "learning_rate": 0.1,
        "batch_size": 4,
        "seed": 2,
        "dataset": {
            "name": "random",
            "inputs": np.round(rng.uniform(0, 1, (40, 64)), 2).tolist(),
            "targets": np.eye(2)[rng.integers(0, 2, 40)].tolist(),
        },
    }
    return create(client, **body)


def stored(settings, nid: str) -> list[tuple[int, bool]]:
    """(step, is a checkpoint) of the network's undo rows."""
    with sqlite3.connect(settings.db_path) as conn:
        return conn.execute(
            "SELECT s.step, s.learning_rate IS NOT NULL FROM snapshots s"
            " JOIN networks n ON n.nid = s.nid WHERE n.id = ? ORDER BY s.step",
            (nid,),
        ).fetchall()


def train(client, nid: str, steps: int) -> dict:
    r = client.post(f"{NETWORKS}/{nid}/train", json={"steps": steps})
    assert r.status_code == 200, r.text
    return r.json()


def test_a_play_call_of_a_large_network_stores_only_its_checkpoints(client, settings):
    s = wide(client)
    assert sum(len(w) * len(w[0]) for w in s["weights"]) >= snapshots.REPLAYED_FROM
    train(client, s["id"], 25)
    # checkpoints before steps 1 and 17; step 25's own row would repeat what 17 replays
    assert stored(settings, s["id"]) == [(1, 1), (17, 1)]
    assert state(client, s["id"])["undo_available"] == 25


def test_undo_replays_the_unstored_steps_to_the_same_bits(client):
    played, stepped = wide(client), wide(client)
    losses = train(client, played["id"], 25)["losses"]
    states = []
    for _ in range(25):
        states.append(state(client, stepped["id"]))
        train(client, stepped["id"], 1)
    for k in range(24, 14, -1):  # back through the steps after the checkpoint before 17
        undone = client.post(f"{NETWORKS}/{played['id']}/undo").json()
        assert undone["step"] == k and undone["last_loss"] == losses[k - 1]
        assert bits(undone["weights"]) == bits(states[k]["weights"])
        assert bits(undone["biases"]) == bits(states[k]["biases"])
