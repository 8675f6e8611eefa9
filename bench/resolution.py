"""Precision and recall of actor resolution against the gold pairs in ``bench/gold/resolution.tsv``.

Run it on an archive that holds all of ``../shared/data`` (ingest resolves actors at its end):

    precedent --data /tmp/real ingest ../shared/data/frus ../shared/data/fomc \
        ../shared/data/fomc-other-years ../shared/data/london-council
    python -m bench.resolution --data /tmp/real [--json out.json]

Each gold name is looked up among the actors' ``rdfs:label``, ``skos:altLabel`` and ``prec:alias``;
a pair is predicted "same" when both names lead to one actor IRI. Precision = same pairs predicted
right / all pairs predicted same; recall = same pairs predicted right / all gold same pairs. Names the
archive does not hold are listed and left out.
"""

from __future__ import annotations

import argparse
import csv
import json
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox

GOLD = Path(__file__).resolve().parent / "gold" / "resolution.tsv"

NAMES = """
PREFIX prec: <https://w3id.org/precedent/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT DISTINCT ?actor ?name WHERE {
  { ?actor a prec:Person } UNION { ?actor a prec:Organisation } UNION { ?actor a prec:Body }
  ?actor rdfs:label|skos:altLabel|prec:alias ?name
}
"""


def read_gold(path: Path = GOLD) -> list[tuple[str, str, bool, str]]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in csv.reader((ln for ln in handle if not ln.startswith("#")), delimiter="\t"):
            if len(line) >= 3:
                rows.append((line[0], line[1], line[2].strip() == "1", line[4] if len(line) > 4 else ""))
    return rows


def evaluate(store_dir: Path, gold: list[tuple[str, str, bool, str]]) -> dict[str, object]:
    store = ox.Store.read_only(str(store_dir))
    actors_of: dict[str, set[str]] = defaultdict(set)
    for row in store.query(NAMES, use_default_graph_as_union=True):
        actors_of[row["name"].value].add(row["actor"].value)
    tp = fp = fn = tn = 0
    missing: list[str] = []
    errors: list[dict[str, object]] = []
    for a, b, same, why in gold:
        if not actors_of.get(a) or not actors_of.get(b):
            missing.extend(n for n in (a, b) if not actors_of.get(n))
            continue
        predicted = bool(actors_of[a] & actors_of[b])
        if predicted and same:
            tp += 1
        elif predicted:
            fp += 1
            errors.append({"pair": [a, b], "gold": "different", "predicted": "same", "why": why})
        elif same:
            fn += 1
            errors.append({"pair": [a, b], "gold": "same", "predicted": "different", "why": why})
        else:
            tn += 1
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return {
        "pairs": len(gold),
        "evaluated": tp + fp + fn + tn,
        "true_same": tp,
        "false_same": fp,
        "missed_same": fn,
        "true_different": tn,
        "precision": round(precision, 3),
        "recall": round(recall, 3),
        "missing_names": sorted(set(missing)),
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, required=True, help="data directory of an ingested archive")
    parser.add_argument("--level", default="restricted", help="the level whose store is read (default: top)")
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    report = evaluate(args.data / "levels" / args.level / "store", read_gold())
    print(
        f"{report['evaluated']} of {report['pairs']} gold pairs evaluated: precision {report['precision']}, "
        f"recall {report['recall']} (same: {report['true_same']} right, {report['false_same']} wrong, "
        f"{report['missed_same']} missed; different: {report['true_different']} right)"
    )
    for error in report["errors"]:  # type: ignore[union-attr]
        a, b = error["pair"]
        print(f"  {a!r} / {b!r}: gold {error['gold']}, predicted {error['predicted']}")
    if report["missing_names"]:
        print(f"  not in the archive: {', '.join(report['missing_names'])}")  # type: ignore[arg-type]
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
