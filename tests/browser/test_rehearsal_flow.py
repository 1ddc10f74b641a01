"""Rehearsal in the browser: a case session moved through its phases with a typed answer and
its feedback; a presentation plan whose over-long slide notes raise a warning."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nextround.interviews import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = """Is the goal to cut waste by weight or by cost? And across all sites?

I'd look at three areas: buying, cooking and serving. Let's assume the group buys 200,000 a \
month of food; 200,000 x 15% = 30,000 is thrown away. I assume half of that is over-ordering, \
so 30,000 x 50% = 16,000.

I recommend ordering daily from sales forecasts. The risk is running out of popular dishes; \
the next step is a four-week pilot in two kitchens."""


def test_a_case_session_through_its_phases_to_feedback(page: Page, user: User) -> None:
    page.goto("/practice/")
    page.get_by_role("link", name="Practise a case").click()
    page.get_by_label("Kind:", exact=True).select_option("operations")
    page.get_by_role("button", name="Show cases").click()
    page.get_by_role("button", name="Start: Food waste in a restaurant group").click()
    expect(page.get_by_test_id("case-prompt")).to_contain_text("throws away 15%")
    for phase in ("Clarify", "Structure", "Analyse", "Recommend"):
        page.get_by_role("button", name=f"Begin: {phase}").click()
        expect(page.get_by_test_id("current-phase")).to_contain_text(phase)
    expect(page.get_by_test_id("next-phase")).to_have_count(0)
    tree = "- Buying\n  - order size\n- Cooking\n- Serving"
    page.get_by_label("Scratch structure:", exact=True).fill(tree)
    page.get_by_label("Your answer:", exact=True).fill(ANSWER)
    page.get_by_role("button", name="Finish and see feedback").click()

    expect(
        page.get_by_role("heading", name="Feedback: Food waste in a restaurant group")
    ).to_be_visible()
    checks = page.get_by_test_id("case-checks")
    expect(checks).to_contain_text("200,000 x 15% = 30,000: right")
    expect(checks).to_contain_text("30,000 x 50% = 16,000: comes to 15,000")
    expect(checks).to_contain_text("You announced 3 branches")
    expect(page.get_by_test_id("phases")).to_contain_text("Recommend")


def test_a_presentation_plan_warns_about_an_over_long_slide(page: Page, user: User) -> None:
    opportunity = services.opportunity_create(
        owner=user, company="Harbor Logistics", role_title="Operations Analyst"
    )
    manager = services.person_create(
        opportunity=opportunity,
        name="Ines Park",
        title="Head of Operations",
        relation="hiring_manager",
    )
    round_ = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 3, 9, 30),
        ends=datetime(2026, 12, 3, 11, 0),
        timezone_name="Europe/London",
        format="presentation",
        attendees=[manager],
    )
    page.goto(f"/rounds/{round_.pk}/")
    page.get_by_role("link", name="Presentation plan").click()
    expect(page.get_by_test_id("audience")).to_contain_text("Ines Park")
    page.get_by_label("Slot (minutes)").fill("2")
    page.get_by_label("Their brief").fill("Show us how you would cut dwell time.")
    page.get_by_role("button", name="Save the plan").click()
    page.get_by_label("Title").fill("The problem")
    page.get_by_label("Speaker notes").fill("We measured every truck at the gate. " * 30)
    page.get_by_role("button", name="Add the slide").click()
    page.get_by_label("Title").fill("The plan")
    page.get_by_role("button", name="Add the slide").click()

    budgets = page.get_by_test_id("slide-budgets")
    expect(budgets).to_contain_text("210 / 150")
    expect(page.get_by_test_id("plan-warnings")).to_contain_text(
        "Slide 1 (The problem): the notes have 210 words; about 150 fit in 1:00"
    )


def test_rehearsal_pages_have_no_serious_accessibility_findings(page: Page, user: User) -> None:
    from axe_playwright_python.sync_playwright import Axe
    from django.utils import timezone

    from nextround.rehearsal.models import CaseSession, PresentationPlan
    from nextround.workspace.demo import demo_load

    demo_load(owner=user, now=timezone.now())
    session = CaseSession.objects.get(owner=user)
    plan = PresentationPlan.objects.get(owner=user)
    failures = {}
    for url in (
        "/cases/",
        "/cases/?field=clinical",
        f"/cases/sessions/{session.pk}/",
        f"/cases/sessions/{session.pk}/feedback/",
        f"/rounds/{plan.round_id}/presentation/",
    ):
        page.goto(url)
        violations = Axe().run(page).response["violations"]
        found = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
        if found:
            failures[url] = found
    assert failures == {}
    expect(page.get_by_test_id("plan-warnings")).to_contain_text("Slide 2 (What the scans show)")
