"""Progressive brackets: the part of a base inside each band, taxed at the band's rate."""

from __future__ import annotations

from decimal import Decimal

import msgspec

from nextround.pay.amounts import of
from nextround.pay.derivation import Line


class Bracket(msgspec.Struct, frozen=True):
    start: Decimal  # the band starts here and runs to the next bracket's start
    rate: Decimal  # percent


def bracket_lines(label: str, base: Decimal, brackets: tuple[Bracket, ...]) -> tuple[Line, ...]:
    """One line per band the base reaches: the band, the part of the base inside it, its
    rate and the tax on that part (to the cent)."""
    lines: list[Line] = []
    ends: list[Decimal | None] = [b.start for b in brackets[1:]]
    ends.append(None)
    for bracket, end in zip(brackets, ends, strict=True):
        if base <= bracket.start:
            break
        part = (min(base, end) if end is not None else base) - bracket.start
        lines.append(
            Line(
                label=label,
                amount=of(bracket.rate, part),
                base=part,
                rate=bracket.rate,
                band=(bracket.start, end),
            )
        )
    return tuple(lines)
