"""Schemathesis over the whole OpenAPI schema, in-process: no 5xx, responses as documented."""

import shutil
import tempfile
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from app.main import create_app
from app.settings import Settings

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.response_schema_conformance,
    schemathesis.checks.status_code_conformance,
]
# small limits keep generated networks and row counts cheap; the limits are tested elsewhere
LIMITS = {"max_rows": 200, "max_train_steps": 50, "max_units": 16, "max_hidden_layers": 3}
DB_DIR = Path(tempfile.mkdtemp(prefix="bpv-schema-"))
# schemathesis's in-process client sends Host: testserver
app = create_app(Settings(db_path=DB_DIR / "t.sqlite3", allowed_hosts=("testserver",), **LIMITS))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)
FAST = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module", autouse=True)
def _remove_database():
    yield
    shutil.rmtree(DB_DIR, ignore_errors=True)


def validate(case, response) -> None:
    """Every check in CHECKS: bytes that are not JSON get a documented 422 like any bad input."""
    case.validate_response(response, checks=CHECKS)


@schema.exclude(path_regex=r"/events$").parametrize()
@FAST
def test_every_operation(case):
    validate(case, case.call())


def test_stateful_links():
    """Sequences that follow links (inferred from the schema): a created id used downstream."""
    seen: list[tuple[str, str, int]] = []

    class Machine(schema.exclude(path_regex=r"/events$").as_state_machine()):
        def after_call(self, response, case):
            super().after_call(response, case)
            seen.append((case.method, case.path, response.status_code))

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            validate(case, response)

    Machine.run(
        settings=settings(
            max_examples=30,
            stateful_step_count=6,
            deadline=None,
            suppress_health_check=list(HealthCheck),
        )
    )
    # links were followed: a real id reached an operation on one network and succeeded
    assert any("{network_id}" in path and code < 300 for _, path, code in seen), seen[:20]
