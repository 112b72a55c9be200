"""Issue 11, data loss: a document is identified by its file, not its file name; one bad
file does not lose a folder build; outputs are whole or untouched, and no temporary file
is left holding a graph."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extraction.readers import decode_text
from extraction.errors import ReadError
from kg.atomic import AtomicFile, check_output, remove_stale
from kg.build import build
from kg.cli import app
from kg.errors import KgError
from kg.store import open_for_query, open_store

from .conftest import REPO

runner = CliRunner()

A = "◼ 배터리 협력\n루이신테크는 화웨이와 전략적 협력 협약을 체결했다.\n"
B = "◼ 자율주행 투자\n텐센트는 포니닷에이아이에 투자했다.\n"
C = "◼ 로봇\n유니트리(宇树科技)는 항저우에 본사를 둔 로봇 기업이다.\n"


def run(*args):
    return runner.invoke(app, [str(a) for a in args])


def graphs(store_dir) -> dict[str, str]:
    """File name per named graph of a store."""
    with open_store(store_dir) as st:
        rows = st.select("SELECT ?g ?n WHERE { GRAPH ?g { ?d kg:fileName ?n } }").rows
    return {g: n for g, n in rows}


def labels(store_dir) -> set[str]:
    with open_store(store_dir) as st:
        return {r[0] for r in st.select("SELECT ?l WHERE { ?e skos:prefLabel ?l }").rows}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- identity


def test_same_file_name_in_two_folders_built_together_both_survive(tmp_path):
    a = write(tmp_path / "2025-04" / "weekly.txt", A)
    b = write(tmp_path / "2025-05" / "weekly.txt", B)
    summary = build([tmp_path / "2025-04", tmp_path / "2025-05"], store=tmp_path / "s")
    assert summary.store_documents == 2
    assert sorted(graphs(tmp_path / "s").values()) == ["weekly.txt", "weekly.txt"]
    assert {"루이신테크", "포니닷에이아이"} <= labels(tmp_path / "s")
    assert a.exists() and b.exists()


def test_same_file_name_in_two_folders_built_one_after_the_other_both_survive(tmp_path):
    write(tmp_path / "2025-04" / "weekly.txt", A)
    write(tmp_path / "2025-05" / "weekly.txt", B)
    build([tmp_path / "2025-04" / "weekly.txt"], store=tmp_path / "s")
    summary = build([tmp_path / "2025-05" / "weekly.txt"], store=tmp_path / "s")
    assert summary.store_documents == 2
    assert {"루이신테크", "포니닷에이아이"} <= labels(tmp_path / "s")


@pytest.mark.parametrize("names", [("Weekly.txt", "weekly.txt"), ("weekly report.txt", "weekly-report.txt"),
                                   ("x" * 100 + "-a.txt", "x" * 100 + "-b.txt")])
def test_names_that_slug_alike_do_not_collide(tmp_path, names):
    write(tmp_path / "one" / names[0], A)
    write(tmp_path / "two" / names[1], B)
    build([tmp_path / "one"], store=tmp_path / "s")
    build([tmp_path / "two"], store=tmp_path / "s")
    assert len(graphs(tmp_path / "s")) == 2


def test_a_changed_file_replaces_its_own_graph_only(tmp_path):
    f = write(tmp_path / "weekly.txt", A)
    write(tmp_path / "other" / "weekly.txt", C)
    build([tmp_path / "weekly.txt", tmp_path / "other"], store=tmp_path / "s")
    f.write_text(B, encoding="utf-8")
    build([f], store=tmp_path / "s")
    names = labels(tmp_path / "s")
    assert "루이신테크" not in names and "포니닷에이아이" in names and "유니트리" in names
    assert len(graphs(tmp_path / "s")) == 2


def test_a_moved_file_is_the_same_document(tmp_path):
    """Same content under another path replaces its old graph: one document, one graph."""
    old = write(tmp_path / "inbox" / "weekly.txt", A)
    build([old], store=tmp_path / "s")
    new = tmp_path / "archive" / "2025-weekly.txt"
    new.parent.mkdir()
    old.rename(new)
    summary = build([new], store=tmp_path / "s")
    assert summary.store_documents == 1
    assert list(graphs(tmp_path / "s").values()) == ["2025-weekly.txt"]
    with open_store(tmp_path / "s") as st:  # the union holds exactly what the one graph holds
        (name,) = st.graph_names()
        assert len(st) == len(st.graph(name))


def test_identical_files_in_one_build_are_built_once(tmp_path):
    write(tmp_path / "x" / "a.txt", A)
    write(tmp_path / "y" / "copy.txt", A)
    summary = build([tmp_path / "x", tmp_path / "y"], tmp_path / "g.trig")
    assert len(summary.documents) == 1
    (dup,) = summary.skipped
    assert not dup.error and "same content" in dup.reason


# --------------------------------------------------------------------------- bad files in a folder


def bad_folder(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    write(folder / "a.txt", A)
    good = A.encode("utf-8")
    (folder / "b_one_bad_byte.txt").write_bytes(good[:20] + b"\xff" + good[20:])
    (folder / "c_cut_short.txt").write_bytes(B.rstrip("\n").encode("utf-8") + "화".encode("utf-8")[:2])
    write(folder / "d.txt", C)
    (folder / "e_binary.pdf").write_bytes(b"\x00\x01 not a pdf at all" * 10)
    return folder


def test_a_folder_build_skips_what_it_cannot_read_and_builds_the_rest(tmp_path):
    folder = bad_folder(tmp_path)
    summary = build([folder], tmp_path / "g.trig", store=tmp_path / "s")
    assert sorted(d.name for d in summary.documents) == ["a.txt", "d.txt"]
    assert sorted(s.path.name for s in summary.errors) == ["b_one_bad_byte.txt", "c_cut_short.txt", "e_binary.pdf"]
    assert (tmp_path / "g.trig").stat().st_size > 0
    assert summary.store_documents == 2


def test_cli_folder_build_warns_once_per_file_and_exits_zero_unless_strict(tmp_path):
    folder = bad_folder(tmp_path)
    result = run("build", folder, "-o", tmp_path / "g.trig")
    assert result.exit_code == 0, result.output
    assert result.output.count("kg: warning: skipping") == 3
    assert "3 source(s) not built" in result.output
    assert "line 1, column" in result.output and "cut short" in result.output
    strict = run("build", folder, "-o", tmp_path / "h.trig", "--strict")
    assert strict.exit_code == 1
    assert (tmp_path / "h.trig").exists()  # the rest was still built


def test_nothing_readable_is_an_error_that_names_the_file(tmp_path):
    (tmp_path / "only.txt").write_bytes(A.encode("utf-8")[:30] + b"\xff" + A.encode("utf-8")[30:])
    result = run("build", tmp_path / "only.txt", "-o", tmp_path / "g.trig")
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("kg: error:")]
    assert len(lines) == 1 and "only.txt" in lines[0] and "nothing was built" in lines[0]
    assert not (tmp_path / "g.trig").exists()


def test_an_unlistable_subfolder_is_skipped(tmp_path, monkeypatch):
    folder = tmp_path / "corpus"
    write(folder / "a.txt", A)
    write(folder / "locked" / "b.txt", B)
    real = Path.iterdir

    def iterdir(self):
        if self.name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "iterdir", iterdir)
    summary = build([folder], tmp_path / "g.trig")
    assert [d.name for d in summary.documents] == ["a.txt"]
    assert "cannot list folder" in summary.errors[0].reason


def test_utf8_with_one_bad_byte_says_where():
    raw = ("첫 줄\n둘째 줄에 " + "가나다" * 10 + "\n").encode("utf-8")
    pos = raw.index("둘째".encode("utf-8")) + 3
    with pytest.raises(ReadError, match=r"line 2, column 2 \(byte \d+\)") as info:
        decode_text(raw[:pos] + b"\xfe" + raw[pos:], "x.txt")
    assert "re-save" not in str(info.value)


def test_latin1_text_is_not_mojibake():
    for text in ("Café\n", "Zürich, Genève et München. Straße, façade, naïve.\n"):
        decoded, encoding = decode_text(text.encode("latin-1"), "x.txt")
        assert decoded == text and encoding == "cp1252"
    decoded, _ = decode_text("“Smart” factory – 3 €\n".encode("cp1252"), "x.txt")
    assert decoded == "“Smart” factory – 3 €\n"


# --------------------------------------------------------------------------- outputs


def test_output_checks_come_before_the_work(tmp_path, monkeypatch):
    import kg.build as kb

    def no_work(*a, **k):
        raise AssertionError("extraction ran before the output was checked")

    monkeypatch.setattr(kb, "extract_files", no_work)
    f = write(tmp_path / "a.txt", A)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "adir.trig").mkdir()
    for target, needle in ((tmp_path / "adir.trig", "is a folder"),
                           (tmp_path / "afile" / "g.trig", "is a file, not a folder")):
        result = run("build", f, "-o", target)
        assert result.exit_code == 1 and needle in result.output, result.output
        assert "Traceback" not in result.output


def test_disk_full_keeps_the_old_output_and_leaves_no_temporary(tmp_path, monkeypatch):
    f = write(tmp_path / "a.txt", A)
    out = tmp_path / "g.trig"
    out.write_text("old graph", encoding="utf-8")
    real = AtomicFile.write

    def full(self, data):
        self.fh.write = _raise_enospc
        return real(self, data)

    monkeypatch.setattr(AtomicFile, "write", full)
    result = run("build", f, "-o", out)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [f"kg: error: {out}: cannot write (no space left on the device); its previous version is kept"]
    assert out.read_text(encoding="utf-8") == "old graph"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _raise_enospc(data):
    raise OSError(28, "No space left on device")


def test_leftovers_of_a_killed_run_are_removed_by_the_next(tmp_path):
    out = tmp_path / "g.trig"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".g.trig.kgtmp-{int(dead.stdout)}-abc"
    stale.write_text("a whole graph")
    live = tmp_path / f".g.trig.kgtmp-{os.getpid()}-def"  # a run still going: left alone
    live.write_text("in progress")
    assert remove_stale(out) == [stale]
    assert live.exists() and not stale.exists()
    check_output(out)  # every write checks
    live.unlink()


def test_a_killed_build_keeps_the_old_output_and_the_next_run_cleans_up(tmp_path):
    """SIGTERM mid-build: the old graph file stays, the temporary file goes (the CLI
    unwinds like Ctrl-C); after SIGKILL the next build removes what was left."""
    src = tmp_path / "corpus"
    for i in range(30):
        write(src / f"doc{i:02}.txt", A.replace("루이신테크", f"루이신테크{i}"))
    out = tmp_path / "g.trig"
    out.write_text("old graph", encoding="utf-8")
    for sig in (signal.SIGTERM, signal.SIGKILL):
        proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "build", str(src),
                                 "-o", str(out)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True)
        deadline = time.time() + 600
        while time.time() < deadline and not any(p.name.startswith(".g.trig.kgtmp-") for p in tmp_path.iterdir()):
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(sig)
        _, stderr = proc.communicate(timeout=600)
        assert out.read_text(encoding="utf-8") == "old graph"
        if sig == signal.SIGTERM:
            assert proc.returncode == 130, stderr
            assert "interrupted" in stderr and "not written" in stderr, stderr
            assert not [p for p in tmp_path.iterdir() if ".kgtmp-" in p.name]
    assert [p for p in tmp_path.iterdir() if ".kgtmp-" in p.name]  # SIGKILL left its temporary
    build([src / "doc00.txt"], out)
    assert not [p for p in tmp_path.iterdir() if ".kgtmp-" in p.name]
    assert out.read_text(encoding="utf-8") != "old graph"


# --------------------------------------------------------------------------- concurrency


QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _reader(store_dir: str, hold: float) -> subprocess.Popen:
    code = ("import sys, time; from kg.store import open_for_query\n"
            "st = open_for_query(sys.argv[1]); print('open', flush=True); time.sleep(float(sys.argv[2]))\n"
            f"print(st.select({QUERY!r}).rows[0][0], flush=True); st.close()")
    return subprocess.Popen([sys.executable, "-c", code, store_dir, str(hold)], cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_readers_do_not_block_readers(tmp_path):
    build([write(tmp_path / "a.txt", A)], store=tmp_path / "s")
    readers = [_reader(str(tmp_path / "s"), 2.0) for _ in range(2)]
    for r in readers:
        assert r.stdout.readline().strip() == "open"
    # both hold the store now; a third reader in this process opens at once
    t0 = time.monotonic()
    with open_store(tmp_path / "s", read_only=True, wait=0) as st:
        assert int(st.select(QUERY).rows[0][0]) > 0
    assert time.monotonic() - t0 < 1.5
    for r in readers:
        out, err = r.communicate(timeout=60)
        assert r.returncode == 0 and int(out.strip()) > 0, err


def test_a_build_holds_the_store_only_while_it_commits(tmp_path, monkeypatch):
    """While a build reads and extracts its documents the store stays readable; only its
    commit makes readers wait."""
    build([write(tmp_path / "a.txt", A)], store=tmp_path / "s")
    import kg.build as kb

    real = kb.extract_files
    seen = {}

    def extracting(*args, **kwargs):
        with open_store(tmp_path / "s", read_only=True, wait=0) as st:  # no build lock yet
            seen["during extraction"] = len(st)
        return real(*args, **kwargs)

    monkeypatch.setattr(kb, "extract_files", extracting)
    build([write(tmp_path / "b.txt", B)], store=tmp_path / "s")
    assert seen["during extraction"] > 0
    with open_store(tmp_path / "s", wait=0):  # a writer has it alone
        with pytest.raises(KgError, match="store is busy"):
            open_store(tmp_path / "s", read_only=True, wait=0.1)


def test_a_store_that_cannot_be_written_is_readable(tmp_path, monkeypatch):
    """No lock file can be made (a read-only folder): queries still read the store, and
    reading writes nothing into the folder."""
    build([write(tmp_path / "a.txt", A)], store=tmp_path / "s")
    (tmp_path / "s" / "kg-store.lock").unlink()
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "s").iterdir()}
    real_open = os.open

    def no_create(path, flags, *args):
        if str(path).endswith("kg-store.lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", no_create)
    with open_for_query(tmp_path / "s") as st:
        assert int(st.select(QUERY).rows[0][0]) > 0
    monkeypatch.undo()
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "s").iterdir()} == before


def test_an_interrupted_query_says_so(tmp_path):
    """Ctrl-C or SIGTERM in any command: exit 130 with one line (typer exits silently)."""
    build([write(tmp_path / "a.txt", A)], tmp_path / "g.trig")
    proc = subprocess.Popen([sys.executable, "-c", "from kg.cli import main; main()", "query", str(tmp_path / "g.trig"),
                             "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }", "--format", "csv",
                             "--timeout", "0"], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    time.sleep(8)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert stderr.strip().splitlines()[-1] == "kg: interrupted; no output was left half-written"
