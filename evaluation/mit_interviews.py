"""How the answer analyzer's measures agree with human ratings of 69 real mock interviews.

    .venv/bin/python evaluation/mit_interviews.py DATA_DIR

DATA_DIR is the shared evaluation folder (for example ../shared/eval); the script reads
``mit_interview_dev/transcripts.csv`` and ``scores.csv`` there and never copies them. The
interviews come from the MIT Interview Dataset (Naim, Tanveer, Gildea & Hoque, 2015); each was
rated by nine people on a 1–7 scale.

How an interview is read:
- Turns are joined by "|" and start with "Interviewer:" or "Interviewee:"; a turn without a
  speaker continues the previous one. This copy lost its commas, which show as two spaces; they
  are put back as commas, since the filler rules read commas as pauses.
- An answer is the interviewee's speech between two interviewer questions. An interviewer turn
  of fewer than five words without a question mark ("Mm-hmm.", "Great.") is a nod, not a new
  question, so the answer runs on across it.
- Each answer is analysed on its own with its question (typed-style: no timings, so pace is not
  scored and the length is estimated). Per interview: fillers per 100 words are the interview's
  fillers over its words (all answers together); structure is the mean share of the structure
  component over answers of at least MIN_ANSWER_WORDS words; the overall score is the mean
  score over those answers.

Printed: Spearman's rank correlation (ties get their average rank) of fillers per 100 words
against the raters' NoFillers, of structure against StructuredAnswers and of the overall score
against Overall. Two baselines for fillers: a plain regular expression for the words "um" and
"uh", and the same allowing their spellings in this transcript (umm, uhm, uhh). The structure
is also given as the share of STAR parts over answers to story questions only. The figures go
in docs/practice.md.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from nextround.feedback import analyze_answer
from nextround.feedback.structure import wants_story

MIN_ANSWER_WORDS = 20  # shorter turns are greetings and asides, not answers
NOD_WORDS = 5

_SPEAKER = re.compile(r"^\s*(Interviewer|Interviewee)\s*:\s*", re.IGNORECASE)
_STRIPPED_COMMA = re.compile(r"(?<=[^\s.!?,])\s{2,}(?=\S)")
_SPACES = re.compile(r"\s{2,}")
_BASELINE = re.compile(r"\b(?:um|uh)\b", re.IGNORECASE)
# The same with the spellings this transcript uses for the same sounds (umm, uhm, uhh...).
_BASELINE_VARIANTS = re.compile(r"\b(?:u+h*m+|u+h+)\b", re.IGNORECASE)


@dataclass
class Answer:
    question: str
    text: str


@dataclass
class Measures:
    words: int
    fillers_per_100: float
    baseline_per_100: float
    variants_per_100: float
    structure: float
    story_structure: float | None  # STAR share over answers to story questions only
    overall: float


def restore_commas(text: str) -> str:
    return _SPACES.sub(" ", _STRIPPED_COMMA.sub(", ", text)).strip()


def turns(transcript: str) -> list[tuple[str, str]]:
    """(speaker, text) per turn; a turn without a speaker label continues the last speaker."""
    found: list[tuple[str, str]] = []
    for raw in transcript.split("|"):
        m = _SPEAKER.match(raw)
        if m:
            found.append((m.group(1).lower(), raw[m.end() :]))
        elif found:
            found.append((found[-1][0], raw))
    return found


def answers(transcript: str) -> list[Answer]:
    found: list[Answer] = []
    question = ""
    current: list[str] = []
    for speaker, text in turns(transcript):
        if speaker == "interviewee":
            current.append(restore_commas(text))
            continue
        if "?" not in text and len(text.split()) < NOD_WORDS:
            continue  # a nod; the answer goes on
        if current:
            found.append(Answer(question, "\n".join(current)))
            current = []
        question = restore_commas(text)
    if current:
        found.append(Answer(question, "\n".join(current)))
    return [a for a in found if a.text.strip()]


def measure(transcript: str) -> Measures | None:
    fillers = baseline = variants = total_words = 0
    structure: list[float] = []
    story: list[float] = []
    scores: list[int] = []
    for answer in answers(transcript):
        report = analyze_answer(answer.text, question=answer.question or None)
        fillers += report.fillers.count
        baseline += len(_BASELINE.findall(answer.text))
        variants += len(_BASELINE_VARIANTS.findall(answer.text))
        total_words += report.words
        if report.words < MIN_ANSWER_WORDS:
            continue
        part = report.components["structure"]
        structure.append(part.points / part.out_of if part.out_of else 0.0)
        if wants_story(answer.question or None):
            story.append(sum(p.present for p in report.star.values()) / len(report.star))
        scores.append(report.score)
    if not total_words or not scores:
        return None
    return Measures(
        words=total_words,
        fillers_per_100=fillers * 100 / total_words,
        baseline_per_100=baseline * 100 / total_words,
        variants_per_100=variants * 100 / total_words,
        structure=statistics.fmean(structure),
        story_structure=statistics.fmean(story) if story else None,
        overall=statistics.fmean(scores),
    )


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks; tied values share the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda k: values[k])
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson's correlation of the ranks, which stays right when there are ties."""
    if len(xs) != len(ys) or len(xs) < 2:
        raise ValueError("Spearman needs two equally long series of at least two values.")
    rx, ry = ranks(xs), ranks(ys)
    mx, my = statistics.fmean(rx), statistics.fmean(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / (vx * vy) ** 0.5 if vx and vy else 0.0


def read_scores(path: Path) -> dict[str, dict[str, float]]:
    with path.open(newline="", encoding="utf-8") as f:
        return {
            row["Participant"].strip().lower(): {
                k: float(v) for k, v in row.items() if k != "Participant"
            }
            for row in csv.DictReader(f)
        }


def read_transcripts(path: Path) -> dict[str, str]:
    with path.open(newline="", encoding="utf-8") as f:
        return {row[0].strip().lower(): ",".join(row[1:]) for row in csv.reader(f) if row}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir", type=Path, help="the shared evaluation folder")
    folder = parser.parse_args().data_dir / "mit_interview_dev"
    scores = read_scores(folder / "scores.csv")
    transcripts = read_transcripts(folder / "transcripts.csv")
    unmatched = sorted(set(transcripts) ^ set(scores))
    rows: list[tuple[Measures, dict[str, float]]] = []
    for pid, transcript in sorted(transcripts.items()):
        measures = measure(transcript)
        if measures is not None and pid in scores:
            rows.append((measures, scores[pid]))
    print(f"n = {len(rows)} interviews (ids without a match: {unmatched or 'none'})")
    words = statistics.median(m.words for m, _ in rows)
    print(f"interviewee words per interview: median {words:.0f}")
    pairs = [
        ("fillers per 100 words vs NoFillers", "fillers_per_100", "NoFillers"),
        ("baseline: plain um|uh regex vs NoFillers", "baseline_per_100", "NoFillers"),
        ("baseline: um/uh spellings vs NoFillers", "variants_per_100", "NoFillers"),
        ("structure component vs StructuredAnswers", "structure", "StructuredAnswers"),
        (
            "STAR share, story questions vs StructuredAnswers",
            "story_structure",
            "StructuredAnswers",
        ),
        ("overall score vs Overall", "overall", "Overall"),
    ]
    for label, ours, theirs in pairs:
        kept = [(getattr(m, ours), s[theirs]) for m, s in rows if getattr(m, ours) is not None]
        rho = spearman([x for x, _ in kept], [y for _, y in kept])
        print(f"{label:<50} n={len(kept):<3} Spearman {rho:+.3f}")


if __name__ == "__main__":
    main()
