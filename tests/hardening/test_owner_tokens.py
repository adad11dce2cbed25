"""Owner tokens: only the server issues them; chosen, forged or foreign tokens are no token."""

import re
import stat

import pytest

TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{22}$")
SHARED = {"BACKPROP_SHARED": "1"}


def create(client, headers: dict | None = None) -> tuple[str, str]:
    """Create a network with no cookie (and these headers): its id and the token handed over."""
    client.cookies.clear()
    response = client.post("/api/networks", json={"preset": "xor"}, headers=headers)
    assert response.status_code == 201, response.text
    client.cookies.clear()
    token = response.headers["X-Owner-Token"]
    assert TOKEN.match(token), token
    assert response.cookies["bpv_owner"] == token
    return response.json()["id"], token


def forge(token: str) -> str:
    """The token with its last character changed: the same id, a wrong signature."""
    return token[:-1] + ("A" if token[-1] != "A" else "B")


def as_owner(token: str) -> dict:
    return {"X-Owner-Token": token}


def test_a_chosen_token_is_replaced_by_an_issued_one(serve):
    server = serve(env=SHARED)
    with server.client() as client:
        for chosen in ["a", "x" * 8000, "not-a-token.at-all", "A" * 22 + "." + "B" * 22]:
            nid, token = create(client, as_owner(chosen))
            assert token != chosen
            refused = client.post(f"/api/networks/{nid}/step", json={}, headers=as_owner(chosen))
            assert refused.status_code == 403, refused.text
            assert client.get("/api/networks", headers=as_owner(chosen)).json() == []
            mine = client.post(f"/api/networks/{nid}/step", json={}, headers=as_owner(token))
            assert mine.status_code == 200


def test_a_forged_token_is_no_token(serve):
    server = serve(env=SHARED)
    with server.client() as client:
        nid, token = create(client)
        forged = forge(token)
        before = client.get(f"/api/networks/{nid}").json()
        for method, suffix, body in [("POST", "/step", {}), ("PATCH", "", {"name": "x"})]:
            for headers in (as_owner(forged), {"Cookie": f"bpv_owner={forged}"}):
                response = client.request(
                    method, f"/api/networks/{nid}{suffix}", json=body, headers=headers
                )
                assert response.status_code == 403, response.text
        assert client.delete(f"/api/networks/{nid}", headers=as_owner(forged)).status_code == 403
        assert client.get(f"/api/networks/{nid}").json() == before
        assert client.get("/api/networks", headers=as_owner(forged)).json() == []
        # a create with the forged token gets a fresh token, not the forged one's id
        _, fresh = create(client, as_owner(forged))
        assert fresh.split(".")[0] != token.split(".")[0]
        # the cookie works like the header
        cookie = {"Cookie": f"bpv_owner={token}"}
        assert client.post(f"/api/networks/{nid}/step", json={}, headers=cookie).status_code == 200


def test_tokens_hold_across_restarts_and_workers(serve, tmp_path):
    first = serve(env=SHARED)
    with first.client() as client:
        nid, token = create(client)
    first.stop()
    key = tmp_path / "backprop.sqlite3.key"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    again = serve(env={**SHARED, "BACKPROP_WORKERS": "2"})
    with again.client() as client:
        for _ in range(20):  # new connections, spread over both workers
            response = client.post(
                f"/api/networks/{nid}/step",
                json={},
                headers={**as_owner(token), "Connection": "close"},
            )
            assert response.status_code == 200, response.text
        # tokens issued by either worker work on the other
        issued = [create(client, {"Connection": "close"}) for _ in range(6)]
        for other, other_token in issued:
            response = client.post(
                f"/api/networks/{other}/step",
                json={},
                headers={**as_owner(other_token), "Connection": "close"},
            )
            assert response.status_code == 200, response.text


def test_another_secret_key_disowns_old_tokens(serve):
    first = serve(env={**SHARED, "BACKPROP_SECRET_KEY": "k" * 40})
    with first.client() as client:
        nid, token = create(client)
        assert client.post(f"/api/networks/{nid}/step", json={}, headers=as_owner(token)).is_success
    first.stop()
    second = serve(env={**SHARED, "BACKPROP_SECRET_KEY": "z" * 40})
    with second.client() as client:
        response = client.post(f"/api/networks/{nid}/step", json={}, headers=as_owner(token))
        assert response.status_code == 403


@pytest.mark.parametrize("secure", [False, True])
def test_the_cookie_is_secure_when_configured(make_client, secure):
    client = make_client(shared=True, cookie_secure=secure)
    header = client.post("/api/networks", json={}).headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header
    assert ("; secure" in header) is secure
