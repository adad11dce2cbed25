"""DNS rebinding and cross-site requests: foreign Host names and origins change nothing."""

import pytest

from .test_security import assert_security_headers

FOREIGN_HOSTS = ["evil.example", "rebind.evil.example:8000", "localhost.evil.example", ""]


def changes(nid: str) -> list[tuple[str, str, dict]]:
    """One request of every state-changing kind on network `nid`: (method, path, kwargs)."""
    net = f"/api/networks/{nid}"
    return [
        ("POST", "/api/networks", {"json": {"preset": "xor"}}),
        ("POST", f"{net}/step", {"json": {}}),
        ("POST", f"{net}/train", {"json": {"steps": 3}}),
        ("POST", f"{net}/undo", {"content": b"x", "headers": {"content-type": "text/plain"}}),
        ("POST", f"{net}/undo", {"data": {"a": "1"}}),  # an HTML form's body
        ("PATCH", net, {"json": {"name": "theirs now"}}),
        ("PUT", f"{net}/weights", {"json": {"layer": 0, "to": 0, "from": 0, "value": 9.0}}),
        ("DELETE", net, {}),
    ]


def send(client, method: str, path: str, kwargs: dict, headers: dict):
    """The request with these extra headers."""
    return client.request(
        method, path, **{**kwargs, "headers": {**kwargs.get("headers", {}), **headers}}
    )


@pytest.fixture
def stepped(serve):
    """A real local-mode server, a client on it, and a network one step in."""
    server = serve()
    with server.client() as client:
        nid = client.post("/api/networks", json={"preset": "xor"}).json()["id"]
        assert client.post(f"/api/networks/{nid}/step", json={}).status_code == 200
        yield server, client, nid


def snapshot(client) -> list[dict]:
    """Every network's full state, to show that nothing changed."""
    ids = sorted(n["id"] for n in client.get("/api/networks").json())
    return [client.get(f"/api/networks/{i}").json() for i in ids]


@pytest.mark.parametrize("host", FOREIGN_HOSTS)
def test_a_foreign_host_is_refused_and_changes_nothing(stepped, host):
    server, client, nid = stepped
    before = snapshot(client)
    reads = [("GET", "/api/networks", {}), ("GET", f"/api/networks/{nid}", {}), ("GET", "/", {})]
    for method, path, kwargs in [*reads, *changes(nid)]:
        response = send(client, method, path, kwargs, {"Host": host})
        assert response.status_code == 400, (method, path, response.text)
        assert "BACKPROP_ALLOWED_HOSTS" in response.json()["detail"]
        assert_security_headers(response)
    assert snapshot(client) == before


def test_loopback_names_addresses_and_allowed_hosts_are_served(serve):
    server = serve(env={"BACKPROP_ALLOWED_HOSTS": "class.example.org, Other.Example"})
    port = server.port
    served = [
        f"127.0.0.1:{port}",
        f"localhost:{port}",
        "LOCALHOST.",
        f"[::1]:{port}",
        "class.example.org",
        "class.example.org:443",
        "other.example",
        "192.168.1.20:8000",  # an address is not a name: no DNS answer can rebind it
        "[fe80::1]",
    ]
    with server.client() as client:
        for host in served:
            assert client.get("/healthz", headers={"Host": host}).status_code == 200, host
        refused = client.get("/healthz", headers={"Host": "example.org"})
        assert refused.status_code == 400


def test_the_configured_host_and_a_wildcard(make_client):
    named = make_client(host="bp.lan")
    assert named.get("/healthz", headers={"Host": "bp.lan:8000"}).status_code == 200
    assert named.get("/healthz", headers={"Host": "other.lan"}).status_code == 400
    anything = make_client(allowed_hosts=("*",))
    assert anything.get("/healthz", headers={"Host": "other.lan"}).status_code == 200


CROSS_SITE = [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},  # a sandboxed frame or a file: page
    {"Origin": "http://127.0.0.1:1"},  # another port is another origin
    {"Origin": "https://127.0.0.1"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "cross-site", "Origin": "same-origin-looking-garbage"},
]


@pytest.mark.parametrize("headers", CROSS_SITE, ids=lambda h: ",".join(h.values()))
def test_cross_site_changes_are_refused_whatever_the_content_type(stepped, headers):
    server, client, nid = stepped
    before = snapshot(client)
    for method, path, kwargs in changes(nid):
        response = send(client, method, path, kwargs, headers)
        assert response.status_code == 403, (method, path, response.text)
        assert "cross-site" in response.json()["detail"]
        assert_security_headers(response)
    assert snapshot(client) == before
    # reading is not changing: a foreign page cannot read the answer without CORS anyway
    assert client.get(f"/api/networks/{nid}", headers=headers).status_code == 200


def test_same_origin_and_scripts_may_change(stepped):
    server, client, nid = stepped
    allowed = [
        {"Origin": server.url, "Sec-Fetch-Site": "same-origin"},
        {"Origin": server.url.upper()},
        {"Sec-Fetch-Site": "same-site"},
        {"Sec-Fetch-Site": "none"},  # typed in the address bar, a bookmark
        {},  # curl and scripts send neither header
    ]
    for headers in allowed:
        response = client.post(f"/api/networks/{nid}/step", json={}, headers=headers)
        assert response.status_code == 200, (headers, response.text)
    assert client.get(f"/api/networks/{nid}").json()["step"] == 1 + len(allowed)


def test_cors_origins_may_change_from_another_site(make_client):
    client = make_client(cors_origins=("http://a.example",))
    headers = {"Origin": "http://a.example", "Sec-Fetch-Site": "cross-site"}
    assert client.post("/api/networks", json={}, headers=headers).status_code == 201
    other = {"Origin": "http://b.example", "Sec-Fetch-Site": "cross-site"}
    assert client.post("/api/networks", json={}, headers=other).status_code == 403
