"""A network outlives its app: a new app on the same database file sees it exactly."""

from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

from .helpers import LOCAL, NETWORKS, bits, create, state, step


def test_a_new_app_sees_the_same_network(tmp_path):
    settings = Settings(db_path=tmp_path / "t.sqlite3")
    with TestClient(create_app(settings), base_url=LOCAL) as first:
        s = create(first, layers=[2, 4, 2, 1], dataset="circle", seed=8, name="kept")
        steps = [step(first, s["id"]) for _ in range(3)]
        trained = first.post(f"{NETWORKS}/{s['id']}/train", json={"steps": 4}).json()
        before = state(first, s["id"])
        history = first.get(f"{NETWORKS}/{s['id']}/history").json()
        explained = first.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 0, "to": 1})
        listing = first.get(NETWORKS).json()
    assert trained["step"] == 7

    with TestClient(create_app(settings), base_url=LOCAL) as second:
        after = state(second, s["id"])
        assert after == before
        assert bits(after["weights"]) == bits(before["weights"])
        assert bits(after["biases"]) == bits(before["biases"])
        assert after["step"] == 7 and after["undo_available"] == 7
        assert second.get(f"{NETWORKS}/{s['id']}/history").json() == history
        assert second.get(NETWORKS).json() == listing
        again = second.get(f"{NETWORKS}/{s['id']}/explain", params={"layer": 0, "to": 1})
        assert again.json() == explained.json() and again.json()["kind"] == "last_step"
        # undo still reaches back through the steps taken by the first app
        for _ in range(4):
            assert second.post(f"{NETWORKS}/{s['id']}/undo").status_code == 200
        undone = state(second, s["id"])
        assert undone["step"] == 3
        assert bits(undone["weights"]) == bits(steps[-1]["network"]["weights"])
        # and the next step is the one the first app would have taken
        replay = step(second, s["id"])
        assert replay["step"] == 4
        assert replay["weights_before"] == steps[-1]["network"]["weights"]


def test_deleted_stays_deleted(tmp_path):
    settings = Settings(db_path=tmp_path / "t.sqlite3")
    with TestClient(create_app(settings), base_url=LOCAL) as first:
        gone = create(first)
        kept = create(first)
        step(first, gone["id"])
        assert first.delete(f"{NETWORKS}/{gone['id']}").status_code == 204
    with TestClient(create_app(settings), base_url=LOCAL) as second:
        assert second.get(f"{NETWORKS}/{gone['id']}").status_code == 404
        assert [n["id"] for n in second.get(NETWORKS).json()] == [kept["id"]]
