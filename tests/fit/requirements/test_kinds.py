"""A statement's kind (nextround.fit.requirements.kinds): a responsibility, a must-have or a
nice-to-have, from the heading above it and its own cue words."""

from __future__ import annotations

import pytest

from nextround.fit.requirements import extract_requirements
from tests.fit.requirements.helpers import (
    FINANCE,
    NURSING,
    OPERATIONS,
    SALES,
    SOFTWARE,
    requirement,
)


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


def test_a_line_saying_something_is_not_needed_is_no_must_have() -> None:
    extraction = extract_requirements(
        "Requirements\n- Safeguarding training\n- Salesforce knowledge is not needed\n"
    )
    assert requirement(extraction, "Safeguarding").kind == "must-have"
    assert requirement(extraction, "Salesforce").kind == "nice-to-have"


# The shapes of the report in issue 12: headings decide before cue words.
ISSUE_POSTING = """Based in Philadelphia, Quillstone is a logistics software company.
Quillstone has a team of 9,500 people on four continents.

Required
- Build relationships with shippers in the Northeast
- Manage a book of 40 accounts
- 3+ years closing in B2B SaaS

Requirements:
- 3+ years closing in B2B SaaS, ideally in freight
- Keep CRM notes current in HubSpot

Preferred
- Experience selling to 3PLs

Responsibilities
- 2+ years of quota attainment reporting to leadership
- Prospect new shippers; Spanish is a plus

Job Type: Full-time
Pay: $70,000.00 - $85,000.00 per year
Schedule: Monday to Friday
Work Location: Hybrid remote in Philadelphia, PA 19103
"""


@pytest.mark.parametrize(
    ("fragment", "kind"),
    [
        ("Build relationships", "must-have"),  # verb-led, yet under "Required"
        ("Manage a book", "must-have"),
        ("ideally in freight", "must-have"),  # "ideally" within the line qualifies a part
        ("Keep CRM notes", "must-have"),
        ("selling to 3PLs", "nice-to-have"),
        ("quota attainment", "responsibility"),  # "2+ years" does not beat the heading
        ("Spanish is a plus", "nice-to-have"),  # an explicit "a plus" does
    ],
)
def test_the_heading_decides_first(fragment: str, kind: str) -> None:
    assert requirement(extract_requirements(ISSUE_POSTING), fragment).kind == kind


def test_company_lines_and_labelled_lines_are_no_requirements() -> None:
    texts = [r.text for r in extract_requirements(ISSUE_POSTING).requirements]
    assert len(texts) == 9  # "Prospect new shippers; Spanish is a plus" is two
    for fragment in ("Quillstone", "9,500", "Full-time", "$70,000", "Monday", "Hybrid"):
        assert not any(fragment in t for t in texts), fragment


@pytest.mark.parametrize(
    "heading",
    [
        "## Requirements",
        "**Requirements**",
        "Requirements:",
        "REQUIREMENTS",
        "__What we ask__",
        "Minimum qualifications:",
        "You should have",
    ],
)
def test_headings_written_in_many_ways(heading: str) -> None:
    extraction = extract_requirements(
        f"{heading}\nLead the weekly stock count\n\nNice to have\nForklift licence\n"
    )
    assert requirement(extraction, "stock count").kind == "must-have"
    assert requirement(extraction, "Forklift").kind == "nice-to-have"


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("What you'll do", "responsibility"),
        ("DUTIES:", "responsibility"),
        ("In this job you will", "responsibility"),
        ("Preferred qualifications", "nice-to-have"),
        ("Bonus points", "nice-to-have"),
        ("Essential", "must-have"),
    ],
)
def test_each_heading_names_its_kind(heading: str, kind: str) -> None:
    extraction = extract_requirements(f"{heading}\n- Five years of ward experience\n")
    assert requirement(extraction, "ward experience").kind == kind


def test_a_role_heading_leaves_the_kind_to_cue_words() -> None:
    extraction = extract_requirements(
        "About the role\n"
        "- Run the evening shift on a 30-bed ward\n"
        "- At least 2 years of post-registration experience\n"
        "- Telemetry experience is a plus\n"
    )
    assert requirement(extraction, "evening shift").kind == "responsibility"
    assert requirement(extraction, "post-registration").kind == "must-have"
    assert requirement(extraction, "Telemetry").kind == "nice-to-have"


def test_experience_of_is_an_item_not_a_heading() -> None:
    extraction = extract_requirements(
        "Desirable\nExperience of non-invasive ventilation\nMentorship course\n"
    )
    assert requirement(extraction, "non-invasive").kind == "nice-to-have"
    assert requirement(extraction, "Mentorship").kind == "nice-to-have"
