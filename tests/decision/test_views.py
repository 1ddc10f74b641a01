"""The scorecard and decision pages: GET renders, POST answers 303 or, with errors, 400 with the
message and nothing saved; someone else's records are 404."""

from __future__ import annotations

import email
import email.policy
from decimal import Decimal

from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client

from nextround.decision import services
from nextround.decision.models import Decision, Evidence, Score, Scorecard
from nextround.interviews import services as interviews
from nextround.interviews.models import Opportunity
from nextround.money import services as money
from nextround.scorecard.criteria import DEFAULT_WEIGHTS
from tests.decision.conftest import Observed


def _weights(**changes: int) -> dict[str, str]:
    return {k: str(v) for k, v in {**DEFAULT_WEIGHTS, **changes}.items()}


def test_weights_that_do_not_add_up_answer_400(client: Client, opportunity: Opportunity) -> None:
    url = f"/opportunities/{opportunity.pk}/fit/"
    assert client.get(url).status_code == 200
    response = client.post(f"{url}weights/", _weights(scope=40))
    assert response.status_code == 400
    assert "The weights add up to 125; make them add up to 100." in response.content.decode()
    assert not Scorecard.objects.exists()
    response = client.post(f"{url}weights/", _weights(scope=20, stability=0))
    assert response.status_code == 303 and response["Location"].endswith("#weights")
    assert Scorecard.objects.get().weights["stability"] == 0


def test_a_score_and_two_observations(
    client: Client, opportunity: Opportunity, observed: Observed
) -> None:
    url = f"/opportunities/{opportunity.pk}/fit/manager/"
    assert client.post(url, {"manager-score": "7"}).status_code == 400
    assert not Score.objects.exists()
    assert client.post(url, {"manager-score": "4", "manager-note": "Calm"}).status_code == 303
    for source in (f"note:{observed.note.pk}", f"ask:{observed.ask.pk}"):
        response = client.post(f"{url}evidence/", {"manager-evidence-source": source})
        assert response.status_code == 303
    bad = client.post(
        f"{url}evidence/", {"manager-evidence-source": f"ask:{observed.unanswered.pk}"}
    )
    assert bad.status_code == 400 and Evidence.objects.count() == 2
    page = BeautifulSoup(client.get(f"/opportunities/{opportunity.pk}/fit/").content, "html.parser")
    card = page.select_one("[data-testid=criterion-manager]")
    assert card is not None
    items = card.select("[data-testid=evidence] li")
    assert len(items) == 2 and "nobody is blamed" in items[1].get_text()
    gaps = page.select_one("[data-testid=evidence-gaps]")
    assert gaps is not None and "The manager's style" not in gaps.get_text()
    first = Evidence.objects.first()
    assert first is not None
    assert client.post(f"/evidence/{first.pk}/delete/").status_code == 303
    assert Evidence.objects.count() == 1


def test_must_haves_from_the_scorecard(
    client: Client, user: User, opportunity: Opportunity
) -> None:
    url = f"/opportunities/{opportunity.pk}/fit/"
    assert client.post(f"{url}must-haves/", {"text": ""}).status_code == 400
    assert client.post(f"{url}must-haves/", {"text": "Visa support"}).status_code == 303
    must = services.must_have_add(owner=user, text="Remote work")
    response = client.post(
        f"{url}gates/",
        {
            f"gate_{must.pk}": "missing",
            f"gate_{must.pk - 1}": "met",
            f"note_{must.pk}": "Office only",
        },
    )
    assert response.status_code == 303
    failed = BeautifulSoup(client.get(url).content, "html.parser").select_one(
        "[data-testid=fit-gates-failed]"
    )
    assert failed is not None and "Remote work" in failed.get_text()


def test_the_decision_page_records_and_drafts_the_decline(
    client: Client, user: User, opportunity: Opportunity, rival: Opportunity
) -> None:
    services.score_save(opportunity=opportunity, criterion="manager", score=5, note="")
    services.score_save(opportunity=rival, criterion="pay", score=4, note="")
    money.offer_save(
        owner=user,
        opportunity=rival,
        fields={"name": "Contoso", "status": "written", "currency": "USD", "base": Decimal(80_000)},
    )
    page = BeautifulSoup(client.get("/decide/").content, "html.parser")
    margin = page.select_one("[data-testid=flip-margin]")
    assert margin is not None and "flip margin" in margin.get_text()
    assert page.select_one("[data-testid=decision-chart] svg") is not None
    response = client.post("/decide/record/", {"chosen": str(opportunity.pk), "reasons": ""})
    assert response.status_code == 400 and not Decision.objects.exists()
    response = client.post("/decide/record/", {"chosen": str(opportunity.pk), "reasons": "Dana."})
    assert response.status_code == 303
    page = BeautifulSoup(client.get("/decide/").content, "html.parser")
    note = page.select_one("[data-testid=decline-note]")
    assert note is not None and "accepted another offer" in note.get_text()
    offer = rival.offers.get()
    raw = client.get(f"/offers/{offer.pk}/decline.eml")
    assert raw["Content-Type"] == "message/rfc822"
    message = email.message_from_bytes(raw.content, policy=email.policy.default)
    assert message["X-Unsent"] == "1" and "Operations Lead" in message["Subject"]


def test_someone_elses_scorecard_is_404(client: Client, other_user: User) -> None:
    theirs = interviews.opportunity_create(owner=other_user, company="X", role_title="Y")
    assert client.get(f"/opportunities/{theirs.pk}/fit/").status_code == 404
    assert client.post(f"/opportunities/{theirs.pk}/fit/weights/", _weights()).status_code == 404
    assert client.get(f"/opportunities/{theirs.pk}/fit/luck/").status_code == 405
    mine = client.post("/decide/record/", {"chosen": str(theirs.pk), "reasons": "x"})
    assert mine.status_code == 400 and not Decision.objects.exists()
