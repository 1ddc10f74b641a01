"""Requirements a story cannot prove: credentials, years of experience, the right to work, and
where and when the job is done. They are checked against the CV instead, each with a status the
candidate sets, and never count as covered or as a story gap.

``check_kind`` reads the requirement's own words; it does not depend on how the extractor
labels terms."""

from __future__ import annotations

import re

CREDENTIAL = "credential"
YEARS = "years"
AUTHORISATION = "authorisation"
LOCATION = "location"
CHECK_KINDS = (CREDENTIAL, YEARS, AUTHORISATION, LOCATION)
CHECK_LABELS = {
    CREDENTIAL: "licence, degree or certificate",
    YEARS: "years of experience",
    AUTHORISATION: "right to work",
    LOCATION: "place, travel or hours",
}

_NUMBER = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)"
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        AUTHORISATION,
        re.compile(
            r"\b(?:right to work|(?:eligible|eligibility|authori[sz]ed|authori[sz]ation|permitted)"
            r" to work|work (?:permit|authori[sz]ation|visa)|visa|sponsorship|citizen(?:ship)?"
            r"|security clearance|background check|dbs check|clearance)\b",
            re.IGNORECASE,
        ),
    ),
    (
        YEARS,
        re.compile(
            rf"\b{_NUMBER}\s*\+?\s*(?:or more\s+)?(?:years?|yrs?)\b|\byears of experience\b"
            r"|\bpost[- ]qualification experience\b",
            re.IGNORECASE,
        ),
    ),
    (
        LOCATION,
        re.compile(
            r"\b(?:driving licen[cs]e|driver'?s licen[cs]e|own (?:car|vehicle|transport)"
            r"|willing(?:ness)? to (?:travel|relocate)|able to (?:travel|relocate)|relocat\w*"
            r"|travel up to|on[- ]?site|hybrid|remote|commut\w*|based in"
            r"|(?:night|weekend|evening|rotating|12-hour) (?:and \w+ )?shifts?"
            r"|nights and weekends|available (?:for|to work) )",
            re.IGNORECASE,
        ),
    ),
    (
        CREDENTIAL,
        re.compile(
            r"\b(?:licen[cs]e[ds]?|licensure|certified|certification|certificate|accredited"
            r"|chartered|qualified|qualification|registration|registered with|degree|diploma"
            r"|bachelor'?s|master'?s|doctorate|phd|mba|bsc|msc|ba|bsn|msn|adn|cpa|acca|cima|aca"
            r"|cfa|cdl|pgce|qts|cscs|nvq|hnd|gcse|a-levels?|cpr|bls|acls|pals|nrp|rn|lpn)\b",
            re.IGNORECASE,
        ),
    ),
)
# Verbs that make a credential word a task rather than a requirement to hold it ("maintain
# certification records", "issue certificates").
_TASK = re.compile(
    r"^\s*(?:issue|process|track|maintain|prepare|record|file|audit|check|verify|review)\w*\b",
    re.IGNORECASE,
)


# A duty is something to do, which a story shows, even when it names a shift or a licence
# ("Lead a team of RNs across day and night shifts"); unless the duty is to hold or keep the
# credential, or to work the hours ("Maintain a current BLS certificate", "Work rotating
# weekends").
_HOLDING = re.compile(
    r"^\s*(?:hold|have|possess|obtain|maintain|keep|renew|be|work|travel|relocate|commute)\b",
    re.IGNORECASE,
)


def check_kind(text: str, *, duty: bool = False) -> str | None:
    """The kind of CV check a requirement is (``CHECK_KINDS``), or None when a story can prove
    it. The right to work comes first, then years, place and hours, then credentials. A
    ``duty`` (a responsibility) is one only when it is about holding or working them."""
    if duty and not _HOLDING.match(text):
        return None
    for kind, pattern in _PATTERNS:
        if pattern.search(text):
            if kind == CREDENTIAL and _TASK.match(text):
                continue
            return kind
    return None
