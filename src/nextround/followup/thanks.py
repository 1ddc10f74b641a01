"""Thank-you notes and the debrief: a draft per interviewer (``nextround.letters``) from what
the candidate noted in the round, the sender's details, the .eml file a draft is saved as,
and the debrief form's starting point with what was noted about each person before."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import cast

from django.contrib.auth.models import User

from nextround import cadence, letters, timeutil
from nextround.errors import Invalid
from nextround.followup.models import Debrief, PersonDebrief, Sent, SentKind, ThankYou
from nextround.interviews.models import (
    NoteKind,
    Party,
    Person,
    Round,
    RoundNote,
)
from nextround.stories.models import Strength, Telling
from nextround.text import word_count


@dataclass
class Note:
    """The thank-you note to one interviewer: the draft, or the candidate's edit of it, or what to
    write down in the debrief first."""

    person: Person
    draft: letters.Draft | None
    missing: letters.MissingDebrief | None
    edited: ThankYou | None
    sent: Sent | None
    mailto: str | None = None
    similar: list[tuple[Person, letters.Similarity]] = field(default_factory=list)

    @property
    def subject(self) -> str:
        if self.edited:
            return self.edited.subject
        return self.draft.subject if self.draft else ""

    @property
    def body(self) -> str:
        if self.edited:
            return self.edited.body
        return self.draft.body if self.draft else ""

    @property
    def words(self) -> int:
        return word_count(self.body)

    def as_draft(self) -> letters.Draft | None:
        """The note as it stands (the edit when there is one), for mail and the sameness check."""
        if self.draft is None and self.edited is None:
            return None
        interviewer = letter_interviewer(self.person)
        detail = self.draft.detail if self.draft else ""
        return letters.Draft(
            interviewer=interviewer,
            subject=self.subject,
            body=self.body,
            words=self.words,
            detail=detail,
        )


@dataclass
class Thanks:
    round: Round
    notes: list[Note]
    signer: letters.Mailbox | None  # None: the candidate has not said how to sign
    due: datetime  # the round's end + 24 hours, on the round's clock
    now: datetime

    @property
    def too_similar(self) -> list[tuple[Note, Note, letters.Similarity]]:
        pairs = []
        for i, note in enumerate(self.notes):
            for other, similarity in note.similar:
                j = next(k for k, n in enumerate(self.notes) if n.person == other)
                if j > i and similarity.too_similar:
                    pairs.append((note, self.notes[j], similarity))
        return pairs

    @property
    def overdue(self) -> bool:
        """Past the deadline with a note still unsent."""
        return self.due <= self.now and any(n.sent is None for n in self.notes)


def letter_interviewer(person: Person) -> letters.Interviewer:
    relation = cast(
        letters.Relation, person.relation if person.relation in letters.ANGLE_OF else "other"
    )
    return letters.Interviewer(
        name=person.name, title=person.title, relation=relation, email=person.email
    )


def _strengths(owner: User) -> tuple[letters.Strength, ...]:
    out = []
    for strength in Strength.objects.filter(owner=owner, rank__gte=1).prefetch_related("stories"):
        stories = list(strength.stories.all())
        summary = strength.description.strip() or next(
            (s.result.strip() for s in stories if s.result.strip()), ""
        )
        texts = [strength.name, strength.description]
        texts += [f"{s.title} {s.action} {s.result} {s.numbers}" for s in stories]
        out.append(
            letters.Strength(title=strength.name, summary=summary, angles=letters.angles_of(texts))
        )
    return tuple(out)


def signer_of(owner: User) -> letters.Mailbox | None:
    """The name the notes are signed with (and the address, when given); None until set."""
    name = owner.get_full_name().strip()
    return letters.Mailbox(name=name, email=owner.email) if name else None


def signer_with_email(owner: User) -> letters.Mailbox | None:
    """The sender of an .eml file: only with an address, else the mail program fills it in."""
    signer = signer_of(owner)
    return signer if signer and signer.email else None


def eml_to(draft: letters.Draft, person: Person | None, owner: User) -> bytes:
    """``draft`` as an unsent .eml file: to ``person`` when we know their address, from the
    candidate when theirs is set; the mail program fills in whatever is missing."""
    to = letters.Mailbox(name=person.name, email=person.email) if person and person.email else None
    return letters.eml_bytes(draft, to, signer_with_email(owner))


def _debrief_of(row: PersonDebrief | None, notes: Sequence[RoundNote]) -> letters.Debrief | None:
    if row is None:
        return None
    concerns = tuple(
        letters.Concern(raised=n.text, answer=n.response)
        for n in notes
        if n.kind == NoteKind.CONCERN and n.person_id == row.person_id
    )
    return letters.Debrief(
        topics=tuple(row.topic_list()),
        cared_about=row.cared_about,
        specific=row.specific,
        concerns=concerns,
    )


def thanks(
    *,
    round_: Round,
    now: datetime,
    attendees: Sequence[Person] | None = None,
    sent: Iterable[Sent] | None = None,
) -> Thanks:
    """The notes to every interviewer of the round, drafted from the debrief, with the edits,
    what was sent, the mail links and how alike the notes read. ``attendees`` (in the people's
    order) and ``sent`` (everything sent after the round) when the caller already read them."""
    attendees = list(round_.attendees.all() if attendees is None else attendees)
    if sent is None:
        sent = Sent.objects.filter(round=round_, kind=SentKind.THANKS)
    debriefs = {d.person_id: d for d in PersonDebrief.objects.filter(round=round_)}
    edits = {t.person_id: t for t in ThankYou.objects.filter(round=round_)}
    thanked = {s.person_id: s for s in sent if s.kind == SentKind.THANKS}
    # The concerns and strengths a draft calls back to: unread when nobody has a debrief, as
    # then every note asks for one first.
    debriefed = any(p.pk in debriefs for p in attendees)
    notes = list(round_.notes.filter(kind=NoteKind.CONCERN)) if debriefed else []
    signer = signer_of(round_.owner)
    candidate = letters.Candidate(
        name=signer.name if signer else "Your name",
        role=round_.opportunity.role_title,
        company=round_.opportunity.company,
        strengths=_strengths(round_.owner) if debriefed else (),
    )
    panel = [
        letters.Panelist(
            interviewer=letter_interviewer(p), debrief=_debrief_of(debriefs.get(p.pk), notes)
        )
        for p in attendees
    ]
    drafted = letters.draft_thanks(candidate, panel) if panel else []
    result = [
        Note(
            person=person,
            draft=out if isinstance(out, letters.Draft) else None,
            missing=out if isinstance(out, letters.MissingDebrief) else None,
            edited=edits.get(person.pk),
            sent=thanked.get(person.pk),
        )
        for person, out in zip(attendees, drafted, strict=True)
    ]
    _compare(result)
    for note in result:
        current = note.as_draft()
        if current is not None:
            to = (
                letters.Mailbox(name=note.person.name, email=note.person.email)
                if note.person.email
                else None
            )
            try:
                note.mailto = letters.mailto_link(current, to)
            except Invalid:
                note.mailto = None
    end = timeutil.to_local(round_.ends_at, round_.timezone)
    due = end  # a round stored out of range: no offset is added (its pages ask to edit it)
    if round_.date_in_range:
        due = (round_.ends_at.astimezone(UTC) + cadence.THANKS_AFTER).astimezone(end.tzinfo)
    return Thanks(round=round_, notes=result, signer=signer, due=due, now=now)


def _compare(notes: list[Note]) -> None:
    """Each note learns how alike it reads to every other note of the panel."""
    written = [(n, d) for n in notes if (d := n.as_draft()) is not None]
    for similarity in letters.panel_similarity([d for _, d in written]):
        first, second = written[similarity.first][0], written[similarity.second][0]
        first.similar.append((second.person, similarity))
        mirrored = letters.panel_similarity(
            [written[similarity.second][1], written[similarity.first][1]]
        )
        second.similar.append((first.person, mirrored[0]))


def note_for(*, round_: Round, person: Person, now: datetime) -> Note:
    found = next((n for n in thanks(round_=round_, now=now).notes if n.person == person), None)
    if found is None:
        raise Invalid(f"{person.name} did not attend this round.")
    return found


# --- the debrief form ----------------------------------------------------------------------------


@dataclass
class PersonSheet:
    """One interviewer's part of the debrief page: what was saved and what the round's notes
    already hold about them."""

    person: Person
    debrief: PersonDebrief | None
    questions: list[RoundNote]
    concerns: list[RoundNote]
    told: list[int]  # ids of the stories they heard


@dataclass
class DebriefSheet:
    round: Round
    debrief: Debrief | None
    people: list[PersonSheet]
    promises: list[RoundNote]  # their next steps, with dates
    numbers: list[RoundNote]


def debrief_sheet(*, round_: Round) -> DebriefSheet:
    attendees = list(round_.attendees.all())
    rows = {d.person_id: d for d in PersonDebrief.objects.filter(round=round_)}
    notes = list(round_.notes.select_related("person"))
    tellings = Telling.objects.filter(round=round_).prefetch_related("people")
    told: dict[int, list[int]] = {}
    for telling in tellings:
        for listener in telling.people.all():
            told.setdefault(listener.pk, []).append(telling.story_id)
    return DebriefSheet(
        round=round_,
        debrief=Debrief.objects.filter(round=round_).first(),
        people=[
            PersonSheet(
                person=p,
                debrief=rows.get(p.pk),
                questions=[n for n in notes if n.kind == NoteKind.QUESTION and n.person_id == p.pk],
                concerns=[n for n in notes if n.kind == NoteKind.CONCERN and n.person_id == p.pk],
                told=told.get(p.pk, []),
            )
            for p in attendees
        ],
        promises=[n for n in notes if n.kind == NoteKind.PROMISE and n.promised_by == Party.THEM],
        numbers=[n for n in notes if n.kind == NoteKind.NUMBER],
    )


def debriefs_before(*, round_: Round) -> dict[int, list[PersonDebrief]]:
    """What the candidate noted about each person in the opportunity's earlier rounds, by
    person id, earliest round first; blank debriefs left out. One query (the brief's)."""
    found: dict[int, list[PersonDebrief]] = {}
    rows = PersonDebrief.objects.filter(
        round__opportunity_id=round_.opportunity_id, round__number__lt=round_.number
    ).select_related("round")
    for row in rows.order_by("round__number", "id"):
        if not row.is_blank:
            found.setdefault(row.person_id, []).append(row)
    return found
