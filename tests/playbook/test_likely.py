"""Likely questions for a round (nextround.playbook.likely). Every expected score is worked out
by hand in the comments, never by calling the code under test."""

from __future__ import annotations

from collections import Counter

import pytest

from nextround.playbook import knowledge
from nextround.playbook.likely import (
    SAME_QUESTION,
    EarlierQuestion,
    likely_questions,
    match_bank,
)
from nextround.playbook.plan import RoundFacts
from nextround.playbook.wording import Wording
from nextround.text import content_stems
from tests.playbook.helpers import DANA, PRIYA, SAM, question, round_facts


def test_case_round_brings_case_questions_with_the_format_as_reason() -> None:
    found = likely_questions(round_facts(format="case"))
    case = [lq for lq in found if lq.category == "case"]
    assert len(case) == 4  # the per-category cap, and the format outweighs everything else
    assert all("This is a case round." in lq.reasons for lq in case)
    assert [lq.category for lq in found[:4]] == ["case"] * 4
    assert "presentation" not in {lq.category for lq in found}


def test_one_on_one_round_never_offers_case_or_presentation_questions() -> None:
    found = likely_questions(round_facts(format="one_on_one", number=2), limit=1000)
    categories = {lq.category for lq in found}
    assert not categories & {"case", "presentation"}
    assert len(found) > 40


def test_presentation_round_brings_presentation_questions_and_no_case() -> None:
    found = likely_questions(round_facts(format="presentation"), limit=1000)
    categories = Counter(lq.category for lq in found)
    assert categories["presentation"] == 4
    assert categories["case"] == 0


def test_relation_reasons_name_the_attending_person() -> None:
    found = likely_questions(round_facts(attendees=(PRIYA,)), limit=1000)
    reason = "Often asked by the manager's manager: Priya Nair attends."
    for lq in found:
        assert lq.bank is not None
        assert (reason in lq.reasons) is ("managers_manager" in lq.bank.asked_by), lq.text
    assert any(reason in lq.reasons for lq in found)


def test_new_interviewers_bring_basics_with_a_reason_naming_them() -> None:
    found = likely_questions(round_facts(number=2, attendees=(DANA, SAM)), limit=1000)
    reason = "New interviewers (Sam Lee) often start here, even if you covered it before."
    basics = [lq for lq in found if lq.category == "basics"]
    assert basics
    assert all(reason in lq.reasons for lq in basics)
    assert not any(reason in lq.reasons for lq in found if lq.category != "basics")
    known = likely_questions(round_facts(number=2, attendees=(DANA,)), limit=1000)
    assert not any("New interviewers" in r for lq in known for r in lq.reasons)


def test_scores_and_reasons_for_a_single_bank_question() -> None:
    # 1 + later round 1 + hiring manager 1.2 + panel behavioral 0.5 + two posting terms 1.6.
    bank = [
        question(
            "behavioral-stakeholders",
            "Tell me about a stakeholder you won over.",
            "behavioral",
            asked_by=["hiring_manager", "hr"],
            later_round=True,
            competencies=["stakeholder management", "sql", "python"],
        )
    ]
    [lq] = likely_questions(
        round_facts(format="panel", number=2, attendees=(DANA,)),
        job_text="We need strong stakeholder management and SQL.",
        bank=bank,
    )
    assert lq.score == pytest.approx(5.3)
    assert lq.reasons == [
        "Typical of second and final rounds.",
        "Often asked by hiring managers: Dana Ortiz attends.",
        "Panels lean on behavioral questions to compare candidates.",
        "The posting asks for stakeholder management, sql.",
    ]
    assert lq.asked_before is False


def test_earlier_question_matching_the_bank_is_marked_with_its_history() -> None:
    facts = round_facts(number=2, attendees=(DANA, SAM))
    earlier = EarlierQuestion(
        "Tell me about yourself",
        round_number=1,
        asked_by="Dana Ortiz",
        rating=2,
        improve="Keep it under two minutes",
    )
    without = likely_questions(facts, limit=1000)
    found = likely_questions(facts, earlier=[earlier], limit=1000)
    before = [lq.text for lq in without].index("Tell me about yourself.")
    [lq] = [lq for lq in found if lq.text == "Tell me about yourself."]
    assert lq.asked_before is True
    assert lq.earlier == [earlier]
    assert lq.bank is not None
    assert lq.bank.id == "basics-tell-me-about-yourself"
    assert lq.reasons[0] == (
        "Asked in round 1 by Dana Ortiz; you rated your answer 2/5. "
        "To improve: Keep it under two minutes."
    )
    # A weak answer adds 3: it was tied at 5.9 with others and now leads the list.
    assert found.index(lq) < before
    assert found[0] is lq
    assert lq.score == pytest.approx(8.9)


def test_earlier_question_without_rating_or_name_has_a_short_reason() -> None:
    bank = [question("basics-about", "Tell me about yourself.", "basics")]
    [lq] = likely_questions(
        round_facts(), earlier=[EarlierQuestion("tell me about YOURSELF!", 3)], bank=bank
    )
    assert lq.reasons == ["Asked in round 3."]
    assert lq.score == pytest.approx(2.5)  # 1 + 1.5 for a question seen before


def test_earlier_question_not_in_the_bank_still_appears() -> None:
    seen = EarlierQuestion(
        "Walk us through migrating the billing ledger to Postgres",
        round_number=1,
        asked_by="Sam Lee",
        rating=3,
        category="technical",
    )
    found = likely_questions(round_facts(format="one_on_one"), earlier=[seen])
    [lq] = [lq for lq in found if lq.asked_before]
    assert (lq.text, lq.category, lq.bank, lq.earlier) == (seen.text, "technical", None, [seen])
    assert lq.reasons == [
        "Asked in round 1 by Sam Lee; you rated your answer 3/5.",
        "They may come back to it to hear a better answer.",
    ]
    assert lq.score == pytest.approx(3.5)


def test_unmatched_earlier_question_without_category_is_other_and_weak_ones_score_higher() -> None:
    bank = [question("basics-about", "Tell me about yourself.", "basics")]
    weak = EarlierQuestion("How many piano tuners are there in Chicago?", 1, rating=1)
    [first, second] = likely_questions(round_facts(), earlier=[weak], bank=bank)
    assert (first.text, first.category, first.score) == (weak.text, "other", 5)
    assert second.text == "Tell me about yourself."


def test_own_earlier_question_stays_even_when_generic_guesses_score_higher() -> None:
    # In a later round with known interviewers generic questions score up to 5.9, well above
    # the 3.5 of an unrated note the bank does not know; the note is kept all the same.
    seen = EarlierQuestion(
        "Walk us through migrating the billing ledger to Postgres", 1, "Sam Lee", rating=3
    )
    found = likely_questions(round_facts(number=2, attendees=(DANA, SAM)), earlier=[seen])
    assert len(found) == 15
    [lq] = [lq for lq in found if lq.asked_before]
    assert lq.text == seen.text
    assert lq is found[0]  # kept, and shown first: what they really asked leads the list
    assert max(q.score for q in found[1:]) > lq.score


def test_when_earlier_questions_exceed_the_limit_weak_answers_come_first() -> None:
    texts = [
        "Describe your favourite spreadsheet formula.",
        "Name the last conference you attended.",
        "Where did you grow up originally?",
    ]
    bank = [question(f"basics-{n}", text, "basics") for n, text in enumerate(texts)]
    earlier = [
        EarlierQuestion(texts[0], 1, rating=4),  # 1 + 1.5
        EarlierQuestion(texts[1], 1, rating=1),  # 1 + 3
        EarlierQuestion(texts[2], 1),  # 1 + 1.5
    ]
    found = likely_questions(round_facts(), earlier=earlier, bank=bank, limit=2)
    assert [(lq.text, lq.score) for lq in found] == [(texts[1], 4.0), (texts[0], 2.5)]
    assert [lq.went_badly for lq in found] == [True, False]


def test_a_weak_answer_is_kept_over_a_higher_scoring_question_seen_before() -> None:
    # "Tell me about yourself." rated 4/5: 1 + hiring manager 1.2 + peer 1.2 + new
    # interviewer 2.5 + 1.5 = 7.4. The unmatched weak answer scores a flat 5.
    good = EarlierQuestion("Tell me about yourself", 1, "Dana Ortiz", rating=4)
    weak = EarlierQuestion("How many piano tuners are there in Chicago?", 1, rating=2)
    facts = round_facts(number=2, attendees=(DANA, SAM))
    both = likely_questions(facts, earlier=[good, weak], limit=2)
    assert [(lq.text, lq.score) for lq in both] == [
        (weak.text, 5),
        ("Tell me about yourself.", pytest.approx(7.4)),
    ]
    [only] = likely_questions(facts, earlier=[good, weak], limit=1)
    assert only.text == weak.text


EARLIER_MIX = [
    EarlierQuestion("Tell me about yourself", 1, "Dana Ortiz", rating=4),
    EarlierQuestion("How many piano tuners are there in Chicago?", 1, rating=2),
    EarlierQuestion("Why do you want to leave your current job?", 1, "Sam Lee", rating=1),
    EarlierQuestion("Walk us through migrating the billing ledger to Postgres", 1),
    EarlierQuestion("What is your greatest strength?", 1, rating=5),
]


@pytest.mark.parametrize("limit", [1, 2, 3, 5, 8, 15, 30])
def test_a_limit_keeps_the_ranking_of_the_longer_list(limit: int) -> None:
    facts = round_facts(number=2, is_final=True, attendees=(DANA, SAM, PRIYA))
    longest = likely_questions(facts, earlier=EARLIER_MIX, limit=1000)
    found = likely_questions(facts, earlier=EARLIER_MIX, limit=limit)
    assert [q.text for q in found] == [q.text for q in longest[:limit]]
    # Questions asked before lead the list, the two weak answers first; the others follow.
    asked = [q.asked_before for q in longest]
    assert asked[:5] == [True] * 5 and not any(asked[5:])
    assert [q.went_badly for q in longest[:5]] == [True, True, False, False, False]


def test_salary_questions_appear_for_a_final_round() -> None:
    found = likely_questions(round_facts(number=3, is_final=True))
    salary = [lq for lq in found if lq.category == "salary"]
    assert salary
    # The reason says why for this round: no money came up before it.
    assert all("A final round often turns to pay and terms." in lq.reasons for lq in salary)


def test_salary_questions_appear_once_money_was_discussed() -> None:
    found = likely_questions(round_facts(number=2, money_discussed=True))
    salary = [lq for lq in found if lq.category == "salary"]
    assert salary
    reason = "Money came up in an earlier round: expect pay and terms again."
    assert all(reason in lq.reasons for lq in salary)


def test_no_salary_questions_in_an_early_round_without_money() -> None:
    # Without interviewers to lift them a salary question scores 1 - 1.5 < 0 and is dropped.
    everything = likely_questions(round_facts(number=1), limit=1000)
    assert "salary" not in {lq.category for lq in everything}
    top = likely_questions(round_facts(number=1, attendees=(DANA, SAM)))
    assert "salary" not in {lq.category for lq in top}


@pytest.mark.parametrize(
    "facts",
    [
        round_facts(),
        round_facts(format="panel", number=2, attendees=(DANA, SAM, PRIYA)),
        round_facts(format="case", number=3, is_final=True, money_discussed=True),
    ],
)
def test_never_more_than_four_per_category(facts: RoundFacts) -> None:
    found = likely_questions(facts, limit=1000)
    assert max(Counter(lq.category for lq in found).values()) == 4
    scores = [lq.score for lq in found]
    assert scores == sorted(scores, reverse=True)
    assert all(lq.reasons for lq in found if lq.score > 1)


def test_questions_asked_before_may_pass_the_category_cap() -> None:
    texts = [
        "Describe your favourite spreadsheet formula.",
        "Which commute do you take every morning?",
        "Name the last conference you attended.",
        "What languages can you speak fluently?",
        "Explain your hobby of model railways.",
        "Where did you grow up originally?",
        "How big is your current department?",
    ]
    bank = [question(f"basics-{n}", text, "basics") for n, text in enumerate(texts)]
    # Two seen before: they score 2.5 and lead; two more fill the category up to four.
    two = [EarlierQuestion(texts[5], 1), EarlierQuestion(texts[6], 1)]
    found = likely_questions(round_facts(), earlier=two, bank=bank)
    assert [lq.text for lq in found] == [
        texts[6],  # "How big…" sorts before "Where…"
        texts[5],
        texts[0],  # then the rest alphabetically: "Describe…", "Explain…"
        texts[4],
    ]
    # Five seen before: all five come back, and nothing else in the category.
    five = [EarlierQuestion(t, 1) for t in texts[:5]]
    found = likely_questions(round_facts(), earlier=five, bank=bank)
    assert len(found) == 5
    assert all(lq.asked_before for lq in found)


@pytest.mark.parametrize("limit", [1, 5, 15])
def test_likely_questions_respect_the_limit(limit: int) -> None:
    assert len(likely_questions(round_facts(number=2, attendees=(DANA,)), limit=limit)) == limit


HOSPITAL = Wording("clinical", "hospital", "patients", "patient")


def test_a_hospital_is_not_asked_about_products_and_hears_its_own_words() -> None:
    facts = round_facts(number=2, is_final=True, attendees=(DANA, SAM, PRIYA))
    software = [q.text for q in likely_questions(facts, limit=1000, wording=Wording("product"))]
    assert "What ideas do you have for improving our product?" in software
    unsure = [q.text for q in likely_questions(facts, limit=1000)]  # general: not a product
    assert "What ideas do you have for improving our product?" not in unsure
    found = likely_questions(facts, limit=1000, wording=HOSPITAL)
    texts = [q.text for q in found]
    assert not any("product" in t or "customer" in t or "company" in t for t in texts)
    assert "What do you think is the biggest challenge facing our hospital right now?" in texts


def test_a_question_written_for_the_field_scores_more_with_its_reason() -> None:
    bank = [
        question(
            "technical-ward",
            "How do you spot a deteriorating patient?",
            "technical",
            fields=["clinical"],
        ),
        question(
            "technical-code",
            "What do you look for in a code review?",
            "technical",
            fields=["product"],
        ),
        question("technical-any", "How do you check your own work?", "technical"),
    ]
    found = likely_questions(round_facts(), bank=bank, wording=HOSPITAL)
    # 1 + 1.5 for the field; the product question is left out; the general one stays at 1.
    assert [(q.text, q.score) for q in found] == [
        ("How do you spot a deteriorating patient?", 2.5),
        ("How do you check your own work?", 1.0),
    ]
    assert found[0].reasons == ["Typical of the field (clinical or care)."]


def test_a_question_asked_before_stays_even_if_it_does_not_fit_the_field() -> None:
    bank = [
        question(
            "approach-ideas",
            "What ideas do you have for improving our product?",
            "approach",
            fields=["product"],
        )
    ]
    seen = EarlierQuestion("What ideas do you have for improving our product?", 1)
    [found] = likely_questions(round_facts(), bank=bank, earlier=[seen], wording=HOSPITAL)
    assert found.asked_before


def test_an_improvement_note_ending_in_a_full_stop_gets_no_second_one() -> None:
    for improve, ending in (
        ("Use numbers.", "Use numbers."),
        ("Shorter?", "Shorter?"),
        ("Lead with the result", "Lead with the result."),
    ):
        seen = EarlierQuestion("Tell me about yourself", 1, rating=2, improve=improve)
        [found] = [q for q in likely_questions(round_facts(), earlier=[seen]) if q.asked_before]
        assert (
            found.reasons[0] == f"Asked in round 1; you rated your answer 2/5. To improve: {ending}"
        )


def _closest_by_every_wording(text: str) -> object:
    """The bank question whose wording shares the most of ``text``'s stems, Jaccard ≥ 0.5,
    the first wording winning a tie: worked out over every wording, with no index."""
    wanted = content_stems(text)
    best, best_score = None, SAME_QUESTION
    for q in knowledge.questions():
        for wording in (q.text, *q.variants):
            theirs = content_stems(wording)
            common = len(wanted & theirs)
            if not common:
                continue
            score = common / len(wanted | theirs)
            if score > best_score or (best is None and score == best_score):
                best, best_score = q, score
    return best


def test_an_earlier_question_matches_the_wording_a_search_of_the_whole_bank_finds() -> None:
    bank = knowledge.questions()
    texts = [w for q in bank[::7] for w in (q.text, *q.variants)]
    # Cut and joined wordings: near the threshold, on either side of it.
    texts += [" ".join(t.split()[: len(t.split()) // 2 + 1]) for t in texts]
    texts += [f"{a} {b}" for a, b in zip(texts[::5], texts[1::5], strict=False)]
    texts += ["How do you handle a difficult stakeholder?", "Why this company?", "Salary?"]
    found = [match_bank(t, bank) for t in texts]
    assert found == [_closest_by_every_wording(t) for t in texts]
    assert sum(f is None for f in found) >= 5  # some fall short of the threshold
    assert sum(f is not None for f in found) >= 50
