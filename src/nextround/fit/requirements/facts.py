"""What a posting says about the job that is no requirement: the pay band, where the work is,
how (on-site, hybrid, remote), when (the schedule) and on what terms (full-time, contract…).

Read from the posting's labelled lines ("Pay: $19 - $22/hr", "Work Location: Hybrid remote in
Austin, TX"), from the lines under a pay, location or schedule heading, and from phrases that
say one thing only wherever they stand ("12-hour night shifts", "Monday to Friday")."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

import msgspec

from nextround.fit.requirements.segments import PostingLine, describes_employer, posting_lines
from nextround.fit.requirements.vocabulary import word_set
from nextround.pay.text import amount_range

HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY = "hourly", "daily", "weekly", "monthly", "yearly"
PERIODS = (HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY)
ON_SITE, HYBRID, REMOTE = "on-site", "hybrid", "remote"
SETTINGS = (ON_SITE, HYBRID, REMOTE)
EMPLOYMENT_TYPES = (
    "full-time",
    "part-time",
    "permanent",
    "fixed-term",
    "contract",
    "temporary",
    "seasonal",
    "per diem",
    "freelance",
    "internship",
    "apprenticeship",
)


class PayBand(msgspec.Struct, frozen=True):
    low: float | None  # None: "up to $80,000"
    high: float | None  # None: "from $25 an hour"
    currency: str  # ISO 4217 code: "USD", "GBP", "EUR"…
    period: str  # "hourly" | "daily" | "weekly" | "monthly" | "yearly"
    text: str  # the line it was read from


class PostingFacts(msgspec.Struct, frozen=True):
    pay: PayBand | None = None
    locations: tuple[str, ...] = ()
    work_setting: str | None = None  # "on-site" | "hybrid" | "remote"
    schedule: tuple[str, ...] = ()
    employment_types: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (
            self.pay
            or self.locations
            or self.work_setting
            or self.schedule
            or self.employment_types
        )


# -- pay

_SYMBOLS = {"$": "USD", "£": "GBP", "€": "EUR"}
_CODES = ("USD", "GBP", "EUR", "CAD", "AUD", "NZD", "CHF", "INR", "SGD")
_AMOUNT = (
    r"(?:(?P<{n}code>" + "|".join(_CODES) + r")\s?)?(?P<{n}sym>[$£€])?\s?"
    r"(?P<{n}num>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d,.]*\d)\s?(?P<{n}k>[kK]\b)?"
    r"(?!\s?(?:[mMbB]\b|million|billion|bn\b|%|\+|years?|months?|weeks?|days|beds?|people|"
    r"employees|stores|pallets))"
)
_MONEY_RANGE = re.compile(
    _AMOUNT.format(n="a") + r"(?:\s*(?:-|–|—|to|and)\s*" + _AMOUNT.format(n="b") + r")?"
)
_PERIOD_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (HOURLY, re.compile(r"\b(?:per|an|a|each|/)\s?(?:hour|hr)\b|/\s?h\b|\bhourly\b|p/h\b")),
    (DAILY, re.compile(r"\b(?:per|a|each|/)\s?day\b|\bdaily rate\b")),
    (WEEKLY, re.compile(r"\b(?:per|a|each|/)\s?(?:week|wk)\b|\bweekly\b")),
    (MONTHLY, re.compile(r"\b(?:per|a|each|/)\s?(?:month|mo)\b|\bmonthly\b")),
    (
        YEARLY,
        re.compile(
            r"\b(?:per|a|each|/)\s?(?:year|yr|annum)\b|\bannual(?:ly)?\b|\byearly\b|\bannuali[sz]ed\b|"
            r"\bp\.?a\b"
        ),
    ),
)
_PAY_CONTEXT = re.compile(
    r"\b(?:pay|salary|salaries|compensation|wage|wages|rate|earnings|ote|base|remuneration|"
    r"stipend|hourly|per (?:hour|year|annum|month)|an? (?:hour|year)|pro rata|scale)\b|/\s?hr?\b"
)
_MONEY_SIGN = re.compile(r"[$£€]|\b(?:" + "|".join(_CODES) + r")\b")
_PAY_KEYS = re.compile(r"pay|salary|compensation|wage|rate|remuneration|earnings")


_MONEY_MARKS = (*_SYMBOLS, *_CODES)  # one of them is in every match of _MONEY_SIGN


def _may_state_money(text: str) -> bool:
    """_MONEY_SIGN's search, tried only on a line holding a currency sign or code."""
    if not any(mark in text for mark in _MONEY_MARKS):
        return False
    return _MONEY_SIGN.search(text) is not None


def _amount(m: re.Match[str], n: str) -> float | None:
    num = m.group(f"{n}num")
    if num is None:
        return None
    value = float(num.replace(",", ""))
    return value * 1000 if m.group(f"{n}k") else value


def _currency(m: re.Match[str], line: str) -> str | None:
    for n in ("a", "b"):
        if code := m.group(f"{n}code"):
            return code
    for n in ("a", "b"):
        if sym := m.group(f"{n}sym"):
            for code in _CODES:  # "CAD $70,000" or "$70,000 CAD"
                if re.search(rf"\b{code}\b", line):
                    return code
            return _SYMBOLS[sym]
    return None


def _period(line: str, after: int, low: float | None, high: float | None) -> str:
    """The period named nearest after the amount ("$90,000 annualized, paid hourly": yearly),
    else one named anywhere in the line, else the likelier for the size of the amount."""
    lowered = line.lower()
    found = [
        (m.start(), period) for period, pattern in _PERIOD_WORDS for m in pattern.finditer(lowered)
    ]
    if found:
        later = [f for f in found if f[0] >= after]
        return min(later or found)[1]
    value = high or low or 0.0
    return HOURLY if value < 300 else YEARLY


def pay_band(line: str) -> PayBand | None:
    """The pay band a line states, if it names an amount of money."""
    for m in _MONEY_RANGE.finditer(line):
        currency = _currency(m, line)
        if currency is None:
            continue  # a bare number: a count, not money
        low, high = _amount(m, "a"), _amount(m, "b")
        if high is not None and m.group("bk") and not m.group("ak") and low and low < 1000:
            low *= 1000  # "£32 - 38k"
        if high is not None and low is not None and high < low:
            continue
        lowered = line.lower()
        before = lowered[: m.start()]
        if high is None and re.search(r"\bup to\s*$", before):
            low, high = None, low
        return PayBand(
            low=low,
            high=high,
            currency=currency,
            period=_period(line, m.end(), low, high),
            text=line,
        )
    return None


# -- where, how and when

_US_STATES = word_set(
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY DC"
)
_CITY_STATE = re.compile(
    r"\b((?:[A-Z][a-zA-Z.'-]+ ){0,3}[A-Z][a-zA-Z.'-]+),\s([A-Z]{2})\b(?:\s\d{5})?"
)
# A town and its postcode ending a line, alone or after a street or a building ("Royal
# Infirmary, Leeds, LS1 3EX").
_UK_PLACE = re.compile(r"(?:^|,\s)([A-Z][a-zA-Z' -]+,\s[A-Z]{1,2}\d{1,2}[A-Z]?(?:\s\d[A-Z]{2})?)$")
_SETTING_WORDS = re.compile(r"^(?:(?:Hybrid|Remote|Onsite|On-site|In) (?:remote )?(?:in )?)+")
_BASED = re.compile(r"\b[Bb]ased (?:at|in) ([A-Z][^.;]*?)(?:,? (?:with|and|where|who)\b|[.;]|$)")
_AREA = re.compile(
    r"\b(?:in|for|across|covering) the ((?:[A-Z][\w.'-]+[ -]?){1,4}) (?:area|region|metro)\b"
)
_LOCATION_AREA = re.compile(r"\blocation\b|\bwhere\b")
_LOCATION_KEYS = re.compile(
    r"^(?:(?:work|job|office|primary) )?locations?$|^based in$|^city$|^where$"
)
_SETTING_ONLY = re.compile(
    r"^(?:in[- ]person|on[- ]?site|remote|fully remote|hybrid(?: remote)?|home[- ]based|"
    r"work from home|office[- ]based)\.?$",
    re.I,
)
_SETTINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (HYBRID, re.compile(r"\bhybrid\b(?! (?:cloud|vehicles?|app|mobile|integration))")),
    (
        REMOTE,
        re.compile(
            r"\b(?:fully|100%|completely|entirely) remote\b|\bremote[- ](?:first|friendly|"
            r"company|role|position|job|working|work|eligible|in|from)\b|\bwork(?:ing)? "
            r"(?:from home|remotely)\b|^remote\b|\bremote$|\bhome[- ]based\b"
        ),
    ),
    (
        ON_SITE,
        re.compile(
            r"\bin[- ]person\b|\bon[- ]?site (?:role|position|job|work|only)\b|^on[- ]?site\b|"
            r"\bon[- ]?site$|\(on[- ]?site\)|\bfully on[- ]?site\b|\boffice[- ]based\b|"
            r"\bin the office \w+ days\b"
        ),
    ),
)
_ROTA_DAYS = r"(?:\d{1,2}|two|three|four|five|six|seven)"
_ROTA_UNIT = r"(?:days?|nights?|shifts?)"
_SCHEDULE = re.compile(
    r"\b(?:mon(?:day)?|tue(?:sday)?|sun(?:day)?)\s?(?:to|through|thru|-|–)\s?"
    r"(?:fri(?:day)?|sat(?:urday)?|thu(?:rsday)?)\b"
    r"|\b\d{1,2}(?:\.\d)?[- ]hour (?:(?:day|night|evening|overnight|rotating|weekend) )?shifts?\b"
    r"|\b(?:day|night|evening|overnight|weekend|rotating|early|late|morning|afternoon|split|swing|"
    r"first|second|third|1st|2nd|3rd|graveyard) shifts?\b"
    r"|\b\d{1,2}(?:\.\d+)? hours (?:per|a|each) week\b|\b\d{1,2}(?:\.\d+)? hours/week\b"
    r"|\blong days(?: and nights)?\b"
    r"|\bevery (?:other|second|third|fourth) weekend\b"
    r"|\bweekend availability\b|\bweekends(?: and (?:bank )?holidays)?(?= as needed| required|"
    r"\s*$| on a rota)|\bweekends and (?:bank )?holidays\b"
    # a rota of days on and off: "4 on 4 off", "3 days on, 3 days off", "four-on-four-off"
    rf"|\b{_ROTA_DAYS}[- ](?:{_ROTA_UNIT}[- ])?on[,/ -]+{_ROTA_DAYS}[- ](?:{_ROTA_UNIT}[- ])?off\b",
    re.I,
)
# A word every alternative of _SCHEDULE holds, in case-folded text (as re.I matches "ſ" to "s").
_SCHEDULE_WORDS = ("mon", "tue", "sun", "shift", "hour", "long day", "weekend", "off")
_TYPES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("full-time", re.compile(r"\bfull[- ]?time\b(?! equivalent)")),
    ("part-time", re.compile(r"\bpart[- ]?time\b")),
    ("permanent", re.compile(r"\bpermanent\b(?! (?:resident|residency|makeup|record))")),
    ("fixed-term", re.compile(r"\bfixed[- ]term\b")),
    (
        "contract",
        re.compile(
            r"\bcontract (?:role|position|job|basis|assignment)\b|\b\d+[- ]month contract\b|"
            r"\bcontractor\b|^contract$|\b(?:freelance|independent) contract\b"
        ),
    ),
    ("temporary", re.compile(r"\btemporary\b|\btemp[- ]to[- ](?:hire|perm)\b")),
    (
        "seasonal",
        re.compile(
            r"\bseasonal\b(?! (?!(?:role|position|job|work|worker|staff|hire|post)\b)[a-z])"
        ),
    ),
    ("per diem", re.compile(r"\bper diem\b|\bprn\b")),
    ("freelance", re.compile(r"\bfreelance\b(?! contract)")),
    ("internship", re.compile(r"\binternships?\b|\bintern\b")),
    ("apprenticeship", re.compile(r"\bapprenticeships?\b")),
)
# Cheap first looks: only a line with one of these words is read for a setting or a type.
_ANY_SETTING = re.compile(r"hybrid|remote|home|site|person|office")
_ANY_TYPE = re.compile(
    r"time\b|permanent|fixed|contract|temp|seasonal|diem|prn|freelance|intern|apprentice"
)
_TYPE_KEYS = re.compile(
    r"job type|employment(?: type)?|contract(?: type)?|position type|hours|type"
)


def _places(text: str) -> Iterator[str]:
    # Each pattern is tried only on a line holding its literal words (a city and state needs a
    # comma): a search tries every alternative at every position, 0.06 ms on a long line.
    if "," in text:
        for m in _CITY_STATE.finditer(text):
            if m.group(2) in _US_STATES:
                city = _SETTING_WORDS.sub("", m.group(1))
                yield f"{city}, {m.group(2)}"
        if uk := _UK_PLACE.search(text):
            yield uk.group(1)
    if "area" in text or "region" in text or "metro" in text:
        for area in _AREA.finditer(text):
            yield area.group(1).strip()
    if "ased " in text:
        for based in _BASED.finditer(text):
            yield based.group(1).strip()


_SETTING_LEAD = re.compile(
    r"^(?:fully |100% )?(?:remote|hybrid|on[- ]?site|in[- ]person)\b[\s(,:–-]*"
    r"(?:(?:remote )?(?:in|within|from|across) )?",
    re.I,
)


def _location_value(value: str) -> Iterator[str]:
    value = value.strip().rstrip(".")
    if not _SETTING_ONLY.match(value):
        value = _SETTING_LEAD.sub("", value).strip().rstrip(")").strip()  # "Remote (US)"
    if not value or _SETTING_ONLY.match(value):
        return
    found = list(_places(value))
    if found:
        yield from found
        return
    for part in re.split(r"\s*(?:;|/|\bor\b)\s*", value):
        if part and not _SETTING_ONLY.match(part):
            yield part


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    """In order, without repeats or items another item contains (case aside)."""
    out: list[str] = []
    for item in items:
        low = item.lower()
        if any(low in kept.lower() for kept in out):
            continue
        out = [kept for kept in out if kept.lower() not in low]
        out.append(item)
    return tuple(out)


def _fact_text(line: PostingLine) -> str:
    return f"{line.key}: {line.text}" if line.key else line.text


def posting_facts(posting: str) -> PostingFacts:
    """The posting's pay band, locations, work setting, schedule and employment types."""
    if not posting or not posting.strip():
        return PostingFacts()
    pay: PayBand | None = None
    locations: list[str] = []
    settings: set[str] = set()
    schedule: list[str] = []
    types: list[str] = []
    for line in posting_lines(posting):
        text = line.text
        low = text.lower()
        folded = text.casefold()
        if any(word in folded for word in _SCHEDULE_WORDS):
            schedule.extend(m.group(0) for m in _SCHEDULE.finditer(text))
        if line.requirement:  # a requirement may name a schedule or a hybrid job, no more
            if "hybrid" in low and _SETTINGS[0][1].search(low):
                settings.add(HYBRID)
            continue
        key = line.key.lower()
        area = line.heading.lower()
        # A blurb about the employer ("its seasonal menu", "offices in Leeds and Derby") states
        # no terms of this job.
        stated = not describes_employer(text)
        if (
            pay is None
            and _may_state_money(text)
            and (line.fact or _PAY_KEYS.search(f"{key} {area}") or _PAY_CONTEXT.search(low))
        ):
            pay = pay_band(_fact_text(line))
        if (key and _LOCATION_KEYS.search(key)) or (
            not key and area and _LOCATION_AREA.search(area)
        ):
            locations.extend(_location_value(text))
        elif stated:
            locations.extend(_places(text))
        if _ANY_SETTING.search(low):
            settings.update(setting for setting, pattern in _SETTINGS if pattern.search(low))
        if "pro rata" in low:
            continue  # "pro rata for part-time hours" names another kind of post
        if key and "contract" in low and _TYPE_KEYS.search(key):
            types.append("contract")
        if stated and _ANY_TYPE.search(low):
            types.extend(kind for kind, pattern in _TYPES if pattern.search(low))
    work_setting = next((s for s in (HYBRID, REMOTE, ON_SITE) if s in settings), None)
    return PostingFacts(
        pay=pay,
        locations=_unique(locations),
        work_setting=work_setting,
        schedule=_unique(schedule),
        employment_types=tuple(t for t in EMPLOYMENT_TYPES if t in types),
    )


# -- in words

_PER = {HOURLY: "an hour", DAILY: "a day", WEEKLY: "a week", MONTHLY: "a month", YEARLY: "a year"}


def pay_in_words(band: PayBand) -> str:
    """ "$38–$52 an hour", "from £25,000 a year", "up to €4,000 a month": the amounts written
    the one way the product writes money (``nextround.pay.text``)."""
    low, high = (None if v is None else Decimal(str(v)) for v in (band.low, band.high))
    amount = amount_range(low, high, band.currency)
    if not amount:
        return band.text
    return f"{amount} {_PER.get(band.period, '')}".strip()


def facts_in_words(facts: PostingFacts) -> list[tuple[str, str]]:
    """Label and value of each fact the posting states, for a page or a terminal."""
    rows: list[tuple[str, str]] = []
    if facts.pay is not None:
        rows.append(("Pay", pay_in_words(facts.pay)))
    if facts.locations:
        rows.append(("Location", "; ".join(facts.locations)))
    if facts.work_setting:
        rows.append(("Work setting", facts.work_setting))
    if facts.schedule:
        rows.append(("Schedule", ", ".join(facts.schedule)))
    if facts.employment_types:
        rows.append(("Employment", ", ".join(facts.employment_types)))
    return rows
