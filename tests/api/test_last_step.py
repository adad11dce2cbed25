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
        for _ in range(30):
            client.post(f"/api/networks/{net['id']}/step", json={})
    assert client.get(f"/api/networks/{small['id']}").json()["undo_available"] == 30
    # 161 parameters x 8 bytes: 6 snapshots fit in 8,000 bytes
    assert client.get(f"/api/networks/{big['id']}").json()["undo_available"] == 6


def test_undo_inside_a_train_call_replays_to_the_exact_parameters(client):
    """A train call stores a checkpoint; undo replays from it, bit for bit."""
    body = {"preset": "spiral", "seed": 9}
    bulk = client.post("/api/networks", json=body).json()["id"]
    twin = client.post("/api/networks", json=body).json()["id"]
    client.post(f"/api/networks/{bulk}/train", json={"steps": 12})
    states = [client.get(f"/api/networks/{twin}").json()]
    for _ in range(12):
        states.append(
            client.post(f"/api/networks/{twin}/train", json={"steps": 1}).json()["network"]
        )
    assert client.get(f"/api/networks/{bulk}").json()["weights"] == states[12]["weights"]
    assert client.get(f"/api/networks/{bulk}").json()["undo_available"] == 12
    for k in range(11, -1, -1):
        undone = client.post(f"/api/networks/{bulk}/undo").json()
        assert undone["step"] == k
        assert undone["weights"] == states[k]["weights"], k
        assert undone["biases"] == states[k]["biases"], k
        assert undone["undo_available"] == k
        if k:  # the last step is rebuilt by replay too, and equals the twin's
            last = client.get(f"/api/networks/{bulk}/explain?layer=0&to=0&from=0").json()
            assert last["kind"] == "preview"
    assert client.post(f"/api/networks/{bulk}/undo").status_code == 409
    # training again from the undone state retraces the same steps
    again = client.post(f"/api/networks/{bulk}/train", json={"steps": 12}).json()
    assert again["network"]["weights"] == states[12]["weights"]


def test_last_step_after_undo_into_a_train_call_is_replayed(client):
    nid = client.post("/api/networks", json={"preset": "circle", "seed": 3}).json()["id"]
    client.post(f"/api/networks/{nid}/train", json={"steps": 10})
    stepped = client.post(f"/api/networks/{nid}/step", json={}).json()
    client.post(f"/api/networks/{nid}/undo")
    again = client.post(f"/api/networks/{nid}/step", json={}).json()
    assert again["gradients"] == stepped["gradients"]
    assert again["weights_before"] == stepped["weights_before"]


def test_a_lean_step_leaves_out_only_the_parameters_it_started_from(client):
    body = {"preset": "softmax", "seed": 4}
    lean_id = client.post("/api/networks", json=body).json()["id"]
    full_id = client.post("/api/networks", json=body).json()["id"]
    lean = client.post(f"/api/networks/{lean_id}/step?lean=true", json={}).json()
    full = client.post(f"/api/networks/{full_id}/step", json={}).json()
    assert lean["weights_before"] is None and lean["biases_before"] is None
    assert full["weights_before"] is not None
    for key in ("step", "loss", "gradients", "deltas", "forward"):
        assert lean[key] == full[key], key
    assert lean["network"]["weights"] == full["network"]["weights"]
