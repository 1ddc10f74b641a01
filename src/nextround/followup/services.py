"""Writes after a round: the debrief, the edited thank-you notes, follow-ups marked sent, replies
received, and the name the notes are signed with.

The debrief writes what already has a home into that home: questions asked and concerns raised
become the round's notes (``interviews``), stories told become tellings (``stories``), the next
steps they gave become a promise of theirs with its date, money talk a number note. Only what no
other record holds is kept here (topics, what they cared about, something particular, rapport,
the overall feel). Everything one save writes runs in one transaction.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from nextround.core.services import claim, save_validated
from nextround.errors import Invalid, NotFound
from nextround.followup.models import Debrief, PersonDebrief, Reply, Sent, SentKind, ThankYou
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, NoteStatus, Party, Person, Round, RoundNote
from nextround.prep import services as prep
from nextround.prep.models import ItemStatus, PlanProgress
from nextround.stories import services as stories
from nextround.stories.models import Story

DEBRIEF_PLAN_ITEM = "debrief"  # the prep plan's "write down how it went" item


@dataclass(frozen=True)
class QuestionEntry:
    text: str
    rating: int | None = None
    answer: str = ""


@dataclass(frozen=True)
class PersonEntry:
    """What the debrief form says about one interviewer."""

    person: Person
    topics: str = ""
    cared_about: str = ""
    specific: str = ""
    rapport: int | None = None
    questions: list[QuestionEntry] = field(default_factory=list)
    concerns: list[str] = field(default_factory=list)
    stories: list[Story] | None = None  # the stories told to them; None leaves tellings alone


@dataclass(frozen=True)
class RoundEntry:
    """What the debrief form says about the round as a whole."""

    overall: int | None = None
    feel: str = ""
    next_steps: str = ""  # what they said comes next ("we'll decide by Friday")
    next_date: date | None = None
    money: str = ""  # salary or notice talk
    amount_low: Decimal | None = None
    amount_high: Decimal | None = None
    currency: str = ""
    done: bool = False


def _attendee(round_: Round, person: Person) -> None:
    if not round_.attendees.filter(pk=person.pk).exists():
        raise Invalid(
            f"{person.name} did not attend this round.",
            {"person": [f"{person.name} is not among this round's attendees."]},
        )


@transaction.atomic
def debrief_save(
    *, round_: Round, entry: RoundEntry, people: list[PersonEntry], now: datetime | None = None
) -> Debrief:
    """Save the debrief (a draft, or finished with ``entry.done``) and write the round's notes
    and tellings it names. New question and concern rows add notes; saving again adds only
    what was typed in the empty rows, so a draft can be saved as often as wanted."""
    now = now or timezone.now()
    debrief = claim(Debrief, unique={"round": round_}, defaults={"owner": round_.owner})
    debrief.overall = entry.overall
    debrief.feel = entry.feel.strip()
    debrief.done = entry.done
    debrief.updated_at = now
    save_validated(debrief, what="debrief")
    for person_entry in people:
        _person_save(round_, person_entry)
    if entry.next_steps.strip() or entry.next_date:
        interviews.note_create(
            round_=round_,
            kind=NoteKind.PROMISE,
            text=entry.next_steps.strip() or "They said they would be in touch by this date.",
            promised_by=Party.THEM,
            due_on=entry.next_date,
            created_at=now,
        )
    if entry.money.strip() or entry.amount_low is not None or entry.amount_high is not None:
        interviews.note_create(
            round_=round_,
            kind=NoteKind.NUMBER,
            text=entry.money.strip() or "Pay discussed",
            amount_low=entry.amount_low,
            amount_high=entry.amount_high,
            currency=entry.currency.strip().upper(),
            created_at=now,
        )
    if entry.done:
        _tick_plan(round_, now)
    return debrief


def _person_save(round_: Round, entry: PersonEntry) -> None:
    person = entry.person
    _attendee(round_, person)
    row = claim(
        PersonDebrief, unique={"round": round_, "person": person}, defaults={"owner": round_.owner}
    )
    row.topics = "\n".join(t.strip() for t in entry.topics.splitlines() if t.strip())
    row.cared_about = entry.cared_about.strip()
    row.specific = entry.specific.strip()
    row.rapport = entry.rapport
    save_validated(row, what=f"debrief on {person.name}")
    for question in entry.questions:
        if question.text.strip():
            interviews.note_create(
                round_=round_,
                kind=NoteKind.QUESTION,
                person=person,
                text=question.text.strip(),
                rating=question.rating,
                answer=question.answer.strip(),
            )
    for concern in entry.concerns:
        if concern.strip():
            interviews.note_create(
                round_=round_, kind=NoteKind.CONCERN, person=person, text=concern.strip()
            )
    if entry.stories is not None:
        stories.tellings_for_person_set(round_=round_, person=person, told=entry.stories)


def _tick_plan(round_: Round, now: datetime) -> None:
    """A finished debrief ticks the plan's "write down how it went" item, when the plan has it
    (an item the candidate skipped stays skipped)."""
    skipped = PlanProgress.objects.filter(
        round=round_, key=DEBRIEF_PLAN_ITEM, status=ItemStatus.SKIPPED
    ).exists()
    if not skipped:
        with contextlib.suppress(NotFound):  # a plan without the item: nothing to tick
            prep.plan_item_set(round_=round_, key=DEBRIEF_PLAN_ITEM, status="done", now=now)


# --- thank-you notes ---------------------------------------------------------------------------


def thank_you_save(*, round_: Round, person: Person, subject: str, body: str) -> ThankYou:
    """Keep the candidate's own wording of the note to this person."""
    _attendee(round_, person)
    if not subject.strip() or not body.strip():
        raise Invalid(
            "The note was not saved: it needs a subject and a text.",
            {
                name: ["This field is required."]
                for name, value in (("subject", subject), ("body", body))
                if not value.strip()
            },
        )
    with transaction.atomic():
        note = claim(
            ThankYou,
            unique={"round": round_, "person": person},
            defaults={"owner": round_.owner, "subject": subject, "body": body},
        )
        note.subject = subject.strip()
        note.body = body.strip().replace("\r\n", "\n")
        note.updated_at = timezone.now()
        return save_validated(note, what="thank-you note")


def thank_you_reset(*, round_: Round, person: Person) -> None:
    """Forget the edited wording: the page shows the draft made from the debrief again."""
    ThankYou.objects.filter(round=round_, person=person).delete()


# --- sent and replies --------------------------------------------------------------------------


def followup_sent(
    *,
    round_: Round,
    kind: str,
    on: date,
    person: Person | None = None,
    concern: RoundNote | None = None,
) -> Sent:
    """Record that the candidate sent a follow-up on ``on``. Marking a thank-you, a concern's
    answer or a feedback request sent twice keeps the first record (with the later day: a
    correction); status checks add one each time, since each one counts."""
    if kind not in SentKind.values:
        raise Invalid(f"Unknown follow-up {kind!r}; use one of {', '.join(SentKind.values)}.")
    if person is not None:
        _attendee_or_contact(round_, person)
    if concern is not None and (concern.round_id != round_.pk or concern.kind != NoteKind.CONCERN):
        raise Invalid("That concern was not raised in this round.")
    if kind == SentKind.CONCERN_ANSWER and concern is None:
        raise Invalid("Say which concern the note answers.", {"concern": ["Choose a concern."]})
    with transaction.atomic():
        if kind != SentKind.STATUS_CHECK:
            existing = Sent.objects.filter(
                round=round_, kind=kind, person=person, concern=concern
            ).first()
            if existing is not None:
                existing.sent_on = on
                return save_validated(existing, what="follow-up")
        sent = save_validated(
            Sent(
                owner=round_.owner,
                round=round_,
                kind=kind,
                person=person,
                concern=concern,
                sent_on=on,
            ),
            what="follow-up",
        )
        if concern is not None:
            interviews.note_update(note=concern, status=NoteStatus.CLOSED)
        return sent


def _attendee_or_contact(round_: Round, person: Person) -> None:
    if person.opportunity_id != round_.opportunity_id:
        raise Invalid(
            f"{person.name} is not part of this opportunity.",
            {"person": [f"{person.name} belongs to another opportunity."]},
        )


def followup_unsend(*, sent: Sent) -> None:
    """Undo a "mark sent" made by mistake."""
    sent.delete()


@transaction.atomic
def reply_record(
    *,
    round_: Round,
    received_on: date,
    said: str,
    person: Person | None = None,
    new_date: date | None = None,
    stage: str = "",
) -> Reply:
    """A reply from the employer: it answers the status checks sent before it and, with a
    ``stage``, moves the opportunity to that stage dated the day the reply came."""
    if person is not None:
        _attendee_or_contact(round_, person)
    if not said.strip():
        raise Invalid("Say what the reply said, in a few words.", {"said": ["Required."]})
    reply = save_validated(
        Reply(
            owner=round_.owner,
            round=round_,
            person=person,
            received_on=received_on,
            said=said.strip(),
            new_date=new_date,
        ),
        what="reply",
    )
    Sent.objects.filter(
        round=round_, kind=SentKind.STATUS_CHECK, sent_on__lte=received_on, answered=False
    ).update(answered=True)
    if stage and stage != round_.opportunity.stage:
        interviews.opportunity_set_stage(
            opportunity=round_.opportunity, stage=stage, on=received_on
        )
    return reply


def reply_delete(*, reply: Reply) -> None:
    reply.delete()


# --- the name the notes are signed with --------------------------------------------------------


def signature_set(*, owner: User, name: str, email: str) -> User:
    """The candidate's name (signs the notes) and address (the sender of the .eml files)."""
    name = " ".join(name.split())
    if not name:
        raise Invalid("Give the name to sign your notes with.", {"name": ["Required."]})
    first, _, last = name.partition(" ")
    owner.first_name, owner.last_name = first[:150], last[:150]
    owner.email = email.strip()
    save_validated(owner, what="signature")
    return owner
