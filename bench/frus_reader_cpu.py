"""The FRUS reader's CPU seconds per volume, for two or more source trees side by side.

One FRUS volume is read by one reader process, in document order, so the reader's own CPU bounds how
fast a volume can be ingested. This reads each volume as ``ingest.pipeline`` reads a file (``_read``:
documents built and validated, nothing stored) in a fresh process per tree, volume and round, after
importing what the reader processes' forkserver imports first; the trees alternate within each round,
so a noisy machine weighs on both alike. CPU seconds (``time.process_time``), not wall time: the
machine is shared. Each process reads its volume ``--reads`` times: the first read is what a reader
process pays (patterns compiled on first use included); the later ones show the warm cost.

    python -m bench.frus_reader_cpu --tree before=/tmp/main-tree --tree after=. [--rounds 3] [VOLUME.xml ...]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "frus"

#: Run in the child process, with the tree under test first on ``sys.path``.
_CHILD = """
import importlib, json, sys, time
from pathlib import Path
# what the reader processes' forkserver imports before it forks them (ingest/pipeline.py)
for name in ["ingest.pipeline", "ingest.frus.reader", "ingest.minutes", "ingest.council",
             "ingest.plaintext.text"]:
    importlib.import_module(name)
from archive import ArchiveConfig
from ingest.pipeline import ReadJob, _read, plan
from precedent.ingesting import operator_clearance
files, _ = plan([Path(sys.argv[1])], None)
config = ArchiveConfig(data_dir=Path("/nonexistent"))
clearance = operator_clearance(config.levels, None)
seconds, documents = [], 0
for _ in range(int(sys.argv[2])):
    started = time.process_time()
    documents = sum(
        len(_read(ReadJob(path, kind, clearance, config.base_iri, frozenset()), None)) for path, kind in files
    )
    seconds.append(time.process_time() - started)
print(json.dumps({"seconds": seconds, "documents": documents}))
"""


def read_once(tree: Path, volume: Path, reads: int) -> dict[str, object]:
    env = dict(os.environ, PYTHONPATH=str(tree), PYTHONHASHSEED="0")
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(volume), str(reads)],
        env=env,
        cwd=tree,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tree", action="append", required=True, help="NAME=PATH of a source tree")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reads", type=int, default=3, help="reads of the volume in each process")
    parser.add_argument("volumes", nargs="*", type=Path)
    args = parser.parse_args(argv)
    trees = [(name, Path(path).resolve()) for name, _, path in (t.partition("=") for t in args.tree)]
    volumes = args.volumes or sorted(DATA.glob("*.xml"))
    first: dict[tuple[str, str], list[float]] = {}
    warm: dict[tuple[str, str], list[float]] = {}
    for round_number in range(1, args.rounds + 1):
        for volume in volumes:
            for name, tree in trees:
                result = read_once(tree, volume, args.reads)
                seconds = [float(s) for s in result["seconds"]]  # type: ignore[attr-defined]
                first.setdefault((volume.stem, name), []).append(seconds[0])
                warm.setdefault((volume.stem, name), []).extend(seconds[1:])
                shown = " ".join(f"{s:.3f}" for s in seconds)
                print(f"round {round_number} {volume.stem} {name}: {shown} s", flush=True)
    names = [name for name, _ in trees]
    print()
    print("| volume | " + " | ".join(f"{n}: first read s | {n}: later reads s" for n in names) + " |")
    print("|---|" + "---:|---:|" * len(names))
    for volume in volumes:
        cells = []
        for name in names:
            cells.append(f"{statistics.median(first[(volume.stem, name)]):.2f}")
            later = warm[(volume.stem, name)]
            cells.append(f"{statistics.median(later):.2f}" if later else "–")
        print(f"| {volume.stem} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
