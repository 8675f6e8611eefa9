"""CPU per warm decision or search page in process, the store queries each page asks, and a profile.

    PYTHONPATH=SOURCE python bench/page_profile.py --data DIR [--page decision|search] [--pages 200]
        [--rounds 3] [--count] [--profile]

Requests each page once (warm-up), then ``--rounds`` more times through the Flask test client, and prints
the process CPU per page. ``--count`` also counts and times every query that reaches a level's store
(by the name of its constant in ``archive.pages``) and every named query ``View.select`` answers, from
its cache or not; ``--profile`` prints cProfile's top functions. Counting and profiling add their own
cost, so the CPU figure is the one of a run without them. Run it with each version of the code on
PYTHONPATH to compare them; it imports nothing that main's code lacks.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import pstats
import time
from pathlib import Path
from typing import Any

from archive import Archive, ArchiveConfig
from archive import pages as named_queries
from archive import store as stores
from archive import view as views
from bench.web_load import SEARCH_PAGE_WORDS, decision_paths

NAMES = {
    value: name for name, value in vars(named_queries).items() if isinstance(value, str) and name.isupper()
}


def count_queries(counts: collections.Counter[str], spent: dict[str, float]) -> None:
    """Wrap the store's and the view's query methods to count (and time) each named query."""

    def counted(method: Any, prefix: str) -> Any:
        def run(self: Any, query: str, bindings: Any = None) -> Any:
            started = time.perf_counter()
            try:
                return method(self, query, bindings)
            finally:
                key = prefix + (NAMES.get(query) or " ".join(query.split())[:60])
                counts[key] += 1
                spent[key] = spent.get(key, 0.0) + time.perf_counter() - started

        return run

    oxigraph = stores.OxigraphStore
    oxigraph.select = counted(oxigraph.select, "store: ")  # type: ignore[method-assign]
    if hasattr(oxigraph, "select_plain"):
        oxigraph.select_plain = counted(oxigraph.select_plain, "store: ")  # type: ignore[method-assign]
    views.View.select = counted(views.View.select, "View.select (cached or not): ")  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--page", choices=("decision", "search"), default="decision")
    parser.add_argument("--pages", type=int, default=200, help="decision pages (the search page: its words)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--count", action="store_true")
    parser.add_argument("--profile", action="store_true")
    options = parser.parse_args()
    from webui import create_app

    counts: collections.Counter[str] = collections.Counter()
    spent: dict[str, float] = {}
    if options.count:
        count_queries(counts, spent)
    if options.page == "decision":
        paths = decision_paths(options.data / "levels" / "public" / "store")[: options.pages]
    else:
        paths = [f"/search?q={word}" for word in SEARCH_PAGE_WORDS]
    archive = Archive.open(ArchiveConfig(data_dir=options.data))
    client = create_app(
        archive, {"TESTING": True, "SECRET_KEY": "bench-page-profile-" + "x" * 32}
    ).test_client()
    html = {"Accept": "text/html"}
    for path in paths:
        client.get(path, headers=html).get_data()
    counts.clear()
    spent.clear()
    profile = cProfile.Profile()
    started = time.process_time()
    if options.profile:
        profile.enable()
    for _ in range(options.rounds):
        for path in paths:
            client.get(path, headers=html).get_data()
    profile.disable()
    requested = options.rounds * len(paths)
    per_page = (time.process_time() - started) * 1000 / requested
    print(f"{requested} {options.page} pages: {per_page:.2f} ms CPU a page")
    for key, n in sorted(counts.items()):
        print(f"{n / requested:6.2f} a page, {spent.get(key, 0.0) * 1000 / requested:6.3f} ms a page  {key}")
    if options.profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(25)
    archive.close()


if __name__ == "__main__":
    main()
