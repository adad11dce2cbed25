"""The HTML pages: the visualizer and the offline API docs."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.embed import EMBED_PATH, chosen_controls
from app.settings import Settings
from app.store import networks as store

SWAGGER = "/static/vendor/swagger-ui-5.35.0"
NETWORK_ID = r"^[A-Za-z0-9_-]{8,64}$"


def pages_router(settings: Settings) -> APIRouter:
    """Routes that render templates/ with Jinja2 (autoescaped)."""
    templates = Jinja2Templates(directory=settings.home / "templates")
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def index(request: Request):
        """The visualizer."""
        return templates.TemplateResponse(request, "index.html", {"shared": settings.shared})

    @router.get("/teacher", response_class=HTMLResponse)
    def teacher(request: Request):
        """The teacher's view of the class (its token rides in the link's fragment)."""
        return templates.TemplateResponse(request, "teacher.html", {})

    @router.get("/worksheet", response_class=HTMLResponse)
    def worksheet(request: Request):
        """A printable worksheet of one network (its id rides in the link's fragment)."""
        return templates.TemplateResponse(request, "worksheet.html", {})

    @router.get(EMBED_PATH, response_class=HTMLResponse)
    def embed(
        request: Request,
        net: Annotated[str, Query(pattern=NETWORK_ID, description="the network to show")],
        controls: Annotated[str | None, Query(description="e.g. step,play,reset")] = None,
    ):
        """One network with only the chosen controls, to put in a frame."""
        chosen = chosen_controls(controls)
        with request.app.state.db.snapshot() as conn:
            store.load(conn, net)  # an unknown id is a 404, not a page that makes a new one
        context = {"shared": settings.shared, "embed": {"net": net, "controls": chosen}}
        return templates.TemplateResponse(request, "index.html", context)

    @router.get("/docs", response_class=HTMLResponse)
    def docs(request: Request):
        """Swagger UI for the OpenAPI schema, served from static/vendor (no CDN)."""
        return templates.TemplateResponse(request, "docs.html", {"swagger": SWAGGER})

    return router
