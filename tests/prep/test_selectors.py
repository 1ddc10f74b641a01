"""A round's plan, readiness, round facts, likely questions and questions to ask, as the prep
selectors work them out.

Expected plans are worked out by hand from playbook/data/checklist.toml; the rounds are dated
relative to today, so nothing here goes stale when the calendar moves on.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal

import pytest

from nextround.interviews import services
from nextround.interviews.models import Opportunity, Person, Round
from nextround.interviews.selectors import carry_forward
from nextround.playbook import knowledge
from nextround.playbook.plan import Attendee
from nextround.prep import services as prep
from nextround.prep.selectors import employer_field, round_facts, round_likely
from tests.prep.helpers import (
    TZ,
    all_suggestions,
    asks_of,
    before_weight,
    plan_of,
    row_of,
    suggestions,
    wall,
    weight_of,
)

pytestmark = pytest.mark.django_db


# The second round of `two_rounds`: a panel (so in person), round 2, Dana met before, Sam and
# Priya new, no notes. Weights of the items due before the interview:
#   review-earlier-notes 8, research-company-news 7, research-business 7, stories-for-needs 9,
#   follow-up-questions 6, approach-plan 7, why-this-company 5, refresh-introduction 5,
#   practise-behavioral 7, panel-plan 5, route-and-arrival 5, clothes 3, documents 4,
#   research-interviewer and questions-for-interviewer 2 each (6 and 5 shared by three).
SECOND_ROUND_WEIGHT = 8 + 7 + 7 + 9 + 6 + 7 + 5 + 5 + 7 + 5 + 5 + 3 + 4 + 3 * 2 + 3 * 2  # 90


@pytest.fixture
def hr(opportunity: Opportunity) -> Person:
    return services.person_create(
        opportunity=opportunity, name="Riley Kim", title="Recruiter", relation="hr"
    )


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
    # After the round only the debrief: the follow-ups are scheduled by the followup app.
    assert {row.item.key for row in rp.after} == {"debrief"}
    assert before_weight(rp) == SECOND_ROUND_WEIGHT == 90
    assert rp.readiness.score == 0
    assert not rp.plan.compressed
    assert rp.retired == []


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


# --- likely questions ----------------------------------------------------------------------


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


# --- the employer's field ------------------------------------------------------------------


def test_a_limit_keeps_the_ranking_of_the_page_list(
    two_rounds: tuple[Round, Round], people: list[Person]
) -> None:
    for text, rating in (
        ("Walk me through your resume.", 4),
        ("What are your salary expectations?", 1),
        ("How would you clear the claims backlog in our billing system?", None),
        ("Why do you want to work here?", 2),
    ):
        services.note_create(
            round_=two_rounds[0], kind="question", person=people[0], text=text, rating=rating
        )
    carry = carry_forward(round_=two_rounds[1])
    longest = [q.text for q in round_likely(carry=carry, limit=60)]
    for limit in (1, 2, 3, 4, 5, 15):
        assert [q.text for q in round_likely(carry=carry, limit=limit)] == longest[:limit]


def test_the_field_comes_from_the_opportunity_and_the_people_met(
    opportunity: Opportunity, people: list[Person]
) -> None:
    assert employer_field(opportunity).guess.field == "general"
    services.person_create(
        opportunity=opportunity,
        name="Ruth Okafor",
        title="Chief Nursing Officer",
        relation="executive",
    )
    opportunity.posting_text = "Improve patient flow across the hospital's wards."
    found = employer_field(opportunity)
    assert found.guess.field == "clinical"
    assert set(found.guess.evidence) >= {"patient", "hospital", "nursing"}
    assert (found.wording.org, found.wording.served) == ("hospital", "patients")


def test_the_field_reads_the_people_already_loaded_without_a_query(
    opportunity: Opportunity, people: list[Person]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    services.person_create(
        opportunity=opportunity,
        name="Ruth Okafor",
        title="Chief Nursing Officer",
        relation="executive",
    )
    loaded = list(opportunity.people.all())
    with CaptureQueriesContext(connection) as captured:
        given = employer_field(opportunity, people=loaded)
    assert len(captured) == 0
    assert given == employer_field(opportunity)
    assert dict(given.guess.scores).get("clinical")  # the title was read
