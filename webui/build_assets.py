"""Copy the workbench's editor (CodeMirror 5) and the timelines' drawing library (D3 7), installed by
``npm ci`` from the npm registry, into ``webui/static/vendor/``.

Nothing is fetched here and nothing comes from a CDN: ``npm ci`` installs exactly the version pinned in
``package-lock.json`` into ``node_modules/``; this script copies the few files the workbench loads.
Run it as ``python -m webui.build_assets``. The workbench still works (a plain textarea) and the timelines
still read (a list) without them.
"""

from __future__ import annotations

import logging
import shutil
import sys
from pathlib import Path

log = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parent.parent
VENDOR = Path(__file__).resolve().parent / "static" / "vendor"

#: Files under ``node_modules/codemirror/`` → name under ``static/vendor/codemirror/``.
CODEMIRROR_FILES = (
    "lib/codemirror.js",
    "lib/codemirror.css",
    "mode/sparql/sparql.js",
    "addon/hint/show-hint.js",
    "addon/hint/show-hint.css",
)

#: Files under ``node_modules/d3/`` → ``static/vendor/d3/``: the one-file bundle and its licence.
D3_FILES = ("dist/d3.min.js", "LICENSE")


def build(node_modules: Path = ROOT / "node_modules", target: Path = VENDOR) -> list[Path]:
    """Copy the CodeMirror and D3 files; raise ``FileNotFoundError`` naming the first missing one."""
    source = node_modules / "codemirror"
    copied = []
    for name in CODEMIRROR_FILES:
        origin = source / name
        if not origin.is_file():
            raise FileNotFoundError(f"{origin} is missing: run `npm ci` in {ROOT} first")
        destination = target / "codemirror" / Path(name).name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, destination)
        copied.append(destination)
    licence = source / "LICENSE"
    if licence.is_file():
        shutil.copyfile(licence, target / "codemirror" / "LICENSE")
    for name in D3_FILES:
        origin = node_modules / "d3" / name
        if not origin.is_file():
            raise FileNotFoundError(f"{origin} is missing: run `npm ci` in {ROOT} first")
        destination = target / "d3" / Path(name).name
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(origin, destination)
        copied.append(destination)
    return copied


def main() -> int:
    try:
        copied = build()
    except FileNotFoundError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"copied {len(copied)} CodeMirror and D3 files into {VENDOR}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
