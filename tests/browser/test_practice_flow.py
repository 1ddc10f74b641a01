"""Practice in the browser: a typed answer with its highlighted feedback, and a spoken answer
recorded through Chromium's fake microphone (an espeak-ng WAV), transcribed in the background
while the page shows progress, then analysed."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Browser, Page, expect

from nextround.practice.models import Attempt
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.conftest import import_extra, speak

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TYPED = (
    "At my last job, um, our invoices were paid late every month. I was asked to fix it. "
    "I think I just mapped the approvals and I removed two steps. "
    "As a result, late payments fell by 60% in a quarter."
)
SAID = (
    "When I joined, our support queue had doubled. I was asked to fix it. "
    "I wrote a triage guide and I trained four new agents. "
    "As a result, the waiting time fell by half."
)
ATTEMPT_PATH = re.compile(r"/practice/attempts/(\d+)/$")


def _start_behavioral_session(page: Page) -> None:
    page.goto("/practice/")
    page.get_by_label("A kind of question").check()
    page.locator("select#id_category").select_option("behavioral")
    page.get_by_label("How many questions").fill("1")
    page.get_by_role("button", name="Start").click()
    expect(page).to_have_url(re.compile(r"/practice/sessions/\d+/1/$"))


def test_a_typed_answer_is_timed_and_its_fillers_and_hedges_are_marked(
    page: Page, user: User
) -> None:
    _start_behavioral_session(page)
    expect(page.locator("#timer")).to_be_visible()
    page.get_by_label("Your answer").fill(TYPED)
    expect(page.locator("#timer-clock")).not_to_have_text("0:00", timeout=3_000)
    page.get_by_role("button", name="Analyse my answer").click()
    expect(page).to_have_url(ATTEMPT_PATH)
    expect(page.locator(".transcript mark.filler")).to_have_text(["um"])
    expect(page.locator(".transcript mark.hedge").first).to_have_text("I think")
    attempt = Attempt.objects.get()
    expect(page.locator(".score")).to_have_text(str(attempt.score))

    page.get_by_role("link", name="Try again").click()
    page.get_by_label("Your answer").fill(TYPED.replace("um, ", "").replace("I think I just", "I"))
    page.get_by_role("button", name="Analyse my answer").click()
    expect(page.locator("#earlier tbody tr")).to_have_count(2)
    page.get_by_role("button", name="Keep as my best").click()
    expect(page.get_by_text("Kept as your best").first).to_be_visible()


@pytest.fixture(scope="module")
def microphone_browser(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Browser]:
    """Chromium whose microphone plays an espeak-ng recording, with no permission prompt."""
    import_extra("faster_whisper", "voice")
    wav = speak(SAID, tmp_path_factory.mktemp("mic") / "answer.wav")
    fake_microphone = [
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-audio-capture={wav}%noloop",
    ]
    # A second Chromium from the same Playwright: the flags hold for the browser's lifetime.
    with_microphone = browser.browser_type.launch(
        executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, *fake_microphone]
    )
    yield with_microphone
    with_microphone.close()


@pytest.fixture
def mic_page(microphone_browser: Browser, live_server: object) -> Iterator[Page]:
    context = microphone_browser.new_context(base_url=str(live_server))
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.mark.microphone
def test_a_recorded_answer_is_transcribed_with_progress_then_analysed(
    mic_page: Page, user: User, tmp_path: Path, workers: None
) -> None:
    page = mic_page
    _start_behavioral_session(page)
    page.get_by_role("button", name="Start recording").click()
    expect(page.locator("#record-status")).to_contain_text("Recording")
    page.wait_for_timeout(13_000)  # the espeak-ng answer lasts about 12 seconds
    page.get_by_role("button", name="Stop and analyse").click()
    expect(page).to_have_url(ATTEMPT_PATH, timeout=20_000)
    attempt = Attempt.objects.get()
    assert attempt.mode == "spoken" and attempt.audio.endswith(".webm")
    expect(page.get_by_role("heading", name="What you said")).to_be_visible(timeout=120_000)
    transcript = page.locator(".transcript").inner_text().lower()
    for word in ("support", "guide", "agents"):
        assert word in transcript
    expect(page.locator("dl.figures")).to_contain_text("words a minute")
    attempt.refresh_from_db()
    assert attempt.status == "done" and attempt.pace_measured
