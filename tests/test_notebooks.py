"""The notebooks in notebooks/ run from top to bottom without an error (nbclient, in a
kernel of the Python running the tests), and are committed without outputs.

They run in one temporary working directory, so what they write (``output/``) never lands
in the repository, in order: 01 builds ``output/graph.trig`` and 02 and 03 use it (each
builds it when it is missing, so each also runs on its own).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from .conftest import REPO

NOTEBOOKS = REPO / "notebooks"
NAMES = ["01_build_and_query.ipynb", "02_partner_networks.ipynb", "03_export_to_gephi.ipynb"]
TIMEOUT = 600  # seconds per cell; 01 takes about 15 s here, 02 and 03 a few seconds


def _require(module: str):
    try:
        return __import__(module)
    except ImportError:
        why = f"{module} is not installed (it is in the test extras: pip install -e '.[test]')"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{why}: CI must execute the notebooks")
        pytest.skip(why)


def execute(path: Path, workdir: Path):
    """Run ``path`` in ``workdir``; return the executed notebook (raises on a cell error)."""
    nbformat = _require("nbformat")
    _require("ipykernel")
    _require("nbclient")
    from jupyter_client.kernelspec import KernelSpec, KernelSpecManager
    from jupyter_client.manager import AsyncKernelManager
    from nbclient import NotebookClient

    class ThisPython(KernelSpecManager):
        """The python3 kernel of the interpreter running the tests, whatever other
        kernelspecs the machine has."""

        def get_kernel_spec(self, kernel_name):
            return KernelSpec(argv=[sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                              display_name="Python 3", language="python",
                              env={"MPLBACKEND": "module://matplotlib_inline.backend_inline"})

    nb = nbformat.read(path, as_version=4)
    km = AsyncKernelManager(kernel_name="python3", kernel_spec_manager=ThisPython())
    NotebookClient(nb, km=km, timeout=TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(workdir)}}).execute()
    return nb


def outputs(nb, output_type=None):
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if output_type is None or out["output_type"] == output_type:
                yield out


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    nb = json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))
    assert nb["metadata"]["kernelspec"]["name"] == "python3"
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, (
                f"{name}: clear its outputs before committing (Jupyter: Edit ▸ Clear Outputs of All Cells)")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory):
    return tmp_path_factory.mktemp("notebooks")


@pytest.mark.parametrize("name", NAMES)
def test_notebook_runs(name, workdir):
    tmp_path = workdir
    nb = execute(NOTEBOOKS / name, tmp_path)
    errors = [o for o in outputs(nb, "error")]
    assert not errors, errors
    assert any(outputs(nb, "display_data")) or any(outputs(nb, "execute_result"))
    written = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "output").rglob("*"))
    assert "output/graph.trig" in written, written
    if name.startswith("02"):
        images = [o for o in outputs(nb) if "image/png" in o.get("data", {})]
        assert len(images) >= 3, "the ego network, community and investor charts render inline"
        assert {"output/investors_by_deals.png", "output/network.html", "output/unitree.html"} <= set(written)
    if name.startswith("03"):
        assert {"output/network.gexf", "output/network.graphml", "output/network-nodes.csv",
                "output/network-edges.csv"} <= set(written), written

