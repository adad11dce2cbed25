"""What the page's "My networks" list reads: each network's loss and times, and renames."""

import numpy as np

from .helpers import NETWORKS, create, state, step


def test_listing_carries_the_last_loss_and_times(client):
    a = create(client, preset="xor", name="a")
    before = {n["id"]: n for n in client.get(NETWORKS).json()}[a["id"]]
    assert before["last_loss"] is None
    assert before["created_at"] <= before["updated_at"]
    taken = step(client, a["id"])
    after = {n["id"]: n for n in client.get(NETWORKS).json()}[a["id"]]
    assert after["last_loss"] == taken["loss"] == state(client, a["id"])["last_loss"]
    assert after["created_at"] == before["created_at"]
    assert after["updated_at"] >= before["updated_at"]


def test_a_bad_name_is_refused_naming_the_field_and_changes_nothing(client):
    a = create(client, preset="xor", name="kept")
    response = client.patch(f"{NETWORKS}/{a['id']}", json={"name": "x" * 10000})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "name"
    assert state(client, a["id"]) == a


def test_a_batch_larger_than_the_dataset_is_refused_with_the_reason(client):
    a = create(client, preset="xor")
    response = client.patch(f"{NETWORKS}/{a['id']}", json={"batch_size": 5})
    assert response.status_code == 422
    detail = response.json()["detail"][0]
    assert detail["loc"] == ["body", "batch_size"] and "4 training examples" in detail["msg"]
    assert state(client, a["id"]) == a
    assert client.patch(f"{NETWORKS}/{a['id']}", json={"batch_size": 4}).status_code == 200


def test_gradient_check_gives_each_parameters_relative_error(client):
    s = create(client, preset="xor", seed=3)
    g = client.get(f"{NETWORKS}/{s['id']}/gradient-check").json()
    flat = {
        part: np.concatenate([np.ravel(a) for kind in ("weights", "biases") for a in g[part][kind]])
        for part in ("numeric", "backprop", "relative")
    }
    num, back = flat["numeric"], flat["backprop"]
    assert (
        flat["relative"].tolist()
        == (abs(num - back) / np.maximum(abs(num) + abs(back), 1e-12)).tolist()
    )
    worst = float(flat["relative"].max())
    assert worst == g["max_relative_error"]
    assert state(client, s["id"]) == s
