"""What a FRUS volume says once for all its documents: its id and title, its persons and terms lists.

The persons list (``div[@xml:id='persons']``: ``item/persName[@xml:id]`` followed by the roles) is
resolved once per volume; documents then resolve ``persName/@corresp`` through it. The terms list
(``div[@xml:id='terms']``) gives abbreviations; those whose expansion names an organisation become
aliases of that organisation, so ``gloss/@target='#t_NSC1'`` is a mention of it.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from lxml import etree
from rdflib import URIRef

from ..document import ReaderError
from ..resolve import Resolver
from ..resolve_names import fold
from .names import PersonsIndex, uninvert
from .text import TEI, XML_ID, inline_text, t

log = logging.getLogger(__name__)

_ORG_WORDS = re.compile(
    r"\b(department|ministry|embassy|legation|office|government|council|committee|commission|board|agency|"
    r"bureau|administration|service|organi[sz]ation|league|union|bank|fund|senate|congress|staff|"
    r"corporation|institute|secretariat)\b",
    re.IGNORECASE,
)


def looks_like_organisation(text: str) -> bool:
    return bool(_ORG_WORDS.search(text))


@dataclass
class PersonEntry:
    """One entry of a volume's persons list, resolved: the person's IRI and the posts as written."""

    iri: URIRef
    name: str
    posts: list[str]


@dataclass
class Volume:
    """A parsed FRUS volume: id, title, persons and terms, and the document divs in reading order."""

    volume_id: str
    title: str
    root: etree._Element
    persons: dict[str, PersonEntry] = field(default_factory=dict)
    terms: dict[str, URIRef] = field(default_factory=dict)
    #: The persons list by surname, for names written without ``@corresp``.
    index: PersonsIndex = field(default_factory=PersonsIndex)
    _post_holders: dict[str, list[URIRef]] = field(default_factory=dict)

    def documents(self) -> list[etree._Element]:
        return self.root.findall(f".//{t('div')}[@type='document']")

    def post_holder(self, post: str) -> URIRef | None:
        """The one person in the persons list holding ``post`` ("Acting Secretary of State"), if unique."""
        holders = self._post_holders.get(_post_key(post), [])
        return holders[0] if len(holders) == 1 else None


def _post_key(post: str) -> str:
    key = fold(post).strip(" .,;")
    return key[4:] if key.startswith("the ") else key


def read_volume(tree: etree._ElementTree, source: str, resolver: Resolver) -> Volume:
    """Read the volume-level parts of a FRUS TEI file; raise ``ReaderError`` if it is not one."""
    root = tree.getroot()
    if root.tag != t("TEI"):
        raise ReaderError(
            source, f"root element is <{etree.QName(root).localname}>, not a TEI <TEI> in {TEI}"
        )
    idno = root.find(f"{t('teiHeader')}/{t('fileDesc')}/{t('publicationStmt')}/{t('idno')}[@type='frus']")
    volume_id = (idno.text or "").strip() if idno is not None and idno.text else (root.get(XML_ID) or "")
    if not re.fullmatch(r"[A-Za-z0-9._-]+", volume_id):
        raise ReaderError(
            f"{source}#teiHeader", "no usable volume id (publicationStmt/idno[@type='frus'] or TEI/@xml:id)"
        )
    volume = Volume(volume_id, _title(root) or volume_id, root)
    persons_div = root.find(f".//{t('div')}[@{XML_ID}='persons']")
    if persons_div is not None:
        _read_persons(persons_div, volume, resolver)
    terms_div = root.find(f".//{t('div')}[@{XML_ID}='terms']")
    if terms_div is not None:
        _read_terms(terms_div, volume, resolver)
    log.debug(
        "volume %s: %d persons, %d organisation terms", volume_id, len(volume.persons), len(volume.terms)
    )
    return volume


def _title(root: etree._Element) -> str:
    """The volume's title: the complete title, else series + volume titles."""
    stmt = root.find(f"{t('teiHeader')}/{t('fileDesc')}/{t('titleStmt')}")
    if stmt is None:
        return ""
    titles = {title.get("type"): inline_text(title) for title in stmt.findall(t("title"))}
    if titles.get("complete"):
        return titles["complete"]
    parts = [
        titles.get(k, "")
        for k in ("series", "sub-series", "subseries", "volume-number", "volumenumber", "volume")
    ]
    return ", ".join(p for p in parts if p)


def _read_persons(div: etree._Element, volume: Volume, resolver: Resolver) -> None:
    for pers in div.iter(t("persName")):
        local_id = pers.get(XML_ID)
        if not local_id:
            continue
        name = inline_text(pers)
        item = pers.getparent()
        role_parts: list[str] = [pers.tail or ""]
        for sibling in pers.itersiblings():
            role_parts.append(inline_text(sibling) if isinstance(sibling.tag, str) else "")
            role_parts.append(sibling.tail or "")
        role = " ".join(" ".join(role_parts).split()).strip(" ,.;") if item is not None else ""
        posts = [p.strip(" ,.") for p in re.split(r";", role) if p.strip(" ,.")]
        iri = resolver.person(uninvert(name), posts[0] if posts else None)
        if iri is None:
            continue
        for post in posts[1:]:
            resolver.add_post(iri, post)
        volume.persons[local_id] = PersonEntry(iri, name, posts)
        volume.index.add(name, iri)
        for post in posts:
            # "Counselor for the Department of State; Acting Secretary of State" holds both posts.
            volume._post_holders.setdefault(_post_key(post), [])
            if iri not in volume._post_holders[_post_key(post)]:
                volume._post_holders[_post_key(post)].append(iri)


def _read_terms(div: etree._Element, volume: Volume, resolver: Resolver) -> None:
    for item in div.iter(t("item")):
        term = next((el for el in item.iter() if isinstance(el.tag, str) and el.get(XML_ID)), None)
        if term is None:
            continue
        abbreviation = inline_text(term)
        expansion = inline_text(item)[len(abbreviation) :].strip(" ,.;:")
        if expansion and looks_like_organisation(expansion):
            iri = resolver.organisation(expansion)
            if iri is not None:
                resolver.add_alias(iri, abbreviation)
                volume.terms[term.get(XML_ID)] = iri
