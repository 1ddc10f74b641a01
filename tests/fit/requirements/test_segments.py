"""A posting cut into statements (nextround.fit.requirements.segments): bullets, wrapped lines,
prose sentences and headings, and the boilerplate that is no requirement."""

from __future__ import annotations

import pytest

from nextround.fit.requirements import Extraction, extract_requirements
from tests.fit.requirements.helpers import (
    FINANCE,
    NURSING,
    OPERATIONS,
    SALES,
    SOFTWARE,
    has_term,
    requirement,
)


def no_requirement_mentions(extraction: Extraction, *fragments: str) -> bool:
    texts = " ".join(r.text.lower() for r in extraction.requirements)
    return not any(fragment.lower() in texts for fragment in fragments)


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


@pytest.mark.parametrize(
    "heading",
    [
        "Who we are",
        "About Harbor & Vine",
        "Benefits",
        "What we offer",
        "Perks",
        "Compensation",
        "Salary",
        "Schedule",
        "Shifts",
        "Hours",
        "Location",
        "Work setting",
        "How to apply",
        "Equal opportunity",
    ],
)
def test_sections_that_state_no_requirements(heading: str) -> None:
    extraction = extract_requirements(
        f"Requirements\n- Food safety certificate\n\n{heading}\n- Weekend rota with 12 staff\n"
        "- Use of our gym and a team lunch on Fridays\n"
    )
    assert [r.text for r in extraction.requirements] == ["Food safety certificate"]


@pytest.mark.parametrize(
    "line",
    [
        "Job Type: Full-time",
        "Pay: $70,000–$85,000 per year",
        "Schedule: 8 hour shift, Monday to Friday",
        "Work Location: Hybrid remote in Austin, TX",
        "**Shift:** Nights",
        "- Employment type: Contract",
        "Travel: up to 10% across the region",
    ],
)
def test_labelled_fact_lines_are_no_requirements(line: str) -> None:
    extraction = extract_requirements(f"Requirements\n- Two years of SQL\n{line}\n- Tableau\n")
    assert [r.text for r in extraction.requirements] == ["Two years of SQL", "Tableau"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Based in Philadelphia, Corbel Health is a network of 12 clinics.",
        "Corbel Health has a team of 9,500 people.",
        "Founded in 1998, Marlow & Finch makes garden tools.",
        "We are an equal opportunity employer.",
        "We are adding a Staff Accountant to our finance team.",
        "This is a permanent, full-time post of 37.5 hours per week.",
    ],
)
def test_sentences_about_the_employer_or_terms_are_no_requirements(sentence: str) -> None:
    for posting in (sentence, f"Responsibilities\n{sentence}\n- Run the payroll"):
        texts = [r.text for r in extract_requirements(posting).requirements]
        assert sentence.rstrip(".") not in texts and sentence not in texts


@pytest.mark.parametrize(
    "line",
    [
        "Must have run purchasing in SAP Ariba",
        "Should have built dashboards in Tableau",
        "Proven have delivered two plant shutdowns",
    ],
)
def test_a_modal_or_an_adjective_at_the_start_is_no_company_name(line: str) -> None:
    texts = [r.text for r in extract_requirements(f"Requirements\n- {line}\n").requirements]
    assert texts == [line]


def test_a_requirement_that_names_its_subject_stays() -> None:
    extraction = extract_requirements(
        "Requirements\n- Python is a must\n- Experience with Kafka is a plus\n"
        "- We are looking for 5 years of Java experience\n"
    )
    assert len(extraction.requirements) == 3


def test_a_list_without_bullets_is_one_statement_a_line() -> None:
    extraction = extract_requirements(
        "WHAT YOU WILL DO\n"
        "Lead a crew of twelve through receiving, picking and loading\n"
        "Check that every load matches its bill of lading before it leaves\n"
        "Coach new starters on safe lifting and on equipment use\n"
    )
    assert len(extraction.requirements) == 3
    assert {r.kind for r in extraction.requirements} == {"responsibility"}


def test_an_inline_heading_governs_its_own_paragraph() -> None:
    extraction = extract_requirements(
        "What we hope you bring: four years in logistics analytics; strong SQL.\n\n"
        "Hybrid schedule, three days a week at our Leeds office. The salary band is shared on "
        "the first call, and we answer every applicant within two weeks.\n"
    )
    assert [r.text for r in extraction.requirements] == [
        "four years in logistics analytics; strong SQL."
    ]
    assert extraction.facts.work_setting == "hybrid"


def test_bullets_after_an_inline_heading_stay_under_it() -> None:
    extraction = extract_requirements(
        "Requirements: you will need the following.\n\n- Forklift licence\n- Night shifts\n"
    )
    assert {r.text: r.kind for r in extraction.requirements} == {
        "you will need the following.": "must-have",
        "Forklift licence": "must-have",
        "Night shifts": "must-have",
    }


def test_a_list_run_into_one_sentence_under_a_heading_gives_one_requirement_an_item() -> None:
    posting = (
        "We are a family bakery; our bread sells out by noon.\n\n"
        "What you will do: shape and bake the morning loaves; keep the proving room logs; "
        "and train two apprentices in laminated doughs.\n\n"
        "Skills: sourdough; rye.\n"
    )
    found = [(r.kind, r.text) for r in extract_requirements(posting).requirements]
    assert found == [
        ("responsibility", "Shape and bake the morning loaves"),
        ("responsibility", "Keep the proving room logs"),
        ("responsibility", "Train two apprentices in laminated doughs"),
        ("must-have", "sourdough; rye."),  # items of a word or two stay together
    ]


def test_a_bullet_that_asks_for_one_thing_and_prefers_another_gives_two() -> None:
    found = extract_requirements("Required\n- BSN; MSN preferred\n- SQL; Python\n").requirements
    assert [(r.kind, r.text) for r in found] == [
        ("must-have", "BSN"),
        ("nice-to-have", "MSN preferred"),
        ("must-have", "SQL; Python"),  # a list of skills stays one line
    ]
