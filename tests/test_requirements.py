"""Requirement extraction from job postings, as plain Python. The postings below were written
for these tests; every expectation can be checked by reading the posting it refers to."""

from __future__ import annotations

import hashlib
import json
from itertools import pairwise
from typing import Any

import pytest

from nextround.fit.requirements import (
    KINDS,
    TERM_KINDS,
    Extraction,
    Requirement,
    Term,
    extract_requirements,
    extract_terms,
    term_spans,
)
from nextround.jsonform import json_form


def as_json(extraction: Extraction) -> Any:
    """The JSON the CLI prints for an extraction."""
    return json_form(extraction.report())


NURSING = """Registered Nurse – Medical/Surgical Unit

About Us
Riverside Community Hospital is a 240-bed teaching hospital serving the greater valley region.
We are proud to be an award-winning employer with a close-knit nursing team.

What You'll Do
- Assess, plan and deliver patient care for up to five patients per shift
- Administer medications and IV therapy safely, documenting everything in Epic
- Educate patients and families on discharge plans and follow-up care
- Respond to rapid response calls and escalate changes in patient condition

Requirements
• Current RN licence in the state, in good standing
• BLS and ACLS certification required
• At least 2 years of acute care experience
• Strong communication skills and attention to detail

Nice to have
* Bachelor of Science in Nursing (BSN)
* Experience with telemetry monitoring is a plus

Benefits
- Competitive salary from $38 per hour plus shift differentials
- Medical, dental and vision insurance

Riverside Community Hospital is an equal opportunity employer. All qualified applicants will
receive consideration for employment without regard to race, colour, religion, sex, national
origin, disability or veteran status.
"""

SALES = """Account Executive, Mid-Market (London)

Brightpath builds scheduling software for clinics across Europe. Since 2016 we have grown to
300 people and our customers book two million appointments a month through us.

The role
As an Account Executive you will own the full sales cycle for mid-market clinics. You will build
pipeline through outbound prospecting and inbound leads, run tailored product demonstrations,
and negotiate multi-year agreements with practice owners. You'll keep Salesforce up to date and
forecast your quarter accurately.

What we're looking for
You have at least 3 years of B2B SaaS sales experience with a track record of exceeding quota.
You are comfortable presenting to senior decision makers and handling objections. Experience
selling into healthcare is desirable. Fluency in German or French would be a bonus.

What we offer
Base salary of £55,000–£65,000 plus uncapped commission and 28 days holiday. To apply, send
your CV and a short cover letter to careers@brightpath.example.
"""

SOFTWARE = """# Senior Backend Engineer (Python)

## About the team
We're the payments platform team at Northwind, a fast-growing fintech.

## Responsibilities
1. Design, build and operate Python services on AWS that process card payments
2. Own the reliability of our PostgreSQL databases, including schema migrations
3. Review code and mentor two mid-level engineers

## Must have
- 5+ years of professional software development experience
- Deep knowledge of Python, Django or FastAPI, and SQL
- Familiarity with Docker, Kubernetes and CI/CD pipelines

## Nice to have
- Experience with PCI DSS compliance
- Go or Rust

## Benefits
- Remote-first, 25 days annual leave, learning budget

*Northwind is an equal opportunity employer and welcomes applicants from all backgrounds.*
"""

# Text as it comes out of a PDF: wrapped lines, headings ending with a colon, "·" bullets.
FINANCE = """FINANCIAL CONTROLLER
Harbour Foods Ltd – Bristol – Permanent

Harbour Foods is a family-owned food manufacturer supplying major UK
retailers. Following a period of strong growth we are looking for a
Financial Controller to lead our finance team of six.

Key Responsibilities:
· Prepare the monthly management accounts and board pack within five
working days of month end
· Manage the year-end audit and liaise with external auditors
· Oversee VAT returns, corporation tax computations and cash flow forecasting
· Improve financial controls and month-end processes in SAP

Qualifications:
· ACA, ACCA or CIMA qualified with at least 3 years post-qualification experience
· Advanced Excel skills, including pivot tables
· Experience in a manufacturing environment is essential
· Ideally you will have led a team through an ERP implementation

Salary: £60,000 - £70,000 plus 10% bonus and car allowance
How to apply: please send your CV to jobs@harbourfoods.example
"""

OPERATIONS = """Warehouse Operations Supervisor - Night Shift

Duties
1) Supervise a team of 15 pickers and loaders across the night shift
2) Carry out daily safety walks and investigate accidents and near misses
3) Track KPIs such as pick rate and on-time dispatch, and report them each morning
4) Lead continuous improvement using Lean methods

Essential:
- Previous supervisory experience in a warehouse or distribution centre
- Counterbalance or reach truck forklift licence
- Good IT skills (Excel, Outlook)

Desirable:
- IOSH certificate
- Six Sigma Green Belt
- Full UK driving licence

We are an equal opportunities employer and value diversity at our company.
Benefits: 33 days holiday, pension, free on-site parking.
"""


def requirement(extraction: Extraction, fragment: str) -> Requirement:
    """The one requirement whose text contains the fragment."""
    found = [r for r in extraction.requirements if fragment in r.text]
    assert len(found) == 1, (fragment, [r.text for r in extraction.requirements])
    return found[0]


def term_kinds(requirement: Requirement) -> dict[str, str]:
    return {term.text: term.kind for term in requirement.terms}


def has_term(requirement: Requirement, text: str, kind: str | None = None) -> bool:
    """A term of the requirement contains the text (and has the kind, when given)."""
    return any(text in t.text and (kind is None or t.kind == kind) for t in requirement.terms)


def no_requirement_mentions(extraction: Extraction, *fragments: str) -> bool:
    texts = " ".join(r.text.lower() for r in extraction.requirements)
    return not any(fragment.lower() in texts for fragment in fragments)


# -- kinds -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("posting", "fragment", "kind"),
    [
        (NURSING, "Administer medications", "responsibility"),
        (NURSING, "Educate patients", "responsibility"),
        (NURSING, "BLS and ACLS", "must-have"),
        (NURSING, "acute care", "must-have"),
        (NURSING, "Bachelor of Science", "nice-to-have"),
        (NURSING, "telemetry", "nice-to-have"),
        (SALES, "build pipeline", "responsibility"),
        (SALES, "B2B SaaS", "must-have"),
        (SALES, "selling into healthcare", "nice-to-have"),
        (SALES, "Fluency in German", "nice-to-have"),
        (SOFTWARE, "Review code", "responsibility"),
        (SOFTWARE, "Deep knowledge of Python", "must-have"),
        (SOFTWARE, "Go or Rust", "nice-to-have"),
        (FINANCE, "Manage the year-end audit", "responsibility"),
        (FINANCE, "CIMA qualified", "must-have"),
        (FINANCE, "manufacturing environment", "must-have"),
        (FINANCE, "ERP implementation", "nice-to-have"),
        (OPERATIONS, "safety walks", "responsibility"),
        (OPERATIONS, "forklift licence", "must-have"),
        (OPERATIONS, "driving licence", "nice-to-have"),
    ],
)
def test_kind_comes_from_heading_and_cue_words(posting: str, fragment: str, kind: str) -> None:
    assert requirement(extract_requirements(posting), fragment).kind == kind


def test_cue_words_decide_without_headings() -> None:
    extraction = extract_requirements(
        "- Manage supplier contracts across Europe\n"
        "- 3+ years of procurement experience\n"
        "- CIPS qualification preferred\n"
        "- Knowledge of SAP Ariba is a plus\n"
        "- A valid passport is required\n"
    )
    assert requirement(extraction, "supplier contracts").kind == "responsibility"  # verb first
    assert requirement(extraction, "procurement").kind == "must-have"
    assert requirement(extraction, "CIPS").kind == "nice-to-have"
    assert requirement(extraction, "SAP Ariba").kind == "nice-to-have"
    assert requirement(extraction, "passport").kind == "must-have"


def test_nice_cue_overrides_requirements_heading_and_as_required_is_no_must() -> None:
    extraction = extract_requirements(
        "Requirements\n- Experience with Tableau is a plus\n- Strong SQL\n\n"
        "Responsibilities\n- Travel to client sites as required\n"
    )
    assert requirement(extraction, "Tableau").kind == "nice-to-have"
    assert requirement(extraction, "Strong SQL").kind == "must-have"
    assert requirement(extraction, "Travel to client sites").kind == "responsibility"


# -- statements and boilerplate ----------------------------------------------------------------


def test_each_bullet_is_one_statement_even_when_wrapped() -> None:
    extraction = extract_requirements(FINANCE)
    prepare = requirement(extraction, "Prepare the monthly management accounts")
    assert prepare.text.endswith("working days of month end")
    assert len([r for r in extraction.requirements if r.kind == "responsibility"]) == 4


def test_prose_is_split_into_sentences() -> None:
    extraction = extract_requirements(SALES)
    build = requirement(extraction, "You will build pipeline")
    assert "Salesforce" not in build.text  # the next sentence is a statement of its own
    assert requirement(extraction, "You'll keep Salesforce").kind == "responsibility"


@pytest.mark.parametrize(
    ("posting", "fragments"),
    [
        (NURSING, ["equal opportunity", "without regard", "dental", "salary", "240-bed"]),
        (SALES, ["Base salary", "cover letter", "scheduling software for clinics", "300 people"]),
        (SOFTWARE, ["equal opportunity", "annual leave", "payments platform team"]),
        (FINANCE, ["£60,000", "send your CV", "family-owned", "we are looking for"]),
        (OPERATIONS, ["equal opportunities", "33 days holiday", "parking"]),
    ],
)
def test_boilerplate_is_not_a_requirement(posting: str, fragments: list[str]) -> None:
    assert no_requirement_mentions(extract_requirements(posting), *fragments)


def test_headings_are_not_requirements() -> None:
    extraction = extract_requirements(OPERATIONS)
    texts = {r.text for r in extraction.requirements}
    assert not texts & {"Duties", "Essential", "Desirable", "Warehouse Operations Supervisor"}
    assert not any(t.startswith("Warehouse Operations Supervisor") for t in texts)


def test_list_without_bullets_and_labelled_lines() -> None:
    extraction = extract_requirements(
        "Data Analyst\n\nSkills\nPython\nSQL\nTableau\n\nLocation: Leeds\nContract: Permanent\n"
    )
    assert [r.text for r in extraction.requirements] == ["Python", "SQL", "Tableau"]
    assert {r.kind for r in extraction.requirements} == {"must-have"}


def test_labelled_line_does_not_end_the_section() -> None:
    extraction = extract_requirements(
        "Requirements\n- Strong SQL and Python\nLocation: Leeds\n- Tableau dashboards\n"
    )
    assert [r.text for r in extraction.requirements] == [
        "Strong SQL and Python",
        "Tableau dashboards",
    ]


def test_wrapped_bullet_continues_even_with_a_capital() -> None:
    extraction = extract_requirements(
        "Responsibilities\n"
        "- Reconcile the intercompany balances every month and report differences to\n"
        "Group Finance before the close\n"
        "- Prepare VAT returns\n"
    )
    assert len(extraction.requirements) == 2
    assert extraction.requirements[0].text.endswith("Group Finance before the close")


def test_lines_without_bullets_are_one_statement_each() -> None:
    extraction = extract_requirements(
        "Requirements\n3+ years of experience in B2B sales\nStrong negotiation skills\n"
        "Valid driving licence\n"
    )
    assert [r.text for r in extraction.requirements] == [
        "3+ years of experience in B2B sales",
        "Strong negotiation skills",
        "Valid driving licence",
    ]
    assert has_term(extraction.requirements[2], "driving licence", "credential")


def test_bullets_run_into_one_line_are_split() -> None:
    extraction = extract_requirements("Requirements: • Python • SQL • Experience with Airflow")
    assert [r.text for r in extraction.requirements] == ["Python", "SQL", "Experience with Airflow"]


def test_repeated_statement_is_kept_once() -> None:
    extraction = extract_requirements("- Manage the team budget\n- Manage the team budget\n")
    assert len(extraction.requirements) == 1


# -- terms -------------------------------------------------------------------------------------


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


# -- key terms, keys, edge cases, JSON ---------------------------------------------------------


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
    assert as_json(extract_requirements("")) == {"requirements": [], "terms": []}


def test_json_lists_term_kinds_beside_the_terms_in_a_fixed_order() -> None:
    extraction = extract_requirements(NURSING)
    data = as_json(extraction)
    assert list(data) == ["requirements", "terms"]
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
