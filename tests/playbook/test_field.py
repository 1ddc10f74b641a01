"""The employer's field told from the posting (nextround.playbook.field)."""

from __future__ import annotations

import pytest

from nextround.playbook.field import FIELD_LABELS, SIGNALS, detect_field


def test_a_nurse_manager_posting_is_clinical_with_its_evidence() -> None:
    found = detect_field(
        posting="Lead a busy ward: safe staffing, patient experience and infection control.",
        role_title="Nurse Manager",
        company="Northgate General Hospital",
    )
    assert found.field == "clinical"
    assert {"nurse", "hospital"} <= set(found.evidence)
    assert found.summary.startswith("Field: clinical (from: ")
    assert found.label == "clinical or care"


@pytest.mark.parametrize(
    ("role", "company", "posting", "field"),
    [
        ("Backend Engineer", "Parcelwise", "Build APIs for our SaaS platform.", "product"),
        ("Class Teacher", "Hill Primary School", "Plan lessons for pupils.", "education"),
        ("Head of Housing", "Leeds City Council", "Serve residents well.", "public"),
        ("Site Manager", "Castle Homes", "Manage subcontractors; CSCS card.", "trades"),
        ("Audit Senior", "Pryce LLP", "ACA or ACCA qualified.", "finance"),
        ("Fundraiser", "Brightpath Trust", "A charity for young carers.", "nonprofit"),
    ],
)
def test_fields_of_plain_postings(role: str, company: str, posting: str, field: str) -> None:
    assert detect_field(posting=posting, role_title=role, company=company).field == field


def test_nothing_to_go_on_is_general() -> None:
    found = detect_field(posting="Keep the office running smoothly.", role_title="Office Manager")
    assert found.field == "general"
    assert found.evidence == ()
    assert found.summary == "Field: general (nothing in the posting settles it)"


def test_a_close_call_is_general_not_a_guess() -> None:
    # "clients" (services, 2) against "patients" (clinical, 3): 3 is not 1.5 times 2.
    found = detect_field(posting="Our clients and their patients.")
    assert found.field == "general"
    assert dict(found.scores) == {"clinical": 3.0, "services": 2.0}


def test_whole_words_only_an_account_director_is_not_an_accountant() -> None:
    found = detect_field(role_title="Account Director", posting="Grow client accounts.")
    assert "finance" not in dict(found.scores)


def test_the_role_title_outweighs_the_posting() -> None:
    # "software" in the posting (3) against "nurse" in the title (3 x 3).
    found = detect_field(role_title="Nurse", posting="We use rostering software.")
    assert found.field == "clinical"
    assert dict(found.scores) == {"clinical": 9.0, "product": 3.0}


def test_interviewers_titles_count_as_evidence() -> None:
    plain = detect_field(posting="Lead the unit's team.")
    assert plain.field == "general"
    found = detect_field(posting="Lead the unit's team.", others=["Chief Nursing Officer"])
    assert found.field == "clinical"
    assert found.evidence[0] == "nursing"


def test_plurals_match_and_each_term_counts_once_per_place() -> None:
    found = detect_field(posting="Patients, patients and a patient.")
    assert dict(found.scores) == {"clinical": 3.0}  # below the minimum of 4
    assert found.field == "general"


def test_every_field_but_general_has_signals_and_a_label() -> None:
    assert set(SIGNALS) == set(FIELD_LABELS) - {"general"}
    assert all(SIGNALS.values())
