"""The opening rules of the question classifier (nextround.playbook.openings)."""

from __future__ import annotations

import pytest

from nextround.playbook import knowledge
from nextround.playbook.classify import examples
from nextround.playbook.openings import normalised, opening_category


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Tell me about a time you lost a customer.", "behavioral"),
        ("Can you describe a situation where a plan fell apart?", "behavioral"),
        ("Give me an example of when you changed someone's mind.", "behavioral"),
        ("What would you do if your biggest client threatened to leave?", "situational"),
        ("Imagine two of your reports stop speaking to each other.", "situational"),
        ("Suppose the launch date moves forward by a month.", "situational"),
        ("How would you handle a colleague who takes credit for your work?", "situational"),
        ("How would you improve the ticket machines at train stations?", "case"),
        ("Estimate the number of dentists in a mid-sized country.", "case"),
        ("How many umbrellas are sold in a year in a rainy city, do you think?", "case"),
        ("What would you focus on in your first 90 days?", "approach"),
        ("Walk me through your 30-60-90 plan.", "approach"),
        ("What are your salary expectations?", "salary"),
        ("What's your notice period?", "salary"),
        ("When could you start?", "salary"),
        ("Would you be willing to relocate?", "salary"),
        ("Do you have any questions for us?", "closing"),
        ("Is there anything else you'd like to ask?", "closing"),
        ("Please walk us through your deck.", "presentation"),
        ("Walk us through your portfolio deck.", "presentation"),
        ("Can you take me through the case study slides?", "presentation"),
        ("How long did your pitch deck take you?", "presentation"),
        ("We'd like you to prepare a short presentation on the market.", "presentation"),
    ],
)
def test_unmistakable_openings_decide(text: str, category: str) -> None:
    assert opening_category(text) == category


@pytest.mark.parametrize(
    "text",
    [
        "What's your greatest strength?",
        "Why do you want to work here?",
        "Tell me about yourself.",
        "What do you know about our products?",
        "How do you handle stress?",  # a habit, not a scenario: fit, for the models to decide
        # A design question about software is technical: the technical words veto the case rule.
        "How would you design a URL shortener?",
        "How would you design the database for a library?",
        "How many people have you managed?",  # a fact about you, not an estimate
        "Tell me about your present role.",  # "present" is not a presentation
    ],
)
def test_other_questions_are_left_to_the_models(text: str) -> None:
    assert opening_category(text) is None


def test_a_story_about_pay_is_still_a_story() -> None:
    # Behavioral openings are checked before pay's words.
    assert opening_category("Tell me about a time you negotiated your salary.") == "behavioral"
    assert opening_category("What would you do with a counter-offer?") == "salary"


def test_rules_are_precise_on_the_bank() -> None:
    bank = examples(knowledge.questions())
    fired = [(label, opening_category(text)) for text, label in bank]
    decided = [(label, rule) for label, rule in fired if rule is not None]
    right = sum(label == rule for label, rule in decided)
    assert len(decided) >= 100  # the rules cover a good part of the bank
    assert right / len(decided) >= 0.95


def test_normalised_folds_case_space_and_curly_apostrophes() -> None:
    assert normalised("  What\u2019s   YOUR\tnotice ") == "what's your notice"
