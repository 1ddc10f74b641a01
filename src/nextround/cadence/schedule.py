"""What to send after a round, and when: each follow-up is a draft with a due time on the
round's clock.

The rules (docs/followup.md, "Follow-up cadence"):

* a thank-you to each interviewer 24 real hours after the round ends (across a daylight-saving
  change the wall clock then reads an hour more or less than the end time);
* a note answering each concern still open, due with the thank-you notes;
* a status check to the contact at 09:00 on the later of the round's date + 7 days (moved to a
  working day) and the working day after the date the employer gave; a given date already past
  when scheduling moves the check to the working day after today;
* a reply closes the pending check; a reply that names a new date opens a fresh one from it;
* a check left unanswered is followed by one more, five working days later; after two
  unanswered checks to one person the product suggests stopping instead of a third;
* once a decision (offer or rejection) is recorded, no more status checks: a feedback request,
  at 09:00 on the working day after the decision.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

import msgspec

from nextround.cadence.business import business_days_after, next_business_day, on_or_after
from nextround.errors import Invalid
from nextround.timeutil import check_date, zone

THANKS_AFTER = timedelta(hours=24)
STATUS_AFTER = timedelta(days=7)
CHASE_GAP_DAYS = 5  # working days between one unanswered check and the next
MAX_UNANSWERED = 2
MORNING = time(9)  # day-level follow-ups are due at 09:00 on the round's clock


class Kind(StrEnum):
    THANKS = "thanks"
    STATUS_CHECK = "status_check"
    CONCERN_ANSWER = "concern_answer"
    FEEDBACK_REQUEST = "feedback_request"
    STOP_SUGGESTED = "stop_suggested"


class Outcome(StrEnum):
    OFFER = "offer"
    REJECTION = "rejection"


class Decision(msgspec.Struct, frozen=True):
    outcome: Outcome
    decided_on: date


class Sent(msgspec.Struct, frozen=True):
    """A follow-up already sent: to whom, when, and whether it was answered."""

    kind: Kind
    person: str | None
    sent_at: datetime
    answered: bool = False
    concern: str | None = None  # the concern a concern_answer answered


class Reply(msgspec.Struct, frozen=True):
    """A reply from the employer: when it came, what it said, and a new date if it gave one."""

    person: str | None
    received_at: datetime
    said: str = ""
    new_date: date | None = None


class RoundFacts(msgspec.Struct, frozen=True):
    ends_at: datetime  # aware
    zone: str  # the round's IANA time zone
    country: str  # ISO 3166 code, for public holidays
    subdivision: str | None = None  # a region's own holidays (DE-BY, GB-ENG, US-CA)
    interviewers: tuple[str, ...] = ()
    contact: str | None = None  # who status checks and the feedback request go to
    stated_date: date | None = None  # when the employer said they would be in touch
    open_concerns: tuple[str, ...] = ()  # ids of concerns still open
    decision: Decision | None = None
    sent: tuple[Sent, ...] = ()
    replies: tuple[Reply, ...] = ()


class FollowUp(msgspec.Struct, frozen=True):
    kind: Kind
    due: datetime  # on the round's clock
    person: str | None
    reason: str
    concern: str | None = None


_ORDER = list(Kind)


def _aware(value: datetime, field: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise Invalid("A time needs its time zone.", {field: ["Give the time with its time zone."]})
    check_date(value)


def _check(facts: RoundFacts, now: datetime) -> None:
    _aware(facts.ends_at, "ends_at")
    _aware(now, "now")
    zone(facts.zone)
    on_or_after(facts.ends_at.date(), facts.country, facts.subdivision)  # a known country
    for day in (facts.stated_date, facts.decision.decided_on if facts.decision else None):
        if day is not None:
            check_date(day)
    for item in facts.sent:
        _aware(item.sent_at, "sent")
    for reply in facts.replies:
        _aware(reply.received_at, "replies")
        if reply.new_date is not None:
            check_date(reply.new_date)


def _morning(day: date, tz: tzinfo) -> datetime:
    return datetime.combine(day, MORNING, tzinfo=tz)


def _named(person: str | None, fallback: str) -> str:
    return person if person else fallback


def _thanks(facts: RoundFacts, tz: tzinfo) -> list[FollowUp]:
    # Added in UTC: an aware time plus a timedelta in its own zone would move the wall clock
    # by 24 hours, which across a daylight-saving change is 23 or 25 real hours.
    due = (facts.ends_at.astimezone(UTC) + THANKS_AFTER).astimezone(tz)
    thanked = {s.person for s in facts.sent if s.kind is Kind.THANKS}
    people: tuple[str | None, ...] = facts.interviewers or (None,)
    out = [
        FollowUp(
            Kind.THANKS,
            due,
            person,
            f"Thank {_named(person, 'your interviewers')} within a day of the round, "
            "while they still remember the conversation.",
        )
        for person in people
        if person not in thanked
    ]
    answered = {s.concern for s in facts.sent if s.kind is Kind.CONCERN_ANSWER}
    out += [
        FollowUp(
            Kind.CONCERN_ANSWER,
            due,
            None,
            "A concern from the round is still open: answer it with the thank-you notes, "
            "from the answer you planned.",
            concern=concern,
        )
        for concern in facts.open_concerns
        if concern not in answered
    ]
    return out


def _feedback(facts: RoundFacts, decision: Decision, tz: tzinfo) -> list[FollowUp]:
    if any(s.kind is Kind.FEEDBACK_REQUEST for s in facts.sent):
        return []
    day = next_business_day(decision.decided_on, facts.country, facts.subdivision)
    what = "an offer" if decision.outcome is Outcome.OFFER else "a no"
    return [
        FollowUp(
            Kind.FEEDBACK_REQUEST,
            _morning(day, tz),
            facts.contact,
            f"The decision was {what}: ask what went well and what to work on "
            "while the round is fresh for them.",
        )
    ]


def _status(facts: RoundFacts, tz: tzinfo, today: date) -> list[FollowUp]:
    # The latest answer decides: a reply (or a check marked answered) closes the pending
    # check, unless the reply names a new date, which opens a fresh one from that reply.
    answers = [(r.received_at, r.new_date) for r in facts.replies]
    answers += [(s.sent_at, None) for s in facts.sent if s.kind is Kind.STATUS_CHECK and s.answered]
    since, stated = facts.ends_at, facts.stated_date
    if answers:
        since, new_date = max(answers, key=lambda a: a[0])
        if new_date is None:
            return []
        stated = new_date
    country, region = facts.country, facts.subdivision
    unanswered = sorted(
        (
            s.sent_at
            for s in facts.sent
            if s.kind is Kind.STATUS_CHECK
            and not s.answered
            and s.person == facts.contact
            and s.sent_at > since
        ),
    )
    who = _named(facts.contact, "them")
    if unanswered:
        last = unanswered[-1].astimezone(tz).date()
        day = business_days_after(last, CHASE_GAP_DAYS, country, region)
        if len(unanswered) >= MAX_UNANSWERED:
            return [
                FollowUp(
                    Kind.STOP_SUGGESTED,
                    _morning(day, tz),
                    facts.contact,
                    f"{len(unanswered)} checks to {who} went unanswered: consider stopping "
                    "here and putting the time into other openings.",
                )
            ]
        return [
            FollowUp(
                Kind.STATUS_CHECK,
                _morning(day, tz),
                facts.contact,
                f"Your check on {last.isoformat()} has no answer yet: ask {who} once more.",
            )
        ]
    seven = on_or_after(facts.ends_at.astimezone(tz).date() + STATUS_AFTER, country, region)
    day, reason = seven, "A week has passed since the round: ask where things stand."
    if stated is not None:
        after = next_business_day(stated, country, region)
        past = stated < today
        if past:
            after = next_business_day(today, country, region)
        if after > seven:
            day = after
            reason = (
                f"The date they gave ({stated.isoformat()}) has passed without news: "
                "ask where things stand."
                if past
                else f"They said they would be in touch by {stated.isoformat()}: "
                "ask a working day after."
            )
    return [FollowUp(Kind.STATUS_CHECK, _morning(day, tz), facts.contact, reason)]


def schedule(facts: RoundFacts, now: datetime) -> list[FollowUp]:
    """Every follow-up still to send for one round, earliest first. ``now`` (aware) only
    decides whether the date the employer gave has already passed."""
    _check(facts, now)
    tz = zone(facts.zone)
    today = now.astimezone(tz).date()
    out = _thanks(facts, tz)
    if facts.decision is not None:
        out += _feedback(facts, facts.decision, tz)
    else:
        out += _status(facts, tz, today)
    return sorted(out, key=lambda f: (f.due, _ORDER.index(f.kind)))
