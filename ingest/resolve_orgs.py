"""The seed list of organisations the resolver knows by name, and the kinds an organisation can be.

Each seed has a canonical name (its IRI key and label), a kind, and the aliases and acronyms
minutes use for it. Names not in the list are still organisations: they get their own IRI from
their normalised name. Add seeds freely; keep aliases unambiguous.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import URIRef

from ontology import PREC

from .resolve_names import fold

#: Organisation kind → ontology class.
KINDS: dict[str, URIRef] = {
    "organisation": PREC.Organisation,
    "public-body": PREC.PublicBody,
    "government": PREC.Government,
    "national-government": PREC.NationalGovernment,
    "foreign-government": PREC.ForeignGovernment,
    "subnational-government": PREC.SubnationalGovernment,
    "regional-government": PREC.RegionalGovernment,
    "local-government": PREC.LocalGovernment,
    "ministry": PREC.Ministry,
    "agency": PREC.Agency,
    "legislature": PREC.Legislature,
    "international-organisation": PREC.InternationalOrganisation,
    "civil-society": PREC.CivilSocietyBody,
    "body": PREC.Body,
}


def kind_class(kind: str) -> URIRef:
    """The class for ``kind`` (also accepts spaces and "organization"); unknown kinds are refused."""
    normal = kind.strip().lower().replace(" ", "-").replace("organization", "organisation")
    if normal not in KINDS:
        raise ValueError(f"unknown organisation kind {kind!r}; known kinds: {', '.join(KINDS)}")
    return KINDS[normal]


@dataclass(frozen=True)
class OrganisationSeed:
    """A well-known organisation: canonical name, kind, and the other names it goes by."""

    name: str
    kind: str
    aliases: tuple[str, ...] = ()


ORGANISATION_SEEDS: tuple[OrganisationSeed, ...] = (
    OrganisationSeed(
        "Department of State",
        "ministry",
        ("State Department", "U.S. Department of State", "United States Department of State", "DOS"),
    ),
    OrganisationSeed("Ministry of Foreign Affairs", "ministry", ("MFA", "Foreign Ministry", "MOFA")),
    OrganisationSeed(
        "Foreign Office", "ministry", ("British Foreign Office", "Foreign and Commonwealth Office", "FCO")
    ),
    OrganisationSeed("Department of Defense", "ministry", ("Defense Department", "DOD", "DoD", "Pentagon")),
    OrganisationSeed("Department of War", "ministry", ("War Department",)),
    OrganisationSeed("Department of the Navy", "ministry", ("Navy Department",)),
    OrganisationSeed("Department of the Treasury", "ministry", ("Treasury Department", "U.S. Treasury")),
    OrganisationSeed("Department of Commerce", "ministry", ("Commerce Department",)),
    OrganisationSeed("Department of Justice", "ministry", ("Justice Department", "DOJ")),
    OrganisationSeed("National Security Council", "body", ("NSC",)),
    OrganisationSeed("Federal Open Market Committee", "body", ("FOMC",)),
    OrganisationSeed(
        "Board of Governors of the Federal Reserve System",
        "agency",
        ("Federal Reserve Board", "Board of Governors", "FRB"),
    ),
    OrganisationSeed("Federal Reserve Bank of New York", "agency", ("New York Fed", "FRBNY")),
    OrganisationSeed("Central Intelligence Agency", "agency", ("CIA",)),
    OrganisationSeed("Joint Chiefs of Staff", "body", ("JCS",)),
    OrganisationSeed("Agency for International Development", "agency", ("USAID", "AID")),
    OrganisationSeed("United States Information Agency", "agency", ("USIA",)),
    OrganisationSeed("Arms Control and Disarmament Agency", "agency", ("ACDA",)),
    OrganisationSeed("War Industries Board", "agency", ()),
    OrganisationSeed("United States Congress", "legislature", ("Congress", "U.S. Congress")),
    OrganisationSeed("United States Senate", "legislature", ("U.S. Senate", "US Senate")),
    OrganisationSeed("United States House of Representatives", "legislature", ("House of Representatives",)),
    OrganisationSeed("Chamber of Deputies", "legislature", ()),
    OrganisationSeed("House of Commons", "legislature", ()),
    OrganisationSeed("United Nations", "international-organisation", ("UN", "U.N.", "UNO")),
    OrganisationSeed("League of Nations", "international-organisation", ()),
    OrganisationSeed(
        "North Atlantic Treaty Organization",
        "international-organisation",
        ("NATO", "North Atlantic Treaty Organisation"),
    ),
    OrganisationSeed("European Union", "international-organisation", ("EU",)),
    OrganisationSeed("Organization of American States", "international-organisation", ("OAS",)),
    OrganisationSeed("International Monetary Fund", "international-organisation", ("IMF",)),
    OrganisationSeed(
        "International Bank for Reconstruction and Development",
        "international-organisation",
        ("World Bank", "IBRD"),
    ),
    OrganisationSeed(
        "Commission to Negotiate Peace",
        "body",
        (
            "American Commission to Negotiate Peace",
            "Commissioners Plenipotentiary",
            "American Commissioners Plenipotentiary",
        ),
    ),
    OrganisationSeed("Supreme War Council", "body", ()),
    OrganisationSeed(
        "Tribunal of Arbitration at Geneva",
        "body",
        ("Geneva Tribunal of Arbitration", "Geneva Arbitration Tribunal"),
    ),
)

_PUNCT = re.compile(r"[^a-z0-9& ]+")


def org_key(name: str) -> str:
    """How organisation names are compared: folded, dots dropped ("U.N." = "UN"), "the" dropped."""
    key = " ".join(_PUNCT.sub(" ", fold(name).replace(".", "")).split())
    return key[4:] if key.startswith("the ") else key
