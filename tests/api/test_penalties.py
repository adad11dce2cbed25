"""Regularisation through the API: settings, the penalty reported apart, undo, export."""

import numpy as np
import pytest

from .helpers import NETWORKS, assert_names, bits, create, state, step

CIRCLE = {"preset": "circle", "seed": 3, "learning_rate": 0.1, "batch_size": 8}


def train(client, network_id: str, steps: int) -> dict:
    response = client.post(f"{NETWORKS}/{network_id}/train", json={"steps": steps})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.mark.parametrize("penalty", ["l1", "l2"])
def test_a_step_reports_the_data_loss_and_the_penalty_apart(client, penalty):
    s = create(client, **CIRCLE, regularization=penalty, regularization_rate=0.01)
    assert (s["regularization"], s["regularization_rate"]) == (penalty, 0.01)
    done = step(client, s["id"])
    w = np.concatenate([np.ravel(m) for m in done["weights_before"]])
    size = np.sum(np.abs(w)) if penalty == "l1" else np.sum(w * w) / 2
    assert done["penalty"] == pytest.approx(0.01 * size, rel=1e-12)
    plain = create(client, **CIRCLE)
    assert step(client, plain["id"])["loss"] == done["loss"]  # the same data loss
    trained = train(client, s["id"], 30)
    assert len(trained["penalties"]) == 30 and all(p > 0 for p in trained["penalties"])


def test_explain_shows_the_penalty_term_beside_the_data_term(client):
    s = create(client, **CIRCLE, regularization="l2", regularization_rate=0.5)
    done = step(client, s["id"])
    e = client.get(f"{NETWORKS}/{s['id']}/explain?layer=0&to=1&from=0").json()
    weight = done["weights_before"][0][1][0]
    assert e["penalty_gradient"] == pytest.approx(0.5 * weight, rel=1e-15)
    assert e["gradient"] == pytest.approx(sum(e["products"]) + e["penalty_gradient"], abs=1e-15)
    assert e["gradient"] == done["gradients"]["weights"][0][1][0]
    bias = client.get(f"{NETWORKS}/{s['id']}/explain?layer=0&to=1").json()
    assert bias["penalty_gradient"] == 0.0


def test_gradient_check_covers_the_penalty(client):
    s = create(client, **CIRCLE, regularization="l1", regularization_rate=0.2)
    check = client.get(f"{NETWORKS}/{s['id']}/gradient-check").json()
    assert check["max_abs_error"] < 1e-8


def test_patch_undo_export_and_fork_keep_the_penalty(make_client):
    client = make_client()
    s = create(client, **CIRCLE, regularization="l1", regularization_rate=0.01)
    twin = create(client, **CIRCLE, regularization="l1", regularization_rate=0.01)
    train(client, s["id"], 20)
    before = state(client, s["id"])
    after = train(client, s["id"], 1)["network"]
    train(client, twin["id"], 21)  # one call: undo replays from a checkpoint, with its penalty
    patched = client.patch(f"{NETWORKS}/{twin['id']}", json={"regularization": "l2"}).json()
    assert patched["regularization"] == "l2" and patched["regularization_rate"] == 0.01
    assert client.post(f"{NETWORKS}/{twin['id']}/undo").status_code == 200
    back = make_client()  # a new app on the same database
    assert bits(state(back, twin["id"])["weights"]) == bits(before["weights"])
    doc = client.get(f"{NETWORKS}/{s['id']}/export").json()
    assert (doc["regularization"], doc["regularization_rate"]) == ("l1", 0.01)
    copy = client.post(f"{NETWORKS}/import", json=doc).json()
    assert copy["regularization"] == "l1"
    fork = client.post(f"{NETWORKS}/{s['id']}/fork", json={"regularization_rate": 0}).json()
    assert (fork["regularization"], fork["regularization_rate"]) == ("l1", 0)
    assert bits(after["weights"]) != bits(before["weights"])


@pytest.mark.parametrize(
    "body, field",
    [
        ({"regularization": "l3"}, "regularization"),
        ({"regularization_rate": -0.1}, "regularization_rate"),
        ({"regularization_rate": True}, "regularization_rate"),
    ],
)
def test_bad_regularisation_is_422_naming_the_field_and_changes_nothing(client, body, field):
    assert_names(client.post(NETWORKS, json={**CIRCLE, **body}), field)
    s = create(client, **CIRCLE)
    assert_names(client.patch(f"{NETWORKS}/{s['id']}", json=body), field)
    assert state(client, s["id"])["revision"] == s["revision"]
