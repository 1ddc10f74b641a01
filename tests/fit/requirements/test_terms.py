"""The terms a statement names (nextround.fit.requirements.terms): skills, tools, credentials and
domains, trimmed of grading words and frames."""

from __future__ import annotations

from itertools import pairwise

from nextround.fit.requirements import (
    KINDS,
    TERM_KINDS,
    Requirement,
    Term,
    extract_requirements,
    extract_terms,
    term_spans,
)
from tests.fit.requirements.helpers import (
    FINANCE,
    NURSING,
    OPERATIONS,
    SALES,
    SOFTWARE,
    has_term,
    requirement,
)


def term_kinds(requirement: Requirement) -> dict[str, str]:
    return {term.text: term.kind for term in requirement.terms}


def test_tools_credentials_and_skills_of_a_nursing_posting() -> None:
    extraction = extract_requirements(NURSING)
    assert term_kinds(requirement(extraction, "Administer medications"))["Epic"] == "tool"
    bls = requirement(extraction, "BLS and ACLS")
    assert term_kinds(bls)["BLS"] == "credential"
    assert has_term(bls, "ACLS", "credential")
    assert has_term(requirement(extraction, "RN licence"), "RN", "credential")
    soft = requirement(extraction, "communication skills")
    assert has_term(soft, "communication skills")
    assert has_term(soft, "attention to detail")
    assert has_term(requirement(extraction, "acute care"), "acute care")


def test_tools_of_a_software_posting() -> None:
    extraction = extract_requirements(SOFTWARE)
    kinds = term_kinds(requirement(extraction, "Deep knowledge"))
    for tool in ("Python", "Django", "FastAPI", "SQL"):
        assert kinds[tool] == "tool"
    docker = term_kinds(requirement(extraction, "Docker"))
    assert docker["Docker"] == docker["Kubernetes"] == "tool"
    assert term_kinds(requirement(extraction, "Go or Rust")) == {"Go": "tool", "Rust": "tool"}


def test_credentials_and_tools_of_a_finance_posting() -> None:
    extraction = extract_requirements(FINANCE)
    qualified = requirement(extraction, "CIMA qualified")
    for body in ("ACA", "ACCA", "CIMA"):
        assert has_term(qualified, body, "credential")
    assert has_term(requirement(extraction, "Advanced Excel"), "Excel", "tool")
    assert has_term(requirement(extraction, "in SAP"), "SAP", "tool")
    assert has_term(requirement(extraction, "cash flow"), "cash flow forecasting")


def test_licences_and_skills_of_an_operations_posting() -> None:
    extraction = extract_requirements(OPERATIONS)
    assert has_term(requirement(extraction, "forklift"), "forklift licence", "credential")
    assert has_term(requirement(extraction, "UK driving"), "driving licence", "credential")
    it_skills = term_kinds(requirement(extraction, "IT skills"))
    assert it_skills["Excel"] == it_skills["Outlook"] == "tool"
    assert has_term(requirement(extraction, "Six Sigma"), "Six Sigma")


def test_sales_skills_are_phrases() -> None:
    extraction = extract_requirements(SALES)
    pipeline = requirement(extraction, "You will build pipeline")
    assert has_term(pipeline, "outbound prospecting")
    assert has_term(pipeline, "negotiate multi-year agreements")
    assert term_kinds(requirement(extraction, "Salesforce"))["Salesforce"] == "tool"
    assert has_term(requirement(extraction, "handling objections"), "handling objections")
    languages = term_kinds(requirement(extraction, "German"))
    assert "German" in languages and "French" in languages


def test_verb_phrase_after_ability_to() -> None:
    terms = [t.text for t in extract_terms("Ability to negotiate contracts with suppliers")]
    assert any(t.startswith("negotiate contracts") for t in terms)
    assert "Ability" not in " ".join(terms)


def test_grading_words_and_frames_are_trimmed() -> None:
    terms = [t.text for t in extract_terms("Excellent attention to detail and strong Excel skills")]
    assert "attention to detail" in terms
    assert not any(t.lower().startswith(("excellent", "strong")) for t in terms)
    assert any("Excel" in t for t in terms)


def test_personal_qualities_stand_alone() -> None:
    terms = {t.text for t in extract_terms("A proactive, flexible and resilient approach")}
    assert terms == {"proactive", "flexible", "resilient"}


def test_job_titles_are_not_terms() -> None:
    terms = [t.text for t in extract_terms("Reporting to the Finance Director, reconcile ledgers")]
    assert not any("Director" in t for t in terms)
    assert any(t.startswith("reconcile ledgers") for t in terms)


def test_degree_and_licence_are_credentials() -> None:
    terms = extract_terms("Bachelor's degree in accounting and a CPA licence")
    credentials = [t.text for t in terms if t.kind == "credential"]
    assert any("Bachelor's degree" in t for t in credentials)
    assert any("CPA" in t for t in credentials)


def test_term_spans_match_extract_terms() -> None:
    tokens = ["Strong", "knowledge", "of", "SQL", "and", "experience", "managing", "vendors"]
    spans = term_spans(tokens)
    assert spans == sorted(spans)
    assert all(0 <= start < end <= len(tokens) for start, end in spans)
    assert all(a[1] <= b[0] for a, b in pairwise(spans))  # no overlap
    from_spans = [" ".join(tokens[start:end]) for start, end in spans]
    assert from_spans == [t.text for t in extract_terms(" ".join(tokens))]
    assert "SQL" in from_spans and "managing vendors" in from_spans


def test_term_kinds_are_known() -> None:
    for posting in (NURSING, SALES, SOFTWARE, FINANCE, OPERATIONS):
        for r in extract_requirements(posting).requirements:
            assert r.kind in KINDS
            assert all(isinstance(t, Term) and t.kind in TERM_KINDS for t in r.terms)
            assert all(t.text in r.text for t in r.terms)  # as written in the statement
