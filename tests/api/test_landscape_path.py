"""GET landscape's path: all of training (the thinned trajectory), not only undo's steps."""

from app.store import Database, trajectory

from .helpers import NETWORKS, create, state, step

AXES = {"x_layer": 0, "x_to": 1, "x_from": 0, "y_layer": 1, "y_to": 0, "resolution": 3}


def landscape(client, nid: str) -> dict:
    """GET landscape on w[0][1][0] and b[1][0]."""
    r = client.get(f"{NETWORKS}/{nid}/landscape", params=AXES)
    assert r.status_code == 200, r.text
    return r.json()


def point(s: dict) -> tuple[int, float, float]:
    """(step, x, y) of a NetworkState, on AXES."""
    return s["step"], s["weights"][0][1][0], s["biases"][1][0]


def train(client, nid: str, steps: int) -> dict:
    """POST train and return the network's state after it."""
    r = client.post(f"{NETWORKS}/{nid}/train", json={"steps": steps})
    assert r.status_code == 200, r.text
    return r.json()["network"]


def as_points(got: dict) -> dict[int, tuple[float, float]]:
    """The path as {step: (x, y)}."""
    return {p["step"]: (p["x"], p["y"]) for p in got["path"]}


def trajectory_rows(settings, nid: str) -> list[int]:
    """The steps of the network's stored trajectory rows."""
    db = Database(settings.db_path)
    with db.snapshot() as conn:
        rows = conn.execute(
            "SELECT t.step FROM trajectory t JOIN networks n ON n.nid = t.nid"
            " WHERE n.id = ? ORDER BY t.step",
            (nid,),
        ).fetchall()
    db.close()
    return [r[0] for r in rows]


def test_after_300_steps_the_path_starts_at_step_0_with_every_request_end_exact(client):
    s = create(client, seed=3)
    reported = [point(s)]
    for steps in (37, 50, 63, 1, 1, 148):
        reported.append(point(train(client, s["id"], steps)))
    assert reported[-1][0] == 300
    got = landscape(client, s["id"])
    steps = [p["step"] for p in got["path"]]
    assert steps[0] == got["path_from_step"] == 0 and steps[-1] == 300
    assert got["path_complete"] is True and got["path_source"] == "trajectory"
    assert steps == sorted(set(steps))
    path = as_points(got)
    for k, x, y in reported:  # every request's end is a point, to the bit
        assert path[k] == (x, y), k


def test_undo_then_step_branches_off(client):
    s = create(client, seed=5)
    nid = s["id"]
    reported = {k: (x, y) for k, x, y in [point(step(client, nid)["network"]) for _ in range(12)]}
    for _ in range(4):
        assert client.post(f"{NETWORKS}/{nid}/undo").status_code == 200
    got = landscape(client, nid)
    assert got["path"][-1]["step"] == 8 and got["path_complete"]
    assert all(as_points(got)[k] == reported[k] for k in range(1, 9))
    client.patch(f"{NETWORKS}/{nid}", json={"learning_rate": 2.5})
    branched = point(step(client, nid)["network"])
    assert branched[0] == 9 and branched[1:] != reported[9]
    got = landscape(client, nid)
    path = as_points(got)
    assert max(path) == 9 and path[9] == branched[1:]
    assert all(path[k] == reported[k] for k in range(1, 9))
    assert max(trajectory_rows(client.app.state.settings, nid)) == 9  # 10..12 are gone


def test_the_stored_rows_stay_bounded_and_span_step_0_to_now(client, monkeypatch):
    monkeypatch.setattr(trajectory, "ROWS", 8)
    s = create(client, seed=2)
    reported = {0: point(s)[1:]}
    for _ in range(40):
        k, x, y = point(train(client, s["id"], 3))
        reported[k] = (x, y)
        rows = trajectory_rows(client.app.state.settings, s["id"])
        assert len(rows) <= 8 and rows[0] == 0 and rows[-1] == k
    got = landscape(client, s["id"])
    assert got["path_from_step"] == 0 and got["path"][-1]["step"] == 120
    path = as_points(got)
    assert all(path[k] == reported[k] for k in rows)


def test_a_network_too_large_for_a_trajectory_falls_back_to_undo(client):
    wide = create(client, layers=[2, 64, 64, 1], seed=1)
    count = sum(len(w) * len(w[0]) for w in wide["weights"]) + sum(map(len, wide["biases"]))
    assert count == 4417 > trajectory.MAX_PARAMETERS
    train(client, wide["id"], 150)
    got = landscape(client, wide["id"])
    assert got["path_source"] == "undo" and got["path_complete"] is False
    # undo keeps the last 100 steps (from a checkpoint at or before step 50)
    assert 0 < got["path_from_step"] == got["path"][0]["step"] <= 50
    assert trajectory_rows(client.app.state.settings, wide["id"]) == []


def test_a_fork_goes_on_from_the_originals_path_and_an_import_from_its_step(client):
    s = create(client, seed=7)
    train(client, s["id"], 30)
    before = as_points(landscape(client, s["id"]))
    fork = client.post(f"{NETWORKS}/{s['id']}/fork", json={"learning_rate": 0.5}).json()
    train(client, fork["id"], 5)
    got = landscape(client, fork["id"])
    assert got["path_complete"] and got["path"][-1]["step"] == 35
    assert all(as_points(got)[k] == before[k] for k in before)
    exported = client.get(f"{NETWORKS}/{s['id']}/export").json()
    copy = client.post(f"{NETWORKS}/import", json=exported).json()
    got = landscape(client, copy["id"])
    assert got["path_from_step"] == 30 and got["path_complete"] is False
    assert got["path"] == [{"step": 30, "x": before[30][0], "y": before[30][1]}]
    assert state(client, copy["id"])["step"] == 30


def test_a_data_change_and_its_undo_keep_the_path_that_led_here(client):
    s = create(client, seed=4)
    nid = s["id"]
    reported = {k: (x, y) for k, x, y in [point(step(client, nid)["network"]) for _ in range(6)]}
    more = {
        "inputs": [[0, 0], [0, 1], [1, 0], [1, 1], [0.5, 0.5]],
        "targets": [[0], [1], [1], [0], [1]],
    }
    assert client.patch(f"{NETWORKS}/{nid}", json={"dataset": more}).status_code == 200
    after = [point(step(client, nid)["network"]) for _ in range(3)]
    path = as_points(landscape(client, nid))
    assert all(path[k] == reported[k] for k in range(1, 7))  # the steps before the change
    assert all(path[k] == (x, y) for k, x, y in after)  # and after it, on the new data
    for _ in range(3 + 1 + 2):  # three steps, the data change, two steps before it
        assert client.post(f"{NETWORKS}/{nid}/undo").status_code == 200
    got = landscape(client, nid)
    path = as_points(got)
    assert max(path) == 4 and got["path_complete"]
    assert all(path[k] == reported[k] for k in range(1, 5))
