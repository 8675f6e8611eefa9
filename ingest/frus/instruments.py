"""Instruments: commissions, full powers, credentials — the acts of the one who issues them.

An instrument is not a letter and records no meeting. It opens with its issuer and an address to the
world ("Woodrow Wilson, President of the United States of America, To all who shall see these presents,
greeting:") and states its acts in the first person ("I do appoint him as a Commissioner Plenipotentiary
…, and do authorize and empower him to execute and fulfill the duties of that Office …"); its attestation
clause dates it ("Given under my hand at the City of Washington, this thirtieth day of November, …", read
by ``document.document_date``). Each operative clause is a decision of the issuer's office, taken by
its holder alone (method ``executive``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import Block, sentences

#: The issuer, then the address to the world that only an instrument makes.
_ADDRESS = re.compile(
    r"^\s*(?P<issuer>[^:;]{3,200}?),?\s+To (?:all|every)\b[^:]{0,60}?\bthese presents\b", re.IGNORECASE
)
#: The office in the issuer's words: "Woodrow Wilson, President of the United States of America".
_OFFICE = re.compile(
    r"\b(?:President|King|Queen|Emperor|Empress|Sultan|Regent|Prince|Governor|Secretary)\b.*", re.DOTALL
)
_ACTS = r"appoint|authori[sz]e|empower|proclaim|declare|direct|order|designate|nominate|constitute|confer"
#: The first act in the first person: "I do appoint", "I have appointed", "I do hereby proclaim".
_FIRST_ACT = re.compile(rf"\bI (?:do |have |hereby )*(?:{_ACTS})(?:e?d)?\b")
#: A further act joined to it: ", and do authorize and empower him to …".
_JOINED_ACT = re.compile(rf",?\s+and (?:I )?(?P<act>(?:do |have |hereby )+(?:{_ACTS})(?:e?d)?\b)")


@dataclass(frozen=True)
class Act:
    """One operative clause of an instrument: its words and where they are in the document's text."""

    text: str
    start: int
    end: int


def issuing_office(found: list[Block]) -> str | None:
    """The office whose holder issues the instrument, when the document opens with an instrument's
    address to the world; ``None`` for every other document."""
    # the issuer's name, office and the address are often lines of their own
    address = _ADDRESS.match(" ".join(block.text for block in found[:4]))
    if address is None:
        return None
    issuer = " ".join(address.group("issuer").split())
    office = _OFFICE.search(issuer)
    return office.group(0).strip(" ,") if office else issuer


def operative_acts(found: list[Block]) -> list[Act]:
    """Every first-person act of the instrument, each joined act ("…, and do authorize …") its own."""
    acts: list[Act] = []
    for block in found:
        first = _FIRST_ACT.search(block.text)
        if first is None:
            continue
        for start, end in sentences(block.text, [first.start()]):
            if not start <= first.start() < end:
                continue
            joined = list(_JOINED_ACT.finditer(block.text, first.end(), end))
            starts = [first.start(), *(m.start("act") for m in joined)]
            stops = [*(m.start() for m in joined), end]  # a clause ends where ", and do …" begins
            for here, stop in zip(starts, stops, strict=True):
                words = block.text[here:stop].rstrip(" ,;.")
                acts.append(Act(words, block.start + here, block.start + here + len(words)))
    return acts
