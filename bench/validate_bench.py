"""Per-document cost of SHACL validation: the compiled checks against pySHACL, corpus by corpus.

Reads each corpus once (the bundled sample minutes, and the FRUS, FOMC and council files in
``../shared/data`` when present), then times ``validate`` (compiled) over several passes and
``validate_with_pyshacl`` over one (CPU time of this process), checking on the way that both
give the same results (the ``differ`` column counts documents where they do not).

    .venv/bin/python -m bench.validate_bench [--passes 5] [--data ../shared/data] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest import formats
from ingest.document import Document, ReaderError
from ingest.resolve import Resolver
from ingest.validate import validate, validate_with_pyshacl
from ontology import IriMinter

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"

#: corpus name → (folder, glob, reader format, access level passed to the reader)
CORPORA = {
    "samples": (ROOT / "samples", "*.md", "markdown", None),
    "frus": (Path("frus"), "*.xml", "tei", "public"),
    "fomc": (Path("fomc"), "*.txt", "text", "public"),
    "council": (Path("london-council"), "*.json", "council-json", "public"),
}


@dataclass
class CorpusTiming:
    """What validating one corpus cost, per document, with each validator."""

    corpus: str
    documents: int
    mean_triples: float
    compiled_ms: float
    compiled_p95_ms: float
    pyshacl_ms: float
    speedup: float
    disagreements: int


def read_corpus(folder: Path, pattern: str, fmt: str, level: str | None) -> list[Document]:
    minter = IriMinter()
    documents = []
    for path in sorted(folder.glob(pattern)):
        for item in formats.read(path, fmt, level=level, minter=minter, resolver=Resolver(minter)):
            if not isinstance(item, ReaderError):
                documents.append(item)
    return documents


def _cpu_ms(run: Callable[[], object]) -> float:
    started = time.process_time()
    run()
    return (time.process_time() - started) * 1000


def time_corpus(name: str, documents: list[Document], passes: int) -> CorpusTiming:
    """Compiled: the best of ``passes`` runs per document; pySHACL: one run per document.

    Both in CPU time of this process, so other work on a shared machine inflates them less.
    """
    validate(documents[0])  # the shapes compile on first use
    per_document: list[float] = []
    pyshacl_ms: list[float] = []
    disagreements = 0
    for document in documents:
        per_document.append(min(_cpu_ms(lambda d=document: validate(d)) for _ in range(passes)))
        pyshacl_ms.append(_cpu_ms(lambda d=document: validate_with_pyshacl(d)))
        reference = validate_with_pyshacl(document, include_warnings=True)
        disagreements += reference != validate(document, include_warnings=True)
    compiled_mean = statistics.fmean(per_document)
    pyshacl_mean = statistics.fmean(pyshacl_ms)
    return CorpusTiming(
        corpus=name,
        documents=len(documents),
        mean_triples=round(statistics.fmean(len(d.graph) for d in documents), 1),
        compiled_ms=round(compiled_mean, 3),
        compiled_p95_ms=round(sorted(per_document)[int(0.95 * (len(per_document) - 1))], 3),
        pyshacl_ms=round(pyshacl_mean, 2),
        speedup=round(pyshacl_mean / compiled_mean, 1),
        disagreements=disagreements,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=5, help="compiled validations per document")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared real-data folder")
    parser.add_argument("--json", type=Path, help="also write the timings here")
    args = parser.parse_args(argv)
    timings = []
    for name, (folder, pattern, fmt, level) in CORPORA.items():
        where = folder if folder.is_absolute() else args.data / folder
        if not where.is_dir():
            print(f"{name}: skipped, {where} not found", file=sys.stderr)
            continue
        documents = read_corpus(where, pattern, fmt, level)
        if documents:
            timings.append(time_corpus(name, documents, args.passes))
    print(
        f"{'corpus':<8} {'docs':>5} {'triples':>8} {'compiled ms':>12} {'p95 ms':>8} {'pySHACL ms':>11} "
        f"{'speedup':>8} {'differ':>6}"
    )
    for t in timings:
        print(
            f"{t.corpus:<8} {t.documents:>5} {t.mean_triples:>8} {t.compiled_ms:>12} "
            f"{t.compiled_p95_ms:>8} {t.pyshacl_ms:>11} {t.speedup:>8} {t.disagreements:>6}"
        )
    if args.json:
        args.json.write_text(json.dumps([asdict(t) for t in timings], indent=2) + "\n")
    return 1 if any(t.disagreements for t in timings) else 0


if __name__ == "__main__":
    sys.exit(main())
