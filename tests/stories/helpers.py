"""What the stories tests share: a posting, three stories, and ways to read a page.

The posting below is written so that its requirements and their kinds can be read off by eye:
two responsibilities under "What you'll do", three must-haves under "Requirements" and one
nice-to-have. The negotiation story uses the words of the negotiation must-have; no story says
anything about a degree, so that must-have is a gap whichever matcher runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from bs4 import BeautifulSoup
from django.contrib.auth.models import User

from nextround.interviews.models import Opportunity
from nextround.stories import selectors
from nextround.stories.models import Strength

if TYPE_CHECKING:  # what the test client returns, in django-stubs only
    from django.test.client import _MonkeyPatchedWSGIResponse as TestResponse

POSTING = """# Operations Analyst

## What you'll do
- Build weekly dashboards in Tableau for the operations leadership team
- Reconcile vendor invoices against purchase orders

## Requirements
- 3+ years of experience with SQL and Excel
- Must have experience negotiating contracts with suppliers
- Bachelor's degree in business or a related field

## Nice to have
- Familiarity with Lean Six Sigma
"""
NEGOTIATE_REQ = "Must have experience negotiating contracts with suppliers"
DEGREE_REQ = "Bachelor's degree in business or a related field"
SQL_REQ = "3+ years of experience with SQL and Excel"
TABLEAU_REQ = "Build weekly dashboards in Tableau for the operations leadership team"
INVOICE_REQ = "Reconcile vendor invoices against purchase orders"
SIX_SIGMA_REQ = "Familiarity with Lean Six Sigma"


NEGOTIATION: dict[str, str] = {
    "title": "Renegotiated the freight contracts",
    "situation": "Freight costs had risen 18% in a year and both carrier contracts were due.",
    "task": "I had to cut the cost without losing delivery reliability.",
    "action": (
        "I pulled three years of shipment data, benchmarked our rates against four other "
        "carriers, negotiated new contracts with both suppliers and set up quarterly service "
        "reviews with them."
    ),
    "result": "Freight cost fell by $240k a year and on-time delivery stayed at 97%.",
    "competencies": "negotiation, cost control",
}
DASHBOARD: dict[str, str] = {
    "title": "Built the weekly operations dashboard",
    "situation": "Leadership read five different spreadsheets every Monday.",
    "task": "I was asked to give them one view of the week.",
    "action": (
        "I interviewed the four managers, built a Tableau dashboard fed from the warehouse "
        "system and trained them to read it."
    ),
    "result": "The Monday meeting went from 90 to 40 minutes.",
    "competencies": "reporting",
}
# A result with no figure in it.
MORALE: dict[str, str] = {
    "title": "Calmed a tense night shift",
    "situation": "The night shift had lost two leads in a month.",
    "task": "I covered as lead for six weeks.",
    "action": "I met each person on the shift, rewrote the rota with them and ran short huddles.",
    "result": "People were much happier and the complaints stopped.",
}


def page_text(response: TestResponse) -> str:
    """What a reader sees on the page, whitespace squashed."""
    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(soup.get_text(" ").split())


def soup_of(response: TestResponse) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def requirement(opportunity: Opportunity, text: str) -> Any:
    found = [r for r in selectors.requirements(opportunity=opportunity).requirements]
    return next(r for r in found if r.text == text)


def ranks(user: User) -> dict[str, int]:
    return dict(Strength.objects.filter(owner=user).values_list("name", "rank"))
