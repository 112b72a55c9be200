"""Every data file the packages read at run time is declared as package data, so that a
non-editable install (`pip install .`, the README's first command) carries it."""
from __future__ import annotations

import fnmatch
import tomllib

from .conftest import REPO


def test_package_data_covers_every_data_file():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"]["package-data"]
    missing = []
    for package, patterns in package_data.items():
        root = REPO / package
        for path in root.rglob("*"):
            if not path.is_file() or path.suffix in (".py", ".pyc") or "__pycache__" in path.parts:
                continue
            rel = path.relative_to(root).as_posix()
            if not any(fnmatch.fnmatch(rel, pat) and rel.count("/") == pat.count("/") for pat in patterns):
                missing.append(f"{package}/{rel}")
    assert not missing, f"not declared as package data in pyproject.toml: {missing}"


def test_packages_are_declared():
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["setuptools"]["packages"]["find"]["include"]
    for package in ("kg", "extraction", "ontology"):
        assert f"{package}*" in include
    assert config["project"]["scripts"]["kg"] == "kg.cli:main"
