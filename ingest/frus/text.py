"""The plain text of one TEI document, block by block, and the sentences inside a block.

A document's text is the concatenation of its blocks' texts joined by a blank line ("\\n\\n"), so a
passage's offsets index that string exactly. Blocks are paragraphs, list items (with their
label), table rows and closers; the head, the source note and the dateline are metadata, not
text. Footnotes and page breaks are left out of the running text; a quote or list inside a
paragraph becomes blocks of its own after the paragraph.
"""

from __future__ import annotations

import re
import re._constants as _sre_constants
import re._parser as _sre_parser
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pysbd
from lxml import etree
from pysbd.lang.english import English
from pysbd.utils import TextSpan

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
#: The only characters other than ASCII letters that ``re.IGNORECASE`` matches to an ASCII letter, or whose
#: ``str.lower()`` holds one or is longer (İ, ı, ſ and the Kelvin sign). In a text without them, an
#: all-lower-case pattern finds in ``text.lower()`` exactly what it finds case-insensitively in ``text``
#: (same offsets, same ``\w``), and far faster: ``re.IGNORECASE`` over a long alternation is slow.
FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_GROUP_NAME = re.compile(r"\(\?P[<=]\w+>?")
#: Keyed by the pattern's ``id`` (the pattern is kept in the value, so the id stays its own): hashing
#: a ``re.Pattern`` hashes its whole compiled code, microseconds for these long alternations.
_CASE_SENSITIVE_TWINS: dict[int, tuple[re.Pattern, re.Pattern]] = {}


def finditer_any_case(
    pattern: re.Pattern, text: str, starts: Callable[[str], Iterable[int]] | None = None
) -> Iterator[re.Match]:
    """``pattern.finditer(text)`` for a ``re.IGNORECASE`` pattern written in lower case, the same matches.

    The search runs case-sensitively over ``text.lower()`` (see ``FOLDS_TO_ASCII``); each match found
    there is the case-insensitive pattern's match at the same offset of ``text``, taken again from
    ``text`` so that its groups keep the text's own case. With ``starts`` (the positions of the
    lower-cased text a match can start at, ascending: see ``matches_from``), the pattern is tried only
    there instead of at every position.
    """
    kept = _CASE_SENSITIVE_TWINS.get(id(pattern))
    if kept is not None and kept[0] is pattern:
        twin = kept[1]
    else:
        written = _GROUP_NAME.sub("", pattern.pattern)
        if not pattern.flags & re.IGNORECASE or written.lower() != written:
            raise ValueError(f"not a case-insensitive pattern written in lower case: {pattern.pattern!r}")
        twin = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
        _CASE_SENSITIVE_TWINS[id(pattern)] = (pattern, twin)
    if FOLDS_TO_ASCII.search(text):
        yield from pattern.finditer(text)
        return
    lowered = text.lower()
    for found in twin.finditer(lowered) if starts is None else matches_from(twin, lowered, starts(lowered)):
        match = pattern.match(text, found.start())
        if match is None or match.span() != found.span():  # cannot happen (see FOLDS_TO_ASCII); be sure
            raise AssertionError(f"case-insensitive search disagrees at {found.start()} in {text!r}")
        yield match


def matches_from(pattern: re.Pattern, text: str, starts: Iterable[int]) -> Iterator[re.Match]:
    """``pattern.finditer(text)``, the pattern tried only at ``starts`` (ascending), for a pattern that
    cannot match an empty string: the same matches wherever ``starts`` holds every position a match can
    start at. ``finditer`` tries each position from the end of the last match on; a position where no
    match can start gives nothing, so leaving it out changes nothing (``match`` at a position sees the
    text before it, as the search does: lookbehinds and ``\\b`` work alike, ``^`` only at 0).
    """
    end = 0
    for start in starts:
        if start < end:
            continue
        match = pattern.match(text, start)
        if match is not None:
            if match.end() == start:
                raise ValueError(f"{pattern.pattern!r} matched an empty string: not for matches_from")
            yield match
            end = match.end()


def normalise(text: str) -> str:
    """``text`` with every run of whitespace one space and none at either end.

    ``str.split()`` cuts at the characters ``\\s`` matches (both ask ``str.isspace``), so this is
    ``_SPACES.sub(" ", text).strip()``, three times faster: every block's text passes here."""
    return " ".join(text.split())


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
_ITEM, _LABEL = t("item"), t("label")


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
            if wanted:
                path = f"{where}/{tag.rpartition('}')[2]}[{positions[tag]}]"
            if wanted and tag in BLOCKS:
                own: list[str] = []
                label = child.getprevious()
                if tag == _ITEM and label is not None and label.tag == _LABEL:
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


# Sentences come from pysbd (a maintained rule-based segmenter that knows titles, initials and
# "No."); a guard then re-joins the few cuts it still makes after a title or an initial, which OCR
# makes worse ("Mr. J. 0. Bancroft Davis": the digit 0 for the letter O). A cut is never made at ":".


def needed_characters(pattern: re.Pattern) -> tuple[frozenset[str], ...]:
    """Sets of characters a text must hold one of each for ``pattern`` to match in it (in the match, or
    where a lookahead or lookbehind looks): ``()`` when the pattern guarantees none.

    Read from the parsed pattern: a literal needs itself, a class of a few characters one of them, a
    sequence what each of its parts needs, a repeat (at least once), a group or a positive lookaround
    what its content needs, alternatives one of what each needs; anything else (case-insensitive
    matching, negations, categories, back-references, anchors, ``.``) guarantees nothing. The three
    sets least likely to be in a text are kept (marks before letters). ``tests/test_frus_prefilters.py``
    checks it on pysbd's patterns over the records.
    """
    parsed = _sre_parser.parse(pattern.pattern, pattern.flags)
    found = sorted(set(_needed(parsed, parsed.state.flags)), key=_commonness)
    return tuple(found[:3])


def _commonness(characters: frozenset[str]) -> tuple[int, str]:
    return sum(8 if c.isascii() and (c.isalnum() or c.isspace()) else 1 for c in characters), "".join(
        sorted(characters)
    )


def _needed(items: object, flags: int) -> list[frozenset[str]]:
    return [found for op, av in items for found in _needed_by(op, av, flags)]  # type: ignore[attr-defined]


def _needed_by(op: object, av: object, flags: int) -> list[frozenset[str]]:
    c = _sre_constants
    if op is c.LITERAL:
        return [] if flags & re.IGNORECASE else [frozenset(chr(av))]  # type: ignore[arg-type]
    if op is c.IN:
        if flags & re.IGNORECASE:
            return []
        characters: set[str] = set()
        for kind, value in av:  # type: ignore[attr-defined]
            if kind is c.LITERAL:
                characters.add(chr(value))
            elif kind is c.RANGE and value[1] - value[0] < 16:
                characters.update(map(chr, range(value[0], value[1] + 1)))
            else:  # a negation, a category, a wide range
                return []
        return [frozenset(characters)] if characters else []
    if op is c.SUBPATTERN:
        _group, add_flags, del_flags, content = av  # type: ignore[misc]
        return _needed(content, (flags | add_flags) & ~del_flags)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        least, _most, content = av  # type: ignore[misc]
        return _needed(content, flags) if least >= 1 else []
    if op is c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:  # type: ignore[index]
            found = _needed(alternative, flags)
            if not found:
                return []  # an alternative that needs nothing: the branch needs nothing
            union |= min(found, key=_commonness)
        return [frozenset(union)]
    if op is c.ASSERT:  # a lookahead or lookbehind: what it looks at is in the text
        return _needed(av[1], flags)  # type: ignore[index]
    if op is c.ATOMIC_GROUP:
        return _needed(av, flags)
    return []


class _PysbdPatterns:
    """``re`` as pysbd's modules call it, with a compile cache large enough for all of their patterns.

    pysbd passes pattern strings to ``re.sub``/``re.findall`` and builds some per abbreviation, a few
    thousand in all: more than ``re``'s own cache holds (512), so ``re`` recompiled them on every
    call, a third of the FRUS reader's time. The patterns and flags are the ones pysbd gives, so what
    it finds is unchanged; only the compiling is done once.
    """

    _LIMIT = 20_000  # far above pysbd's distinct patterns; a bound all the same

    def __init__(self) -> None:
        self._compiled: dict[tuple[type, object, int], tuple[re.Pattern, tuple[frozenset[str], ...]]] = {}

    def _entry(
        self, pattern: str | re.Pattern, flags: int = 0
    ) -> tuple[re.Pattern, tuple[frozenset[str], ...]]:
        """The compiled pattern, and the characters a text must hold to match (``needed_characters``)."""
        if isinstance(pattern, re.Pattern):
            return re.compile(pattern, flags), ()  # already compiled (``re`` refuses flags, as before)
        key = (type(pattern), pattern, int(flags))
        entry = self._compiled.get(key)
        if entry is None:
            if len(self._compiled) >= self._LIMIT:
                self._compiled.clear()
            compiled = re.compile(pattern, flags)
            entry = self._compiled[key] = (compiled, needed_characters(compiled))
        return entry

    def _pattern(self, pattern: str | re.Pattern, flags: int = 0) -> re.Pattern:
        return self._entry(pattern, flags)[0]

    def _can_match(self, pattern: str | re.Pattern, string: str, flags: int) -> re.Pattern | None:
        """The compiled pattern, or ``None`` when ``string`` lacks every character it needs: most of
        pysbd's hundred rules per text look for a mark ("∯", "&ᓴ&", "♨", a quotation mark) the text
        does not hold, and finding that out by ``str``'s search is cheaper than by the pattern's."""
        compiled, needed = self._entry(pattern, flags)
        for characters in needed:
            for character in characters:
                if character in string:
                    break
            else:
                return None
        return compiled

    def compile(self, pattern: str | re.Pattern, flags: int = 0) -> re.Pattern:
        return self._pattern(pattern, flags)

    # Without a character the pattern needs, each function gives what ``re`` gives for no match.
    def search(self, pattern: str | re.Pattern, string: str, flags: int = 0) -> re.Match | None:
        compiled = self._can_match(pattern, string, flags)
        return None if compiled is None else compiled.search(string)

    def match(self, pattern: str | re.Pattern, string: str, flags: int = 0) -> re.Match | None:
        compiled = self._can_match(pattern, string, flags)
        return None if compiled is None else compiled.match(string)

    def fullmatch(self, pattern: str | re.Pattern, string: str, flags: int = 0) -> re.Match | None:
        compiled = self._can_match(pattern, string, flags)
        return None if compiled is None else compiled.fullmatch(string)

    def sub(
        self, pattern: str | re.Pattern, repl: object, string: str, count: int = 0, flags: int = 0
    ) -> str:
        compiled = self._can_match(pattern, string, flags)
        return str(string) if compiled is None else compiled.sub(repl, string, count)  # type: ignore[arg-type]

    def subn(
        self, pattern: str | re.Pattern, repl: object, string: str, count: int = 0, flags: int = 0
    ) -> tuple[str, int]:
        compiled = self._can_match(pattern, string, flags)
        return (str(string), 0) if compiled is None else compiled.subn(repl, string, count)  # type: ignore[arg-type]

    def split(self, pattern: str | re.Pattern, string: str, maxsplit: int = 0, flags: int = 0) -> list:
        compiled = self._can_match(pattern, string, flags)
        return [str(string)] if compiled is None else compiled.split(string, maxsplit)

    def findall(self, pattern: str | re.Pattern, string: str, flags: int = 0) -> list:
        compiled = self._can_match(pattern, string, flags)
        return [] if compiled is None else compiled.findall(string)

    def finditer(self, pattern: str | re.Pattern, string: str, flags: int = 0) -> Iterator[re.Match]:
        compiled = self._can_match(pattern, string, flags)
        return iter(()) if compiled is None else compiled.finditer(string)

    def __getattr__(self, name: str) -> object:
        return getattr(re, name)  # escape, the flags, Pattern, Match …


_PYSBD_RE = _PysbdPatterns()


def _cache_pysbd_patterns() -> None:
    patterns = _PYSBD_RE
    for name, module in list(sys.modules.items()):
        if (name == "pysbd" or name.startswith("pysbd.")) and getattr(module, "re", None) is re:
            module.re = patterns  # type: ignore[attr-defined]


@contextmanager
def pysbd_as_published() -> Iterator[None]:
    """pysbd's modules calling ``re`` itself for a while: what the checks compare the reader's pysbd with."""
    patched = [
        m
        for n, m in list(sys.modules.items())
        if n.split(".")[0] == "pysbd" and m.__dict__.get("re") is _PYSBD_RE
    ]
    for module in patched:
        module.re = re  # type: ignore[attr-defined]
    try:
        yield
    finally:
        for module in patched:
            module.re = _PYSBD_RE  # type: ignore[attr-defined]


_cache_pysbd_patterns()


class _AbbreviationReplacer(English.AbbreviationReplacer):  # type: ignore[name-defined,misc]
    """pysbd's English abbreviation step, skipping the work that cannot change the text.

    For each of its ~190 abbreviations that occurs in a line, pysbd lists every word the abbreviation
    starts ("p" starts "the President's proposal …") and runs one substitution over the whole line per
    word, most of a segmentation's time. Each substitution only turns a "." that follows the matched
    word into "∯", so (1) where the line holds no "abbreviation." nothing can change and the
    abbreviation is skipped, and (2) a substitution already made for the same word (and the same next
    character) finds nothing more: the substitutions only ever remove full stops, and none of their
    patterns can match "∯". The text that results is pysbd's own. Lines holding a character that
    ``re.IGNORECASE`` folds to an ASCII letter (``FOLDS_TO_ASCII``), and the abbreviations written with
    a dot, which pysbd puts into its pattern unescaped, take pysbd's own path.
    """

    def search_for_abbreviations_in_string(self, text: str) -> str:
        if FOLDS_TO_ASCII.search(text):
            return str(super().search_for_abbreviations_in_string(text))
        lowered = text.lower()
        for abbreviation in self.lang.Abbreviation.ABBREVIATIONS:
            stripped = abbreviation.strip()
            if stripped not in lowered:
                continue
            if "." in stripped:
                text = self._one_abbreviation(text, stripped, None)
            elif stripped + "." in lowered:
                text = self._one_abbreviation(text, stripped, set())
        return text

    def _one_abbreviation(self, text: str, stripped: str, done: set[tuple[str, str]] | None) -> str:
        """pysbd's work for one abbreviation; with ``done``, a substitution made once is not made again."""
        words = _PYSBD_RE.findall(rf"(?:^|\s|\r|\n){stripped}", text, flags=re.IGNORECASE)
        if not words:
            return text
        # pysbd's "next character" pattern looks for the abbreviation in braces ("{mr} "), as written
        next_characters = (
            _PYSBD_RE.findall("(?<={" + re.escape(stripped) + "} ).{1}", text)
            if "{" in text or done is None
            else []
        )
        for index, word in enumerate(words):
            if done is not None:
                key = (word.strip(), next_characters[index] if index < len(next_characters) else "")
                if key in done:
                    continue
                done.add(key)
            text = self.scan_for_replacements(text, word, index, next_characters)
        return text


class _English(English):  # type: ignore[misc,valid-type]
    AbbreviationReplacer = _AbbreviationReplacer


class _Segmenter(pysbd.Segmenter):  # type: ignore[misc]
    r"""pysbd's segmenter with the English above, and its sentences found in the text without a regex each.

    pysbd finds where each sentence it cut sits in the text with ``re.finditer(escape(sentence) +
    r"\s*")``: a pattern compiled per sentence, a tenth of reading a volume. The same search by
    ``str.find`` (the sentence as written, then the whitespace after it, the first occurrence that
    ends past the previous sentence, occurrences taken left to right without overlap as ``finditer``
    takes them) gives the same spans; an empty sentence keeps pysbd's own search.
    """

    def __init__(self) -> None:
        super().__init__(language="en", clean=False, char_span=True)
        self.language_module = _English

    def sentences_with_char_spans(self, sentences: list[str]) -> list[TextSpan]:
        if not all(sentences):
            return list(super().sentences_with_char_spans(sentences))
        text = self.original_text
        spans: list[TextSpan] = []
        prior_end = 0
        for sentence in sentences:
            position = 0
            while (start := text.find(sentence, position)) >= 0:
                end = start + len(sentence)
                while end < len(text) and text[end].isspace():  # r"\s*": \s is what str.isspace says
                    end += 1
                if end > prior_end:
                    spans.append(TextSpan(text[start:end], start, end))
                    prior_end = end
                    break
                position = end
        return spans


_SEGMENTER = _Segmenter()
#: Words after which a full stop does not end a sentence (titles, honorifics, references).
_ABBREVIATIONS = frozenset(
    "mr mrs ms messrs mm dr st no nos gen genl col capt lt maj adm hon rev sr jr vol p pp art arts sec cf "
    "viz esq co ft mt jan feb mar apr aug sept sep oct nov dec inst ult prox ibid vs prof gov sen rep "
    "amb cmdr comdr brig supt lieut sergt sgt corp dept govt ex fr m".split()
)
_TIME_OF_DAY = re.compile(r"\b[ap]\.\s?m\.$", re.IGNORECASE)
_LAST_WORD = re.compile(r"(\w+)\.[\"”’')\]]*$")


def _cut_at_abbreviation(sentence: str) -> bool:
    """Whether a segment ends at a title or an initial ("Mr.", "Gen.", "J.", "0.") rather than a sentence."""
    if _TIME_OF_DAY.search(sentence.rstrip()):
        return False  # "… at 12:30 p.m." can end a sentence: pysbd decides
    match = _LAST_WORD.search(sentence.rstrip())
    if not match:
        return sentence.rstrip().endswith(":")
    word = match.group(1)
    return len(word) == 1 or word.lower() in _ABBREVIATIONS


#: A boundary no segmenter would doubt: a full stop after a lower-case word of three or more letters
#: (never a title, an initial or "No."), then a capital. Long blocks are cut there first, so that only
#: the parts a caller needs are given to pysbd, which costs milliseconds per call.
_SURE_END = re.compile(r"\b(?P<word>[a-z]{3,})[.!?][\"”’')\]]*\s+(?=[A-Z“\"‘])")


def sentences(text: str, near: list[int] | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` spans of the sentences in ``text``; ``text[start:end]`` has no outer spaces.

    With ``near`` (offsets into ``text``), only the sentences of the parts around those offsets are
    cut (the others are not returned): what a reader needs when it knows where its cues are."""
    if near is None:
        return _segment(text, 0)
    out: list[tuple[int, int]] = []
    start = 0
    ends = [m.end() for m in _SURE_END.finditer(text) if m.group("word") not in _ABBREVIATIONS]
    for boundary in [*ends, len(text)]:
        if any(start <= offset < boundary for offset in near):
            out.extend(_segment(text[start:boundary], start))
        start = boundary
    return out


def _segment(text: str, offset: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for segment in _SEGMENTER.segment(text):
        start, end = segment.start, segment.end
        if spans and _cut_at_abbreviation(text[spans[-1][0] : spans[-1][1]]):
            start = spans.pop()[0]
        spans.append((start, end))
    out = []
    for start, end in spans:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip())
        out.append((offset + start + lead, offset + start + len(piece.rstrip())))
    return [(s, e) for s, e in out if e > s]
