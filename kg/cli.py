"""kg's command line. Each command only parses its arguments and calls a plain function."""
from __future__ import annotations

import json
import logging
from collections import Counter
import signal
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from .console import SafeConsole, make_logging_safe
from .errors import KgError, KgInputError
from .safe_text import json_safe, one_line, terminal_text

app = typer.Typer(
    name="kg",
    help="Build, query and explore knowledge graphs of China's technology industry "
    "from Korean-language documents.\n\nExample: kg demo -o kg-demo",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
)
out = SafeConsole()  # control characters in printed text are escaped (kg.console)
err = SafeConsole(stderr=True)


_reported = {"interrupt": False}  # an interrupt a command already explained


def _fail(message: str, code: int = 1) -> None:
    err.print(f"kg: error: {one_line(message)}", markup=False, highlight=False, soft_wrap=True)
    if code == 130:
        _reported["interrupt"] = True
    raise typer.Exit(code)


def _setup_logging(verbose: int) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    fmt = "kg: %(levelname_lower)s: %(message)s" if verbose == 0 else "%(levelname)s %(name)s: %(message)s"

    class _Formatter(logging.Formatter):
        def format(self, record: logging.LogRecord) -> str:
            record.levelname_lower = record.levelname.lower()
            return super().format(record)

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter(fmt))
    logging.basicConfig(level=level, handlers=[handler])


@app.callback()
def _main(
    verbose: int = typer.Option(0, "--verbose", "-v", count=True, help="More log output (-v, -vv)."),
) -> None:
    _setup_logging(verbose)
    make_logging_safe()


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TimeElapsedColumn(), TextColumn("{task.fields[current]}"),
        console=err, transient=True, disable=not err.is_terminal,
    )


def _summary_table(summary) -> Table:
    """One row per document and a total; the graph's own entity and relation counts in the
    caption (the per-document columns count an entity once in each document that names it).
    Narrow headers, so the table fits 80 columns."""
    targets = [str(summary.output)] if summary.output is not None else []
    if getattr(summary, "store", None) is not None:
        targets.append(f"store {summary.store}")
    caption = None
    if getattr(summary, "graph_entities", None) is not None:
        caption = (f"the graph: {summary.graph_entities:,} entities, {summary.graph_relations:,} relations "
                   f"(each counted once), {summary.triples:,} triples")
    table = Table(title=Text(f"kg build → {', '.join(targets)}"), caption=caption, caption_justify="left")
    for col in ("document", "chars", "articles", "entities", "relations", "triples", "s"):
        table.add_column(col, justify="left" if col == "document" else "right",
                         overflow="ellipsis" if col == "document" else "fold")
    names = Counter(d.name for d in summary.documents)
    for d in summary.documents:
        table.add_row(Text(d.path if names[d.name] > 1 and d.path else d.name), f"{d.characters:,}",
                      str(d.articles), str(d.entities), str(d.relations), f"{d.triples:,}", f"{d.seconds:.1f}")
    if len(summary.documents) > 1:
        docs = summary.documents
        table.add_row("total", f"{sum(d.characters for d in docs):,}", str(sum(d.articles for d in docs)),
                      str(sum(d.entities for d in docs)), str(sum(d.relations for d in docs)),
                      f"{summary.triples:,}", f"{sum(d.seconds for d in docs):.1f}")
    return table


@app.command()
def build(
    sources: List[Path] = typer.Argument(..., help="Files or folders (.txt .md .pdf .html)."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Graph file: .trig .ttl .nq .nt or .jsonld."),
    store: Optional[str] = typer.Option(None, "--store", help="A kg store folder to add the documents to "
                                        "(created if new; a document built again replaces its graph), or "
                                        "the http(s) URL of a SPARQL server (Graph Store Protocol) to write "
                                        "them to."),
    strict: bool = typer.Option(False, "--strict", help="Exit with status 1 when a source could not be read "
                                "(the others are still built)."),
    workers: Optional[int] = typer.Option(None, "--workers", "-w", min=1, help="Worker processes extracting "
                                          "documents (default: one per two cores, at most one per file, for 4 MB "
                                          "or more of input, else 1; the graph is the same whatever the "
                                          "number)."),
    engine: str = typer.Option("local", "--engine", help="Where documents are extracted: local (worker "
                               "processes on this machine) or dask (a Dask cluster: --address, or a "
                               "local one of --workers processes)."),
    address: Optional[str] = typer.Option(None, "--address", help="The Dask scheduler, e.g. tcp://10.0.0.5:8786 "
                                          "(with --engine dask)."),
) -> None:
    """Build a knowledge graph from documents, into a graph file (-o), a store (--store) or both.

    A file that cannot be read is skipped with a warning and the rest is built.

    Example: kg build reports/ weekly.pdf -o china-tech.trig
    Example: kg build reports/ --store china-tech.kgstore

    Example: kg build reports/ -o china-tech.trig --engine dask --address tcp://10.0.0.5:8786
    """
    from .build import BuildInterrupted, build as run_build

    if engine not in ("local", "dask"):
        _fail(f"--engine {engine}: give local or dask")
    if address is not None and engine != "dask":
        _fail("--address names a Dask scheduler: give it with --engine dask")

    def skipped(item) -> None:
        err.print(f"kg: warning: skipping {item.reason}", markup=False, highlight=False, soft_wrap=True)

    try:
        with _progress() as progress:
            task = progress.add_task("building", total=None, current="")

            def advance(path, _extraction, _seconds):
                progress.update(task, advance=1, current=path.name)

            summary = run_build(sources, output, on_document=advance, store=store, on_skip=skipped,
                                on_files=lambda n: progress.update(task, total=n), workers=workers,
                                engine=engine, address=address)
    except BuildInterrupted as exc:
        _fail(str(exc), 130)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    out.print(_summary_table(summary))
    if summary.store is not None:
        change = summary.store_change
        out.print(f"store {summary.store}: {summary.store_documents} documents, "
                  f"{summary.store_triples:,} triples; this build: {change.describe()}"
                  + (f", {change.graphs_rewritten} older document graph(s) updated" if change.graphs_rewritten else ""),
                  markup=False, highlight=False)
    if summary.skipped:
        errors = summary.errors
        err.print(f"kg: {len(summary.skipped)} source(s) not built"
                  + (f", {len(errors)} of them unreadable" if errors else "")
                  + ":", markup=False, highlight=False)
        for item in summary.skipped:
            err.print(f"  {item.reason}", markup=False, highlight=False, soft_wrap=True)
        if strict and errors:
            raise typer.Exit(1)


@app.command()
def normalize(
    file: Path = typer.Argument(..., help="A document (.txt .md .pdf .html)."),
    articles: bool = typer.Option(False, "--articles", help="One JSON object per article instead of text."),
) -> None:
    """Print a document's cleaned text (line breaks repaired, headers and page numbers removed).

    Example: kg normalize weekly.txt --articles
    """
    from .normalize_cmd import article_records, cleaned_text

    try:
        if articles:
            for record in article_records(file):
                typer.echo(json_safe(json.dumps(record, ensure_ascii=False)))
        else:
            typer.echo(terminal_text(cleaned_text(file)))
    except (KgError, KgInputError) as exc:
        _fail(str(exc))


TABLE_LIMIT = 10_000
_URL_HELP = (" or the http(s) URL of a SPARQL server holding a kg store (BASE/query and BASE/store, "
             "as oxigraph serve; others as URL#query=…&store=…).")


@app.command()
def query(
    graph: Optional[str] = typer.Argument(None, help="A graph file built by kg build (or, with --store, "
                                          "the SPARQL query)."),
    sparql: Optional[str] = typer.Argument(None, help="A SPARQL query."),
    store: Optional[str] = typer.Option(None, "--store", help="Query a kg store folder instead of a graph "
                                        "file," + _URL_HELP),
    file: Optional[Path] = typer.Option(None, "--file", "-f", help="Read the query from a .rq file."),
    preset: Optional[str] = typer.Option(None, "--preset", help="A named query: partners-of, investors-of, "
                                         "investments-by, companies-in, parks-in, technology-leaders, "
                                         "evidence-for, path-between, rounds-of, largest-rounds."),
    param: List[str] = typer.Option([], "--param", help="A preset parameter as key=value (entity=화웨이)."),
    fmt: str = typer.Option("table", "--format", help="table, csv, tsv or json."),
    timeout: float = typer.Option(60.0, "--timeout", help="Stop the query after this many seconds "
                                  "(counted once the graph is loaded; 0 = no limit)."),
    limit: Optional[int] = typer.Option(None, "--limit", help=f"Print at most this many rows (default "
                                        f"{TABLE_LIMIT:,} for a table, all for csv, tsv and json; 0 = all)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="With --preset: count only relations "
                                         "and evidences of at least this confidence (0 to 1)."),
    allow_remote: bool = typer.Option(False, "--allow-remote", help="Let the query use SERVICE and load "
                                      "FROM graphs from other addresses or files, and a JSON-LD graph "
                                      "fetch its remote @context (refused by default)."),
) -> None:
    """Run a SPARQL query (SELECT or ASK, read-only), or a preset, against a graph file or a
    store. The query runs in a child process that is stopped at --timeout.

    Example: kg query graph.trig 'SELECT ?c WHERE { ?c a kg:Company }'
    Example: kg query graph.trig --preset investors-of --param entity=위수커지
    Example: kg query --store china-tech.kgstore --preset partners-of --param entity=화웨이

    Example: kg query graph.trig --preset investors-of --param entity=Unitree --min-confidence 0.6
    """
    from .query_process import QueryRequest, memory_cap, run_in_child
    from .results_format import FORMATS, ResultWriter

    try:
        if store is not None:
            if sparql is not None:
                raise KgError(f"{graph}: give a graph file or --store {store}, not both")
            graph, sparql = None, graph
        elif graph is None:
            raise KgError("no graph given: pass a graph file (kg query GRAPH …) or --store DIR")
        if fmt not in FORMATS:
            raise KgError(f"unknown output format {fmt!r}: use table, csv, tsv or json")
        if timeout < 0:
            raise KgError(f"--timeout {timeout:g}: give a number of seconds, or 0 for no limit")
        if limit is not None and limit < 0:
            raise KgError(f"--limit {limit}: give a number of rows, or 0 for all")
        rows_limit = (TABLE_LIMIT if fmt == "table" else None) if limit is None else (limit or None)
        params = {}
        text = None
        if preset is not None:
            for item in param:
                if "=" not in item:
                    raise KgError(f"--param {item!r}: write it as key=value, e.g. --param entity=화웨이")
                key, value = item.split("=", 1)
                params[key.strip()] = value.strip()
        else:
            text = _query_text(sparql, file)
        if min_confidence and preset is None:
            raise KgError("--min-confidence works with --preset (in SPARQL, filter on kg:confidence)")
        request = QueryRequest(graph=graph, store=str(store) if store is not None else None, sparql=text,
                               min_confidence=_min_confidence(min_confidence),
                               preset=preset, params=params, limit=rows_limit, allow_remote=allow_remote,
                               log_level=logging.getLogger().getEffectiveLevel())
        table_rows: list = []
        writer = None if fmt == "table" else ResultWriter(fmt, lambda t: typer.echo(t, nl=False))
        if writer is None:
            outcome = run_in_child(request, lambda _v: None, table_rows.extend, timeout, memory_cap())
        else:
            outcome = run_in_child(request, writer.head, writer.rows, timeout, memory_cap())
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    if writer is None:
        _print_table(outcome, table_rows, rows_limit)
    elif outcome.ask is not None:
        writer.ask(outcome.ask)
    else:
        writer.end()
        if outcome.truncated:
            err.print(f"kg: warning: stopped after {rows_limit:,} rows (--limit); the query has more "
                      "(--limit 0 prints all)", markup=False, highlight=False, soft_wrap=True)


def _query_text(sparql: Optional[str], file: Optional[Path]) -> str:
    if file is not None:
        if not file.exists():
            raise KgError(f"{file}: query file does not exist")
        return file.read_text(encoding="utf-8")
    if not sparql:
        raise KgError("no query given: pass SPARQL text, --file QUERY.rq or --preset NAME")
    return sparql


def _print_table(outcome, rows, limit) -> None:
    from rich.text import Text

    table = Table()
    if outcome.ask is not None:
        table.add_column("ask")
        table.add_row(str(outcome.ask).lower())
        out.print(table)
        return
    for var in outcome.variables:
        table.add_column(Text(terminal_text(var)))
    for row in rows:  # Text, not markup: "[link=…]" in a document stays text
        table.add_row(*(Text("" if t is None else terminal_text(t[1])) for t in row))
    out.print(table)
    if outcome.truncated:
        out.print(f"{len(rows):,} rows shown: stopped at --limit {limit:,}; the query has more "
                  "(--limit N for more, --limit 0 for all)", style="dim", soft_wrap=True)
    else:
        out.print(f"{len(rows)} rows", style="dim")


def _focus_options(focus, depth, types, relations, min_degree):
    from .focus import make_focus

    return make_focus(focus, depth=depth, types=types, relations=relations, min_degree=min_degree)


FOCUS_HELP = "Show only the ego network of this entity (any of its names in any script; repeatable)."
DEPTH_HELP = "With --focus: how many relations away from the entity to go."
TYPES_HELP = "Keep only entities of these types, e.g. Company,Investor."
RELATIONS_HELP = "Keep only these relations and the entities they connect, e.g. partners_with,invests_in."
MIN_DEGREE_HELP = "Keep only entities with at least this many relations."
MIN_CONFIDENCE_HELP = ("Keep only relations with an evidence of at least this confidence (0 to 1), "
                       "and only those evidences.")


def _min_confidence(value: float) -> float:
    from .facts import check_confidence

    return check_confidence(value)


@app.command()
def view(
    graph: Optional[Path] = typer.Argument(None, help="A graph file built by kg build (or --store DIR)."),
    store: Optional[str] = typer.Option(None, "--store", help="Read a kg store folder instead of a graph "
                                        "file," + _URL_HELP),
    output: Path = typer.Option(..., "--output", "-o", help="HTML file to write."),
    focus: List[str] = typer.Option([], "--focus", help=FOCUS_HELP),
    depth: int = typer.Option(1, "--depth", help=DEPTH_HELP),
    types: List[str] = typer.Option([], "--types", help=TYPES_HELP),
    relations: List[str] = typer.Option([], "--relations", help=RELATIONS_HELP),
    min_degree: int = typer.Option(0, "--min-degree", help=MIN_DEGREE_HELP),
    size_by: str = typer.Option("degree", "--size-by", help="Node size: degree, evidence, pagerank or betweenness."),
    communities: bool = typer.Option(False, "--communities", help="Colour nodes by Louvain community "
                                     "(shape and outline still give the type)."),
    layout: str = typer.Option("auto", "--layout", help="auto (physics up to 1,000 nodes, else a layout "
                               "computed in Python), physics or fixed."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help=MIN_CONFIDENCE_HELP),
    isolated: bool = typer.Option(False, "--isolated", help="Show entities without relations from the start "
                                  "(the page hides them until its box is ticked)."),
) -> None:
    """Write an interactive network view: one HTML file that works offline, with a legend,
    search, filters by type and relation, and the evidence of every relation.

    Example: kg view graph.trig -o network.html

    Example: kg view --store china-tech.kgstore -o network.html

    Example: kg view graph.trig -o unitree.html --focus 宇树科技 --depth 2 --relations invests_in,partners_with

    Example: kg view graph.trig -o sure.html --min-confidence 0.6 --isolated
    """
    from .graph_io import load_dataset
    from .views import write_view

    try:
        source = load_dataset(graph, store) if store is not None else graph
        if source is None:
            raise KgError("give a graph file (kg view GRAPH -o OUT.html) or --store DIR")
        result = write_view(source, output, _focus_options(focus, depth, types, relations, min_degree),
                            size_by=size_by, colour_communities=communities, layout=layout,
                            min_confidence=_min_confidence(min_confidence), show_isolated=isolated)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    extra = f", {result.communities} communities" if communities else ""
    out.print(Text(f"wrote {result.path} ({result.nodes} entities, {result.edges} relations, "
                   f"{result.layout} layout{extra}, {result.bytes / 1e6:.1f} MB)"), soft_wrap=True)


@app.command()
def export(
    graph: Optional[Path] = typer.Argument(None, help="A graph file built by kg build (or --store DIR)."),
    store: Optional[str] = typer.Option(None, "--store", help="Read a kg store folder instead of a graph "
                                        "file," + _URL_HELP),
    output: Path = typer.Option(..., "--output", "-o", help="Export file: .gexf, .graphml or .csv; with "
                                "--facts (or named *.facts.csv or *.parquet) the fact table, .csv or .parquet."),
    focus: List[str] = typer.Option([], "--focus", help=FOCUS_HELP),
    depth: int = typer.Option(1, "--depth", help=DEPTH_HELP),
    types: List[str] = typer.Option([], "--types", help=TYPES_HELP),
    relations: List[str] = typer.Option([], "--relations", help=RELATIONS_HELP),
    min_degree: int = typer.Option(0, "--min-degree", help=MIN_DEGREE_HELP),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help=MIN_CONFIDENCE_HELP),
    facts: bool = typer.Option(False, "--facts", help="Write the fact table instead: one row per evidence "
                               "(labels, relation, confidence, flags, sentence, document, article, date, offsets)."),
) -> None:
    """Export a graph's network for Gephi and other tools: GEXF (dynamic: Gephi's timeline
    plays the article dates), GraphML, or CSV node and edge tables (OUT-nodes.csv,
    OUT-edges.csv) in Gephi's column names; or, with --facts, the fact table (CSV, or
    Parquet when pyarrow is installed). The focus options are those of kg view.

    Example: kg export graph.trig -o network.gexf

    Example: kg export --store china-tech.kgstore -o network.graphml

    Example: kg export graph.trig -o investors.csv --relations invests_in

    Example: kg export graph.trig -o facts.csv --facts --min-confidence 0.5
    """
    from .exports import export_graph
    from .graph_io import load_dataset

    try:
        source = load_dataset(graph, store) if store is not None else graph
        if source is None:
            raise KgError("give a graph file (kg export GRAPH -o OUT) or --store DIR")
        paths = export_graph(source, output, _focus_options(focus, depth, types, relations, min_degree),
                             facts=facts, min_confidence=_min_confidence(min_confidence))
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    for path in paths:
        out.print(Text(f"wrote {path}"))


@app.command()
def show(
    name: str = typer.Argument(..., help="The entity: any of its names in any script, or its IRI."),
    graph: Optional[Path] = typer.Argument(None, help="A graph file built by kg build."),
    store: Optional[str] = typer.Option(None, "--store", help="Read a kg store folder instead of a graph "
                                        "file," + _URL_HELP),
    fmt: str = typer.Option("text", "--format", help="text or json."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", help="Show only evidences of at least "
                                         "this confidence (0 to 1)."),
) -> None:
    """Show everything the graph says about one entity: its names per language, types,
    reference id, and every relation grouped by kind with the other end, confidence and
    the evidence sentences (the fact's words marked), document, article and date.

    Example: kg show 위수커지 graph.trig

    Example: kg show Unitree --store china-tech.kgstore --format json
    """
    from .query import open_graph
    from .show import card_json, card_text, show as run_show

    try:
        if fmt not in ("text", "json"):
            raise KgError(f"unknown output format {fmt!r}: use text or json")
        if (graph is None) == (store is None):
            raise KgError("give a graph file (kg show NAME GRAPH) or --store DIR, exactly one of them")
        with open_graph(graph, store) as source:
            cards = run_show(source, name, min_confidence=_min_confidence(min_confidence))
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    if fmt == "json":
        data = [card_json(c) for c in cards]
        typer.echo(json_safe(json.dumps(data if len(data) > 1 else data[0], ensure_ascii=False, indent=1)))
        return
    for i, card in enumerate(cards):
        if i:
            out.print()
        out.print(card_text(card), soft_wrap=True)


@app.command()
def validate(
    graph: Optional[Path] = typer.Argument(None, help="A graph file built by kg build."),
    store: Optional[str] = typer.Option(None, "--store", help="Validate a kg store folder instead," + _URL_HELP),
) -> None:
    """Check a graph file, or a store, against kg's SHACL shapes.

    Example: kg validate graph.trig
    Example: kg validate --store china-tech.kgstore
    """
    from .validate import validate as run_validate

    try:
        if (graph is None) == (store is None):
            raise KgError("give a graph file (kg validate GRAPH) or --store DIR, exactly one of them")
        report = run_validate(graph, store=store)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    what = graph if graph is not None else f"store {store}"
    if report.conforms:
        out.print(f"{what}: valid (kg shapes)")
        return
    table = Table(title=f"{what}: {len(report.violations)} violations of kg's shapes")
    for col in ("node", "path", "problem"):
        table.add_column(col, overflow="fold")
    for v in report.violations[:200]:
        table.add_row(Text(str(v.focus)), Text(str(v.path)), Text(str(v.message)))
    out.print(table)
    raise typer.Exit(1)


@app.command("eval")
def eval_cmd(
    sources: List[Path] = typer.Argument(..., help="Documents to build and score."),
    gold: Path = typer.Option(..., "--gold", help="Folder of gold JSON files (one per document)."),
    errors: bool = typer.Option(False, "--errors", help="List missed and spurious entities."),
) -> None:
    """Score extraction against gold annotations, per document and type.

    Example: kg eval --gold ../shared/gold ../shared/corpus/000_*.txt
    """
    from .evaluate import evaluate, format_report

    try:
        reports = evaluate(sources, gold)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    typer.echo(format_report(reports, errors=errors))


@app.command("train-relations")
def train_relations(
    sources: List[Path] = typer.Argument(..., help="Training documents (each with a gold file)."),
    gold: List[Path] = typer.Option(..., "--gold", help="Folder of gold JSON files (repeatable)."),
    output: Path = typer.Option(..., "--output", "-o", help="Weights file to write (JSON)."),
    min_gain: float = typer.Option(0.01, "--min-gain", help="A relation is scored by the model only where "
                                   "its cross-validated F1 beats the rules' by this much."),
) -> None:
    """Train the learned relation scorer (extraction/learned) on gold-annotated documents:
    weights and thresholds chosen by leave-one-document-out cross-validation.

    Example: kg train-relations ../shared/corpus/001_*.txt --gold ../shared/gold -o scorer.json
    """
    from .atomic import AtomicFile, check_output
    from .build import collect_sources
    from .relation_learning import train_files

    try:
        check_output(output, "weights")
        scorer, reports = train_files(collect_sources(sources), gold, min_gain=min_gain)
        with AtomicFile(output, "weights") as fh:
            fh.write(scorer.dumps().encode("utf-8"))
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    for r in reports:
        state = "off (left to the rules)"
        if r.enabled:
            state = "on (" + ", ".join(f"{k} {op} {v}" for k, op, v in (("add", "≥", r.add), ("veto", "<", r.veto))
                                       if v is not None) + ")"
        typer.echo(f"{r.predicate:14s} {r.positives:4d}/{r.candidates:<5d} candidates right  "
                   f"rules F1 {r.rules.f1:.3f}  cross-validated F1 {r.cross_validated.f1:.3f}  {state}")
    typer.echo(f"wrote {output}")


@app.command()
def demo(
    output: Path = typer.Option(Path("kg-demo"), "--output", "-o", help="Folder for every output."),
) -> None:
    """Run the whole pipeline on the built-in sample corpus: writes the graph (graph.trig),
    its interactive view (network.html) and its network for Gephi (network.gexf).

    Example: kg demo -o kg-demo
    """
    from .demo import run_demo

    try:
        result = run_demo(output)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    out.print(_summary_table(result.summary))
    out.print(f"[bold]kg demo[/bold] wrote {len(result.files)} files to {result.folder}:")
    for label, path in result.files:
        out.print(f"  {label:<12} {path}", soft_wrap=True)


@app.command()
def serve(
    graph: Optional[Path] = typer.Argument(None, help="A graph file built by kg build (loaded once)."),
    store: Optional[str] = typer.Option(None, "--store", help="Serve a kg store folder instead of a graph file."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback unless you name another)."),
    port: int = typer.Option(7878, "--port", help="Port to listen on (0: any free port)."),
    timeout: float = typer.Option(10.0, "--timeout", help="Stop a query after this many seconds."),
    row_limit: int = typer.Option(10000, "--row-limit", help="At most this many rows (or triples) per answer."),
    max_request_bytes: int = typer.Option(1 << 20, "--max-request-bytes", help="Largest POST body accepted."),
    workers: int = typer.Option(4, "--workers", help="Query worker processes (queries answered at once)."),
    max_memory: Optional[int] = typer.Option(None, "--max-memory", help="MB one worker may use before its query "
                                             "is stopped (default: half the machine's memory / --workers)."),
    cors: Optional[str] = typer.Option(None, "--cors", help="Allow browser pages from this origin "
                                       "(e.g. https://example.org) to query; off by default."),
) -> None:
    """Serve a store or graph file: a read-only SPARQL 1.1 endpoint at /sparql, the presets at
    /preset/NAME, and a web explorer at /. Stop with Ctrl-C.

    Example: kg serve --store china-tech.kgstore
    Example: kg serve kg-demo/graph.trig --port 8080 --timeout 30
    """
    from .server import ServeSettings, create_server

    settings = ServeSettings(host=host, port=port, timeout=timeout, row_limit=row_limit,
                             max_body=max_request_bytes, workers=workers, max_memory_mb=max_memory, cors=cors)
    try:
        if store is not None and store.lower().startswith(("http://", "https://")):
            raise KgError(f"{store}: kg serve serves a store folder or a graph file; a store on a SPARQL "
                          "server is served by that server (give its URL to kg query, view, export…)")
        server = create_server(settings, store=store, graph=graph)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    out.print(f"kg serve: {server.url}/ (explorer), {server.url}/sparql (SPARQL); Ctrl-C stops it",
              markup=False, highlight=False, soft_wrap=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
    err.print("kg serve: stopped", markup=False, highlight=False)


@app.command()
def status(
    store: str = typer.Option(..., "--store", help="A kg store folder," + _URL_HELP),
) -> None:
    """List a store's documents (file, date, size, articles, entities, relations) and its totals.

    Example: kg status --store china-tech.kgstore
    """
    from .incremental import status as store_status

    try:
        st = store_status(store)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    table = Table(title=f"kg store {store}")
    for col in ("document", "date", "characters", "articles", "entities", "relations"):
        table.add_column(col, justify="left" if col in ("document", "date") else "right")
    for d in st.documents:
        table.add_row(Text(d.name + ("" if d.recorded else " *")), Text(d.date or ""), f"{d.characters:,}", str(d.articles),
                      str(d.entities), str(d.relations))
    out.print(table)
    out.print(f"{len(st.documents)} documents, {st.entities:,} entities, {st.relations:,} relations, "
              f"{st.triples:,} triples", markup=False, highlight=False)
    if any(not d.recorded for d in st.documents):
        out.print("* written by an older kg: kept as is, not resolved with documents added later "
                  "(build it again to include it)", markup=False, highlight=False)


@app.command()
def remove(
    document: str = typer.Argument(..., help="The document: its file name, the file's path, or its graph IRI."),
    store: str = typer.Option(..., "--store", help="A kg store folder," + _URL_HELP),
) -> None:
    """Remove a document from a store, with the entities and relations nothing else states.

    Example: kg remove weekly_2025w17.txt --store china-tech.kgstore
    """
    from .incremental import remove as remove_document

    try:
        removed, change = remove_document(store, document)
    except (KgError, KgInputError) as exc:
        _fail(str(exc))
    for name in removed:
        out.print(f"removed {name}", markup=False, highlight=False)
    out.print(f"store {store}: {change.describe()}"
              + (f", {change.graphs_rewritten} other document graph(s) updated" if change.graphs_rewritten else ""),
              markup=False, highlight=False)


def _terminate(signum, _frame) -> None:
    """SIGTERM (kill, a closing terminal) unwinds like Ctrl-C, so outputs are cleaned up."""
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    try:
        app()  # typer turns Ctrl-C in a command into exit status 130, silently
    except KeyboardInterrupt:
        err.print("kg: interrupted; no output was left half-written", markup=False)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130 and not _reported["interrupt"]:
            err.print("kg: interrupted; no output was left half-written", markup=False)
        raise


if __name__ == "__main__":
    main()
