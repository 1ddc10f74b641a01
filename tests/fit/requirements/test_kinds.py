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
