"""The ``claims`` command line: run the flow, extract one file, and (later) review and export."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

QUIET_PREFECT = {
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
    "PREFECT_UI_ENABLED": "false",
}


LOCAL_SERVER = "http://127.0.0.1:4200/api"


def quiet_prefect(start_server: bool = False):
    """Offline, quiet Prefect: no telemetry, no banner, warnings only. Must run before importing Prefect.

    The API: ``PREFECT_API_URL`` if set; else a Prefect server already running
    on this machine (``prefect server start``, ~4 s saved per run); else, with
    ``start_server``, a temporary server launched now so it boots while the
    rest loads (the caller waits for it before running the flow); else
    Prefect's own ephemeral server.
    """
    for name, value in QUIET_PREFECT.items():
        os.environ.setdefault(name, value)
    if "PREFECT_API_URL" in os.environ:
        return None
    if local_server_up(LOCAL_SERVER):
        os.environ["PREFECT_API_URL"] = LOCAL_SERVER
        return None
    if not start_server:
        return None
    from claims_cli.server import start_temporary_server

    server = start_temporary_server()
    os.environ["PREFECT_API_URL"] = server.api_url
    return server


def local_server_up(api_url: str) -> bool:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=0.3) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


@click.group(help="Extract quantitative claims (how much, when, where, what, according to whom) from drug-market reports.")
@click.version_option(package_name="claims")
def cli() -> None:
    pass


def limit_options(command):
    """--doc-timeout and --doc-memory, shared by run and watch."""
    command = click.option("--doc-memory", type=click.IntRange(min=64), default=6144, show_default=True, metavar="MB",
                           help="Memory one document may take in its worker; over it, the document fails "
                                "'out of memory'.")(command)
    return click.option("--doc-timeout", type=click.FloatRange(min=0.1), default=300, show_default=True, metavar="SECONDS",
                        help="Wall-clock time one document may take; over it, it fails 'timed out'.")(command)


@cli.command(help="Run the extraction flow over a corpus folder: only new or changed documents are processed.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder of source documents (.pdf, .html/.htm/.xhtml, .txt, .md).")
@click.option("--output", "output_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for claims documents, claims.jsonl and the claims.sqlite registry.")
@click.option("--force", is_flag=True, help="Re-extract every document, changed or not.")
@click.option("--json", "as_json", is_flag=True, help="Print the run summary as JSON on stdout instead of a table.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Local worker processes, each loading the pipeline once. Default: the number of cores.")
@click.option("--dask-address", default=None, metavar="tcp://HOST:PORT",
              help="Run the extraction tasks on this existing Dask cluster (prefect-dask's DaskTaskRunner).")
@limit_options
def run(corpus_dir: Path, output_dir: Path, force: bool, as_json: bool, workers: int | None,
        dask_address: str | None, doc_timeout: float, doc_memory: int) -> None:
    if not corpus_dir.is_dir():
        raise click.UsageError(f"corpus folder not found: {corpus_dir}")
    server = quiet_prefect(start_server=True)
    workers = workers or os.cpu_count() or 1
    from flows.supervisor import Limits, shared_pool

    limits = Limits(doc_timeout, doc_memory)
    if not dask_address:
        shared_pool(workers, limits).warm()  # the workers' fork server builds the pipeline while Prefect boots
    from flows.extract import extract_corpus
    from flows.locking import RunInProgress

    if server is not None:
        server.wait()
    flow = extract_corpus
    if dask_address:
        from prefect_dask import DaskTaskRunner

        flow = extract_corpus.with_options(task_runner=DaskTaskRunner(address=dask_address))
    try:
        summary = flow(corpus_dir, output_dir, force=force, show_progress=not as_json and sys.stderr.isatty(),
                       workers=workers, limits=limits)
    except RunInProgress as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(3)
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    else:
        print_summary(summary)
    sys.exit(130 if summary["interrupted"] else 1 if summary["failed"] else 0)


def print_summary(summary: dict) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console()
    table = Table(title="claims run", show_lines=False)
    table.add_column("document")
    table.add_column("outcome")
    table.add_column("detail", overflow="fold")
    for path in summary["processed"]:
        table.add_row(escape(path), "[green]processed[/green]", "")
    for path in summary["skipped"]:
        table.add_row(escape(path), "[dim]skipped[/dim]", "unchanged")
    for failure in summary["failed"]:
        table.add_row(escape(failure["path"]), "[red]failed[/red]", escape(failure["error"]))
    for path in summary["removed"]:
        table.add_row(escape(path), "[yellow]removed[/yellow]", "file gone: its claims left the outputs")
    for path in summary["interrupted"]:
        table.add_row(escape(path), "[yellow]not reached[/yellow]", "the run was stopped")
    console.print(table)
    console.print(f"processed {len(summary['processed'])}, skipped {len(summary['skipped'])}, failed {len(summary['failed'])}, "
                  f"removed {len(summary['removed'])}" + (f", not reached {len(summary['interrupted'])}" if summary["interrupted"] else ""))


@cli.command(help="Watch the corpus folder and run the extraction flow whenever documents are added or changed "
                   "(Ctrl-C to stop).")
@click.option("--corpus", "corpus_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder of source documents to watch.")
@click.option("--output", "output_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="Folder for claims documents, claims.jsonl and the claims.sqlite registry.")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Local worker processes per run.")
@click.option("--debounce", type=click.IntRange(min=50), default=1000, show_default=True,
              help="Milliseconds of quiet after a change before a run starts, so a copied batch or a file "
                   "written in pieces is one run.")
@limit_options
def watch(corpus_dir: Path, output_dir: Path, workers: int, debounce: int, doc_timeout: float, doc_memory: int) -> None:
    server = quiet_prefect(start_server=True)
    from flows.supervisor import STOP, Limits, shared_pool, stop_on_signals

    limits = Limits(doc_timeout, doc_memory)
    shared_pool(workers, limits).warm()
    from claims_cli.watcher import CorpusWatcher
    from flows.extract import extract_corpus
    from flows.locking import RunInProgress

    if server is not None:
        server.wait()

    def run_once(reason: str) -> None:
        try:
            summary = extract_corpus(corpus_dir, output_dir, workers=workers, limits=limits)
        except RunInProgress as err:
            click.echo(f"{reason}: not run: {err}", err=True)
            return
        click.echo(f"{reason}: processed {len(summary['processed'])}, skipped {len(summary['skipped'])}, "
                   f"failed {len(summary['failed'])}, removed {len(summary['removed'])}", err=True)
        for failure in summary["failed"]:
            click.echo(f"  failed: {failure['path']}: {failure['error']}", err=True)

    with stop_on_signals(), CorpusWatcher(corpus_dir, debounce) as watcher:
        run_once("initial run")
        click.echo(f"watching {corpus_dir} (Ctrl-C to stop)", err=True)
        while not STOP.is_set():
            names = sorted(watcher.next_change(stop=STOP))
            if names and not STOP.is_set():
                run_once(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
    click.echo("stopped", err=True)


@cli.command(help="Print the claims document of one file as JSON, through the library alone (no Prefect).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--with-text", is_flag=True, help="Include the stored text under the key \"text\".")
def extract(file: Path, with_text: bool) -> None:
    from extractors.documents import process_document
    from extractors.sources import SourceError

    try:
        document, text = process_document(file)
    except SourceError as err:
        click.echo(f"error: {file}: {err}", err=True)
        sys.exit(1)
    data = document.to_dict()
    if with_text:
        data["text"] = text
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@cli.command(name="eval", help="Score the extraction library on gold annotation files: per-type precision, recall, F1 "
                                "and normalisation accuracy, and per-slot accuracy of the claims.")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--corpus", "corpus_dirs", multiple=True, type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder holding the gold documents' sources (searched recursively; repeatable). "
                   "Default: the 'corpus' folder beside GOLD_DIR.")
@click.option("--errors", is_flag=True, help="List misses, false alarms and wrong values per document.")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
def evaluate_command(gold_dir: Path, corpus_dirs: tuple[Path, ...], errors: bool, as_json: bool) -> None:
    from extractors.documents import process_document
    from extractors.evaluation import evaluate

    folders = list(corpus_dirs) or [gold_dir.parent / "corpus"]
    result = evaluate(gold_dir, folders, lambda path: process_document(path)[0].to_dict())
    claims = result.claims
    claim_figures = {"gold": claims.gold, "found": claims.found / claims.gold if claims.gold else float("nan"),
                     **{slot: claims.rate(slot) for slot in claims.correct}}
    if as_json:
        figures = {kind: {"precision": s.precision, "recall": s.recall, "f1": s.f1, "norm_accuracy": s.norm_accuracy,
                          "tp": s.tp, "fp": s.fp, "fn": s.fn} for kind, s in result.types.items()}
        click.echo(json.dumps({"types": figures, "macro_f1": result.macro_f1, "claims": claim_figures}, indent=2))
        return
    click.echo(f"{'type':<10} {'P':>6} {'R':>6} {'F1':>6} {'norm':>6}  tp/fp/fn")
    for kind, score in result.types.items():
        click.echo(f"{kind:<10} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f} {score.norm_accuracy:6.3f}"
                   f"  {score.tp}/{score.fp}/{score.fn}")
    click.echo(f"macro F1 {result.macro_f1:.3f}")
    click.echo("claims: gold={gold} found={found:.3f} date={date:.3f} location={location:.3f} "
               "substances={substances:.3f} all-correct={all:.3f}".format(**claim_figures))
    if errors:
        for name, problems in result.errors.items():
            if problems:
                click.echo(f"\n## {name}")
                for problem in problems:
                    click.echo("   " + " | ".join(str(part).replace("\n", "\\n") for part in problem))


@cli.command(help="Review claims in the browser: a queue, each claim in context, keyboard decisions (a, r, e, n, p, u).")
@click.option("--output", "output_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The output folder of 'claims run' (holds claims.sqlite).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind; only this machine by default.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option("--reviewer", default="", help="Name recorded with every decision made in this session.")
@click.option("--corpus", "corpus_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("corpus"),
              show_default=True, help="Folder of the source documents, for images of PDF pages with the claim's boxes.")
def review(output_dir: Path, host: str, port: int, reviewer: str, corpus_dir: Path) -> None:
    import uvicorn

    from review.app import create_app
    from review.safety import is_loopback, new_token

    token = None if is_loopback(host) else new_token()
    if token is None:
        click.echo(f"reviewing claims in {output_dir} at http://{host}:{port}/ (Ctrl-C to stop)")
    else:
        click.echo(f"warning: serving beyond this machine on {host}: anyone who can reach it and has the token can decide claims", err=True)
        click.echo(f"reviewing claims in {output_dir} at http://{host}:{port}/?token={token} (Ctrl-C to stop)")
    uvicorn.run(create_app(output_dir, reviewer, corpus_dir, host=host, token=token), host=host, port=port, log_level="warning")


@cli.command(help="Write reviewed claims to stdout as JSON lines or CSV; corrected claims carry the original values alongside.")
@click.option("--output", "output_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The output folder of 'claims run' (holds claims.sqlite).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "csv"]), default="jsonl", show_default=True,
              help="JSON lines or CSV.")
@click.option("--status", type=click.Choice(["accepted", "rejected", "corrected", "pending", "all"]), default="accepted",
              show_default=True, help="Which claims to export.")
def export(output_dir: Path, fmt: str, status: str) -> None:
    from review.claims import ClaimCatalogue
    from review.export import export_rows, to_csv, to_jsonl
    from review.store import ReviewStore

    rows = export_rows(ClaimCatalogue(ReviewStore(output_dir)), status)
    click.echo(to_jsonl(rows) if fmt == "jsonl" else to_csv(rows), nl=False)


@cli.command(help="Write one self-contained HTML report of what the claims say: figures over time, by country, "
                  "the largest seizures, where sources agree or conflict, review progress. Opens offline.")
@click.option("--output", "output_dir", type=click.Path(exists=True, file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The output folder of 'claims run' (holds claims.sqlite).")
@click.option("--status", type=click.Choice(["accepted", "corrected", "pending", "rejected", "all"]), default="accepted",
              show_default=True, help="Which claims to draw.")
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Where to write the report (default: OUTPUT/report.html).")
@click.option("--review-url", default="http://127.0.0.1:8000", show_default=True,
              help="The review app the report's links open claims in.")
def report(output_dir: Path, status: str, html_file: Path | None, review_url: str) -> None:
    from extractors.documents import write_atomic
    from review.claims import ClaimCatalogue
    from review.figures import chosen_claims
    from review.report import build_views, render_report
    from review.store import ReviewStore

    claims = chosen_claims(ClaimCatalogue(ReviewStore(output_dir)), status)
    base = review_url.rstrip("/")
    page = render_report(build_views(claims, base), title=f"Claims in {output_dir.resolve().name}", base=base, status=status)
    target = html_file or output_dir / "report.html"
    write_atomic(target, page)
    click.echo(f"{len(claims):,} {status} claims -> {target} ({len(page) / 1e6:.1f} MB)")


if __name__ == "__main__":
    cli()
