"""``/operations/…``: what the ``precedent`` command asks of a server running on its data directory.

RocksDB lets one process open a store for writing, and Oxigraph calls a read-only opening beside a
writing process undefined behaviour; so while ``precedent serve`` runs, the CLI's ``ingest``,
``search``, ``sparql``, ``check``, ``dump`` and ``review list`` run here, in the server, with its one
writer and its open stores.

Who may call: only the operator of the data directory. ``precedent serve`` writes a fresh random token
into ``<data>/server.json`` (mode 0600, readable only by the account that runs the server) and hands it
to the app as ``OPERATIONS_TOKEN``. A request must carry it as ``Authorization: Bearer …``, come from a
loopback address, and carry no proxy header (a reverse proxy on the same host would make remote
visitors look local). Anything else gets a plain 404, the same as when no token is configured (tests,
``create_app`` without ``serve``): anonymous or signed-in web users never reach these operations, and
the endpoints do not announce themselves.

Reading that file gives no power its reader did not have: it is the account that owns the data
directory, which could open the stores directly. So the operator reads and writes at every level,
as the CLI does without a server, and names files by path (the server reads them under the limits of
``OPERATOR_LIMITS``). Writes queue on the archive's one writer: two concurrent ingests both finish.
"""

from __future__ import annotations

import hmac
import json
import logging
import tarfile
import tempfile
import threading
from collections.abc import Generator, Iterator
from ipaddress import ip_address
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from werkzeug.datastructures import MultiDict

from archive import Archive, QueryRefused, QueryResult, QuerySyntaxError
from archive.errors import ArchiveError
from ingest import formats
from ingest.pipeline import Clearance, IngestReport, ReadLimits, ingest

from .upload import resolve_after_ingest

log = logging.getLogger(__name__)
blueprint = Blueprint("operations", __name__, url_prefix="/operations")

#: Files the operator names are read in capped workers too (a hostile file must not take the server
#: down), with a wide margin: every FRUS volume of ../shared/data reads within a 250 MB cap in ~8 s.
OPERATOR_LIMITS = ReadLimits(memory_mb=4096, cpu_seconds=600, wall_seconds=1200.0)
_PROXY_HEADERS = ("Forwarded", "X-Forwarded-For", "X-Real-IP", "X-Forwarded-Host")
_LOCK_KEY = "precedent.operations.writer"
#: Seconds between "waiting" lines while an ingest queues behind another.
WAIT_REPORT_SECONDS = 1.0


@blueprint.before_request
def operator_only() -> None:
    """404 unless the request is the local operator's (see the module docstring)."""
    expected = current_app.config.get("OPERATIONS_TOKEN")
    sent = request.headers.get("Authorization", "")
    if (
        not expected
        or not sent.startswith("Bearer ")
        or not hmac.compare_digest(sent[len("Bearer ") :].encode(), str(expected).encode())
        or not _is_loopback(request.remote_addr)
        or any(request.headers.get(name) for name in _PROXY_HEADERS)
    ):
        abort(404)


def _is_loopback(address: str | None) -> bool:
    try:
        return address is not None and ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


def _archive() -> Archive:
    archive: Archive = current_app.extensions["precedent.archive"]
    return archive


def _level(archive: Archive, value: object) -> str:
    if value is None or value == "":
        return archive.config.levels[0]
    try:
        return archive.levels.validate(str(value))
    except ValueError as error:
        abort(Response(json.dumps({"error": str(error)}), 400, mimetype="application/json"))


def _refused(message: str, status: int = 400) -> ResponseReturnValue:
    return jsonify({"error": message}), status


def _writer_queue() -> threading.Lock:
    lock: threading.Lock = current_app.extensions.setdefault(_LOCK_KEY, threading.Lock())
    return lock


@blueprint.post("/ingest")
def ingest_files() -> ResponseReturnValue:
    """Read, validate and store the named files; a stream of JSON lines: waiting, progress, the report."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or not isinstance(body.get("files"), list):
        return _refused('send {"files": [[PATH, FORMAT], …], "level": …, "user": …}')
    archive = _archive()
    level = body.get("level") or None
    if level is not None:
        level = _level(archive, level)
    files: list[tuple[Path, str]] = []
    names: dict[Path, str] = {}
    report = IngestReport()
    for entry in body["files"]:
        if not (isinstance(entry, list) and len(entry) in (2, 3) and all(isinstance(x, str) for x in entry)):
            return _refused("each file is [absolute path, format] or [absolute path, format, name]")
        path, fmt = Path(entry[0]), entry[1]
        if not path.is_absolute() or fmt not in formats.READERS:
            return _refused(f"{entry[0]}: give an absolute path and one of {', '.join(formats.READERS)}")
        files.append((path, fmt))
        if len(entry) == 3:
            names[path] = entry[2]
    user = str(body.get("user") or "cli")[:64]
    jobs = body.get("jobs")
    workers = max(1, min(jobs, 8)) if isinstance(jobs, int) else 2
    levels = tuple(archive.config.levels)
    clearance = Clearance(levels=levels, writable=levels, chosen_level=level)
    queue = _writer_queue()

    def run() -> Generator[str, None, None]:
        waited = False
        while not queue.acquire(timeout=WAIT_REPORT_SECONDS):
            waited = True
            yield json.dumps({"waiting": "another ingest is writing; this one is queued"}) + "\n"
        try:
            if waited:
                yield json.dumps({"waiting": ""}) + "\n"
            lines: list[str] = []
            done = threading.Event()
            failure: list[BaseException] = []

            def work() -> None:
                try:
                    ingest(
                        files,
                        archive.writer(user),
                        clearance=clearance,
                        base_iri=archive.config.base_iri,
                        known_decisions=archive.view(levels[-1]).decision_identifiers(),
                        report=report,
                        names=names,
                        limits=OPERATOR_LIMITS,
                        workers=workers,
                        progress=lambda seen: lines.append(json.dumps({"progress": seen}) + "\n"),
                    )
                    resolve_after_ingest(
                        archive, user, report, whole_archive=True
                    )  # as `precedent ingest` does
                except BaseException as error:  # reported to the client below, and logged
                    failure.append(error)
                finally:
                    done.set()

            worker = threading.Thread(target=work, name="operations-ingest", daemon=True)
            worker.start()
            sent = 0
            while not done.wait(0.2):
                sent = yield from _drain(lines, sent)
            sent = yield from _drain(lines, sent)
            if failure:
                log.error("ingest for %s failed", user, exc_info=failure[0])
                yield json.dumps({"error": f"the ingest failed: {failure[0]}"}) + "\n"
                return
            log.info("%s ingested %d files: %d stored", user, len(files), report.stored)
            yield json.dumps({"report": report.as_dict()}) + "\n"
        finally:
            queue.release()

    return Response(run(), mimetype="application/x-ndjson")


def _drain(lines: list[str], sent: int) -> Generator[str, None, int]:
    # only the latest progress line matters; the list is appended to by the ingest thread
    if len(lines) > sent:
        yield lines[-1]
    return len(lines)


@blueprint.get("/search")
def search() -> ResponseReturnValue:
    """The JSON of ``/api/search``, at the level the operator asks for."""
    from .search import DEFAULT_PER_PAGE, BadParameter, as_json, parse

    archive = _archive()
    level = _level(archive, request.args.get("level"))
    args = MultiDict([(k, v) for k, v in request.args.items(multi=True) if k != "level"])
    try:
        params = parse(args, per_page=DEFAULT_PER_PAGE)
    except BadParameter as error:
        return _refused(str(error))
    return jsonify(as_json(archive.view(level).search(params.request()), params))


@blueprint.post("/sparql")
def sparql() -> ResponseReturnValue:
    """Run a query through the same checks as the endpoint; ``format: table`` answers plain JSON."""
    body = request.get_json(silent=True) or {}
    archive = _archive()
    level = _level(archive, body.get("level"))
    media = str(body.get("media") or "table")
    try:
        result = archive.view(level).query(str(body.get("query") or ""))
    except (QueryRefused, QuerySyntaxError, ArchiveError) as error:
        return _refused(str(error))
    headers = {"X-Precedent-Truncated": str(result.truncated).lower()}
    if result.truncated:  # which cap cut it, as the public endpoint says
        headers["X-Precedent-Truncated-At"] = result.truncated_at or "rows"
        cap = archive.config.max_result_bytes if result.truncated_at == "bytes" else archive.config.max_rows
        headers["X-Precedent-Truncated-Limit"] = str(cap)
    if media != "table":
        try:
            return Response(result.serialize(media), mimetype=media, headers=headers)
        except ValueError as error:
            return _refused(str(error))
    table = result_table(result)
    table["truncated"] = result.truncated
    table["truncated_at"] = (result.truncated_at or "rows") if result.truncated else None
    table["max_rows"] = archive.config.max_rows
    table["max_result_bytes"] = archive.config.max_result_bytes
    return jsonify(table)


def result_table(result: QueryResult) -> dict[str, object]:
    """A result as the CLI's table printer takes it: plain strings, the same with or without a server."""
    if result.kind == "boolean":
        return {"kind": "boolean", "boolean": bool(result.boolean)}
    if result.kind == "graph":
        return {"kind": "graph", "turtle": result.serialize("text/turtle").decode()}
    names = [str(name) for name in result.variables]
    rows = [[str(binding.get(name, "")) for name in names] for binding in result.bindings()]
    return {"kind": "bindings", "variables": names, "rows": rows}


@blueprint.get("/decisions")
def decisions() -> ResponseReturnValue:
    """Every decision identifier visible at ``level`` (``precedent ingest --dry-run`` checks links with them).

    The archive's own lookup, on its internal query path: never the user SPARQL workers, their row and
    byte caps or their fair-use budgets, which would cut the list or make it wait behind users' queries.
    """
    archive = _archive()
    level = _level(archive, request.args.get("level") or archive.config.levels[-1])
    return jsonify({"level": level, "identifiers": archive.view(level).decision_identifiers()})


@blueprint.post("/check")
def check() -> ResponseReturnValue:
    """Compare ledger, stores and indexes with no write in between (writes queue meanwhile)."""
    archive = _archive()
    with _writer_queue(), archive.writer("check"):
        report = archive.check()
    return jsonify({"report": str(report), "ok": report.ok})


@blueprint.post("/dump")
def dump() -> ResponseReturnValue:
    """A hot, consistent backup: the dump is written with writes held off, then sent as a tar stream."""
    archive = _archive()
    folder = Path(tempfile.mkdtemp(prefix="dump-", dir=archive.config.data_dir))
    target = folder / "dump.nq"
    try:
        with _writer_queue(), archive.writer("dump"):
            summary = archive.dump(target)
    except BaseException:
        _remove(folder)
        raise

    def stream() -> Iterator[bytes]:
        try:
            for path in sorted(folder.iterdir()):
                yield from _tar_member(path)
            yield b"\0" * (2 * tarfile.BLOCKSIZE)  # the end-of-archive marker
        finally:
            _remove(folder)

    return Response(stream(), mimetype="application/x-tar", headers={"X-Precedent-Summary": str(summary)})


def _tar_member(path: Path, chunk: int = 1 << 20) -> Iterator[bytes]:
    """One file as a ustar member, read in chunks (a dump can be larger than the server's memory)."""
    info = tarfile.TarInfo(path.name)
    info.size = path.stat().st_size
    info.mode = 0o600
    yield info.tobuf(format=tarfile.USTAR_FORMAT)
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            yield block
    padding = -info.size % tarfile.BLOCKSIZE
    if padding:
        yield b"\0" * padding


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


@blueprint.post("/review")
def review_decide() -> ResponseReturnValue:
    """Accept, reject or correct one pending proposal (``precedent review accept|reject|correct``)."""
    body = request.get_json(silent=True) or {}
    action, key = str(body.get("action") or ""), str(body.get("key") or "")
    corrected = body.get("corrected")
    if action not in ("accept", "reject", "correct") or not key:
        return _refused('send {"key": KEY or a unique prefix, "action": "accept" | "reject" | "correct"}')
    archive = _archive()
    user = str(body.get("user") or "cli")[:64]
    matches = [item for item in archive.review.pending() if item.key.startswith(key)]
    if len(matches) != 1:
        return _refused(f"{len(matches)} pending proposals start with {key!r}; give more of the key")
    try:
        with _writer_queue(), archive.writer(user) as writer:
            identifier = archive.review.decide(
                matches[0].key, action, user, corrected_triples=str(corrected) if corrected else None
            )
            writer.refresh_review(identifier)
    except ValueError as error:
        return _refused(str(error))
    return jsonify({"key": matches[0].key, "identifier": identifier})


@blueprint.get("/review")
def review_list() -> ResponseReturnValue:
    """The pending proposals (``precedent review list``)."""
    archive = _archive()
    level = request.args.get("level") or None
    if level is not None:
        level = _level(archive, level)
    return jsonify([item.__dict__ for item in archive.review.pending(level)])
