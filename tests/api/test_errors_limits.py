"""Unknown fields, limits and divergence: refused clearly, and the network is unchanged."""

import pytest

from .helpers import NETWORKS, assert_names, create, post_raw, refused, state

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


def one_weight(client, inputs: list, targets: list, **settings) -> dict:
    """A 1-1 linear network (w = 0.5, b = 0 unless told) on these rows."""
    body = {"weights": [[[0.5]]], "biases": [[0.0]], "seed": 1, **settings}
    dataset = {"inputs": inputs, "targets": targets}
    return create(
        client, layers=[1, 1], output_activation="linear", loss="mse", dataset=dataset, **body
    )


def linear_network(client) -> dict:
    s = one_weight(client, [[1.0], [2.0]], [[1.0], [2.0]])
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
    s = one_weight(client, [[1e200]], [[0.0]], learning_rate=1000)
    refused(
        client, s, client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 5}), None, status=409
    )
    refused(client, s, client.post(f"{NETWORKS}/{s['id']}/step", json={}), None, status=409)


def test_train_stops_early_before_diverging(client):
    s = one_weight(client, [[1e100]], [[0.0]], learning_rate=1000, weights=[[[1.0]]])
    t = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 50})
    assert t.status_code == 200
    t = t.json()
    assert t["stopped_early"] is True and 0 < len(t["losses"]) < 50
    assert t["step"] == len(t["losses"]) == t["network"]["step"]
    assert state(client, s["id"]) == t["network"]


def test_overflowing_numbers_are_refused_not_a_500(client):
    s = one_weight(client, [[1e200], [1.0]], [[0.0], [1.0]])
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
