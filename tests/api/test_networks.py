"""Every /api/networks endpoint on its happy path, checked against the engine's numbers."""

import base64

import numpy as np
import pytest

from app.engine import DATASETS, builtin_dataset

from .helpers import NETWORKS, bits, create, engine_network, state, step

XOR_INPUTS = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]


def shapes(params: list) -> list[tuple]:
    return [np.array(p).shape for p in params]


# --- create -----------------------------------------------------------------------------------


def test_create_with_defaults(client):
    response = client.post(NETWORKS, json={})
    assert response.status_code == 201
    s = response.json()
    assert s["name"] == "untitled"
    assert s["layers"] == [2, 3, 1]
    assert (s["hidden_activation"], s["output_activation"], s["loss"]) == (
        "tanh",
        "sigmoid",
        "binary_cross_entropy",
    )
    assert (s["learning_rate"], s["batch_size"], s["use_bias"], s["init"]) == (
        0.5,
        4,
        True,
        "xavier",
    )
    assert (s["step"], s["revision"], s["undo_available"], s["last_loss"]) == (0, 0, 0, None)
    assert shapes(s["weights"]) == [(3, 2), (1, 3)]
    assert shapes(s["biases"]) == [(3,), (1,)]
    assert s["dataset"]["name"] == "xor" and s["dataset"]["size"] == 4
    assert response.headers["X-Owner-Token"]
    assert state(client, s["id"]) == s


def test_create_with_a_seed_is_reproducible(client):
    a = create(client, seed=7, layers=[2, 4, 1])
    b = create(client, seed=7, layers=[2, 4, 1])
    c = create(client, seed=8, layers=[2, 4, 1])
    assert a["id"] != b["id"]
    assert a["seed"] == 7 and a["weights"] == b["weights"]
    assert a["weights"] != c["weights"]


def test_create_every_preset(client):
    presets = client.get("/api/presets").json()
    assert {"xor", "article", "softmax", "perceptron-and"} <= {p["name"] for p in presets}
    for preset in presets:
        config = preset["config"]
        s = create(client, preset=preset["name"])
        assert s["name"] == preset["title"]
        for key in (
            "layers",
            "hidden_activation",
            "output_activation",
            "loss",
            "learning_rate",
            "batch_size",
            "use_bias",
        ):
            if key in config:
                assert s[key] == config[key], (preset["name"], key)
        assert s["dataset"]["name"] == config["dataset"]
        assert shapes(s["weights"]) == [(b, a) for a, b in zip(s["layers"], s["layers"][1:])]
        if "weights" in config:
            assert s["weights"] == config["weights"]


def test_create_preset_with_overrides(client):
    s = create(client, preset="xor", learning_rate=0.25, hidden_activation="sigmoid", name="mine")
    assert (s["learning_rate"], s["hidden_activation"], s["name"]) == (0.25, "sigmoid", "mine")
    assert s["layers"] == [2, 3, 1] and s["batch_size"] == 4


def test_create_with_explicit_weights_and_biases(client):
    weights = [[[0.1, -0.2], [0.3, 0.4]], [[0.5, -0.6]]]
    biases = [[0.01, -0.02], [0.03]]
    s = create(client, layers=[2, 2, 1], weights=weights, biases=biases)
    assert s["weights"] == weights and s["biases"] == biases
    assert state(client, s["id"])["weights"] == weights


def test_create_without_bias_keeps_biases_zero(client):
    s = create(client, layers=[2, 2, 1], use_bias=False)
    assert s["use_bias"] is False
    assert s["biases"] == [[0.0, 0.0], [0.0]]
    after = step(client, s["id"])["network"]
    assert after["biases"] == [[0.0, 0.0], [0.0]]
    assert after["weights"] != s["weights"]


def test_create_with_inline_dataset(client):
    data = {"inputs": [[0.0], [0.5], [1.0]], "targets": [[1.0], [0.5], [0.0]], "name": "ramp"}
    s = create(client, layers=[1, 2, 1], dataset=data, loss="mse")
    assert s["dataset"] == {
        "name": "ramp",
        "description": "",
        "size": 3,
        "test_size": 0,
        "input_dim": 1,
        "output_dim": 1,
        "csv": None,
        "generation": None,
        "image": None,
    }
    rows = client.get(f"{NETWORKS}/{s['id']}/dataset").json()
    assert rows["inputs"] == data["inputs"] and rows["targets"] == data["targets"]
    assert rows["test_inputs"] is None


def test_create_with_builtin_dataset(client):
    s = create(client, layers=[2, 4, 2, 1], dataset="circle")
    expected = builtin_dataset("circle")
    assert s["dataset"]["name"] == "circle"
    assert s["dataset"]["size"] == expected.size
    assert s["dataset"]["test_size"] == len(expected.test_inputs) > 0
    rows = client.get(f"{NETWORKS}/{s['id']}/dataset").json()
    assert rows["inputs"] == expected.inputs.tolist()
    assert rows["test_targets"] == expected.test_targets.tolist()


# --- read, list, patch, delete ----------------------------------------------------------------


def test_list_networks(client):
    assert client.get(NETWORKS).json() == []
    a = create(client, name="a")
    b = create(client, preset="softmax", name="b")
    listing = {n["id"]: n for n in client.get(NETWORKS).json()}
    assert set(listing) == {a["id"], b["id"]}
    assert listing[b["id"]]["layers"] == [2, 5, 3]
    assert listing[b["id"]]["dataset"] == "blobs3"
    assert listing[a["id"]]["name"] == "a" and listing[a["id"]]["step"] == 0
    step(client, a["id"])
    assert {n["id"]: n for n in client.get(NETWORKS).json()}[a["id"]]["step"] == 1


def test_patch_hyperparameters_keeps_parameters(client):
    s = create(client)
    response = client.patch(
        f"{NETWORKS}/{s['id']}", json={"learning_rate": 0.05, "batch_size": 2, "name": "renamed"}
    )
    assert response.status_code == 200
    p = response.json()
    assert (p["learning_rate"], p["batch_size"], p["name"]) == (0.05, 2, "renamed")
    assert p["revision"] == s["revision"] + 1
    assert p["weights"] == s["weights"] and p["biases"] == s["biases"]
    assert state(client, s["id"]) == p
    taken = step(client, s["id"])
    assert taken["learning_rate"] == 0.05 and len(taken["inputs"]) == 2


def test_patch_activation_keeps_weights_and_changes_outputs(client):
    s = create(client, seed=3)
    p = client.patch(f"{NETWORKS}/{s['id']}", json={"hidden_activation": "sigmoid"}).json()
    assert p["hidden_activation"] == "sigmoid"
    assert bits(p["weights"]) == bits(s["weights"]) and bits(p["biases"]) == bits(s["biases"])
    out = client.post(f"{NETWORKS}/{s['id']}/forward", json={}).json()["outputs"]
    expected = engine_network(p).forward(np.array(XOR_INPUTS)).outputs
    assert out == expected.tolist()
    tanh_out = engine_network(s).forward(np.array(XOR_INPUTS)).outputs
    assert not np.array_equal(expected, tanh_out)


def test_patch_output_and_loss_together(client):
    s = create(client, preset="softmax")
    p = client.patch(
        f"{NETWORKS}/{s['id']}", json={"output_activation": "sigmoid", "loss": "mse"}
    ).json()
    assert (p["output_activation"], p["loss"]) == ("sigmoid", "mse")
    assert p["weights"] == s["weights"]


def test_delete_network(client):
    s = create(client)
    keep = create(client)
    assert client.delete(f"{NETWORKS}/{s['id']}").status_code == 204
    assert client.get(f"{NETWORKS}/{s['id']}").status_code == 404
    assert client.get(f"{NETWORKS}/{s['id']}/history").status_code == 404
    assert client.delete(f"{NETWORKS}/{s['id']}").status_code == 404
    assert [n["id"] for n in client.get(NETWORKS).json()] == [keep["id"]]


# --- weights ----------------------------------------------------------------------------------


def test_put_all_weights(client):
    s = create(client)
    weights = [[[1.5, -2.0], [0.25, 0.0], [-1e-3, 3.0]], [[0.5, -0.5, 1.0]]]
    biases = [[0.1, 0.2, 0.3], [-0.4]]
    response = client.put(
        f"{NETWORKS}/{s['id']}/weights", json={"weights": weights, "biases": biases}
    )
    assert response.status_code == 200
    p = response.json()
    assert p["weights"] == weights and p["biases"] == biases
    assert p["revision"] == s["revision"] + 1 and p["step"] == 0
    assert state(client, s["id"]) == p


def test_put_one_weight(client):
    s = create(client)
    p = client.put(
        f"{NETWORKS}/{s['id']}/weights", json={"layer": 0, "to": 2, "from": 1, "value": 0.75}
    ).json()
    expected = [np.array(w) for w in s["weights"]]
    expected[0][2, 1] = 0.75
    assert p["weights"] == [w.tolist() for w in expected]
    assert p["biases"] == s["biases"]


def test_put_one_bias_when_from_is_omitted(client):
    s = create(client)
    p = client.put(
        f"{NETWORKS}/{s['id']}/weights", json={"layer": 1, "to": 0, "value": -0.125}
    ).json()
    assert p["biases"] == [s["biases"][0], [-0.125]]
    assert p["weights"] == s["weights"]
    q = client.put(
        f"{NETWORKS}/{s['id']}/weights", json={"layer": 0, "to": 1, "from": None, "value": 2.0}
    ).json()
    assert q["biases"][0][1] == 2.0 and q["weights"] == s["weights"]


# --- forward ----------------------------------------------------------------------------------


def test_forward_defaults_to_the_training_set(client):
    s = create(client, seed=11)
    response = client.post(f"{NETWORKS}/{s['id']}/forward", json={})
    assert response.status_code == 200
    f = response.json()
    data = builtin_dataset("xor")
    assert f["inputs"] == data.inputs.tolist() and f["targets"] == data.targets.tolist()
    trace = engine_network(s).forward(data.inputs, data.targets)
    assert f["loss"] == trace.loss
    assert f["outputs"] == trace.outputs.tolist()
    assert [layer["z"] for layer in f["layers"]] == [z.tolist() for z in trace.zs]
    assert [layer["a"] for layer in f["layers"]] == [a.tolist() for a in trace.activations]
    assert state(client, s["id"]) == s  # changes nothing


def test_forward_with_explicit_inputs_and_targets(client):
    s = create(client, seed=12)
    inputs, targets = [[0.3, -0.7], [2.0, 1.0]], [[1.0], [0.0]]
    f = client.post(
        f"{NETWORKS}/{s['id']}/forward", json={"inputs": inputs, "targets": targets}
    ).json()
    trace = engine_network(s).forward(np.array(inputs), np.array(targets))
    assert f["inputs"] == inputs and f["targets"] == targets
    assert f["loss"] == trace.loss
    assert f["outputs"] == trace.outputs.tolist()
    only = client.post(f"{NETWORKS}/{s['id']}/forward", json={"inputs": inputs}).json()
    assert only["loss"] is None and only["targets"] is None
    assert only["outputs"] == f["outputs"]


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


# --- gradient check, grid, dataset ------------------------------------------------------------


@pytest.mark.parametrize("preset", ["xor", "softmax", "article", "circle"])
def test_gradient_check(client, preset):
    s = create(client, preset=preset, seed=1)
    response = client.get(f"{NETWORKS}/{s['id']}/gradient-check")
    assert response.status_code == 200
    g = response.json()
    assert g["max_relative_error"] < 1e-5
    assert g["max_abs_error"] < 1e-7
    assert shapes(g["numeric"]["weights"]) == shapes(s["weights"])
    assert shapes(g["backprop"]["biases"]) == shapes(s["biases"])
    assert state(client, s["id"]) == s  # changes nothing


def decode(b64: str, resolution: int) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype="<f4").reshape(resolution, resolution)


def test_grid_matches_the_engine(client):
    s = create(client, preset="circle", seed=1)
    res = 9
    response = client.get(f"{NETWORKS}/{s['id']}/grid", params={"resolution": res})
    assert response.status_code == 200
    g = response.json()
    assert g["resolution"] == res and g["encoding"] == "float32-le-base64"
    (x_lo, x_hi), (y_lo, y_hi) = g["x_range"], g["y_range"]
    data = builtin_dataset("circle")
    assert x_lo <= data.inputs[:, 0].min() and data.inputs[:, 0].max() <= x_hi
    xs, ys = np.linspace(x_lo, x_hi, res), np.linspace(y_lo, y_hi, res)
    trace = engine_network(s).forward(
        np.array([[x, y] for y in ys for x in xs])
    )  # row r is y = ys[r], column c is x
    assert len(g["output"]) == 1
    out = decode(g["output"][0], res)
    np.testing.assert_allclose(out, trace.outputs[:, 0].reshape(res, res), rtol=1e-6, atol=1e-7)
    assert [len(layer) for layer in g["hidden"]] == [4, 2]
    for layer, units in enumerate(g["hidden"]):
        for j, b64 in enumerate(units):
            np.testing.assert_allclose(
                decode(b64, res),
                trace.activations[layer][:, j].reshape(res, res),
                rtol=1e-6,
                atol=1e-7,
            )
    no_hidden = client.get(
        f"{NETWORKS}/{s['id']}/grid", params={"resolution": res, "hidden": False}
    ).json()
    assert no_hidden["hidden"] == [] and no_hidden["output"] == g["output"]


def test_grid_of_a_truth_table_and_of_softmax(client):
    s = create(client, preset="softmax", seed=1)
    g = client.get(f"{NETWORKS}/{s['id']}/grid", params={"resolution": 4}).json()
    outs = np.stack([decode(b, 4) for b in g["output"]])
    np.testing.assert_allclose(outs.sum(axis=0), 1.0, rtol=1e-6)  # probabilities
    x = create(client, seed=1)
    assert client.get(f"{NETWORKS}/{x['id']}/grid").json()["x_range"] == [-0.25, 1.25]


def test_network_dataset(client):
    s = create(client, preset="softmax")
    d = client.get(f"{NETWORKS}/{s['id']}/dataset").json()
    data = builtin_dataset("blobs3")
    assert d["name"] == "blobs3"
    assert d["inputs"] == data.inputs.tolist() and d["targets"] == data.targets.tolist()
    assert d["test_inputs"] == data.test_inputs.tolist()


# --- export / import --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "body",
    [
        {"preset": "circle", "seed": 31},
        {
            "layers": [1, 3, 1],
            "loss": "mse",
            "output_activation": "linear",
            "seed": 32,
            "dataset": {
                "inputs": [[0.0], [0.5], [1.0], [2.0]],
                "targets": [[1.0], [0.0], [1.0], [4.0]],
                "test_inputs": [[1.5]],
                "test_targets": [[2.25]],
                "name": "parabola",
            },
            "batch_size": 3,
        },
    ],
)
def test_export_import_round_trip(client, body):
    s = create(client, **body)
    for _ in range(3):
        step(client, s["id"])
    original = state(client, s["id"])
    doc = client.get(f"{NETWORKS}/{s['id']}/export")
    assert doc.status_code == 200
    doc = doc.json()
    assert doc["format"] == "backprop-visualizer/1" and doc["step"] == 3
    response = client.post(f"{NETWORKS}/import", json=doc)
    assert response.status_code == 201, response.text
    copy = response.json()
    assert copy["id"] != original["id"]
    assert bits(copy["weights"]) == bits(original["weights"])
    assert bits(copy["biases"]) == bits(original["biases"])
    for key in (
        "step",
        "layers",
        "hidden_activation",
        "output_activation",
        "loss",
        "learning_rate",
        "batch_size",
        "use_bias",
        "init",
        "seed",
        "dataset",
        "name",
    ):
        assert copy[key] == original[key], key
    assert (
        client.get(f"{NETWORKS}/{copy['id']}/dataset").json()
        == client.get(f"{NETWORKS}/{s['id']}/dataset").json()
    )
    # both continue identically
    for _ in range(3):
        a, b = step(client, original["id"]), step(client, copy["id"])
        assert a["inputs"] == b["inputs"]
        assert bits(a["network"]["weights"]) == bits(b["network"]["weights"])
        assert bits(a["network"]["biases"]) == bits(b["network"]["biases"])
        assert a["step"] == b["step"]
    # and the export of the copy is the export of the original, but for the name it keeps
    assert (
        client.get(f"{NETWORKS}/{copy['id']}/export").json()
        == client.get(f"{NETWORKS}/{original['id']}/export").json()
    )


# --- catalog, health, docs --------------------------------------------------------------------


def test_datasets(client):
    listing = client.get("/api/datasets").json()
    assert [d["name"] for d in listing] == list(DATASETS)
    by_name = {d["name"]: d for d in listing}
    assert by_name["xor"] == {
        "name": "xor",
        "description": builtin_dataset("xor").description,
        "size": 4,
        "test_size": 0,
        "input_dim": 2,
        "output_dim": 1,
        "csv": None,
        "generation": None,
        "image": None,
    }
    assert by_name["blobs3"]["output_dim"] == 3 and by_name["blobs3"]["test_size"] > 0
    one = client.get("/api/datasets/and").json()
    assert one["inputs"] == XOR_INPUTS and one["targets"] == [[0.0], [0.0], [0.0], [1.0]]
    assert client.get("/api/datasets/nope").status_code == 404


def test_presets(client):
    presets = client.get("/api/presets").json()
    assert presets and all(set(p) == {"name", "title", "description", "config"} for p in presets)
    article = next(p for p in presets if p["name"] == "article")
    assert article["config"]["weights"] == [[[-0.2]], [[5.0]]]


def test_health(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json() == {"status": "ready"}


def test_docs_and_openapi(client):
    docs = client.get("/docs")
    assert docs.status_code == 200 and "text/html" in docs.headers["content-type"]
    assert "swagger" in docs.text.lower()
    schema = client.get("/openapi.json").json()
    assert schema["info"]["title"] == "Backprop Visualizer"
    paths = schema["paths"]
    for path in (
        "/api/networks",
        "/api/networks/{network_id}/step",
        "/api/networks/{network_id}/explain",
        "/api/networks/import",
        "/api/datasets/{name}",
        "/api/presets",
        "/healthz",
    ):
        assert path in paths
    assert "NetworkState" in schema["components"]["schemas"]
    # responses are documented by their models, not as bare strings
    created = paths["/api/networks"]["post"]["responses"]["201"]["content"]["application/json"]
    assert created["schema"] == {"$ref": "#/components/schemas/NetworkState"}
    stepped = paths["/api/networks/{network_id}/step"]["post"]["responses"]["200"]
    assert stepped["content"]["application/json"]["schema"]["$ref"].endswith("/StepResult")


def test_security_headers(client):
    response = client.get("/healthz")
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "default-src 'self'" in response.headers["content-security-policy"]
