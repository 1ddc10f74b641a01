"""The coverage matrix (nextround.fit.coverage): lexical ranking, evidence, gaps and strengths,
and matching by meaning (nextround.fit.semantic_coverage) with the real int8 MiniLM from the
installed ml extra."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence

import msgspec
import pytest

from nextround.fit import semantic
from nextround.fit.coverage import (
    LEXICAL_COVERS,
    Coverage,
    StoryText,
    StrengthText,
    cover,
)
from nextround.fit.requirements import Requirement, extract_terms
from nextround.fit.semantic_coverage import BACKGROUND, _background, embedded_texts


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


def test_meaning_alone_marks_a_story_related_never_covering() -> None:
    embedder = semantic.load()
    requirement = need("Comfortable speaking in front of large audiences")
    coverage = cover([requirement], [NEGOTIATION, WARD, PRESENTATION], embed=embedder.embed)
    row = coverage.rows[0]
    assert coverage.method == "semantic"
    best = row.matches[0]
    assert best.story_id == PRESENTATION.id and best.closest_part == "action"
    assert best.lexical < LEXICAL_COVERS and best.evidence == ()  # no word shared
    assert best.related and not best.covers and not row.covered
    assert best.why.startswith("close in meaning, but does not show")
    assert "audiences" in best.missing


def test_with_embeddings_a_story_and_no_requirements_is_an_empty_matrix() -> None:
    # Issue 15: this used to fail with "need at least one array to concatenate".
    embedder = semantic.load()
    empty = cover([], [NEGOTIATION], embed=embedder.embed)
    assert empty.rows == () and empty.checks == ()
    only_checks = cover([need("BSN required")], [WARD], embed=embedder.embed)
    assert only_checks.rows == () and [c.kind for c in only_checks.checks] == ["credential"]


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


# --- evidence: a cover needs the requirement's specific words -------------------------------

LOADING = StoryText(
    id=4,
    title="Untangling the dock",
    situation="Trucks queued at our warehouse doors for hours.",
    task="I had to cut the waiting charges from carriers.",
    action="I tracked every arrival, negotiated earlier collection slots with two carriers and "
    "ran the operations meeting each week.",
    result="Detention charges fell by 60% and forklift moves per hour rose by a fifth.",
)


def test_one_everyday_word_in_common_is_no_evidence_at_all() -> None:
    # "track" and "record" are everyday words; the specific word is "quota".
    coverage = cover([need("Track record of hitting quota")], [LOADING, WARD])
    assert coverage.rows[0].matches == () and not coverage.rows[0].covered


def test_a_story_from_another_field_is_at_most_related_and_says_what_it_lacks() -> None:
    coverage = cover(
        [need("Run discovery, demos and negotiations"), need("Assist surgeons during operations")],
        [LOADING],
    )
    sales, theatre = coverage.rows
    (match,) = sales.matches
    assert match.related and not match.covers and not sales.covered
    assert match.evidence == ("negotiations",)
    assert set(match.missing) == {"discovery", "demos"}
    assert match.why == "shares negotiations but does not show discovery, demos"
    assert theatre.matches == ()  # "operations" is an everyday word


def test_a_story_that_shows_the_specific_words_covers_and_names_them() -> None:
    coverage = cover([need("Negotiate collection slots with carriers")], [LOADING, WARD])
    (match,) = coverage.rows[0].matches
    assert match.covers and coverage.rows[0].covered
    assert {"carriers", "slots"} <= {w for e in match.evidence for w in e.lower().split()}
    assert match.why == ""


def test_any_one_of_listed_alternatives_is_enough() -> None:
    icu = StoryText(id=5, title="ICU nights", action="I cared for two ventilated ICU patients.")
    coverage = cover([need("Experience in ICU, NICU, ER or OR")], [icu, LOADING])
    assert [m.story_id for m in coverage.rows[0].matches if m.covers] == [5]


def test_credentials_years_right_to_work_and_place_are_cv_checks_not_gaps() -> None:
    needs = [
        need("BSN required"),
        need("3+ years of B2B sales experience"),
        need("Must be eligible to work in the UK"),
        need("Full driving licence"),
        need("Negotiate collection slots with carriers"),
    ]
    coverage = cover(needs, [LOADING])
    assert [c.kind for c in coverage.checks] == ["credential", "years", "authorisation", "location"]
    assert [r.requirement.text for r in coverage.rows] == [needs[-1].text]
    assert coverage.gaps == ()
    assert coverage.checks[0].label == "licence, degree or certificate"


def test_threads_covering_at_once_embed_the_background_once() -> None:
    """Eight page threads meet a new model at once: one embeds the background, the others wait
    for it, and nobody can change the shared vectors."""
    embedder = semantic.load()
    calls: list[int] = []

    def counting(texts: Sequence[str]) -> semantic.Vectors:
        calls.append(len(texts))
        time.sleep(0.05)  # a model takes a while; the other threads arrive meanwhile
        return embedder.embed(texts)

    start = threading.Barrier(8)
    results: list[Coverage] = []

    def run() -> None:
        start.wait()
        results.append(cover([need("Negotiate supplier contracts")], [NEGOTIATION], embed=counting))

    threads = [threading.Thread(target=run) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 8 and len({r.rows[0].matches[0].score for r in results}) == 1
    assert calls.count(len(BACKGROUND)) == 1
    with pytest.raises(ValueError, match="read-only"):
        _background(counting)[0, 0] = 1.0


def test_a_story_naming_one_of_the_requirements_terms_shows_it() -> None:
    # "case management" is two everyday words, yet as the requirement's own term it is a skill.
    discharge = StoryText(
        id=6,
        title="Discharges on a short night",
        action="I briefed case management on two discharges before the day team came in.",
    )
    coverage = cover([need("Partner with cardiology and case management")], [discharge, LOADING])
    (match,) = [m for m in coverage.rows[0].matches if m.covers]
    assert match.story_id == 6 and "case management" in match.evidence
