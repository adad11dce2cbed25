"""A fork's settings changed after it is made: PATCH takes every setting POST fork takes."""

import pytest

from .helpers import NETWORKS, assert_names, create, state


def forked(client) -> dict:
    """A fork of a trained XOR network, two steps on."""
    s = create(client, seed=1)
    client.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 5})
    fork = client.post(f"{NETWORKS}/{s['id']}/fork", json={}).json()
    client.post(f"{NETWORKS}/{fork['id']}/train", json={"steps": 2})
    return state(client, fork["id"])


def test_patch_takes_the_settings_fork_takes_and_keeps_the_parameters(client):
    fork = forked(client)
    body = {
        "learning_rate": 2.5,
        "batch_size": 2,
        "hidden_activation": "relu",
        "optimizer": {"name": "adam"},
    }
    got = client.patch(f"{NETWORKS}/{fork['id']}", json=body)
    assert got.status_code == 200, got.text
    now = got.json()
    assert (now["learning_rate"], now["batch_size"], now["hidden_activation"]) == (2.5, 2, "relu")
    assert now["optimizer"]["name"] == "adam"
    assert (now["weights"], now["biases"], now["step"]) == (
        fork["weights"],
        fork["biases"],
        fork["step"],
    )
    trained = client.post(f"{NETWORKS}/{fork['id']}/train", json={"steps": 1}).json()
    assert trained["network"]["learning_rate"] == 2.5 and trained["step"] == fork["step"] + 1


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"learning_rate": -1}, "learning_rate"),
        ({"learning_rate": "fast"}, "learning_rate"),
        ({"batch_size": 0}, "batch_size"),
        ({"batch_size": 5}, "batch_size"),  # XOR has 4 rows
        ({"hidden_activation": "softmax"}, "hidden_activation"),
        ({"optimizer": {"name": "lion"}}, "optimizer"),
        ({"optimizer": {"name": "sgd", "momentum": 1.5}}, "momentum"),
        ({"optimizer": {"name": "sgd", "nesterov": True}}, "nesterov"),
        ({"optimizer": {"name": "adam", "betas": [0.9, 1.0]}}, "betas"),
        ({"optimizer": {"name": "rmsprop", "eps": 0}}, "eps"),
        (
            {"output_activation": "softmax", "loss": "cross_entropy"},
            "output_activation",
        ),  # 1 output
        ({"loss": "binary_cross_entropy", "output_activation": "tanh"}, "loss"),
        ({"regularization": "l3"}, "regularization"),
        ({"regularization_rate": -1}, "regularization_rate"),
    ],
)
def test_a_refused_fork_setting_names_its_field_and_changes_nothing(client, body, field):
    fork = forked(client)
    assert_names(client.patch(f"{NETWORKS}/{fork['id']}", json=body), field, anywhere=True)
    assert state(client, fork["id"]) == fork


def test_patch_takes_a_rules_settings_the_output_and_loss_and_the_penalty(client):
    fork = forked(client)
    body = {
        "optimizer": {"name": "sgd", "momentum": 0.9, "nesterov": True},
        "output_activation": "tanh",
        "loss": "mse",
        "regularization": "l2",
        "regularization_rate": 0.001,
    }
    got = client.patch(f"{NETWORKS}/{fork['id']}", json=body)
    assert got.status_code == 200, got.text
    now = got.json()
    assert {key: now[key] for key in body} == body
    assert (now["weights"], now["biases"]) == (fork["weights"], fork["biases"])
