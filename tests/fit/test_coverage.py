"""The coverage matrix (nextround.fit.coverage): lexical ranking, evidence, gaps and strengths,
and matching by meaning with the real int8 MiniLM from the installed ml extra."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from nextround.fit import semantic
from nextround.fit.coverage import (
    LEXICAL_COVERS,
    StoryText,
    StrengthText,
    cover,
    embedded_texts,
)
from nextround.fit.requirements import Requirement, extract_terms


def need(text: str, kind: str = "must-have", key: str = "") -> Requirement:
    return Requirement(key=key or text[:12], text=text, kind=kind, terms=tuple(extract_terms(text)))


NEGOTIATION = StoryText(
    id=1,
    title="Supplier renegotiation",
    situation="Our packaging suppliers raised prices by 18% in one letter.",
    task="I had to keep costs flat for the year.",
    action="I compared three suppliers, negotiated a two-year contract with volume tiers, and "
    "walked the finance team through the savings.",
    result="We paid 6% less than the year before.",
)
WARD = StoryText(
    id=2,
    title="Night shift on a full ward",
    situation="Two nurses called in sick on a 30-bed surgical ward.",
    task="As charge nurse I had to keep every patient safe.",
    action="I triaged the patients, asked the bed manager for a float nurse, and did the "
    "medication rounds myself.",
    result="No incidents; the matron used the plan for later staffing gaps.",
)
PRESENTATION = StoryText(
    id=3,
    title="Conference talk",
    situation="Our team's new method was unknown outside the company.",
    task="I was asked to explain it at the regional meeting.",
    action="I rehearsed with colleagues, cut the slides to ten, and spoke for twenty minutes to "
    "three hundred attendees, then took their questions.",
    result="Four hospitals asked for a follow-up visit.",
)


def test_the_story_sharing_the_requirements_words_ranks_first_with_its_evidence() -> None:
    coverage = cover([need("Negotiate contracts with suppliers")], [WARD, NEGOTIATION])
    row = coverage.rows[0]
    assert coverage.method == "lexical"
    assert [m.story_id for m in row.matches] == [1]  # the ward story shares nothing
    best = row.matches[0]
    assert best.covers and row.covered
    assert best.lexical >= LEXICAL_COVERS
    assert {"suppliers", "contracts"} <= {e.lower() for e in best.evidence} | {
        w.lower() for e in best.evidence for w in e.split()
    }
    assert best.semantic is None and best.closest_part == ""


def test_more_of_the_requirement_in_a_story_ranks_it_higher() -> None:
    partial = StoryText(id=9, title="Contract filing", action="I filed every contract by date.")
    coverage = cover([need("Negotiate contracts with suppliers")], [partial, NEGOTIATION])
    scores = [m.score for m in coverage.rows[0].matches]
    assert [m.story_id for m in coverage.rows[0].matches] == [1, 9]
    assert scores[0] > scores[1] > 0


def test_a_requirement_no_story_touches_is_a_gap() -> None:
    needs = [need("Fluent Japanese"), need("Negotiate contracts with suppliers")]
    coverage = cover(needs, [WARD, NEGOTIATION])
    assert coverage.rows[0].matches == ()
    assert [g.requirement.text for g in coverage.gaps] == ["Fluent Japanese"]


def test_words_every_posting_uses_do_not_make_a_match() -> None:
    coverage = cover([need("Strong proven experience required")], [WARD, NEGOTIATION])
    assert coverage.rows[0].matches == ()


def test_top_limits_the_matches_and_no_stories_means_every_requirement_is_a_gap() -> None:
    many = [msgspec.structs.replace(NEGOTIATION, id=i, title=f"Copy {i}") for i in range(1, 7)]
    assert len(cover([need("Negotiate with suppliers")], many, top=2).rows[0].matches) == 2
    empty = cover([need("Negotiate with suppliers")], [])
    assert empty.rows[0].matches == () and len(empty.gaps) == 1


def test_strengths_that_name_what_the_job_asks_for_are_listed_with_the_requirements() -> None:
    needs = [
        need("Negotiate contracts with suppliers", key="neg"),
        need("Triage patients", key="tri"),
    ]
    strengths = [
        StrengthText(id=1, name="Negotiation", description="I get suppliers to yes."),
        StrengthText(id=2, name="Calm under pressure"),
    ]
    fits = cover(needs, [WARD], strengths=strengths).strengths
    assert [(f.name, f.requirement_keys) for f in fits] == [("Negotiation", ("neg",))]


def test_meaning_matches_when_no_word_is_shared() -> None:
    embedder = semantic.load()
    requirement = need("Comfortable speaking in front of large audiences")
    coverage = cover([requirement], [NEGOTIATION, WARD, PRESENTATION], embed=embedder.embed)
    row = coverage.rows[0]
    assert coverage.method == "semantic"
    assert row.matches[0].story_id == PRESENTATION.id
    assert row.matches[0].lexical < LEXICAL_COVERS  # the words alone would miss it
    assert row.matches[0].covers and row.matches[0].closest_part == "action"
    assert all(not m.covers for m in row.matches[1:])


def test_an_unrelated_requirement_stays_a_gap_with_embeddings() -> None:
    embedder = semantic.load()
    coverage = cover([need("Fluent Japanese")], [NEGOTIATION, WARD], embed=embedder.embed)
    assert not coverage.rows[0].covered


def test_embedded_texts_name_every_text_cover_embeds() -> None:
    asked: list[str] = []
    embedder = semantic.load()

    def recording(texts: Sequence[str]) -> semantic.Vectors:
        asked.extend(texts)
        return embedder.embed(texts)

    requirements = [need("Negotiate supplier contracts"), need("Lead a nursing team")]
    stories = [NEGOTIATION, WARD, PRESENTATION]
    cover(requirements, stories, embed=recording)
    listed = embedded_texts(requirements, stories)
    assert asked and set(asked) == set(listed)
    assert embedded_texts(requirements, []) == []  # no story: nothing is embedded
