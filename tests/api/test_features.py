"""Input features on create, PATCH, forward, step, grid and export/import."""

import base64

import numpy as np

from .helpers import NETWORKS, assert_names, create, state

XOR_FEATURES = ["x1", "x2", "x1_x2"]


def perceptron(client, **extra) -> dict:
    return create(
        client,
        layers=[3, 1],
        features=XOR_FEATURES,
        dataset="xor",
        output_activation="sigmoid",
        loss="binary_cross_entropy",
        learning_rate=1.0,
        batch_size=4,
        seed=1,
        **extra,
    )


def floats(text: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype="<f4")


def test_a_perceptron_with_x1_x2_x1x2_learns_xor(client):
    s = perceptron(client)
    assert s["features"] == XOR_FEATURES and s["dataset"]["input_dim"] == 3
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 3000})
    result = client.post(f"{url}/forward", json={}).json()
    assert result["accuracy"] == {"correct": 4, "total": 4, "undecided": 0, "fraction": 1.0}
    assert result["inputs"] == [[0, 0, 0], [0, 1, 0], [1, 0, 0], [1, 1, 1]]
    # the plain perceptron cannot: at best 3 of 4
    plain = create(client, preset="perceptron-xor", seed=1)
    client.post(f"{NETWORKS}/{plain['id']}/train", json={"steps": 3000})
    assert (
        client.post(f"{NETWORKS}/{plain['id']}/forward", json={}).json()["accuracy"]["correct"] < 4
    )


def test_given_inputs_are_points_and_the_features_are_computed(client):
    s = perceptron(client)
    url = f"{NETWORKS}/{s['id']}"
    out = client.post(f"{url}/forward", json={"inputs": [[2, 3]]}).json()
    assert out["inputs"] == [[2, 3, 6]]
    assert_names(client.post(f"{url}/forward", json={"inputs": [[2, 3, 6]]}), "inputs")
    done = client.post(f"{url}/step", json={"inputs": [[1, 1]], "targets": [[0]]}).json()
    assert done["inputs"] == [[1, 1, 1]]
    assert client.get(f"{url}/dataset").json()["inputs"] == [[0, 0], [0, 1], [1, 0], [1, 1]]


def test_the_grid_computes_each_points_features(client):
    s = perceptron(client)
    g = client.get(f"{NETWORKS}/{s['id']}/grid?resolution=3").json()
    xs = np.linspace(*g["x_range"], 3)
    ys = np.linspace(*g["y_range"], 3)
    gx, gy = np.meshgrid(xs, ys)
    assert [floats(m).tolist() for m in g["inputs"]] == [
        gx.ravel().astype("<f4").tolist(),
        gy.ravel().astype("<f4").tolist(),
        (gx * gy).ravel().astype("<f4").tolist(),
    ]
    net = np.array(s["weights"][0][0]) @ np.stack([gx.ravel(), gy.ravel(), (gx * gy).ravel()])
    expected = 1 / (1 + np.exp(-(net + s["biases"][0][0])))
    assert np.allclose(floats(g["output"][0]), expected, atol=1e-6)


def test_layers_0_must_be_the_number_of_features_and_the_data_2d(client):
    bad = client.post(NETWORKS, json={"layers": [2, 1], "features": XOR_FEATURES})
    assert_names(bad, "features")
    assert bad.json()["detail"][0]["msg"].startswith("3 features but layers[0] is 2")
    assert_names(client.post(NETWORKS, json={"layers": [1, 1], "features": ["x3"]}), "features")
    twice = client.post(NETWORKS, json={"layers": [2, 1], "features": ["x1", "x1"]})
    assert twice.json()["detail"][0]["loc"] == ["body", "features", 1]
    digits = {"layers": [1, 10], "dataset": "digits", "features": ["x1"]}
    assert_names(client.post(NETWORKS, json=digits), "inputs")
    assert client.get(NETWORKS).json() == []


def test_without_a_dataset_the_first_2d_builtin_that_fits_is_taken(client):
    s = create(client, layers=[4, 1], features=["x1", "x2", "x1_squared", "x2_squared"])
    assert s["dataset"]["name"] == "xor" and s["dataset"]["input_dim"] == 4


def test_patch_features_keeps_the_count_and_undo_takes_it_back(client):
    s = perceptron(client)
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 3})
    changed = client.patch(url, json={"features": ["x1_squared", "x2_squared", "sin_x1"]})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert body["features"] == ["x1_squared", "x2_squared", "sin_x1"]
    assert (body["step"], body["undo_available"]) == (3, 4)  # the change, then the steps
    out = client.post(f"{url}/forward", json={"inputs": [[2, 3]]}).json()["inputs"]
    assert np.allclose(out, [[4, 9, np.sin(2)]])
    before = state(client, s["id"])
    assert_names(client.patch(url, json={"features": ["x1"]}), "features")
    assert_names(client.patch(url, json={"features": []}), "inputs")
    assert_names(client.patch(url, json={"dataset": "digits"}), "inputs")
    assert state(client, s["id"]) == before
    # a new 2-D dataset gets the same features
    moved = client.patch(url, json={"dataset": "and"}).json()
    assert moved["features"] == before["features"] and moved["dataset"]["name"] == "and"


def test_export_and_import_keep_the_features(client):
    s = perceptron(client)
    url = f"{NETWORKS}/{s['id']}"
    client.post(f"{url}/train", json={"steps": 7})
    doc = client.get(f"{url}/export").json()
    assert doc["features"] == XOR_FEATURES
    assert doc["dataset"]["inputs"] == [[0, 0], [0, 1], [1, 0], [1, 1]]
    back = client.post(f"{NETWORKS}/import", json=doc)
    assert back.status_code == 201, back.text
    copy = back.json()
    assert copy["features"] == XOR_FEATURES and copy["weights"] == state(client, s["id"])["weights"]
    a = client.post(f"{url}/step", json={}).json()
    b = client.post(f"{NETWORKS}/{copy['id']}/step", json={}).json()
    assert a["inputs"] == b["inputs"] and a["loss"] == b["loss"]
