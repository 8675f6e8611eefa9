"""The embedded graph store: replacing a graph is one transaction, seen whole or not at all by readers."""

from __future__ import annotations

import threading

from rdflib import BNode, Literal, URIRef

from archive.store import OxigraphStore

GRAPH = "https://archive.example.org/id/graph/T-1"
COUNT = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"


def triples(n: int, tag: str):
    return [
        (URIRef(f"https://example.org/{tag}/{i}"), URIRef("https://example.org/p"), Literal(i))
        for i in range(n)
    ]


def test_readers_never_see_a_half_replaced_graph(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    versions = {300: triples(300, "a"), 500: triples(500, "b")}
    store.replace_graph(GRAPH, versions[300])
    seen: set[int] = set()
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.add(int(store.select(COUNT)[0]["n"]))

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for round_ in range(60):
            store.replace_graph(GRAPH, versions[500 if round_ % 2 == 0 else 300])
    finally:
        stop.set()
        reader.join()
    assert seen <= {300, 500} and seen
    store.close()


def test_blank_nodes_of_two_graphs_stay_apart(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    p = URIRef("https://example.org/p")
    store.replace_graph("https://example.org/g1", [(BNode("b0"), p, Literal("one"))])
    store.replace_graph("https://example.org/g2", [(BNode("b0"), p, Literal("two"))])
    rows = store.select("SELECT DISTINCT ?s WHERE { ?s <https://example.org/p> ?o }")
    assert len(rows) == 2
    store.drop_graph("https://example.org/g1")
    assert store.graph_iris() == {"https://example.org/g2"}
    store.close()
