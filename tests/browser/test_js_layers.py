"""The page's folders import one way: each only from itself and the folders below it."""

import re

from .conftest import ROOT

JS = ROOT / "static" / "js"
# bottom first; README "Design" draws the same order
RANKS = {"model": 0, "core": 1, "graph": 2, "charts": 2, "scenes": 3, "views": 4, "lessons": 5}
IMPORT = re.compile(r"""^import [^;]*? from "(\.[^"]+)";""", re.M | re.S)
LIMITS = {"file": 300, "entry": 120}


def folder(path) -> str:
    """The folder of a module under static/js ("main" for the entry files)."""
    rel = path.relative_to(JS)
    return rel.parts[0] if len(rel.parts) > 1 else "main"


def test_every_import_points_down_or_sideways() -> None:
    wrong = []
    for path in sorted(JS.rglob("*.js")):
        here = folder(path)
        for target in IMPORT.findall(path.read_text(encoding="utf-8")):
            resolved = (path.parent / target).resolve()
            if JS not in resolved.parents:
                continue  # a vendored library
            there = folder(resolved)
            if here != "main" and RANKS[there] > RANKS[here]:
                wrong.append(f"{path.relative_to(JS)} imports {resolved.relative_to(JS)}")
    assert wrong == []


def test_files_are_small_and_hold_no_module_level_state() -> None:
    for path in sorted(JS.rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        lines = text.count("\n")
        limit = LIMITS["entry"] if path == JS / "main.js" else LIMITS["file"]
        assert lines <= limit, f"{path.relative_to(JS)}: {lines} lines"
        assert text.startswith("// @ts-check"), path
        if "store" not in path.name:
            assert not re.search(r"^(let|var) ", text, re.M), path
