"""How the answer analyzer's measures agree with human ratings of 69 real mock interviews.

    .venv/bin/python evaluation/mit_interviews.py DATA_DIR [--interviewcraft DIR]

DATA_DIR is the shared evaluation folder (for example ../shared/eval); the script reads
``mit_interview_dev/transcripts.csv`` and ``scores.csv`` there and never copies them.
``--interviewcraft`` is a checkout of InterviewCraft (MIT licence), by default
``DATA_DIR/../peers/interviewcraft``: its delivery analyzer's filler count is a third baseline,
imported from there by path (its database and logging imports are stubbed; nothing is copied). The
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
against Overall, each with a 95% bootstrap interval (interviews resampled with replacement,
BOOTSTRAP_SAMPLES times, percentile interval, fixed seed). Three baselines for fillers: a plain
regular expression for the words "um" and "uh", the same allowing their spellings in this
transcript (umm, uhm, uhh), and InterviewCraft's analyzer; for each, the paired bootstrap
difference of our correlation minus theirs (negative: ours tracks the raters more closely).
Beside them, ways of counting that the product does not use, each with its paired differences:
a run of fillers counted once, a filler opening an answer counted twice, and ours and the
um/uh spellings over the square root of the words instead of per 100 words.
The structure is also given check by check (the share of answers passing each organisation
check), as the share of STAR parts over answers to story questions only, and beside two things
it does not count: signposting words and the number of answers in an interview. No weight is
fitted to these ratings, so there is nothing to cross-validate. The figures go in
docs/practice.md.
"""

from __future__ import annotations

import argparse
import csv
import math
import random
import re
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from peers import interviewcraft_analyzer

from nextround.feedback import analyze_answer
from nextround.feedback.report import Span
from nextround.feedback.structure import wants_story

MIN_ANSWER_WORDS = 20  # shorter turns are greetings and asides, not answers
NOD_WORDS = 5
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 17

_SPEAKER = re.compile(r"^\s*(Interviewer|Interviewee)\s*:\s*", re.IGNORECASE)
_STRIPPED_COMMA = re.compile(r"(?<=[^\s.!?,])\s{2,}(?=\S)")
_SPACES = re.compile(r"\s{2,}")
_WORDY = re.compile(r"\w")
_BASELINE = re.compile(r"\b(?:um|uh)\b", re.IGNORECASE)
# The same with the spellings this transcript uses for the same sounds (umm, uhm, uhh...).
_BASELINE_VARIANTS = re.compile(r"\b(?:u+h*m+|u+h+)\b", re.IGNORECASE)
# Signposting words, measured to see whether the raters reward them (they are not counted).
_SIGNPOSTS = re.compile(
    r"\b(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|another|for\s+(?:example|instance)|"
    r"one\s+(?:thing|reason|example|way)|in\s+addition|finally|lastly)\b",
    re.IGNORECASE,
)


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
    peer_rate: float | None  # InterviewCraft's filler rate, when its analyzer was loaded
    hesitations_per_100: float  # variant: a run of fillers ("um, uh, like") counted once
    openings_per_100: float  # variant: a filler that opens an answer counted twice
    # Variants: the count over the square root of the words, ours and the um/uh spellings'
    # (between a count and a rate: a long interview's fillers are heard as more fillers).
    fillers_per_root_words: float
    variants_per_root_words: float
    structure: float
    point_first: float  # share of answers passing each organisation check
    concluded: float
    length_fits: float
    signposted: float  # share of answers with a signposting word (not counted)
    answers: int  # answers in the interview, however short
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


PeerRate = Callable[[list[str]], float]  # answers in, fillers per word out


def measure(transcript: str, peer: PeerRate | None = None) -> Measures | None:
    fillers = baseline = variants = total_words = hesitations = openings = 0
    structure: list[float] = []
    checks: list[tuple[bool, bool, bool, bool]] = []
    story: list[float] = []
    scores: list[int] = []
    found = answers(transcript)
    for answer in found:
        report = analyze_answer(answer.text, question=answer.question or None)
        fillers += report.fillers.count
        hesitations += hesitation_count(answer.text, report.fillers.items)
        openings += sum(1 for f in report.fillers.items if not answer.text[: f.start].strip())
        baseline += len(_BASELINE.findall(answer.text))
        variants += len(_BASELINE_VARIANTS.findall(answer.text))
        total_words += report.words
        if report.words < MIN_ANSWER_WORDS:
            continue
        part = report.components["structure"]
        structure.append(part.points / part.out_of if part.out_of else 0.0)
        org = report.organisation
        signposted = bool(_SIGNPOSTS.search(answer.text))
        checks.append((org.point_first, org.concluded, org.length_fits, signposted))
        if wants_story(answer.question or None):
            story.append(sum(p.present for p in report.star.values()) / len(report.star))
        scores.append(report.score)
    if not total_words or not scores:
        return None
    share = [statistics.fmean(c[k] for c in checks) for k in range(4)]
    return Measures(
        words=total_words,
        fillers_per_100=fillers * 100 / total_words,
        baseline_per_100=baseline * 100 / total_words,
        variants_per_100=variants * 100 / total_words,
        peer_rate=peer([a.text for a in found]) if peer else None,
        hesitations_per_100=hesitations * 100 / total_words,
        openings_per_100=(fillers + openings) * 100 / total_words,
        fillers_per_root_words=fillers / math.sqrt(total_words),
        variants_per_root_words=variants / math.sqrt(total_words),
        structure=statistics.fmean(structure),
        point_first=share[0],
        concluded=share[1],
        length_fits=share[2],
        signposted=share[3],
        answers=len(found),
        story_structure=statistics.fmean(story) if story else None,
        overall=statistics.fmean(scores),
    )


def hesitation_count(text: str, fillers: Sequence[Span]) -> int:
    """Fillers with a run of neighbours counted once: only punctuation and spaces between two
    fillers ("um, uh, like") make them one hesitation, as a listener hears it."""
    count, last_end = 0, None
    for f in fillers:
        if last_end is None or _WORDY.search(text, last_end, f.start):
            count += 1
        last_end = f.end
    return count


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


def bootstrap(
    xs: Sequence[float], ys: Sequence[float], others: Sequence[Sequence[float]] = ()
) -> tuple[tuple[float, float], list[tuple[float, float]]]:
    """A 95% percentile interval for Spearman(xs, ys), and for each of ``others`` one for the
    paired difference Spearman(xs, ys) - Spearman(other, ys), the same resampled interviews
    serving both sides."""
    rng = random.Random(BOOTSTRAP_SEED)
    n = len(xs)
    rhos: list[float] = []
    diffs: list[list[float]] = [[] for _ in others]
    for _ in range(BOOTSTRAP_SAMPLES):
        pick = [rng.randrange(n) for _ in range(n)]
        ys_ = [ys[k] for k in pick]
        rho = spearman([xs[k] for k in pick], ys_)
        rhos.append(rho)
        for other, found in zip(others, diffs, strict=True):
            found.append(rho - spearman([other[k] for k in pick], ys_))
    return percentile_interval(rhos), [percentile_interval(d) for d in diffs]


def percentile_interval(values: Sequence[float]) -> tuple[float, float]:
    """The 2.5th and 97.5th percentiles (nearest rank)."""
    ordered = sorted(values)
    last = len(ordered) - 1
    return ordered[round(0.025 * last)], ordered[round(0.975 * last)]


def load_interviewcraft(folder: Path) -> PeerRate | None:
    """InterviewCraft's turn-level delivery analysis as a filler rate (fillers per word), or
    None when its checkout is not there."""
    analyse = interviewcraft_analyzer(folder)
    if analyse is None:
        return None

    def rate(texts: list[str]) -> float:
        return float(analyse([{"role": "user", "content": t} for t in texts]).filler_rate)

    return rate


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


_FILLER_ROWS = [
    ("fillers per 100 words", "fillers_per_100"),
    ("baseline: plain um|uh regex", "baseline_per_100"),
    ("baseline: um/uh spellings", "variants_per_100"),
    ("baseline: InterviewCraft's analyzer", "peer_rate"),
]
# Ways of counting the same fillers, measured beside ours (not in the product; docs/practice.md).
_VARIANT_ROWS = [
    ("variant: a run of fillers counted once", "hesitations_per_100"),
    ("variant: fillers opening an answer twice", "openings_per_100"),
    ("variant: fillers over the root of the words", "fillers_per_root_words"),
    ("variant: um/uh spellings over root of words", "variants_per_root_words"),
]
_OTHER_ROWS = [
    ("structure component", "structure", "StructuredAnswers"),
    ("  check: point first", "point_first", "StructuredAnswers"),
    ("  check: ends on a conclusion", "concluded", "StructuredAnswers"),
    ("  check: length holds it", "length_fits", "StructuredAnswers"),
    ("  not counted: signposting words", "signposted", "StructuredAnswers"),
    ("  not counted: answers in the interview", "answers", "StructuredAnswers"),
    ("STAR share, story questions", "story_structure", "StructuredAnswers"),
    ("overall score", "overall", "Overall"),
]


def _series(rows: list[tuple[Measures, dict[str, float]]], ours: str, theirs: str) -> list[Any]:
    return [(getattr(m, ours), s[theirs]) for m, s in rows if getattr(m, ours) is not None]


def _show(label: str, theirs: str, kept: list[Any]) -> None:
    xs, ys = [x for x, _ in kept], [y for _, y in kept]
    (low, high), _ = bootstrap(xs, ys)
    rho = spearman(xs, ys)
    print(f"{label:<42} vs {theirs:<17} n={len(kept):<3} {rho:+.3f} [{low:+.2f}, {high:+.2f}]")


def report(rows: list[tuple[Measures, dict[str, float]]]) -> None:
    """Every correlation with its interval; the fillers with the paired differences."""
    print("Spearman [95% bootstrap interval]")
    for label, ours in _FILLER_ROWS:
        kept = _series(rows, ours, "NoFillers")
        if kept:
            _show(label, "NoFillers", kept)
    mine = [m.fillers_per_100 for m, _ in rows]
    ys = [s["NoFillers"] for _, s in rows]
    for label, key in _FILLER_ROWS[1:]:
        if getattr(rows[0][0], key) is None:
            print(f"ours - {label.removeprefix('baseline: ')}: not measured (not found)")
            continue
        theirs = [getattr(m, key) for m, _ in rows]
        _, [(low, high)] = bootstrap(mine, ys, [theirs])
        diff = spearman(mine, ys) - spearman(theirs, ys)
        name = label.removeprefix("baseline: ")
        print(f"ours - {name:<36} paired difference {diff:+.3f} [{low:+.2f}, {high:+.2f}]")
    _variants(rows, ys)
    for label, ours_key, theirs_key in _OTHER_ROWS:
        kept = _series(rows, ours_key, theirs_key)
        if kept:
            _show(label, theirs_key, kept)


def _variants(rows: list[tuple[Measures, dict[str, float]]], ys: list[float]) -> None:
    """Each counting variant's Spearman, and its paired difference against ours and each
    baseline (negative: the variant tracks the raters more closely)."""
    against = [("ours", "fillers_per_100")] + [
        (label.removeprefix("baseline: "), key)
        for label, key in _FILLER_ROWS[2:]
        if getattr(rows[0][0], key) is not None
    ]
    for label, key in _VARIANT_ROWS:
        _show(label, "NoFillers", _series(rows, key, "NoFillers"))
        xs = [getattr(m, key) for m, _ in rows]
        others = [[getattr(m, k) for m, _ in rows] for _, k in against]
        _, intervals = bootstrap(xs, ys, others)
        for (name, _), other, (low, high) in zip(against, others, intervals, strict=True):
            diff = spearman(xs, ys) - spearman(other, ys)
            print(f"  minus {name:<36} paired difference {diff:+.3f} [{low:+.2f}, {high:+.2f}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("data_dir", type=Path, help="the shared evaluation folder")
    parser.add_argument(
        "--interviewcraft", type=Path, help="InterviewCraft's checkout (default: ../peers/…)"
    )
    args = parser.parse_args()
    folder = args.data_dir / "mit_interview_dev"
    peer = load_interviewcraft(
        args.interviewcraft or args.data_dir.resolve().parent / "peers" / "interviewcraft"
    )
    scores = read_scores(folder / "scores.csv")
    transcripts = read_transcripts(folder / "transcripts.csv")
    unmatched = sorted(set(transcripts) ^ set(scores))
    rows: list[tuple[Measures, dict[str, float]]] = []
    for pid, transcript in sorted(transcripts.items()):
        measures = measure(transcript, peer)
        if measures is not None and pid in scores:
            rows.append((measures, scores[pid]))
    print(f"n = {len(rows)} interviews (ids without a match: {unmatched or 'none'})")
    words = statistics.median(m.words for m, _ in rows)
    print(f"interviewee words per interview: median {words:.0f}")
    print(f"InterviewCraft's analyzer: {'loaded' if peer else 'not found, its rows are left out'}")
    report(rows)


if __name__ == "__main__":
    main()
