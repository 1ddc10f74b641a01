"""The practice selectors: an attempt's report with the posting's and the chosen words, the
earlier attempts at a question and the best of them, and the history by category."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from nextround.errors import NotFound
from nextround.interviews.models import Round
from nextround.practice import selectors, services
from tests.practice.helpers import GOOD, RAMBLING, _attempt_at, _behavioral

pytestmark = pytest.mark.django_db


def test_the_posting_and_chosen_words_are_checked_in_a_round_session(
    user: User, rounds: list[Round]
) -> None:
    opportunity = rounds[1].opportunity
    opportunity.posting_text = (
        "Requirements\n- 3+ years with SQL and Tableau dashboards\n- Lean Six Sigma\n"
    )
    opportunity.save()
    session = services.session_start(
        owner=user, round_=rounds[1], count=1, terms="patients first, Northwind"
    )
    attempt = services.attempt_typed(
        owner=user,
        question=session.questions.get(),
        text=GOOD + " I built the Tableau dashboard in SQL, because patients first matters.",
    )
    report = selectors.report_for(attempt)
    assert "patients first" in report.company_terms.used
    assert "Northwind" in report.company_terms.missed
    assert any("tableau" in t.lower() for t in report.requirements.used)
    assert any("six sigma" in t.lower() for t in report.requirements.missed)


def test_the_confirmed_glossary_terms_are_words_to_work_in(user: User, rounds: list[Round]) -> None:
    from nextround.research import services as research

    opportunity = rounds[1].opportunity
    research.term_confirm(opportunity=opportunity, term="Epic", meaning="their records system")
    research.term_confirm(opportunity=opportunity, term="Northwind", meaning="the company")
    research.term_dismiss(opportunity=opportunity, term="Lean")
    session = services.session_start(owner=user, round_=rounds[1], count=1, terms="northwind")
    attempt = services.attempt_typed(
        owner=user, question=session.questions.get(), text=GOOD + " We moved charting into Epic."
    )
    report = selectors.report_for(attempt)
    assert "Epic" in report.company_terms.used
    assert "northwind" in report.company_terms.missed  # chosen once, not twice
    assert "Northwind" not in report.company_terms.missed
    assert "Lean" not in report.company_terms.missed + report.company_terms.used
    other = services.session_start(owner=user, own=["Why us?"], terms="")
    assert selectors.terms_for(other) == ([], [])  # no round: no glossary


def test_a_behavioral_question_is_scored_as_a_story_whatever_its_wording(user: User) -> None:
    question = _behavioral(user, count=1).questions.get()
    question.text = "Describe a mistake you made at work and how you handled it."
    question.save()
    report = selectors.report_for(services.attempt_typed(owner=user, question=question, text=GOOD))
    assert report.components["result"].out_of > 0
    assert not report.components["structure"].note.startswith("Not a story question")


def test_without_a_kept_attempt_the_best_is_the_highest_score(user: User) -> None:
    question = _behavioral(user, count=1).questions.get()
    low = services.attempt_typed(owner=user, question=question, text=RAMBLING)
    high = services.attempt_typed(owner=user, question=question, text=GOOD)
    assert high.score > low.score  # type: ignore[operator]
    assert selectors.earlier_attempts(owner=user, key=question.key).best == high


def test_attempts_of_another_account_are_not_compared_or_found(
    user: User, other_user: User
) -> None:
    question = _behavioral(user, count=1).questions.get()
    mine = services.attempt_typed(owner=user, question=question, text=GOOD)
    theirs_q = _behavioral(other_user, count=1).questions.get()
    services.attempt_typed(owner=other_user, question=theirs_q, text=GOOD)
    assert theirs_q.key == question.key
    assert selectors.earlier_attempts(owner=user, key=question.key).attempts == [mine]
    with pytest.raises(NotFound):
        selectors.attempt_get(owner=other_user, pk=mine.pk)


def test_history_groups_by_category_and_suggests_the_weakest(
    user: User, django_assert_num_queries: object
) -> None:
    _attempt_at(user, "behavioral", GOOD, 3)
    _attempt_at(user, "behavioral", GOOD, 2)
    _attempt_at(user, "motivation", RAMBLING, 1)
    with django_assert_num_queries(1):  # type: ignore[operator]
        data = selectors.history(owner=user)
    assert data.total == 3
    assert [c.category for c in data.categories] == ["behavioral", "motivation"]
    assert data.weakest[0].category == "motivation"
    behavioral = data.categories[0]
    assert [p.at for p in behavioral.score] == sorted(p.at for p in behavioral.score)
    assert behavioral.pace == []  # typed answers have no measured pace
