"""POST /api/networks/{id}/fork: an exact copy that trains on as the original would."""

import pytest

from .helpers import NETWORKS, assert_names, bits, create, state, step

CIRCLE = {"preset": "circle", "seed": 2, "learning_rate": 0.02, "batch_size": 9}


def fork(client, network_id: str, expect: int = 201, **body) -> dict:
    response = client.post(f"{NETWORKS}/{network_id}/fork", json=body)
    assert response.status_code == expect, response.text
    return response.json()


def train(client, network_id: str, steps: int) -> dict:
    response = client.post(f"{NETWORKS}/{network_id}/train", json={"steps": steps})
    assert response.status_code == 200, response.text
    return response.json()


def exported(client, network_id: str) -> dict:
    """The export without what differs between two networks by design (the name)."""
    doc = client.get(f"{NETWORKS}/{network_id}/export").json()
    doc.pop("name")
    return doc


@pytest.mark.parametrize("optimizer", [None, {"name": "adam"}, {"name": "sgd", "momentum": 0.9}])
def test_a_fork_and_its_original_step_to_the_same_bits(client, optimizer):
    s = create(client, **CIRCLE, **({"optimizer": optimizer} if optimizer else {}))
    train(client, s["id"], 23)  # mid-epoch: the cursor and optimizer state are not trivial
    copy = fork(client, s["id"])
    assert copy["id"] != s["id"] and copy["name"].endswith("(fork)")
    assert exported(client, copy["id"]) == exported(client, s["id"])
    assert copy["undo_available"] == 0
    for net in (s["id"], copy["id"]):
        trained = train(client, net, 40)
        stepped = step(client, net)
        net_state = stepped["network"]
        if net == s["id"]:
            first = (trained["losses"], stepped["loss"], net_state)
        else:
            assert (trained["losses"], stepped["loss"]) == first[:2]
            assert bits(net_state["weights"] + net_state["biases"]) == bits(
                first[2]["weights"] + first[2]["biases"]
            )
            assert net_state["optimizer_state"] == first[2]["optimizer_state"]
            assert net_state["step"] == first[2]["step"] == 64


def test_a_fork_changes_the_settings_it_is_given_and_leaves_the_original(client):
    s = create(client, **CIRCLE, optimizer={"name": "adam"})
    train(client, s["id"], 5)
    original = state(client, s["id"])
    copy = fork(
        client,
        s["id"],
        name="fast",
        learning_rate=0.5,
        batch_size=4,
        hidden_activation="relu",
        optimizer={"name": "sgd", "momentum": 0.5},
    )
    assert (copy["name"], copy["learning_rate"], copy["batch_size"]) == ("fast", 0.5, 4)
    assert copy["hidden_activation"] == "relu"
    assert copy["optimizer"] == {"name": "sgd", "momentum": 0.5, "nesterov": False}
    assert copy["optimizer_state"]["step"] == 0  # another rule starts afresh
    assert copy["weights"] == original["weights"] and copy["step"] == original["step"]
    same_rule = fork(client, s["id"], optimizer={"name": "adam", "eps": 1e-6})
    assert same_rule["optimizer_state"] == original["optimizer_state"]
    assert state(client, s["id"]) == original


@pytest.mark.parametrize(
    "body, field",
    [
        ({"learning_rate": 0}, "learning_rate"),
        ({"optimizer": {"name": "adam", "eps": -1}}, "eps"),
        ({"optimizer": {"name": "sgd", "nesterov": True}}, "nesterov"),
        ({"output_activation": "softmax", "loss": "mse"}, "output_activation"),
        ({"loss": "cross_entropy"}, "loss"),
        ({"batch_size": 10**6}, "batch_size"),
        ({"weights": []}, "weights"),
    ],
)
def test_a_bad_fork_is_422_naming_the_field_and_creates_nothing(client, body, field):
    s = create(client, **CIRCLE)
    response = client.post(f"{NETWORKS}/{s['id']}/fork", json=body)
    assert_names(response, field, anywhere=True)
    assert [n["id"] for n in client.get(NETWORKS).json()] == [s["id"]]


def test_forking_an_unknown_network_is_404(client):
    assert client.post(f"{NETWORKS}/{'x' * 22}/fork", json={}).status_code == 404


def test_a_fork_counts_against_the_clients_quota(make_client):
    client = make_client(shared=True, max_networks_per_owner=2)
    made = client.post(NETWORKS, json=CIRCLE)
    owner = {"X-Owner-Token": made.headers["X-Owner-Token"]}
    client.cookies.clear()
    first = made.json()["id"]
    assert client.post(f"{NETWORKS}/{first}/fork", json={}, headers=owner).status_code == 201
    refused = client.post(f"{NETWORKS}/{first}/fork", json={}, headers=owner)
    assert refused.status_code == 429 and "at most 2 networks" in refused.json()["detail"]
    assert len(client.get(NETWORKS, headers=owner).json()) == 2
