"""The ``precedent`` command: the composition root wiring ``ingest``, ``archive`` and ``webui`` together."""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import click

from archive import Archive, ArchiveConfig
from archive.errors import ArchiveError

if TYPE_CHECKING:
    from ingest.document import Document
    from ingest.pipeline import IngestReport

    from .client import Server
    from .ingesting import Progress

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


class PrecedentError(click.ClickException):
    """A problem the user can fix; printed without a traceback, exit status 1."""


def _config(data: str | None, **overrides: object) -> ArchiveConfig:
    if data:
        overrides["data_dir"] = Path(data)
    try:
        return ArchiveConfig.from_env(**overrides)
    except ValueError as error:
        raise PrecedentError(str(error)) from error


def _open(ctx: click.Context) -> Archive:
    config = _config(ctx.find_root().obj["data"])
    try:
        return Archive.open(config)
    except (OSError, ValueError) as error:
        from .client import Server

        server = Server.find(config.data_dir)
        if server is not None:
            raise PrecedentError(
                f"precedent serve (process {server.pid}) has this archive open; stop it to run"
                f" `precedent {ctx.info_name}` (ingest, search, sparql, check, dump, user and review"
                " work beside it)"
            ) from error
        raise PrecedentError(f"cannot open the archive: {error}") from error


def _server(ctx: click.Context) -> Server | None:
    """The ``precedent serve`` running on this data directory, if any: commands then run in it."""
    from .client import Server

    return Server.find(_config(ctx.find_root().obj["data"]).data_dir)


@contextmanager
def _ingest_queue(data_dir: Path) -> Iterator[None]:
    """Without a server, concurrent ``precedent ingest`` runs on one data directory wait for each other."""
    data_dir.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(data_dir / "ingest.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            click.echo("waiting for another ingest on this data directory …", err=True)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


class PrecedentGroup(click.Group):
    """Prints the archive's own errors (busy writer, query timeout, bad dump…) as messages, not tracebacks."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except ArchiveError as error:
            raise PrecedentError(str(error)) from error


@click.group(cls=PrecedentGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--data",
    envvar="PRECEDENT_DATA",
    metavar="DIR",
    help="Data directory (default: $PRECEDENT_DATA or ./data).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log what happens.")
@click.pass_context
def main(ctx: click.Context, data: str | None, verbose: bool) -> None:
    """Precedent: the decisions of government, from their minutes, as a searchable knowledge graph."""
    logging.basicConfig(
        level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s"
    )
    ctx.obj = {"data": data}


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    help="Reader to use instead of detecting it: markdown, tei, text, docx, pdf, council-json.",
)
@click.option(
    "--level", help="Access level for every document read (default: the document's own, else the lowest)."
)
@click.option(
    "--user",
    default=lambda: os.environ.get("USER", "cli"),
    show_default="$USER",
    help="Recorded as who ingested.",
)
@click.option("--dry-run", is_flag=True, help="Print the Turtle that would be stored; store nothing.")
@click.option("--jobs", type=int, default=None, help="Parallel readers (default: every core).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str | None,
    level: str | None,
    user: str,
    dry_run: bool,
    jobs: int | None,
    as_json: bool,
) -> None:
    """Read minutes files and folders into the archive; exit 1 if any document was refused.

    While ``precedent serve`` runs on the data directory, the files go to the server's writer (queued
    behind any other ingest) and are searchable as soon as the summary prints.
    """
    from .ingesting import Progress
    from .ingesting import ingest as run_ingest

    server = _server(ctx)
    progress = None if as_json else Progress(len(paths))
    if server is not None and dry_run:
        report = _dry_run_beside(server, _config(ctx.obj["data"]), list(paths), fmt, level, jobs)
    elif server is not None:
        report = _ingest_through(server, list(paths), fmt, level, user, jobs, progress)
    else:
        config = _config(ctx.obj["data"])
        if jobs != 1:  # the reader processes' start overlaps the archive's opening (one file: 2.3 → 2.1 s)
            from .ingesting import start_readers_early

            start_readers_early()
        with _ingest_queue(config.data_dir):
            archive = _open(ctx)
            try:
                if level is not None:
                    archive.config.check_level(level)
                report = run_ingest(
                    archive,
                    list(paths),
                    fmt=fmt,
                    level=level,
                    user=user,
                    dry_run=_print_turtle if dry_run else None,
                    workers=jobs,
                    progress=progress,
                )
            except ValueError as error:
                raise PrecedentError(str(error)) from error
            finally:
                archive.close()
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        for refusal in report.refused:
            click.echo(f"refused  {refusal}", err=True)
        click.echo(
            f"{report.stored} stored, {report.unchanged} unchanged, {len(report.refused)} refused"
            f" · {report.decisions} decisions, {report.persons} persons, {report.triples} triples"
            f" · {report.unresolved_mentions} unresolved mentions"
            f" · {report.seconds:.1f} s ({report.documents_per_second:,.0f} documents/s)"
        )
        _echo_doubts(report)
    if report.refused:
        sys.exit(1)


#: How many documents stored with doubts a summary names (the 170 FOMC minutes of fomc-other-years: 117).
DOUBTS_LISTED = 20


def _echo_doubts(report: IngestReport) -> None:
    """Which stored documents were read with doubts, so the operator knows to review them."""
    if not report.in_doubt:
        return
    facts = report.facts_to_review
    click.echo(
        f"stored with doubts: {report.stored_with_doubts}"
        f" ({facts} fact{'' if facts == 1 else 's'} sent to review)"
        " · see `precedent review list` or /review"
    )
    # documents marked uncertain first (a date or body not read), then those with facts waiting for review
    listed = sorted(report.in_doubt, key=lambda doubt: not doubt.uncertain)
    for doubt in listed[:DOUBTS_LISTED]:
        click.echo(f"doubts   {doubt}")
    if len(listed) > DOUBTS_LISTED:
        click.echo(
            f"doubts   … and {len(listed) - DOUBTS_LISTED} more documents:"
            " `precedent review list`, or `--json` for all"
        )


def _dry_run_beside(
    server: Server,
    config: ArchiveConfig,
    paths: list[Path],
    fmt: str | None,
    level: str | None,
    jobs: int | None,
) -> IngestReport:
    """``--dry-run`` while a server runs: read here, with the archive's decisions as the server knows them."""
    from ingest.pipeline import IngestReport, ingest, plan

    from .ingesting import operator_clearance

    # the server's internal lookup, not its user SPARQL path (whose row cap would cut the list)
    known = server.decision_identifiers(config.levels[-1])
    report = IngestReport()
    files, refused = plan(paths, fmt)
    for refusal in refused:
        report.refuse(refusal)
    return ingest(
        files,
        None,
        clearance=operator_clearance(config.levels, level),
        base_iri=config.base_iri,
        known_decisions=known,
        report=report,
        workers=jobs,
        dry_run=_print_turtle,
    )


def _ingest_through(
    server: Server,
    paths: list[Path],
    fmt: str | None,
    level: str | None,
    user: str,
    jobs: int | None,
    progress: Progress | None,
) -> IngestReport:
    """Plan here (so refusals name the paths as typed), read and write in the server."""
    import time

    from ingest.pipeline import IngestReport, plan

    started = time.monotonic()
    files, refused = plan(paths, fmt)
    summary = server.ingest(
        files,
        level=level,
        user=user,
        jobs=jobs,
        progress=progress.update if progress else None,
        waiting=progress.waiting if progress else None,
    )
    if progress:
        progress.close()
    report = IngestReport.from_dict(summary)
    report.refused[:0] = refused
    report.seconds = time.monotonic() - started
    return report


def _print_turtle(document: Document) -> None:
    from ontology import PREFIXES

    for prefix, namespace in PREFIXES.items():
        document.graph.bind(prefix, namespace, replace=True)
    click.echo(f"# {document.identifier} ({document.access_level})")
    click.echo(document.graph.serialize(format="turtle"))


@main.command()
@click.argument("text")
@click.option("--level", default=None, help="Read at this access level (default: the lowest).")
@click.option(
    "--facet",
    "facets",
    multiple=True,
    metavar="NAME:VALUE",
    help="Filter, e.g. topic:Sanctions (repeatable).",
)
@click.option(
    "--kind", "kinds", multiple=True, help="decision, meeting, record, person or organisation (repeatable)."
)
@click.option("--from", "date_from", metavar="YYYY-MM-DD")
@click.option("--to", "date_to", metavar="YYYY-MM-DD")
@click.option("--sort", type=click.Choice(["relevance", "date"]), default="relevance")
@click.option("--page", type=int, default=1)
@click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", help="Standing of decisions on this day (default today)."
)
@click.option(
    "--standing",
    "standings",
    multiple=True,
    help="Only decisions with this standing: in force, superseded, amended, reversed, lapsed, pending.",
)
@click.option("--document", default=None, help="Only the records of this source document.")
@click.option("--no-group", is_flag=True, help="One line per record, not one per source document.")
@click.option("--json", "as_json", is_flag=True, help="Print the same JSON as /api/search.")
@click.pass_context
def search(
    ctx: click.Context,
    text: str,
    level: str | None,
    facets: tuple[str, ...],
    kinds: tuple[str, ...],
    date_from: str | None,
    date_to: str | None,
    sort: str,
    page: int,
    as_of: str | None,
    standings: tuple[str, ...],
    document: str | None,
    no_group: bool,
    as_json: bool,
) -> None:
    """Search decisions, meetings, records and actors; plain questions work ("who dissented in 2008?")."""
    from werkzeug.datastructures import MultiDict

    from webui.search import DEFAULT_PER_PAGE, BadParameter, parse
    from webui.search import as_json as search_json

    args = MultiDict(
        [("q", text), ("sort", sort), ("page", str(page))]
        + [("facet", f) for f in facets]
        + [("kind", k) for k in kinds]
        + [(name, value) for name, value in (("from", date_from), ("to", date_to)) if value]
        + [("standing", s) for s in standings]
        + [
            (n, v)
            for n, v in (("as_of", as_of), ("document", document), ("group", "0" if no_group else ""))
            if v
        ]
    )
    try:
        params = parse(args, per_page=DEFAULT_PER_PAGE)
    except BadParameter as error:
        raise PrecedentError(str(error)) from error
    server = _server(ctx)
    if server is not None:
        found = server.call_json(
            "GET", "/operations/search", query=list(args.items(multi=True)) + [("level", level or "")]
        )
        if not isinstance(found, dict):
            raise PrecedentError("the server's search gave no answer")
        response = found
    else:
        archive = _open(ctx)
        try:
            view = archive.view(level or archive.config.levels[0])
            response = search_json(view.search(params.request()), params)
        finally:
            archive.close()
    if as_json:
        click.echo(json.dumps(response, indent=2, ensure_ascii=False))
        return
    click.echo(f"{response['total']} results for {text!r}")
    if response["explanation"]:
        click.echo("matched: " + "; ".join(response["explanation"]))
    for hit in response["hits"]:
        standing = f"  [{hit['standing']}]" if hit.get("standing") else ""
        click.echo(f"\n{hit['kind']:<12} {hit['date'] or '':<10}  {hit['title']}{standing}")
        click.echo(f"{'':<24}{hit['document'] or ''}  {hit['iri']}")
        for other in hit["also"]:
            click.echo(f"{'':<24}+ {other['kind']} {other['title']}")
        if hit["more"]:
            click.echo(f"{'':<24}+ {hit['more']} more from this document (--document {hit['document']})")


@main.command()
@click.argument("query_or_file")
@click.option("--level", default=None, help="Read at this access level (default: the lowest).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "json", "csv", "tsv", "xml", "turtle"]), default="table"
)
@click.pass_context
def sparql(ctx: click.Context, query_or_file: str, level: str | None, fmt: str) -> None:
    """Run a SPARQL query (text or a .rq file) through the same checks as the endpoint."""
    from archive import QueryRefused, QuerySyntaxError
    from webui.operations import result_table

    path = Path(query_or_file)
    text = path.read_text("utf-8") if path.suffix == ".rq" and path.is_file() else query_or_file
    media = SPARQL_MEDIA.get(fmt, "table")
    server = _server(ctx)
    if server is not None:
        body, cut, limit = server.sparql(text, level, media)
        if fmt == "table":
            table = json.loads(body)
            _print_table(table)
            if table.get("truncated"):  # the table states its caps in its body (older servers: rows only)
                cut = str(table.get("truncated_at") or "rows")
                stated = table.get("max_result_bytes" if cut == "bytes" else "max_rows")
                limit = stated if isinstance(stated, int) else None
        else:
            sys.stdout.buffer.write(body)
        if cut:
            click.echo(_truncation_note(cut, limit), err=True)
        return
    archive = _open(ctx)
    try:
        view = archive.view(level or archive.config.levels[0])
        try:
            result = view.query(text)
        except (QueryRefused, QuerySyntaxError) as error:
            raise PrecedentError(str(error)) from error
        if fmt == "table":
            _print_table(result_table(result))
        else:
            sys.stdout.buffer.write(result.serialize(media))
        if result.truncated:
            cut = result.truncated_at or "rows"
            limit = archive.config.max_result_bytes if cut == "bytes" else archive.config.max_rows
            click.echo(_truncation_note(cut, limit), err=True)
    finally:
        archive.close()


def _truncation_note(cut: str, limit: object) -> str:
    """Which cap cut a SPARQL answer short: the row cap or the byte cap (``X-Precedent-Truncated-At``)."""
    if cut == "bytes":
        size = f"{limit} bytes" if isinstance(limit, int) else "the byte limit"
        return f"(truncated at {size} of results: the answer was larger; narrow the query or add a LIMIT)"
    rows = f"{limit} rows" if isinstance(limit, int) else "the row limit"
    return f"(truncated at {rows})"


SPARQL_MEDIA = {
    "json": "application/sparql-results+json",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "xml": "application/sparql-results+xml",
    "turtle": "text/turtle",
}


def _print_table(table: dict[str, object]) -> None:
    if table["kind"] == "boolean":
        click.echo("true" if table["boolean"] else "false")
        return
    if table["kind"] == "graph":
        click.echo(str(table["turtle"]), nl=False)
        return
    names = [str(name) for name in table["variables"]]  # type: ignore[attr-defined]
    rows = [[str(value) for value in row] for row in table["rows"]]  # type: ignore[attr-defined]
    widths = [min(60, max([len(n)] + [len(r[i]) for r in rows])) for i, n in enumerate(names)]
    click.echo("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)))
    click.echo("  ".join("-" * w for w in widths))
    for row in rows:
        click.echo("  ".join(value[:w].ljust(w) for value, w in zip(row, widths, strict=True)))
    click.echo(f"({len(rows)} rows)")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
@click.pass_context
def serve(ctx: click.Context, host: str, port: int, threads: int) -> None:
    """Serve the web UI, the SPARQL endpoint and the JSON API (waitress)."""
    from .ingesting import start_readers_early

    start_readers_early()  # uploads and handed-over ingests fork their readers from it
    archive = _open(ctx)
    _serve(archive, host, port, threads)


def _serve(archive: Archive, host: str, port: int, threads: int, development: bool = False) -> None:
    from webui import create_app
    from webui.server import serve as run_server

    from .client import announced, new_token

    token = new_token()  # the CLI's key to this server's operations, in <data>/server.json (0600)
    config: dict[str, object] = {"OPERATIONS_TOKEN": token}
    if development:
        config["SECRET_KEY"] = os.environ.get("PRECEDENT_SECRET_KEY") or os.urandom(32).hex()
    if "PRECEDENT_SPARQL_SLOTS" not in os.environ:
        # user SPARQL may hold at most half the web threads: pages and /healthz always find one free
        config["SPARQL_SLOTS"] = max(1, threads // 2)
    try:
        app = create_app(archive, config)
    except RuntimeError as error:
        raise PrecedentError(str(error)) from error

    def listening(bound_host: str, bound_port: int) -> None:
        announce(bound_host, bound_port)
        click.echo(
            f"Precedent at http://{bound_host}:{bound_port}/  (SPARQL endpoint"
            f" http://{bound_host}:{bound_port}/sparql) — Ctrl+C stops"
        )

    try:
        with announced(archive.config.data_dir, token) as announce:
            run_server(app, host=host, port=port, threads=threads, listening=listening)
    finally:
        archive.close()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.pass_context
def demo(ctx: click.Context, host: str, port: int) -> None:
    """Ingest the bundled sample minutes and serve the web UI."""
    from .ingesting import Progress, start_readers_early
    from .ingesting import ingest as run_ingest

    start_readers_early()  # beside the archive's opening
    archive = _open(ctx)
    click.echo(f"Ingesting the sample corpus from {SAMPLES} into {archive.config.data_dir} …")
    report = run_ingest(archive, [SAMPLES], user="demo", progress=Progress(1))
    click.echo(
        f"{report.stored} stored, {report.unchanged} unchanged, {len(report.refused)} refused"
        f" · {report.decisions} decisions, {report.triples} triples"
    )
    for refusal in report.refused:
        click.echo(f"refused  {refusal}", err=True)
    _serve(archive, host, port, threads=8, development=True)


@main.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.pass_context
def dump(ctx: click.Context, file: Path) -> None:
    """Write every graph (N-Quads) and the ledger with accounts (FILE.ledger.json), both 0600.

    Kept: every graph, the ledger (documents, entity owners, review decisions) and the accounts with
    their password hashes. Not kept: original files, text indexes (rebuilt), sessions, the journal.
    While ``precedent serve`` runs, the server writes the dump with writes held off (a hot,
    consistent backup); searches and pages go on meanwhile.
    """
    from archive.dump import NOT_KEPT

    server = _server(ctx)
    if server is not None:
        click.echo(f"dumped to {file} by the running server: {server.dump(file)}")
        click.echo("not in the dump:")
        for item in NOT_KEPT:
            click.echo(f"  - {item}")
        return
    archive = _open(ctx)
    try:
        summary = archive.dump(file)
    finally:
        archive.close()
    click.echo(f"dumped to {file} and {file}.ledger.json: {summary}")
    click.echo("not in the dump:")
    for item in NOT_KEPT:
        click.echo(f"  - {item}")


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_context
def restore(ctx: click.Context, file: Path) -> None:
    """Rebuild an archive from a dump into an empty data directory (graphs, ledger, accounts)."""
    try:
        archive = Archive.restore(file, _config(ctx.obj["data"]))
    except (OSError, ValueError) as error:
        raise PrecedentError(f"cannot restore {file}: {error}") from error
    archive.close()
    click.echo(f"restored {file} into {archive.config.data_dir}")


@main.command()
@click.pass_context
def reindex(ctx: click.Context) -> None:
    """Rebuild every level's text index and page summaries from its store."""
    archive = _open(ctx)
    try:
        archive.reindex(
            progress=lambda done, total: click.echo(f"\r  {done}/{total} documents", nl=False, err=True)
        )
    finally:
        archive.close()
    click.echo("\nreindexed")


@main.command()
@click.option("--reasoner", is_flag=True, help="Also prove the ontology consistent with HermiT (needs Java).")
@click.pass_context
def check(ctx: click.Context, reasoner: bool) -> None:
    """Compare ledger, stores and indexes per level; exit 1 on any disagreement."""
    server = _server(ctx)
    if server is not None:
        answer = server.call_json("POST", "/operations/check", {})
        if not isinstance(answer, dict):
            raise PrecedentError("the server's check gave no report")
        click.echo(str(answer.get("report", "")))
        ok = bool(answer.get("ok"))
    else:
        archive = _open(ctx)
        try:
            report = archive.check()
        finally:
            archive.close()
        click.echo(str(report))
        ok = report.ok
    if reasoner:
        from archive.reasoning import check_consistency

        consistent, message = check_consistency()
        click.echo(f"ontology: {message}")
        ok = ok and consistent
    sys.exit(0 if ok else 1)


@main.command(name="import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--graph", "graph_iri", required=True, help="IRI of the named graph to load into.")
@click.option("--level", default=None, help="Access level of the graph (default: the lowest).")
@click.option(
    "--format", "fmt", default=None, help="turtle, nt, nquads, trig, xml or json-ld (default: by extension)."
)
@click.option("--user", default=lambda: os.environ.get("USER", "cli"))
@click.pass_context
def import_rdf(
    ctx: click.Context, file: Path, graph_iri: str, level: str | None, fmt: str | None, user: str
) -> None:
    """Load an external RDF dataset into a named graph; bad RDF is refused with its line and column."""
    archive = _open(ctx)
    try:
        with archive.writer(user) as writer:
            result = writer.import_rdf(file, graph_iri, level or archive.config.levels[0], fmt)
    except ValueError as error:
        raise PrecedentError(str(error)) from error
    finally:
        archive.close()
    click.echo(f"imported {file} into <{graph_iri}>: {result}")


from .admin import review, user  # noqa: E402  (sub-command groups defined beside this module)
from .briefing_cmd import briefing  # noqa: E402

main.add_command(user)
main.add_command(review)
main.add_command(briefing)
