"""The plain text of one TEI document, block by block, and the sentences inside a block.

A document's text is the concatenation of its blocks' texts joined by a blank line ("\\n\\n"), so a
passage's offsets index that string exactly. Blocks are paragraphs, list items (with their
label), table rows and closers; the head, the source note and the dateline are metadata, not
text. Footnotes and page breaks are left out of the running text; a quote or list inside a
paragraph becomes blocks of its own after the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

TEI = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"


def t(local: str) -> str:
    """Clark name of a TEI element."""
    return f"{{{TEI}}}{local}"


BLOCKS = frozenset(t(n) for n in ("p", "item", "row", "closer", "ab", "postscript"))
#: Elements whose text is not running text.
SKIPPED = frozenset(t(n) for n in ("note", "pb", "fw", "figure", "label"))
#: Document-level metadata, read separately.
METADATA = frozenset(t(n) for n in ("head", "dateline", "opener"))

_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def inline_text(element: etree._Element) -> str:
    """The text of ``element`` without footnotes and page breaks, whitespace normalised."""
    parts: list[str] = []
    _inline(element, parts)
    return normalise("".join(parts))


def _inline(node: etree._Element, parts: list[str]) -> None:
    if node.text:
        parts.append(node.text)
    for child in node:
        if isinstance(child.tag, str) and child.tag not in SKIPPED:
            _inline(child, parts)
            if child.tag in _SPACED:
                parts.append(" ")
        if child.tail:
            parts.append(child.tail)


#: Elements after which a space separates words even where the source has none.
_SPACED = frozenset(t(n) for n in ("cell", "lb", "item", "signed"))


@dataclass
class Block:
    """One block of running text: its element, its text, and where it sits in the document text."""

    element: etree._Element
    text: str
    path: str
    start: int = 0

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    @property
    def element_id(self) -> str | None:
        return self.element.get(XML_ID)


def blocks(document: etree._Element) -> list[Block]:
    """The document's running-text blocks in reading order, offsets set, empty blocks dropped."""
    found: list[Block] = []

    def collect(node: etree._Element, parts: list[str] | None, where: str) -> None:
        """Append ``node``'s own text to ``parts`` and start a new block for each nested block.

        ``parts`` is ``None`` outside any block: text there (whitespace between elements) is not
        running text. ``where`` is the XPath-like location of ``node`` ("d2/p[1]/quote[1]").
        """
        if parts is not None and node.text:
            parts.append(node.text)
        positions: dict[str, int] = {}
        for child in node:
            tag = child.tag
            wanted = (
                isinstance(tag, str) and tag not in SKIPPED and not (node is document and tag in METADATA)
            )
            if isinstance(tag, str):
                positions[tag] = positions.get(tag, 0) + 1
                path = f"{where}/{tag.rpartition('}')[2]}[{positions[tag]}]"
            if wanted and tag in BLOCKS:
                own: list[str] = []
                label = child.getprevious()
                if tag == t("item") and label is not None and label.tag == t("label"):
                    own.append(inline_text(label) + " ")
                index = len(found)
                found.append(Block(child, "", path))
                collect(child, own, path)
                found[index].text = normalise("".join(own))
            elif wanted:
                collect(child, parts, path)
                if parts is not None and tag in _SPACED:
                    parts.append(" ")
            if parts is not None and child.tail:
                parts.append(child.tail)

    collect(document, None, document.get(XML_ID) or "document")
    kept = [block for block in found if block.text]
    offset = 0
    for block in kept:
        block.start = offset
        offset = block.end + 2
    return kept


def document_text(found: list[Block]) -> str:
    return "\n\n".join(block.text for block in found)


# Sentence ends: ., ! or ? (optionally closing quotes/brackets), whitespace, then a capital, quote or
# digit; but not after a title or an initial ("Mr. Lansing", "J. C. Bancroft Davis", "No. 53").
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[A-Z\"“‘(\d])")
_ABBREVIATIONS = frozenset(
    "mr mrs ms messrs dr st no nos gen col capt lt maj adm hon rev sr jr vol p pp art arts sec cf viz "
    "esq co ft mt u s jan feb mar apr aug sept sep oct nov dec inst ult prox ibid vs".split()
)


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences in ``text``; ``text[start:end]`` has no outer spaces."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        word = re.search(r"(\w+)[.!?][\"”’')\]]*$", text[start : match.start() + 1])
        if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
            continue
        end = match.end() - len(match.group(0)) + len(match.group(0).rstrip())
        spans.append((start, end))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text.rstrip())))
    return [(s, e) for s, e in spans if e > s]
