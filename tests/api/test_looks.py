"""GET pulls, landscape and health, and the diagnosis a divergent step's 409 carries."""

import numpy as np
import pytest

from .helpers import NETWORKS, assert_names, create, engine_network, state, step

DATA = {
    "inputs": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0], [0.5, 0.2], [0.3, 0.9]],
    "targets": [[0.0], [1.0], [1.0], [0.0], [1.0], [0.0]],
}


def _net(client, **extra) -> dict:
    body = {"layers": [2, 3, 1], "seed": 4, "dataset": DATA, "batch_size": 2} | extra
    return create(client, **body)


@pytest.mark.parametrize("source", [1, None])
def test_pulls_are_each_rows_backward_and_average_to_the_gradient(client, source):
    s = _net(client, regularization="l2", regularization_rate=0.01)
    step(client, s["id"])
    s = state(client, s["id"])
    params = {"layer": 0, "to": 2} | ({} if source is None else {"from": source})
    r = client.get(f"{NETWORKS}/{s['id']}/pulls", params=params)
    assert r.status_code == 200, r.text
    got = r.json()
    net, x, t = engine_network(s), np.array(DATA["inputs"]), np.array(DATA["targets"])
    for i, pull in enumerate(got["contributions"]):
        g = net.backward(net.forward(x[i : i + 1], t[i : i + 1]), t[i : i + 1])
        own = (
            g.biases[0][2] if source is None else g.weights[0][2, source] - g.penalty[0][2, source]
        )
        assert pull == pytest.approx(own, rel=1e-12, abs=1e-15)
    full = net.backward(net.forward(x, t), t)
    gradient = full.biases[0][2] if source is None else full.weights[0][2, source]
    assert got["gradient"] == pytest.approx(gradient, rel=1e-12)
    assert got["mean"] + got["penalty_gradient"] == pytest.approx(got["gradient"], rel=1e-12)
    rows = got["batch_rows"]
    assert len(rows) == 2
    batch = net.backward(net.forward(x[rows], t[rows]), t[rows])
    expected = batch.biases[0][2] if source is None else batch.weights[0][2, source]
    assert got["batch_gradient"] == pytest.approx(expected, rel=1e-12)
    assert got["points"] == DATA["inputs"] and got["parameter"]["from"] == source
    assert state(client, s["id"]) == s  # nothing changed


def test_pulls_of_inputs_that_are_not_points_leave_the_points_out(client):
    s = create(
        client,
        layers=[3, 2, 1],
        dataset={"inputs": [[0.0, 1.0, 2.0], [1.0, 0.0, 0.5]], "targets": [[1.0], [0.0]]},
    )
    got = client.get(f"{NETWORKS}/{s['id']}/pulls", params={"layer": 1, "to": 0, "from": 1})
    assert got.status_code == 200, got.text
    assert got.json()["points"] is None and len(got.json()["contributions"]) == 2


def test_pulls_refuse_a_bad_index_by_name(client):
    s = _net(client)
    for params, field in (
        ({"layer": 2, "to": 0}, "layer"),
        ({"layer": 0, "to": 3}, "to"),
        ({"layer": 0, "to": 0, "from": 2}, "from"),
        ({"layer": -1, "to": 0}, "layer"),
    ):
        assert_names(client.get(f"{NETWORKS}/{s['id']}/pulls", params=params), field)
    assert state(client, s["id"]) == s


def test_landscape_centre_slopes_and_next_step(client):
    s = _net(client)
    for _ in range(3):
        step(client, s["id"])
    s = state(client, s["id"])
    h = 1e-5
    q = {"x_layer": 0, "x_to": 1, "x_from": 0, "y_layer": 1, "y_to": 0, "radius": h}
    r = client.get(f"{NETWORKS}/{s['id']}/landscape", params=q | {"resolution": 3})
    assert r.status_code == 200, r.text
    got = r.json()
    net, x, t = engine_network(s), np.array(DATA["inputs"]), np.array(DATA["targets"])
    assert got["losses"][1][1] == net.forward(x, t).objective == got["loss"]
    full = net.backward(net.forward(x, t), t)
    dx = (got["losses"][1][2] - got["losses"][1][0]) / (2 * h)
    dy = (got["losses"][2][1] - got["losses"][0][1]) / (2 * h)
    assert dx == pytest.approx(full.weights[0][1, 0], rel=1e-5, abs=1e-9)
    assert dy == pytest.approx(full.biases[1][0], rel=1e-5, abs=1e-9)
    assert got["gradient"] == pytest.approx([full.weights[0][1, 0], full.biases[1][0]], rel=1e-12)
    # the arrow is the next step's change: Step it and compare
    after = step(client, s["id"])
    w_change = after["network"]["weights"][0][1][0] - s["weights"][0][1][0]
    b_change = after["network"]["biases"][1][0] - s["biases"][1][0]
    assert got["next_change"] == pytest.approx([w_change, b_change], rel=1e-9, abs=1e-15)
    # the path: the values before each kept step, then now
    assert [p["step"] for p in got["path"]][-1] == 3
    assert got["path"][-1]["x"] == s["weights"][0][1][0]
    assert len(got["path"]) >= 2


def test_landscape_refusals_name_the_field_and_the_budget_counts_the_grid(client, make_client):
    s = _net(client)
    base = {"x_layer": 0, "x_to": 1, "x_from": 0, "y_layer": 1, "y_to": 0}
    url = f"{NETWORKS}/{s['id']}/landscape"
    assert_names(client.get(url, params=base | {"y_layer": 0, "y_to": 1, "y_from": 0}), "y_to")
    assert_names(client.get(url, params=base | {"x_from": 5}), "x_from")
    assert_names(client.get(url, params=base | {"y_layer": 4}), "y_layer")
    assert_names(client.get(url, params=base | {"resolution": 1000}), "resolution")
    assert_names(client.get(url, params=base | {"radius": 0}), "radius")
    assert state(client, s["id"]) == s
    tight = make_client(max_work=25 * 25 * 6 * 13, db_path=client.app.state.settings.db_path)
    assert tight.get(url, params=base | {"resolution": 9}).status_code == 200
    refused = tight.get(url, params=base | {"resolution": 25})
    assert_names(refused, "resolution")
    assert "work budget" in refused.json()["detail"][0]["msg"]


def test_health_flags_a_dead_relu_and_norms(client):
    s = _net(client, hidden_activation="relu", biases=[[0.0, -100.0, 0.0], [0.0]])
    r = client.get(f"{NETWORKS}/{s['id']}/health")
    assert r.status_code == 200, r.text
    got = r.json()
    assert [(u["layer"], u["unit"], u["kind"]) for u in got["units"]] == [(0, 1, "dead")]
    net, x, t = engine_network(s), np.array(DATA["inputs"]), np.array(DATA["targets"])
    g = net.backward(net.forward(x, t), t)
    norm = np.sqrt(np.sum(g.weights[1] ** 2) + np.sum(g.biases[1] ** 2))
    assert got["layers"][1]["gradient_norm"] == pytest.approx(norm, rel=1e-12)
    assert got["thresholds"]["saturated_share"] == 0.9


def test_a_divergent_step_says_why_and_the_rate_it_computes_works_after_undo(client):
    s = create(
        client,
        layers=[2, 3, 1],
        hidden_activation="linear",
        output_activation="linear",
        loss="mse",
        seed=1,
        learning_rate=0.5,
        dataset={"inputs": [[10.0, -20.0], [30.0, 5.0], [-8.0, 12.0]], "targets": [[1.0]] * 3},
    )
    trained = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 200}).json()
    assert trained["stopped_early"] is True
    s = state(client, s["id"])
    r = client.post(f"{NETWORKS}/{s['id']}/step", json={})
    assert r.status_code == 409, r.text
    assert "diverge" in r.json()["detail"]
    why = r.json()["diagnosis"]
    # Play's next /train is refused at its first step with the same diagnosis
    played = client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 5})
    assert played.status_code == 409 and played.json()["diagnosis"] == why
    assert why["loss_finite"] is False and why["lower_after_undo"] is True
    assert why["undo_available"] == s["undo_available"] > 0
    worst = why["worst"][0]
    assert worst["non_finite"] is True and worst["after"] is None
    assert worst["lr_times_gradient"] is None or worst["lr_times_gradient"] == pytest.approx(
        0.5 * worst["gradient"]
    )
    biggest = max(abs(v) for row in s["weights"][0] + s["weights"][1] for v in row)
    assert abs(worst["value"]) <= biggest
    lower = why["lower_learning_rate"]
    assert lower["learning_rate"] == 0.5 / lower["factor"] and lower["factor"] >= 2
    assert why["init"] == "xavier" and state(client, s["id"]) == s
    # undo back to the oldest kept state, lower alpha by the factor: the loss goes down
    assert (
        lower["undo_steps"] == s["undo_available"]
        and lower["from_step"] == s["step"] - s["undo_available"]
    )
    for _ in range(lower["undo_steps"]):
        assert client.post(f"{NETWORKS}/{s['id']}/undo").status_code == 200
    patched = client.patch(f"{NETWORKS}/{s['id']}", json={"learning_rate": lower["learning_rate"]})
    assert patched.status_code == 200, patched.text
    after = step(client, s["id"])
    assert after["loss"] == pytest.approx(lower["loss_before"], rel=1e-12)
    again = client.post(f"{NETWORKS}/{s['id']}/step", json={})
    assert again.status_code == 200, again.text
    assert again.json()["loss"] == pytest.approx(lower["loss_after"], rel=1e-9)
    assert lower["loss_after"] <= lower["loss_before"]
