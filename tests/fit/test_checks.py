"""Requirements to check against the CV (nextround.fit.checks)."""

from __future__ import annotations

import pytest

from nextround.fit.checks import check_kind


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Current RN licence with BLS and ACLS certification", "credential"),
        ("BSN required", "credential"),
        ("CPA or ACCA qualified", "credential"),
        ("Degree in computer science or equivalent experience", "credential"),
        ("Valid CDL class A", "credential"),
        ("At least two years of acute care experience", "years"),
        ("3+ years of B2B SaaS sales experience", "years"),
        ("Five years of post-qualification experience", "years"),
        ("Must be eligible to work in the UK without sponsorship", "authorisation"),
        ("Right to work in Ireland", "authorisation"),
        ("Willing to travel up to 30% to client sites", "location"),
        ("Full driving licence", "location"),
        ("Available for night and weekend shifts", "location"),
        ("Hybrid, two days a week in our Leeds office", "location"),
    ],
)
def test_what_a_story_cannot_prove_is_a_check(text: str, kind: str) -> None:
    assert check_kind(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        "Track record of hitting quota",
        "Experience in ICU, NICU, ER or OR",
        "Assist surgeons during operations",
        "Maintain certification records for the whole team",
        "Run cycle counts and keep inventory accurate in the WMS",
        "Prepare VAT returns and support the annual audit",
    ],
)
def test_what_a_story_can_show_is_no_check(text: str) -> None:
    assert check_kind(text) is None


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Lead a team of 45 RNs across day and night shifts", None),  # a duty a story shows
        ("Run the night shift handover for the ward", None),
        ("Keep a current BLS certification", "credential"),
        ("Work rotating weekends and night shifts", "location"),
        ("Hold a valid HGV licence", "credential"),
    ],
)
def test_a_duty_is_a_cv_check_only_when_it_is_to_hold_or_work_it(
    text: str, kind: str | None
) -> None:
    assert check_kind(text, duty=True) == kind
    assert check_kind(text) is not None  # the same words as a must-have are checked
