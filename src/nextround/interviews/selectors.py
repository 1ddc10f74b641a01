"""Reads, always scoped to the owner: another account's record is simply not found."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects

from nextround.errors import NotFound
from nextround.interviews.models import (
    ACTIVE_STAGES,
    NoteKind,
    NoteStatus,
    Opportunity,
    Person,
    Round,
    RoundNote,
    Stage,
)


def opportunity_list(*, owner: User, stage: str | None = None) -> QuerySet[Opportunity]:
    qs = Opportunity.objects.filter(owner=owner).annotate(round_count=Count("rounds"))
    return qs.filter(stage=stage) if stage else qs


@dataclass(frozen=True)
class OpportunityRow:
    """One line of the opportunities page: only what it shows, read as plain values."""

    pk: int
    company: str
    role_title: str
    location: str
    stage: str
    round_count: int

    @property
    def stage_label(self) -> str:
        return str(Stage(self.stage).label)


def opportunity_rows(*, owner: User, stage: str | None = None) -> list[OpportunityRow]:
    """``opportunity_list`` as the page's lines, newest first, without model instances."""
    fields = ("pk", "company", "role_title", "location", "stage", "round_count")
    found = opportunity_list(owner=owner, stage=stage).values_list(*fields)
    return [OpportunityRow(*values) for values in found]


def opportunity_get(*, owner: User, pk: int) -> Opportunity:
    try:
        opportunity = Opportunity.objects.get(owner=owner, pk=pk)
    except (Opportunity.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No opportunity with id {pk}.") from None
    opportunity.owner = owner  # the account it was found by: not read again
    return opportunity


def opportunity_detail(*, owner: User, pk: int) -> Opportunity:
    """The opportunity with its stages, people and rounds (and who attends each) prefetched."""
    qs = Opportunity.objects.filter(owner=owner, pk=pk).prefetch_related(
        "stage_changes",
        Prefetch("people", queryset=Person.objects.prefetch_related("rounds")),
        Prefetch(
            "rounds",
            queryset=Round.objects.annotate(note_count=Count("notes")).prefetch_related(
                "attendees"
            ),
        ),
    )
    found = qs.first()
    if found is None:
        raise NotFound(f"No opportunity with id {pk}.")
    return found


def round_get(*, owner: User, pk: int) -> Round:
    try:
        found = Round.objects.select_related("opportunity").get(owner=owner, pk=pk)
    except (Round.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No round with id {pk}.") from None
    found.owner = owner  # the account asked with: the pages read it, and need not load it again
    return found


def round_list(*, owner: User, opportunity: Opportunity | None = None) -> QuerySet[Round]:
    qs = Round.objects.filter(owner=owner).select_related("opportunity")
    qs = qs.filter(opportunity=opportunity) if opportunity else qs
    return qs.order_by("starts_at", "id")


def default_timezone(*, owner: User) -> str:
    """The zone a new round starts in, on the web and the command line alike: that of the
    round added last (one search tends to stay in one zone), else the configured zone. The
    setting itself, not get_current_timezone_name(): for a fixed-offset zone that gives the
    abbreviation ("-05" for Etc/GMT+5), which is no IANA name."""
    latest = Round.objects.filter(owner=owner).order_by("-id").values_list("timezone", flat=True)
    return latest.first() or settings.TIME_ZONE


def round_page_get(*, owner: User, pk: int) -> Round:
    """The round with its notes and their people loaded once for the round page's cards
    (``round_.notes.all()``): the interviews card lists them and the money card looks for
    numbers in them."""
    found = round_get(owner=owner, pk=pk)
    load_notes(found)
    return found


def load_notes(round_: Round) -> None:
    """Load the round's notes with their people into ``round_.notes.all()``, unless they are
    already: for the readers that look through them more than once."""
    notes = RoundNote.objects.select_related("person")
    prefetch_related_objects([round_], Prefetch("notes", queryset=notes))


def round_notes(*, round_: Round) -> QuerySet[RoundNote]:
    return round_.notes.select_related("person")


def round_is_past(round_: Round, now: datetime) -> bool:
    """The round is behind the candidate: it has ended, or the opportunity is closed."""
    return round_.ends_at <= now or round_.opportunity.stage not in ACTIVE_STAGES


@dataclass
class Outcome:
    """What came of a round that is over: where the opportunity stands, and what follows."""

    stage: str  # the stage's label
    since: date | None
    next_round: Round | None


def round_outcome(*, round_: Round) -> Outcome:
    """Two queries: when the opportunity reached its stage, and the round after this one."""
    opportunity = round_.opportunity
    change = opportunity.stage_changes.filter(stage=opportunity.stage).order_by("on", "id").last()
    following = Round.objects.filter(opportunity_id=opportunity.pk, number__gt=round_.number)
    return Outcome(
        stage=opportunity.get_stage_display(),
        since=change.on if change else None,
        next_round=following.order_by("number").first(),
    )


def person_get(*, owner: User, pk: int) -> Person:
    try:
        return Person.objects.select_related("opportunity").get(owner=owner, pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No person with id {pk}.") from None


def people_get(*, opportunity: Opportunity, pks: list[int]) -> list[Person]:
    found = list(opportunity.people.filter(pk__in=pks))
    missing = set(pks) - {p.pk for p in found}
    if missing:
        ids = ", ".join(str(i) for i in sorted(missing))
        raise NotFound(f"No person with id {ids} in this opportunity.")
    return found


def note_get(*, owner: User, pk: int) -> RoundNote:
    try:
        return RoundNote.objects.select_related("round__opportunity", "person").get(
            owner=owner, pk=pk
        )
    except (RoundNote.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No note with id {pk}.") from None


# --- carry forward -------------------------------------------------------------------------


@dataclass
class CarryForward:
    """What the earlier rounds of the same opportunity left for this one."""

    round: Round
    earlier_rounds: list[Round]
    questions: list[RoundNote] = field(default_factory=list)
    open_concerns: list[RoundNote] = field(default_factory=list)
    addressed_concerns: list[RoundNote] = field(default_factory=list)
    open_promises: list[RoundNote] = field(default_factory=list)
    feedback: list[RoundNote] = field(default_factory=list)
    numbers: list[RoundNote] = field(default_factory=list)
    other_notes: list[RoundNote] = field(default_factory=list)
    people_met: list[Person] = field(default_factory=list)
    people_new: list[Person] = field(default_factory=list)
    people_met_not_attending: list[Person] = field(default_factory=list)
    attending: list[Person] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)  # all of the opportunity's

    @property
    def weak_questions(self) -> list[RoundNote]:
        """Questions that went badly (rated 1–2): the answers to improve first."""
        return [q for q in self.questions if q.rating is not None and q.rating <= 2]

    @property
    def is_empty(self) -> bool:
        return not self.earlier_rounds


def carry_forward(*, round_: Round) -> CarryForward:
    """Four queries whatever the size of the workspace: rounds, their attendees, notes, and who
    attends this round."""
    return carry_forward_many(rounds=[round_])[0]


def carry_forward_many(*, rounds: list[Round]) -> list[CarryForward]:
    """``carry_forward`` for several rounds in four queries however many (the dashboard's):
    the earlier rounds, the people of their opportunities, who attended which round, and the
    notes. Each person and round is one object however many notes and rounds name it."""
    if not rounds:
        return []
    opportunity_ids = {r.opportunity_id for r in rounds}
    latest = max(r.number for r in rounds)
    candidates = list(
        Round.objects.filter(opportunity_id__in=opportunity_ids, number__lt=latest).order_by(
            "number"
        )
    )
    links = list(
        Round.attendees.through.objects.filter(
            round_id__in=[r.pk for r in (*candidates, *rounds)]
        ).values_list("round_id", "person_id")
    )
    notes = list(RoundNote.objects.filter(round__in=[r.pk for r in candidates]))
    wanted = {person_id for _, person_id in links} | {n.person_id for n in notes if n.person_id}
    people = _people(opportunity_ids, also=wanted)
    attendees: dict[int, set[int]] = {}
    for round_id, person_id in links:
        attendees.setdefault(round_id, set()).add(person_id)
    _attach(notes, rounds={r.pk: r for r in candidates}, people=people)
    views = []
    for round_ in rounds:
        earlier = [
            r
            for r in candidates
            if r.opportunity_id == round_.opportunity_id and r.number < round_.number
        ]
        earlier_ids = {r.pk for r in earlier}
        mine = [n for n in notes if n.round_id in earlier_ids]
        met = _met(earlier, attendees, people)
        views.append(
            _carry_forward(round_, earlier, mine, people, met, attendees.get(round_.pk, set()))
        )
    return views


def _met(
    earlier: list[Round], attendees: dict[int, set[int]], people: dict[int, Person]
) -> list[int]:
    """Who the earlier rounds met, by the round they were first met in, then in the people's
    order."""
    met: dict[int, None] = {}
    for round_ in earlier:
        here = attendees.get(round_.pk, set())
        met.update((pk, None) for pk in people if pk in here)
    return list(met)


def _people(opportunity_ids: set[int], *, also: set[int]) -> dict[int, Person]:
    """The people of these opportunities, in the people's own order, with any other person in
    ``also`` (an attendee or a note's person from another opportunity, which the forms do not
    allow but older data might hold): a second query only then."""
    people = {p.pk: p for p in Person.objects.filter(opportunity_id__in=opportunity_ids)}
    if also - people.keys():
        found = Person.objects.filter(Q(opportunity_id__in=opportunity_ids) | Q(pk__in=also))
        people = {p.pk: p for p in found}
    return people


def _attach(notes: list[RoundNote], *, rounds: dict[int, Round], people: dict[int, Person]) -> None:
    """Give each note its round and person from those loaded, in the notes' order: by round,
    then as written."""
    for note in notes:
        RoundNote.round.field.set_cached_value(note, rounds[note.round_id])
        person = people[note.person_id] if note.person_id else None
        RoundNote.person.field.set_cached_value(note, person)
    notes.sort(key=lambda n: (rounds[n.round_id].number, n.created_at, n.pk))


def _carry_forward(
    round_: Round,
    earlier: list[Round],
    notes: list[RoundNote],
    people: dict[int, Person],
    met: list[int],
    attending_ids: set[int],
) -> CarryForward:
    result = CarryForward(round=round_, earlier_rounds=earlier)
    buckets = {
        NoteKind.QUESTION: result.questions,
        NoteKind.FEEDBACK: result.feedback,
        NoteKind.NUMBER: result.numbers,
        NoteKind.FREE: result.other_notes,
    }
    for note in notes:
        if note.kind == NoteKind.CONCERN:
            target = (
                result.open_concerns
                if note.status == NoteStatus.OPEN
                else (result.addressed_concerns)
            )
            target.append(note)
        elif note.kind == NoteKind.PROMISE:
            if note.status == NoteStatus.OPEN:
                result.open_promises.append(note)
        else:
            buckets[NoteKind(note.kind)].append(note)
    result.open_promises.sort(key=lambda n: (n.due_on is None, n.due_on or date.min))
    attending = [p for pk, p in people.items() if pk in attending_ids]
    result.attending = attending
    result.people_met = [p for p in attending if p.pk in met]
    result.people_new = [p for p in attending if p.pk not in met]
    result.people_met_not_attending = [people[pk] for pk in met if pk not in attending_ids]
    result.people = [p for p in people.values() if p.opportunity_id == round_.opportunity_id]
    return result


# --- dashboard -----------------------------------------------------------------------------


@dataclass
class Dashboard:
    by_stage: list[tuple[Stage, list[Opportunity]]]
    next_round: Round | None
    upcoming: list[Round]
    overdue_promises: list[RoundNote]
    total: int

    @property
    def is_empty(self) -> bool:
        return self.total == 0


def dashboard(*, owner: User, now: datetime, today: date) -> Dashboard:
    # Only what the page shows: a posting can be 50,000 characters and is not needed here.
    opportunities = list(
        Opportunity.objects.filter(owner=owner)
        .only("id", "company", "role_title", "stage")
        .order_by("company", "id")
    )
    grouped: dict[str, list[Opportunity]] = {s.value: [] for s in Stage}
    for opp in opportunities:
        grouped[opp.stage].append(opp)
    upcoming = list(
        Round.objects.filter(owner=owner, ends_at__gt=now, opportunity__stage__in=ACTIVE_STAGES)
        .select_related("opportunity")
        .order_by("starts_at")[:5]
    )
    overdue = list(
        RoundNote.objects.filter(
            owner=owner,
            kind=NoteKind.PROMISE,
            status=NoteStatus.OPEN,
            due_on__lt=today,
        )
        .select_related("round__opportunity", "person")
        .order_by("due_on", "id")[:50]
    )
    return Dashboard(
        by_stage=[(s, grouped[s.value]) for s in Stage if grouped[s.value]],
        next_round=upcoming[0] if upcoming else None,
        upcoming=upcoming,
        overdue_promises=overdue,
        total=len(opportunities),
    )
