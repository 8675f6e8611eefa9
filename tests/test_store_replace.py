"""Replacing graphs a store holds: in two steps while nobody reads the store, in one update otherwise."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from archive.query_worker import close_pool, pool_for
from archive.store import OxigraphStore
from archive.terms import GraphText, Quads

EX = "https://example.org/"


def _text(graph: str, lines: list[tuple[str, str]]) -> GraphText:
    nquads = "".join(f'<{EX}{s}> <{EX}says> "{o}" <{graph}> .\n' for s, o in lines)
    return GraphText(f"<{graph}>", nquads, len(lines))


def _content(store: OxigraphStore, graph: str) -> set[tuple[str, str]]:
    return {
        (q.subject.value, q.object.value)
        for q in store._store.quads_for_pattern(None, None, None, ox.NamedNode(graph))
    }


def _filled(path: Path) -> OxigraphStore:
    store = OxigraphStore(path)
    store.replace_graphs(
        {
            f"{EX}g1": _text(f"{EX}g1", [("a", "old"), ("b", "old")]),
            f"{EX}g2": _text(f"{EX}g2", [("c", "kept")]),
        }
    )
    return store


def test_an_unread_store_replaces_prepared_graphs_by_a_drop_and_a_load(tmp_path: Path) -> None:
    store = _filled(tmp_path / "store")
    replacement = {
        f"{EX}g1": _text(f"{EX}g1", [("a", "new")]),
        f"{EX}g3": Quads(
            [
                ox.Quad(
                    ox.NamedNode(f"{EX}d"),
                    ox.NamedNode(f"{EX}says"),
                    ox.Literal("q"),
                    ox.NamedNode(f"{EX}g3"),
                )
            ]
        ),
    }
    assert store._replace_unread(replacement)
    assert _content(store, f"{EX}g1") == {(f"{EX}a", "new")}  # nothing of the old graph is left
    assert _content(store, f"{EX}g3") == {(f"{EX}d", "q")}
    assert _content(store, f"{EX}g2") == {(f"{EX}c", "kept")}  # graphs not named are untouched
    store.close()


def test_a_read_store_replaces_in_one_update_with_the_same_result(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = _filled(path)
    try:
        pool_for(path, 256)  # a query worker reads this store now
        replacement = {f"{EX}g1": _text(f"{EX}g1", [("a", "new"), ("e", "new")])}
        assert not store._replace_unread(replacement)  # a reader could see the graph missing between steps
        store.replace_graphs(replacement)
        assert _content(store, f"{EX}g1") == {(f"{EX}a", "new"), (f"{EX}e", "new")}
        assert _content(store, f"{EX}g2") == {(f"{EX}c", "kept")}
    finally:
        close_pool(path)
        store.close()


def test_triples_not_yet_converted_take_the_update(tmp_path: Path) -> None:
    from rdflib import Literal, URIRef

    store = _filled(tmp_path / "store")
    triples = [(URIRef(f"{EX}a"), URIRef(f"{EX}says"), Literal("from rdflib"))]
    assert not store._replace_unread({f"{EX}g1": triples})  # type: ignore[dict-item]
    store.replace_graphs({f"{EX}g1": triples})
    assert _content(store, f"{EX}g1") == {(f"{EX}a", "from rdflib")}
    store.close()
