"""Questions for the candidate to ask, chosen per interviewer by their part in the decision."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import msgspec

from nextround.playbook import knowledge
from nextround.playbook.knowledge import Ask, suits
from nextround.playbook.plan import Attendee
from nextround.playbook.wording import PLAIN, Wording

PER_PERSON = 3

# The themes each kind of interviewer answers best, most useful first.
THEME_ORDER: dict[str, tuple[str, ...]] = {
    "hiring_manager": (
        "first_months",
        "success",
        "hard_problems",
        "manager_style",
        "team",
        "cross_team",
        "decision",
        "growth",
        "culture",
        "direction",
    ),
    "managers_manager": (
        "direction",
        "success",
        "hard_problems",
        "cross_team",
        "first_months",
        "culture",
        "growth",
        "team",
        "decision",
    ),
    "executive": ("direction", "hard_problems", "success", "culture", "cross_team", "growth"),
    "peer": (
        "team",
        "cross_team",
        "culture",
        "hard_problems",
        "manager_style",
        "first_months",
        "growth",
    ),
    "hr": ("decision", "culture", "growth", "team", "pay_benefits"),
    "other": ("team", "culture", "hard_problems", "direction", "decision"),
}


def word_ask(ask: Ask, wording: Wording) -> Ask:
    """The suggestion worded for the employer (the same entry when nothing changes)."""
    text = wording.word(ask.text)
    return ask if text == ask.text else msgspec.structs.replace(ask, text=text)


@dataclass(frozen=True)
class AskPlan:
    """Suggestions for each interviewer (by ``Attendee.key``) and what was held back."""

    by_person: dict[str, list[Ask]]
    covered_themes: frozenset[str]  # answered in earlier rounds, so not asked again
    money_held_back: bool  # pay questions exist but wait until the employer raises pay


def suggest_asks(
    attendees: Sequence[Attendee],
    *,
    covered_themes: Collection[str] = (),
    used: Collection[str] = (),
    money_raised: bool = False,
    per_person: int = PER_PERSON,
    bank: Sequence[Ask] | None = None,
    wording: Wording = PLAIN,
) -> AskPlan:
    """Up to ``per_person`` questions for each attendee, suited to their relation.

    Rules: never a theme an earlier round already answered (``covered_themes``) nor a question
    already used (``used``, bank ids); no question twice in one round; themes spread so each
    person hears something different; pay and benefits only once ``money_raised``; only
    questions that suit the employer's field, worded for it (``wording``).
    """
    bank = knowledge.asks() if bank is None else bank
    bank = [a for a in bank if suits(a.fields, wording.field)]
    covered, taken = frozenset(covered_themes), set(used)
    theme_use: Counter[str] = Counter()
    held_back = False
    by_person: dict[str, list[Ask]] = {}
    for person in attendees:
        fits = [a for a in bank if person.relation in a.relations] or [
            a for a in bank if "other" in a.relations
        ]
        open_ = [a for a in fits if a.id not in taken and a.theme not in covered]
        if not money_raised and any(a.money for a in open_):
            held_back = True
            open_ = [a for a in open_ if not a.money]
        chosen: list[Ask] = []
        themes_here: set[str] = set()
        order = THEME_ORDER.get(person.relation, THEME_ORDER["other"])

        def rank(ask: Ask, order: tuple[str, ...] = order) -> tuple[int, int]:
            # Least-used theme in this round first, then what suits this person; the sort is
            # stable, so bank order breaks ties and the suggestions do not shuffle.
            fit = order.index(ask.theme) if ask.theme in order else len(order)
            return theme_use[ask.theme], fit

        for ask in sorted(open_, key=rank):
            if ask.theme in themes_here:
                continue
            chosen.append(ask)
            themes_here.add(ask.theme)
            if len(chosen) == per_person:
                break
        for ask in chosen:
            taken.add(ask.id)
            theme_use[ask.theme] += 1
        by_person[person.key] = [word_ask(a, wording) for a in chosen]
    return AskPlan(by_person=by_person, covered_themes=covered, money_held_back=held_back)
