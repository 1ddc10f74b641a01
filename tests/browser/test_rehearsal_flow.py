"""Rehearsal in the browser: a case session moved through its phases with a typed answer and
its feedback; a presentation plan whose over-long slide notes raise a warning; a run-through
recorded through Chromium's fake microphone (an espeak-ng WAV, one sentence a slide) with the
slide changes marked by the Space key, transcribed in the background and timed slide by slide."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from datetime import datetime

import pytest
from django.contrib.auth.models import User
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from nextround.interviews import services
from nextround.rehearsal import services as rehearsal_services
from nextround.rehearsal.models import RunThrough
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import import_extra

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ANSWER = """Is the goal to cut waste by weight or by cost? And across all sites?

I'd look at three areas: buying, cooking and serving. Let's assume the group buys 200,000 a \
month of food; 200,000 x 15% = 30,000 is thrown away. I assume half of that is over-ordering, \
so 30,000 x 50% = 16,000.

I recommend ordering daily from sales forecasts. The risk is running out of popular dishes; \
the next step is a four-week pilot in two kitchens."""


def test_a_case_session_through_its_phases_to_feedback(page: Page, user: User) -> None:
    page.goto("/practice/")
    page.get_by_role("link", name="Practise a case").click()
    page.get_by_label("Kind:", exact=True).select_option("operations")
    page.get_by_role("button", name="Show cases").click()
    page.get_by_role("button", name="Start: Food waste in a restaurant group").click()
    expect(page.get_by_test_id("case-prompt")).to_contain_text("throws away 15%")
    for phase in ("Clarify", "Structure", "Analyse", "Recommend"):
        page.get_by_role("button", name=f"Begin: {phase}").click()
        expect(page.get_by_test_id("current-phase")).to_contain_text(phase)
    expect(page.get_by_test_id("next-phase")).to_have_count(0)
    tree = "- Buying\n  - order size\n- Cooking\n- Serving"
    page.get_by_label("Scratch structure:", exact=True).fill(tree)
    page.get_by_label("Your answer:", exact=True).fill(ANSWER)
    page.get_by_role("button", name="Finish and see feedback").click()

    expect(
        page.get_by_role("heading", name="Feedback: Food waste in a restaurant group")
    ).to_be_visible()
    checks = page.get_by_test_id("case-checks")
    expect(checks).to_contain_text("200,000 x 15% = 30,000: right")
    expect(checks).to_contain_text("30,000 x 50% = 16,000: comes to 15,000")
    expect(checks).to_contain_text("You announced 3 branches")
    expect(page.get_by_test_id("phases")).to_contain_text("Recommend")


def test_a_presentation_plan_warns_about_an_over_long_slide(page: Page, user: User) -> None:
    opportunity = services.opportunity_create(
        owner=user, company="Harbor Logistics", role_title="Operations Analyst"
    )
    manager = services.person_create(
        opportunity=opportunity,
        name="Ines Park",
        title="Head of Operations",
        relation="hiring_manager",
    )
    round_ = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 3, 9, 30),
        ends=datetime(2026, 12, 3, 11, 0),
        timezone_name="Europe/London",
        format="presentation",
        attendees=[manager],
    )
    page.goto(f"/rounds/{round_.pk}/")
    page.get_by_role("link", name="Presentation plan").click()
    expect(page.get_by_test_id("audience")).to_contain_text("Ines Park")
    page.get_by_label("Slot (minutes)").fill("2")
    page.get_by_label("Their brief").fill("Show us how you would cut dwell time.")
    page.get_by_role("button", name="Save the plan").click()
    page.get_by_label("Title").fill("The problem")
    page.get_by_label("Speaker notes").fill("We measured every truck at the gate. " * 30)
    page.get_by_role("button", name="Add the slide").click()
    page.get_by_label("Title").fill("The plan")
    page.get_by_role("button", name="Add the slide").click()

    budgets = page.get_by_test_id("slide-budgets")
    expect(budgets).to_contain_text("210 / 150")
    expect(page.get_by_test_id("plan-warnings")).to_contain_text(
        "Slide 1 (The problem): the notes have 210 words; about 150 fit in 1:00"
    )


def test_rehearsal_pages_have_no_serious_accessibility_findings(page: Page, user: User) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from nextround.rehearsal.models import CaseSession, PresentationPlan
    from nextround.workspace.demo import demo_load

    demo_load(owner=user, now=timezone.now())
    session = CaseSession.objects.get(owner=user)
    plan = PresentationPlan.objects.get(owner=user)
    failures = {}
    for url in (
        "/cases/",
        "/cases/?field=clinical",
        f"/cases/sessions/{session.pk}/",
        f"/cases/sessions/{session.pk}/feedback/",
        f"/rounds/{plan.round_id}/presentation/run/",
        f"/rounds/{plan.round_id}/presentation/",  # last: its warning is checked below
    ):
        page.goto(url)
        violations = Axe().run(page).response["violations"]
        found = [v["id"] for v in violations if v["impact"] in {"serious", "critical"}]
        if found:
            failures[url] = found
    assert failures == {}
    expect(page.get_by_test_id("plan-warnings")).to_contain_text("Slide 2 (What the scans show)")


@pytest.fixture(scope="module")
def run_recording(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[float]]:
    import_extra("faster_whisper", "voice")
    from tests.slides.spoken import spoken_run

    wav, marks = spoken_run(tmp_path_factory.mktemp("run-mic"))
    return str(wav), marks


def _with_microphone(browser: Browser, live_server: object, wav: str) -> Iterator[Page]:
    """A Chromium whose microphone plays ``wav``, with no permission prompt."""
    with_microphone = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-audio-capture={wav}%noloop",
        ],
    )
    context = with_microphone.new_context(base_url=str(live_server))
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()
    with_microphone.close()


@pytest.fixture
def mic_page(
    browser: Browser, live_server: object, run_recording: tuple[str, list[float]]
) -> Iterator[Page]:
    """A Chromium whose microphone plays the run-through."""
    yield from _with_microphone(browser, live_server, run_recording[0])


@pytest.mark.microphone
def test_a_run_through_marked_with_the_space_key_is_timed_per_slide(
    mic_page: Page, user: User, run_recording: tuple[str, list[float]], workers: None
) -> None:
    from tests.slides.spoken import SLIDE_SCRIPTS

    _, marks = run_recording
    opportunity = services.opportunity_create(
        owner=user, company="Harbor Logistics", role_title="Operations Analyst"
    )
    round_ = services.round_create(
        opportunity=opportunity,
        starts=datetime(2026, 12, 3, 9, 30),
        ends=datetime(2026, 12, 3, 11, 0),
        timezone_name="Europe/London",
        format="presentation",
    )
    rehearsal_services.plan_save(round_=round_, changes={"slot_minutes": 1})
    for title in ("Dwell time", "Where the wait is", "What I would do"):
        rehearsal_services.slide_add_to_round(round_=round_, fields={"title": title})
    page = mic_page
    page.goto(f"/rounds/{round_.pk}/presentation/")
    page.get_by_role("link", name="Rehearse: record a run-through").click()
    page.get_by_role("button", name="Start recording").click()
    expect(page.locator("#record-status")).to_contain_text("Recording")
    began = time.monotonic()
    for mark in marks:  # each in the middle of a second of silence
        page.wait_for_timeout(max(0.0, mark - (time.monotonic() - began)) * 1000)
        page.keyboard.press("Space")
    expect(page.locator("#run-slides li").nth(2)).to_have_attribute("aria-current", "step")
    expect(page.get_by_label("Slide changes")).to_have_value(re.compile(r"^0:0\d\.\d, 0:0\d\.\d$"))
    page.wait_for_timeout(3_000)  # the last sentence
    page.get_by_role("button", name="Stop and time it").click()
    expect(page).to_have_url(re.compile(r"/run-throughs/\d+/$"), timeout=20_000)
    run = RunThrough.objects.get()
    assert run.audio.endswith(".webm") and len(run.marks) == 2
    rows = page.get_by_test_id("run-slides").locator("tbody tr")
    expect(rows).to_have_count(3, timeout=120_000)  # the page reloads until transcribed
    words = [int(rows.nth(i).locator("td").nth(5).inner_text()) for i in range(3)]
    expected = [len(script.split()) for script in SLIDE_SCRIPTS]
    assert all(abs(w - e) <= 2 for w, e in zip(words, expected, strict=True)), (words, run.marks)
    expect(page.get_by_test_id("run-total")).to_contain_text("against a slot of 60 s")


# Under 30 seconds, so Whisper hears it in one window; the second sum is wrong. The clarifying
# question, then two seconds of silence in which the structure phase is begun, then the rest.
CASE_QUESTION = "Is the goal to cut cost, or waste?"
CASE_ANSWER = (
    "I would look at three areas: buying, cooking and serving. Let's assume the group buys "
    "200,000 dollars of food a month. 200,000 times 15% is 30,000. 30,000 times 50% is 16,000. "
    "I recommend ordering daily from forecasts. The risk is running out of popular dishes. The "
    "next step is a pilot in two kitchens."
)


@pytest.fixture
def case_recording(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, float]:
    """The spoken case answer (a WAV) and the moment in its pause, in seconds."""
    import_extra("faster_whisper", "voice")
    from tests.conftest import speak
    from tests.speech.helpers import RATE, np, read_wav, silence, write_wav

    folder = tmp_path_factory.mktemp("case-mic")
    question, answer = (
        read_wav(speak(text, folder / f"{name}.wav", words_per_minute=170))[0]
        for name, text in (("question", CASE_QUESTION), ("answer", CASE_ANSWER))
    )
    wav = write_wav(folder / "case.wav", np.concatenate([question, silence(2.0), answer]))
    return str(wav), len(question) / RATE + 1.0


@pytest.fixture
def case_mic_page(
    browser: Browser, live_server: object, case_recording: tuple[str, float]
) -> Iterator[Page]:
    """A Chromium whose microphone speaks a case answer."""
    yield from _with_microphone(browser, live_server, case_recording[0])


@pytest.mark.microphone
def test_a_case_answered_out_loud_keeps_recording_through_a_phase_change(
    case_mic_page: Page, user: User, case_recording: tuple[str, float], workers: None
) -> None:
    session = rehearsal_services.case_session_from_bank(
        owner=user, key="kitchen-waste", now=timezone.now()
    )
    page = case_mic_page
    page.goto(f"/cases/sessions/{session.pk}/")
    page.get_by_role("button", name="Begin: Clarify").click()
    page.get_by_label("Scratch structure:", exact=True).fill("- Buying\n- Cooking\n- Serving")
    page.get_by_role("button", name="Record the answer").click()
    expect(page.locator("#record-status")).to_contain_text("Recording")
    page.wait_for_timeout(case_recording[1] * 1000)  # into the pause after the question
    # A phase begun while recording is sent in the background: the page and the recording stay.
    page.get_by_role("button", name="Begin: Structure").click()
    expect(page.get_by_test_id("current-phase")).to_contain_text("Structure")
    expect(page.locator("#record-status")).to_contain_text("Recording")
    page.wait_for_timeout(25_000)  # the rest of the answer
    page.get_by_role("button", name="Stop and transcribe").click()
    expect(page).to_have_url(re.compile(r"/cases/sessions/\d+/feedback/$"), timeout=20_000)
    checks = page.get_by_test_id("case-checks")
    expect(checks).to_contain_text("times 15% is 30,000: right", timeout=120_000)
    expect(checks).to_contain_text("You announced 3 branches")
    session.refresh_from_db()
    assert session.audio.endswith(".webm") and session.structure_at is not None
    assert session.structure.startswith("- Buying"), session.structure
    assert "three areas" in session.answer and "two kitchens" in session.answer, session.answer
