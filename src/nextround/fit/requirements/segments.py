"""A posting cut into statements: one per bullet, one per prose sentence, each under the heading
that governs it. Sections that state no requirements (about us, pay, benefits, schedule,
location, how to apply), labelled lines ("Job Type: Full-time"), sentences about the employer
and boilerplate (equal-opportunity text, company marketing) are dropped; posting_lines gives
every line with its label and heading, for the posting's facts (facts.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from nextround.fit.requirements.kinds import heading_kind, marks_nice
from nextround.fit.requirements.tokens import starts_with_verb
from nextround.fit.requirements.vocabulary import word_lists, word_set

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
    r"start date|team size|vacancy|reference|schedule|\bshifts?\b|work setting|workplace|"
    r"employment|job type|^type$|^position$|job title|^title$|department|details|at a glance|"
    r"the basics|^overview$|job overview|company overview|\bperks\b|\bwhere\b|\btravel\b|"
    r"duration|deadline|sponsorship"
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
# A sentence about the employer, in any section: "Based in Leeds, Acme is a ...", "Acme has a
# team of 9,500 ...", "Founded in 1990, we ...". The subject is a name, not "This role" or
# "Experience with X" ("... is a plus" is a requirement).
_COMPANY_NAME = r"(?:[Tt]he )?[A-Z][\w&'’.-]*(?:\s(?:&|and|of|[A-Z0-9][\w&'’.-]*)){0,5}"
_COMPANY_SENTENCE = re.compile(
    r"^(?:(?:Based|Headquartered|Located) in [^,]{2,60}, |Founded in \d{4}, |Since \d{4}, |"
    r"For (?:over |more than |almost )?\d+ years, |Today, )?"
    rf"(?P<name>{_COMPANY_NAME}|[Ww]e|[Oo]ur (?:company|firm|team|business)) "
    r"(?:(?:is|are|'re|’re) (?:a|an|the|one of|proud|owned|part of|trusted)\b|"
    r"(?:has|have) (?:a team of|a staff of|been|grown|more than|over|\d|delivered|served|built|"
    r"offices|operated|won)|was (?:founded|established|started|named)|"
    r"(?:has |have )?(?:serves|serve|runs|run|operates|operate|employs|employ|builds|build|"
    r"makes|make|delivers|deliver|distributes|distribute|helps|help|provides|provide|moves|"
    r"move|designs|design|manufactures|manufacture|supplies|supply|partners|partner)\b(?! you))"
)
_NOT_A_NAME = word_set(
    "you your this that these those it its there here experience knowledge familiarity "
    "fluency proficiency ability prior working a an each every all candidates applicants "
    "successful ideal role position job post candidate applicant must should shall will would "
    "can could may might need needs ideally preferably proven demonstrated strong solid good "
    "excellent previous prior"
)
_REQUIREMENT_VERDICT = re.compile(
    r"\b(?:is|are) (?:a |an )?(?:plus|must|bonus|advantage|requirement|asset|essential|"
    r"required|preferred|desirable|desired|mandatory|needed|helpful|beneficial)\b"
)
# "We are adding an Account Executive to our team": the role introduced, nothing asked.
_ROLE_INTRO = re.compile(
    r"^(?:we|we're|we’re|[A-Z][\w&]*(?: [A-Z][\w&]*){0,3}) (?:are |is |'re |’re )?(?:now )?"
    r"(?:adding|hiring|looking for|seeking|recruiting|expanding|growing)\b"
)
_REQUIREMENT_CUE = re.compile(
    r"\b(?:you|your|you'll|you’ll|experience|ability|able to|knowledge|skills?|must|required|"
    r"essential|degree|qualified|proficien\w*|familiar\w*|understanding|years?|"
    r"candidate|applicant|will (?:be|have|need))\b"
)


# Words that open headings as often as items: "Main duties", "Key responsibilities".
_HEADING_OPENERS = word_set(
    "main key core primary principal general basic minimum required preferred essential "
    "desirable desired additional other specific"
)
_ITEM_OF = re.compile(
    r"^(?:experience|knowledge|understanding|proficiency|familiarity|expertise)\s+"
    r"(?:of|in|with|using|across)\b(?!\s+(?:the )?(?:role|job|position|team)\b)",
    re.I,
)
# Closing words after which a line break falls mid-sentence: "working with" / "our clients".
_OPEN_ENDINGS = word_set(
    "and or of the a an to in on for with by from at as our your their including such e.g. i.e."
)


class _Line(NamedTuple):
    kind: str  # "heading", "title" (a short line that may be one), "bullet", "text", "blank"
    text: str
    key: str = ""  # the label of a labelled line ("Location: Leeds"), if it has one


class PostingLine(NamedTuple):
    """One non-empty line of a posting and what governs it, for the posting's facts."""

    text: str  # without its bullet, label and emphasis
    key: str  # its label: "Pay" in "Pay: $19 - $22/hr"
    heading: str  # the heading it stands under ("" before the first)
    fact: bool  # a labelled fact, or a line of a section that states no requirements
    requirement: bool | None  # under a heading of requirements; None when no heading tells


def clean(text: str) -> str:
    text = _EMPHASIS.sub("", text)
    return _SPACES.sub(" ", text).strip(" \t-–—:;,")


def _is_heading_text(text: str) -> bool:
    """A short line without a full stop, in Title Case or capitals, or a known section name."""
    words = text.split()
    if not words or len(words) > 7 or len(text) > 70 or text[-1] in ".!?,;":
        return False
    first = words[0].lower()
    # "Strong SQL skills" and "Experience of non-invasive ventilation" are items, not headings.
    graded = len(words) > 1 and first in word_lists().fluff and first not in _HEADING_OPENERS
    graded = graded or bool(_ITEM_OF.match(text))
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


def _labelled(text: str) -> tuple[str, str] | None:
    """Label and value of a line such as "Job Type: Full-time" or "**Pay:** $19/hr", when the
    label names a fact of the posting rather than a kind of requirement."""
    m = _INLINE_HEADING.match(_EMPHASIS.sub("", text))
    if m is None or heading_kind(m.group(1)) is not None or not _skips(m.group(1)):
        return None
    return m.group(1).strip(), clean(m.group(2))


def _lines(posting: str) -> Iterator[_Line]:
    text = _INLINE_BULLET.sub(r"\n\1 ", posting.replace("\r\n", "\n").replace("\r", "\n"))
    for raw in text.split("\n"):
        line = raw.replace("\u200b", "").replace("\xa0", " ").rstrip()
        bullet = _BULLET.match(line)
        if not line.strip():
            yield _Line("blank", "")
        elif labelled := _labelled(line[bullet.end() :] if bullet else line.strip()):
            yield _Line("field", labelled[1], key=labelled[0])
        elif (heading := _heading_line(line)) is not None:
            yield heading
        elif bullet:
            yield _Line("bullet", line[bullet.end() :].strip())
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


class _Placed(NamedTuple):
    line: _Line
    section: str | None  # the kind its heading gives, if any
    skipping: bool  # under a heading of no requirements (pay, benefits, about us…)
    heading: str  # the heading's text
    item: bool = False  # a title-case line read as an item of a list that lost its bullets


@lru_cache(maxsize=8)
def _placed_lines(posting: str) -> tuple[_Placed, ...]:
    """Read once for the requirements and once more for the facts: the same posting's lines."""
    return tuple(_placed(posting))


def _placed(posting: str) -> Iterator[_Placed]:
    """Each line with the heading that governs it. A labelled line ("Location: Leeds") does not
    end a section; "Requirements: Python, SQL" opens one and holds its first statement."""
    section: str | None = None
    skipping = False
    heading = ""
    inline = False  # the section opened with "What you will do: build …", on its own paragraph
    blank = False
    for line in _lines(posting):
        if inline and blank and line.kind == "text" and not _INLINE_HEADING.match(line.text):
            section, skipping, heading, inline = None, False, "", False  # prose after it
        blank = line.kind == "blank" or (blank and line.kind == "field")
        if line.kind == "title" and _list_item(line.text, section, skipping=skipping):
            yield _Placed(line, section, skipping, heading, item=True)
            continue
        if line.kind in ("heading", "title"):
            section, skipping, heading = heading_kind(line.text), _skips(line.text), line.text
            inline = False
        elif (
            line.kind == "text"
            and (m := _INLINE_HEADING.match(line.text))
            and heading_kind(m.group(1))
        ):
            section, skipping, heading = heading_kind(m.group(1)), False, m.group(1)
            line = line._replace(text=m.group(2))
            inline = True
        yield _Placed(line, section, skipping, heading)


def posting_lines(posting: str) -> Iterator[PostingLine]:
    """The posting's non-empty lines, each with its label and heading: what facts are read from."""
    for placed in _placed_lines(posting):
        line = placed.line
        if line.kind == "blank":
            continue
        if line.kind in ("heading", "title") and not placed.item:
            # A title may state facts ("Clerk (Part-Time)", "Denver, CO") and name no need.
            yield PostingLine(clean(line.text), "", "", fact=True, requirement=False)
            continue
        text = clean(line.text)
        fact = line.kind == "field" or placed.skipping
        requirement = None if placed.section is None and not fact else not fact
        if requirement is not False and (states_terms(text) or about_the_employer(text)):
            requirement = False  # kept out of the requirements, so facts may come from it
        yield PostingLine(text, line.key, placed.heading, fact, requirement)


def statements(posting: str) -> Iterator[Statement]:
    """Statements with their section: bullets whole, prose paragraphs joined for splitting."""
    section: str | None = None
    skipping = False
    paragraph: list[str] = []
    bullet: list[str] = []

    def flush(*, title: bool = False) -> Iterator[Statement]:
        if bullet and not skipping:
            for item in _semicolon_items(" ".join(bullet), bullet=True):
                yield Statement(item, section, bullet=True, title=title)
        if paragraph and not skipping:
            for sentence in _sentences(" ".join(paragraph)):
                # Only under a heading: an introduction's "we do this; they do that" is no list.
                for item in _semicolon_items(sentence) if section else [sentence]:
                    yield Statement(item, section, bullet=False)
        bullet.clear()
        paragraph.clear()

    for placed in _placed_lines(posting):
        line = placed.line
        if placed.item:
            yield from flush()
            bullet.append(line.text)
            yield from flush(title=True)
            continue
        if (placed.section, placed.skipping) != (section, skipping):
            yield from flush()
            section, skipping = placed.section, placed.skipping
        if line.kind in ("heading", "title", "blank", "field"):
            yield from flush()  # a labelled line is a fact of the posting, no requirement
        elif line.kind == "bullet":
            yield from flush()
            bullet.append(line.text)
        elif bullet and _continues(bullet[-1], line.text):
            bullet.append(line.text)  # a wrapped bullet
        else:
            if bullet or (paragraph and not _continues_prose(paragraph[-1], line.text)):
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


def _continues_prose(previous: str, line: str) -> bool:
    """Whether a plain line continues the prose above it. Without bullets, a list's items are
    lines that start with a capital after a line that closes a thought; wrapped prose starts
    lower case, or follows a line cut after "and", "of", a comma…"""
    if line[:1].islower():
        return True
    previous = previous.rstrip()
    if len(previous) < 60:
        return False
    return previous[-1] in ",-–&/" or previous.rsplit(None, 1)[-1].lower() in _OPEN_ENDINGS


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


# A list run into one sentence: "What you will do: build the forecast; turn the data into
# dashboards; partner with finance." Each item is its own requirement when every item is a
# phrase of its own (a few words), not a clause list such as "SQL; Python"; and, in a bullet too,
# when one item asks less than another ("BSN; MSN preferred").
_ITEM_MIN_WORDS = 3


def _semicolon_items(sentence: str, *, bullet: bool = False) -> list[str]:
    parts = [p.strip() for p in sentence.split(";") if p.strip()]
    if len(parts) < 2:
        return [sentence]
    mixed = len({marks_nice(p) for p in parts}) > 1
    phrases = all(len(p.split()) >= _ITEM_MIN_WORDS for p in parts)
    if not (mixed or (phrases and not bullet)):
        return [sentence]
    items = [re.sub(r"^(?:and|or)\s+", "", p).rstrip(".") for p in parts]
    return [item[:1].upper() + item[1:] for item in items]


# "This is a permanent, full-time post of 37.5 hours", "Hybrid schedule, three days a week in
# the office", "The salary band is shared on the first call": the terms of the job.
_JOB_TERMS = re.compile(
    r"^(?:this|it) is an? (?:[\w-]+,? ){0,5}(?:post|role|position|job|contract|vacancy|"
    r"opportunity)\b.*\b(?:full[- ]?time|part[- ]?time|permanent|temporary|fixed[- ]term|"
    r"contract|seasonal|hours|remote|hybrid|on[- ]?site|based)\b"
    r"|^(?:fully |100% )?(?:hybrid|remote|on[- ]?site|in[- ]person)\b(?! (?:\w+ )?experience)"
    r"[^.]*\b(?:schedule|days? (?:a|per) week|office|working|role|position|job|basis)\b"
    r"|\b(?:salary|pay) (?:band|bands|scale|grade|range)s?\b",
    re.I,
)


@lru_cache(maxsize=8192)
def states_terms(text: str) -> bool:
    """A sentence about pay, hours or the terms of the job, or a piece of boilerplate."""
    return bool(_BOILERPLATE.search(text.lower()) or _JOB_TERMS.search(text))


@lru_cache(maxsize=8192)
def describes_employer(text: str) -> bool:
    """A sentence about the employer itself: "Acme has a team of 9,500 people"."""
    m = _COMPANY_SENTENCE.match(text)
    if m is None:
        return False
    first = m.group("name").split()[0].lower()
    second = (m.group("name").split()[1:2] or [""])[0].lower()
    name_ok = first not in _NOT_A_NAME and not (first == "the" and second in _NOT_A_NAME)
    return name_ok and not _REQUIREMENT_VERDICT.search(text.lower())


@lru_cache(maxsize=8192)
def about_the_employer(text: str) -> bool:
    """A sentence that describes the employer, or introduces the role without asking anything:
    never a requirement."""
    if describes_employer(text):
        return True
    return bool(_ROLE_INTRO.match(text)) and not _REQUIREMENT_CUE.search(text.lower())


def is_boilerplate(statement: Statement) -> bool:
    text = statement.text
    low = text.lower()
    if states_terms(text) or about_the_employer(text):
        return True
    if statement.section is None and not statement.bullet:
        # Prose outside any section is mostly the company's introduction: keep only what
        # speaks to the candidate or starts with a duty.
        if _REQUIREMENT_CUE.search(low):
            return False
        about = _ABOUT_US_START.search(text) or _ABOUT_US.search(low)
        return bool(about) or not starts_with_verb(text)
    return False
