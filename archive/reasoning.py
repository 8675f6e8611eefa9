"""Offline reasoning: prove the ontology (with instance data) consistent with HermiT, never per request.

owlready2 drives HermiT, a Java program, so it runs in a child process under a wall-clock timeout that
can be killed; nothing here fetches from the network (the graph is handed over as a local file).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from rdflib import Graph

from ontology import ONTOLOGY_TTL

_HERMIT_SCRIPT = textwrap.dedent("""
    import sys
    import owlready2
    world = owlready2.World()
    world.get_ontology(sys.argv[1]).load()
    if world["https://w3id.org/precedent/ontology#Decision"] is None:
        sys.exit("the Precedent ontology did not load")
    try:
        # xsd:date is outside the OWL 2 datatype map HermiT implements; dates are checked by the SHACL
        # shapes instead, everything else is reasoned over.
        owlready2.sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    except owlready2.OwlReadyInconsistentOntologyError:
        print("INCONSISTENT")
        sys.exit(0)
    unsatisfiable = [str(c) for c in world.inconsistent_classes()]
    print("UNSATISFIABLE " + " ".join(unsatisfiable) if unsatisfiable else "CONSISTENT")
""")


def hermit_verdict(graph: Graph, timeout: float = 180.0) -> str:
    """``CONSISTENT``, ``INCONSISTENT`` or ``UNSATISFIABLE <classes>`` for ``graph`` (ontology + data)."""
    with tempfile.TemporaryDirectory(prefix="precedent-hermit-") as work:
        ntriples = Path(work) / "ontology.nt"
        graph.serialize(ntriples, format="nt", encoding="utf-8")
        script = Path(work) / "hermit.py"
        script.write_text(_HERMIT_SCRIPT, encoding="utf-8")
        done = subprocess.run(
            [sys.executable, str(script), ntriples.as_uri()],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(f"HermiT failed: {done.stderr.strip()[-2000:]}")
    return done.stdout.strip().splitlines()[-1]


def check_consistency(data: Graph | None = None, timeout: float = 180.0) -> tuple[bool, str]:
    """Whether the ontology, with ``data`` if given, is consistent; and a sentence saying so."""
    graph = Graph().parse(ONTOLOGY_TTL, format="turtle")
    if data is not None:
        graph += data
    try:
        verdict = hermit_verdict(graph, timeout)
    except (RuntimeError, subprocess.TimeoutExpired, FileNotFoundError) as error:
        return False, f"could not run HermiT: {error}"
    return verdict == "CONSISTENT", f"HermiT says {verdict.lower()}"
