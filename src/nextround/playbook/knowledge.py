"""The playbook's knowledge base: TOML files shipped in the package, checked against typed
schemas when they are loaded (and by the tests), so a bad entry fails loudly, not silently."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from functools import cache
from importlib import resources
from types import MappingProxyType
from typing import Annotated, Literal, TypeVar

import msgspec

Category = Literal[
    "basics",
    "company",
    "approach",
    "behavioral",
    "situational",
    "case",
    "presentation",
    "technical",
    "motivation",
    "fit",
    "strengths",
    "salary",
    "closing",
]
CATEGORIES: tuple[Category, ...] = Category.__args__  # type: ignore[attr-defined]

# The kinds of question that ask for a story from the past, told in STAR form. Only behavioral
# does: situational questions are hypothetical ("what would you do if..."), and the others ask
# for a view, a plan or a fact that an example may back but need not be a whole story.
STORY_CATEGORIES: frozenset[str] = frozenset({"behavioral"})

CATEGORY_LABELS: dict[str, str] = {
    "basics": "Basics",
    "company": "The company",
    "approach": "Approach to the job",
    "behavioral": "Behavioral",
    "situational": "Situational",
    "case": "Case",
    "presentation": "Presentation",
    "technical": "Technical",
    "motivation": "Motivation",
    "fit": "Fit",
    "strengths": "Strengths and weaknesses",
    "salary": "Pay and terms",
    "closing": "Closing",
}

# Mirrors interviews.models.Relation; kept here so this package needs no Django.
Relation = Literal["hiring_manager", "managers_manager", "executive", "peer", "hr", "other"]
RELATIONS: tuple[Relation, ...] = Relation.__args__  # type: ignore[attr-defined]

# The employer's field (see field.py); "general" when nothing settles it.
Field = Literal[
    "product",
    "services",
    "clinical",
    "public",
    "education",
    "trades",
    "retail",
    "logistics",
    "finance",
    "nonprofit",
    "general",
]
FIELDS: tuple[Field, ...] = Field.__args__  # type: ignore[attr-defined]
# Shorthand for the fields that sell to customers or clients, for entries about sales,
# competitors and markets; a knowledge file may list it in ``fields``.
COMMERCIAL: tuple[Field, ...] = ("product", "services", "retail", "logistics", "finance", "trades")

Format = Literal[
    "one_on_one", "panel", "series", "all_day", "case", "presentation", "video", "phone"
]
FORMATS: tuple[Format, ...] = Format.__args__  # type: ignore[attr-defined]

Theme = Literal[
    "first_months",
    "success",
    "cross_team",
    "direction",
    "team",
    "manager_style",
    "culture",
    "decision",
    "hard_problems",
    "growth",
    "pay_benefits",
]
THEMES: tuple[Theme, ...] = Theme.__args__  # type: ignore[attr-defined]

THEME_LABELS: dict[str, str] = {
    "first_months": "The first months",
    "success": "How success is measured",
    "cross_team": "Work with other departments",
    "direction": "Where the company is going",
    "team": "The team",
    "manager_style": "How the manager works",
    "culture": "Culture",
    "decision": "Decision and timeline",
    "hard_problems": "The hardest problems",
    "growth": "Growth",
    "pay_benefits": "Pay and benefits",
}

# Facts about a round that checklist conditions may require (see plan.RoundFacts).
Fact = Literal[
    "final",
    "later_round",
    "earlier_rounds",
    "weak_answers",
    "money_discussed",
    "open_concerns",
    "open_promises",
    "new_interviewers",
    "in_person",
    "remote",
]

FieldTag = Literal[Field, "commercial"]  # "commercial" stands for COMMERCIAL and "general"

Id = Annotated[str, msgspec.Meta(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)]
Sentence = Annotated[str, msgspec.Meta(min_length=8, max_length=240)]
Guidance = Annotated[str, msgspec.Meta(min_length=30, max_length=600)]
Term = Annotated[str, msgspec.Meta(min_length=2, max_length=40)]
Terms = Annotated[list[Term], msgspec.Meta(max_length=8)]


class Question(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A question interviewers ask, with what it tests and how to answer it."""

    id: Id
    text: Sentence
    category: Category
    competencies: Terms
    asked_by: Annotated[list[Relation], msgspec.Meta(min_length=1)]
    later_round: bool
    testing: Guidance  # what the interviewer is really finding out
    approach: Guidance  # how to answer well
    variants: list[Sentence] = []  # other wordings of the same question
    # The fields it makes sense in; empty means every field. "general" is the unsure case.
    fields: list[FieldTag] = []


class Ask(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A question for the candidate to ask an interviewer."""

    id: Id
    text: Sentence
    theme: Theme
    relations: Annotated[list[Relation], msgspec.Meta(min_length=1)]
    why: Guidance  # what the answer tells the candidate
    money: bool = False  # only once the employer raises pay, or at the offer
    fields: list[FieldTag] = []  # the fields it makes sense in; empty means every field


class Due(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """When an item falls due, counted from the interview in the round's own time zone.

    ``days_before`` with ``at`` is a wall-clock time on a calendar day before the interview;
    ``hours_before`` is elapsed time before the start; ``hours_after`` is after the end.
    """

    days_before: Annotated[int, msgspec.Meta(ge=1, le=14)] | None = None
    at: Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] | None = None
    hours_before: Annotated[float, msgspec.Meta(gt=0, le=48)] | None = None
    hours_after: Annotated[float, msgspec.Meta(gt=0, le=24 * 14)] | None = None

    def __post_init__(self) -> None:
        given = [
            self.days_before is not None,
            self.hours_before is not None,
            self.hours_after is not None,
        ]
        if sum(given) != 1:
            raise ValueError("give exactly one of days_before, hours_before, hours_after")
        if (self.days_before is None) != (self.at is None):
            raise ValueError("days_before and at go together")


class Condition(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """When a checklist item applies. Every given part must hold; empty means always."""

    formats: list[Format] = []  # the round has one of these formats
    all_of: list[Fact] = []  # every fact holds
    any_of: list[Fact] = []  # at least one fact holds


class ChecklistItem(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A template for one prep task; ``per_attendee`` makes one task per interviewer."""

    id: Id
    title: Annotated[str, msgspec.Meta(min_length=5, max_length=120)]
    detail: Guidance
    weight: Annotated[int, msgspec.Meta(ge=1, le=10)]
    due: Due
    when: Condition = Condition()
    per_attendee: bool = False


def suits(fields: list[FieldTag], field: Field) -> bool:
    """Whether an entry tagged with ``fields`` makes sense for an employer in ``field``."""
    if not fields:
        return True
    return field in fields or ("commercial" in fields and field in (*COMMERCIAL, "general"))


class QuestionFile(msgspec.Struct, forbid_unknown_fields=True):
    question: list[Question]


class AskFile(msgspec.Struct, forbid_unknown_fields=True):
    ask: list[Ask]


class ChecklistFile(msgspec.Struct, forbid_unknown_fields=True):
    item: list[ChecklistItem]


class KnowledgeError(Exception):
    """A knowledge file breaks its schema; the message names the file and the entry."""


def _read(name: str) -> bytes:
    return (resources.files(__package__) / "data" / name).read_bytes()


T = TypeVar("T")


def _decode(name: str, kind: type[T]) -> T:
    try:
        return msgspec.toml.decode(_read(name), type=kind)
    except msgspec.ValidationError as exc:
        raise KnowledgeError(f"{name}: {exc}") from exc


def _unique(ids: list[str], where: str) -> None:
    repeated = [key for key, count in Counter(ids).items() if count > 1]
    if repeated:
        raise KnowledgeError(f"{where}: repeated ids {', '.join(sorted(repeated))}")


@cache
def questions() -> tuple[Question, ...]:
    """Every question in the bank, one TOML file per category."""
    folder = resources.files(__package__) / "data" / "questions"
    found: list[Question] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".toml"):
            continue
        for question in _decode(f"questions/{entry.name}", QuestionFile).question:
            if f"{question.category}.toml" != entry.name:
                raise KnowledgeError(
                    f"questions/{entry.name}: {question.id} is {question.category!r}, "
                    "so it belongs in its category's file"
                )
            found.append(question)
    _unique([q.id for q in found], "questions")
    return tuple(found)


@cache
def _questions_by_id() -> Mapping[str, Question]:
    return MappingProxyType({q.id: q for q in questions()})


def question_by_id(question_id: str) -> Question | None:
    """The bank question with this id, or None (an own question has no id, and an id may
    leave the bank in a later release). Indexed once, like the bank itself."""
    return _questions_by_id().get(question_id)


@cache
def asks() -> tuple[Ask, ...]:
    found = _decode("asks.toml", AskFile).ask
    _unique([a.id for a in found], "asks.toml")
    return tuple(found)


@cache
def checklist() -> tuple[ChecklistItem, ...]:
    found = _decode("checklist.toml", ChecklistFile).item
    _unique([i.id for i in found], "checklist.toml")
    return tuple(found)
