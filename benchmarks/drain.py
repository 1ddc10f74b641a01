"""Drain benchmark: spoken answers queued at once, transcribed by `nextround worker` processes.

Makes a few short espeak-ng clips (``--clips``), queues ``--jobs`` practice recordings made of
them, as uploads do (an attempt saved, then ``practice.jobs.enqueue``), and starts ``--workers``
`nextround worker --queue transcribe` processes on the same database. It reports how long the
queue took to drain and, from django-tasks-db's own timestamps, how long each task waited in the
queue (enqueued to started) and ran (started to finished): median and p95, and how many each
worker took. Every attempt must end transcribed. Run on PostgreSQL, the shared server's
database; SQLite works too, for comparison.

    NEXTROUND_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/nextround_bench \\
      .venv/bin/python benchmarks/drain.py [--jobs 200] [--workers 2] [--write-docs]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import benchsetup  # configures Django: import before any model
from docsection import write_section

from nextround.core.services import local_user
from nextround.practice import jobs, services
from nextround.practice.models import Attempt, Status

SCRIPT = Path(sys.executable).parent / "nextround"
SENTENCES = (
    "I wrote a triage guide and the waiting time fell by half.",
    "We moved the night shift handover to the ward and lost no more notes.",
    "I asked the driver to check the load before he left the yard.",
    "Our team closed the books two days earlier every month.",
    "I trained four new agents in the first week.",
)


def clips(folder: Path, count: int) -> list[Path]:
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise SystemExit("espeak-ng is missing: run scripts/system-deps.")
    made = []
    for n in range(count):
        path = folder / f"clip-{n}.wav"
        text = SENTENCES[n % len(SENTENCES)]
        subprocess.run(
            [espeak, "-v", "en-us", "-s", "150", "-w", str(path), text],
            check=True,
            capture_output=True,
        )
        made.append(path)
    return made


def queue(count: int, sources: list[Path]) -> list[int]:
    """``count`` attempts saved as an upload saves them, then queued."""
    owner = local_user()
    session = services.session_start(owner=owner, category="behavioral", count=1)
    question = session.questions.get()
    folder = services.recordings_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pks = []
    for n in range(count):
        name = f"drain-{n}.wav"
        shutil.copyfile(sources[n % len(sources)], folder / name)
        attempt = Attempt.objects.create(
            owner=owner, question=question, mode="spoken", status=Status.QUEUED, audio=name
        )
        pks.append(attempt.pk)
    for pk in pks:
        assert jobs.enqueue(pk)
    return pks


def _seconds(wav: Path) -> float:
    with wave.open(str(wav)) as audio:
        frames: int = audio.getnframes()
        rate: int = audio.getframerate()
    return frames / rate


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--jobs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clips", type=int, default=5, help="distinct clips the jobs reuse")
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args(argv)

    from django.db import connections
    from django_tasks_db.models import DBTaskResult

    benchsetup.prepare_database()
    database = benchsetup.database_description()
    with tempfile.TemporaryDirectory() as folder:
        sources = clips(Path(folder), args.clips)
        audio_seconds = statistics.mean(_seconds(p) for p in sources)
        pks = queue(args.jobs, sources)
    connections.close_all()
    env = {**os.environ, "NEXTROUND_SPEECH_MODEL": "tiny.en"}
    load = os.getloadavg()[0]
    started = time.monotonic()
    workers = [
        subprocess.Popen(
            [str(SCRIPT), "worker", "--queue", "transcribe"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(args.workers)
    ]
    try:
        pending = Attempt.objects.filter(
            pk__in=pks, status__in=[Status.QUEUED, Status.TRANSCRIBING]
        )
        while pending.exists():
            if time.monotonic() - started > args.timeout:
                raise SystemExit(f"the queue did not drain in {args.timeout:.0f} s")
            for worker in workers:
                if worker.poll() is not None:
                    raise SystemExit(f"a worker stopped: {worker.communicate()[1]}")
            time.sleep(0.5)
        drained = time.monotonic() - started
    finally:
        for worker in workers:
            worker.send_signal(signal.SIGTERM)
        for worker in workers:
            worker.wait(60)

    done = Attempt.objects.filter(pk__in=pks, status=Status.DONE).count()
    tasks = list(DBTaskResult.objects.filter(queue_name="transcribe"))
    waits = [(t.started_at - t.enqueued_at).total_seconds() for t in tasks if t.started_at]
    runs = [
        (t.finished_at - t.started_at).total_seconds()
        for t in tasks
        if t.started_at and t.finished_at
    ]
    per_worker = Counter(t.worker_ids[-1].split(":")[1] for t in tasks if t.worker_ids)
    rows = [
        ("jobs queued / transcribed", f"{len(pks)} / {done}"),
        ("workers (processes)", f"{args.workers} ({', '.join(map(str, per_worker.values()))})"),
        ("clip length", f"{audio_seconds:.1f} s of speech each"),
        ("drained in", f"{drained:.0f} s ({len(pks) / drained:.2f} jobs a second)"),
        (
            "wait in queue, median / p95",
            f"{statistics.median(waits):.0f} s / {percentile(waits, 0.95):.0f} s",
        ),
        (
            "run per job, median / p95",
            f"{statistics.median(runs):.2f} s / {percentile(runs, 0.95):.2f} s",
        ),
    ]
    when = dt.date.today().isoformat()
    body = "\n".join(
        [
            f"### {database}, {when}",
            "",
            f"{benchsetup.machine()}; 1-minute load average {load:.2f} when the workers started; "
            "Whisper tiny.en; no web traffic meanwhile.",
            "",
            "| what | figure |",
            "|---|---|",
            *(f"| {what} | {figure} |" for what, figure in rows),
        ]
    )
    print(body)
    if args.write_docs:
        write_section(f"drain-benchmark-{benchsetup.vendor()}", body)
    benchsetup.clean_up()
    return 0 if done == len(pks) else 1


if __name__ == "__main__":
    raise SystemExit(main())
