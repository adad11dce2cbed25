"""The HTML pages: the visualizer and the offline API docs."""

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from app.settings import Settings

SWAGGER = "/static/vendor/swagger-ui-5.35.0"


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

    @router.get("/docs", response_class=HTMLResponse)
    def docs(request: Request):
        """Swagger UI for the OpenAPI schema, served from static/vendor (no CDN)."""
        return templates.TemplateResponse(request, "docs.html", {"swagger": SWAGGER})

    return router
