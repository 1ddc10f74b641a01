"""The knowledge base (nextround.playbook.knowledge): the question bank, the questions to ask,
the checklist, and the schema that checks their files."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from nextround.playbook import knowledge
from nextround.playbook.knowledge import (
    CATEGORIES,
    RELATIONS,
    THEMES,
    ChecklistFile,
    Due,
    KnowledgeError,
    QuestionFile,
)
from tests.playbook.helpers import DETAIL


def test_question_bank_loads_with_enough_questions_in_every_category() -> None:
    bank = knowledge.questions()
    assert len(bank) >= 200
    per_category = Counter(q.category for q in bank)
    assert set(per_category) == set(CATEGORIES)
    assert all(per_category[c] >= 8 for c in CATEGORIES), per_category
    assert len({q.id for q in bank}) == len(bank)


def test_every_question_lists_only_known_relations_and_distinct_variants() -> None:
    for q in knowledge.questions():
        assert set(q.asked_by) <= set(RELATIONS), q.id
        assert q.text not in q.variants, q.id
        assert len(set(q.variants)) == len(q.variants), q.id


def test_question_by_id_finds_each_bank_question_and_nothing_else() -> None:
    for q in knowledge.questions():
        assert knowledge.question_by_id(q.id) is q
    assert knowledge.question_by_id("") is None  # an own question has no bank id
    assert knowledge.question_by_id("no-such-question") is None


def test_asks_cover_every_theme_and_only_pay_asks_are_money() -> None:
    bank = knowledge.asks()
    assert len(bank) >= 80
    assert len({a.id for a in bank}) == len(bank)
    assert set(Counter(a.theme for a in bank)) == set(THEMES)
    for ask in bank:
        assert ask.money is (ask.theme == "pay_benefits"), ask.id


def test_every_relation_has_asks_on_at_least_three_themes() -> None:
    bank = knowledge.asks()
    for relation in RELATIONS:
        themes = {a.theme for a in bank if relation in a.relations and not a.money}
        assert len(themes) >= 3, relation


def test_checklist_ids_are_unique_and_name_placeholders_only_in_per_attendee_items() -> None:
    items = knowledge.checklist()
    assert len({i.id for i in items}) == len(items)
    for item in items:
        assert ("{name}" in item.title) is item.per_attendee, item.id


QUESTION_TOML = """
[[question]]
id = "basics-odd-one"
text = "Tell me something odd about yourself."
category = "{category}"
competencies = ["communication"]
asked_by = ["hr"]
later_round = false
testing = "Whether you can say something short and true about yourself under pressure."
approach = "Pick one fact that links to the job and say it in two sentences, then stop."
"""


def test_well_formed_question_file_decodes(tmp_path: Path) -> None:
    path = tmp_path / "basics.toml"
    path.write_text(QUESTION_TOML.replace("{category}", "basics"), encoding="utf-8")
    decoded = msgspec.toml.decode(path.read_bytes(), type=QuestionFile)
    assert [q.id for q in decoded.question] == ["basics-odd-one"]
    assert decoded.question[0].variants == []


def test_question_with_unknown_category_fails_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "gossip.toml"
    path.write_text(QUESTION_TOML.replace("{category}", "gossip"), encoding="utf-8")
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.toml.decode(path.read_bytes(), type=QuestionFile)
    message = str(caught.value)
    assert "gossip" in message
    assert "$.question[0].category" in message


def checklist_toml(extra: str, due: str = "due = { hours_after = 3 }", item_id: str = "x-y") -> str:
    return (
        f'[[item]]\nid = "{item_id}"\ntitle = "Do the thing"\ndetail = "{DETAIL}"\n'
        f"weight = 5\n{due}\n{extra}"
    )


@pytest.mark.parametrize(
    ("toml", "fragments"),
    [
        (
            checklist_toml("", 'due = { days_before = 1, at = "18:00", hours_after = 3 }'),
            ["exactly one of", "$.item[0].due"],
        ),
        (checklist_toml("", "due = { days_before = 1 }"), ["go together", "$.item[0].due"]),
        (checklist_toml("", 'due = { at = "18:00", hours_before = 2 }'), ["go together"]),
        (checklist_toml("", 'due = { days_before = 1, at = "24:00" }'), ["$.item[0].due.at"]),
        (checklist_toml("", 'due = { days_before = 15, at = "09:00" }'), ["days_before"]),
        (checklist_toml("", "due = { hours_before = 0 }"), ["$.item[0].due.hours_before"]),
        (checklist_toml('when = { all_of = ["sunny"] }'), ["sunny", "$.item[0].when.all_of[0]"]),
        (checklist_toml('when = { formats = ["dinner"] }'), ["dinner", "$.item[0].when.formats"]),
        (checklist_toml('colour = "red"'), ["colour", "$.item[0]"]),
        (checklist_toml("", item_id="Not An Id"), ["$.item[0].id"]),
    ],
)
def test_malformed_checklist_entry_fails_with_a_useful_message(
    tmp_path: Path, toml: str, fragments: list[str]
) -> None:
    path = tmp_path / "checklist.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(msgspec.ValidationError) as caught:
        msgspec.toml.decode(path.read_bytes(), type=ChecklistFile)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_due_checks_its_parts_when_built_in_code() -> None:
    with pytest.raises(ValueError, match="exactly one"):
        Due(hours_before=2, hours_after=3)
    with pytest.raises(ValueError, match="go together"):
        Due(days_before=1)
    with pytest.raises(ValueError, match="exactly one"):
        Due()


@pytest.fixture
def fresh_checklist() -> Iterator[None]:
    knowledge.checklist.cache_clear()
    yield
    knowledge.checklist.cache_clear()


def test_shipped_checklist_with_a_bad_entry_raises_knowledge_error(
    monkeypatch: pytest.MonkeyPatch, fresh_checklist: None
) -> None:
    bad = checklist_toml("").replace("weight = 5", "weight = 11").encode()
    monkeypatch.setattr(knowledge, "_read", lambda name: bad)
    with pytest.raises(KnowledgeError, match=r"^checklist\.toml: .*\$\.item\[0\]\.weight"):
        knowledge.checklist()


def test_shipped_checklist_with_repeated_ids_raises_knowledge_error(
    monkeypatch: pytest.MonkeyPatch, fresh_checklist: None
) -> None:
    twice = (checklist_toml("", item_id="dup-item") + "\n" + checklist_toml("")).encode()
    twice += b"\n" + checklist_toml("", item_id="dup-item").encode()
    monkeypatch.setattr(knowledge, "_read", lambda name: twice)
    with pytest.raises(KnowledgeError, match=r"repeated ids dup-item$"):
        knowledge.checklist()


def test_the_story_categories_are_playbook_categories() -> None:
    assert knowledge.STORY_CATEGORIES.issubset(knowledge.CATEGORIES)
    assert "behavioral" in knowledge.STORY_CATEGORIES
    assert "situational" not in knowledge.STORY_CATEGORIES  # hypothetical, not a past story
