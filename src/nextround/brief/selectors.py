"""The brief of a round, assembled from what the other apps read: one ``Brief`` value that the
page, the PDF and the Markdown all render. About twenty queries, however many people, notes,
questions and stories (no query per item)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from django.utils import timezone
from django.utils.dateformat import format as date_format

from nextround import timeutil
from nextround.brief.people import people_section
from nextround.briefing import (
    Brief,
    Candidate,
    Entry,
    Line,
    Part,
    Section,
    Table,
    countdown_text,
    story_for,
)
from nextround.fit.coverage import Match
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import (
    NoteKind,
    Opportunity,
    Party,
    Round,
    RoundNote,
    Stage,
)
from nextround.interviews.selectors import CarryForward
from nextround.money import rounds as money_rounds
from nextround.pay.text import amount_range, amount_text
from nextround.playbook.likely import LikelyQuestion
from nextround.prep import selectors as prep_selectors
from nextround.research import selectors as research_selectors
from nextround.stories import selectors as story_selectors
from nextround.stories.models import Story, Strength, Telling
from nextround.stories.selectors import ConcernRow, CoverageView

LIKELY_SHOWN = 8  # likely questions in the brief: the ones worth a story each
DAY = "l j F Y"
TIME = "H:i"


def round_brief(*, round_: Round, now: datetime, own_zone: tzinfo | None = None) -> Brief:
    """The brief of ``round_`` as of ``now``; ``own_zone`` is the reader's clock (the
    configured zone by default), shown beside the round's when it reads differently."""
    own_zone = own_zone or timezone.get_current_timezone()
    interview_selectors.load_notes(round_)
    carry = interview_selectors.carry_forward(round_=round_)
    opportunity = round_.opportunity
    field = prep_selectors.employer_field(opportunity, people=carry.people)
    likely = prep_selectors.round_likely(carry=carry, limit=LIKELY_SHOWN, field=field)
    asks = prep_selectors.round_asks(carry=carry, field=field)
    owned = story_selectors.library(owner=round_.owner)
    view = story_selectors.coverage(opportunity=opportunity, owned=owned)
    heard = _heard(round_)
    sections = [
        logistics_section(round_, now=now, own_zone=own_zone),
        people_section(carry, asks=asks, heard=heard),
        carried_section(carry),
        likely_section(likely, stories=owned.stories, carry=carry, heard=heard),
        needs_section(view, story_selectors.posting_concerns(opportunity=opportunity, view=view)),
        strengths_section(round_, strengths=owned.strengths),
        research_section(opportunity, today=timezone.localdate(now)),
    ]
    money = money_section(round_, carry=carry, view=view, today=timezone.localdate(now))
    if money is not None:
        sections.append(money)
    title = f"{round_.label}: {opportunity.role_title} at {opportunity.company}"
    subtitle = " · ".join(
        p for p in (round_.kind, f"Brief of {date_format(timezone.localtime(now), DAY)}") if p
    )
    return Brief(title=title, subtitle=subtitle, sections=tuple(sections))


# --- logistics -----------------------------------------------------------------------------


def when_text(round_: Round, own_zone: tzinfo) -> str:
    """The start and end on the round's clock with its zone, and on the reader's own clock
    when that one reads differently."""
    if not round_.date_in_range:
        return f"{round_.starts_at.date().isoformat()}: this date is out of range; edit the round."
    start, own = timeutil.two_clocks(round_.starts_at, round_.timezone, own_zone)
    end = round_.local_end
    text = (
        f"{date_format(start, DAY)}, {date_format(start, TIME)}–{date_format(end, TIME)} "
        f"{date_format(start, 'T')} ({round_.timezone})"
    )
    if own is not None:
        text += f"; {date_format(own, 'l j F')}, {date_format(own, TIME)} your time"
    return text


def logistics_section(round_: Round, *, now: datetime, own_zone: tzinfo) -> Section:
    facts = [
        ("When", when_text(round_, own_zone)),
        ("Countdown", countdown_text(round_.starts_at, round_.ends_at, now)),
        ("Format", round_.get_format_display()),
        ("Place", round_.location),
        ("Video link", round_.video_link),
        ("Dress code", round_.dress_code),
        ("What to bring and know", round_.logistics),
    ]
    return Section(
        key="logistics",
        title="Logistics",
        empty="Add the time and place on the round's edit page.",
        parts=(Part(lines=tuple(Line(k, v) for k, v in facts if v)),),
    )


# --- the people (the section itself: brief.people) -----------------------------------------


def _heard(round_: Round) -> dict[int, list[Telling]]:
    """The stories each person heard in the opportunity's earlier rounds, by person id."""
    tellings = (
        Telling.objects.filter(
            round__opportunity_id=round_.opportunity_id, round__number__lt=round_.number
        )
        .select_related("story", "round")
        .prefetch_related("people")
        .order_by("round__number", "id")
    )
    found: dict[int, list[Telling]] = {}
    for telling in tellings:
        for person in telling.people.all():
            found.setdefault(person.pk, []).append(telling)
    return found


# --- carried forward -----------------------------------------------------------------------


def _asked(note: RoundNote) -> str:
    by = f" by {note.person.name}" if note.person else ""
    return f"{note.round.label}{by}"


def _rating(note: RoundNote) -> str:
    return f"{note.rating} of 5" if note.rating else "not rated"


def _better(note: RoundNote) -> str:
    return f"Better: {note.improve}" if note.improve else note.answer


def _promise_owner(note: RoundNote) -> str:
    if note.promised_by == Party.ME:
        return "You"
    if note.promised_by == Party.THEM:
        return note.person.name if note.person else "They"
    return "Not said"


def carried_section(carry: CarryForward) -> Section:
    questions = Table(
        headers=("Question", "Asked", "How it went", "Your answer, or what to do better"),
        rows=tuple((q.text, _asked(q), _rating(q), _better(q)) for q in carry.questions),
    )
    concerns = tuple(
        Entry(
            title=n.text,
            badges=(f"raised in the {_asked(n)[0].lower()}{_asked(n)[1:]}",),
            lines=(
                Line(
                    "Answer ready",
                    n.response or "none yet: plan it on the round page or the Concerns page",
                ),
            ),
        )
        for n in carry.open_concerns
    )
    promises = Table(
        headers=("Promise", "Who owes it", "Due"),
        rows=tuple(
            (n.text, _promise_owner(n), n.due_on.isoformat() if n.due_on else "no date")
            for n in carry.open_promises
        ),
    )
    return Section(
        key="carried",
        title="Carried forward",
        empty="Nothing carried forward yet: the questions, concerns and promises of earlier "
        "rounds appear here once you note them.",
        parts=(
            Part(title="Questions asked before", table=questions),
            Part(title="Open concerns and the answers ready", entries=concerns),
            Part(title="Promises due", table=promises),
            Part(
                title="Feedback heard",
                lines=tuple(Line(n.round.label, n.text) for n in carry.feedback),
            ),
        ),
    )


# --- likely questions ----------------------------------------------------------------------


def _candidate(story: Story) -> Candidate:
    parts = (story.title, story.situation, story.task, story.action, story.result)
    return Candidate(
        id=story.pk,
        title=story.title,
        text=" ".join(parts),
        competencies=tuple(c.strip() for c in story.competencies.split(",") if c.strip()),
    )


def likely_section(
    likely: list[LikelyQuestion],
    *,
    stories: list[Story],
    carry: CarryForward,
    heard: dict[int, list[Telling]],
) -> Section:
    candidates = [_candidate(s) for s in stories]
    results = {s.pk: s.result for s in stories}
    already = {t.story_id for p in carry.attending for t in heard.get(p.pk, [])}
    entries = []
    for q in likely:
        wanted = q.bank.competencies if q.bank else []
        pick = story_for(q.text, wanted, candidates, heard=already)
        land = (
            f"“{pick.title}”" + (f": {results[pick.id]}" if results[pick.id] else "")
            if pick
            else "none of your stories fits yet: write one on the Stories page"
        )
        if pick and pick.id in already:
            land += " (they heard it before: take it further)"
        lines = [Line("Story to land", land), Line("Why it is likely", " ".join(q.reasons))]
        if q.bank:
            lines.append(Line("How to answer", q.bank.approach))
        badges = (q.category, "asked before") if q.asked_before else (q.category,)
        entries.append(
            Entry(title=q.text, badges=badges, lines=tuple(ln for ln in lines if ln.text))
        )
    return Section(
        key="likely",
        title="Likely questions",
        empty="No likely questions yet: add the posting and the people to get them.",
        parts=(Part(entries=tuple(entries)),),
    )


# --- the job's needs -----------------------------------------------------------------------


def _proof(matches: Iterable[Match]) -> str:
    return ", ".join(f"“{m.title}”" for m in matches if m.covers)


def _plan(row: ConcernRow) -> str:
    said = row.said.strip()
    story = f"tell “{row.story.title}”" if row.story else ""
    plan = "; ".join(p for p in (said, story) if p)
    return plan or "no plan yet: plan it on the Concerns page"


def needs_section(view: CoverageView, concerns: list[ConcernRow]) -> Section:
    needs = Table(
        headers=("What the job needs", "Kind", "Stories that prove it"),
        rows=tuple(
            (r.requirement.text, r.requirement.kind, _proof(r.matches))
            for r in view.coverage.rows
            if r.covered
        ),
    )
    gaps = Table(
        headers=("Gap", "Why", "The plan"),
        rows=tuple((c.text, c.source, _plan(c)) for c in concerns if c.requirement is not None),
    )
    return Section(
        key="needs",
        title="The job's needs: proof and gaps",
        empty="Add the posting's text to the opportunity and write stories to see what proves "
        "each need.",
        parts=(
            Part(title="Needs your stories prove", table=needs),
            Part(title="Gaps and the plan for each", table=gaps),
        ),
    )


# --- strengths -----------------------------------------------------------------------------


def strengths_section(round_: Round, *, strengths: list[Strength]) -> Section:
    entries = tuple(
        Entry(
            title=s.name,
            badges=("differentiator",) if s.differentiator else (),
            lines=tuple(
                ln
                for ln in (
                    Line("What it is", s.description),
                    Line("Stories", ", ".join(f"“{t.title}”" for t in s.stories.all())),
                )
                if ln.text
            ),
        )
        for s in sorted(strengths, key=lambda s: (not s.differentiator, s.rank))
    )
    quotes = tuple(Line(q.who, f"“{q.text}”") for q in story_selectors.quotes(owner=round_.owner))
    return Section(
        key="strengths",
        title="Strengths, the differentiator and quotes",
        empty="Add your strengths, mark the one that sets you apart, and keep quotes on the "
        "Strengths page.",
        parts=(Part(entries=entries), Part(title="What others say", lines=quotes)),
    )


# --- filled by the apps still to come --------------------------------------------------------


def research_section(opportunity: Opportunity, *, today: date) -> Section:
    """Company facts by kind with their sources, the confirmed business terms, and the news of
    the last 30 days (the research app's records)."""
    parts: list[Part] = []
    facts = tuple(
        Line(label=group.label, text=f"{fact.text} ({fact.source_label})")
        for group in research_selectors.fact_groups(opportunity=opportunity)
        for fact in group.facts
    )
    if facts:
        parts.append(Part(title="Facts", lines=facts))
    confirmed = research_selectors.words_to_work_in(opportunity)
    if confirmed:
        terms = tuple(Line(label=t.term, text=t.meaning) for t in confirmed)
        parts.append(Part(title="Terms to work in", lines=terms))
    recent = [
        (row.entry, row.entry.published_on)
        for row in research_selectors.news_rows(opportunity=opportunity, today=today)
        if row.entry.published_on is not None and not row.stale
    ]
    if recent:
        rows = tuple(
            (entry.title, date_format(day, DAY), entry.source or entry.source_url)
            for entry, day in recent[:8]
        )
        parts.append(
            Part(title="Recent news", table=Table(headers=("News", "Date", "Source"), rows=rows))
        )
    return Section(
        key="research",
        title="Company research",
        empty="Add company facts, terms and news on the research page.",
        parts=tuple(parts),
    )


def money_section(
    round_: Round, *, carry: CarryForward, view: CoverageView, today: date
) -> Section | None:
    """When the round is final, there is an offer or money came up: the figures noted so far
    (the money app fills more). None when money has no place in this round yet."""
    here = [n for n in round_.notes.all() if n.kind == NoteKind.NUMBER]
    notes = [*carry.numbers, *here]  # by round, then as written
    if not (round_.is_final or notes or round_.opportunity.stage == Stage.OFFER):
        return None
    parts: list[Part] = []
    numbers = money_rounds.round_money(round_=round_, today=today, view=view)
    if numbers is not None and numbers.numbers is not None:
        figures = numbers.numbers
        currency = numbers.currency
        lines = [
            Line(label="Walk-away", text=amount_text(figures.walk_away, currency) + " a year"),
            Line(
                label="Target",
                text=f"{amount_text(figures.target, currency)}: {figures.target_reason}",
            ),
            Line(
                label="Opening ask",
                text=f"{amount_text(figures.ask, currency)}: {figures.ask_reason}",
            ),
        ]
        parts.append(Part(title="Your numbers", lines=tuple(lines)))
    if numbers is not None and numbers.notice.start is not None:
        start = numbers.notice.start
        parts.append(
            Part(
                title="When you could start",
                lines=(Line(label="Earliest start", text=date_format(start.earliest_start, DAY)),),
            )
        )
    rows = tuple(
        (n.text, amount_range(n.amount_low, n.amount_high, n.currency) or "no figure", _asked(n))
        for n in notes
    )
    return Section(
        key="money",
        title="Money",
        empty="Note the figures discussed (the band, the bonus, your ask) as number notes on "
        "the round page.",
        parts=(
            *parts,
            *(
                (Part(table=Table(headers=("Figure", "Amount", "Said in"), rows=rows)),)
                if rows
                else ()
            ),
        ),
    )
