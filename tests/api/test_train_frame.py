"""POST /train with `frame`: what the next frame draws, equal to asking for each part after."""

import pytest

from .helpers import NETWORKS, create

FRAME = {"example": {"inputs": [[0.3, -0.2]], "targets": [[1.0]]}, "grid": 12, "accuracy": True}


def separately(client, nid: str, frame: dict) -> dict:
    """The frame's parts asked for one by one, as the page did before."""
    rows = frame["example"]
    return {
        "example": client.post(f"{NETWORKS}/{nid}/forward", json=rows).json(),
        "grid": client.get(f"{NETWORKS}/{nid}/grid?resolution={frame['grid']}").json(),
        "accuracy": {
            "train": client.post(f"{NETWORKS}/{nid}/forward", json={"split": "train"}).json()[
                "accuracy"
            ],
            "test": client.post(f"{NETWORKS}/{nid}/forward", json={"split": "test"}).json()[
                "accuracy"
            ],
        },
    }


def test_the_frame_equals_its_parts_asked_for_after_the_steps(client) -> None:
    a = create(client, preset="circle", seed=5)["id"]
    b = create(client, preset="circle", seed=5)["id"]
    trained = client.post(f"{NETWORKS}/{a}/train", json={"steps": 30, "frame": FRAME})
    assert trained.status_code == 200, trained.text
    plain = client.post(f"{NETWORKS}/{b}/train", json={"steps": 30}).json()
    assert trained.json()["losses"] == plain["losses"]
    assert plain["frame"] is None
    assert trained.json()["frame"] == separately(client, a, FRAME)
    assert separately(client, b, FRAME) == trained.json()["frame"]  # the same state


def test_a_frame_asks_only_for_its_parts(client) -> None:
    nid = create(client, preset="xor", seed=2)["id"]
    frame = client.post(
        f"{NETWORKS}/{nid}/train", json={"steps": 3, "frame": {"accuracy": True}}
    ).json()["frame"]
    assert frame["example"] is None and frame["grid"] is None
    assert frame["accuracy"]["train"]["total"] == 4 and frame["accuracy"]["test"] is None


@pytest.mark.parametrize(
    ("frame", "loc"),
    [
        ({"grid": 1}, ["body", "frame", "grid"]),
        ({"grid": 12, "colour": 1}, ["body", "frame", "colour"]),
        ({"example": {"inputs": [[1.0, 2.0, 3.0]]}}, ["body", "frame", "example", "inputs"]),
        ({"example": {"inputs": [[1.0, 2.0]], "targets": [[2.0]]}}, None),
        ({"accuracy": "yes"}, ["body", "frame", "accuracy"]),
    ],
)
def test_a_bad_frame_is_refused_and_trains_nothing(client, frame, loc) -> None:
    nid = create(client, preset="xor", seed=2)["id"]
    response = client.post(f"{NETWORKS}/{nid}/train", json={"steps": 5, "frame": frame})
    assert response.status_code == 422, response.text
    where = [e["loc"] for e in response.json()["detail"]]
    assert (
        all(w[:3] == ["body", "frame", "example"] for w in where) if loc is None else (loc in where)
    )
    assert client.get(f"{NETWORKS}/{nid}").json()["step"] == 0


def test_the_frame_counts_against_the_work_budget(make_client) -> None:
    client = make_client(max_work=20_000)
    nid = create(client, preset="circle", seed=1)["id"]
    assert client.post(f"{NETWORKS}/{nid}/train", json={"steps": 2}).status_code == 200
    big = client.post(f"{NETWORKS}/{nid}/train", json={"steps": 2, "frame": {"grid": 60}})
    assert big.status_code == 422 and "frame" in big.json()["detail"][0]["msg"]
    assert client.get(f"{NETWORKS}/{nid}").json()["step"] == 2
