"""Generate a realistic archive of minutes: Markdown files and the same archive as N-Quads, from one seed.

    python -m bench.generate OUT_DIR --documents 1000 [--seed 7] [--no-markdown] [--no-nquads]

Writes ``OUT_DIR/minutes/<year>/<identifier>.md`` (the Markdown minutes format, for the real
ingest path) and ``OUT_DIR/archive.nq`` (one named graph per document, for the raw bulk-load
ceiling and the rdflib baseline). The same seed and size always give the same bytes.
"""

from __future__ import annotations

import argparse
import logging
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from ontology import GLOSSARY_TTL, IriMinter

from .markdown_minutes import render_markdown
from .minutes import Meeting, MinutesFactory
from .nquads import meeting_quads
from .world import build_world, load_topics

log = logging.getLogger(__name__)


@dataclass
class Corpus:
    """What one generation wrote, and how big it is."""

    root: Path
    markdown_dir: Path | None
    nquads_path: Path | None
    documents: int
    decisions: int
    triples: int
    markdown_bytes: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        return {key: str(value) if isinstance(value, Path) else value for key, value in data.items()}


def meetings(
    count: int, seed: int, levels: tuple[str, ...] = ("public",), glossary: Path = GLOSSARY_TTL
) -> Iterator[Meeting]:
    """The ``count`` meetings of the archive for ``seed``, in date order."""
    world = build_world(seed, load_topics(glossary))
    factory = MinutesFactory(world, seed, count, levels)
    for index in range(count):
        yield factory.meeting(index)


def generate(
    root: Path,
    count: int,
    seed: int = 7,
    *,
    markdown: bool = True,
    nquads: bool = True,
    levels: tuple[str, ...] = ("public",),
    base_iri: str | None = None,
    glossary: Path = GLOSSARY_TTL,
) -> Corpus:
    """Write ``count`` generated minutes under ``root``; return what was written."""
    started = time.perf_counter()
    minter = IriMinter(base_iri) if base_iri else IriMinter()
    root.mkdir(parents=True, exist_ok=True)
    markdown_dir = root / "minutes" if markdown else None
    nquads_path = root / "archive.nq" if nquads else None
    decisions = triples = size = 0
    quads_file = nquads_path.open("w", encoding="utf-8", newline="\n") if nquads_path else None
    # The lowest level's documents alone: what a reader at that level may query (the rdflib baseline).
    public_file = (
        (root / f"archive-{levels[0]}.nq").open("w", encoding="utf-8", newline="\n")
        if nquads_path and len(levels) > 1
        else None
    )
    try:
        for meeting in meetings(count, seed, levels, glossary):
            decisions += len(meeting.decisions)
            text, body_text, spans = render_markdown(meeting)
            if markdown_dir is not None:
                folder = markdown_dir / str(meeting.date.year)
                folder.mkdir(parents=True, exist_ok=True)
                data = text.encode("utf-8")
                (folder / f"{meeting.identifier}.md").write_bytes(data)
                size += len(data)
            if quads_file is not None:
                chunk = meeting_quads(meeting, minter, body_text, spans)
                triples += chunk.count("\n")
                quads_file.write(chunk)
                if public_file is not None and meeting.level == levels[0]:
                    public_file.write(chunk)
    finally:
        for handle in (quads_file, public_file):
            if handle is not None:
                handle.close()
    corpus = Corpus(
        root, markdown_dir, nquads_path, count, decisions, triples, size, time.perf_counter() - started
    )
    log.info(
        "generated %s documents, %s decisions, %s triples in %.1f s",
        count,
        decisions,
        triples,
        corpus.seconds,
    )
    return corpus


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="output folder")
    parser.add_argument(
        "--documents", type=int, default=1000, help="number of minutes documents (default 1000)"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--levels", default="public", help="comma-separated access levels to spread documents over"
    )
    parser.add_argument("--no-markdown", action="store_true")
    parser.add_argument("--no-nquads", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    corpus = generate(
        args.out,
        args.documents,
        args.seed,
        markdown=not args.no_markdown,
        nquads=not args.no_nquads,
        levels=tuple(args.levels.split(",")),
    )
    print(
        f"{corpus.documents:,} documents, {corpus.decisions:,} decisions, {corpus.triples:,} triples "
        f"in {corpus.seconds:.1f} s → {args.out}"
    )


if __name__ == "__main__":
    main()
