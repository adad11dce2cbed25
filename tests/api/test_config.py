"""GET /api/config: the engine's registries and the server's limits, and they are the truth."""

from app.engine import (
    ACTIVATIONS,
    HIDDEN_ACTIVATIONS,
    INITIALIZERS,
    LOSSES,
    OPTIMIZERS,
    OUTPUT_ACTIVATIONS,
)

from .helpers import NETWORKS, assert_names, create


def test_config_lists_the_engine_registries(client):
    c = client.get("/api/config").json()
    assert set(c) == {
        "activations",
        "losses",
        "initializers",
        "optimizers",
        "penalties",
        "features",
        "limits",
    }
    assert [a["name"] for a in c["activations"]] == list(ACTIVATIONS)
    by_name = {a["name"]: a for a in c["activations"]}
    assert by_name["sigmoid"] == {
        "name": "sigmoid",
        "range": [0, 1],
        "hidden": True,
        "output": True,
    }
    assert by_name["tanh"]["range"] == [-1, 1]
    assert by_name["relu"]["range"] == [0, None]
    assert by_name["linear"]["range"] == [None, None]
    assert by_name["softmax"] == {
        "name": "softmax",
        "range": [0, 1],
        "hidden": False,
        "output": True,
    }
    assert [a["name"] for a in c["activations"] if a["hidden"]] == list(HIDDEN_ACTIVATIONS)
    assert [a["name"] for a in c["activations"] if a["output"]] == list(OUTPUT_ACTIVATIONS)
    assert {loss["name"]: loss["output_activations"] for loss in c["losses"]} == {
        name: list(loss.output_activations) for name, loss in LOSSES.items()
    }
    assert c["initializers"] == list(INITIALIZERS)
    assert [o["name"] for o in c["optimizers"]] == list(OPTIMIZERS)  # see test_optimizers.py


def test_config_limits_follow_the_settings(make_client):
    client = make_client(max_hidden_layers=3, max_train_steps=1000, max_rows=50, max_units=9)
    limits = client.get("/api/config").json()["limits"]
    assert limits == {
        "max_hidden_layers": 3,
        "max_units": 9,
        "max_inputs": 1024,
        "max_train_steps": 1000,
        "max_rows": 50,
        "max_work": 500_000_000,
        "undo_depth": 100,
        "grid_resolution": [2, 200],
        "learning_rate": [0, 1000],
        "regularization_rate": [0, 1000],
        "batch_size": [1, 50],
        "noise": [0, 50],
        "train_percent": [10, 90],
        "points": [10, 50],
        "landscape_radius": [1e-6, 100.0],
        "landscape_resolution": [3, 61],
    }
    # the limits it states are the ones the server enforces, at both edges
    create(client, layers=[2, 9, 9, 9, 1])
    assert_names(client.post(NETWORKS, json={"layers": [2, 3, 3, 3, 3, 1]}), "layers")
    assert_names(client.post(NETWORKS, json={"layers": [2, 10, 1]}), 1)
    nid = create(client, learning_rate=1000, batch_size=50)["id"]
    assert_names(client.patch(f"{NETWORKS}/{nid}", json={"learning_rate": 1000.5}), "learning_rate")
    assert_names(client.patch(f"{NETWORKS}/{nid}", json={"batch_size": 51}), "batch_size")
    assert client.post(f"{NETWORKS}/{nid}/train", json={"steps": 1000}).status_code != 422
    assert_names(client.post(f"{NETWORKS}/{nid}/train", json={"steps": 1001}), "steps")
    for resolution, status in ((2, 200), (200, 200), (1, 422), (201, 422)):
        grid = client.get(f"{NETWORKS}/{nid}/grid", params={"resolution": resolution})
        assert grid.status_code == status, resolution


def test_hidden_layers_stated_never_exceed_what_the_schema_takes(make_client):
    client = make_client(max_hidden_layers=50)
    assert client.get("/api/config").json()["limits"]["max_hidden_layers"] == 10
    create(client, layers=[2] + [1] * 10 + [1])
    assert_names(client.post(NETWORKS, json={"layers": [2] + [1] * 11 + [1]}), "layers")


def test_request_schemas_take_their_names_from_the_registries(client):
    models = client.get("/openapi.json").json()["components"]["schemas"]
    props = models["NetworkCreate"]["properties"]

    def enum(prop: dict) -> list:
        return next(option["enum"] for option in prop["anyOf"] if "enum" in option)

    assert enum(props["hidden_activation"]) == list(HIDDEN_ACTIVATIONS)
    assert enum(props["output_activation"]) == list(OUTPUT_ACTIVATIONS)
    assert enum(props["loss"]) == list(LOSSES)
    assert enum(props["init"]) == list(INITIALIZERS)
