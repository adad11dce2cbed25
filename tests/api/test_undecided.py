"""Accuracy's undecided count and the grid's decision map: the XOR perceptron's honest numbers."""

import base64
import math

import numpy as np

from app.lessons import LESSONS

from .helpers import NETWORKS, create


def floats(b64: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype="<f4")


def train(client, network_id: str, steps: int) -> None:
    r = client.post(f"{NETWORKS}/{network_id}/train", json={"steps": steps})
    assert r.status_code == 200, r.text


def test_the_xor_perceptron_ends_undecided_at_ln_2(client):
    s = create(client, preset="perceptron-xor", seed=1)
    train(client, s["id"], 3000)
    r = client.post(f"{NETWORKS}/{s['id']}/forward", json={"split": "train"}).json()
    # gradient descent gives up: every output 0.5 within rounding, E = ln 2
    assert all(abs(o[0] - 0.5) < 1e-12 for o in r["outputs"])
    assert math.isclose(r["loss"], math.log(2), rel_tol=1e-12)
    assert r["accuracy"] == {"correct": 0, "total": 4, "undecided": 4, "fraction": 0.0}


def test_the_hidden_network_decides_every_case(client):
    s = create(client, preset="xor", seed=1)
    train(client, s["id"], 600)
    acc = client.post(f"{NETWORKS}/{s['id']}/forward", json={"split": "train"}).json()["accuracy"]
    assert acc == {"correct": 4, "total": 4, "undecided": 0, "fraction": 1.0}


def test_the_grid_carries_the_outputs_z_as_its_decision_map(client):
    s = create(client, preset="perceptron-xor", seed=1)
    train(client, s["id"], 3000)
    g = client.get(f"{NETWORKS}/{s['id']}/grid", params={"resolution": 5}).json()
    state = client.get(f"{NETWORKS}/{s['id']}").json()
    (w1, w2), b = state["weights"][0][0], state["biases"][0][0]
    xs, ys = np.linspace(*g["x_range"], 5), np.linspace(*g["y_range"], 5)
    gx, gy = np.meshgrid(xs, ys)
    z = (w1 * gx + w2 * gy + b).ravel()
    # the output rounds to 0.5 in float32 everywhere, but z keeps the line's sign
    assert set(floats(g["output"][0]).tolist()) == {0.5}
    assert np.allclose(floats(g["decision"]), z, rtol=1e-6, atol=0)
    assert (z > 0).any() and (z < 0).any()  # the line crosses the plane


def test_no_decision_map_without_a_threshold(client):
    softmax = create(client, preset="softmax", seed=1)
    assert client.get(f"{NETWORKS}/{softmax['id']}/grid").json()["decision"] is None
    plane = create(client, preset="plane", seed=1)
    assert client.get(f"{NETWORKS}/{plane['id']}/grid").json()["decision"] is None


def test_the_xor_lesson_says_what_gradient_descent_does():
    xor = next(lesson for lesson in LESSONS if lesson["id"] == "xor")
    first, play = xor["steps"][0]["text"], xor["steps"][1]["text"]
    assert "Both learn XOR" not in first["en"]
    for text in (play["en"], play["zh"]):
        assert "ln 2" in text and "0.6931" in text and "0.5" in text
