"""GET /api/embed: what an /embed link may name, for the page's link builder."""

from fastapi import APIRouter
from pydantic import BaseModel, Field

from app.embed import CONTROLS, DEFAULT_CONTROLS, EMBED_PATH

from .deps import JSON, SettingsDep

router = APIRouter(tags=["catalog"])


class EmbedOptions(BaseModel):
    """The /embed page's path, the controls it can show, and the sites that may frame it."""

    path: str
    controls: list[str] = Field(description="the page's order")
    default: list[str] = Field(description="shown when the link names none")
    origins: list[str] = Field(description="BACKPROP_EMBED_ORIGINS; empty: no site may frame it")


@router.get("/api/embed", response_model=EmbedOptions, response_class=JSON)
def embed_options(settings: SettingsDep):
    """What /embed?net=<id>&controls=... may name, and which sites may frame it."""
    return JSON(
        {
            "path": EMBED_PATH,
            "controls": list(CONTROLS),
            "default": list(DEFAULT_CONTROLS),
            "origins": list(settings.embed_origins),
        }
    )
