"""A non-editable install carries every page file (templates/ and static/)."""

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_page_file_is_installed_as_data():
    data_files = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "data-files"
    ]
    installed = {f for globs in data_files.values() for g in globs for f in ROOT.glob(g)}
    folders = sorted(str(f.relative_to(ROOT)) for f in installed if not f.is_file())
    assert not folders, f"setuptools cannot copy folders as data files: {folders}"
    page_files = {p for d in ("templates", "static") for p in (ROOT / d).rglob("*") if p.is_file()}
    missing = sorted(str(p.relative_to(ROOT)) for p in page_files - installed)
    assert not missing, f"add these folders to [tool.setuptools.data-files]: {missing}"


def test_every_package_data_file_is_installed():
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    package_data = setuptools.get("package-data", {})
    installed = {
        f
        for package, globs in package_data.items()
        for g in globs
        for f in (ROOT / package.replace(".", "/")).glob(g)
    }
    data_files = {p for p in (ROOT / "app").rglob("data/*") if p.is_file()}
    assert data_files, "app/engine/data holds the vendored digits"
    missing = sorted(str(p.relative_to(ROOT)) for p in data_files - installed)
    assert not missing, f"add these to [tool.setuptools.package-data]: {missing}"
