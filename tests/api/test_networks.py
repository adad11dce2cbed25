"""/api/networks on its happy path: create, read, patch, delete, weights, forward."""

import numpy as np

from app.engine import builtin_dataset

from .helpers import NETWORKS, SETTINGS, XOR_INPUTS, bits, create, engine_network, state, step


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
        for key in SETTINGS:
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
