"""The debrief writes the round's own records (notes, tellings, a promise, a number) instead of
keeping copies; thank-you edits, follow-ups marked sent and replies."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import User

from nextround.errors import Invalid
from nextround.followup import services
from nextround.followup.models import Debrief, PersonDebrief, Sent, ThankYou
from nextround.interviews import services as interviews
from nextround.interviews.models import NoteKind, NoteStatus, Opportunity, Person, Round
from nextround.prep.models import PlanProgress
from nextround.stories import services as stories
from nextround.stories.models import Telling

NOW = datetime.fromisoformat("2026-12-03T21:00:00+00:00")  # the panel ended at 18:00 UTC


def _debrief(round_: Round, people: list[Person], **round_fields: object) -> Debrief:
    dana, sam = people[0], people[1]
    return services.debrief_save(
        round_=round_,
        entry=services.RoundEntry(**round_fields),  # type: ignore[arg-type]
        people=[
            services.PersonEntry(
                person=dana,
                topics="the intake backlog\n\n  weekly huddles ",
                cared_about="fewer handoffs",
                specific="her move from nursing into operations",
                rapport=3,
                questions=[
                    services.QuestionEntry("How do you handle a missed deadline?", 4, "Owned it."),
                    services.QuestionEntry("", 2, "ignored: no question"),
                ],
                concerns=["No hospital experience", " "],
            ),
            services.PersonEntry(person=sam, topics="SQL style"),
        ],
        now=NOW,
    )


def test_the_debrief_writes_questions_concerns_and_its_own_rows(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    debrief = _debrief(panel, people, overall=4, feel="Good energy")
    assert (debrief.overall, debrief.feel, debrief.done) == (4, "Good energy", False)
    row = PersonDebrief.objects.get(round=panel, person=people[0])
    assert row.topic_list() == ["the intake backlog", "weekly huddles"]
    assert (row.cared_about, row.specific, row.rapport) == (
        "fewer handoffs",
        "her move from nursing into operations",
        3,
    )
    questions = list(panel.notes.filter(kind=NoteKind.QUESTION))
    assert [(q.text, q.rating, q.answer, q.person) for q in questions] == [
        ("How do you handle a missed deadline?", 4, "Owned it.", people[0])
    ]
    assert questions[0].category  # tagged like any question note
    concerns = list(panel.notes.filter(kind=NoteKind.CONCERN))
    assert [(c.text, c.person, c.status) for c in concerns] == [
        ("No hospital experience", people[0], NoteStatus.OPEN)
    ]
    assert PersonDebrief.objects.get(round=panel, person=people[1]).topic_list() == ["SQL style"]


def test_saving_again_updates_the_rows_and_adds_only_new_notes(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    _debrief(panel, people)
    services.debrief_save(
        round_=panel,
        entry=services.RoundEntry(feel="second thoughts", done=True),
        people=[services.PersonEntry(person=people[0], specific="a new detail")],
        now=NOW,
    )
    assert Debrief.objects.filter(round=panel).count() == 1
    assert PersonDebrief.objects.get(round=panel, person=people[0]).specific == "a new detail"
    assert panel.notes.filter(kind=NoteKind.QUESTION).count() == 1  # not added twice
    assert Debrief.objects.get(round=panel).done


def test_next_steps_become_their_promise_and_money_talk_a_number(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    _debrief(
        panel,
        people,
        next_steps="We'll decide by Friday",
        next_date=date(2026, 12, 11),
        money="Band mentioned by Priya",
        amount_low=Decimal("90000"),
        amount_high=Decimal("105000"),
        currency="usd",
    )
    (promise,) = panel.notes.filter(kind=NoteKind.PROMISE)
    assert (promise.text, promise.promised_by, promise.due_on) == (
        "We'll decide by Friday",
        "them",
        date(2026, 12, 11),
    )
    (number,) = panel.notes.filter(kind=NoteKind.NUMBER)
    assert (number.amount_low, number.amount_high, number.currency) == (
        Decimal("90000"),
        Decimal("105000"),
        "USD",
    )


def test_a_bad_amount_range_saves_nothing(rounds: list[Round], people: list[Person]) -> None:
    panel = rounds[1]
    with pytest.raises(Invalid):
        _debrief(panel, people, amount_low=Decimal("5"), amount_high=Decimal("1"))
    assert not Debrief.objects.filter(round=panel).exists()
    assert not panel.notes.exists()


def test_stories_told_are_set_per_person(
    user: User, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    a = stories.story_create(owner=user, title="Backlog cut")
    b = stories.story_create(owner=user, title="Vendor switch")
    stories.telling_record(story=a, round_=panel, people=[people[1]])
    services.debrief_save(
        round_=panel,
        entry=services.RoundEntry(),
        people=[services.PersonEntry(person=people[0], stories=[a, b])],
        now=NOW,
    )
    heard = {t.story.title: {p.name for p in t.people.all()} for t in Telling.objects.all()}
    assert heard == {"Backlog cut": {"Dana Ortiz", "Sam Lee"}, "Vendor switch": {"Dana Ortiz"}}
    services.debrief_save(
        round_=panel,
        entry=services.RoundEntry(),
        people=[services.PersonEntry(person=people[0], stories=[])],
        now=NOW,
    )
    heard = {t.story.title: {p.name for p in t.people.all()} for t in Telling.objects.all()}
    assert heard == {"Backlog cut": {"Sam Lee"}}  # Vendor switch had no other listener


def test_someone_not_at_the_round_is_refused(rounds: list[Round], people: list[Person]) -> None:
    with pytest.raises(Invalid, match="did not attend"):
        services.debrief_save(
            round_=rounds[0],
            entry=services.RoundEntry(),
            people=[services.PersonEntry(person=people[2], topics="x")],
            now=NOW,
        )
    assert not Debrief.objects.exists()


def test_a_finished_debrief_ticks_the_plan_item_unless_skipped(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    services.debrief_save(round_=panel, entry=services.RoundEntry(done=True), people=[], now=NOW)
    assert PlanProgress.objects.get(round=panel, key="debrief").status == "done"
    first = rounds[0]
    from nextround.prep import services as prep

    prep.plan_item_set(round_=first, key="debrief", status="skipped", reason="no time", now=NOW)
    services.debrief_save(round_=first, entry=services.RoundEntry(done=True), people=[], now=NOW)
    assert PlanProgress.objects.get(round=first, key="debrief").status == "skipped"


def test_thank_you_wording_is_kept_and_reset(rounds: list[Round], people: list[Person]) -> None:
    panel = rounds[1]
    services.thank_you_save(round_=panel, person=people[0], subject=" Thanks ", body="Hi\r\nDana")
    note = ThankYou.objects.get(round=panel, person=people[0])
    assert (note.subject, note.body) == ("Thanks", "Hi\nDana")
    with pytest.raises(Invalid) as error:
        services.thank_you_save(round_=panel, person=people[0], subject="", body=" ")
    assert set(error.value.field_errors) == {"subject", "body"}
    assert ThankYou.objects.get(round=panel, person=people[0]).body == "Hi\nDana"  # kept
    services.thank_you_reset(round_=panel, person=people[0])
    assert not ThankYou.objects.exists()


def test_marking_sent_twice_keeps_one_record_and_a_concern_answer_closes_it(
    rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    services.followup_sent(round_=panel, kind="thanks", person=people[0], on=date(2026, 12, 4))
    services.followup_sent(round_=panel, kind="thanks", person=people[0], on=date(2026, 12, 5))
    assert [s.sent_on for s in Sent.objects.all()] == [date(2026, 12, 5)]
    concern = interviews.note_create(round_=panel, kind=NoteKind.CONCERN, text="No SQL?")
    services.followup_sent(
        round_=panel, kind="concern_answer", concern=concern, on=date(2026, 12, 4)
    )
    concern.refresh_from_db()
    assert concern.status == NoteStatus.CLOSED
    with pytest.raises(Invalid, match="which concern"):
        services.followup_sent(round_=panel, kind="concern_answer", on=date(2026, 12, 4))
    with pytest.raises(Invalid, match="Unknown follow-up"):
        services.followup_sent(round_=panel, kind="postcard", on=date(2026, 12, 4))


def test_a_reply_answers_earlier_checks_and_can_move_the_stage(
    opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    panel = rounds[1]
    early = services.followup_sent(round_=panel, kind="status_check", on=date(2026, 12, 10))
    late = services.followup_sent(round_=panel, kind="status_check", on=date(2026, 12, 20))
    services.reply_record(
        round_=panel, received_on=date(2026, 12, 15), said="Still deciding", stage="offer"
    )
    early.refresh_from_db()
    late.refresh_from_db()
    assert (early.answered, late.answered) == (True, False)
    opportunity.refresh_from_db()
    assert opportunity.stage == "offer"
    assert opportunity.stage_changes.last().on == date(2026, 12, 15)  # type: ignore[union-attr]
    with pytest.raises(Invalid, match="Say what the reply said"):
        services.reply_record(round_=panel, received_on=date(2026, 12, 15), said="  ")


def test_the_signature_is_the_accounts_name_and_address(user: User) -> None:
    services.signature_set(owner=user, name="  Ana   María López ", email="ana@example.org")
    user.refresh_from_db()
    assert (user.get_full_name(), user.email) == ("Ana María López", "ana@example.org")
    with pytest.raises(Invalid):
        services.signature_set(owner=user, name=" ", email="")
    with pytest.raises(Invalid):
        services.signature_set(owner=user, name="Ana", email="not an address")
