"""A posting's requirements and key terms (nextround.fit.requirements.extraction): the order of
the key terms, stable keys, repeated statements, empty and long postings, and the JSON the CLI
prints."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from nextround.fit.requirements import KINDS, Extraction, extract_requirements
from nextround.jsonform import json_form
from tests.fit.requirements.helpers import FINANCE, NURSING, OPERATIONS, SALES, SOFTWARE


def as_json(extraction: Extraction) -> Any:
    """The JSON the CLI prints for an extraction."""
    return json_form(extraction.report())


def test_repeated_statement_is_kept_once() -> None:
    extraction = extract_requirements("- Manage the team budget\n- Manage the team budget\n")
    assert len(extraction.requirements) == 1


def test_key_terms_put_must_haves_before_nice_to_haves() -> None:
    terms = extract_requirements(SOFTWARE).terms
    assert "Python" in terms and "Rust" in terms
    assert terms.index("Python") < terms.index("Rust")
    assert terms.index("Django") < terms.index("Go")
    nursing = extract_requirements(NURSING).terms
    assert nursing.index("BLS") < nursing.index("telemetry monitoring")


def test_key_terms_are_few_and_distinct() -> None:
    posting = "\n\n".join((NURSING, SALES, SOFTWARE, FINANCE, OPERATIONS))
    terms = extract_requirements(posting).terms
    assert 0 < len(terms) <= 25
    assert len({t.lower() for t in terms}) == len(terms)


def test_keys_are_stable_and_ignore_case_and_punctuation() -> None:
    first = extract_requirements("- Manage the team budget").requirements[0]
    second = extract_requirements("Duties\n* manage the  team budget.").requirements[0]
    other = extract_requirements("- Manage the marketing budget").requirements[0]
    assert first.key == second.key != other.key
    assert first.key == hashlib.sha1(b"manage the team budget").hexdigest()[:12]


@pytest.mark.parametrize("posting", ["", "   ", "\n\t \n"])
def test_empty_posting_gives_empty_extraction(posting: str) -> None:
    assert extract_requirements(posting) == Extraction(requirements=(), terms=())


def test_as_json_shape() -> None:
    extraction = extract_requirements(NURSING)
    data = as_json(extraction)
    assert set(data) >= {"requirements", "terms"}
    assert data["terms"] == list(extraction.terms)
    assert len(data["requirements"]) == len(extraction.requirements)
    for item, r in zip(data["requirements"], extraction.requirements, strict=True):
        assert {"text", "kind", "terms"} <= set(item)
        assert item["text"] == r.text and item["kind"] == r.kind
        assert item["terms"] == [t.text for t in r.terms]
        assert all(isinstance(t, str) for t in item["terms"])
    assert json.loads(json.dumps(data)) == data
    assert as_json(extract_requirements("")) == {
        "requirements": [],
        "terms": [],
        "facts": {
            "pay": None,
            "locations": [],
            "work_setting": None,
            "schedule": [],
            "employment_types": [],
        },
    }


def test_json_lists_term_kinds_beside_the_terms_in_a_fixed_order() -> None:
    extraction = extract_requirements(NURSING)
    data = as_json(extraction)
    assert list(data) == ["requirements", "terms", "facts"]
    for item, r in zip(data["requirements"], extraction.requirements, strict=True):
        assert item == {
            "key": r.key,
            "text": r.text,
            "kind": r.kind,
            "terms": [t.text for t in r.terms],
            "term_kinds": [t.kind for t in r.terms],
        }
        assert list(item) == ["key", "text", "kind", "terms", "term_kinds"]


def test_long_posting_is_extracted() -> None:
    posting = "\n\n".join((NURSING, SALES, SOFTWARE, FINANCE, OPERATIONS))
    assert len(posting.split()) >= 700
    extraction = extract_requirements(posting)
    assert len(extraction.requirements) >= 40
    assert {r.kind for r in extraction.requirements} == set(KINDS)


def test_key_terms_are_names_and_noun_phrases_not_bare_verbs() -> None:
    terms = extract_requirements(
        "Responsibilities\n"
        "- Keep a healthy pipeline in Salesforce\n"
        "- Build and maintain dashboards in Looker\n"
        "- Give medications and IV therapy\n"
        "- Ensure compliance with HIPAA\n\n"
        "Requirements\n"
        "- Track record of hitting quota\n"
        "- 3+ years closing in B2B SaaS\n"
        "- Able to prioritise a changing workload\n"
        "- Experience with purchase orders\n"
    ).terms
    lowered = {t.lower() for t in terms}
    for verb in ("keep", "build", "maintain", "hitting", "ensure", "give", "closing"):
        assert not any(t.split()[0] == verb for t in lowered), (verb, terms)
    assert {"Salesforce", "Looker", "quota", "B2B SaaS", "HIPAA"} <= set(terms)
    assert "purchase orders" in terms  # a noun phrase where no verb stands
    assert "workload" in lowered or "changing workload" in lowered


def test_a_verb_alone_gives_no_key_term() -> None:
    extraction = extract_requirements("Responsibilities\n- Support\n- Hit targets\n- Go\n")
    assert "Support" not in extraction.terms
    assert "targets" in extraction.terms


def test_a_requirements_names_leave_out_its_verbs() -> None:
    (duty,) = extract_requirements(
        "Responsibilities\n- Build and keep up the weekly capacity forecast in Excel\n"
    ).requirements
    assert [t.text for t in duty.terms][:2] == ["Build", "keep"]  # as the spans read
    assert [t.text for t in duty.names()] == ["capacity forecast", "Excel"]


def test_a_listed_name_whose_first_word_reads_as_a_verb_stays_whole() -> None:
    terms = extract_requirements(
        "Requirements\n"
        "- Five years in supply chain or logistics analytics\n"
        "- Experience with change management and process improvement\n"
        "- Cost control in a busy kitchen\n"
        "- Manage stock control for two sites\n"
    ).terms
    lowered = {t.lower() for t in terms}
    assert {"supply chain", "change management", "process improvement", "cost control"} <= lowered
    assert "stock control" in lowered  # not "stock", cut at the vague "control"
    assert not {"chain", "management", "improvement"} & lowered


def test_a_capital_that_only_opens_the_sentence_is_not_kept() -> None:
    extraction = extract_requirements(
        "Requirements\n"
        "- Patience and empathy when caring for older people\n"
        "- Resilience under pressure on a busy ward\n"
        "- Salesforce experience for the sales team\n"
        "- NVQ Level 3 in Health and Social Care\n"
        "- Confluence for team documentation\n"
        "Responsibilities\n"
        "- Cost control on agency staffing\n"
    )
    terms = set(extraction.terms)
    assert {"patience", "resilience", "cost control"} <= terms
    assert not {"Patience", "Resilience", "Cost control"} & terms
    # names keep their capitals, at a sentence's start or not
    assert {"Salesforce", "NVQ", "Social Care", "Confluence"} <= terms


def test_a_possessive_left_without_its_noun_is_no_key_term() -> None:
    (duty,) = extract_requirements(
        "Responsibilities\n- Keep agency spend within the home's budget\n"
    ).requirements
    assert not any(name.text.endswith("'s") for name in duty.names()), duty.names()
