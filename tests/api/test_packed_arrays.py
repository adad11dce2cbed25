"""?arrays=base64: the parameter arrays as shape + base64 float64, bit for bit the lists."""

import base64
import json

import numpy as np
import pytest

NET = {"layers": [2, 3, 1], "dataset": "xor", "seed": 4}
ODD = [-0.0, 5e-324, 1.7976931348623157e308, 0.1]  # signed zero, subnormal, the largest, 0.1


def unpacked(value):
    """The nested lists of a PackedArray."""
    assert set(value) == {"shape", "float64"}
    return np.frombuffer(base64.b64decode(value["float64"]), "<f8").reshape(value["shape"])


def same(lists, packed) -> None:
    """Each layer's packed array holds exactly the listed numbers, bit for bit."""
    assert len(lists) == len(packed)
    for listed, pack in zip(lists, packed, strict=True):
        a = np.array(listed, dtype=np.float64)
        assert unpacked(pack).tobytes() == a.tobytes()


def odd_network(client) -> str:
    """A network with awkward weights in its first layer."""
    nid = client.post("/api/networks", json=NET).json()["id"]
    for i, value in enumerate(ODD):
        spot = {"layer": 0, "to": i % 3, "from": i % 2, "value": value}
        assert client.put(f"/api/networks/{nid}/weights", json=spot).status_code == 200
    return nid


def test_network_state_packs_every_parameter_exactly(client) -> None:
    nid = odd_network(client)
    lists = client.get(f"/api/networks/{nid}").json()
    packed = client.get(f"/api/networks/{nid}?arrays=base64").json()
    same(lists["weights"], packed["weights"])
    same(lists["biases"], packed["biases"])
    assert unpacked(packed["weights"][0]).shape == (3, 2)
    assert {k: v for k, v in packed.items() if k not in ("weights", "biases")} == {
        k: v for k, v in lists.items() if k not in ("weights", "biases")
    }


def test_step_packed_is_the_same_step_and_smaller(client) -> None:
    a, b = odd_network(client), odd_network(client)
    listed = client.post(f"/api/networks/{a}/step", json={})
    packed = client.post(f"/api/networks/{b}/step?arrays=base64&lean=true", json={})
    assert packed.status_code == 200
    x, y = listed.json(), packed.json()
    same(x["gradients"]["weights"], y["gradients"]["weights"])
    same(x["gradients"]["biases"], y["gradients"]["biases"])
    same(x["network"]["weights"], y["network"]["weights"])
    assert y["weights_before"] is None and x["loss"] == y["loss"] and x["deltas"] == y["deltas"]
    again = client.get(f"/api/networks/{b}/last-step?arrays=base64").json()
    same(x["weights_before"], again["weights_before"])
    same(x["biases_before"], again["biases_before"])


def test_train_packs_the_state_it_ends_at(client) -> None:
    a, b = odd_network(client), odd_network(client)
    x = client.post(f"/api/networks/{a}/train", json={"steps": 7}).json()
    y = client.post(f"/api/networks/{b}/train?arrays=base64", json={"steps": 7}).json()
    assert x["losses"] == y["losses"]
    same(x["network"]["weights"], y["network"]["weights"])


def twin_steps(client, first: str, second: str) -> tuple:
    """A lean step of two like 64-32-10 digits networks, answered with each query string."""
    body = {"layers": [64, 32, 10], "dataset": "digits", "seed": 3}
    ids = [client.post("/api/networks", json=body).json()["id"] for _ in range(2)]
    return tuple(
        client.post(f"/api/networks/{nid}/step?lean=true{query}", json={})
        for nid, query in zip(ids, (first, second), strict=True)
    )


def test_packed_weights_are_well_under_the_lists_size(client) -> None:
    listed, packed = twin_steps(client, "", "&arrays=base64")
    x, y = listed.json(), packed.json()
    same(x["network"]["weights"], y["network"]["weights"])
    weights = [len(json.dumps(r["network"]["weights"])) for r in (x, y)]
    assert weights[1] < 0.6 * weights[0]  # random weights: ~10.7 bytes a number, not ~20
    assert len(packed.content) < len(listed.content)


@pytest.mark.parametrize("value", ["floats", "", "BASE64"])
def test_unknown_encoding_is_refused_and_changes_nothing(client, value) -> None:
    nid = client.post("/api/networks", json=NET).json()["id"]
    r = client.post(f"/api/networks/{nid}/step?arrays={value}", json={})
    assert r.status_code == 422
    assert r.json()["detail"][0]["loc"] == ["query", "arrays"]
    assert client.get(f"/api/networks/{nid}").json()["step"] == 0
