"""Optimizers through the API: create, PATCH, state, persistence, undo, export/import."""

import numpy as np
import pytest

from app.engine import Network, Optimizer, Session, builtin_dataset

from .helpers import NETWORKS, assert_names, bits, create, engine_network, state, step

ADAM = {"name": "adam", "betas": [0.8, 0.99], "eps": 1e-7}
CIRCLE = {"preset": "circle", "seed": 4, "learning_rate": 0.01, "batch_size": 8}


def everything(s: dict) -> list[bytes]:
    """The parameters and the optimizer's state of a NetworkState, as bits."""
    slots = s["optimizer_state"]["slots"]
    vectors = [p for k in sorted(slots) for p in slots[k]["weights"] + slots[k]["biases"]]
    return [*bits(s["weights"] + s["biases"] + vectors), str(s["optimizer_state"]["step"]).encode()]


def train(client, network_id: str, steps: int) -> dict:
    response = client.post(f"{NETWORKS}/{network_id}/train", json={"steps": steps})
    assert response.status_code == 200, response.text
    return response.json()["network"]


def test_plain_sgd_is_the_default_and_keeps_no_state(client):
    s = create(client, preset="xor")
    assert s["optimizer"] == {"name": "sgd", "momentum": 0.0, "nesterov": False}
    assert s["optimizer_state"] == {"step": 0, "slots": {}}
    assert step(client, s["id"])["network"]["optimizer_state"] == {"step": 1, "slots": {}}


def test_config_lists_every_optimizer_with_its_settings(client):
    listed = {o["name"]: o for o in client.get("/api/config").json()["optimizers"]}
    assert list(listed) == ["sgd", "rmsprop", "adam"]
    adam = {x["name"]: x for x in listed["adam"]["settings"]}
    assert adam["betas"]["default"] == [0.9, 0.999] and adam["eps"]["default"] == 1e-8
    assert adam["betas"]["maximum"] == 1 and adam["betas"]["exclusive_maximum"]
    assert {x["name"] for x in listed["sgd"]["settings"]} == {"momentum", "nesterov"}
    assert "sqrt(v)" in listed["rmsprop"]["formula"]


def test_a_step_through_the_api_is_the_engines_adam_step(client):
    s = create(client, **CIRCLE, optimizer=ADAM)
    assert s["optimizer"] == ADAM
    done = step(client, s["id"])
    net = engine_network(s)
    net.optimizer = Optimizer.fresh("adam", {"betas": [0.8, 0.99], "eps": 1e-7}, net.layout.size)
    net.step(done["inputs"], done["targets"], 0.01)
    after = done["network"]
    assert bits(after["weights"]) == bits([w.tolist() for w in net.weights])
    m, v = (after["optimizer_state"]["slots"][k] for k in ("exp_avg", "exp_avg_sq"))
    w, b = net.layout.views(net.optimizer.state[1])
    assert bits(v["weights"] + v["biases"]) == bits([x.tolist() for x in (*w, *b)])
    assert after["optimizer_state"]["step"] == 1 and set(m) == {"weights", "biases"}


@pytest.mark.parametrize(
    "optimizer", [{"name": "sgd", "momentum": 0.9, "nesterov": True}, {"name": "rmsprop"}, ADAM]
)
def test_undo_then_step_repeats_the_first_time_and_survives_a_restart(make_client, optimizer):
    client = make_client()
    s = create(client, **CIRCLE, optimizer=optimizer)
    train(client, s["id"], 37)
    before = state(client, s["id"])
    first = train(client, s["id"], 1)
    twin = create(client, **CIRCLE, optimizer=optimizer)
    train(client, twin["id"], 38)  # one call: undo replays from its checkpoint before step 33
    assert client.post(f"{NETWORKS}/{twin['id']}/undo").status_code == 200
    assert everything(state(client, twin["id"])) == everything(before)
    again = make_client()  # a new app on the same database
    assert everything(state(again, twin["id"])) == everything(before)
    assert everything(train(again, twin["id"], 1)) == everything(first)
    assert client.post(f"{NETWORKS}/{s['id']}/undo").status_code == 200  # its own snapshot
    assert everything(state(client, s["id"])) == everything(before)


def test_patch_keeps_the_state_for_new_settings_and_starts_afresh_for_a_new_rule(client):
    s = create(client, **CIRCLE, optimizer={"name": "adam"})
    trained = train(client, s["id"], 5)
    patched = client.patch(f"{NETWORKS}/{s['id']}", json={"optimizer": ADAM}).json()
    assert patched["optimizer"] == ADAM and patched["undo_available"] == 5
    assert patched["optimizer_state"] == trained["optimizer_state"]
    swapped = client.patch(f"{NETWORKS}/{s['id']}", json={"optimizer": {"name": "rmsprop"}})
    swapped = swapped.json()
    assert swapped["optimizer"] == {"name": "rmsprop", "alpha": 0.99, "eps": 1e-8}
    assert swapped["optimizer_state"]["step"] == 0 and swapped["undo_available"] == 0
    assert not np.any(swapped["optimizer_state"]["slots"]["square_avg"]["weights"][0])
    assert swapped["weights"] == trained["weights"]


@pytest.mark.parametrize(
    "optimizer, field",
    [
        ({"name": "lbfgs"}, "optimizer"),
        ({"name": "sgd", "momentum": 1.5}, "momentum"),
        ({"name": "sgd", "nesterov": True}, "nesterov"),
        ({"name": "adam", "betas": [0.9, 1]}, "betas"),
        ({"name": "adam", "betas": [0.9]}, "betas"),
        ({"name": "rmsprop", "eps": 0}, "eps"),
        ({"name": "rmsprop", "alpha": "high"}, "alpha"),
        ({"name": "adam", "momentum": 0.9}, "momentum"),
        ({"momentum": 0.9}, "optimizer"),
    ],
)
def test_bad_optimizers_are_422_naming_the_field_and_change_nothing(client, optimizer, field):
    assert_names(client.post(NETWORKS, json={**CIRCLE, "optimizer": optimizer}), field)
    s = create(client, **CIRCLE)
    assert_names(client.patch(f"{NETWORKS}/{s['id']}", json={"optimizer": optimizer}), field)
    after = state(client, s["id"])
    assert after["optimizer"]["name"] == "sgd" and after["revision"] == s["revision"]


def test_export_and_import_keep_the_optimizer_and_its_state_to_the_bit(client):
    s = create(client, **CIRCLE, optimizer={"name": "sgd", "momentum": 0.9})
    train(client, s["id"], 20)
    doc = client.get(f"{NETWORKS}/{s['id']}/export").json()
    assert doc["optimizer_state"]["step"] == 20
    copy = client.post(f"{NETWORKS}/import", json=doc).json()
    assert copy["optimizer"] == doc["optimizer"]
    assert everything(copy) == everything(state(client, s["id"]))
    assert everything(train(client, copy["id"], 3)) == everything(train(client, s["id"], 3))


@pytest.mark.parametrize(
    "change, field",
    [
        ({"slots": {}}, "slots"),
        ({"step": -1}, "step"),
        ({"slots": {"momentum_buffer": {"weights": [[[1.0]]], "biases": [[0.0]]}}}, "weights"),
    ],
)
def test_an_import_with_a_state_that_does_not_fit_is_refused(client, change, field):
    s = create(client, **CIRCLE, optimizer={"name": "sgd", "momentum": 0.9})
    doc = client.get(f"{NETWORKS}/{s['id']}/export").json()
    doc["optimizer_state"] = {**doc["optimizer_state"], **change}
    assert_names(client.post(f"{NETWORKS}/import", json=doc), field)
    assert len(client.get(NETWORKS).json()) == 1


def test_an_import_refuses_a_negative_mean_of_squares(client):
    s = create(client, **CIRCLE, optimizer={"name": "rmsprop"})
    doc = client.get(f"{NETWORKS}/{s['id']}/export").json()
    doc["optimizer_state"]["slots"]["square_avg"]["biases"][0][0] = -1.0
    assert_names(client.post(f"{NETWORKS}/import", json=doc), "square_avg")


def test_the_compiled_train_call_matches_the_engines_reference_path(client):
    s = create(client, **CIRCLE, optimizer={"name": "rmsprop", "alpha": 0.9})
    done = train(client, s["id"], 40)
    net = Network.create(
        s["layers"],
        s["hidden_activation"],
        s["output_activation"],
        s["loss"],
        weights=s["weights"],
        biases=s["biases"],
    )
    net.optimizer = Optimizer.fresh("rmsprop", {"alpha": 0.9}, net.layout.size)
    ref = Session(net, builtin_dataset("circle"), 0.01, 8, seed=4)
    ref.train(40, fast=False)
    for ours, theirs in zip(done["weights"], ref.network.weights, strict=True):
        np.testing.assert_allclose(ours, theirs, rtol=0, atol=1e-12)


def test_explain_gives_the_optimizers_update_and_the_state_it_read(client):
    s = create(client, **CIRCLE, optimizer=ADAM)
    trained = train(client, s["id"], 3)
    done = step(client, s["id"])
    e = client.get(f"{NETWORKS}/{s['id']}/explain?layer=0&to=1&from=0").json()
    before, after = done["weights_before"][0][1][0], done["network"]["weights"][0][1][0]
    assert e["kind"] == "last_step" and e["optimizer"] == ADAM
    assert e["update"] == pytest.approx(after - before, rel=1e-9, abs=1e-15)
    assert e["update"] != pytest.approx(-0.01 * e["gradient"], rel=1e-3)
    kept = trained["optimizer_state"]["slots"]
    assert e["optimizer_state"] == {
        "step": 3,
        "slots": {k: kept[k]["weights"][0][1][0] for k in ("exp_avg", "exp_avg_sq")},
    }
