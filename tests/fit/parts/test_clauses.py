"""Long runs of speech read clause by clause (nextround.fit.parts.clauses). The answers here
are written for these tests, typed the way they were said: no full stops."""

from __future__ import annotations

from nextround.fit.parts import parts_of, sentences_in
from nextround.fit.parts.clauses import COMMA_EVERY, LONG_RUN, RUN_ON, clause_bounds

SPOKEN = (
    "um so last year i was running the night shift at a parcel depot and the scanners kept "
    "dropping out my job was to keep the trucks leaving on time and so i borrowed two handheld "
    "scanners from the day team and then i rang the supplier and got an engineer out the same "
    "night and in the end every truck left on its slot that week"
)


def test_a_long_unpunctuated_run_splits_where_a_new_clause_starts() -> None:
    clauses = sentences_in(SPOKEN)
    assert clauses[0].startswith("um so last year")
    assert any(c.startswith("my job was") for c in clauses)
    assert any(c.startswith("and then i rang") for c in clauses)
    assert clauses[-1].startswith("and in the end")
    assert "".join(clauses).replace(" ", "") == SPOKEN.replace(" ", "")  # nothing lost


def test_each_clause_of_a_spoken_answer_tells_its_own_part() -> None:
    told = parts_of(sentences_in(SPOKEN))
    assert told[0] == "situation"
    assert told.count("task") == 1
    assert "action" in told
    assert told[-1] == "result"


def test_bounds_are_offsets_into_the_sentence() -> None:
    for start, end in clause_bounds(SPOKEN):
        clause = SPOKEN[start:end]
        assert clause == clause.strip() and clause


def test_a_short_or_punctuated_sentence_stays_whole() -> None:
    short = "so i rang the supplier and then i booked a van"
    assert clause_bounds(short) == [(0, len(short))]
    written = (
        "At my last job, we had a problem with late trucks, and so I rebuilt the rota, moved two "
        "drivers onto an early start, and then I set up a board by the dock doors, which let "
        "everyone see which truck was at risk."
    )
    assert written.count(" ") >= LONG_RUN
    assert clause_bounds(written) == [(0, len(written))]


def test_a_clause_too_short_to_say_anything_stays_with_the_one_before() -> None:
    run = " ".join(["we"] + ["waited"] * LONG_RUN) + " and then i left"
    bounds = clause_bounds(run)
    assert all(len(run[s:e].split()) >= 4 for s, e in bounds)


def test_an_outcome_said_after_a_step_without_a_break_starts_its_own_clause() -> None:
    run = (
        "so i sat down with the team and we went through every form one by one and i cut the "
        "second check for renewals and i wrote a short guide for the call centre the wait went "
        "down to about eight days and the system was back to normal by the spring"
    )
    clauses = sentences_in(run)
    assert any(c.startswith("the wait went down") for c in clauses)
    assert clauses[-1] == "and the system was back to normal by the spring"
    assert parts_of(clauses)[-2:] == ["result", "result"]


def test_a_run_on_with_commas_but_no_full_stop_is_still_read_clause_by_clause() -> None:
    run_on = (
        "we were fitting a kitchen for a couple who changed their minds about the worktops twice "
        "after they'd been ordered and my job was to keep the job on schedule, so i sat down with "
        "them, showed them the cost of each change in writing, got them to sign a final choice, "
        "and then i moved the electrician to another day, and in the end the kitchen went in "
        "four days late instead of three weeks"
    )
    assert run_on.count(" ") + 1 > RUN_ON and run_on.count(",") * COMMA_EVERY > run_on.count(" ")
    clauses = [run_on[s:e] for s, e in clause_bounds(run_on)]
    assert any(c.startswith("and my job was") for c in clauses)
    assert clauses[-1].startswith("and in the end")


def test_a_duty_said_as_what_someone_wanted_or_as_a_responsibility_starts_a_clause() -> None:
    run = (
        "so i was looking after the stockroom that christmas and the deliveries were piling up "
        "in the corridor and what the manager wanted from me was a clear floor by the weekend "
        "and my responsibility was keeping the fire exit free so i booked two extra porters"
    )
    clauses = sentences_in(run)
    assert any(c.startswith("and what the manager wanted") for c in clauses)
    assert any(c.startswith("and my responsibility was") for c in clauses)


def test_a_duty_with_an_adverb_before_it_starts_a_clause() -> None:
    run = (
        "um the customer's whole till system was down on the busiest saturday of the month "
        "technically i only had to log the fault but they needed the tills back so i talked them "
        "through a restart over the phone"
    )
    assert any(c.startswith("i only had to log") for c in sentences_in(run))
