"""A network as a standalone Python script or notebook that trains on to the server's numbers.

The code lives in templates/export-*.py.j2, cells marked `# %%` (the percent format editors
open as a notebook); this module fills in the numbers and splits a notebook into cells.
"""

import functools
import json
import re
import unicodedata
from pathlib import Path

import jinja2
import numpy as np

from app.engine import Session
from app.settings import PROJECT_HOME

FORMATS = {"numpy": "export-numpy.py.j2", "pytorch": "export-pytorch.py.j2"}
WIDTH = 100  # the longest line a number list is wrapped to
CELL = re.compile(r"^# %%(?: \[(markdown)\])?(?: tags=(\[.*\]))?$")


def literal(value: object, indent: int = 0) -> str:
    """A Python literal of `value` that reads back exactly (floats as shortest repr)."""
    if isinstance(value, np.ndarray):
        value = value.tolist()
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, float | int):
        return repr(float(value)) if isinstance(value, float) else str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{literal(k)}: {literal(v)}" for k, v in value.items()) + "}"
    if isinstance(value, tuple):
        return "(" + ", ".join(literal(v) for v in value) + ")"
    if value and isinstance(value[0], list):
        inner = " " * (indent + 4)
        rows = "".join(f"{inner}{literal(row, indent + 4)},\n" for row in value)
        return f"[\n{rows}{' ' * indent}]"
    return _wrapped([literal(v) for v in value], indent)


def _wrapped(items: list[str], indent: int) -> str:
    """A flat list, on one line if it fits, else wrapped to WIDTH."""
    one = "[" + ", ".join(items) + "]"
    if indent + len(one) <= WIDTH:
        return one
    lines, line, inner = [], "", " " * (indent + 4)
    for item in items:
        if line and len(inner) + len(line) + len(item) + 2 > WIDTH:
            lines.append(line.rstrip())
            line = ""
        line += item + ", "
    lines.append(line.rstrip())
    return "[\n" + "".join(f"{inner}{x}\n" for x in lines) + " " * indent + "]"


def plain_text(value: object) -> str:
    """A name made safe for a comment or Markdown line: no control characters."""
    return "".join(c for c in str(value) if unicodedata.category(c) != "Cc")


@functools.lru_cache(maxsize=4)
def environment(home: Path) -> jinja2.Environment:
    """The templates under home/templates, as Python source (not HTML-escaped)."""
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(home / "templates"),
        autoescape=False,  # Python source, not HTML; names pass through plain_text
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    env.filters["py"] = literal
    return env


def context(session: Session, name: str, network_id: str, filename: str) -> dict:
    """Everything the templates print: the network, data, optimizer and batch position."""
    net, data = session.network, session.dataset
    opt = net.optimizer
    activations = list(dict.fromkeys([net.hidden_activation, net.output_activation]))
    settings_text = ", ".join(f"{k} = {literal(v)}" for k, v in opt.settings.items()) or "none"
    return {
        "name": plain_text(name),
        "id": network_id,
        "filename": filename,
        "layers": net.layers,
        "hidden": net.hidden_activation,
        "output": net.output_activation,
        "activations": activations,
        "loss": net.loss,
        "use_bias": net.use_bias,
        "weights": net.weights,
        "biases": net.biases,
        "rows": data.size,
        "dataset": plain_text(data.name),
        "features": [plain_text(f) for f in data.features],
        "inputs": data.inputs,
        "targets": data.targets,
        "step": session.step,
        "cursor": session.cursor,
        "seed": session.seed,
        "learning_rate": session.learning_rate,
        "batch_size": session.batch_size,
        "regularization": net.regularization,
        "regularization_rate": net.regularization_rate,
        "penalty": net.regularization != "none" and net.regularization_rate > 0,
        "optimizer": opt.name,
        "settings": opt.settings,
        "settings_text": settings_text,
        "opt_step": opt.step,
        "slots": list(opt.slots),
        "slot_arrays": {s: net.layout.views(row) for s, row in zip(opt.slots, opt.state)},
    }


def script(kind: str, values: dict, notebook: bool = False, home: Path = PROJECT_HOME) -> str:
    """The rendered script of `kind` (numpy or pytorch) from home's templates."""
    template = environment(home).get_template(FORMATS[kind])
    text = template.render(**values, notebook=notebook)
    return re.sub(r"\n{4,}", "\n\n\n", text).rstrip() + "\n"


def notebook(values: dict, home: Path = PROJECT_HOME) -> str:
    """The numpy script as a Jupyter notebook (nbformat 4): its `# %%` cells as cells."""
    cells: list[dict] = []
    for line in script("numpy", values, True, home).splitlines():
        marker = CELL.match(line)
        if marker:
            kind, tags = marker.groups()
            cells.append(
                _cell("markdown" if kind else "code", json.loads(tags or "[]"), len(cells))
            )
        elif cells:
            markdown = cells[-1]["cell_type"] == "markdown"
            text = (line[2:] if line.startswith("# ") else line[1:]) if markdown else line
            cells[-1]["source"].append(text)
    for cell in cells:
        while cell["source"] and not cell["source"][-1].strip():
            cell["source"].pop()
        cell["source"] = [line + "\n" for line in cell["source"][:-1]] + cell["source"][-1:]
    document = {
        "cells": cells,
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(document, indent=1)


def _cell(kind: str, tags: list[str], number: int) -> dict:
    """An empty notebook cell of this kind (code cells with no outputs yet)."""
    cell = {
        "cell_type": kind,
        "id": f"cell-{number}",
        "metadata": {"tags": tags} if tags else {},
        "source": [],
    }
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell
