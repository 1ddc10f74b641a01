"""Questions to ask each interviewer (nextround.playbook.asks)."""

from __future__ import annotations

import pytest

from nextround.playbook.asks import AskPlan, suggest_asks
from nextround.playbook.knowledge import Ask
from nextround.playbook.plan import Attendee
from nextround.playbook.wording import Wording
from tests.playbook.helpers import DANA, DETAIL, PRIYA, SAM


def ask(id_: str, theme: str, relations: list[str], *, money: bool = False) -> Ask:
    return Ask(
        id=id_,
        text=f"Question {id_}?",
        theme=theme,  # type: ignore[arg-type]
        relations=relations,  # type: ignore[arg-type]
        why=DETAIL,
        money=money,
    )


SMALL_BANK = [
    ask("hm-1", "first_months", ["hiring_manager"]),
    ask("hm-2", "success", ["hiring_manager", "managers_manager"]),
    ask("hm-3", "first_months", ["hiring_manager"]),
    ask("hm-4", "hard_problems", ["hiring_manager"]),
    ask("peer-1", "team", ["peer"]),
    ask("peer-2", "culture", ["peer", "other"]),
    ask("other-1", "team", ["other"]),
    ask("hr-1", "decision", ["hr"]),
    ask("hr-pay", "pay_benefits", ["hr"], money=True),
    ask("hr-2", "culture", ["hr"]),
]


def chosen_ids(plan: AskPlan) -> dict[str, list[str]]:
    return {key: [a.id for a in asks] for key, asks in plan.by_person.items()}


def test_asks_follow_the_relations_preferred_themes_without_repeating_a_theme() -> None:
    # Hiring managers: first_months, success, hard_problems… hm-3 repeats first_months.
    plan = suggest_asks([DANA], bank=SMALL_BANK)
    assert chosen_ids(plan) == {"p1": ["hm-1", "hm-2", "hm-4"]}
    assert plan.money_held_back is False


def test_second_interviewer_of_the_same_kind_gets_what_is_left() -> None:
    other_manager = Attendee("p9", "Lee Chan", "hiring_manager")
    plan = suggest_asks([DANA, other_manager], bank=SMALL_BANK)
    assert chosen_ids(plan) == {"p1": ["hm-1", "hm-2", "hm-4"], "p9": ["hm-3"]}


def test_pay_asks_wait_until_money_is_raised() -> None:
    hr = Attendee("p4", "Kim Park", "hr")
    held = suggest_asks([hr], bank=SMALL_BANK)
    assert chosen_ids(held) == {"p4": ["hr-1", "hr-2"]}
    assert held.money_held_back is True
    raised = suggest_asks([hr], bank=SMALL_BANK, money_raised=True)
    assert chosen_ids(raised) == {"p4": ["hr-1", "hr-2", "hr-pay"]}
    assert raised.money_held_back is False


def test_relation_without_asks_falls_back_to_other() -> None:
    boss = Attendee("p5", "Alex Stone", "executive")
    plan = suggest_asks([boss], bank=SMALL_BANK)
    # Executives rank culture (4th) ahead of team (not listed).
    assert chosen_ids(plan) == {"p5": ["peer-2", "other-1"]}


def test_covered_themes_and_used_asks_are_not_suggested_again() -> None:
    plan = suggest_asks([DANA], bank=SMALL_BANK, covered_themes={"success"}, used={"hm-1"})
    assert chosen_ids(plan) == {"p1": ["hm-3", "hm-4"]}
    assert plan.covered_themes == frozenset({"success"})


def test_per_person_limit_is_respected() -> None:
    plan = suggest_asks([DANA], bank=SMALL_BANK, per_person=1)
    assert chosen_ids(plan) == {"p1": ["hm-1"]}


EVERYONE = [
    DANA,
    SAM,
    PRIYA,
    Attendee("p4", "Kim Park", "hr"),
    Attendee("p5", "Alex Stone", "executive"),
    Attendee("p6", "Jo Bell", "other"),
    Attendee("p7", "Lee Chan", "hiring_manager"),
]


@pytest.mark.parametrize("money_raised", [False, True])
def test_real_bank_suggestions_suit_each_person_and_never_repeat(money_raised: bool) -> None:
    plan = suggest_asks(EVERYONE, money_raised=money_raised)
    assert list(plan.by_person) == [p.key for p in EVERYONE]
    seen: list[str] = []
    for person in EVERYONE:
        suggested = plan.by_person[person.key]
        assert len(suggested) == 3, person.key
        assert all(person.relation in a.relations for a in suggested), person.key
        assert len({a.theme for a in suggested}) == 3, person.key
        seen += [a.id for a in suggested]
        if not money_raised:
            assert not any(a.money for a in suggested)
    assert len(seen) == len(set(seen))
    assert plan.money_held_back is not money_raised


def test_real_bank_second_hiring_manager_hears_different_themes() -> None:
    first_themes = {"first_months", "success", "hard_problems"}
    plan = suggest_asks([DANA, Attendee("p7", "Lee Chan", "hiring_manager")])
    assert [a.theme for a in plan.by_person["p1"]] == ["first_months", "success", "hard_problems"]
    assert [a.theme for a in plan.by_person["p7"]] == ["manager_style", "team", "cross_team"]
    assert not {a.theme for a in plan.by_person["p7"]} & first_themes


def test_real_bank_respects_covered_themes_and_used_ids() -> None:
    plan = suggest_asks(
        [DANA], covered_themes={"success", "hard_problems"}, used={"first-months-priorities"}
    )
    suggested = plan.by_person["p1"]
    assert not {a.theme for a in suggested} & {"success", "hard_problems"}
    # The next first-months question for hiring managers in the bank's order.
    assert suggested[0].id == "first-months-waiting-work"
    assert [a.theme for a in suggested] == ["first_months", "manager_style", "team"]


def test_real_bank_peers_have_no_pay_asks_to_hold_back() -> None:
    plan = suggest_asks([SAM])
    assert plan.money_held_back is False


def test_real_bank_offers_pay_asks_to_hr_once_money_is_raised_and_themes_run_out() -> None:
    hr = Attendee("p4", "Kim Park", "hr")
    covered = {"decision", "culture", "growth", "team", "first_months", "direction"}
    held = suggest_asks([hr], covered_themes=covered)
    assert held.money_held_back is True
    assert not any(a.money for a in held.by_person["p4"])
    raised = suggest_asks([hr], covered_themes=covered, money_raised=True)
    assert any(a.money and a.theme == "pay_benefits" for a in raised.by_person["p4"])


HOSPITAL = Wording("clinical", "hospital", "patients", "patient")
CNO = Attendee("p9", "Ruth Okafor", "executive")


def test_an_executive_at_a_hospital_is_asked_about_the_hospital() -> None:
    plain = suggest_asks([CNO]).by_person["p9"]
    worded = suggest_asks([CNO], wording=HOSPITAL).by_person["p9"]
    plain_texts = " ".join(a.text for a in plain)
    assert "the company" in plain_texts  # the bank's own wording for a company
    texts = " ".join(a.text for a in worded)
    assert "the hospital" in texts
    assert "company" not in texts and "competitor" not in texts


def test_entries_for_other_fields_are_not_suggested() -> None:
    bank = [
        Ask(
            id="sell",
            text="Who are your biggest competitors?",
            theme="direction",
            relations=["executive"],
            why=DETAIL,
            fields=["commercial"],
        ),
        Ask(
            id="ward",
            text="Where is the company going next?",
            theme="direction",
            relations=["executive"],
            why=DETAIL,
        ),
    ]
    [only] = suggest_asks([CNO], bank=bank, wording=HOSPITAL).by_person["p9"]
    assert (only.id, only.text) == ("ward", "Where is the hospital going next?")
    found = suggest_asks([CNO], bank=bank).by_person["p9"]  # unsure of the field: both fit
    assert [a.id for a in found] == ["sell"]  # one per theme: the first in bank order
    assert found[0] is bank[0]  # unchanged wording is the same entry
