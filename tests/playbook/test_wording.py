"""Bank text worded for the employer's field (nextround.playbook.wording), and the whole bank
checked in every field's words."""

from __future__ import annotations

import re

import pytest

from nextround.playbook import knowledge
from nextround.playbook.field import detect_field
from nextround.playbook.knowledge import FIELDS, suits
from nextround.playbook.wording import (
    PLAIN,
    Wording,
    all_wordings,
    end_sentence,
    wording_for,
)

CLINICAL = Wording("clinical", "hospital", "patients", "patient")
DOUBLED = re.compile(r"\.\.|\?\.|!\.|\.\?|\.!|\s[.?!,]")


def every_text() -> list[tuple[str, list[knowledge.FieldTag], str]]:
    found: list[tuple[str, list[knowledge.FieldTag], str]] = []
    for q in knowledge.questions():
        found += [(q.id, q.fields, t) for t in (q.text, *q.variants)]
    found += [(a.id, a.fields, a.text) for a in knowledge.asks()]
    return found


def test_plain_wording_changes_nothing() -> None:
    assert all(PLAIN.word(text) == text for _, _, text in every_text())


def test_the_company_becomes_the_hospital_and_customers_patients() -> None:
    said = "Where do you want the company to be, and how are your customers' needs changing?"
    assert CLINICAL.word(said) == (
        "Where do you want the hospital to be, and how are your patients' needs changing?"
    )
    assert CLINICAL.word("The company's values. A company our size. Customer first.") == (
        "The hospital's values. A hospital our size. Patient first."
    )


def test_articles_follow_the_new_noun() -> None:
    agency = Wording("public", "agency", "residents", "resident")
    assert agency.word("a company our size") == "an agency our size"


def test_the_candidates_own_employer_keeps_its_word() -> None:
    said = "If your company offered you more to stay, would you?"
    assert CLINICAL.word(said) == said


def test_the_business_is_the_organisation_only_where_business_is_the_wrong_word() -> None:
    assert CLINICAL.word("What worries you about our business?") == (
        "What worries you about our hospital?"
    )
    firm = Wording("services", "firm", "clients", "client")
    assert firm.word("What worries you about our business?") == (
        "What worries you about our business?"
    )
    assert firm.word("A difficult customer.") == "A difficult client."


def test_the_posting_names_the_organisation_and_the_people_it_serves() -> None:
    posting = "A 60-bed nursing home. Residents and their families come first; residents say so."
    guess = detect_field(posting=posting, role_title="Deputy Manager, nursing home")
    assert guess.field == "clinical"
    found = wording_for(guess, posting=posting, company="Willow Court")
    assert (found.org, found.served, found.served_one) == ("home", "residents", "resident")


def test_the_employers_name_is_the_first_clue_to_the_organisation() -> None:
    guess = detect_field(role_title="Nurse", company="Northgate Hospital")
    found = wording_for(guess, posting="Join our clinic team.", company="Northgate Hospital")
    assert found.org == "hospital"
    assert found.served == "patients"  # the field's usual people when the posting names none


def test_without_clues_the_field_default_is_used() -> None:
    guess = detect_field(role_title="Teacher", posting="Plan lessons for the curriculum.")
    assert wording_for(guess, posting="").org == "school"
    assert wording_for(detect_field(), posting="").org == "company"


def test_end_sentence_closes_once() -> None:
    assert end_sentence("Asked in round 1") == "Asked in round 1."
    assert end_sentence("Use numbers. ") == "Use numbers."
    assert end_sentence("Why?") == "Why?"
    assert end_sentence("Really?.") == "Really?"
    assert end_sentence("And then..") == "And then."


def test_no_doubled_full_stops_in_the_bank() -> None:
    entries: list[knowledge.Question | knowledge.Ask | knowledge.ChecklistItem] = [
        *knowledge.questions(),
        *knowledge.asks(),
        *knowledge.checklist(),
    ]
    for entry in entries:
        for name in ("text", "testing", "approach", "why", "title", "detail"):
            value = getattr(entry, name, "")
            assert not DOUBLED.search(value), f"{entry.id}.{name}: {value}"
        for variant in getattr(entry, "variants", ()):
            assert not DOUBLED.search(variant), f"{entry.id}: {variant}"


@pytest.mark.parametrize("wording", list(all_wordings()), ids=repr)
def test_every_wording_of_the_bank_reads_cleanly(wording: Wording) -> None:
    for entry_id, _, text in every_text():
        said = wording.word(text)
        assert not DOUBLED.search(said), f"{entry_id}: {said}"
        assert "  " not in said and said[0].isupper(), f"{entry_id}: {said}"


# Words that belong to a company selling things; none should reach a hospital, a council, a
# school or a charity. ("buy" stays: "if we don't buy your recommendation" is fine anywhere.)
COMMERCIAL_WORDS = re.compile(
    r"\b(compan\w*|products?|customers?|business\w*|sales|revenue|profit\w*|competitors?|"
    r"market\w*|churn|investors?|margins?|pric\w+|features?)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("field", ["clinical", "public", "education", "nonprofit"])
def test_what_is_offered_outside_commerce_has_no_commercial_words(field: str) -> None:
    for wording in all_wordings():
        if wording.field != field:
            continue
        entries: list[knowledge.Question | knowledge.Ask] = [
            *knowledge.questions(),
            *knowledge.asks(),
        ]
        for entry in entries:
            if suits(entry.fields, wording.field):
                said = wording.word(entry.text)
                assert not COMMERCIAL_WORDS.search(said), f"{entry.id}: {said}"


def test_product_questions_are_for_product_companies_only() -> None:
    ideas = next(q for q in knowledge.questions() if q.id == "approach-product-ideas")
    tried = next(q for q in knowledge.questions() if q.id == "company-our-products")
    assert [f for f in FIELDS if suits(ideas.fields, f)] == ["product"]
    assert [f for f in FIELDS if suits(tried.fields, f)] == ["product", "retail"]
