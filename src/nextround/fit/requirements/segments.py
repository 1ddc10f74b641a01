"""A posting cut into statements: one per bullet, one per prose sentence, each under the heading
that governs it. Boilerplate (equal-opportunity text, company marketing, pay and benefits, how to
apply) is dropped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from nextround.fit.requirements.kinds import heading_kind
from nextround.fit.requirements.tokens import starts_with_verb
from nextround.fit.requirements.vocabulary import word_lists

_BULLET = re.compile(r"^\s*(?:[-*•·▪◦‣–—►✓✔○●■□+]|\(?\d{1,2}[.)]|\(?[a-zA-Z][.)](?=\s))\s+")
# Bullets run into one line by HTML or PDF extraction: "Skills: • Python • SQL".
_INLINE_BULLET = re.compile(r"[ \t]+([•▪◦‣●■►])[ \t]+")
_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(.*?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_EMPHASIS = re.compile(r"(\*\*|__|`)")
_INLINE_HEADING = re.compile(r"^\s*([A-Za-z][A-Za-z '’/&()-]{2,40}?)\s*:\s+(\S.*)$")
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z0-9])")
_SPACES = re.compile(r"\s+")

_SKIP_HEADING = re.compile(
    r"about (us|the company|the team|the business|our)|who we are|\bcompany\b|benefit|perks|"
    r"what we offer|we offer|in return|compensation|salary|\bpay\b|package|how to apply|"
    r"to apply|application|equal opportunit|diversity|\beeo\b|our values|why join|why work|"
    r"life at|location|working hours|\bhours\b|contract|job type|closing date|process|"
    r"next steps|culture|mission|our story|reward|^our\b|^why\b|^who\b|reports? to|"
    r"start date|team size|vacancy|reference"
)

# Statements that are never requirements, matched on lower-case text. Each alternative starts at
# a word boundary, which keeps the search fast. Pay and benefit words need their offer context:
# "pension administration" or "a $2M budget" can be requirements.
_BOILERPLATE = re.compile(
    r"\b(?:equal opportunit|affirmative action|without regard to|protected (?:veteran|"
    r"characteristic)|discriminat|reasonable accommodation|regardless of (?:race|age|sex|gender|"
    r"religion|background|disability|sexual|colou?r|national|ethnic|marital|their)|"
    r"encourage (?:all )?(?:applications|applicants)|from all backgrounds|"
    r"employment (?:agency|business)|recruitment (?:agency|consultancy)|"
    r"send (?:us )?(?:your|a) (?:cv|résumé|resume)|cover letter|click (?:on )?(?:the )?apply|"
    r"how to apply|to apply(?:,| for| please| now| today| online)|please apply|"
    r"apply (?:now|today|online|here)|application form|shortlist|not be contacted|"
    r"unable to respond|will be in touch|closing date|"
    r"(?:competitive|base|basic|starting|annual|attractive) (?:salary|pay|package|"
    r"compensation|rate)|salary (?:of|up to|range|from|between|is|plus|dependent|depending|"
    r"negotiable|doe|\+)|per annum|p\.?a\.?(?=\W|$)|401\s?\(?k|paid time off|pto\b|"
    r"\d+ days'? (?:annual )?(?:holiday|leave|pto|vacation)|holiday (?:allowance|entitlement)|"
    r"annual leave|(?:company|contributory|workplace|generous|matched) pension|"
    r"pension (?:scheme|plan|contribution)|(?:private|free|company) (?:medical|health)|"
    r"(?:medical|health|dental|vision|life) (?:insurance|cover|plan)s?\b(?! sales)|"
    r"medical, dental|stock options|share options|benefits? package|bonus scheme|"
    r"(?:free|subsidi[sz]ed) (?:lunch|meals|snacks|gym)|cycle to work|perks)"
    r"|[£$€]\s?\d[\d,.]*k?\s?(?:-|–|to|per\b|/|p\.?a|an? (?:hour|year|day))"
)
# Company marketing in prose outside any section: "we are a ...", "Acme is a leading ...".
_ABOUT_US_START = re.compile(
    r"^(?:we|we're|we’re|our|at [A-Z]\w+|founded|headquartered|[A-Z]\w+ (?:is|are) "
    r"(?:a|an|the|one)\b)",
    re.IGNORECASE,
)
_ABOUT_US = re.compile(
    r"\b(?:(?:we are|we're|we’re) (?:a|an|the|one)\b|our (?:mission|vision|client|company|"
    r"customers|values|team is|people)|is a leading|award[- ]winning|fast[- ]growing|"
    r"market[- ]leading|join (?:us|our)|looking to recruit|(?:are|is) recruiting|"
    r"(?:are|is) looking for an?\b|(?:are|is) hiring)"
)
_REQUIREMENT_CUE = re.compile(
    r"\b(?:you|your|you'll|you’ll|experience|ability|able to|knowledge|skills?|must|required|"
    r"essential|degree|qualified|proficien\w*|familiar\w*|understanding|years?|"
    r"candidate|applicant|will (?:be|have|need))\b"
)


class _Line(NamedTuple):
    kind: str  # "heading", "title" (a short line that may be one), "bullet", "text", "blank"
    text: str


def clean(text: str) -> str:
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip(" \t-–—:;,")


def _is_heading_text(text: str) -> bool:
    """A short line without a full stop, in Title Case or capitals, or a known section name."""
    words = text.split()
    if not words or len(words) > 7 or len(text) > 70 or text[-1] in ".!?,;":
        return False
    graded = len(words) > 1 and words[0].lower() in word_lists().fluff  # "Strong SQL skills"
    named = heading_kind(text) is not None or _skips(text)
    if named and len(words) <= 5 and not graded and not text[0].isdigit():
        return True
    letters = [w for w in words if w[:1].isalpha()]
    return bool(letters) and all(w[:1].isupper() or len(w) <= 3 for w in letters)


def _heading_line(line: str) -> _Line | None:
    """The heading a line makes: "## Skills", "**Skills**" or "Skills:" for certain, or a short
    title line, which may instead be an item of a list that lost its bullets."""
    if m := _MARKDOWN_HEADING.match(line) or _BOLD_LINE.match(line):
        return _Line("heading", clean(m.group(1)))
    if _BULLET.match(line):
        return None
    if line.strip().endswith(":") and len(line.split()) <= 8:
        return _Line("heading", clean(line))
    if ":" in line or line.startswith((" ", "\t")):
        return None  # "Location: Leeds" is a labelled line; indented lines continue text
    if _is_heading_text(clean(line)):
        return _Line("title", clean(line))
    return None


def _lines(posting: str) -> Iterator[_Line]:
    text = _INLINE_BULLET.sub(r"\n\1 ", posting.replace("\r\n", "\n").replace("\r", "\n"))
    for raw in text.split("\n"):
        line = raw.replace("\u200b", "").replace("\xa0", " ").rstrip()
        if not line.strip():
            yield _Line("blank", "")
        elif (heading := _heading_line(line)) is not None:
            yield heading
        elif m := _BULLET.match(line):
            yield _Line("bullet", line[m.end() :].strip())
        else:
            yield _Line("text", line.strip())


def _skips(heading: str) -> bool:
    low = heading.lower()
    if heading_kind(heading) is not None:
        return False
    return bool(_SKIP_HEADING.search(low)) or low.startswith("about ")


class Statement(NamedTuple):
    text: str
    section: str | None  # kind given by the heading, if any
    bullet: bool
    title: bool = False  # a short title-case line read as a list item


def statements(posting: str) -> Iterator[Statement]:
    """Statements with their section: bullets whole, prose paragraphs joined for splitting."""
    section: str | None = None
    skipping = False
    paragraph: list[str] = []
    bullet: list[str] = []

    def flush(*, title: bool = False) -> Iterator[Statement]:
        if bullet and not skipping:
            yield Statement(" ".join(bullet), section, bullet=True, title=title)
        if paragraph and not skipping:
            for sentence in _sentences(" ".join(paragraph)):
                yield Statement(sentence, section, bullet=False)
        bullet.clear()
        paragraph.clear()

    for line in _lines(posting):
        if line.kind == "title" and _list_item(line.text, section, skipping=skipping):
            yield from flush()
            bullet.append(line.text)
            yield from flush(title=True)
        elif line.kind in ("heading", "title"):
            yield from flush()
            section, skipping = heading_kind(line.text), _skips(line.text)
        elif line.kind == "bullet":
            yield from flush()
            bullet.append(line.text)
        elif line.kind == "blank":
            yield from flush()
        elif bullet and _continues(bullet[-1], line.text):
            bullet.append(line.text)  # a wrapped bullet
        elif m := _INLINE_HEADING.match(line.text):
            yield from flush()
            if heading_kind(m.group(1)):
                section, skipping = heading_kind(m.group(1)), False
                paragraph.append(m.group(2))
            elif not _skips(m.group(1)):  # "Location: Leeds" is no requirement
                paragraph.append(line.text)
        else:
            if bullet or (paragraph and not _continues(paragraph[-1], line.text)):
                yield from flush()  # a list whose bullets were lost: one statement a line
            paragraph.append(line.text)
    yield from flush()


def _list_item(text: str, section: str | None, *, skipping: bool) -> bool:
    """A title-case line inside a requirement section that names no section: a list item whose
    bullet was lost ("Python" under "Skills")."""
    return section is not None and not skipping and heading_kind(text) is None and not _skips(text)


def _continues(bullet: str, line: str) -> bool:
    """Whether a plain line continues the bullet above it (text wrapped by a PDF or a paste)."""
    if line[:1].islower():
        return True
    return len(bullet) >= 60 and not bullet.rstrip().endswith((".", ";", ":", "!", "?"))


def _sentences(paragraph: str) -> Iterator[str]:
    """Split prose at sentence ends, not after abbreviations such as "e.g." or "Ltd."."""
    abbreviations = word_lists().abbreviations
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        before = paragraph[start : m.start() + 1].split()
        last = before[-1].lower().rstrip(".") if before else ""
        if last in abbreviations or (len(last) == 1 and last.isalpha()):
            continue
        yield paragraph[start : m.end()].strip()
        start = m.end()
    if paragraph[start:].strip():
        yield paragraph[start:].strip()


def is_boilerplate(statement: Statement) -> bool:
    text = statement.text
    low = text.lower()
    if _BOILERPLATE.search(low):
        return True
    if statement.section is None and not statement.bullet:
        # Prose outside any section is mostly the company's introduction: keep only what
        # speaks to the candidate or starts with a duty.
        if _REQUIREMENT_CUE.search(low):
            return False
        about = _ABOUT_US_START.search(text) or _ABOUT_US.search(low)
        return bool(about) or not starts_with_verb(text)
    return False
