"""Security: unguessable ids, owners in shared mode, security headers, escaping, CORS."""

import math
import re
import string
from pathlib import Path

import pytest

from app.api.building import new_network_id

ROOT = Path(__file__).resolve().parents[2]
URLSAFE = set(string.ascii_letters + string.digits + "-_")
XSS = "<script>alert(1)</script>"


def as_new_client(client, **body) -> tuple[dict, dict]:
    """Create a network as a client with no token: its state, and headers with the issued token."""
    client.cookies.clear()
    response = client.post("/api/networks", json=body or {"preset": "xor"})
    assert response.status_code == 201, response.text
    client.cookies.clear()
    return response.json(), {"X-Owner-Token": response.headers["X-Owner-Token"]}


def test_network_ids_carry_at_least_122_random_bits(client, new_network):
    ids = {new_network_id() for _ in range(2000)}
    ids |= {new_network(client)["id"] for _ in range(5)}
    assert len(ids) == 2005  # no repeats
    for nid in ids:
        assert len(nid) == 22 and set(nid) <= URLSAFE  # token_urlsafe(16): 16 bytes
    assert 22 * math.log2(len(URLSAFE)) >= 128 > 122
    # the characters are spread over the whole alphabet (a weak check of randomness)
    seen = {c for nid in ids for c in nid}
    assert len(seen) == 64


def test_listing_shows_every_network_in_local_mode(client):
    (mine, alice), (theirs, bob) = as_new_client(client), as_new_client(client)
    mine, theirs = mine["id"], theirs["id"]
    for headers in (alice, bob, {}):
        listed = {n["id"] for n in client.get("/api/networks", headers=headers).json()}
        assert {mine, theirs} <= listed


def test_listing_shows_only_own_networks_in_shared_mode(make_client):
    client = make_client(shared=True)
    (mine, alice), (theirs, bob) = as_new_client(client), as_new_client(client)
    assert [n["id"] for n in client.get("/api/networks", headers=alice).json()] == [mine["id"]]
    assert [n["id"] for n in client.get("/api/networks", headers=bob).json()] == [theirs["id"]]
    client.cookies.clear()
    assert client.get("/api/networks").json() == []


def test_owner_cookie_is_set_and_identifies_the_creator(make_client):
    client = make_client(shared=True)
    client.cookies.clear()
    created = client.post("/api/networks", json={"preset": "xor"})
    assert created.status_code == 201
    cookie = created.cookies.get("bpv_owner")
    assert cookie and len(cookie) >= 32
    header = created.headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header
    nid = created.json()["id"]
    assert [n["id"] for n in client.get("/api/networks").json()] == [nid]  # by cookie
    assert client.post(f"/api/networks/{nid}/step", json={}).status_code == 200
    client.cookies.clear()
    assert client.post(f"/api/networks/{nid}/step", json={}).status_code == 403


OWNER_ONLY = [
    ("post", "/step", {}),
    ("post", "/train", {"steps": 2}),
    ("patch", "", {"name": "mine now"}),
    ("put", "/weights", {"layer": 0, "to": 0, "from": 0, "value": 1.0}),
    ("post", "/undo", None),
    ("delete", "", None),
]


@pytest.mark.parametrize(
    ("method", "suffix", "body"), OWNER_ONLY, ids=[c[0] + c[1] for c in OWNER_ONLY]
)
def test_only_the_owner_may_change_a_network_in_shared_mode(make_client, method, suffix, body):
    client = make_client(shared=True)
    (net, alice), (_, bob) = as_new_client(client), as_new_client(client)
    nid = net["id"]
    assert client.post(f"/api/networks/{nid}/step", json={}, headers=alice).status_code == 200
    before = client.get(f"/api/networks/{nid}").json()
    client.cookies.clear()  # strangers have no cookie, or their own token

    def call(headers):
        kwargs = {"headers": headers}
        if body is not None:
            kwargs["json"] = body
        return client.request(method.upper(), f"/api/networks/{nid}{suffix}", **kwargs)

    for stranger in (bob, {}):
        response = call(stranger)
        assert response.status_code == 403, response.text
        assert "Traceback" not in response.text
    assert client.get(f"/api/networks/{nid}").json() == before  # nothing changed
    # anyone with the id may watch
    assert client.get(f"/api/networks/{nid}", headers=bob).status_code == 200
    assert client.get(f"/api/networks/{nid}/history", headers=bob).status_code == 200
    # the owner may
    assert call(alice).status_code in (200, 204)


def test_anyone_with_the_id_may_follow_events_in_shared_mode(make_client):
    client = make_client(shared=True)
    (net, _), (_, bob) = as_new_client(client), as_new_client(client)
    nid = net["id"]
    with client.stream("GET", f"/api/networks/{nid}/events", headers=bob, timeout=10) as events:
        assert events.status_code == 200
        assert events.headers["content-type"].startswith("text/event-stream")
        for line in events.iter_lines():
            if line.startswith("data:"):
                assert f'"id":"{nid}"' in line
                break


def test_owners_do_not_matter_in_local_mode(client):
    (net, _), (_, bob) = as_new_client(client), as_new_client(client)
    nid = net["id"]
    assert client.post(f"/api/networks/{nid}/step", json={}, headers=bob).status_code == 200
    assert client.delete(f"/api/networks/{nid}", headers=bob).status_code == 204


def assert_security_headers(response) -> None:
    h = response.headers
    csp = h["content-security-policy"]
    directives = dict((d.strip().split(" ", 1) + [""])[:2] for d in csp.split(";") if d.strip())
    assert "'unsafe-inline'" not in directives["script-src"]
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert h["x-content-type-options"] == "nosniff"
    assert h["referrer-policy"] in ("no-referrer", "same-origin", "strict-origin-when-cross-origin")


def test_security_headers_on_every_kind_of_response(client, new_network):
    nid = new_network(client)["id"]
    static = next(p for p in sorted((ROOT / "static").rglob("*.js")) if p.is_file())
    responses = [
        client.get("/"),
        client.get("/healthz"),
        client.get("/readyz"),
        client.get("/openapi.json"),
        client.get(f"/api/networks/{nid}"),
        client.get("/static/" + static.relative_to(ROOT / "static").as_posix()),
        client.get("/static/no-such-file.js"),
        client.get("/api/networks/nope"),
        client.get("/no/such/page"),
        client.delete("/api/networks"),
        client.post(f"/api/networks/{nid}/train", json={"steps": -1}),
        client.post(f"/api/networks/{nid}/undo"),
        client.post("/api/networks", content=b"x" * 1_000_001),
        client.post("/api/networks", content=iter([b"x" * 600_000, b"x" * 600_000])),
    ]
    statuses = sorted({r.status_code for r in responses})
    assert statuses == [200, 404, 405, 409, 413, 422]
    for response in responses:
        assert_security_headers(response)


def test_script_in_a_name_is_plain_json_data(client, new_network):
    net = new_network(client, name=XSS)
    assert net["name"] == XSS
    got = client.get(f"/api/networks/{net['id']}")
    assert got.headers["content-type"].startswith("application/json")
    assert got.json()["name"] == XSS
    listed = client.get("/api/networks").json()
    assert XSS in {n["name"] for n in listed}
    page = client.get("/")
    assert page.status_code == 200
    assert "<script>alert(1)" not in page.text


def test_templates_never_mark_values_safe():
    templates = list((ROOT / "templates").glob("*.html"))
    assert templates
    for template in templates:
        text = template.read_text()
        assert not re.search(r"\|\s*safe\b", text), template
        assert "autoescape false" not in text, template
        assert "<script>" not in text.replace(" ", ""), f"inline script in {template}"


def test_page_scripts_show_names_only_as_text():
    """The front end writes names with textContent; innerHTML never takes a name."""
    for script in (ROOT / "static" / "js").glob("*.js"):
        for line in script.read_text().splitlines():
            if "innerHTML" in line or "insertAdjacentHTML" in line or "outerHTML" in line:
                assert "name" not in line, f"{script.name}: {line.strip()}"


def test_cors_is_off_by_default(client):
    response = client.get("/api/presets", headers={"Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    preflight = client.options(
        "/api/networks",
        headers={"Origin": "http://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in preflight.headers


def test_cors_allow_list(make_client):
    client = make_client(cors_origins=("http://a.example",))
    allowed = client.get("/api/presets", headers={"Origin": "http://a.example"})
    assert allowed.headers["access-control-allow-origin"] == "http://a.example"
    preflight = client.options(
        "/api/networks",
        headers={"Origin": "http://a.example", "Access-Control-Request-Method": "POST"},
    )
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == "http://a.example"
    other = client.get("/api/presets", headers={"Origin": "http://b.example"})
    assert "access-control-allow-origin" not in other.headers
