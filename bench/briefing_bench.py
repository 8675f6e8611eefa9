"""How long a body's briefing pack takes on real data, beside a decision page measured in the same run.

Usage (after ``precedent --data DIR ingest /work/shared/data/...`` into a scratch directory)::

    python -m bench.briefing_bench --data DIR [--body Federal-Open-Market-Committee] [--repeat 7]

It opens the archive read-only through the web app (Flask test client, public level, no server), asks
for the briefing in every format and for one decision page of the same body (the baseline: the
machine is shared, so only same-run ratios mean much), and prints each URL's median and spread in
seconds. The target (issue 16) is a body's briefing within 2 s. The body's own page is not timed here:
its actor sections (roles, decisions by part played) are another module's and take far longer.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from rdflib import URIRef

from archive import Archive, ArchiveConfig
from webui import create_app


def measure(client, url: str, repeat: int) -> list[float]:  # type: ignore[no-untyped-def]
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url}: HTTP {response.status_code}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path)
    parser.add_argument("--body", default="Federal-Open-Market-Committee")
    parser.add_argument("--as-of", default="2018-01-01")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    archive = Archive.open(ArchiveConfig(data_dir=args.data))
    try:
        client = create_app(archive, {"TESTING": True}).test_client()
        body = f"{archive.config.base_iri}organisation/{args.body}"
        decisions = archive.view(archive.config.levels[0]).select(
            "PREFIX prec: <https://w3id.org/precedent/ontology#> "
            "SELECT ?body ?d WHERE { ?d prec:decidedBy ?body } LIMIT 1",
            {"body": URIRef(body)},
        )
        baseline = "/id/decision/" + str(decisions[0]["d"]).rsplit("/", 1)[-1]
        urls = (
            [baseline]
            + [
                f"/briefing/organisation/{args.body}?as_of={args.as_of}&format={fmt}"
                for fmt in ("html", "md", "docx", "pdf")
            ]
            + [f"/feeds/organisation/{args.body}.atom"]
        )
        client.get(urls[1])  # warm the store's caches and the templates once
        print(f"{'url':<90} {'median s':>9} {'min':>7} {'max':>7}")
        for url in urls:
            timings = measure(client, url, args.repeat)
            print(f"{url:<90} {statistics.median(timings):>9.3f} {min(timings):>7.3f} {max(timings):>7.3f}")
    finally:
        archive.close()


if __name__ == "__main__":
    main()
