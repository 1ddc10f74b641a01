"""Reads after a round: what is still to send and when (``nextround.cadence`` over the round's
records), the calendar of it, and the dashboard's list of follow-ups due. The thank-you drafts
and the debrief form are in ``followup.thanks``."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q, QuerySet, prefetch_related_objects

from nextround import cadence, letters, timeutil
from nextround.errors import Invalid, NotFound
from nextround.followup.models import Debrief, Reply, Sent, SentKind
from nextround.followup.thanks import letter_interviewer, signer_of
from nextround.interviews.models import (
    NoteKind,
    NoteStatus,
    Opportunity,
    Party,
    Person,
    Relation,
    Round,
    RoundNote,
    Stage,
    StageChange,
)
from nextround.interviews.selectors import CarryForward
from nextround.playbook.calendar import Todo
from nextround.prep import selectors as prep_selectors

# A thank-you this late is no longer worth a reminder on the dashboard (the round page keeps it).
THANKS_STALE_AFTER = timedelta(days=7)
# Decided opportunities stay on the dashboard this long, for the feedback request.
DECIDED_SHOWN_FOR = timedelta(days=21)
# When a day is all we know of a sent note or a reply: midday on the round's clock.
_MIDDAY = time(12)

KIND_LABELS = {
    cadence.Kind.THANKS: "Thank-you note",
    cadence.Kind.STATUS_CHECK: "Status check",
    cadence.Kind.CONCERN_ANSWER: "Answer to a concern",
    cadence.Kind.FEEDBACK_REQUEST: "Feedback request",
    cadence.Kind.STOP_SUGGESTED: "Time to stop chasing",
}
_DECISIONS = {
    Stage.OFFER: cadence.Outcome.OFFER,
    Stage.ACCEPTED: cadence.Outcome.OFFER,
    Stage.DECLINED: cadence.Outcome.OFFER,
    Stage.REJECTED: cadence.Outcome.REJECTION,
}


@dataclass
class Row:
    """One follow-up still to send, as a page shows it, with its draft once asked for
    (:func:`with_drafts`)."""

    round: Round
    kind: cadence.Kind
    due: datetime  # on the round's clock
    person: Person | None
    concern: RoundNote | None
    reason: str
    now: datetime
    draft: letters.Draft | None = None
    draft_problem: str = ""  # why there is no draft yet (no planned answer, no name)
    mailto: str | None = None
    recipient: Person | None = None  # whom the draft is addressed to

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def overdue(self) -> bool:
        return self.due <= self.now

    @property
    def countdown(self) -> str:
        if self.overdue:
            late = self.now - self.due
            hours = int(late.total_seconds() // 3600)
            return f"{hours // 24} days late" if hours >= 48 else f"{max(hours, 1)} h late"
        return timeutil.countdown(self.due, self.now).replace("started", "now")

    @property
    def key(self) -> str:
        """What the mark-sent form posts for it."""
        return f"{self.kind}:{self.person.pk if self.person else ''}:" + (
            str(self.concern.pk) if self.concern else ""
        )


@dataclass
class RoundFollowUps:
    round: Round
    ended: bool
    debrief: Debrief | None
    rows: list[Row]
    sent: list[Sent]
    replies: list[Reply]
    contact: Person | None
    stated_date: date | None
    problem: str = ""  # why no schedule could be made (a bad date or country)

    @property
    def debrief_due(self) -> bool:
        return self.ended and not (self.debrief and self.debrief.done)

    @property
    def attendees(self) -> list[Person]:
        """Who attended the round, in the people's order, as ``rounds_for_followups`` read them."""
        return self.round.followup_attendees  # type: ignore[attr-defined,no-any-return]


def holiday_region() -> tuple[str, str | None]:
    """The country and region whose holidays follow-ups skip (``NEXTROUND_COUNTRY`` or the
    time zone's country); a country the holiday data does not know counts weekends only."""
    app = settings.APP
    try:
        return cadence.canonical_region(app.country, app.region or None)
    except Invalid:
        return "", None


# --- one round ---------------------------------------------------------------------------------


# The notes the schedule reads: open concerns, and the dates they promised.
_SCHEDULED_NOTES = Q(kind=NoteKind.CONCERN, status=NoteStatus.OPEN) | Q(
    kind=NoteKind.PROMISE, promised_by=Party.THEM, due_on__isnull=False
)


def _attach_lists(
    owners: Sequence[Round] | Sequence[Opportunity], records: QuerySet[Any], link: str, to_attr: str
) -> None:
    """What ``Prefetch(…, queryset=records, to_attr=to_attr)`` gives ``owners`` (rounds or
    opportunities) of the records whose ``link`` field points at them: each owner's records as
    a plain list in the query's order, each record holding its owner; one query, grouped here
    without the prefetch machinery's Python (docs/performance.md gives what that saves)."""
    by_pk = {owner.pk: owner for owner in owners}
    lists: dict[int, list[Any]] = {pk: [] for pk in by_pk}
    field = records.model._meta.get_field(link)
    column = field.attname
    for record in records.filter(**{f"{column}__in": list(by_pk)}):
        owner_pk = getattr(record, column)
        field.set_cached_value(record, by_pk[owner_pk])
        lists[owner_pk].append(record)
    for owner in owners:
        setattr(owner, to_attr, lists[owner.pk])


def _attach_sent_and_replies(rounds: Sequence[Round]) -> None:
    """What was sent and what came back: ``followup_sent``, ``followup_replies``."""
    sent = Sent.objects.select_related("person", "concern")
    _attach_lists(rounds, sent, "round", "followup_sent")
    _attach_lists(rounds, Reply.objects.select_related("person"), "round", "followup_replies")


def rounds_for_followups(
    rounds: Iterable[Round] | None = None, *conditions: Q, **filters: object
) -> list[Round]:
    """Rounds with everything the schedule reads, in a fixed number of queries.

    The related records land in plain lists rather than prefetched managers: a manager per
    round costs a queryset clone each, which for the dashboard's hundreds of rounds was most of
    the page. Rounds of one opportunity share one opportunity object, so its people, stage
    changes and rounds are loaded and attached once.
    """
    query = (
        Round.objects.filter(*conditions, **filters)
        .select_related("opportunity", "debrief")
        .defer("opportunity__posting_text")
    )
    if rounds is not None:
        query = query.filter(pk__in=[r.pk for r in rounds])
    loaded: list[Round] = list(query)
    _attach_lists(loaded, RoundNote.objects.filter(_SCHEDULED_NOTES), "round", "followup_notes")
    _attach_sent_and_replies(loaded)
    opportunities: dict[int, Opportunity] = {}
    for round_ in loaded:
        round_.opportunity = opportunities.setdefault(round_.opportunity_id, round_.opportunity)
    _attach_lists(
        list(opportunities.values()), Person.objects.all(), "opportunity", "followup_people"
    )
    _attach_stages_and_rounds(list(opportunities.values()))
    people: dict[int, Person] = {}
    for opportunity in opportunities.values():
        people.update((p.pk, p) for p in opportunity.followup_people)  # type: ignore[attr-defined]
    _attach_attendees(loaded)
    # The notes' people are the opportunity's, loaded once rather than once per note.
    for round_ in loaded:
        notes: list[RoundNote] = round_.followup_notes  # type: ignore[attr-defined]
        for note in notes:
            if note.person_id in people:
                note.person = people[note.person_id]
    return loaded


def _attach_stages_and_rounds(opportunities: list[Opportunity]) -> None:
    """Each opportunity's last day of its present stage (``followup_stage_since``: when it was
    decided) and the numbers and creation times of its rounds (``followup_rounds``: a later
    round is an invitation), in two queries, as plain values."""
    stages = {o.pk: o.stage for o in opportunities}
    since: dict[int, date] = {}
    for opportunity_id, stage, on in StageChange.objects.filter(
        opportunity_id__in=stages
    ).values_list("opportunity_id", "stage", "on"):
        if stage == stages[opportunity_id]:
            since[opportunity_id] = max(on, since.get(opportunity_id, on))
    numbers: dict[int, list[tuple[int, datetime]]] = {o.pk: [] for o in opportunities}
    for opportunity_id, number, created_at in Round.objects.filter(
        opportunity_id__in=numbers
    ).values_list("opportunity_id", "number", "created_at"):
        numbers[opportunity_id].append((number, created_at))
    for opportunity in opportunities:
        opportunity.followup_stage_since = since.get(opportunity.pk)  # type: ignore[attr-defined]
        opportunity.followup_rounds = numbers[opportunity.pk]  # type: ignore[attr-defined]


def _attach_attendees(rounds: list[Round]) -> None:
    """Each round's attendees as ``followup_attendees``, in the people's own order, taken from
    the opportunity's people already loaded instead of a copy of each person per round."""
    attending: dict[int, set[int]] = {r.pk: set() for r in rounds}
    through = Round.attendees.through
    for round_id, person_id in through.objects.filter(round_id__in=attending).values_list(
        "round_id", "person_id"
    ):
        attending[round_id].add(person_id)
    for round_ in rounds:
        ids = attending[round_.pk]
        ordered = round_.opportunity.followup_people  # type: ignore[attr-defined]
        found = [p for p in ordered if p.pk in ids]
        if len(found) < len(ids):  # someone from another opportunity: load as the relation does
            found = list(round_.attendees.all())
        round_.followup_attendees = found  # type: ignore[attr-defined]


def round_followups(*, round_: Round, now: datetime) -> RoundFollowUps:
    (loaded,) = rounds_for_followups(pk=round_.pk)
    return followups_of(loaded, now)


def page_followups(*, round_: Round, carry: CarryForward, now: datetime) -> RoundFollowUps:
    """``round_followups`` from what the round page loaded already: the round and all its notes
    (``interviews.selectors.round_page_get``; the schedule picks the ones it reads), the
    opportunity's people and the round's attendees (the carry-forward). Five queries for the
    rest: the debrief, what was sent, the replies, the stage changes and the round numbers."""
    prefetch_related_objects([round_], "debrief")
    _attach_sent_and_replies([round_])
    round_.followup_notes = list(round_.notes.all())  # type: ignore[attr-defined]
    round_.followup_attendees = carry.attending  # type: ignore[attr-defined]
    round_.opportunity.followup_people = carry.people  # type: ignore[attr-defined]
    _attach_stages_and_rounds([round_.opportunity])
    return followups_of(round_, now)


def round_followups_get(*, owner: User, pk: int, now: datetime) -> RoundFollowUps:
    """``round_followups`` of the owner's round ``pk``, the round read once with its records
    (the thank-you page); ``NotFound`` for someone else's."""
    try:
        found = rounds_for_followups(owner=owner, pk=pk)
    except (ValueError, TypeError):
        found = []
    if not found:
        raise NotFound(f"No round with id {pk}.")
    (round_,) = found
    round_.owner = owner  # the account asked with, as interviews.selectors.round_get does
    return followups_of(round_, now)


def _contact(round_: Round) -> Person | None:
    """Who status checks and the feedback request go to: the recruiter or HR contact of the
    opportunity, else the hiring manager, else the first interviewer."""
    people: list[Person] = round_.opportunity.followup_people  # type: ignore[attr-defined]
    attendees: list[Person] = round_.followup_attendees  # type: ignore[attr-defined]
    for relation in (Relation.HR, Relation.HIRING_MANAGER):
        found = next((p for p in people if p.relation == relation), None)
        if found is not None:
            return found
    return attendees[0] if attendees else None


def _on_day(day: date, zone: str) -> datetime:
    """A day as an aware time: midday on the round's clock."""
    return timeutil.to_utc(datetime.combine(day, _MIDDAY), zone)


def _decision(round_: Round) -> cadence.Decision | None:
    outcome = _DECISIONS.get(Stage(round_.opportunity.stage))
    if outcome is None:
        return None
    since: date | None = round_.opportunity.followup_stage_since  # type: ignore[attr-defined]
    decided = since or round_.ends_at.date()
    return cadence.Decision(outcome=outcome, decided_on=decided)


def _key(pk: int) -> str:
    """A person as the schedule names them: a token that cannot occur in its own wording, so
    the reasons it writes can be given the person's name afterwards."""
    return f"⟨{pk}⟩"


def _named(reason: str, people: dict[str, Person]) -> str:
    for key, person in people.items():
        reason = reason.replace(key, person.name)
    return reason


def followups_of(round_: Round, now: datetime) -> RoundFollowUps:
    """The schedule of a round loaded by ``rounds_for_followups`` (or ``page_followups``)."""
    notes: list[RoundNote] = getattr(round_, "followup_notes", [])
    sent: list[Sent] = round_.followup_sent  # type: ignore[attr-defined]
    replies: list[Reply] = round_.followup_replies  # type: ignore[attr-defined]
    contact = _contact(round_)
    promises = [
        n.due_on
        for n in notes
        if n.kind == NoteKind.PROMISE and n.promised_by == Party.THEM and n.due_on
    ]
    stated = max(promises) if promises else None
    debrief = getattr(round_, "debrief", None)
    result = RoundFollowUps(
        round=round_,
        ended=round_.ends_at <= now,
        debrief=debrief,
        rows=[],
        sent=sent,
        replies=replies,
        contact=contact,
        stated_date=stated,
    )
    if not round_.date_in_range:
        return result
    numbers: list[tuple[int, datetime]] = round_.opportunity.followup_rounds  # type: ignore[attr-defined]
    later = [created for number, created in numbers if number > round_.number]
    zone = round_.timezone
    people = {_key(p.pk): p for p in round_.opportunity.followup_people}  # type: ignore[attr-defined]
    concerns = {str(n.pk): n for n in notes if n.kind == NoteKind.CONCERN}
    # A later round means they answered: an invitation closes this round's status checks, and
    # the decision belongs to the last round.
    invitations = [
        cadence.Reply(person=None, received_at=max(created, round_.ends_at), said="invited")
        for created in later
    ]
    country, region = holiday_region()
    facts = cadence.RoundFacts(
        ends_at=round_.ends_at,
        zone=zone,
        country=country,
        subdivision=region,
        interviewers=tuple(_key(p.pk) for p in round_.followup_attendees),  # type: ignore[attr-defined]
        contact=_key(contact.pk) if contact else None,
        stated_date=stated,
        open_concerns=tuple(k for k, n in concerns.items() if n.status == NoteStatus.OPEN),
        decision=None if later else _decision(round_),
        sent=tuple(
            cadence.Sent(
                kind=cadence.Kind(s.kind),
                person=_key(s.person_id) if s.person_id else None,
                sent_at=_on_day(s.sent_on, zone),
                answered=s.answered,
                concern=str(s.concern_id) if s.concern_id else None,
            )
            for s in sent
        ),
        replies=tuple(
            cadence.Reply(
                person=_key(r.person_id) if r.person_id else None,
                received_at=_on_day(r.received_on, zone),
                said=r.said,
                new_date=r.new_date,
            )
            for r in replies
        )
        + tuple(invitations),
    )
    try:
        planned = cadence.schedule(facts, now)
    except Invalid as exc:
        result.problem = exc.message
        return result
    result.rows = [
        Row(
            round=round_,
            kind=item.kind,
            due=item.due,
            person=people.get(item.person) if item.person else None,
            concern=concerns.get(item.concern) if item.concern else None,
            reason=_named(item.reason, people),
            now=now,
        )
        for item in planned
    ]
    return result


def with_drafts(result: RoundFollowUps, owner: User) -> RoundFollowUps:
    """Draft every follow-up of the round other than the thank-you notes (their own page drafts
    those) and the stop suggestion (nothing to send)."""
    signer = signer_of(owner)
    opportunity = result.round.opportunity
    candidate = letters.Candidate(
        name=signer.name if signer else "Your name",
        role=opportunity.role_title,
        company=opportunity.company,
    )
    checks = sum(1 for s in result.sent if s.kind == SentKind.STATUS_CHECK and not s.answered)
    round_on = timeutil.to_local(result.round.ends_at, result.round.timezone).date()
    for row in result.rows:
        to_person = row.person or (row.concern.person if row.concern else None) or result.contact
        row.recipient = to_person
        to = letter_interviewer(to_person) if to_person else letters.Interviewer(name="")
        try:
            if row.kind == cadence.Kind.STATUS_CHECK:
                row.draft = letters.status_check(
                    candidate,
                    to,
                    round_on=round_on,
                    stated=result.stated_date,
                    earlier_checks=checks,
                )
            elif row.kind == cadence.Kind.CONCERN_ANSWER and row.concern is not None:
                concern = letters.Concern(raised=row.concern.text, answer=row.concern.response)
                row.draft = letters.concern_answer(candidate, to, concern)
            elif row.kind == cadence.Kind.FEEDBACK_REQUEST:
                offer = opportunity.stage in (Stage.OFFER, Stage.ACCEPTED, Stage.DECLINED)
                row.draft = letters.feedback_request(candidate, to, offer=offer)
        except Invalid as exc:
            row.draft_problem = exc.message
        if row.draft is not None:
            email = to_person.email if to_person else ""
            mailbox = letters.Mailbox(name=to.name, email=email) if email else None
            row.mailto = letters.mailto_link(row.draft, mailbox)
    return result


def row_for(*, round_: Round, key: str, now: datetime) -> Row:
    """One follow-up of the round by its key (``Row.key``), with its draft."""
    result = with_drafts(round_followups(round_=round_, now=now), round_.owner)
    found = next((r for r in result.rows if r.key == key), None)
    if found is None:
        raise NotFound("That follow-up is not due for this round (sent already, or closed).")
    return found


# --- the calendar --------------------------------------------------------------------------------


def round_calendar(*, round_: Round, now: datetime) -> tuple[str, bytes]:
    """The round's .ics file: the interview and its plan (``prep``), with every follow-up still
    to send as a to-do due when it is due."""
    todos = [
        Todo(
            key=f"followup-{row.kind}-{row.person.pk if row.person else 'all'}"
            + (f"-{row.concern.pk}" if row.concern else ""),
            summary=row.label + (f" to {row.person.name}" if row.person else ""),
            description=row.reason,
            due=row.due,
        )
        for row in round_followups(round_=round_, now=now).rows
        if row.kind != cadence.Kind.STOP_SUGGESTED
    ]
    return prep_selectors.round_calendar(round_=round_, now=now, todos=todos)


def sent_get(*, owner: User, pk: int) -> Sent:
    try:
        return Sent.objects.select_related("round").get(owner=owner, pk=pk)
    except (Sent.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No follow-up with id {pk}.") from None


def reply_get(*, owner: User, pk: int) -> Reply:
    try:
        return Reply.objects.select_related("round").get(owner=owner, pk=pk)
    except (Reply.DoesNotExist, ValueError, TypeError):
        raise NotFound(f"No reply with id {pk}.") from None
