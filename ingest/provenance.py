"""Passages: the spans of a record's text that facts point back to, as ``prec:Passage`` nodes.

Any reader can use ``PassageBuilder``: it numbers passages in reading order, mints their IRIs
(``{identifier}/p{n}``) and links facts to them with ``prec:derivedFrom``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter


@dataclass
class PassageBuilder:
    """Adds passages of one record to ``graph``; ``text`` is the record's text the offsets index."""

    graph: Graph
    minter: IriMinter
    record_identifier: str
    text: str | None = None
    _count: int = field(default=0, init=False)
    _record_iri: URIRef = field(init=False, repr=False)
    _passage_prefix: str = field(init=False, repr=False)

    def __post_init__(self) -> None:
        # Minted once: every passage names its record, and minting slugifies the identifier each time.
        self._record_iri = URIRef(self.minter.entity("record", self.record_identifier))
        # A passage's IRI is its record's identifier with "/p" and its number, slugified: the slug of
        # "{identifier}/p" followed by the number's digits, which slugifying leaves as they are.
        self._passage_prefix = self.minter.entity("passage", f"{self.record_identifier}/p")
        # The record's whole text, so every word of it is searchable, not only the passages facts cite.
        if self.text:
            self.graph.add((self.record_iri, PREC.fullText, plain_literal(self.text)))

    @property
    def record_iri(self) -> URIRef:
        return self._record_iri

    @property
    def count(self) -> int:
        return self._count

    def add(
        self,
        start: int | None = None,
        end: int | None = None,
        *,
        quote: str | None = None,
        page: int | None = None,
        element_id: str | None = None,
    ) -> URIRef:
        """Add the next passage and return its IRI.

        With offsets and a record text, the quote is cut from the text so that
        ``text[start:end] == quote`` always holds; a quote given alongside must agree.
        """
        if start is not None and end is not None:
            if not 0 <= start <= end:
                raise ValueError(f"bad passage offsets {start}..{end}")
            if self.text is not None:
                if end > len(self.text):
                    raise ValueError(f"passage end {end} beyond the record's {len(self.text)} characters")
                cut = self.text[start:end]
                if quote is not None and quote != cut:
                    raise ValueError("passage quote does not match the record text at its offsets")
                quote = cut
        self._count += 1
        iri = URIRef(f"{self._passage_prefix}{self._count}")
        add = self.graph.add
        add((iri, _TYPE, _PASSAGE))
        add((iri, _IN_RECORD, self._record_iri))
        add((iri, _SEQUENCE, integer(self._count)))
        if start is not None and end is not None:
            add((iri, _START_OFFSET, integer(start)))
            add((iri, _END_OFFSET, integer(end)))
        if quote is not None:
            add((iri, _QUOTE, plain_literal(quote)))
        if page is not None:
            add((iri, _PAGE, integer(page)))
        if element_id is not None:
            add((iri, _ELEMENT_ID, plain_literal(element_id)))
        return iri

    def cite(self, fact: URIRef, passage: URIRef) -> None:
        """Record that ``fact`` was read from ``passage``."""
        self.graph.add((fact, PREC.derivedFrom, passage))

    def span(self, fact: URIRef, start: int, end: int) -> URIRef:
        """Add a passage for ``text[start:end]`` and link ``fact`` to it; return the passage IRI."""
        passage = self.add(start, end)
        self.cite(fact, passage)
        return passage


#: The terms every passage is written with, looked up once: rdflib's ``RDF`` and ``XSD`` make a new
#: term on every attribute access.
_TYPE = RDF.type
_PASSAGE = PREC.Passage
_IN_RECORD = PREC.inRecord
_SEQUENCE = PREC.sequence
_START_OFFSET = PREC.startOffset
_END_OFFSET = PREC.endOffset
_QUOTE = PREC.quote
_PAGE = PREC.page
_ELEMENT_ID = PREC.elementId
_INTEGER = XSD.integer


def _plain_literal(text: str) -> Literal:
    if type(text) is not str:
        return Literal(text)
    term = str.__new__(Literal, text)
    term._language = None
    term._datatype = None
    term._value = text
    term._ill_typed = None
    return term


def _same_term(made: Literal, expected: Literal) -> bool:
    return (
        type(made) is Literal
        and str(made) == str(expected)
        and all(getattr(made, slot) == getattr(expected, slot) for slot in Literal.__slots__)
        and all(type(getattr(made, slot)) is type(getattr(expected, slot)) for slot in Literal.__slots__)
    )


#: ``Literal(text)`` for a plain string (no language, no datatype), the same term made without rdflib's
#: conversions: rdflib spends about ten microseconds on each (looking for a datatype, casting the value
#: back), and a FRUS volume's passages, records and labels make tens of thousands. What rdflib makes of
#: a ``str`` is a ``Literal`` whose value is the string itself, with no language, datatype or ill-typed
#: flag; should a future rdflib make something else of it, this is ``Literal`` itself (checked here, at
#: import, and in ``tests/test_frus_prefilters.py`` over every block of text in ``../shared/data``).
plain_literal: Callable[[str], Literal] = (
    _plain_literal if _same_term(_plain_literal("Précédent\n"), Literal("Précédent\n")) else Literal
)


def _integer_literal(value: int) -> Literal:
    if type(value) is not int:
        return Literal(value, datatype=_INTEGER)
    term = str.__new__(Literal, str(value))
    term._language = None
    term._datatype = _INTEGER
    term._value = value
    term._ill_typed = None
    return term


#: ``Literal(value, datatype=XSD.integer)`` for an ``int``, made as ``plain_literal`` makes a plain one:
#: what rdflib makes of an int is a ``Literal`` of its decimal digits whose value is the int itself,
#: typed ``xsd:integer``; should a future rdflib make something else, this is rdflib's own (checked at
#: import and in ``tests/test_frus_prefilters.py``). A volume's passages need ten thousand of them.
_make_integer: Callable[[int], Literal] = (
    _integer_literal
    if all(_same_term(_integer_literal(v), Literal(v, datatype=_INTEGER)) for v in (0, 7, -12, 10**30))
    else lambda value: Literal(value, datatype=_INTEGER)
)


@lru_cache(maxsize=65_536, typed=True)
def integer(value: int) -> Literal:
    """``Literal(value, datatype=XSD.integer)``, made once per value: passages number themselves and
    their offsets with them, and rdflib spends microseconds on each (terms are immutable, so one serves)."""
    return _make_integer(value)
