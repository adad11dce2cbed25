"""GET last-step replays the last step exactly; forward with targets gives the deltas."""

import numpy as np


def test_last_step_equals_the_step_response(client):
    nid = client.post("/api/networks", json={"preset": "xor", "seed": 4}).json()["id"]
    assert client.get(f"/api/networks/{nid}/last-step").status_code == 409
    assert client.get(f"/api/networks/{nid}").json()["has_last_step"] is False
    made = client.post(f"/api/networks/{nid}/step", json={"learning_rate": 0.25}).json()
    assert made["network"]["has_last_step"] is True
    again = client.get(f"/api/networks/{nid}/last-step").json()
    for key in (
        "step",
        "loss",
        "inputs",
        "targets",
        "deltas",
        "grad_activations",
        "gradients",
        "weights_before",
        "biases_before",
        "learning_rate",
    ):
        assert again[key] == made[key], key
    assert again["network"]["weights"] == made["network"]["weights"]


def test_last_step_after_train_is_the_final_step(client):
    nid = client.post("/api/networks", json={"preset": "circle", "seed": 2}).json()["id"]
    trained = client.post(f"/api/networks/{nid}/train", json={"steps": 30}).json()
    last = client.get(f"/api/networks/{nid}/last-step").json()
    assert last["step"] == 30 and last["loss"] == trained["losses"][-1]
    before = np.array(last["weights_before"][0])
    after = np.array(trained["network"]["weights"][0])
    grad = np.array(last["gradients"]["weights"][0])
    np.testing.assert_allclose(after, before - last["learning_rate"] * grad, rtol=0, atol=1e-15)
    undone = client.post(f"/api/networks/{nid}/undo").json()
    assert undone["has_last_step"] is False
    assert client.get(f"/api/networks/{nid}/last-step").status_code == 409


def test_forward_with_targets_gives_deltas_that_match_a_step(client):
    nid = client.post("/api/networks", json={"preset": "article"}).json()["id"]
    body = {"inputs": [[10]], "targets": [[1]]}
    forward = client.post(f"/api/networks/{nid}/forward", json=body).json()
    step = client.post(f"/api/networks/{nid}/step", json=body).json()
    assert forward["deltas"] == step["deltas"]
    assert forward["grad_activations"] == step["grad_activations"]
    plain = client.post(f"/api/networks/{nid}/forward", json={"inputs": [[10]]}).json()
    assert plain["deltas"] is None and plain["loss"] is None


def test_undo_history_is_capped_by_size_for_big_networks(make_client):
    client = make_client(undo_depth=100, undo_bytes=8 * 1000)
    small = client.post("/api/networks", json={"layers": [2, 3, 1], "dataset": "xor"}).json()
    big = client.post("/api/networks", json={"layers": [2, 40, 1], "dataset": "xor"}).json()
    for net in (small, big):
        client.post(f"/api/networks/{net['id']}/train", json={"steps": 30})
    assert client.get(f"/api/networks/{small['id']}").json()["undo_available"] == 30
    # 161 parameters x 8 bytes: 6 snapshots fit in 8,000 bytes
    assert client.get(f"/api/networks/{big['id']}").json()["undo_available"] == 6
