"""The teacher's live grid: decision-boundary thumbnails in GET /api/class, and the class
digest on the teacher's event stream."""

import base64

import httpx
import numpy as np

from app.main import create_app
from app.settings import Settings

from .class_helpers import TEACHER, TOKEN, student
from .helpers import serve_in_thread, sse_events


def _grid_classes(client, network_id: str, resolution: int) -> list[int]:
    """The classes GET /grid's decision map gives (the sign of z)."""
    grid = client.get(f"/api/networks/{network_id}/grid?resolution={resolution}&hidden=false")
    z = np.frombuffer(base64.b64decode(grid.json()["decision"]), "<f4")
    return (z > 0).astype(int).tolist()


def test_thumbnails_are_the_grid_routes_classes(make_shared):
    client = make_shared()
    net, who = student(client)
    client.post(f"/api/networks/{net['id']}/train", json={"steps": 300}, headers=who)
    rows = client.get("/api/class?thumbnail=12", headers=TEACHER).json()["networks"]
    (row,) = rows
    boundary = row["boundary"]
    assert boundary["resolution"] == 12 and len(boundary["classes"]) == 144
    assert boundary["classes"] == _grid_classes(client, net["id"], 12)
    assert "boundary" not in client.get("/api/class", headers=TEACHER).json()["networks"][0]


def test_a_regression_or_a_bad_resolution_has_no_thumbnail(make_shared):
    client = make_shared()
    student(client, layers=[2, 3, 1], dataset="xor", output_activation="linear", loss="mse")
    row = client.get("/api/class?thumbnail=8", headers=TEACHER).json()["networks"][0]
    assert row["boundary"] is None
    refused = client.get("/api/class?thumbnail=33", headers=TEACHER)
    assert refused.status_code == 422 and "thumbnail" in refused.text
    assert client.get("/api/class?thumbnail=8").status_code == 403


def test_thumbnails_count_against_the_work_budget(make_shared):
    client = make_shared(max_work=5_000)
    student(client)
    assert client.get("/api/class?thumbnail=2", headers=TEACHER).status_code == 200
    refused = client.get("/api/class?thumbnail=32", headers=TEACHER)
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["query", "thumbnail"]


def test_the_teachers_stream_carries_a_digest_that_follows_every_student(tmp_path):
    settings = Settings(db_path=tmp_path / "e.sqlite3", shared=True, teacher_token=TOKEN)
    timeout = httpx.Timeout(10.0, read=20.0)
    with (
        serve_in_thread(create_app(settings)) as base,
        httpx.Client(base_url=base, timeout=timeout) as http,
        http.stream("GET", "/api/class/events", headers=TEACHER) as stream,
    ):
        events = sse_events(stream.iter_lines())
        first = next(events)[1]["digest"]
        made = httpx.post(f"{base}/api/networks", json={"preset": "xor"})
        owner = {"X-Owner-Token": made.headers["x-owner-token"]}
        second = next(events)[1]["digest"]
        assert second != first
        httpx.post(f"{base}/api/networks/{made.json()['id']}/step", json={}, headers=owner)
        assert next(events)[1]["digest"] not in (first, second)
        httpx.put(f"{base}/api/class/me", json={"display_name": "Ann"}, headers=owner)
        assert "digest" in next(events)[1]
