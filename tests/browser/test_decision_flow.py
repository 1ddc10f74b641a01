"""The fit scorecard and the decision in the browser: score the manager, link two observations
to the score (a round's note and an answer heard), see the gap close; then the decision page
shows the flip margin worked by hand."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from nextround.decision import services as decision
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity, Person, Round
from nextround.prep import services as prep

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_score_with_two_observations_then_the_flip_margin(
    page: Page, user: User, opportunity: Opportunity, rounds: list[Round], people: list[Person]
) -> None:
    note = interviews.note_create(
        round_=rounds[0], kind="feedback", person=people[0], text="Dana gave straight feedback."
    )
    ask = prep.ask_create(round_=rounds[1], person=people[0], text="How do you run one-on-ones?")
    prep.ask_update(item=ask, answer="Weekly, and the agenda is mine.")

    page.goto(f"/opportunities/{opportunity.pk}/fit/")
    gaps = page.get_by_test_id("evidence-gaps")
    expect(gaps).to_contain_text("The manager's style")
    manager = page.get_by_test_id("criterion-manager")
    manager.get_by_label("4", exact=True).check()
    manager.get_by_role("button", name="Save the score").click()
    manager = page.get_by_test_id("criterion-manager")
    expect(manager.get_by_test_id("score")).to_have_text("4 / 5")
    for source in (f"note:{note.pk}", f"ask:{ask.pk}"):
        page.get_by_test_id("criterion-manager").get_by_label("Observation").select_option(source)
        page.get_by_test_id("criterion-manager").get_by_role(
            "button", name="Link as evidence"
        ).click()
    evidence = page.get_by_test_id("criterion-manager").get_by_test_id("evidence").locator("li")
    expect(evidence).to_have_count(2)
    expect(evidence.nth(0)).to_contain_text("Dana gave straight feedback.")
    expect(evidence.nth(1)).to_contain_text("Weekly, and the agenda is mine.")
    expect(page.get_by_test_id("evidence-gaps")).not_to_contain_text("The manager's style")

    # Northwind: manager 4, the rest 3: 3.15. Contoso: growth 5, the rest 3: 3.20, ahead.
    # Weighing growth at v, Contoso = (5v + 3(100 - v))/100 and Northwind = (3v + (100 - v)
    # × 285/90)/100: level at v = 100/13 ≈ 7.7, lower by 2.3; at 7 Northwind leads.
    rival = interviews.opportunity_create(owner=user, company="Contoso", role_title="Lead")
    decision.score_save(opportunity=rival, criterion="growth", score=5, note="")
    page.get_by_role("link", name="Decide", exact=True).click()
    expect(page.get_by_test_id("standings").locator("tbody tr").first).to_contain_text("Contoso")
    margin = page.get_by_test_id("flip-margin")
    expect(margin).to_contain_text("The flip margin is 2.3 points of weight")
    expect(margin).to_contain_text("lower “Growth” from 10 to 7.7")
    expect(margin).to_contain_text(
        "Northwind Health — Operations Analyst draws level with Contoso — Lead; at 7 it leads"
    )
    expect(page.get_by_test_id("decision-chart").locator("svg g.option")).to_have_count(2)
