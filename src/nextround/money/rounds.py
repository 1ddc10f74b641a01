"""What money says for one round, on the round page and in the brief: for a final round, or one
where pay was discussed, the numbers to bring, the earliest start date, and warnings on the
figures its notes hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from nextround.interviews.models import NoteKind, Round
from nextround.money import selectors
from nextround.money.selectors import NoteView, NoticeView
from nextround.pay.needs import Numbers, WalkAway
from nextround.stories.selectors import CoverageView


@dataclass(frozen=True)
class RoundMoney:
    numbers: Numbers | None
    currency: str
    walk: WalkAway | None
    notice: NoticeView
    notes: list[NoteView]
    budget_problem: str


def round_money(
    *, round_: Round, today: date, view: CoverageView | None = None
) -> RoundMoney | None:
    """For a final round, or one with number notes: the numbers to bring, the start date, and
    warnings on what was said; ``view``: the posting's coverage, when the caller has it."""
    has_numbers = any(n.kind == NoteKind.NUMBER for n in round_.notes.all())
    if not (round_.is_final or has_numbers):
        return None
    owner = round_.owner
    budget = selectors.budget_view(owner=owner)
    mkt = selectors.market_view(opportunity=round_.opportunity, currency=budget.currency)
    numbers = None
    if budget.walk is not None:
        numbers = selectors.numbers_for(
            walk=budget.walk,
            mkt=mkt.market,
            case=selectors.case_for(opportunity=round_.opportunity, view=view),
        )
    notes = selectors.number_notes(
        notes=round_.notes.all(), currency=mkt.currency, walk=budget.walk, mkt=mkt.market
    )
    return RoundMoney(
        numbers=numbers,
        currency=mkt.currency or budget.currency,
        walk=budget.walk,
        notice=selectors.notice_view(owner=owner, today=today),
        notes=notes,
        budget_problem=budget.problem,
    )
