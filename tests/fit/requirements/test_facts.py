"""What a posting states that is no requirement (nextround.fit.requirements.facts): the pay band,
locations, work setting, schedule and employment types, and how they read in words."""

from __future__ import annotations

import pytest

from nextround.fit.requirements import (
    PayBand,
    PostingFacts,
    extract_requirements,
    facts_in_words,
    pay_band,
    pay_in_words,
    posting_facts,
)


@pytest.mark.parametrize(
    ("line", "low", "high", "currency", "period"),
    [
        ("Pay: $70,000.00 - $85,000.00 per year", 70000, 85000, "USD", "yearly"),
        ("$38.00 - $52.00 per hour depending on experience", 38, 52, "USD", "hourly"),
        ("**Pay:** $19 - $22/hr", 19, 22, "USD", "hourly"),
        ("£29,970 to £36,483 a year, pro rata", 29970, 36483, "GBP", "yearly"),
        ("Salary: £32k - £38k", 32000, 38000, "GBP", "yearly"),
        ("€4.000 to €4.500 a month", 4.0, 4.5, "EUR", "monthly"),
        ("CAD $80,000 to $95,000 annually", 80000, 95000, "CAD", "yearly"),
        ("$90,000 to $110,000 annualized, paid hourly", 90000, 110000, "USD", "yearly"),
        ("Kitchen Manager | Full-time | $58K-$65K", 58000, 65000, "USD", "yearly"),
        ("Up to $30 an hour", None, 30, "USD", "hourly"),
        ("From $25 per hour", 25, None, "USD", "hourly"),
    ],
)
def test_pay_band_from_a_line(
    line: str, low: float | None, high: float | None, currency: str, period: str
) -> None:
    band = pay_band(line)
    assert band is not None
    assert (band.low, band.high, band.currency, band.period) == (low, high, currency, period)
    assert band.text == line


@pytest.mark.parametrize(
    "line",
    [
        "Manage projects of $10M to $40M",
        "Lead a team of 12 associates",
        "3+ years of experience",
        "A 400-bed hospital since 1921",
    ],
)
def test_amounts_that_are_no_pay(line: str) -> None:
    assert pay_band(line) is None


def test_labelled_job_board_lines() -> None:
    facts = posting_facts(
        "Requirements\n- Two years of SQL\n\n"
        "Job Type: Full-time, Contract\nPay: $40 - $48 per hour\n"
        "Schedule: 8 hour shift, Monday to Friday\n"
        "Work Location: Hybrid remote in Austin, TX 78701\n"
    )
    assert facts.pay == PayBand(
        low=40, high=48, currency="USD", period="hourly", text="Pay: $40 - $48 per hour"
    )
    assert facts.locations == ("Austin, TX",)
    assert facts.work_setting == "hybrid"
    assert facts.schedule == ("8 hour shift", "Monday to Friday")
    assert facts.employment_types == ("full-time", "contract")


def test_facts_under_headings_and_in_a_title() -> None:
    facts = posting_facts(
        "**Accounts Payable Clerk (Part-Time)**\n\n"
        "Duties\n- Enter vendor invoices\n\n"
        "Location\nNorwich, NR4\n\n"
        "The details\nSeasonal, March to October\nEvening shifts and every other weekend\n"
    )
    assert facts.locations == ("Norwich, NR4",)
    assert facts.employment_types == ("part-time", "seasonal")
    assert facts.schedule == ("Evening shifts", "every other weekend")


@pytest.mark.parametrize(
    ("posting", "setting"),
    [
        ("We are a fully remote company.", "remote"),
        ("Work Location: In person", "on-site"),
        ("Portland, OR (on-site)", "on-site"),
        ("We work in a hybrid model: two days in the office.", "hybrid"),
        ("Requirements\n- Experience supporting remote teams", None),
        ("Requirements\n- Knowledge of remote patient monitoring", None),
    ],
)
def test_work_setting(posting: str, setting: str | None) -> None:
    assert posting_facts(posting).work_setting == setting


@pytest.mark.parametrize(
    ("posting", "types"),
    [
        ("This is a permanent, full-time post.", ("full-time", "permanent")),
        ("Data Analyst (12-month contract)", ("contract",)),
        ("Full-time, temporary to hire after 90 days", ("full-time", "temporary")),
        ("Requirements\n- Experience of contract negotiation", ()),
        ("Acme is a florist famous for its seasonal bouquets.", ()),
        ("£30,000 a year, pro rata for part-time hours", ()),
    ],
)
def test_employment_types(posting: str, types: tuple[str, ...]) -> None:
    assert posting_facts(posting).employment_types == types


def test_places_in_prose_and_addresses() -> None:
    assert posting_facts("We are hiring for the Dallas-Fort Worth area.").locations == (
        "Dallas-Fort Worth",
    )
    assert posting_facts("The details\n2 Riverfront Way, Savannah, GA 31401").locations == (
        "Savannah, GA",
    )
    assert posting_facts("Based at Endeavour House, Ipswich, with hybrid working").locations == (
        "Endeavour House, Ipswich",
    )


def test_days_off_alone_are_no_rota() -> None:
    assert posting_facts("Take two days off after a busy week.").schedule == ()
    assert posting_facts("Time off: 25 days plus bank holidays").schedule == ()


def test_a_posting_that_states_nothing() -> None:
    facts = posting_facts("Requirements\n- Python\n- SQL\n")
    assert facts == PostingFacts()
    assert facts.empty
    assert posting_facts("   ") == PostingFacts()


def test_facts_are_part_of_the_extraction() -> None:
    posting = "Requirements\n- Python\n\nSalary: $120,000 - $140,000\nLocation: Remote (US)\n"
    extraction = extract_requirements(posting)
    assert extraction.facts == posting_facts(posting)
    assert extraction.facts.work_setting == "remote"
    assert extraction.facts.locations == ("US",)
    assert extraction.report().facts == extraction.facts


def test_facts_in_words() -> None:
    facts = PostingFacts(
        pay=PayBand(low=38, high=52.5, currency="USD", period="hourly", text=""),
        locations=("Allentown, PA", "Bethlehem, PA"),
        work_setting="on-site",
        schedule=("12-hour night shifts",),
        employment_types=("full-time", "permanent"),
    )
    assert facts_in_words(facts) == [
        ("Pay", "$38–$52.50 an hour"),
        ("Location", "Allentown, PA; Bethlehem, PA"),
        ("Work setting", "on-site"),
        ("Schedule", "12-hour night shifts"),
        ("Employment", "full-time, permanent"),
    ]
    assert facts_in_words(PostingFacts()) == []


@pytest.mark.parametrize(
    ("band", "words"),
    [
        (PayBand(70000, 85000, "GBP", "yearly", ""), "£70,000–£85,000 a year"),
        (PayBand(25, None, "USD", "hourly", ""), "from $25 an hour"),
        (PayBand(None, 4000, "EUR", "monthly", ""), "up to €4,000 a month"),
        (PayBand(900, 900, "CHF", "weekly", ""), "CHF900 a week"),  # Babel's English form
    ],
)
def test_pay_in_words(band: PayBand, words: str) -> None:
    assert pay_in_words(band) == words


@pytest.mark.parametrize(
    "said",
    [
        "Monday to Friday",
        "SUN THRU THU",
        "12-hour night shifts",
        "Graveyard shift",
        "37.5 hours per week",
        "20 hours/week",
        "Long days and nights",
        "every second weekend",
        "weekend availability",
        "Weekends and bank holidays",
        "Weekends and holidays",
        "ſwing ſhift",  # re.I matches "ſ" to "s"; the quick check before it must too
        "4 on 4 off",
        "3 days on, 3 days off",
        "four-on-four-off",
        "2 nights on / 4 off",
    ],
)
def test_each_way_of_stating_a_schedule_is_found(said: str) -> None:
    """The schedule pattern runs only on lines holding one of its words (``_SCHEDULE_WORDS``):
    each of its alternatives, in any case, must still be found."""
    line = f"Hours: {said}."
    assert posting_facts(line).schedule == (said,)
    assert posting_facts(line.upper()).schedule == (said.upper(),)


@pytest.mark.parametrize(
    ("line", "place"),
    [
        ("Based in Leeds, with travel", "Leeds"),
        ("Work across the Greater Manchester area", "Greater Manchester"),
        ("Our clinic in Austin, TX serves families", "Austin, TX"),
        ("Pay: USD 52,000 a year", None),
        ("Night Porter - Royal Infirmary, Leeds, LS1 3EX", "Leeds, LS1 3EX"),
        ("Ipswich, IP1 2AB", "Ipswich, IP1 2AB"),
        ("Skills: Python, SQL, AWS", None),
    ],
)
def test_places_are_found_where_their_words_are(line: str, place: str | None) -> None:
    found = posting_facts(line).locations
    assert (place in found) if place else not found, found
