"""Every decision page of an archive at each clearance level, saved to compare two versions of the code.

Run it once with each version of the code on PYTHONPATH (main's, then a branch's), on the same data
directory, then compare the two files:

    PYTHONPATH=MAIN_SOURCE python bench/page_identity.py render --data DIR --out main.json.gz
    PYTHONPATH=$PWD        python bench/page_identity.py render --data DIR --out this.json.gz
    python bench/page_identity.py compare main.json.gz this.json.gz

Pages are requested through the Flask test client as an anonymous visitor (the lowest level) and as a
signed-in reader at each higher level (an account ``page-identity-LEVEL`` is added to the archive's
accounts if missing). The paths are every decision the highest level can see, so a page above a
level is requested there too and must answer the same 404 in both versions. The session's form token is
fixed, so the sign-out form is the same in both runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

DECISIONS = """
SELECT DISTINCT ?decision WHERE { ?decision a <https://w3id.org/precedent/ontology#Decision> }
ORDER BY ?decision
"""
SECRET = "bench-page-identity-" + "x" * 32
TOKEN = "page-identity-fixed-form-token"


def render(data: Path, levels: list[str] | None, limit: int | None) -> dict[str, dict[str, list[object]]]:
    """``{level: {path: [status, html]}}`` for every decision page at each level."""
    from archive import Archive, ArchiveConfig
    from ontology import IriMinter
    from webui import create_app

    archive = Archive.open(ArchiveConfig(data_dir=data))
    try:
        app = create_app(archive, {"TESTING": True, "SECRET_KEY": SECRET})
        all_levels = list(app.config["LEVELS"])
        chosen = levels or [all_levels[0], all_levels[-1]]
        minter = IriMinter(archive.config.base_iri)
        paths = []
        for row in archive.store(all_levels[-1]).select(DECISIONS):
            split = minter.split(str(row["decision"]))
            if split:
                paths.append(f"/id/{split[0]}/{split[1]}")
        paths = paths[:limit] if limit else paths
        accounts = app.extensions["precedent.accounts"]
        pages: dict[str, dict[str, list[object]]] = {}
        for level in chosen:
            client = app.test_client()
            if level != all_levels[0]:
                name = f"page-identity-{level}"
                if accounts.get(name) is None:
                    accounts.add_user(name, "page-identity-" + "p" * 24, "reader", level)
                with client.session_transaction() as session:
                    session["account"] = name
                    session["csrf_token"] = TOKEN
            started = time.perf_counter()
            found: dict[str, list[object]] = {}
            for path in paths:
                response = client.get(path, headers={"Accept": "text/html"})
                found[path] = [response.status_code, response.get_data(as_text=True)]
            pages[level] = found
            ok = sum(1 for entry in found.values() if entry[0] == 200)
            print(
                f"{level}: {len(found)} paths, {ok} pages, {len(found) - ok} not found "
                f"({time.perf_counter() - started:.1f} s)",
                file=sys.stderr,
            )
        return pages
    finally:
        archive.close()


def compare(first: Path, second: Path) -> int:
    """Print the count of identical and differing pages per level; exit status 1 if any differ."""
    a = json.loads(gzip.decompress(first.read_bytes()))
    b = json.loads(gzip.decompress(second.read_bytes()))
    differing = 0
    for level in sorted(set(a) | set(b)):
        pa, pb = a.get(level, {}), b.get(level, {})
        same = [p for p in pa if p in pb and pa[p] == pb[p]]
        shown = sum(1 for p in same if pa[p][0] == 200)
        other = sorted((set(pa) | set(pb)) - set(same))
        differing += len(other)
        print(
            f"{level}: {len(same)} of {len(set(pa) | set(pb))} paths byte for byte the same "
            f"({shown} pages, {len(same) - shown} not found), {len(other)} differ"
        )
        for path in other[:10]:
            print(f"  differs: {path}")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("render", help="render every decision page at each level to a file")
    run.add_argument("--data", type=Path, required=True)
    run.add_argument("--out", type=Path, required=True)
    run.add_argument("--levels", help="comma-separated levels (default: the lowest and the highest)")
    run.add_argument("--limit", type=int, help="only the first N decisions (by IRI)")
    check = commands.add_parser("compare", help="compare two rendered files")
    check.add_argument("first", type=Path)
    check.add_argument("second", type=Path)
    options = parser.parse_args()
    if options.command == "render":
        levels = options.levels.split(",") if options.levels else None
        pages = render(options.data, levels, options.limit)
        options.out.write_bytes(gzip.compress(json.dumps(pages).encode("utf-8"), 6))
    else:
        sys.exit(compare(options.first, options.second))


if __name__ == "__main__":
    main()
