"""Bank text worded for the employer's field: the hospital and its patients, the council and
its residents, the school and its pupils, instead of the company and its customers.

The bank is written once, in the plain wording of a company with customers. ``Wording.word``
swaps the few words that change with the field: "company" for the kind of organisation the
posting names (or the field's usual one), "customers" and "clients" for the people it serves,
and "the business" for the organisation (and "industry" for "sector") where those would be
the wrong words. Entries
whose whole point is commercial (sales, competitors, products) are not reworded but left out
for fields they do not fit (``knowledge.suits``), so no rewording has to stretch.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from nextround.playbook.field import FieldGuess, singular
from nextround.playbook.knowledge import FIELDS, Field
from nextround.text import words

# The organisation, per field: (a word in the posting or the employer's name, what to call it),
# most specific first; the default when none appears. None keeps "company".
ORG_NAMES: dict[str, tuple[tuple[tuple[str, str], ...], str | None]] = {
    "clinical": (
        (
            ("hospital", "hospital"),
            ("hospice", "hospice"),
            ("care home", "home"),
            ("nursing home", "home"),
            ("clinic", "clinic"),
            ("surgery", "practice"),
            ("practice", "practice"),
        ),
        "service",
    ),
    "public": (
        (
            ("council", "council"),
            ("department", "department"),
            ("ministry", "ministry"),
            ("agency", "agency"),
            ("authority", "authority"),
        ),
        "organisation",
    ),
    "education": (
        (
            ("university", "university"),
            ("college", "college"),
            ("academy", "academy"),
            ("school", "school"),
        ),
        "school",
    ),
    "nonprofit": ((("charity", "charity"), ("foundation", "foundation")), "organisation"),
    "services": (
        (("agency", "agency"), ("consultancy", "consultancy"), ("practice", "practice")),
        "firm",
    ),
    "retail": ((("restaurant", "restaurant"), ("hotel", "hotel")), None),
}

# The people the organisation serves, per field: (plural, singular) candidates, the first the
# default; the one the posting uses most is chosen. A field not listed keeps "customers".
SERVED: dict[str, tuple[tuple[str, str], ...]] = {
    "clinical": (
        ("patients", "patient"),
        ("residents", "resident"),
        ("service users", "service user"),
    ),
    "public": (
        ("residents", "resident"),
        ("citizens", "citizen"),
        ("service users", "service user"),
    ),
    "education": (("students", "student"), ("pupils", "pupil"), ("learners", "learner")),
    "nonprofit": (
        ("beneficiaries", "beneficiary"),
        ("service users", "service user"),
        ("young people", "young person"),
        ("clients", "client"),
    ),
    "services": (("clients", "client"),),
    "finance": (("clients", "client"), ("customers", "customer")),
    "retail": (("customers", "customer"), ("guests", "guest")),
}

# Fields where "the business" is the wrong word for the organisation.
NOT_A_BUSINESS = frozenset({"clinical", "public", "education", "nonprofit"})

# Not "your company" nor "my company": those are the candidate's own employer.
_COMPANY = re.compile(
    r"(?<!\byour )(?<!\bmy )\b(?:(the|our|a|an|this) )?(company)\b", re.IGNORECASE
)
_BUSINESS = re.compile(r"\b(the|our) business\b", re.IGNORECASE)
_INDUSTRY = re.compile(r"\bindustry\b", re.IGNORECASE)
_SERVED = re.compile(r"\b(customer|client)(s?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Wording:
    """How to word the bank for one employer."""

    field: Field = "general"
    org: str = "company"  # what to call the organisation, without an article
    served: str = "customers"
    served_one: str = "customer"

    def word(self, text: str) -> str:
        """The text in this employer's words. Plain wording comes back unchanged."""
        if self.org != "company":
            text = _COMPANY.sub(self._org, text)
            if self.field in NOT_A_BUSINESS:
                text = _BUSINESS.sub(lambda m: _same_case(m.group(0), f"{m[1]} {self.org}"), text)
                text = _INDUSTRY.sub(lambda m: _same_case(m.group(0), "sector"), text)
        if (self.served, self.served_one) != ("customers", "customer"):
            text = _SERVED.sub(self._served, text)
        return text

    def _org(self, m: re.Match[str]) -> str:
        det = m[1]
        if det is None:
            return _same_case(m[2], self.org)
        if det.lower() in {"a", "an"}:
            det = "an" if self.org[0] in "aeiou" else "a"
        return _same_case(m.group(0), f"{det} {self.org}")

    def _served(self, m: re.Match[str]) -> str:
        return _same_case(m.group(0), self.served if m[2] else self.served_one)


PLAIN = Wording()


def end_sentence(text: str) -> str:
    """The text with one closing mark: a full stop added only when it has none of its own, so
    a note that ends "...in numbers." never becomes "...in numbers.." nor "really?."."""
    text = text.rstrip()
    while text.endswith(("..", ".?", ".!", "?.", "!.")):
        text = text[:-1]
    return text if text.endswith((".", "?", "!")) else text + "."


def _same_case(original: str, replacement: str) -> str:
    return replacement[0].upper() + replacement[1:] if original[0].isupper() else replacement


def _count(needle: str, haystack: list[str]) -> int:
    """How often the words of ``needle`` appear in ``haystack`` (singular words) in a row."""
    want = [singular(w) for w in words(needle)]
    n = len(want)
    return sum(1 for i in range(len(haystack) - n + 1) if haystack[i : i + n] == want)


def wording_for(guess: FieldGuess, *, posting: str = "", company: str = "") -> Wording:
    """The wording for an employer in ``guess.field``, naming the organisation and the people
    it serves as its posting or its name do, or as the field usually does."""
    field = guess.field
    text_words = [singular(w) for w in words(posting)]
    name_words = [singular(w) for w in words(company)]
    org = "company"
    if field in ORG_NAMES:
        names, default = ORG_NAMES[field]
        in_name = [noun for term, noun in names if _count(term, name_words)]
        counts: Counter[str] = Counter()
        for term, noun in names:  # ties keep this order, the most specific first
            counts[noun] += _count(term, text_words)
        in_text = [noun for noun, n in counts.most_common() if n]
        org = (in_name or in_text or [default or "company"])[0]
    served, served_one = "customers", "customer"
    if field in SERVED:
        options = SERVED[field]
        used = {pair: _count(pair[0], text_words) + _count(pair[1], text_words) for pair in options}
        served, served_one = max(options, key=lambda pair: (used[pair], -options.index(pair)))
    return Wording(field, org, served, served_one)


def all_wordings() -> Iterable[Wording]:
    """Every field's default wording and every organisation and people it may name: what the
    tests run the whole bank through."""
    for field in FIELDS:
        names, default = ORG_NAMES.get(field, ((), None))
        orgs = {noun for _, noun in names} | {default or "company"}
        for org in sorted(orgs):
            for served, one in SERVED.get(field, (("customers", "customer"),)):
                yield Wording(field, org, served, one)
