"""Hostile input: oversized bodies, deeply nested or huge JSON, and what error bodies reveal."""

import json

import pytest

LIMIT = 1_000_000  # Settings.max_body_bytes default
LEAKS = ("Traceback", "/work/", 'File "', ".py", "sqlite3.", "site-packages")


def assert_no_leak(response) -> None:
    """The error body names no stack frame, source file or internal module."""
    for leak in LEAKS:
        assert leak not in response.text, (response.status_code, response.text[:500])


def chunks(total: int, size: int = 64 * 1024):
    """A streamed body of `total` bytes (sent with Transfer-Encoding: chunked)."""
    sent = 0
    while sent < total:
        piece = min(size, total - sent)
        sent += piece
        yield b" " * piece


def test_body_over_the_limit_by_content_length_is_413(client, new_network):
    net = new_network(client)
    body = json.dumps({"inputs": [[0.0, 1.0]] * 200_000, "targets": [[1.0]] * 200_000})
    assert len(body) > LIMIT
    response = client.post(
        f"/api/networks/{net['id']}/step",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413
    assert response.json() == {"detail": f"request body over {LIMIT} bytes"}
    assert_no_leak(response)


def test_streamed_chunked_body_over_the_limit_is_413(client):
    response = client.post(
        "/api/networks",
        content=chunks(3 * LIMIT),
        headers={"content-type": "application/json"},
    )
    assert "content-length" not in response.request.headers
    assert response.request.headers["transfer-encoding"] == "chunked"
    assert response.status_code == 413
    assert response.headers["x-content-type-options"] == "nosniff"
    assert_no_leak(response)


def test_body_just_under_the_limit_is_parsed(client):
    padding = " " * (LIMIT - 100)
    response = client.post(
        "/api/networks",
        content='{"preset": "xor"' + padding + "}",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 201


def test_smaller_limit_from_settings(make_client):
    client = make_client(max_body_bytes=1000)
    response = client.post("/api/networks", json={"name": "x" * 2000})
    assert response.status_code == 413
    assert client.post("/api/networks", json={"name": "small"}).status_code == 201


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000,
        "[" * 100_000 + "]" * 100_000,
        '{"a":' * 100_000 + "1" + "}" * 100_000,
        '{"inputs": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"preset": "xor", "layers": [2, 3, 1], "name": "' + "\\u0000" * 10 + '"',
        "\xff\xfe not json",
        "",
        "null",
        "1e999999",
        '{"steps": 1e400}',
        '{"steps": 99999999999999999999999999999999999999}',
    ],
    ids=[
        "open-brackets",
        "closed-brackets",
        "nested-objects",
        "nested-field",
        "truncated",
        "not-utf8",
        "empty",
        "null",
        "huge-exponent",
        "float-overflow",
        "huge-int",
    ],
)
@pytest.mark.parametrize("path", ["/api/networks", "/api/networks/{id}/train"])
def test_malformed_or_deep_json_is_a_4xx(client, new_network, body, path):
    net = new_network(client)
    response = client.post(
        path.format(id=net["id"]),
        content=body.encode("utf-8", "surrogateescape") if isinstance(body, str) else body,
        headers={"content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert_no_leak(response)


@pytest.mark.parametrize("depth", [500, 5000])
def test_deeply_nested_inputs_are_refused(client, new_network, depth):
    """Past the parser's depth limit it gives up (json_invalid); below, validation does: 422."""
    net = new_network(client)
    inner = "[" * depth + "1" + "]" * depth
    response = client.post(
        f"/api/networks/{net['id']}/step",
        content=f'{{"inputs": [{inner}], "targets": [[1]]}}',
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    kind = response.json()["detail"][0]["type"]
    assert kind == ("json_invalid" if depth > 1000 else "float_type"), response.json()
    assert len(response.content) < 10_000
    assert_no_leak(response)


def test_huge_json_under_the_limit_is_refused_without_echo(client, new_network):
    """Near 1 MB of numbers in the wrong shape: a short 422 that does not echo the input."""
    net = new_network(client)
    rows = [[0.5] * 3] * 40_000  # three inputs for a two-input network
    body = json.dumps({"inputs": rows, "targets": [[1.0]] * 40_000})
    assert len(body) < LIMIT
    response = client.post(
        f"/api/networks/{net['id']}/step",
        content=body,
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422
    assert len(response.content) < 10_000
    assert_no_leak(response)


def test_many_rows_past_max_rows_are_422(make_client, new_network):
    client = make_client(max_rows=100)
    net = new_network(client)
    response = client.post(
        f"/api/networks/{net['id']}/forward", json={"inputs": [[0.0, 0.0]] * 101}
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "inputs"]


def test_error_responses_reveal_no_internals(client, new_network):
    net = new_network(client)
    nid = net["id"]
    responses = {
        404: client.get("/api/networks/not-a-network"),
        405: client.put("/api/networks"),
        422: client.post(f"/api/networks/{nid}/train", json={"steps": "many"}),
        413: client.post(
            "/api/networks", content=b"x" * (LIMIT + 1), headers={"content-type": "text/plain"}
        ),
        409: client.post(f"/api/networks/{nid}/undo"),
    }
    responses[404.1] = client.get("/no/such/page")
    responses[404.2] = client.get("/static/../app/main.py")
    responses[404.3] = client.get("/static/%2e%2e/app/main.py")
    for expected, response in responses.items():
        assert response.status_code == int(expected), (expected, response.text)
        assert_no_leak(response)
        assert response.headers["content-type"].startswith("application/json")
        assert isinstance(response.json()["detail"], str | list)
