"""Where a request comes from: refuse foreign Host names (DNS rebinding) and cross-site changes."""

import ipaddress

from starlette.types import Scope

from app.settings import Settings

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")
ANY_ADDRESS = ("0.0.0.0", "::", "")
CHANGING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
DEFAULT_PORTS = {"http": ":80", "https": ":443"}


def host_name(host: str) -> str:
    """The name in a Host header: lower case, without port, brackets or final dot."""
    host = host.strip().lower()
    if host.startswith("["):
        return host[1:].split("]", 1)[0]
    return host.rsplit(":", 1)[0].rstrip(".")


def _is_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _origin(scheme: str, host: str) -> str:
    """scheme://host[:port] in lower case, without the scheme's default port."""
    host = host.strip().lower()
    return f"{scheme}://{host.removesuffix(DEFAULT_PORTS.get(scheme, '-'))}"


class Origins:
    """The Host names this server answers to, and the origins that may change its state."""

    def __init__(self, settings: Settings):
        names = [*LOOPBACK_NAMES, *settings.allowed_hosts]
        if settings.host not in ANY_ADDRESS:
            names.append(settings.host)
        self.any_host = "*" in names
        self.hosts = frozenset(host_name(n) for n in names)
        self.cors = frozenset(o.lower().rstrip("/") for o in settings.cors_origins)

    def refusal(self, scope: Scope) -> tuple[int, str] | None:
        """(status, message) when this request must be refused before the app sees it."""
        headers = dict(scope["headers"])
        host = headers.get(b"host", b"").decode("latin-1")
        name = host_name(host)
        # an address is not a name, so no DNS answer can rebind it
        if not (self.any_host or name in self.hosts or _is_address(name)):
            return 400, (
                f"this server does not answer to the Host {host!r}; "
                "add the name to BACKPROP_ALLOWED_HOSTS"
            )
        if scope["method"] not in CHANGING_METHODS:
            return None
        origin = headers.get(b"origin", b"").decode("latin-1").strip().lower()
        if origin and origin in self.cors:
            return None
        if headers.get(b"sec-fetch-site", b"").lower() == b"cross-site":
            return 403, "cross-site request refused (Sec-Fetch-Site: cross-site)"
        if origin and origin != _origin(scope["scheme"], host):
            return 403, f"cross-site request refused: Origin {origin!r} is not this server's"
        return None
