"""GET /api/class/events over a real server: the locks and the push number, on every change."""

import httpx

from app.main import create_app
from app.settings import Settings

from .class_helpers import TEACHER, TOKEN
from .helpers import serve_in_thread, sse_events


def test_students_hear_each_lock_and_push_at_once(tmp_path):
    settings = Settings(db_path=tmp_path / "e.sqlite3", shared=True, teacher_token=TOKEN)
    timeout = httpx.Timeout(10.0, read=20.0)
    with (
        serve_in_thread(create_app(settings)) as base,
        httpx.Client(base_url=base, timeout=timeout) as http,
        http.stream("GET", "/api/class/events") as stream,
    ):
        assert stream.headers["content-type"].startswith("text/event-stream")
        events = sse_events(stream.iter_lines())
        assert next(events) == ("class", {"locks": {"actions": [], "fixed": {}}, "push": None})
        locked = {"actions": ["train"], "fixed": {"learning_rate": True}}
        assert http.put("/api/class/locks", json=locked, headers=TEACHER).status_code == 200
        assert next(events) == ("class", {"locks": locked, "push": None})
        assert http.post("/api/class/push", json={"preset": "xor"}, headers=TEACHER).is_success
        assert next(events) == ("class", {"locks": locked, "push": 1})


def test_there_are_no_class_events_outside_shared_mode(client):
    assert client.get("/api/class/events").status_code == 404
