"""Thank-you drafts (nextround.letters.drafts): one per interviewer, each with a detail from its
debrief and the strength that fits the person, within the word range, never generic."""

from __future__ import annotations

import random

import msgspec
import pytest

from nextround.errors import Invalid
from nextround.letters import (
    ANGLE_OF,
    MAX_WORDS,
    MIN_WORDS,
    Candidate,
    Concern,
    Debrief,
    Draft,
    Interviewer,
    MissingDebrief,
    Panelist,
    Strength,
    draft_thanks,
)
from nextround.letters.similarity import note_core
from nextround.text import word_count
from tests.letters.helpers import CANDIDATE, PANEL


def _drafts(candidate: Candidate = CANDIDATE, panel: tuple[Panelist, ...] = PANEL) -> list[Draft]:
    out = draft_thanks(candidate, panel)
    assert all(isinstance(d, Draft) for d in out)
    return [d for d in out if isinstance(d, Draft)]


def test_one_draft_per_interviewer_greeting_them_with_their_own_detail() -> None:
    drafts = _drafts()
    assert [d.interviewer.name for d in drafts] == ["Zoë Ångström", "李娜", "Dana Cole"]
    for draft, panelist in zip(drafts, PANEL, strict=True):
        assert draft.body.splitlines()[0].endswith(f"{panelist.interviewer.name},")
        assert draft.detail and draft.detail in draft.body
        debrief = panelist.debrief
        assert debrief is not None
        assert draft.detail in (debrief.specific, debrief.cared_about, *debrief.topics)
        assert draft.body.rstrip().endswith(CANDIDATE.name)
        assert MIN_WORDS <= draft.words <= MAX_WORDS
        assert draft.words == word_count(draft.body)


def test_the_specific_detail_comes_before_what_they_cared_about_and_topics() -> None:
    zoe, li, dana = _drafts()
    assert zoe.detail == "the warehouse scanners that drop off the network every night"
    assert li.detail == "pairing on the hardest bugs instead of handing them over"
    assert dana.detail == "next year's depots in Canada"


def test_each_person_hears_the_strength_that_fits_their_relation() -> None:
    zoe, li, dana = _drafts()
    assert (zoe.strength, li.strength, dana.strength) == (
        "Billing move",
        "Pairing rota",
        "Cache work",
    )
    assert "two weeks early" in zoe.body
    assert "halved the wait" in li.body
    assert "30%" in dana.body


def test_a_panel_of_three_is_phrased_three_ways() -> None:
    drafts = _drafts()
    openings = [note_core(d.body).split(".")[0] for d in drafts]
    assert len(set(openings)) == 3
    assert len({d.subject for d in drafts}) == 3
    assert len({d.body.splitlines()[-2] for d in drafts}) == 3  # the sign-off phrase


def test_the_same_input_gives_the_same_notes() -> None:
    assert draft_thanks(CANDIDATE, PANEL) == draft_thanks(CANDIDATE, PANEL)


def test_a_concern_is_answered_only_when_there_is_an_answer() -> None:
    zoe = _drafts()[0]
    assert zoe.concern == "my short time with Kubernetes"
    assert "my short time with Kubernetes" in zoe.body
    assert "passed the CKA in March." in zoe.body
    debrief = PANEL[0].debrief
    assert debrief is not None
    unanswered = msgspec.structs.replace(
        PANEL[0],
        debrief=msgspec.structs.replace(
            debrief, concerns=(Concern("my short time with Kubernetes", "  "),)
        ),
    )
    (draft,) = _drafts(panel=(unanswered,))
    assert draft.concern == ""
    assert "Kubernetes" not in draft.body


def test_hr_hears_about_the_process_without_being_told_a_strength_meant_for_others() -> None:
    hr = Panelist(
        Interviewer("Pat Quinn", "Recruiter", "hr"), Debrief(topics=("the start date in May",))
    )
    (draft,) = _drafts(panel=(hr,))
    assert draft.strength == ""
    assert "process" in draft.body or "stage" in draft.body or "step" in draft.body
    assert "the start date in May" in draft.body


@pytest.mark.parametrize(
    "debrief",
    [None, Debrief(), Debrief(topics=(" ", ""), cared_about="\n", specific="  ")],
)
def test_without_a_debrief_it_says_what_to_fill_in_instead_of_a_generic_note(
    debrief: Debrief | None,
) -> None:
    panel = (PANEL[0], Panelist(Interviewer("Pat Quinn", "Recruiter", "hr"), debrief))
    first, second = draft_thanks(CANDIDATE, panel)
    assert isinstance(first, Draft)
    assert isinstance(second, MissingDebrief)
    assert "Pat Quinn" in second.message
    assert set(second.missing) == {"specific", "cared_about", "topics"}


def test_a_nameless_interviewer_or_candidate_is_refused() -> None:
    nameless = Panelist(Interviewer("  "), Debrief(specific="the roadmap"))
    with pytest.raises(Invalid, match="Interviewer 1 needs a name"):
        draft_thanks(CANDIDATE, (nameless,))
    with pytest.raises(Invalid, match="candidate needs a name"):
        draft_thanks(msgspec.structs.replace(CANDIDATE, name=""), PANEL)
    with pytest.raises(Invalid, match="word range"):
        draft_thanks(CANDIDATE, PANEL, min_words=100, max_words=50)


def test_long_free_text_is_shortened_to_fit() -> None:
    long = " ".join(["scanners"] * 200)
    panelist = Panelist(
        Interviewer("Zoë Ångström", relation="hiring_manager"),
        Debrief(specific=long, concerns=(Concern(long, long),)),
    )
    candidate = msgspec.structs.replace(
        CANDIDATE, strengths=(Strength("Long", long, ("delivery",)),)
    )
    (draft,) = _drafts(candidate, (panelist,))
    assert draft.words <= MAX_WORDS
    assert draft.detail.endswith("…")
    assert draft.detail in draft.body


def _text(rng: random.Random, most: int) -> str:
    vocabulary = [
        "depot",
        "rota",
        "scanner",
        "budget",
        "team",
        "launch",
        "pilot",
        "review",
        "data",
        "cost",
        "plan",
        "shift",
    ]
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(0, most)))


def test_word_count_stays_in_range_over_many_generated_cases() -> None:
    rng = random.Random(13)
    relations = list(ANGLE_OF)
    drafted = 0
    for _ in range(300):
        candidate = Candidate(
            name=_text(rng, 4) or "Sam",
            role=_text(rng, 12) or "Analyst",
            company=_text(rng, 10) or "Acme",
            strengths=tuple(
                Strength(
                    _text(rng, 3),
                    _text(rng, 80),
                    tuple(rng.sample(["delivery", "collaboration", "outcomes", "process"], 2)),
                )
                for _ in range(rng.randint(0, 4))
            ),
        )
        panel = tuple(
            Panelist(
                Interviewer(_text(rng, 5) or "Lee", relation=rng.choice(relations)),
                Debrief(
                    topics=tuple(_text(rng, 30) for _ in range(rng.randint(0, 3))),
                    cared_about=_text(rng, 60),
                    specific=_text(rng, 90),
                    concerns=tuple(
                        Concern(_text(rng, 40), _text(rng, 90)) for _ in range(rng.randint(0, 2))
                    ),
                ),
            )
            for _ in range(rng.randint(1, 5))
        )
        for result in draft_thanks(candidate, panel):
            if isinstance(result, MissingDebrief):
                continue
            drafted += 1
            assert MIN_WORDS <= result.words <= MAX_WORDS, result.body
            assert result.detail in result.body
    assert drafted > 500  # the generator gave the drafter real work


def test_a_narrower_range_is_kept_too() -> None:
    for draft in draft_thanks(CANDIDATE, PANEL, min_words=90, max_words=110):
        assert isinstance(draft, Draft)
        assert 90 <= draft.words <= 110, draft.body
