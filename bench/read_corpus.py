"""Read every file of one or more folders through the real readers and the SHACL shapes: how many
documents are stored, refused, invalid or marked uncertain, and how many facts wait for review.

    python -m bench.read_corpus ../shared/data/fomc ../shared/data/fomc-other-years

"Nothing is lost for a reader's doubt": the goal is no refused and no invalid document.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ingest import formats
from ingest.document import ReaderError
from ingest.pipeline import doubt_of
from ingest.resolve import Resolver
from ingest.validate import validate
from ontology import IriMinter


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.read_corpus", description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path)
    args = parser.parse_args(argv)
    minter = IriMinter("https://archive.example.org/id/")
    resolver = Resolver(minter)
    files = stored = refused = invalid = uncertain = proposed = 0
    started = time.perf_counter()
    for path in formats.discover(args.folders):
        fmt = formats.detect(path)
        if fmt is None or fmt == "rdf":
            continue
        files += 1
        for item in formats.read(path, fmt, level=None, minter=minter, resolver=resolver):
            if isinstance(item, ReaderError):
                refused += 1
                print(f"refused: {item}", file=sys.stderr)
                continue
            violations = validate(item.graph)
            if violations:
                invalid += 1
                print(f"invalid: {item.identifier}: {violations[0]}", file=sys.stderr)
                continue
            stored += 1
            proposed += len(item.proposed)
            doubt = doubt_of(item)  # what `precedent ingest` reports as "stored with doubts"
            uncertain += doubt is not None and doubt.uncertain
    elapsed = time.perf_counter() - started
    print(
        f"{files} files: {stored} documents stored, {refused} refused, {invalid} invalid, "
        f"{uncertain} marked uncertain, {proposed} facts sent to review ({elapsed:.0f} s)"
    )
    return 0 if not refused and not invalid else 1


if __name__ == "__main__":
    sys.exit(main())
