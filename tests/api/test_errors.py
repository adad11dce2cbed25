"""Every refusal: 404s, 422s naming the field, 409s; the network is unchanged after each."""

import json

import pytest

from .helpers import NETWORKS, assert_names, create, post_raw, state

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


@pytest.fixture
def xor(client) -> dict:
    """A 2-3-1 XOR network with one step taken (so it has history and an undo)."""
    s = create(client, seed=1)
    client.post(f"{NETWORKS}/{s['id']}/step", json={})
    return state(client, s["id"])


@pytest.mark.parametrize(("method", "suffix", "body"), ROUTES_ON_ONE_NETWORK)
def test_unknown_id_is_404(client, xor, method, suffix, body):
    response = client.request(method, f"{NETWORKS}/{MISSING}{suffix}", json=body)
    assert response.status_code == 404, response.text
    assert response.json() == {"detail": "network not found"}
    assert state(client, xor["id"]) == xor


def refused(client, s: dict, response, field, status: int = 422, anywhere: bool = False):
    """The request was refused naming `field`, and the network is exactly as it was."""
    if status == 422:
        assert_names(response, field, anywhere)
    else:
        assert response.status_code == status, response.text
    assert state(client, s["id"]) == s
    history = client.get(f"{NETWORKS}/{s['id']}/history").json()
    assert history["steps"] == list(range(1, s["step"] + 1))


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


# --- unknown fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("PATCH", "", {"learning_rat": 0.1}),
        ("PUT", "/weights", {"layer": 0, "to": 0, "from": 0, "value": 1.0, "extra": 1}),
        ("PUT", "/weights", {"weights": [[[0, 0]] * 3, [[0, 0, 0]]], "bias": [[0] * 3, [0]]}),
        ("POST", "/forward", {"input": [[0, 1]]}),
        ("POST", "/step", {"lr": 0.1}),
        ("POST", "/train", {"steps": 1, "epochs": 2}),
    ],
)
def test_unknown_fields(client, xor, method, suffix, body):
    response = client.request(method, f"{NETWORKS}/{xor['id']}{suffix}", json=body)
    assert response.status_code == 422
    unknown = set(body) - {"layer", "to", "from", "value", "weights", "steps"}
    assert any(unknown & set(map(str, e["loc"])) for e in response.json()["detail"])
    refused(client, xor, response, unknown.pop(), anywhere=True)


def test_create_refuses_unknown_fields(client):
    assert_names(client.post(NETWORKS, json={"preset": "xor", "hidden": 3}), "hidden")
    assert client.get(NETWORKS).json() == []


def test_import_refuses_a_changed_document(client, xor):
    doc = client.get(f"{NETWORKS}/{xor['id']}/export").json()
    for change, field in [
        ({"format": "other/2"}, "format"),
        ({"extra": 1}, "extra"),
        ({"weights": [[[0.0]]]}, "weights"),
        ({"step": -1}, "step"),
        ({"layers": [2] + [3] * 9 + [1]}, "layers"),
        ({"layers": []}, "layers"),
        ({"step": 10**30}, "step"),
        ({"cursor": 2**64}, "cursor"),
    ]:
        assert_names(client.post(f"{NETWORKS}/import", json={**doc, **change}), field)
    assert [n["id"] for n in client.get(NETWORKS).json()] == [xor["id"]]


def test_malformed_json(client, xor):
    response = post_raw(client, f"{NETWORKS}/{xor['id']}/step", '{"inputs": [[1, 2]')
    refused(client, xor, response, "body")


# --- limits -----------------------------------------------------------------------------------


def test_too_many_hidden_layers_and_units(client):
    assert_names(client.post(NETWORKS, json={"layers": [2] + [3] * 9 + [1]}), "layers")
    assert_names(client.post(NETWORKS, json={"layers": [2, 257, 1]}), "layers")
    assert_names(client.post(NETWORKS, json={"layers": [2, 3, 257], "dataset": "xor"}), "layers")
    assert client.get(NETWORKS).json() == []
    # the limits themselves are allowed
    assert create(client, layers=[2] + [3] * 8 + [1])["layers"][1:-1] == [3] * 8
    assert create(client, layers=[2, 256, 1])["layers"] == [2, 256, 1]


def test_too_many_train_steps(client, xor):
    response = client.post(f"{NETWORKS}/{xor['id']}/train", json={"steps": 10_001})
    refused(client, xor, response, "steps")
    refused(client, xor, client.post(f"{NETWORKS}/{xor['id']}/train", json={"steps": 0}), "steps")


def test_too_many_input_rows_at_the_default_limit(client, xor):
    rows = [[0.0, 1.0]] * 10_001
    response = client.post(f"{NETWORKS}/{xor['id']}/forward", json={"inputs": rows})
    refused(client, xor, response, "inputs")
    assert (
        client.post(f"{NETWORKS}/{xor['id']}/forward", json={"inputs": rows[:10_000]}).status_code
        == 200
    )


def test_row_limits_with_small_settings(make_client):
    client = make_client(max_rows=50)
    s = create(client, seed=1)
    rows, targets = [[0.0, 1.0]] * 51, [[1.0]] * 51
    refused(
        client,
        s,
        client.post(f"{NETWORKS}/{s['id']}/step", json={"inputs": rows, "targets": targets}),
        "inputs",
    )
    refused(
        client, s, client.post(f"{NETWORKS}/{s['id']}/forward", json={"inputs": rows}), "inputs"
    )
    refused(
        client,
        s,
        client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 1, "batch_size": 51}),
        "batch_size",
    )
    refused(client, s, client.patch(f"{NETWORKS}/{s['id']}", json={"batch_size": 51}), "batch_size")
    assert_names(
        client.post(
            NETWORKS, json={"layers": [2, 1], "dataset": {"inputs": rows, "targets": targets}}
        ),
        "dataset",
    )
    assert_names(client.post(NETWORKS, json={"batch_size": 51}), "batch_size")
    assert [n["id"] for n in client.get(NETWORKS).json()] == [s["id"]]
    assert (
        client.post(f"{NETWORKS}/{s['id']}/forward", json={"inputs": rows[:50]}).status_code == 200
    )


def test_work_budget(make_client):
    client = make_client(max_work=1000)
    s = create(client, layers=[2, 8, 1], seed=1)  # 33 parameters, 4 rows a step
    refused(client, s, client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 10}), "steps")
    assert client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 7}).status_code == 200


def test_body_size_limit(make_client):
    client = make_client(max_body_bytes=2000)
    s = create(client, seed=1)
    response = client.post(f"{NETWORKS}/{s['id']}/forward", json={"inputs": [[0.5, 0.5]] * 300})
    assert response.status_code == 413
    assert state(client, s["id"]) == s


# --- divergence -------------------------------------------------------------------------------


def linear_network(client) -> dict:
    s = create(
        client,
        layers=[1, 1],
        output_activation="linear",
        loss="mse",
        seed=1,
        weights=[[[0.5]]],
        biases=[[0.0]],
        dataset={"inputs": [[1.0], [2.0]], "targets": [[1.0], [2.0]]},
    )
    client.post(f"{NETWORKS}/{s['id']}/step", json={})
    return state(client, s["id"])


def test_step_that_diverges_is_409_and_changes_nothing(client):
    s = linear_network(client)
    response = client.post(
        f"{NETWORKS}/{s['id']}/step",
        json={"inputs": [[1e200]], "targets": [[0.0]], "learning_rate": 1000},
    )
    refused(client, s, response, None, status=409)
    assert "diverge" in response.json()["detail"]
    # a step whose parameters overflow (rather than the loss) is refused too
    response = client.post(
        f"{NETWORKS}/{s['id']}/step",
        json={"inputs": [[1e150]], "targets": [[0.0]], "learning_rate": 1000},
    )
    if response.status_code == 200:  # the first step is finite; the next one overflows
        s = state(client, s["id"])
        response = client.post(
            f"{NETWORKS}/{s['id']}/step",
            json={"inputs": [[1e150]], "targets": [[0.0]], "learning_rate": 1000},
        )
    refused(client, s, response, None, status=409)


def test_train_that_diverges_at_once_is_409(client):
    s = create(
        client,
        layers=[1, 1],
        output_activation="linear",
        loss="mse",
        seed=1,
        learning_rate=1000,
        dataset={"inputs": [[1e200]], "targets": [[0.0]]},
    )
    refused(
        client, s, client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 5}), None, status=409
    )
    refused(client, s, client.post(f"{NETWORKS}/{s['id']}/step", json={}), None, status=409)


def test_train_stops_early_before_diverging(client):
    s = create(
        client,
        layers=[1, 1],
        output_activation="linear",
        loss="mse",
        seed=1,
        learning_rate=1000,
        weights=[[[1.0]]],
        biases=[[0.0]],
        dataset={"inputs": [[1e100]], "targets": [[0.0]]},
    )
    t = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 50})
    assert t.status_code == 200
    t = t.json()
    assert t["stopped_early"] is True and 0 < len(t["losses"]) < 50
    assert t["step"] == len(t["losses"]) == t["network"]["step"]
    assert state(client, s["id"]) == t["network"]


def test_overflowing_numbers_are_refused_not_a_500(client):
    s = create(
        client,
        layers=[1, 1],
        output_activation="linear",
        loss="mse",
        seed=1,
        weights=[[[0.5]]],
        biases=[[0.0]],
        dataset={"inputs": [[1e200], [1.0]], "targets": [[0.0], [1.0]]},
    )
    nid = s["id"]
    # the loss (1e200 squared) overflows, on given rows and on the training set alike
    refused(
        client,
        s,
        client.post(f"{NETWORKS}/{nid}/forward", json={"inputs": [[1e200]], "targets": [[0.0]]}),
        "inputs",
    )
    refused(client, s, client.post(f"{NETWORKS}/{nid}/forward", json={}), "inputs")
    huge = client.post(f"{NETWORKS}/{nid}/forward", json={"inputs": [[1e300]]})
    assert huge.status_code == 200 and huge.json()["outputs"] == [[5e299]]  # finite: fine
    refused(client, s, client.get(f"{NETWORKS}/{nid}/gradient-check"), None, status=409)
    explained = client.get(f"{NETWORKS}/{nid}/explain", params={"layer": 0, "to": 0, "from": 0})
    refused(client, s, explained, None, status=409)
    refused(client, s, client.post(f"{NETWORKS}/{nid}/step", json={}), None, status=409)


def test_a_network_without_a_dataset_steps_on_given_rows(client):
    s = create(client, layers=[2, 2, 2])  # no built-in has 2 inputs and 2 outputs
    assert s["dataset"]["name"] == "none" and s["dataset"]["size"] == 0
    nid = s["id"]
    refused(client, s, client.post(f"{NETWORKS}/{nid}/step", json={}), "inputs")
    refused(client, s, client.post(f"{NETWORKS}/{nid}/train", json={"steps": 3}), "steps")
    refused(client, s, client.post(f"{NETWORKS}/{nid}/forward", json={}), "inputs")
    explained = client.get(f"{NETWORKS}/{nid}/explain", params={"layer": 0, "to": 0, "from": 0})
    refused(client, s, explained, None, status=409)
    rows = {"inputs": [[0.0, 1.0], [1.0, 0.0]], "targets": [[1.0, 0.0], [0.0, 1.0]]}
    stepped = client.post(f"{NETWORKS}/{nid}/step", json=rows)
    assert stepped.status_code == 200 and stepped.json()["step"] == 1
    assert client.get(f"{NETWORKS}/{nid}/grid").status_code == 200
    again = client.post(f"{NETWORKS}/import", json=client.get(f"{NETWORKS}/{nid}/export").json())
    assert again.status_code == 201 and again.json()["dataset"]["size"] == 0
    assert again.json()["weights"] == stepped.json()["network"]["weights"]
    empty = create(client, layers=[3, 1], dataset={"inputs": [], "targets": []})
    assert empty["dataset"]["size"] == 0


def test_step_refuses_inputs_whose_forward_values_overflow(client):
    # z of the hidden unit is 1e10 x 1e300 = inf, yet g(z) = 1 and the loss, the gradients
    # and the update are all finite: the answer would hold null where numbers belong
    s = create(
        client,
        layers=[1, 1, 1],
        seed=1,
        weights=[[[1e10]], [[0.5]]],
        biases=[[0.0], [0.0]],
        dataset={"inputs": [[1.0]], "targets": [[1.0]]},
    )
    rows = {"inputs": [[1e300]], "targets": [[1.0]]}
    refused(client, s, client.post(f"{NETWORKS}/{s['id']}/step", json=rows), "inputs")
    forward = client.post(f"{NETWORKS}/{s['id']}/forward", json=rows)
    refused(client, s, forward, "inputs")
