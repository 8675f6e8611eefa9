"""Places from ISO 3166: every country and every subdivision that ``pycountry`` knows, by name or code.

The index is built once, lazily, on first use (about 5,300 entries): names, official and common
names, English exonyms from pycountry's English catalogue ("Bayern" → "Bavaria"), bracketed
variants ("Catalunya [Cataluña]"), and a few short or historical names people write ("Russia",
"Britain", "Persia"). Countries win over subdivisions of the same name ("Georgia" is the country);
a subdivision name shared by several countries resolves only through its code.
"""

from __future__ import annotations

import gettext
import logging
import re
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from .resolve_names import fold

log = logging.getLogger(__name__)

#: Short and historical country names used in minutes, beyond pycountry's own common names.
COUNTRY_ALIASES: dict[str, str] = {
    "russia": "RU",
    "soviet union": "RU",
    "ussr": "RU",
    "britain": "GB",
    "great britain": "GB",
    "united kingdom": "GB",
    "uk": "GB",
    "england": "GB",
    "america": "US",
    "united states": "US",
    "united states of america": "US",
    "usa": "US",
    "u s": "US",
    "us": "US",
    "persia": "IR",
    "iran": "IR",
    "siam": "TH",
    "korea": "KR",
    "south korea": "KR",
    "north korea": "KP",
    "vietnam": "VN",
    "south vietnam": "VN",
    "laos": "LA",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "czechoslovakia": "CZ",
    "czech republic": "CZ",
    "holland": "NL",
    "the netherlands": "NL",
    "prussia": "DE",
    "turkey": "TR",
    "ottoman empire": "TR",
    "burma": "MM",
    "ceylon": "LK",
    "formosa": "TW",
    "taiwan": "TW",
    "congo": "CD",
    "ivory coast": "CI",
    "vatican": "VA",
    "holy see": "VA",
}


@dataclass(frozen=True)
class PlaceEntry:
    """One ISO 3166 place: ``code`` is alpha-2 for a country, ``CC-XXX`` for a subdivision."""

    code: str
    name: str
    kind: str
    parent: str | None

    @property
    def country(self) -> str:
        return self.code.split("-", 1)[0]

    @property
    def is_country(self) -> bool:
        return "-" not in self.code


_BRACKETS = re.compile(r"\s*\[([^\]]+)\]\s*")
_NAME_KEY = re.compile(r"[^a-z0-9 ]+")


def place_key(name: str) -> str:
    """How place names are compared: folded, punctuation to spaces, a leading "the" dropped."""
    key = " ".join(_NAME_KEY.sub(" ", fold(name)).split())
    return key[4:] if key.startswith("the ") else key


@dataclass
class PlaceIndex:
    """Name and code look-up over ISO 3166-1 and 3166-2."""

    by_code: dict[str, PlaceEntry]
    countries: dict[str, str]
    subdivisions: dict[str, set[str]]

    def lookup(self, name_or_code: str) -> PlaceEntry | None:
        text = name_or_code.strip()
        upper = text.upper()
        if upper in self.by_code:
            return self.by_code[upper]
        if len(upper) == 3 and upper.isalpha():
            country = pycountry.countries.get(alpha_3=upper)
            if country is not None:
                return self.by_code[country.alpha_2]
        key = place_key(text)
        if key in self.countries:
            return self.by_code[self.countries[key]]
        codes = self.subdivisions.get(key, set())
        if len(codes) == 1:
            return self.by_code[next(iter(codes))]
        return None

    def subdivision(self, name: str, country: str | None = None) -> PlaceEntry | None:
        """A subdivision by name (optionally within ``country``), even where a country shares the name."""
        codes = self.subdivisions.get(place_key(name), set())
        if country:
            codes = {code for code in codes if code.startswith(country.upper() + "-")}
        if len(codes) == 1:
            return self.by_code[next(iter(codes))]
        entry = self.by_code.get(name.strip().upper())
        return entry if entry is not None and not entry.is_country else None


def _names(raw: str) -> list[str]:
    """ "Catalunya [Cataluña]" → ["Catalunya [Cataluña]", "Catalunya", "Cataluña"]."""
    names = [raw]
    inner = _BRACKETS.findall(raw)
    if inner:
        names.append(_BRACKETS.sub(" ", raw).strip())
        names.extend(inner)
    return names


@lru_cache(maxsize=1)
def place_index() -> PlaceIndex:
    """Build the index once per process; pycountry's data is fixed for a given version."""
    try:
        english = gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=["en"])
        translate = english.gettext
    except OSError:
        log.warning("pycountry has no English subdivision names; exonyms such as 'Bavaria' will not resolve")
        translate = str
    by_code: dict[str, PlaceEntry] = {}
    countries: dict[str, str] = {}
    subdivisions: dict[str, set[str]] = {}
    for country in pycountry.countries:
        entry = PlaceEntry(country.alpha_2, getattr(country, "common_name", country.name), "country", None)
        by_code[country.alpha_2] = entry
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                for name in _names(value):
                    countries.setdefault(place_key(name), country.alpha_2)
                # "Bolivia, Plurinational State of" is also written "Bolivia".
                countries.setdefault(place_key(value.split(",")[0]), country.alpha_2)
    for alias, code in COUNTRY_ALIASES.items():
        countries[place_key(alias)] = code
    for sub in pycountry.subdivisions:
        english_name = translate(sub.name)
        entry = PlaceEntry(sub.code, english_name, sub.type.lower(), sub.parent_code or sub.country_code)
        by_code[sub.code] = entry
        for name in {*_names(sub.name), *_names(english_name)}:
            subdivisions.setdefault(place_key(name), set()).add(sub.code)
    log.debug(
        "place index: %d codes, %d country names, %d subdivision names",
        len(by_code),
        len(countries),
        len(subdivisions),
    )
    return PlaceIndex(by_code, countries, subdivisions)


#: Subdivision types that are cities or towns: their government is a local, not a regional, one.
LOCAL_TYPES = frozenset(
    {
        "city",
        "municipality",
        "city corporation",
        "metropolitan city",
        "borough",
        "city with county rights",
        "urban municipality",
        "town",
        "town council",
        "commune",
        "autonomous city",
        "capital city",
        "london borough",
        "metropolitan district",
        "unitary authority",
        "district council area",
    }
)
