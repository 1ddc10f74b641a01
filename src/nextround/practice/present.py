"""The answer's text cut into plain and marked pieces, for highlighting fillers and hedges."""

from __future__ import annotations

from dataclasses import dataclass

from nextround.feedback import AnswerReport


@dataclass(frozen=True)
class Piece:
    text: str
    kind: str  # "" for plain text, else "filler" or "hedge"


def highlighted(text: str, report: AnswerReport) -> list[Piece]:
    """Fillers and hedges marked in reading order. Where a hedge overlaps a filler ("sort
    of" can be both), the filler wins: it is the habit to drop first."""
    spans = sorted(
        [(s.start, s.end, "filler") for s in report.fillers.items]
        + [(s.start, s.end, "hedge") for s in report.hedges.items],
        key=lambda span: (span[0], span[2] != "filler"),
    )
    pieces: list[Piece] = []
    at = 0
    for start, end, kind in spans:
        if start < at:  # overlaps the previous mark
            continue
        if start > at:
            pieces.append(Piece(text[at:start], ""))
        pieces.append(Piece(text[start:end], kind))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:], ""))
    return pieces
