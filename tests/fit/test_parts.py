"""Which STAR part a sentence tells (nextround.fit.parts). Every sentence here is written for
these tests; the expected part of each was decided by reading it, before running the rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nextround.fit.parts import (
    PARTS,
    TIE_ORDER,
    part_of,
    part_scores,
    parts_of,
    sentences_in,
    tells,
)

OWN = Path(__file__).resolve().parents[2] / "evaluation" / "data" / "star" / "own_answers.jsonl"


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # Situation: a setting said first, a problem, a job held, a note setting the scene.
        ("At my last job, I rewrote the importer.", "situation"),
        ("Last winter the walk-in fridge broke down on a Saturday.", "situation"),
        ("Support queue averaged 900 tickets a week.", "situation"),
        ("Hotel of 90 rooms near the station.", "situation"),
        ("Our crash rate had crept up to 3% after the redesign.", "situation"),
        ("The team was short of staff.", "situation"),
        # Task: a duty or a goal, in prose or as a note's bare verb.
        ("I had to get the rewire finished by Friday.", "task"),
        ("My job was to cut the backlog.", "task"),
        ("We needed to cut costs.", "task"),
        ("Restore service within 30 minutes.", "task"),
        ("Support the night team through the audit.", "task"),
        ("Goal: halve night-time falls.", "task"),
        # Action: "I" with a past verb of doing, a note's past verb, a habitual story.
        ("I rang the supplier.", "action"),
        ("I rewrote the importer at my last job.", "action"),
        ("So I called the depot and booked a second van.", "action"),
        ("Implemented circuit breakers across the payment service.", "action"),
        ("I would listen to their complaint.", "action"),
        # Result: a sized change, an outcome said without a change verb, recognition.
        ("Waiting times fell from 14 minutes to 4.", "result"),
        ("Cost per order down 21%.", "result"),
        ("By the spring, incidents had fallen from ten a week to two.", "result"),
        ("Saved my team five hours a week.", "result"),
        ("We launched the product on schedule.", "result"),
        ("The audit passed with no actions.", "result"),
        ("She thanked me at the end of the meeting.", "result"),
        # None: a lesson, an opinion, a greeting.
        ("What I learned is to ask early.", None),
        ("I think confidence matters in sales.", None),
        ("Good question.", None),
        ("Um, so, I think we kind of did the project.", None),
    ],
)
def test_a_sentence_tells_the_part_its_words_say(sentence: str, part: str | None) -> None:
    assert part_of(sentence) == part


def test_a_stretch_of_time_is_not_the_size_of_a_change() -> None:
    # "down for 3 hours" says how long a problem lasted; "down 21%" how much a figure fell.
    assert part_of("The site was down for 3 hours.") == "situation"
    assert part_of("The bill was down 21%.") == "result"


def test_a_figure_said_after_from_is_not_an_outcome() -> None:
    # "from zero" is where a budget starts, not "zero downtime".
    assert part_of("I met each department head to justify their lines from zero.") == "action"
    assert part_of("Zero downtime achieved.") == "result"


def test_a_sentence_keeps_its_part_wherever_it_stands() -> None:
    sentences = ["I rang the supplier.", "The audit passed with no actions.", "Hotel of 90 rooms."]
    forwards = parts_of(sentences)
    backwards = parts_of(list(reversed(sentences)))
    assert forwards == ["action", "result", "situation"]
    assert backwards == list(reversed(forwards))


def test_a_sentence_that_tells_no_part_is_read_by_where_it_stands_against_the_steps() -> None:
    # "Two trucks came the next morning." says what happened but not which part it is: after
    # the step it is what came of it, before the step it sets the scene, and alone nothing.
    happened = "Two trucks came the next morning."
    assert part_of(happened) is None
    assert parts_of(["I rang the supplier.", happened]) == ["action", "result"]
    assert parts_of([happened, "I rang the supplier."]) == ["situation", "action"]
    assert parts_of([happened]) == [None]


def test_an_opinion_is_not_read_by_where_it_stands() -> None:
    assert parts_of(["I rang the supplier.", "I think it is always worth asking."]) == [
        "action",
        None,
    ]


def test_part_of_is_the_heaviest_part_of_part_scores_on_every_written_sentence() -> None:
    # part_of skips parts that cannot win; it must still agree with weighing all four.
    checked = 0
    for line in OWN.read_text(encoding="utf-8").splitlines():
        answer = json.loads(line)
        for piece in ("before", *PARTS, "after"):
            for sentence in sentences_in(answer[piece]):
                scores = part_scores(sentence)
                best = max(TIE_ORDER, key=lambda p: scores[p])
                expected = best if scores[best] >= 1.5 else None
                assert part_of(sentence) == expected, sentence
                checked += 1
    assert checked > 300


def test_a_field_tells_a_part_when_any_of_its_sentences_holds_its_evidence() -> None:
    assert tells("The team was short. I rebuilt the rota.", "action")
    assert not tells("The team was short of staff. We needed to cut costs.", "action")
    assert tells("Implemented circuit breakers, which cut errors by 40%.", "action")


def test_sentences_split_at_end_marks_and_line_breaks() -> None:
    text = "I rang the supplier. Costs fell by 3.5%!\nNext: the rota"
    assert sentences_in(text) == ["I rang the supplier.", "Costs fell by 3.5%!", "Next: the rota"]


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # A note opening on a past verb whose object follows is a step, not a description.
        ("Replaced the shared fixture with a fresh one per test.", "action"),
        ("Weighed and logged every bin for a fortnight.", "action"),
        # … while one describing the subject of a later verb is not a step.
        ("Leaked API key found in a public repository on a Sunday morning.", "situation"),
        # Outcomes without a change verb: a ranking, a need avoided, beating expectations.
        ("Ranked third of 20 branches in the region.", "result"),
        ("We never needed the second crane after that.", "result"),
        ("The new rota worked better than anyone expected.", "result"),
        ("The job came in under the contingency.", "result"),
        # A duty that fell to the teller.
        ("I was the only one on call, so the outage came to me.", "task"),
        ("It was down to me to tell the families.", "task"),
        # A role or a weekday said first sets the scene; a post held is not a step.
        ("As a plumber, I was called out to a flooded basement.", "situation"),
        ("On a busy Friday night two of our chefs went home ill.", "situation"),
        ("I worked in the permits team at the council.", "situation"),
        # Talking about the answer tells no part.
        ("Yes, there's one from last spring that comes to mind.", None),
    ],
)
def test_new_cues_tell_the_part_their_words_say(sentence: str, part: str | None) -> None:
    assert part_of(sentence) == part


def test_a_change_before_any_step_is_the_state_the_story_met() -> None:
    # "Calls tripled" says something changed; before the steps it is the problem, after them
    # it is what came of them. A change said to be an outcome stays one wherever it stands.
    change = "Calls to the helpline tripled the next morning."
    step = "I rang the supplier and booked a second van."
    assert part_of(change) == "result"
    assert parts_of([change, step]) == ["situation", "action"]
    assert parts_of([step, change]) == ["action", "result"]
    outcome = "As a result, calls to the helpline halved."
    assert parts_of([outcome, step]) == ["result", "action"]


def test_a_measure_after_the_steps_is_their_outcome_but_a_bare_fact_is_not() -> None:
    measure = "Suite runs in 8 minutes."
    fact = "Hotel of 90 rooms."
    step = "Replaced the shared fixture with per-test transactions."
    assert part_of(measure) == "situation"  # a note: alone, it sets a scene
    assert parts_of([step, measure]) == ["action", "result"]
    assert parts_of([step, fact]) == ["action", "situation"]


def test_someone_asking_after_the_steps_is_recognition() -> None:
    asked = "My manager asked me to write it up for the board."
    step = "I rang the supplier and booked a second van."
    assert parts_of([asked, step]) == ["task", "action"]
    assert parts_of([step, asked]) == ["action", "result"]


def test_abbreviations_do_not_end_a_sentence() -> None:
    text = "Split critical vs. non-critical paths. Used cheap checks, e.g. a ping. Done."
    assert sentences_in(text) == [
        "Split critical vs. non-critical paths.",
        "Used cheap checks, e.g. a ping.",
        "Done.",
    ]


def test_others_in_the_past_after_the_steps_are_what_came_of_them() -> None:
    late = "The kitchen went in a week late."
    step = "I rang a plumber and traced the leak."
    assert part_of(late) == "situation"  # alone, a problem said in the past
    assert parts_of([late, step]) == ["situation", "action"]
    assert parts_of([step, late]) == ["action", "result"]


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # A state reached, the more with when it was reached.
        ("The backlog was gone by Friday.", "result"),
        ("The leaking joint was finally fixed.", "result"),
        ("The complaints about noise dried up.", "result"),
        ("Three weeks later the waiting room was half empty.", "result"),
        ("Stock takes under 2 hours by the end of March.", "result"),
        # … but not a state before the story, a state of the teller, nor a cost over budget.
        ("The boiler had been fixed twice already.", "situation"),
        ("The refit was over budget.", "situation"),
        # A perfect tense up to now; what never came back.
        ("Nobody has missed a shipment since.", "result"),
        ("We've had no falls on that corridor since then.", "result"),
        ("The damp never came back.", "result"),
        # A comparison with before the story.
        ("Handovers are twice as quick as before.", "result"),
        ("The night shift was calmer than it had been in months.", "result"),
        # Others judging the work or coming back for more.
        ("The ward sister said the new board was really helpful.", "result"),
        ("The customer told me she was furious about the delay.", "situation"),
        ("The couple recommended us to their neighbours.", "result"),
        ("The landlord came back to us for his other flats.", "result"),
        ("The head of year used my seating plan with every class.", "result"),
        ("The auditors raised no issues.", "result"),
        # A task said with its time, or as the plan.
        ("I had two days to find a new caterer.", "task"),
        ("We had until Monday to move the whole archive.", "task"),
        ("I'd been asked to cover the reception desk.", "task"),
        ("The challenge was to keep the shop open.", "task"),
        ("The challenge was that nobody knew the till system.", "situation"),
        ("I had about an hour to clear the loading bay.", "task"),
        ("I needed the supplier to deliver a day early.", "task"),
        ("I was only booked to service the boiler.", "task"),
        ("The owner wanted fewer wasted deliveries.", "task"),
        ("Both had to go out that evening.", "task"),
        ("Simplify the sign-up form before the launch.", "task"),
        # A practice kept up to now, said of others; custom coming back.
        ("The clinic now checks every label twice.", "result"),
        ("The evening sessions are full now.", "result"),
        ("They booked again for the next conference.", "result"),
        # What came to the teller, or what the teller was in the middle of, is not a step.
        ("I got a call from a tenant whose ceiling had come down.", "situation"),
        ("I was fitting a bathroom when the tiles ran out.", "situation"),
        # "I built" describing the noun the sentence opens on.
        ("The checklist I wrote became the standard for the depot.", "result"),
        # An event with a time after it may be either part: alone it tells none.
        ("Two vans arrived the next morning.", None),
    ],
)
def test_plain_words_tell_the_part_they_say(sentence: str, part: str | None) -> None:
    assert part_of(sentence) == part


def test_a_post_held_that_the_duty_follows_from_belongs_to_the_task() -> None:
    # Spoken, "i was the duty manager" and "so i had to…" are two clauses; the first is why
    # the duty was the teller's, so a cut situation is not shown by it.
    post = "i was the duty manager"
    duty = "so i had to find cover for the whole late shift"
    assert part_of(post) == "situation"
    assert parts_of([post, duty]) == ["task", "task"]
    scene = "on a busy saturday at the garden centre i was the duty manager"
    assert parts_of([scene, duty]) == ["situation", "task"]


def test_of_two_duties_in_a_row_the_one_that_sets_the_scene_is_the_situation() -> None:
    opening = (
        "On a night shift last winter I was in charge of twelve step-down beds and we were "
        "two nurses short."
    )
    duty = "I had to keep the unit safe until morning."
    steps = "I rang the bed manager and I took the sickest patient myself."
    assert parts_of([opening, duty, steps]) == ["situation", "task", "action"]
    # Two duties with no scene in either: no situation is made up.
    plain = "My job was to cover the late shift."
    assert parts_of([plain, duty, steps]) == ["task", "task", "action"]


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # The size of a change said after a long object, up to where its clause ends.
        ("We cut the falls on the ward by a third that month.", "result"),
        ("We saved the depot about six thousand pounds a year in fees.", "result"),
        ("We brought the overpayments on the payroll down to almost nothing.", "result"),
        # … but not a figure said in the next clause.
        ("We cut the old rota and then we worked 3 hours more.", "action"),
        # A trouble that stopped coming.
        ("We went the rest of the job without another near miss.", "result"),
        ("And we stopped getting angry calls on payday.", "result"),
        ("We no longer had complaints about the noise.", "result"),
        ("He left without another word.", None),
    ],
)
def test_results_said_with_we_and_a_past_verb(sentence: str, part: str | None) -> None:
    assert part_of(sentence) == part


def test_an_answer_ending_on_a_step_and_its_sized_outcome_has_its_result() -> None:
    answer = (
        "On a night shift last winter a confused patient kept pulling out his IV line. I had to "
        "keep him safe without sedating him. I sat with him, explained each step slowly, and "
        "asked his daughter to call in. By morning he had stopped pulling at the line, and we "
        "cut the falls on the ward by a third that month."
    )
    assert parts_of(sentences_in(answer))[-1] == "result"


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # A duty said as what someone wanted from the teller, or as the teller's part or duty.
        ("And what the head teacher wanted from us was a plan for the wet days.", "task"),
        ("My part in it was to get the stock counted before the auditors came.", "task"),
        # A note headed by a duty's label, its colon a few words on.
        ("Deliverable: the new rota signed off by Friday.", "task"),
        ("Brief from the practice manager: fewer missed appointments.", "task"),
        # "I was to …": a duty given.
        ("The site manager said I was to keep the crane idle until the wind dropped.", "task"),
        ("I was to blame for the mix-up.", None),
        # Whose the duty was, whatever the subject.
        ("Sorting out the double booking was down to me.", "task"),
        ("The whole handover came down to us.", "task"),
        ("Getting the van loaded was all on me.", "task"),
        ("Somebody had to ring the family, and it was going to have to be me.", "task"),
        ("I thought somebody's got to tell the owner.", "task"),
        ("We got to the site at six.", "action"),
        # What a thing needed doing or had to be.
        ("Forty boxes of donations needed sorting before the doors opened.", "task"),
        ("Whatever we tried had to be finished by the morning shift.", "task"),
        # A choice said to be the teller's.
        ("The decision on whether to close the pool was mine.", "task"),
        # Someone asking a group the teller was one of; a step when the teller asked.
        ("The trust asked every ward to show it had cut its agency spend.", "task"),
        ("I asked each trainee to teach one topic back to the group.", "action"),
    ],
)
def test_duties_said_in_unusual_ways(sentence: str, part: str | None) -> None:
    assert part_of(sentence) == part


@pytest.mark.parametrize(
    ("sentence", "part"),
    [
        # A takeaway shop is no lesson; "my takeaway" is.
        ("The takeaway had no hot water that night.", "situation"),
        ("My takeaway was to check the fridge first.", None),
        # An occasion of the work sets the scene, as a place does.
        ("During a routine audit of the stores I found three expired batches.", "situation"),
        # What the teller had been doing when the story began.
        ("I'd been running the evening desk for a few weeks.", "situation"),
        ("We had been covering nights since the spring.", "situation"),
        # A comparison with all else.
        ("The post got more replies than anything else we put out that month.", "result"),
        # Recognition awaited is no outcome: the sentence is the duty it says.
        ("I wanted to finish the plan before it was approved by the board.", "task"),
    ],
)
def test_scenes_and_results_said_in_plain_words(sentence: str, part: str | None) -> None:
    assert part_of(sentence) == part


def test_what_still_holds_now_is_a_plain_words_result() -> None:
    assert part_scores("She still sends the team a card every Christmas.")["result"] == 2.0
    assert part_scores("He's still one of our regulars.")["result"] == 2.0
    # "still" in the past is only a mild outcome word.
    assert part_scores("The boiler was still leaking.")["result"] == 1.5


def test_a_note_saying_when_its_work_was_done_is_no_step() -> None:
    assert part_of("Delivered the pallets to the wrong depot.") == "action"
    task = "Get the order to the customer by Monday."
    assert parts_of([task, "Delivered Sunday evening."]) == ["task", "result"]


def test_there_was_no_after_the_steps_is_what_did_not_happen() -> None:
    steps = "I labelled both beds and told the night team at handover."
    lack = "There were no mix-ups for the rest of the week."
    assert parts_of([steps, lack]) == ["action", "result"]
    # Before the steps, a lack is the scene.
    assert parts_of([lack, steps]) == ["situation", "action"]
