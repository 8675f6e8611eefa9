"""Who is named in one set of minutes: people, organisations, the meeting body, the administration.

Names become IRIs through the run's shared ``ingest.resolve.Resolver`` when one is given, so that
the same person gets the same IRI in every document; without one, IRIs are minted from the
normalised name. Organisation kinds, parents and aliases declared in the front matter are stated
in this document's graph either way.
"""

from __future__ import annotations

from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import PREC, IriMinter

from .header import AdministrationEntry, MeetingHeader

ORGANISATION_CLASSES = {
    "organisation": PREC.Organisation, "public-body": PREC.PublicBody, "government": PREC.Government,
    "national-government": PREC.NationalGovernment, "foreign-government": PREC.ForeignGovernment,
    "regional-government": PREC.RegionalGovernment, "local-government": PREC.LocalGovernment,
    "ministry": PREC.Ministry, "agency": PREC.Agency, "legislature": PREC.Legislature,
    "international-organisation": PREC.InternationalOrganisation, "civil-society": PREC.CivilSocietyBody,
    "body": PREC.Body,
}


def normalise_name(name: str) -> str:
    return " ".join(name.split())


class Actors:
    """Resolves the names of one minutes file to actor IRIs and adds their triples to its graph."""

    def __init__(self, graph: Graph, minter: IriMinter, resolver: object | None,
                 header: MeetingHeader) -> None:
        self.graph = graph
        self.minter = minter
        self.resolver = resolver
        self.header = header
        self.used: set[URIRef] = set()
        self.unresolved: list[str] = []
        self.declared = {normalise_name(o.name).lower(): o for o in header.organisations}
        self.people = {normalise_name(p.name).lower(): p for p in header.people}
        self._described: set[str] = set()
        self.body = self._body()

    def person(self, name: str, post: str | None = None, organisation: str | None = None) -> URIRef:
        name = normalise_name(name)
        iri = None
        if self.resolver is not None:
            iri = self.resolver.person(name, post=post, organisation=organisation)
        if iri is None:
            # no resolver, or a name it cannot parse: mint from the name as written, never drop it
            if self.resolver is not None:
                self.unresolved.append(name)
            iri = self.minter.entity("person", name)
            self.graph.add((URIRef(iri), RDF.type, PREC.Person))
            self.graph.add((URIRef(iri), RDFS.label, Literal(name)))
        iri = URIRef(iri)
        self.used.add(iri)
        return iri

    def person_named(self, name: str) -> URIRef:
        """A person by name, with the post and organisation the front matter gives them, if any."""
        entry = self.people.get(normalise_name(name).lower())
        if entry is not None:
            return self.person(entry.name, entry.post, entry.organisation)
        return self.person(name)

    def organisation(self, name: str, kind: str | None = None) -> URIRef:
        name = normalise_name(name)
        declared = self.declared.get(name.lower())
        kind = kind or (declared.kind if declared is not None else None)
        iri = None
        if self.resolver is not None:
            iri = self.resolver.organisation(name, kind)
        if iri is None:
            iri = self.minter.entity("organisation", name)
            self.graph.add((URIRef(iri), RDFS.label, Literal(name)))
        iri = URIRef(iri)
        self.used.add(iri)
        self.graph.add((iri, RDF.type, ORGANISATION_CLASSES[kind or "organisation"]))
        if declared is not None and declared.name.lower() not in self._described:
            self._described.add(declared.name.lower())
            for alias in declared.aliases:
                self.graph.add((iri, PREC.alias, Literal(alias)))
            if declared.part_of:
                self.graph.add((iri, PREC.subOrganisationOf, self.organisation(declared.part_of)))
        return iri

    def actor(self, name: str) -> URIRef:
        """A person if the minutes list them (or they chair), else the body or an organisation."""
        key = normalise_name(name).lower()
        if key == normalise_name(self.header.body).lower():
            return self.body
        chair = normalise_name(self.header.chair or "").lower()
        if key in self.people or key == chair:
            return self.person_named(name)
        return self.organisation(name)

    def administration(self, entry: AdministrationEntry) -> URIRef:
        iri = URIRef(self.minter.entity("administration", entry.name))
        g = self.graph
        g.add((iri, RDF.type, PREC.Administration))
        g.add((iri, RDFS.label, Literal(entry.name)))
        if entry.government:
            g.add((iri, PREC.ofGovernment, self.organisation(entry.government)))
        if entry.head:
            g.add((iri, PREC.headedBy, self.person_named(entry.head)))
        if entry.start:
            g.add((iri, PREC.startDate, Literal(entry.start, datatype=XSD.date)))
        if entry.end:
            g.add((iri, PREC.endDate, Literal(entry.end, datatype=XSD.date)))
        return iri

    def finish(self) -> None:
        """Copy what the shared resolver knows about the actors this document names into its graph."""
        if self.resolver is not None:
            self.graph += self.resolver.triples_for(self.used)

    def _body(self) -> URIRef:
        body = self.organisation(self.header.body, "body")
        if self.header.body_organisation:
            self.graph.add((body, PREC.subOrganisationOf, self.organisation(self.header.body_organisation)))
        return body
