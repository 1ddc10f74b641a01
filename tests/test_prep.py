"""A round's playbook: plan progress, readiness, round facts, questions to ask, and the pages.

Expected plans are worked out by hand from playbook/data/checklist.toml; the rounds are dated
relative to today, so nothing here goes stale when the calendar moves on.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import icalendar
import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from nextround.errors import Invalid, NotFound
from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.interviews.selectors import carry_forward
from nextround.playbook import knowledge
from nextround.playbook.plan import Attendee
from nextround.prep import services as prep
from nextround.prep.models import AskItem, PlanProgress
from nextround.prep.selectors import (
    PlanRow,
    RoundAsks,
    RoundPlan,
    round_asks,
    round_facts,
    round_likely,
    round_plan,
)
from nextround.workspace.transfer import workspace_export, workspace_import

pytestmark = pytest.mark.django_db

TZ = "America/Chicago"

# The second round of `two_rounds`: a panel (so in person), round 2, Dana met before, Sam and
# Priya new, no notes. Weights of the items due before the interview:
#   review-earlier-notes 8, research-company-news 7, research-business 7, stories-for-needs 9,
#   follow-up-questions 6, approach-plan 7, why-this-company 5, refresh-introduction 5,
#   practise-behavioral 7, panel-plan 5, route-and-arrival 5, clothes 3, documents 4,
#   research-interviewer and questions-for-interviewer 2 each (6 and 5 shared by three).
SECOND_ROUND_WEIGHT = 8 + 7 + 7 + 9 + 6 + 7 + 5 + 5 + 7 + 5 + 5 + 3 + 4 + 3 * 2 + 3 * 2  # 90


def wall(days: int, hour: int, minute: int = 0) -> datetime:
    """A naive wall-clock time ``days`` from today, for the round's own time zone."""
    day = datetime.now(ZoneInfo(TZ)).date() + timedelta(days=days)
    return datetime.combine(day, time(hour, minute))


@pytest.fixture
def client() -> Client:
    return Client()  # REMOTE_ADDR 127.0.0.1: local mode signs the local user in


@pytest.fixture
def two_rounds(opportunity: Opportunity, people: list[Person]) -> tuple[Round, Round]:
    """Round 1 two weeks ago (video, with Dana); round 2 in a month (panel, all three)."""
    first = services.round_create(
        opportunity=opportunity,
        starts=wall(-14, 10),
        ends=wall(-14, 11),
        timezone_name=TZ,
        format="video",
        attendees=[people[0]],
    )
    second = services.round_create(
        opportunity=opportunity,
        starts=wall(30, 9, 30),
        ends=wall(30, 12),
        timezone_name=TZ,
        format="panel",
        attendees=people,
    )
    return first, second


@pytest.fixture
def hr(opportunity: Opportunity) -> Person:
    return services.person_create(
        opportunity=opportunity, name="Riley Kim", title="Recruiter", relation="hr"
    )


def plan_of(round_: Round, now: datetime | None = None) -> RoundPlan:
    return round_plan(carry=carry_forward(round_=round_), now=now or timezone.now())


def asks_of(round_: Round) -> RoundAsks:
    return round_asks(carry=carry_forward(round_=round_))


def before_weight(rp: RoundPlan) -> int:
    return sum(row.item.weight for row in rp.before)


def weight_of(rp: RoundPlan, key: str) -> int:
    return next(row.item.weight for row in rp.rows if row.item.key == key)


def row_of(rp: RoundPlan, key: str) -> PlanRow:
    return next(row for row in rp.rows if row.item.key == key)


def suggestions(asks: RoundAsks, person: Person) -> list[knowledge.Ask]:
    rows = next(pa.rows for pa in asks.people if pa.person.pk == person.pk)
    return [row.ask for row in rows if row.ask is not None]


def all_suggestions(asks: RoundAsks) -> list[knowledge.Ask]:
    return [row.ask for pa in asks.people for row in pa.rows if row.ask is not None]


# --- the plan and its progress -------------------------------------------------------------


def test_second_round_plan_has_the_hand_worked_items(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    rp = plan_of(two_rounds[1])
    ids = [str(p.pk) for p in people]
    per_person = {
        f"{t}:{pk}" for t in ("research-interviewer", "questions-for-interviewer") for pk in ids
    }
    assert {row.item.key for row in rp.before} == {
        "review-earlier-notes",
        "research-company-news",
        "research-business",
        "stories-for-needs",
        "follow-up-questions",
        "approach-plan",
        "why-this-company",
        "refresh-introduction",
        "practise-behavioral",
        "panel-plan",
        "route-and-arrival",
        "clothes",
        "documents",
        *per_person,
    }
    assert {row.item.key for row in rp.after} == {
        "debrief",
        "status-check",
        *(f"thank-you-note:{pk}" for pk in ids),
    }
    assert before_weight(rp) == SECOND_ROUND_WEIGHT == 90
    assert rp.readiness.score == 0
    assert not rp.plan.compressed
    assert rp.retired == []


def test_plan_item_done_todo_and_skipped(two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    done = prep.plan_item_set(round_=second, key="stories-for-needs", status="done", note=" STAR ")
    assert (done.status, done.note, done.reason) == ("done", "STAR", "")
    skipped = prep.plan_item_set(
        round_=second, key="clothes", status="skipped", reason="  Suit is ready  "
    )
    assert (skipped.status, skipped.reason) == ("skipped", "Suit is ready")
    rp = plan_of(second)
    assert row_of(rp, "stories-for-needs").progress.status == "done"
    assert row_of(rp, "stories-for-needs").progress.note == "STAR"
    assert row_of(rp, "clothes").progress.reason == "Suit is ready"
    assert [i.key for i in rp.readiness.skipped] == ["clothes"]

    reopened = prep.plan_item_set(round_=second, key="clothes", status="todo")
    assert (reopened.status, reopened.reason) == ("todo", "")  # a reason only goes with a skip
    assert PlanProgress.objects.filter(round=second).count() == 2
    assert row_of(plan_of(second), "clothes").progress.status == "todo"


def test_skip_without_a_reason_is_refused_and_saves_nothing(
    two_rounds: tuple[Round, Round],
) -> None:
    second = two_rounds[1]
    with pytest.raises(Invalid) as caught:
        prep.plan_item_set(round_=second, key="clothes", status="skipped")
    assert list(caught.value.field_errors) == ["reason"]
    with pytest.raises(Invalid) as caught:
        prep.plan_item_set(round_=second, key="clothes", status="skipped", reason="   ")
    assert "reason" in caught.value.field_errors
    assert PlanProgress.objects.count() == 0

    prep.plan_item_set(round_=second, key="documents", status="done")
    with pytest.raises(Invalid):
        prep.plan_item_set(round_=second, key="documents", status="skipped", reason="")
    assert PlanProgress.objects.get(round=second, key="documents").status == "done"


def test_unknown_key_or_status_is_refused(two_rounds: tuple[Round, Round]) -> None:
    with pytest.raises(NotFound):
        prep.plan_item_set(round_=two_rounds[1], key="practise-case", status="done")
    with pytest.raises(NotFound):
        prep.plan_item_set(round_=two_rounds[1], key="no-such-item", status="done")
    with pytest.raises(Invalid):
        prep.plan_item_set(round_=two_rounds[1], key="clothes", status="finished")
    assert PlanProgress.objects.count() == 0


def test_readiness_moves_by_the_items_share_of_the_weight(two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    before = plan_of(second)
    total = before_weight(before)
    stories = weight_of(before, "stories-for-needs")
    assert (total, stories) == (90, 9)

    prep.plan_item_set(round_=second, key="stories-for-needs", status="done")
    ticked = plan_of(second)
    assert ticked.readiness.score - before.readiness.score == round(100 * stories / total) == 10
    assert "stories-for-needs" not in {i.key for i in ticked.readiness.missing}

    # A skipped item leaves the count: 9 of the remaining 85.
    route = weight_of(before, "route-and-arrival")
    prep.plan_item_set(round_=second, key="route-and-arrival", status="skipped", reason="Remote")
    skipped = plan_of(second)
    assert skipped.readiness.counted_weight == total - route == 85
    assert skipped.readiness.score == round(100 * stories / (total - route)) == 11

    # An item due after the interview does not count towards readiness.
    prep.plan_item_set(round_=second, key="debrief", status="done")
    assert plan_of(second).readiness.score == 11


def test_overdue_items_follow_the_clock_passed_in(two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    news_due = row_of(plan_of(second), "research-company-news").item.due_at
    late = plan_of(second, now=news_due + timedelta(minutes=1))
    assert row_of(late, "research-company-news").overdue
    assert "research-company-news" in {i.key for i in late.readiness.overdue}
    prep.plan_item_set(round_=second, key="research-company-news", status="done")
    assert not row_of(
        plan_of(second, now=news_due + timedelta(minutes=1)), "research-company-news"
    ).overdue


def test_progress_survives_a_new_date(two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    prep.plan_item_set(round_=second, key="research-company-news", status="done", note="Q3")
    prep.plan_item_set(round_=second, key="clothes", status="skipped", reason="Ready")
    old = plan_of(second)

    services.round_update(round_=second, starts=wall(37, 9, 30), ends=wall(37, 12))
    second.refresh_from_db()
    new = plan_of(second)
    assert [r.item.key for r in new.rows] == [r.item.key for r in old.rows]
    news = row_of(new, "research-company-news")
    # Three days before, at 18:00 on the round's own clock.
    assert news.due_local.replace(tzinfo=None) == datetime.combine(
        wall(37, 0).date() - timedelta(days=3), time(18, 0)
    )
    assert news.item.due_at > row_of(old, "research-company-news").item.due_at
    assert row_of(new, "debrief").item.due_at == second.ends_at.astimezone(UTC) + timedelta(hours=3)
    assert (news.progress.status, news.progress.note) == ("done", "Q3")
    assert row_of(new, "clothes").progress.reason == "Ready"
    assert new.readiness.score == old.readiness.score
    assert new.retired == []


def test_progress_of_an_item_the_new_format_drops_is_kept_as_retired(
    opportunity: Opportunity,
) -> None:
    one = services.round_create(
        opportunity=opportunity,
        starts=wall(20, 14),
        ends=wall(20, 15),
        timezone_name=TZ,
        format="one_on_one",
    )
    # First round, one-on-one, in person, nobody listed yet:
    # news 7, research 6, questions 5, stories 9, why 5, behavioral 7, route 5, clothes 3,
    # documents 4 = 51.
    rp = plan_of(one)
    assert before_weight(rp) == 51
    assert "practise-behavioral" in rp.plan.item_keys()
    prep.plan_item_set(round_=one, key="practise-behavioral", status="done")
    prep.plan_item_set(round_=one, key="clothes", status="todo")  # todo is never "retired"
    assert plan_of(one).readiness.score == round(100 * 7 / 51) == 14

    services.round_update(round_=one, format="case")
    one.refresh_from_db()
    rp = plan_of(one)
    keys = rp.plan.item_keys()
    assert {"practise-case", "case-toolkit"} <= keys
    assert "practise-behavioral" not in keys
    assert before_weight(rp) == 51 - 7 + 9 + 5
    assert rp.readiness.score == 0
    assert [(p.key, p.status) for p in rp.retired] == [("practise-behavioral", "done")]


def test_short_notice_plan_is_squeezed_into_the_time_left(opportunity: Opportunity) -> None:
    soon = services.round_create(
        opportunity=opportunity, starts=wall(2, 10), ends=wall(2, 11), timezone_name=TZ
    )
    rp = plan_of(soon, now=soon.created_at)
    assert rp.plan.compressed
    assert rp.readiness.overdue == ()  # nothing is late the moment the round is added
    for row in rp.before:
        assert soon.created_at <= row.item.due_at <= soon.starts_at - timedelta(hours=1)
    assert rp.readiness.score == 0


# --- round facts ---------------------------------------------------------------------------


def test_round_facts_from_the_earlier_round(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    first, second = two_rounds
    dana, sam, priya = people
    for rating in (1, 2, 3, None):
        services.note_create(
            round_=first,
            kind="question",
            person=dana,
            text=f"Question rated {rating}",
            rating=rating,
        )
    services.note_create(round_=second, kind="question", text="Same round, weak", rating=1)
    services.note_create(round_=first, kind="concern", text="Little SQL experience")
    services.note_create(round_=first, kind="concern", text="Relocation", status="closed")
    services.note_create(round_=first, kind="promise", text="Send samples", promised_by="me")
    services.note_create(round_=first, kind="promise", text="Send the brief", promised_by="them")
    services.note_create(
        round_=first, kind="promise", text="Send references", promised_by="me", status="closed"
    )
    facts = round_facts(carry_forward(round_=second))
    assert facts.earlier_rounds == 1
    assert facts.weak_answers == 2
    assert facts.open_concerns == 1
    assert facts.open_promises == 1
    assert facts.money_discussed is False
    assert facts.attendees == (
        Attendee(str(dana.pk), "Dana Ortiz", "hiring_manager", met_before=True),
        Attendee(str(priya.pk), "Priya Nair", "managers_manager", met_before=False),
        Attendee(str(sam.pk), "Sam Lee", "peer", met_before=False),
    )
    assert {"weak_answers", "open_concerns", "open_promises", "new_interviewers"} <= facts.facts()
    keys = plan_of(second).plan.item_keys()
    assert {"rework-weak-answers", "answer-concerns", "keep-promises"} <= keys
    assert "pay-range" not in keys

    services.note_create(
        round_=first,
        kind="number",
        text="Base 95–105k",
        amount_low=Decimal(95000),
        amount_high=Decimal(105000),
        currency="USD",
    )
    facts = round_facts(carry_forward(round_=second))
    assert facts.money_discussed is True
    assert {"pay-range", "budget-walk-away", "notice-and-start"} <= plan_of(second).plan.item_keys()


def test_round_facts_of_a_first_round(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    first = two_rounds[0]
    services.note_create(round_=first, kind="number", text="Base 90k", amount_low=Decimal(90000))
    facts = round_facts(carry_forward(round_=first))
    assert (facts.earlier_rounds, facts.weak_answers, facts.money_discussed) == (0, 0, False)
    assert facts.attendees == (Attendee(str(people[0].pk), "Dana Ortiz", "hiring_manager"),)
    assert "new_interviewers" in facts.facts()
    assert "remote" in facts.facts()  # a video call


def test_an_offer_counts_as_money_discussed(
    two_rounds: tuple[Round, Round], opportunity: Opportunity
) -> None:
    services.opportunity_set_stage(opportunity=opportunity, stage="offer")
    two_rounds[1].opportunity.refresh_from_db()
    assert round_facts(carry_forward(round_=two_rounds[1])).money_discussed is True


# --- question notes get a category ---------------------------------------------------------


def test_question_notes_are_classified(two_rounds: tuple[Round, Round]) -> None:
    first = two_rounds[0]
    salary = services.note_create(
        round_=first, kind="question", text="What are your salary expectations?"
    )
    assert salary.category == "salary"
    salary.refresh_from_db()
    assert salary.category == "salary"
    other = services.note_create(
        round_=first, kind="concern", text="What are your salary expectations?"
    )
    assert other.category == ""
    wordless = services.note_create(round_=first, kind="question", text="???")
    assert wordless.category == ""
    services.note_update(note=salary, text="Why do you want to work here?")
    assert salary.category == "motivation"
    services.note_update(note=other, text="Why do you want to work here?")
    assert other.category == ""


def test_an_earlier_question_carries_who_asked_and_the_rating(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    services.note_create(
        round_=two_rounds[0],
        kind="question",
        person=people[0],
        text="What are your salary expectations?",
        rating=1,
        improve="Name a range",
    )
    likely = round_likely(carry=carry_forward(round_=two_rounds[1]), limit=60)
    seen = [q for q in likely if q.asked_before]
    assert len(seen) == 1
    assert seen[0].category == "salary"
    assert seen[0].bank is not None  # matched to the bank's wording
    assert seen[0].reasons[0] == (
        "Asked in round 1 by Dana Ortiz; you rated your answer 1/5. To improve: Name a range."
    )
    assert all(q.reasons for q in likely)


def test_weak_earlier_answers_are_among_the_default_likely_questions(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    for text in (
        "What are your salary expectations?",
        "How would you clear the claims backlog in our Epic billing system?",
    ):
        services.note_create(
            round_=two_rounds[0], kind="question", person=people[0], text=text, rating=1
        )
    likely = round_likely(carry=carry_forward(round_=two_rounds[1]))  # the page's 15
    assert len([q for q in likely if q.asked_before]) == 2


# --- questions to ask ----------------------------------------------------------------------


def test_suggestions_per_attendee_spread_the_themes(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    dana, sam, priya = people
    asks = asks_of(two_rounds[1])
    assert [pa.person.name for pa in asks.people] == ["Dana Ortiz", "Priya Nair", "Sam Lee"]
    # Least-used theme in the round first, then what suits each relation (asks.THEME_ORDER).
    assert [a.theme for a in suggestions(asks, dana)] == [
        "first_months",
        "success",
        "hard_problems",
    ]
    assert [a.theme for a in suggestions(asks, priya)] == ["direction", "cross_team", "culture"]
    assert [a.theme for a in suggestions(asks, sam)] == ["team", "manager_style", "growth"]
    assert suggestions(asks, dana)[0].id == "first-months-priorities"  # first in the bank
    for person in people:
        assert all(person.relation in a.relations for a in suggestions(asks, person))
    ids = [a.id for a in all_suggestions(asks)]
    assert len(ids) == len(set(ids)) == 9
    assert not any(a.money for a in all_suggestions(asks))
    assert asks.money_held_back  # hiring managers have pay questions, held until money comes up
    assert asks.covered_themes == frozenset()
    assert asks.unassigned == []


def test_adopted_and_answered_ask_is_not_suggested_in_a_later_round(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    first, second = two_rounds
    dana = people[0]
    offered = suggestions(asks_of(first), dana)
    assert [a.theme for a in offered] == ["first_months", "success", "hard_problems"]
    answered, asked_only = offered[0], offered[1]

    item = prep.ask_adopt(round_=first, person=dana, bank_id=answered.id)
    assert (item.status, item.text, item.theme) == ("planned", answered.text, "first_months")
    assert prep.ask_adopt(round_=first, person=dana, bank_id=answered.id).pk == item.pk
    # A kept suggestion takes one of the three places; no fresh one repeats it.
    rows = asks_of(first).people[0].rows
    assert rows[0].item is not None
    assert rows[0].item.pk == item.pk
    assert len(rows) == 3

    item = prep.ask_update(item=item, answer="  Ship the reporting rebuild.  ")
    assert (item.status, item.answer) == ("asked", "Ship the reporting rebuild.")
    other = prep.ask_adopt(round_=first, person=dana, bank_id=asked_only.id)
    prep.ask_update(item=other, status="asked")  # asked, but nothing noted: theme stays open

    later = asks_of(second)
    assert later.covered_themes == frozenset({"first_months"})
    fresh = all_suggestions(later)
    assert "first_months" not in {a.theme for a in fresh}
    assert answered.id not in {a.id for a in fresh}
    assert asked_only.id not in {a.id for a in fresh}
    assert [a.theme for a in suggestions(later, dana)] == [
        "success",
        "hard_problems",
        "manager_style",
    ]


def test_pay_questions_wait_for_a_number_in_an_earlier_round(
    opportunity: Opportunity, hr: Person
) -> None:
    first = services.round_create(
        opportunity=opportunity,
        starts=wall(-7, 10),
        ends=wall(-7, 11),
        timezone_name=TZ,
        attendees=[hr],
    )
    second = services.round_create(
        opportunity=opportunity,
        starts=wall(14, 10),
        ends=wall(14, 11),
        timezone_name=TZ,
        attendees=[hr],
    )
    # HR's first three themes are decision, culture and growth; answered in round 1, they
    # leave team and pay_benefits next in line for round 2.
    for ask in suggestions(asks_of(first), hr):
        item = prep.ask_adopt(round_=first, person=hr, bank_id=ask.id)
        prep.ask_update(item=item, answer="Heard it.")
    assert asks_of(second).covered_themes == frozenset({"decision", "culture", "growth"})

    services.note_create(round_=second, kind="number", text="They asked my current pay")
    held = asks_of(second)
    assert held.money_held_back is True
    assert not any(a.money for a in all_suggestions(held))
    assert suggestions(held, hr)[0].theme == "team"

    services.note_create(round_=first, kind="number", text="Band 90–110k")
    raised = asks_of(second)
    assert raised.money_held_back is False
    themes = [a.theme for a in suggestions(raised, hr)]
    assert themes[:2] == ["team", "pay_benefits"]
    first_pay = next(a for a in knowledge.asks() if a.money and "hr" in a.relations)
    assert suggestions(raised, hr)[1].id == first_pay.id


def test_ask_adopt_refuses_a_person_not_attending_and_an_unknown_id(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    first = two_rounds[0]
    with pytest.raises(Invalid, match="Sam Lee does not attend"):
        prep.ask_adopt(round_=first, person=people[1], bank_id="first-months-priorities")
    with pytest.raises(NotFound):
        prep.ask_adopt(round_=first, person=people[0], bank_id="no-such-question")
    with pytest.raises(Invalid):
        prep.ask_create(round_=first, person=people[1], text="Anything?")
    with pytest.raises(Invalid):
        prep.ask_create(round_=first, person=None, text="   ")
    assert AskItem.objects.count() == 0


def test_own_question_for_anyone_and_a_dropped_suggestion(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    first = two_rounds[0]
    mine = prep.ask_create(round_=first, person=None, text=" What does a normal week look like? ")
    assert mine.text == "What does a normal week look like?"
    assert mine.bank_id == ""
    kept = prep.ask_adopt(round_=first, person=people[0], bank_id="first-months-priorities")
    prep.ask_update(item=kept, status="dropped")
    asks = asks_of(first)
    assert asks.unassigned == [mine]
    dana_rows = asks.people[0].rows
    assert all(r.item is None for r in dana_rows)  # the dropped one is gone ...
    assert "first-months-priorities" not in {r.ask.id for r in dana_rows if r.ask}  # for good
    assert len(dana_rows) == 3


def test_kept_question_of_someone_who_left_the_round_is_for_anyone(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    kept = prep.ask_adopt(round_=second, person=people[1], bank_id="first-months-backlog")
    services.round_update(round_=second, attendees=[people[0], people[2]])
    asks = asks_of(second)
    assert [pa.person.name for pa in asks.people] == ["Dana Ortiz", "Priya Nair"]
    assert asks.unassigned == [kept]


def test_export_and_import_keep_plan_progress_and_kept_questions(
    two_rounds: tuple[Round, Round], people: list[Person], other_user: User
) -> None:
    second = two_rounds[1]
    prep.plan_item_set(round_=second, key="clothes", status="skipped", reason="Uniform")
    kept = prep.ask_adopt(round_=second, person=people[0], bank_id="first-months-priorities")
    prep.ask_update(item=kept, answer="The reporting rebuild.")
    workspace_import(
        owner=other_user, document=workspace_export(owner=second.owner, now=timezone.now())
    )
    copied = PlanProgress.objects.filter(owner=other_user)
    assert [(p.key, p.status, p.reason) for p in copied] == [("clothes", "skipped", "Uniform")]
    assert [(a.bank_id, a.answer) for a in AskItem.objects.filter(owner=other_user)] == [
        ("first-months-priorities", "The reporting rebuild.")
    ]


# --- pages ---------------------------------------------------------------------------------


def test_round_page_shows_plan_score_likely_questions_and_asks(
    client: Client, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    prep.plan_item_set(round_=second, key="stories-for-needs", status="done")
    body = client.get(reverse("round_detail", args=[second.pk])).content.decode()
    assert "Prep plan" in body
    assert '<span class="big">10</span>' in body  # 9 of 90
    assert 'aria-label="Readiness 10 of 100"' in body
    likely = round_likely(carry=carry_forward(round_=second))
    assert "Likely questions" in body
    assert escape(likely[0].text) in body
    assert "Questions to ask" in body
    assert escape(suggestions(asks_of(second), people[0])[0].text) in body
    assert reverse("round_calendar", args=[second.pk]) in body


def test_plan_post_ticks_and_redirects_to_the_plan(
    client: Client, two_rounds: tuple[Round, Round]
) -> None:
    second = two_rounds[1]
    url = reverse("plan_item", args=[second.pk])
    response = client.post(url, {"key": "stories-for-needs", "status": "done"})
    assert response.status_code == 303
    assert response["Location"] == reverse("round_detail", args=[second.pk]) + "#plan"
    assert PlanProgress.objects.get(round=second, key="stories-for-needs").status == "done"
    # A note alone keeps the status.
    response = client.post(url, {"key": "stories-for-needs", "note": "Three stories"})
    assert response.status_code == 303
    saved = PlanProgress.objects.get(round=second, key="stories-for-needs")
    assert (saved.status, saved.note) == ("done", "Three stories")


def test_plan_skip_without_reason_is_a_400_with_the_error(
    client: Client, two_rounds: tuple[Round, Round]
) -> None:
    second = two_rounds[1]
    response = client.post(
        reverse("plan_item", args=[second.pk]),
        {"key": "clothes", "status": "skipped", "reason": ""},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Say why you are skipping it." in body
    assert 'aria-invalid="true"' in body
    assert PlanProgress.objects.count() == 0

    response = client.post(
        reverse("plan_item", args=[second.pk]),
        {"key": "clothes", "status": "skipped", "reason": "Uniform provided"},
    )
    assert response.status_code == 303
    saved = PlanProgress.objects.get(round=second, key="clothes")
    assert (saved.status, saved.reason) == ("skipped", "Uniform provided")


def test_plan_item_form_and_unknown_keys(client: Client, two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    url = reverse("plan_item", args=[second.pk])
    page = client.get(url, {"key": "clothes"})
    assert page.status_code == 200
    assert "Get your clothes ready" in page.content.decode()

    missing = client.get(url, {"key": "no-such-item"})
    assert missing.status_code == 400  # Invalid, rendered by the error middleware
    assert "no item &#x27;no-such-item&#x27;" in missing.content.decode()
    posted = client.post(url, {"key": "no-such-item", "status": "done"})
    assert posted.status_code == 404
    assert PlanProgress.objects.count() == 0


def test_calendar_download(client: Client, two_rounds: tuple[Round, Round]) -> None:
    second = two_rounds[1]
    response = client.get(reverse("round_calendar", args=[second.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert response["Content-Disposition"] == 'attachment; filename="northwind-health-round-2.ics"'
    cal = icalendar.Calendar.from_ical(response.content)
    events = cal.walk("VEVENT")
    assert len(events) == 1
    assert events[0].decoded("dtstart") == second.starts_at
    assert len(cal.walk("VTODO")) == len(plan_of(second).rows)
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == [TZ]


def test_ask_create_and_edit_pages(
    client: Client, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    url = reverse("ask_create", args=[second.pk])
    assert client.get(url, {"person": people[1].pk}).status_code == 200
    empty = client.post(url, {"person": people[1].pk, "text": ""})
    assert empty.status_code == 400
    assert AskItem.objects.count() == 0
    created = client.post(url, {"person": people[1].pk, "text": "How is on-call shared?"})
    assert created.status_code == 303
    assert created["Location"] == reverse("round_detail", args=[second.pk]) + "#asks"
    item = AskItem.objects.get()
    assert (item.person, item.bank_id, item.status) == (people[1], "", "planned")

    edit = reverse("ask_edit", args=[item.pk])
    assert client.get(edit).status_code == 200
    saved = client.post(
        edit, {"text": item.text, "status": "planned", "answer": "Weekly rota, six people."}
    )
    assert saved.status_code == 303
    assert saved["Location"] == reverse("round_detail", args=[second.pk]) + "#asks"
    item.refresh_from_db()
    assert (item.status, item.answer) == ("asked", "Weekly rota, six people.")


def test_ask_adopt_page(
    client: Client, two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    second = two_rounds[1]
    url = reverse("ask_adopt", args=[second.pk])
    response = client.post(url, {"person": people[0].pk, "ask": "first-months-priorities"})
    assert response.status_code == 303
    item = AskItem.objects.get()
    assert response["Location"] == reverse("ask_edit", args=[item.pk])
    assert client.post(url, {"person": people[0].pk, "ask": "nope"}).status_code == 404
    assert client.post(url, {"person": "x", "ask": "first-months-priorities"}).status_code == 404
    not_there = client.post(
        reverse("ask_adopt", args=[two_rounds[0].pk]),
        {"person": people[1].pk, "ask": "first-months-priorities"},
    )
    assert not_there.status_code == 400
    assert AskItem.objects.count() == 1


def test_someone_elses_round_and_asks_are_not_found(
    client: Client, user: User, other_user: User
) -> None:
    theirs = services.opportunity_create(owner=other_user, company="Secret", role_title="CFO")
    boss = services.person_create(opportunity=theirs, name="Ada", relation="hiring_manager")
    round_ = services.round_create(
        opportunity=theirs,
        starts=wall(10, 9),
        ends=wall(10, 10),
        timezone_name=TZ,
        attendees=[boss],
    )
    item = prep.ask_adopt(round_=round_, person=boss, bank_id="first-months-priorities")
    responses = [
        client.post(reverse("plan_item", args=[round_.pk]), {"key": "clothes", "status": "done"}),
        client.get(reverse("round_calendar", args=[round_.pk])),
        client.post(
            reverse("ask_adopt", args=[round_.pk]),
            {"person": boss.pk, "ask": "first-months-backlog"},
        ),
        client.get(reverse("ask_edit", args=[item.pk])),
        client.post(reverse("ask_edit", args=[item.pk]), {"text": "x", "status": "asked"}),
    ]
    assert [r.status_code for r in responses] == [404] * 5
    assert all("Secret" not in r.content.decode() for r in responses)
    assert PlanProgress.objects.count() == 0
    item.refresh_from_db()
    assert (AskItem.objects.count(), item.status) == (1, "planned")
