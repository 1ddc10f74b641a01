"""Writing the stories app's section of the export (the package's docstring describes it): the
stories with their refs, strengths and quotes, where each round's stories were told, and each
opportunity's concern answers and CV checks."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db.models import Prefetch

from nextround.core.transfer import PersonRef, day_text
from nextround.interviews.models import Opportunity, Person, Round
from nextround.interviews.transfer import note_places
from nextround.stories.models import ConcernAnswer, CVCheck, Quote, Story, Strength, Telling
from nextround.stories.services import STORY_TEXT


def story_record(story: Story) -> dict[str, Any]:
    return {
        **{name: getattr(story, name) for name in STORY_TEXT},
        "happened_on": day_text(story.happened_on),
        "created_at": story.created_at.isoformat(),
        "updated_at": story.updated_at.isoformat(),
    }


def quote_record(quote: Quote) -> dict[str, Any]:
    return {"text": quote.text, "who": quote.who, "created_at": quote.created_at.isoformat()}


@dataclass(frozen=True)
class StoryRefs:
    """How the document names each of the owner's stories, by database id."""

    refs: Mapping[int, str]

    def __getitem__(self, pk: int) -> str:
        return self.refs[pk]

    def optional(self, pk: int | None) -> str | None:
        return None if pk is None else self.refs[pk]


def library_export(*, owner: User) -> tuple[dict[str, Any], StoryRefs]:
    """The top of the document: stories, strengths and quotes; and the stories' refs."""
    stories = list(Story.objects.filter(owner_id=owner.pk).order_by("created_at", "id"))
    refs = StoryRefs({story.pk: f"s{n}" for n, story in enumerate(stories, start=1)})
    strengths = Strength.objects.filter(owner_id=owner.pk).order_by("rank", "id")
    quotes = Quote.objects.filter(owner_id=owner.pk).order_by("created_at", "id")
    return {
        "stories": [{"ref": refs[s.pk], **story_record(s)} for s in stories],
        "strengths": [
            _strength_document(s, refs=refs) for s in strengths.prefetch_related("stories")
        ],
        "quotes": [quote_record(q) for q in quotes],
    }, refs


def _strength_document(strength: Strength, *, refs: StoryRefs) -> dict[str, Any]:
    # Backing stories in export order, so the list does not depend on database ids.
    position = {pk: index for index, pk in enumerate(refs.refs)}
    backing = sorted(strength.stories.all(), key=lambda story: position[story.pk])
    return {
        "name": strength.name,
        "description": strength.description,
        "rank": strength.rank,
        "differentiator": strength.differentiator,
        "stories": [refs[story.pk] for story in backing],
    }


def round_prefetch() -> Sequence[Prefetch[Any]]:
    people_by_id = Person.objects.order_by("id")
    tellings = Telling.objects.order_by("created_at", "id").prefetch_related(
        Prefetch("people", queryset=people_by_id)
    )
    return (Prefetch("tellings", queryset=tellings),)


def tellings_export(refs: StoryRefs) -> Callable[[Round, PersonRef], dict[str, Any]]:
    def export(round_: Round, person_ref: PersonRef) -> dict[str, Any]:
        return {
            "tellings": [
                {
                    "story": refs[telling.story_id],
                    "people": [person_ref(p.pk) for p in telling.people.all()],
                    "created_at": telling.created_at.isoformat(),
                }
                for telling in round_.tellings.all()
            ]
        }

    return export


def opportunity_prefetch() -> Sequence[Prefetch[Any]]:
    return (
        Prefetch("concern_answers", queryset=ConcernAnswer.objects.order_by("id")),
        Prefetch("cv_checks", queryset=CVCheck.objects.order_by("id")),
    )


def concern_answers_export(refs: StoryRefs) -> Callable[[Opportunity], dict[str, Any]]:
    def export(opportunity: Opportunity) -> dict[str, Any]:
        places = note_places(opportunity.rounds.all())
        return {
            "concern_answers": [
                _concern_answer_document(answer, places=places, refs=refs)
                for answer in opportunity.concern_answers.all()
            ]
        }

    return export


def _concern_answer_document(
    answer: ConcernAnswer, *, places: Mapping[int, tuple[int, int]], refs: StoryRefs
) -> dict[str, Any]:
    if answer.note_id is None:
        target: dict[str, Any] = {
            "requirement_key": answer.requirement_key,
            "requirement_text": answer.requirement_text,
        }
        said: dict[str, Any] = {"answer": answer.answer, "status": answer.status}
    else:
        number, position = places[answer.note_id]
        target = {"round": number, "note": position}
        said = {}  # on the note
    return {
        **target,
        "kind": answer.kind,
        "story": refs.optional(answer.story_id),
        **said,
        "updated_at": answer.updated_at.isoformat(),
    }


def cv_checks_export(opportunity: Opportunity) -> dict[str, Any]:
    """What the CV showed for each requirement checked; the key is left out when none was."""
    checks = [
        {
            "requirement_key": c.requirement_key,
            "requirement_text": c.requirement_text,
            "status": c.status,
            "updated_at": c.updated_at.isoformat(),
        }
        for c in opportunity.cv_checks.all()
    ]
    return {"cv_checks": checks} if checks else {}
