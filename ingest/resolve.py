"""Actor and place resolution: names as written in minutes → one registry IRI per real thing.

One ``Resolver`` is shared by every reader and every document in a run, so "Mr. Lansing" in one
volume and "Lansing, Robert" in another become the same ``prec:Person``. It accumulates the actor
and place triples (type, label, aliases, memberships and posts, jurisdictions) in ``graph``; a
reader copies the part a document uses into that document's graph with ``triples_for``.

Person rule (see ``resolve_names`` for the normalisation): the key is the normalised full name.
A shorter form of a known name (only the surname, initials for forenames: "Lansing", "R. Lansing",
"Ray S. Baker" for "Ray Stannard Baker") joins the one known person it fits; if it fits none or
several, it is a person of its own. Two mentions with the same key are the same person unless
their posts conflict, which means both posts name a country (by demonym: "British Ambassador",
"American Minister") and the countries differ; the second person's key then carries the country
("john smith/GB"). Earlier short-name persons are not merged into a fuller name seen later: IRIs,
once minted in a run, stay.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, Graph, Literal, URIRef

from ontology import PREC, IriMinter

from .resolve_names import PersonName, fold, parse_name, post_countries
from .resolve_orgs import ORGANISATION_SEEDS, kind_class, org_key
from .resolve_places import LOCAL_TYPES, PlaceEntry, place_index

log = logging.getLogger(__name__)

_GOVERNMENT_OF = re.compile(
    r"^(?:the )?(?:government|province|state|canton|land|region|commonwealth|republic) of (?:the )?(.+)$"
)
_X_GOVERNMENT = re.compile(r"^(?:the )?(.+?) (?:provincial |state |regional |federal |imperial )?government$")


@dataclass
class _Person:
    iri: URIRef
    key: str
    name: PersonName
    countries: set[str] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)


class Resolver:
    """Names → IRIs for persons, organisations and places, with the triples that describe them.

    ``unresolved`` lists mentions that could not be resolved (kept, never dropped);
    ``home_country`` (ISO alpha-2), when set, makes other countries' governments
    ``prec:ForeignGovernment``s.
    """

    def __init__(self, minter: IriMinter, *, home_country: str | None = None) -> None:
        self.minter = minter
        self.home_country = home_country
        self.graph = Graph()
        self.unresolved: list[str] = []
        self._persons: dict[str, list[_Person]] = {}
        self._by_surname: dict[str, list[_Person]] = {}
        self._by_iri: dict[URIRef, _Person] = {}
        # subject → its triples, mirroring ``graph``: ``triples_for`` runs once per document and
        # rdflib's pattern look-ups would dominate a volume's reading time.
        self._about: dict[URIRef, list[tuple]] = {}
        self._triples: set[tuple] = set()
        self._orgs: dict[str, URIRef] = {}
        self._org_typed: set[tuple[URIRef, URIRef]] = set()
        self._seed_keys: dict[str, tuple[str, str]] = {}
        for seed in ORGANISATION_SEEDS:
            for alias in (seed.name, *seed.aliases):
                self._seed_keys[org_key(alias)] = (seed.name, seed.kind)

    # ----------------------------------------------------------------- persons
    def person(
        self, name: str, post: str | None = None, organisation: str | URIRef | None = None
    ) -> URIRef | None:
        """The person called ``name``; with ``post`` (as written), also a membership in that post."""
        parsed = parse_name(name)
        if parsed is None:
            self.record_unresolved(name)
            return None
        countries = set(post_countries(post)) if post else set()
        person = self._find_person(parsed, countries)
        if person is None:
            person = self._new_person(parsed, countries)
        person.countries |= countries
        if parsed.label != person.name.label and parsed.label not in person.aliases:
            person.aliases.add(parsed.label)
            self._add((person.iri, PREC.alias, Literal(parsed.label)))
        if post:
            self._membership(person, post, organisation)
        return person.iri

    def add_post(self, person: URIRef, post: str, organisation: str | URIRef | None = None) -> None:
        """Record that the known ``person`` holds ``post`` too (a second post of one persons-list entry)."""
        known = self._by_iri.get(URIRef(person))
        if known is None:
            raise ValueError(f"{person} was not made by this resolver")
        known.countries |= post_countries(post)
        self._membership(known, post, organisation)

    def add_alias(self, iri: URIRef, alias: str) -> None:
        """Another name for an entity this resolver made (an abbreviation from a terms list)."""
        alias = " ".join(alias.split())
        if alias and (URIRef(iri), RDFS.label, Literal(alias)) not in self._triples:
            self._add((URIRef(iri), PREC.alias, Literal(alias)))

    def _find_person(self, parsed: PersonName, countries: set[str]) -> _Person | None:
        for known in self._persons.get(parsed.key, []):
            if not (countries and known.countries and not countries & known.countries):
                return known
        if self._persons.get(parsed.key):
            return None  # same name, conflicting posts: a different person
        # A shorter form of one known name: "Lansing", "R. Lansing", "Ray S. Baker" for "Ray Stannard Baker".
        fits = [p for p in self._by_surname.get(parsed.surname, []) if parsed.could_be(p.name)]
        fits = [p for p in fits if not (countries and p.countries and not countries & p.countries)]
        if len(fits) == 1:
            return fits[0]
        return None

    def _new_person(self, parsed: PersonName, countries: set[str]) -> _Person:
        key = parsed.key
        if self._persons.get(key):
            key = f"{key}/{'-'.join(sorted(countries)) or len(self._persons[key]) + 1}"
        iri = URIRef(self.minter.entity("person", key))
        person = _Person(iri, key, parsed)
        self._persons.setdefault(parsed.key, []).append(person)
        self._by_surname.setdefault(parsed.surname, []).append(person)
        self._by_iri[iri] = person
        self._add((iri, RDF.type, PREC.Person))
        self._add((iri, RDFS.label, Literal(parsed.label)))
        return person

    def _membership(self, person: _Person, post: str, organisation: str | URIRef | None) -> None:
        post_label = " ".join(post.split()).strip(" ,;.")
        if not post_label:
            return
        membership = URIRef(self.minter.entity("membership", f"{person.key}/{fold(post_label)}"))
        if (membership, RDF.type, PREC.Membership) in self._triples:
            return
        org = self._organisation_for_post(post_label, organisation)
        org_slug = self.minter.split(org)[1] if org is not None and self.minter.split(org) else None
        post_iri = URIRef(self.minter.entity("post", fold(post_label) + (f"/{org_slug}" if org_slug else "")))
        self._add((membership, RDF.type, PREC.Membership))
        self._add((membership, PREC.member, person.iri))
        self._add((membership, PREC.roleLabel, Literal(post_label)))
        self._add((membership, PREC.post, post_iri))
        self._add((person.iri, PREC.hasMembership, membership))
        self._add((post_iri, RDF.type, PREC.Post))
        self._add((post_iri, RDFS.label, Literal(post_label)))
        if org is not None:
            self._add((membership, PREC.organisation, org))
            self._add((post_iri, PREC.postIn, org))

    def _organisation_for_post(self, post: str, organisation: str | URIRef | None) -> URIRef | None:
        if isinstance(organisation, URIRef):
            return organisation
        if organisation:
            return self.organisation(organisation)
        # A post that names a known organisation ("Assistant to the Counselor for the Department of
        # State") is held in it; the longest alias wins ("Department of State" over "State").
        folded = org_key(post)
        best = max(
            (
                alias
                for alias in self._seed_keys
                # the alias as a plain substring first: the pattern finds nothing where it is not
                if len(alias) > 3 and alias in folded and re.search(rf"\b{re.escape(alias)}\b", folded)
            ),
            key=len,
            default=None,
        )
        return self.organisation(best) if best else None

    # ------------------------------------------------------------ organisations
    def organisation(self, name: str, kind: str | None = None) -> URIRef | None:
        """The organisation called ``name`` (canonical name or alias); ``kind`` as in ``resolve_orgs``."""
        key = org_key(name)
        if not key:
            self.record_unresolved(name)
            return None
        if key in self._seed_keys:
            canonical, seed_kind = self._seed_keys[key]
            return self._org(canonical, canonical, kind or seed_kind)
        government = self._government_named(key)
        if government is not None:
            return government
        if key in self._orgs:
            iri = self._orgs[key]
            if kind:
                self._type(iri, kind)
            return iri
        label = " ".join(name.split())
        if label.lower().startswith("the "):
            label = label[4:]
        return self._org(key, label, kind or "organisation")

    def _org(self, key: str, label: str, kind: str, extra: Iterable[tuple] = ()) -> URIRef:
        iri = self._orgs.get(key)
        if iri is None:
            iri = URIRef(self.minter.entity("organisation", key))
            self._orgs[key] = iri
            self._add((iri, RDFS.label, Literal(label)))
            for seed in ORGANISATION_SEEDS:
                if seed.name == key:
                    for alias in seed.aliases:
                        self._add((iri, PREC.alias, Literal(alias)))
            for triple in extra:
                self._add(triple)
        self._type(iri, kind)
        return iri

    def _type(self, iri: URIRef, kind: str) -> None:
        cls = kind_class(kind)
        if (iri, cls) in self._org_typed:
            return
        self._org_typed.add((iri, cls))
        self._add((iri, RDF.type, cls))

    def _government_named(self, key: str) -> URIRef | None:
        """ "Government of Quebec", "Province of Quebec", "the French Government" → a government."""
        match = _GOVERNMENT_OF.match(key) or _X_GOVERNMENT.match(key)
        if not match:
            return None
        what = match.group(1)
        demonym = post_countries(what)
        if len(demonym) == 1 and len(what.split()) == 1:
            return self.national_government(next(iter(demonym)))
        entry = place_index().lookup(what)
        if entry is None:
            return None
        if entry.is_country:
            return self.national_government(entry.code)
        return self._subnational_government(entry)

    def national_government(self, country: str) -> URIRef | None:
        """The government of a country given by name, alpha-2/alpha-3 code or demonym ("French")."""
        entry = place_index().lookup(country)
        if entry is None:
            demonym = post_countries(country)
            entry = place_index().lookup(next(iter(demonym))) if len(demonym) == 1 else None
        if entry is None or not entry.is_country:
            self.record_unresolved(country)
            return None
        place = self._place(entry)
        foreign = self.home_country is not None and entry.code != self.home_country.upper()
        return self._org(
            f"Government of {entry.code}",
            f"Government of {entry.name}",
            "foreign-government" if foreign else "national-government",
            [
                (
                    URIRef(self.minter.entity("organisation", f"Government of {entry.code}")),
                    PREC.jurisdiction,
                    place,
                )
            ],
        )

    def subnational(self, name: str, country: str | None = None) -> URIRef | None:
        """The government of a subdivision ("Quebec", "Bavaria", "CA-QC"): a regional or local government."""
        entry = place_index().subdivision(name, country)
        if entry is None:
            self.record_unresolved(name)
            return None
        return self._subnational_government(entry)

    def _subnational_government(self, entry: PlaceEntry) -> URIRef:
        place = self._place(entry)
        key = f"Government of {entry.code}"
        kind = "local-government" if entry.kind in LOCAL_TYPES else "regional-government"
        return self._org(
            key,
            f"Government of {entry.name}",
            kind,
            [(URIRef(self.minter.entity("organisation", key)), PREC.jurisdiction, place)],
        )

    # ------------------------------------------------------------------ places
    def place(self, name_or_code: str) -> URIRef | None:
        """A country or subdivision by name or ISO code, or ``None`` (recorded as unresolved)."""
        entry = place_index().lookup(name_or_code)
        if entry is None:
            self.record_unresolved(name_or_code)
            return None
        return self._place(entry)

    def _place(self, entry: PlaceEntry) -> URIRef:
        iri = URIRef(self.minter.entity("place", entry.code))
        if (iri, RDF.type, PREC.Place) not in self._triples:
            self._add((iri, RDF.type, PREC.Place))
            self._add((iri, RDFS.label, Literal(entry.name)))
            self._add((iri, PREC.isoCode, Literal(entry.code)))
            parent = place_index().by_code.get(entry.parent) if entry.parent else None
            if parent is not None:
                self._add((iri, PREC.withinPlace, self._place(parent)))
        return iri

    # ---------------------------------------------------------------- plumbing
    def _add(self, triple: tuple) -> None:
        if triple not in self._triples:
            self._triples.add(triple)
            self._about.setdefault(triple[0], []).append(triple)
            self.graph.add(triple)

    def record_unresolved(self, mention: str) -> None:
        mention = " ".join(mention.split())
        if mention and mention not in self.unresolved:
            self.unresolved.append(mention)
            log.debug("unresolved mention: %s", mention)

    def triples_about(self, iris: Iterable[URIRef]) -> list[tuple]:
        """The triples describing ``iris`` and what they link to (memberships, posts, places)."""
        out: list[tuple] = []
        seen: set[URIRef] = set()
        # an IRI given as a URIRef is used as it is (terms are immutable), rdflib's RDF.type looked up once:
        # this runs once per document
        stack = [i if type(i) is URIRef else URIRef(i) for i in iris]
        about = self._about
        is_a = RDF.type
        while stack:
            subject = stack.pop()
            if subject in seen:
                continue
            seen.add(subject)
            for triple in about.get(subject, ()):
                out.append(triple)
                obj = triple[2]
                if isinstance(obj, URIRef) and obj not in seen and triple[1] != is_a:
                    stack.append(obj)
        return out

    def triples_for(self, iris: Iterable[URIRef]) -> Graph:
        """``triples_about`` as a graph, ready to merge into a document's graph."""
        out = Graph()
        out.addN((s, p, o, out) for s, p, o in self.triples_about(iris))
        return out
