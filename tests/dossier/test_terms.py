"""Glossary suggestions (nextround.dossier.terms) on hand-made postings and notes."""

from __future__ import annotations

from nextround.dossier.terms import NoteText, PostingTerm, suggest_terms, term_key

NOTES = [
    NoteText(
        "Maya said the WMS and the TMS do not talk; KPIs are tracked in FleetView.", "round 1"
    ),
    NoteText(
        "At Harbor Cold Storage we used Snowflake. On Friday Grace Lindqvist joins.", "round 1"
    ),
    NoteText("Dock scheduling came up twice. The WMS again.", "round 2"),
]
POSTING = [
    PostingTerm("SQL", "tool", "Strong SQL and one scripting language."),
    PostingTerm("capacity forecast", "skill", "Build the weekly capacity forecast."),
    PostingTerm("dwell-time data", "skill", "Turn dwell-time data into dashboards."),
    PostingTerm("dock scheduling", "skill", "Run experiments on dock scheduling."),
    PostingTerm("messy data", "skill", "Patience with messy data."),
    PostingTerm("Boston-area terminals", "skill", "For our Boston-area terminals."),
    PostingTerm("finance", "domain", "Partner with finance."),
]
NAMES = ["Maya Okafor", "Grace Lindqvist", "Tidewater Freight"]


def terms(**kwargs: object) -> list[str]:
    found = suggest_terms(
        posting=kwargs.get("posting", POSTING),  # type: ignore[arg-type]
        notes=kwargs.get("notes", NOTES),  # type: ignore[arg-type]
        known=kwargs.get("known", ()),  # type: ignore[arg-type]
        names=NAMES,
    )
    return [s.term for s in found]


def test_posting_terms_come_first_in_the_posting_order() -> None:
    # SQL is a tool; dwell-time data is hyphenated; Boston-area too; dock scheduling is plain
    # but both its words are in the notes; capacity forecast, messy data and finance are not.
    # Then the notes: WMS twice (first), then TMS, KPI, FleetView, Harbor Cold Storage,
    # Snowflake once each in order of appearance; "Dock scheduling" is already suggested.
    assert terms() == [
        "SQL",
        "dwell-time data",
        "dock scheduling",
        "Boston-area terminals",
        "WMS",
        "TMS",
        "KPI",
        "FleetView",
        "Harbor Cold Storage",
        "Snowflake",
    ]


def test_known_terms_are_never_suggested_again() -> None:
    found = terms(known=["sql", "Dwell time data", "fleetview", "WMS"])
    assert "SQL" not in found and "dwell-time data" not in found
    assert "FleetView" not in found and "WMS" not in found
    assert "TMS" in found


def test_names_days_and_sentence_openers_are_left_out() -> None:
    notes = [
        NoteText(
            "Grace asked about March. Budget is tight. On Monday Maya Okafor calls.", "round 3"
        )
    ]
    assert terms(posting=[], notes=notes) == []


def test_each_suggestion_says_where_it_was_found() -> None:
    found = suggest_terms(posting=POSTING[:1], notes=NOTES[1:2], names=NAMES)
    assert [(s.origin, s.where, s.context) for s in found] == [
        ("posting", "the posting", "Strong SQL and one scripting language."),
        ("notes", "round 1 notes", "At Harbor Cold Storage we used Snowflake."),
        ("notes", "round 1 notes", "At Harbor Cold Storage we used Snowflake."),
    ]


def test_a_pronoun_after_a_name_is_not_part_of_it() -> None:
    notes = [NoteText("At Harbor Cold Storage I rolled out a shift-bid change.", "round 1")]
    assert terms(posting=[], notes=notes) == ["Harbor Cold Storage"]


def test_the_limit_holds() -> None:
    notes = [NoteText(" ".join(f"we use AB{c}X here." for c in "CDEFGHIJKLMNOP"), "round 1")]
    assert len(suggest_terms(posting=[], notes=notes, limit=5)) == 5


def test_term_key_ignores_case_accents_and_punctuation() -> None:
    assert term_key("Dwell-Time  data") == term_key("dwell time DATA") == "dwell time data"
    assert term_key("Café") == "cafe"
