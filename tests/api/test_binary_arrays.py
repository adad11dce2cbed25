"""?arrays=binary: a JSON header, then the arrays' float64 bytes, bit for bit the lists."""

import base64
import json
import struct

import numpy as np
import pytest

from .test_packed_arrays import odd_network, same, twin_steps

BINARY = "application/octet-stream"


def read(response) -> tuple[dict, bytes]:
    """A binary answer's JSON header and the bytes after it; checks the framing."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == BINARY
    body = response.content
    (length,) = struct.unpack_from("<I", body)
    start = 4 + length + (-(4 + length) % 8)  # the arrays start 8-aligned
    assert set(body[4 + length : start]) <= {0}
    return json.loads(body[4 : 4 + length]), body[start:]


def arrays_of(header_layers: list, tail: bytes) -> list[np.ndarray]:
    """Each BinaryArray's numbers, checking that offsets are 8-aligned and inside the tail."""
    out = []
    for packed in header_layers:
        assert set(packed) == {"shape", "offset"} and packed["offset"] % 8 == 0
        count = int(np.prod(packed["shape"]))
        assert packed["offset"] + 8 * count <= len(tail)
        flat = np.frombuffer(tail, "<f8", count=count, offset=packed["offset"])
        out.append(flat.reshape(packed["shape"]))
    return out


def same_binary(lists: list, header_layers: list, tail: bytes) -> None:
    """The binary arrays hold exactly the listed numbers, bit for bit."""
    got = arrays_of(header_layers, tail)
    assert len(got) == len(lists)
    for listed, array in zip(lists, got, strict=True):
        assert array.tobytes() == np.array(listed, dtype=np.float64).tobytes()


def test_network_state_in_binary_is_the_lists_exactly_and_tiles_its_bytes(client) -> None:
    nid = odd_network(client)
    lists = client.get(f"/api/networks/{nid}").json()
    header, tail = read(client.get(f"/api/networks/{nid}?arrays=binary"))
    same_binary(lists["weights"], header["weights"], tail)
    same_binary(lists["biases"], header["biases"], tail)
    layers = header["weights"] + header["biases"]
    sizes = sorted((a["offset"], 8 * int(np.prod(a["shape"]))) for a in layers)
    assert [offset for offset, _ in sizes] == list(np.cumsum([0] + [n for _, n in sizes[:-1]]))
    assert sum(n for _, n in sizes) == len(tail)  # nothing but the arrays after the header
    rest = {k: v for k, v in lists.items() if k not in ("weights", "biases")}
    assert {k: v for k, v in header.items() if k not in ("weights", "biases")} == rest


def test_a_binary_step_is_the_same_step_and_a_quarter_smaller_than_base64(client) -> None:
    a, b, c = odd_network(client), odd_network(client), odd_network(client)
    x = client.post(f"/api/networks/{a}/step", json={}).json()
    based = client.post(f"/api/networks/{b}/step?arrays=base64&lean=true", json={})
    binary = client.post(f"/api/networks/{c}/step?arrays=binary&lean=true", json={})
    y, tail = read(binary)
    same_binary(x["gradients"]["weights"], y["gradients"]["weights"], tail)
    same_binary(x["gradients"]["biases"], y["gradients"]["biases"], tail)
    same_binary(x["network"]["weights"], y["network"]["weights"], tail)
    assert y["weights_before"] is None and x["loss"] == y["loss"] and x["deltas"] == y["deltas"]
    same(x["network"]["weights"], based.json()["network"]["weights"])
    again, tail = read(client.get(f"/api/networks/{c}/last-step?arrays=binary"))
    same_binary(x["weights_before"], again["weights_before"], tail)
    same_binary(x["gradients"]["weights"], again["gradients"]["weights"], tail)


def test_binary_arrays_are_smaller_than_base64_on_a_large_network(client) -> None:
    based, binary = twin_steps(client, "&arrays=base64", "&arrays=binary")
    header, tail = read(binary)
    same(arrays_of(header["network"]["weights"], tail), based.json()["network"]["weights"])
    y = based.json()
    packed = [*y["network"]["weights"], *y["network"]["biases"], *y["gradients"]["weights"]]
    packed += y["gradients"]["biases"]
    text = sum(len(p["float64"]) for p in packed)
    assert len(tail) == sum(len(base64.b64decode(p["float64"])) for p in packed)  # the same bytes
    assert len(based.content) - len(binary.content) > 0.24 * text  # 4 characters for 3 bytes


def test_train_in_binary_keeps_its_timing_header_and_frame(client) -> None:
    a, b = odd_network(client), odd_network(client)
    frame = {"example": {"inputs": [[0, 1]], "targets": [[1]]}, "grid": 4, "accuracy": True}
    x = client.post(f"/api/networks/{a}/train", json={"steps": 7, "frame": frame}).json()
    answer = client.post(
        f"/api/networks/{b}/train?arrays=binary", json={"steps": 7, "frame": frame}
    )
    assert answer.headers["server-timing"].startswith("train;dur=")
    y, tail = read(answer)
    assert x["losses"] == y["losses"] and x["frame"] == y["frame"]
    same_binary(x["network"]["weights"], y["network"]["weights"], tail)


@pytest.mark.parametrize("route", ["get", "step"])
def test_a_refusal_in_binary_mode_is_plain_json(client, route) -> None:
    nid = client.post("/api/networks", json={"layers": [2, 2, 1], "dataset": "xor"}).json()["id"]
    if route == "get":
        r = client.get("/api/networks/nope?arrays=binary")
        assert r.status_code == 404
    else:
        r = client.post(f"/api/networks/{nid}/step?arrays=binary", json={"learning_rate": -1})
        assert r.status_code == 422
        assert client.get(f"/api/networks/{nid}").json()["step"] == 0
    assert r.headers["content-type"] == "application/json" and r.json()["detail"]
