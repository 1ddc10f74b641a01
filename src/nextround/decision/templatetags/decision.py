"""``criterion_label``: a criterion's key as the candidate reads it; ``flip_sentence``: the flip
margin worded as `nextround decide` words it (``scorecard.flip.flip_sentence``)."""

from __future__ import annotations

from django import template

from nextround.scorecard import flip
from nextround.scorecard.criteria import BY_KEY

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    criterion = BY_KEY.get(key)
    return criterion.label if criterion else key


@register.filter
def flip_sentence(margin: flip.FlipMargin | None) -> str:
    return flip.flip_sentence(margin)
