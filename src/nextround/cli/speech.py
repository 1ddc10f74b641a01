"""``nextround transcribe``: a recorded answer turned into timed words and pauses, locally."""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

import click

from nextround.cli.base import main, print_json

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar

    from nextround.speech import Transcript

_STEPS = 1000


class _Progress:
    """A bar on stderr, drawn only on a terminal and only once text starts arriving, so a
    refused file leaves nothing but its error line."""

    def __init__(self) -> None:
        self.bar: ProgressBar[int] | None = None
        self.done = 0

    def __call__(self, fraction: float) -> None:
        if self.bar is None:
            self.bar = click.progressbar(
                length=_STEPS,
                label="Transcribing",
                hidden=not sys.stderr.isatty(),
                file=sys.stderr,
                show_eta=False,
            )
        step = min(_STEPS, round(fraction * _STEPS))
        self.bar.update(step - self.done)
        self.done = max(self.done, step)

    def __enter__(self) -> _Progress:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self.bar is not None:
            self.bar.render_finish()


def transcribe_file(audio: Path) -> Transcript:
    """A recording transcribed with the configured model, a progress bar on a terminal."""
    from nextround.config import load_settings
    from nextround.speech import check_file, load, transcribe

    check_file(audio)  # a refused file fails before the model is loaded
    try:
        configured = load_settings()
    except ValueError as exc:  # load_settings() rejects a bad NEXTROUND_* variable
        raise click.ClickException(f"configuration: {exc}") from None
    model = load(configured.speech_model, data_dir=configured.data_dir)
    if model.note:  # Whisper base was asked for but can't be had
        click.echo(f"Note: {model.note}", err=True)
    with _Progress() as progress:
        return transcribe(audio, model=model, progress=progress)


def _clock(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}"


def _print_transcript(transcript: Transcript) -> None:
    from nextround.feedback.thresholds import HESITATION_SECONDS, LONG_PAUSE_SECONDS

    click.echo(transcript.text or "(no words recognised)")
    words = len(transcript.words)
    # Pace over the span of the words, as the answer analyzer counts it: the silence before and
    # after the answer is not speaking time.
    minutes = (transcript.words[-1].end - transcript.words[0].start) / 60 if words else 0
    pace = f", {words / minutes:.0f} words a minute" if minutes > 0 else ""
    click.echo(f"\n{transcript.duration:.1f} s, {words} words{pace} ({transcript.model}).")
    shortest = f"{HESITATION_SECONDS:g} s"
    if not transcript.pauses:
        click.echo(f"No pauses of {shortest} or more.")
        return
    click.echo(f"Pauses of {shortest} or more: {len(transcript.pauses)}")
    for pause in transcript.pauses:
        long = "  long" if pause.seconds >= LONG_PAUSE_SECONDS else ""
        click.echo(f"  {_clock(pause.start)}–{_clock(pause.end)}  {pause.seconds:.1f} s{long}")


@main.command("transcribe")
@click.argument("audio", metavar="AUDIO", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def transcribe_command(audio: Path, *, as_json: bool) -> None:
    """Turn a recorded answer into text with word timings and pauses, on this computer.

    Reads .webm, .ogg, .wav, .mp3 or .m4a, up to 10 minutes. Needs the voice extra:
    pip install 'nextround[voice]'."""
    from nextround.jsonform import json_form

    transcript = transcribe_file(audio)
    if as_json:
        print_json(json_form(transcript))
        return
    _print_transcript(transcript)
