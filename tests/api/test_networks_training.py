"""/api/networks on its happy path: step, train, explain, history and undo."""

import re

import numpy as np
import pytest

from app.engine import builtin_dataset

from .helpers import NETWORKS, bits, create, engine_network, state, step

# --- step -------------------------------------------------------------------------------------


def test_step_response_and_exact_update(client):
    s = create(client, seed=5)
    before = state(client, s["id"])
    r = step(client, s["id"])
    assert set(r) >= {
        "step",
        "loss",
        "inputs",
        "targets",
        "forward",
        "grad_activations",
        "deltas",
        "gradients",
        "weights_before",
        "biases_before",
        "learning_rate",
        "network",
    }
    assert r["step"] == 1 and r["network"]["step"] == 1
    assert r["network"]["revision"] == before["revision"] + 1
    assert r["network"]["undo_available"] == 1
    assert r["learning_rate"] == before["learning_rate"]
    # the parameters before are the previous state, to the bit
    assert bits(r["weights_before"]) == bits(before["weights"])
    assert bits(r["biases_before"]) == bits(before["biases"])
    # the loss is the batch loss before the update
    trace = engine_network(before).forward(np.array(r["inputs"]), np.array(r["targets"]))
    assert r["loss"] == trace.loss == r["forward"]["loss"]
    assert r["network"]["last_loss"] == r["loss"]
    # w <- w - alpha dE/dw, exactly
    lr = r["learning_rate"]
    for new, old, grad in zip(
        r["network"]["weights"], r["weights_before"], r["gradients"]["weights"]
    ):
        assert np.array_equal(np.array(new), np.array(old) - lr * np.array(grad))
    for new, old, grad in zip(r["network"]["biases"], r["biases_before"], r["gradients"]["biases"]):
        assert np.array_equal(np.array(new), np.array(old) - lr * np.array(grad))
    # gradients match the engine's backward pass on the same batch
    grads = engine_network(before).backward(trace, np.array(r["targets"]))
    assert r["gradients"]["weights"] == [g.tolist() for g in grads.weights]
    assert r["deltas"] == [d.tolist() for d in grads.deltas]
    assert r["grad_activations"] == [g.tolist() for g in grads.grad_activations]
    assert state(client, s["id"]) == r["network"]


def test_step_with_explicit_batch_and_learning_rate(client):
    s = create(client, seed=6)
    r = step(client, s["id"], inputs=[[1.0, 0.0]], targets=[[1.0]], learning_rate=2.0)
    assert r["inputs"] == [[1.0, 0.0]] and r["targets"] == [[1.0]]
    assert r["learning_rate"] == 2.0
    assert state(client, s["id"])["learning_rate"] == s["learning_rate"]  # one step only
    for new, old, grad in zip(r["network"]["weights"], s["weights"], r["gradients"]["weights"]):
        assert np.array_equal(np.array(new), np.array(old) - 2.0 * np.array(grad))


def test_article_step(client):
    s = create(client, preset="article")
    nid = s["id"]
    assert s["weights"] == [[[-0.2]], [[5.0]]] and s["use_bias"] is False
    before = client.post(f"{NETWORKS}/{nid}/forward", json={}).json()
    assert before["outputs"][0][0] == pytest.approx(0.644744, abs=1e-6)
    r = step(client, nid)
    assert r["loss"] == pytest.approx(-np.log(0.6447439834), rel=1e-9)
    assert r["gradients"]["weights"][0][0][0] == pytest.approx(-1.864980, abs=1e-6)
    assert r["gradients"]["weights"][1][0][0] == pytest.approx(-0.042348, abs=1e-6)
    assert r["network"]["weights"][0][0][0] == pytest.approx(0.732490, abs=1e-6)
    assert r["network"]["weights"][1][0][0] == pytest.approx(5.021174, abs=1e-6)
    after = client.post(f"{NETWORKS}/{nid}/forward", json={}).json()
    assert after["outputs"][0][0] == pytest.approx(0.993425, abs=1e-6)


def test_steps_walk_the_dataset_in_minibatches(client):
    s = create(client, layers=[2, 4, 2, 1], dataset="circle", batch_size=10, seed=1)
    seen = [tuple(map(tuple, step(client, s["id"])["inputs"])) for _ in range(3)]
    assert all(len(batch) == 10 for batch in seen)
    assert len({row for batch in seen for row in batch}) == 30  # no row twice in an epoch


# --- train ------------------------------------------------------------------------------------


def test_train(client):
    s = create(client, seed=9)
    response = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 25})
    assert response.status_code == 200
    t = response.json()
    assert t["step"] == 25 and t["network"]["step"] == 25
    assert len(t["losses"]) == 25 and t["stopped_early"] is False
    assert all(np.isfinite(t["losses"]))
    # the steps' own time, which play sizes its next call by (trainer.js stepsWithin)
    timing = response.headers["Server-Timing"]
    assert re.fullmatch(r"train;dur=\d+\.\d{3}", timing) and float(timing.split("=")[1]) > 0
    documented = client.get("/openapi.json").json()["paths"]["/api/networks/{network_id}/train"]
    assert "Server-Timing" in documented["post"]["responses"]["200"]["headers"]
    h = client.get(f"{NETWORKS}/{s['id']}/history").json()
    assert h["steps"] == list(range(1, 26)) and h["losses"] == t["losses"]
    more = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 5, "batch_size": 2}).json()
    assert more["step"] == 30 and len(more["losses"]) == 5
    assert more["network"]["batch_size"] == 2
    assert state(client, s["id"]) == more["network"]


def test_train_learns_xor(client):
    s = create(client, seed=1, hidden_activation="tanh")
    t = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 1500}).json()
    assert t["losses"][-1] < t["losses"][0] / 5
    out = client.post(f"{NETWORKS}/{s['id']}/forward", json={}).json()["outputs"]
    assert [round(o[0]) for o in out] == [0, 1, 1, 0]


def test_train_equals_repeated_steps(client):
    a = create(client, seed=21)
    b = create(client, seed=21)
    trained = client.post(f"{NETWORKS}/{a['id']}/train", json={"steps": 4}).json()
    losses = [step(client, b["id"])["loss"] for _ in range(4)]
    # equal up to rounding: BLAS may round the last bit differently for other memory layouts
    assert trained["losses"] == pytest.approx(losses, rel=1e-12)
    stepped = state(client, b["id"])
    for w, v in zip(trained["network"]["weights"], stepped["weights"]):
        np.testing.assert_allclose(w, v, rtol=1e-12)


# --- explain ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        {"layer": 1, "to": 0, "from": 2},  # an output weight
        {"layer": 0, "to": 1, "from": 0},  # a hidden weight
        {"layer": 0, "to": 2},  # a bias
        {"layer": 1, "to": 0},  # the output bias
    ],
)
def test_explain_matches_the_step(client, address):
    s = create(client, seed=4)
    nid = s["id"]
    preview = client.get(f"{NETWORKS}/{nid}/explain", params=address).json()
    assert preview["kind"] == "preview" and preview["step"] == 0
    r = step(client, nid)
    e = client.get(f"{NETWORKS}/{nid}/explain", params=address)
    assert e.status_code == 200
    e = e.json()
    assert e["kind"] == "last_step" and e["step"] == 1
    assert (e["layer"], e["to"], e["from"]) == (
        address["layer"],
        address["to"],
        address.get("from"),
    )
    layer, to, source = address["layer"], address["to"], address.get("from")
    if source is None:
        from_step = r["gradients"]["biases"][layer][to]
        weight = r["biases_before"][layer][to]
    else:
        from_step = r["gradients"]["weights"][layer][to][source]
        weight = r["weights_before"][layer][to][source]
    batch = len(r["inputs"])
    assert len(e["products"]) == batch
    assert all(len(f["values"]) == batch for f in e["factors"])
    products = np.prod([f["values"] for f in e["factors"]], axis=0)
    assert products == pytest.approx(e["products"], rel=1e-12, abs=1e-300)
    assert sum(e["products"]) == pytest.approx(e["gradient"], rel=1e-9, abs=1e-15)
    assert e["gradient"] == from_step
    assert preview["gradient"] == from_step  # the preview foresaw exactly this step
    assert e["weight"] == weight
    assert e["update"] == -e["learning_rate"] * e["gradient"]
    assert e["formula"].startswith(r"\frac{\partial E}")


def test_explain_article_weights(client):
    s = create(client, preset="article")
    step(client, s["id"])
    w1 = client.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 0, "to": 0, "from": 0})
    w2 = client.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 1, "to": 0, "from": 0})
    assert w1.json()["gradient"] == pytest.approx(-1.864980, abs=1e-6)
    assert w2.json()["gradient"] == pytest.approx(-0.042348, abs=1e-6)
    # dE/dw1 = dE/dy * y(1-y) * w2 * h(1-h) * x: the hidden factor includes w2 * delta_y
    assert len(w1.json()["factors"]) == 3 and w1.json()["factors"][-1]["values"] == [10.0]


# --- history, undo ----------------------------------------------------------------------------


def test_history(client):
    s = create(client, seed=2)
    assert client.get(f"{NETWORKS}/{s['id']}/history").json() == {
        "steps": [],
        "losses": [],
        "test_losses": [],
    }
    losses = [step(client, s["id"])["loss"] for _ in range(3)]
    h = client.get(f"{NETWORKS}/{s['id']}/history").json()
    assert h == {"steps": [1, 2, 3], "losses": losses, "test_losses": [None, None, None]}


def test_history_has_test_losses_with_a_test_split(client):
    s = create(client, layers=[2, 4, 2, 1], dataset="circle", seed=2)
    before = state(client, s["id"])
    step(client, s["id"])
    h = client.get(f"{NETWORKS}/{s['id']}/history").json()
    data = builtin_dataset("circle")
    expected = engine_network(before).forward(data.test_inputs, data.test_targets).loss
    assert h["test_losses"] == [expected]


def test_undo_restores_exact_parameters_repeatedly(client):
    s = create(client, seed=13)
    nid = s["id"]
    states = [state(client, nid)]
    for _ in range(4):
        states.append(step(client, nid)["network"])
    assert states[-1]["undo_available"] == 4
    for k in range(4, 0, -1):
        response = client.post(f"{NETWORKS}/{nid}/undo")
        assert response.status_code == 200
        u = response.json()
        previous = states[k - 1]
        assert u["step"] == previous["step"] == k - 1
        assert bits(u["weights"]) == bits(previous["weights"])
        assert bits(u["biases"]) == bits(previous["biases"])
        assert u["undo_available"] == k - 1
        assert u["revision"] > states[-1]["revision"]
        h = client.get(f"{NETWORKS}/{nid}/history").json()
        assert h["steps"] == list(range(1, k))
    nothing = client.post(f"{NETWORKS}/{nid}/undo")
    assert nothing.status_code == 409
    assert isinstance(nothing.json()["detail"], str)


def test_step_after_undo_replays_the_same_batch(client):
    s = create(client, layers=[2, 4, 2, 1], dataset="circle", seed=3)
    first = step(client, s["id"])
    client.post(f"{NETWORKS}/{s['id']}/undo")
    again = step(client, s["id"])
    assert again["inputs"] == first["inputs"]
    assert bits(again["network"]["weights"]) == bits(first["network"]["weights"])
    assert again["step"] == 1


def test_undo_after_train(client):
    s = create(client, seed=14)
    t = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 3}).json()
    u = client.post(f"{NETWORKS}/{s['id']}/undo").json()
    assert u["step"] == 2 and u["last_loss"] == t["losses"][1]
    client.post(f"{NETWORKS}/{s['id']}/undo")
    client.post(f"{NETWORKS}/{s['id']}/undo")
    back = state(client, s["id"])
    assert back["step"] == 0 and bits(back["weights"]) == bits(s["weights"])


def test_undo_depth_is_kept_to_the_setting(make_client):
    client = make_client(undo_depth=3)
    s = create(client, seed=15)
    for _ in range(6):
        client.post(f"{NETWORKS}/{s['id']}/step", json={})
    assert state(client, s["id"])["undo_available"] == 3
    for _ in range(3):
        assert client.post(f"{NETWORKS}/{s['id']}/undo").status_code == 200
    assert client.post(f"{NETWORKS}/{s['id']}/undo").status_code == 409
    assert state(client, s["id"])["step"] == 3


def test_undo_reaches_back_through_a_whole_train_call(make_client):
    """A train call keeps one checkpoint, so all its steps stay undoable past the depth."""
    client = make_client(undo_depth=3)
    s = create(client, seed=15)
    client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 6})
    assert state(client, s["id"])["undo_available"] == 6
    for _ in range(4):  # single steps past the depth prune the checkpoint
        client.post(f"{NETWORKS}/{s['id']}/step", json={})
    assert state(client, s["id"])["undo_available"] == 3
