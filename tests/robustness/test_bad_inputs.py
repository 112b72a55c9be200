"""One folder of hostile and unlucky inputs, built by the command line as a user would:
no traceback, every good document built, every bad one skipped with one line naming it,
nothing already written lost (issue 11)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kg.store import open_store

from ..conftest import REPO
from ..test_pdf_reader import make_pdf, text_page

GOOD = "◼ 배터리 협력\n루이신테크는 화웨이와 전략적 협력 협약을 체결했다.\n"
GOOD2 = "[로봇 투자]\n텐센트는 유니트리에 투자했다. 유니트리는 항저우에 본사를 둔 로봇 기업이다.\n"


def corpus(folder: Path) -> dict[str, bool]:
    """Write the inputs; returns file name → whether kg should build it."""
    folder.mkdir(parents=True)
    (folder / "2025-04").mkdir()
    (folder / "2025-05").mkdir()
    files = {
        "2025-04/weekly.txt": (GOOD.encode("utf-8"), True),  # colliding file names
        "2025-05/weekly.txt": (GOOD2.encode("utf-8"), True),
        "Weekly.txt": ("◼ 반도체\n중신궈지는 상하이에 있다.\n".encode("utf-8"), True),
        "binary.txt": (bytes(range(256)) * 8, False),
        "truncated.txt": (GOOD.rstrip("\n").encode("utf-8") + "화".encode("utf-8")[:2], False),
        "one_bad_byte.txt": (GOOD.encode("utf-8")[:12] + b"\xff" + GOOD.encode("utf-8")[12:], False),
        "mixed.txt": (GOOD.encode("utf-8") + GOOD2.encode("cp949"), False),  # half UTF-8, half CP949
        "latin1.txt": ("Zürich et Genève: la société Huawei ouvre un café.\n".encode("latin-1"), True),
        "cp949.txt": (GOOD2.encode("cp949"), True),
        "huge_line.txt": (("화웨이는 선전에 본사를 둔 기업이다 " * 2000).encode("utf-8"), True),
        "hostile.html": (('<html><body><p>화웨이는 <script>alert(1)</script><img src=x onerror="alert(2)">'
                         '선전에 있다.</p><b onload=steal()>텐센트</b></body></html>').encode("utf-8"), True),
        "encrypted.pdf": (make_pdf([text_page("Huawei opens a lab in Shenzhen")], user_password="secret",
                                   owner_password="o", algorithm="AES-128"), False),
        "broken.pdf": (b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n", False),
        "empty.txt": (b"", True),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: ok for name, (_, ok) in files.items()}


def kg(*args, cwd=REPO):
    return subprocess.run([sys.executable, "-c", "from kg.cli import main; main()", *map(str, args)],
                          cwd=cwd, capture_output=True, text=True, timeout=900)


def test_a_folder_of_bad_inputs_builds_what_it_can(tmp_path):
    expected = corpus(tmp_path / "corpus")
    out = tmp_path / "g.trig"
    out.write_text("old graph", encoding="utf-8")
    store = tmp_path / "store"
    run = kg("build", tmp_path / "corpus", "-o", out, "--store", store, "--workers", "1")
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr + run.stdout
    warnings = [line for line in run.stderr.splitlines() if line.startswith("kg: warning: skipping")]
    bad = sorted(name for name, ok in expected.items() if not ok)
    assert len(warnings) == len(bad), run.stderr
    for name in bad:
        assert sum(Path(name).name in w for w in warnings) == 1, (name, warnings)
    assert out.read_text(encoding="utf-8") != "old graph"
    with open_store(store, read_only=True) as st:
        names = [r[0] for r in st.select("SELECT ?n WHERE { GRAPH ?g { ?d kg:fileName ?n } }").rows]
    good = [Path(name).name for name, ok in expected.items() if ok]
    assert sorted(names) == sorted(good)  # both weekly.txt, Weekly.txt: one graph each


def test_hostile_markup_is_text_not_names(tmp_path):
    corpus(tmp_path / "corpus")
    out = tmp_path / "g.nq"
    run = kg("build", tmp_path / "corpus" / "hostile.html", "-o", out)
    assert run.returncode == 0, run.stderr
    from rdflib import Dataset
    from rdflib.namespace import SKOS

    ds = Dataset()
    ds.parse(out, format="nquads")
    labels = [str(o) for _s, _p, o, _g in ds.quads((None, SKOS.prefLabel, None, None))]
    assert "화웨이" in labels
    assert not any(bad in label for label in labels
                   for bad in ("script", "onerror", "onload", "alert", "steal", "<", ">", "="))
