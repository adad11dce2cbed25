"""Fixtures for the REST API tests: a fresh app and database per test."""

import contextlib

import pytest
from fastapi.testclient import TestClient

from app.main import create_app
from app.settings import Settings

from .class_helpers import shared_client
from .helpers import LOCAL, NETWORKS, create, state


@pytest.fixture
def settings(tmp_path) -> Settings:
    """Default settings on a database of this test's own."""
    return Settings(db_path=tmp_path / "t.sqlite3")


@pytest.fixture
def client(settings):
    """A TestClient on a fresh app (its lifespan runs: the database is open)."""
    with TestClient(create_app(settings), base_url=LOCAL) as c:
        yield c


@pytest.fixture
def make_client(tmp_path):
    """Build a client with other settings: make_client(max_rows=50)."""
    with contextlib.ExitStack() as stack:

        def make(**overrides) -> TestClient:
            overrides.setdefault("db_path", tmp_path / "t.sqlite3")
            app = create_app(Settings(**overrides))
            return stack.enter_context(TestClient(app, base_url=LOCAL))

        yield make


@pytest.fixture
def make_shared(tmp_path):
    """Build shared-mode clients with a known teacher token: make_shared(max_work=1000);
    each call is a fresh app (a restart) on the same database."""
    with contextlib.ExitStack() as stack:
        yield lambda **overrides: shared_client(stack, tmp_path, **overrides)


@pytest.fixture
def xor(client) -> dict:
    """A 2-3-1 XOR network with one step taken (so it has history and an undo)."""
    s = create(client, seed=1)
    client.post(f"{NETWORKS}/{s['id']}/step", json={})
    return state(client, s["id"])
