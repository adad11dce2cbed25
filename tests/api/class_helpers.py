"""Helpers for the teacher's-view tests: a shared-mode app, a teacher and students."""

from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

from .helpers import LOCAL, NETWORKS

TOKEN = "teacher-secret-for-tests-0123456789"
TEACHER = {"Authorization": f"Bearer {TOKEN}"}


def shared_client(stack, tmp_path, **overrides) -> TestClient:
    """A TestClient on a shared-mode app with a known teacher token."""
    overrides.setdefault("db_path", tmp_path / "t.sqlite3")
    overrides.setdefault("teacher_token", TOKEN)
    app = create_app(Settings(shared=True, **overrides))
    return stack.enter_context(TestClient(app, base_url=LOCAL))


def student(client: TestClient, **body) -> tuple[dict, dict]:
    """A new student's network (xor unless told) and the headers that act as them."""
    client.cookies.clear()  # a TestClient keeps cookies: each student is a browser of its own
    response = client.post(NETWORKS, json=body or {"preset": "xor"})
    assert response.status_code == 201, response.text
    client.cookies.clear()
    return response.json(), {"X-Owner-Token": response.headers["x-owner-token"]}
