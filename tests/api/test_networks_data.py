"""/api/networks on its happy path: gradient check, grid, dataset, export/import, catalog, docs."""

import base64

import numpy as np
import pytest

from app.engine import DATASETS, builtin_dataset

from .helpers import NETWORKS, SETTINGS, XOR_INPUTS, bits, create, engine_network, state, step


def shapes(params: list) -> list[tuple]:
    return [np.array(p).shape for p in params]


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
    for key in ("step", *SETTINGS, "init", "seed", "dataset", "name"):
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
