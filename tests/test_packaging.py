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


def _runtime_closure() -> tuple[set[str], set[str]]:
    """The distributions ``pip install .`` brings in: pyproject's dependencies, then the
    requirements of each installed distribution, recursively, without extras (what a
    requirement asks only under an extra, ``pytest; extra == "test"``, is not installed)."""
    from importlib import metadata

    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    todo = [Requirement(r) for r in config["project"]["dependencies"]]
    seen: set[str] = set()
    missing: set[str] = set()
    while todo:
        req = todo.pop()
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        name = canonicalize_name(req.name)
        if name in seen:
            continue
        seen.add(name)
        try:
            dist = metadata.distribution(req.name)
        except metadata.PackageNotFoundError:
            missing.add(name)
            continue
        todo.extend(Requirement(r) for r in dist.requires or ())
        for extra in req.extras:  # dask[distributed] brings distributed
            for r in dist.requires or ():
                parsed = Requirement(r)
                if parsed.marker is not None and parsed.marker.evaluate({"extra": extra}):
                    todo.append(Requirement(str(parsed).split(";")[0]))
    return seen, missing


def test_runtime_dependencies_bring_no_test_tools():
    """`pip install .` used to install pytest, pytest-cov and coveralls: the hanja package
    declared them as requirements. kg reads its own table of readings now."""
    closure, missing = _runtime_closure()
    assert "spacy" in closure and "rdflib" in closure and len(closure) > 30
    assert len(missing) <= 3, f"runtime requirements not installed here, not walked: {sorted(missing)}"
    tools = {"pytest", "pytest-cov", "coveralls", "hypothesis", "coverage", "nose", "tox"}
    assert not closure & tools, f"test tools in kg's runtime dependencies: {sorted(closure & tools)}"
    assert "hanja" not in closure
