"""/embed: one network with a chosen set of controls, for an LMS page or slides.

Which sites may put it in a frame is a setting (BACKPROP_EMBED_ORIGINS, none by default):
only /embed names them in its CSP frame-ancestors; every other page stays unframeable.
"""

import re

from app.api.deps import FieldError

EMBED_PATH = "/embed"
# what a frame may show besides the graph: the transport's buttons, the step and loss, EN/中文
CONTROLS = ("reset", "undo", "play", "step", "speed", "loss", "lang")
DEFAULT_CONTROLS = ("reset", "play", "step")
ORIGIN = re.compile(r"^https?://(\*\.)?[A-Za-z0-9.-]+(:[0-9]{1,5})?$")


def check_origins(origins: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """The origins a frame-ancestors list may name (scheme://host[:port]); others refused."""
    for origin in origins:
        if not ORIGIN.match(origin):
            raise ValueError(
                f"BACKPROP_EMBED_ORIGINS: {origin!r} is not an origin like https://lms.example.org"
            )
    return tuple(origins)


def chosen_controls(text: str | None) -> list[str]:
    """The controls a comma-separated list names, in the page's order; unknown ones refused."""
    names = DEFAULT_CONTROLS if text is None else [n.strip() for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in CONTROLS]
    if unknown:
        raise FieldError(
            ("query", "controls"), f"unknown {', '.join(unknown)}; any of {', '.join(CONTROLS)}"
        )
    return [c for c in CONTROLS if c in names]
