"""The OpenAPI schema with the server's limits written in, from its Settings."""

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from app.settings import Settings


def _bound(node: dict, **bounds: int) -> None:
    """Add bounds (maximum, maxItems...) to a schema node, or to its non-null alternative."""
    for option in node.get("anyOf", [node]):
        if option.get("type") != "null":
            option.update(bounds)


def _limits(settings: Settings) -> dict[str, dict[str, dict]]:
    """model -> field -> bounds, for the limits a request is checked against."""
    widest = max(settings.max_inputs, settings.max_units)
    rows = {"maxItems": settings.max_rows}
    layers = {"maxItems": settings.max_hidden_layers + 2}
    batch = {"maximum": settings.max_rows}
    return {
        "NetworkCreate": {"layers": layers, "batch_size": batch},
        "ExportDocument": {"layers": layers, "batch_size": batch},
        "NetworkPatch": {"batch_size": batch},
        "TrainRequest": {"steps": {"maximum": settings.max_train_steps}, "batch_size": batch},
        "ForwardRequest": {"inputs": rows, "targets": rows},
        "StepRequest": {"inputs": rows, "targets": rows},
        "InlineDataset": {"inputs": rows, "targets": rows},
        "_layer_items": {"maximum": widest},
    }


def install(app: FastAPI, settings: Settings) -> None:
    """Serve an OpenAPI schema that states the limits of this server's settings."""

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            limits = _limits(settings)
            models = schema["components"]["schemas"]
            for model, fields in limits.items():
                for field, bounds in fields.items():
                    if model in models and field in models[model]["properties"]:
                        node = models[model]["properties"][field]
                        _bound(node, **bounds)
                        if field == "layers":
                            for option in node.get("anyOf", [node]):
                                if "items" in option:
                                    option["items"].update(limits["_layer_items"])
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi
