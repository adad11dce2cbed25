"""Every refusal: 404s, 422s naming the field, 409s; the network is unchanged after each."""

import json

import pytest

from .helpers import NETWORKS, assert_names, create, post_raw, refused, state

MISSING = "no-such-network-id"
ROUTES_ON_ONE_NETWORK = [
    ("GET", "", None),
    ("PATCH", "", {"name": "x"}),
    ("DELETE", "", None),
    ("PUT", "/weights", {"layer": 0, "to": 0, "from": 0, "value": 1.0}),
    ("PUT", "/weights", {"weights": [[[1.0, 1.0]], [[1.0]]]}),
    ("POST", "/forward", {}),
    ("POST", "/step", {}),
    ("POST", "/train", {"steps": 1}),
    ("POST", "/undo", None),
    ("GET", "/history", None),
    ("GET", "/explain?layer=0&to=0&from=0", None),
    ("GET", "/explain?layer=0&to=0", None),
    ("GET", "/gradient-check", None),
    ("GET", "/grid", None),
    ("GET", "/dataset", None),
    ("GET", "/export", None),
    ("GET", "/events", None),
]


@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES_ON_ONE_NETWORK)
def test_unknown_id_is_404(client, xor, method, suffix, body):
    response = client.request(method, f"{NETWORKS}/{MISSING}{suffix}", json=body)
    assert response.status_code == 404, response.text
    assert response.json() == {"detail": "network not found"}
    assert state(client, xor["id"]) == xor


# --- shapes -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "method", "body", "field"),
    [
        ("/weights", "PUT", {"weights": [[[1.0, 2.0]], [[1.0, 2.0, 3.0]]]}, "weights"),
        ("/weights", "PUT", {"weights": [[[1.0, 2.0]] * 3]}, "weights"),
        (
            "/weights",
            "PUT",
            {"weights": [[[1.0, 2.0]] * 3, [[1.0, 2.0, 3.0]]], "biases": [[0.0, 0.0], [0.0]]},
            "biases",
        ),
        ("/weights", "PUT", {"weights": [[[1.0, 2.0]] * 3, [[1.0, 2.0]]]}, "weights"),
        (
            "/weights",
            "PUT",
            {"weights": [[[1.0, 2.0], [1.0], [1.0, 2.0]], [[1.0, 2.0, 3.0]]]},
            "weights",
        ),
        ("/forward", "POST", {"inputs": [[1.0, 2.0, 3.0]]}, "inputs"),
        ("/forward", "POST", {"inputs": [[1.0, 2.0]], "targets": [[1.0, 0.0]]}, "targets"),
        ("/forward", "POST", {"inputs": [[1.0, 2.0]], "targets": [[1.0], [0.0]]}, "targets"),
        ("/forward", "POST", {"inputs": [[1.0, 2.0], [1.0]]}, "inputs"),
        ("/forward", "POST", {"inputs": []}, "inputs"),
        ("/forward", "POST", {"targets": [[1.0]]}, "inputs"),
        ("/step", "POST", {"inputs": [[1.0]], "targets": [[1.0]]}, "inputs"),
        ("/step", "POST", {"inputs": [[1.0, 2.0]], "targets": [[1.0, 1.0]]}, "targets"),
        ("/step", "POST", {"inputs": [[1.0, 2.0]], "targets": [[2.0]]}, "targets"),  # BCE: [0, 1]
        ("/step", "POST", {"inputs": [[1.0, 2.0]]}, "targets"),
        ("/weights", "PUT", {"layer": 2, "to": 0, "from": 0, "value": 1.0}, "layer"),
        ("/weights", "PUT", {"layer": 0, "to": 3, "from": 0, "value": 1.0}, "to"),
        ("/weights", "PUT", {"layer": 0, "to": 0, "from": 2, "value": 1.0}, "from"),
    ],
)
def test_wrong_shapes(client, xor, suffix, method, body, field):
    response = client.request(method, f"{NETWORKS}/{xor['id']}{suffix}", json=body)
    refused(client, xor, response, field)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"layer": 2, "to": 0, "from": 0}, "layer"),
        ({"layer": 1, "to": 1, "from": 0}, "to"),
        ({"layer": 1, "to": 0, "from": 3}, "from"),
        ({"layer": -1, "to": 0}, "layer"),
        ({"to": 0}, "layer"),
        ({"layer": "one", "to": 0}, "layer"),
    ],
)
def test_explain_refuses_addresses_of_no_weight(client, xor, query, field):
    response = client.get(f"{NETWORKS}/{xor['id']}/explain", params=query)
    refused(client, xor, response, field)


def test_explain_of_a_bias_the_network_does_not_have(client):
    s = create(client, preset="article")
    response = client.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 0, "to": 0})
    refused(client, s, response, "from")
    put = client.put(f"{NETWORKS}/{s['id']}/weights", json={"layer": 0, "to": 0, "value": 1.0})
    assert put.status_code == 422
    assert state(client, s["id"]) == s


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"resolution": 1}, "resolution"),
        ({"resolution": 201}, "resolution"),
        ({"resolution": "x"}, "resolution"),
        ({"hidden": "maybe"}, "hidden"),
    ],
)
def test_grid_refuses_bad_queries(client, xor, query, field):
    refused(client, xor, client.get(f"{NETWORKS}/{xor['id']}/grid", params=query), field)


def test_grid_needs_two_inputs(client):
    s = create(client, preset="article")
    refused(client, s, client.get(f"{NETWORKS}/{s['id']}/grid"), "network_id")


# --- non-finite, non-numeric, booleans ----------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "suffix", "text", "field"),
    [
        ("POST", "/forward", '{"inputs": [[NaN, 1]]}', "inputs"),
        ("POST", "/forward", '{"inputs": [[1e400, 1]]}', "inputs"),
        ("POST", "/forward", '{"inputs": [[0, 1]], "targets": [[-Infinity]]}', "targets"),
        ("POST", "/step", '{"inputs": [[NaN, 1]], "targets": [[1]]}', "inputs"),
        ("POST", "/step", '{"inputs": [[1, Infinity]], "targets": [[1]]}', "inputs"),
        ("POST", "/step", '{"inputs": [[1, 1]], "targets": [[NaN]]}', "targets"),
        ("POST", "/step", '{"learning_rate": NaN}', "learning_rate"),
        ("POST", "/step", '{"learning_rate": 1e400}', "learning_rate"),
        ("PUT", "/weights", '{"layer": 0, "to": 0, "from": 0, "value": NaN}', "value"),
        ("PUT", "/weights", '{"layer": 0, "to": 0, "value": -1e999}', "value"),
        ("PUT", "/weights", '{"weights": [[[NaN, 0], [0, 0], [0, 0]], [[0, 0, 0]]]}', "weights"),
        (
            "PUT",
            "/weights",
            '{"weights": [[[0, 0], [0, 0], [0, 0]], [[0, 0, 0]]],'
            ' "biases": [[0, 0, 0], [Infinity]]}',
            "biases",
        ),
        ("PATCH", "", '{"learning_rate": Infinity}', "learning_rate"),
        ("PATCH", "", '{"learning_rate": NaN}', "learning_rate"),
    ],
)
def test_non_finite_numbers(client, xor, method, suffix, text, field):
    json.loads(text)  # Python's json reads these; json.dumps would refuse to write them
    response = post_raw(client, f"{NETWORKS}/{xor['id']}{suffix}", text, method)
    refused(client, xor, response, field, anywhere=suffix == "/weights")


@pytest.mark.parametrize(
    ("method", "suffix", "body", "field"),
    [
        ("POST", "/forward", {"inputs": [["1", 1]]}, "inputs"),
        ("POST", "/forward", {"inputs": [["a", 1]]}, "inputs"),
        ("POST", "/forward", {"inputs": [[0, 1]], "targets": [["0"]]}, "targets"),
        ("POST", "/forward", {"inputs": "[[0, 1]]"}, "inputs"),
        ("POST", "/step", {"inputs": [[0, 1]], "targets": [["one"]]}, "targets"),
        ("POST", "/step", {"learning_rate": "0.1"}, "learning_rate"),
        ("POST", "/train", {"steps": "5"}, "steps"),
        ("POST", "/train", {"steps": 2.5}, "steps"),
        ("POST", "/train", {"steps": 1, "batch_size": "2"}, "batch_size"),
        ("PUT", "/weights", {"layer": 0, "to": 0, "from": 0, "value": "0.5"}, "value"),
        ("PUT", "/weights", {"layer": "0", "to": 0, "from": 0, "value": 0.5}, "layer"),
        ("PUT", "/weights", {"weights": [[["0", 0], [0, 0], [0, 0]], [[0, 0, 0]]]}, "weights"),
        ("PATCH", "", {"batch_size": "4"}, "batch_size"),
        ("PATCH", "", {"name": 5}, "name"),
    ],
)
def test_non_numeric_values(client, xor, method, suffix, body, field):
    response = client.request(method, f"{NETWORKS}/{xor['id']}{suffix}", json=body)
    refused(client, xor, response, field, anywhere=suffix == "/weights")


@pytest.mark.parametrize(
    ("method", "suffix", "body", "field"),
    [
        ("POST", "/forward", {"inputs": [[True, 0]]}, "inputs"),
        ("POST", "/step", {"inputs": [[0, 1]], "targets": [[False]]}, "targets"),
        ("POST", "/step", {"learning_rate": True}, "learning_rate"),
        ("POST", "/train", {"steps": True}, "steps"),
        ("PUT", "/weights", {"layer": 0, "to": 0, "from": 0, "value": True}, "value"),
        ("PUT", "/weights", {"layer": 0, "to": True, "from": 0, "value": 1.0}, "to"),
        ("PUT", "/weights", {"weights": [[[True, 0], [0, 0], [0, 0]], [[0, 0, 0]]]}, "weights"),
        ("PATCH", "", {"batch_size": True}, "batch_size"),
        ("PATCH", "", {"learning_rate": False}, "learning_rate"),
    ],
)
def test_booleans_are_not_numbers(client, xor, method, suffix, body, field):
    response = client.request(method, f"{NETWORKS}/{xor['id']}{suffix}", json=body)
    refused(client, xor, response, field, anywhere=suffix == "/weights")


# --- bad names and combinations -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hidden_activation": "swish"}, "hidden_activation"),
        ({"hidden_activation": "softmax"}, "hidden_activation"),
        ({"output_activation": "swish"}, "output_activation"),
        ({"loss": "hinge"}, "loss"),
        ({"output_activation": "tanh", "loss": "cross_entropy"}, "loss"),
        ({"output_activation": "linear", "loss": "binary_cross_entropy"}, "loss"),
        ({"init": "glorot"}, "init"),
        ({"preset": "nope"}, "preset"),
        ({"dataset": "nope"}, "dataset"),
        ({"layers": [2, 3, 3], "dataset": "xor"}, "dataset"),
        ({"layers": [2]}, "layers"),
        ({"layers": [2, 0, 1]}, "layers"),
        ({"layers": [2, True, 1]}, "layers"),
        ({"layers": [2, 3.5, 1]}, "layers"),
        ({"seed": True}, "seed"),
        ({"seed": -1}, "seed"),
        ({"use_bias": 1}, "use_bias"),
        ({"use_bias": False, "biases": [[0, 0, 0], [0]]}, "biases"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"learning_rate": -0.1}, "learning_rate"),
        ({"learning_rate": 1001}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"name": "x" * 101}, "name"),
        ({"weights": [[[1.0]]]}, "weights"),
        (
            {"layers": [2, 2, 1], "weights": [[[1, 2], [3, 4]], [[5, 6]]], "biases": [[1], [2]]},
            "biases",
        ),
        ({"dataset": {"inputs": [[0, 1]], "targets": [[1], [0]]}}, "dataset"),
        ({"dataset": {"inputs": [[0, 1], [1]], "targets": [[1], [0]]}}, "dataset"),
        ({"dataset": {"inputs": [[0, 1]], "targets": [[1.5]]}}, "dataset"),
        ({"dataset": {"inputs": [[0, 1]]}}, "dataset"),
        ({"dataset": {"inputs": [[0, 1]], "targets": [[1]], "extra": 1}}, "dataset"),
        ({"preset": "softmax", "loss": "binary_cross_entropy"}, "loss"),
    ],
)
def test_create_refuses(client, body, field):
    response = client.post(NETWORKS, json=body)
    assert_names(response, field)
    assert client.get(NETWORKS).json() == []


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('{"dataset": {"inputs": [[NaN, 1]], "targets": [[1]]}}', "dataset"),
        ('{"layers": [2, 2, 1], "weights": [[[1, 2], [3, Infinity]], [[5, 6]]]}', "weights"),
        ('{"learning_rate": 1e400}', "learning_rate"),
    ],
)
def test_create_refuses_non_finite(client, text, field):
    assert_names(post_raw(client, NETWORKS, text), field)
    assert client.get(NETWORKS).json() == []


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"hidden_activation": "softmax"}, "hidden_activation"),
        ({"hidden_activation": "gelu"}, "hidden_activation"),
        ({"output_activation": "tanh"}, "loss"),  # binary cross-entropy needs a sigmoid
        ({"loss": "kl"}, "loss"),
        ({"learning_rate": 0}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"weights": [[[0, 0]] * 3, [[0, 0, 0]]]}, "weights"),
        ({"init": "he"}, "init"),
    ],
)
def test_patch_refuses(client, xor, body, field):
    refused(client, xor, client.patch(f"{NETWORKS}/{xor['id']}", json=body), field)


def test_patch_cannot_give_softmax_to_a_one_output_dataset_misfit(client):
    s = create(client, preset="softmax")
    response = client.patch(f"{NETWORKS}/{s['id']}", json={"loss": "binary_cross_entropy"})
    refused(client, s, response, "loss")
