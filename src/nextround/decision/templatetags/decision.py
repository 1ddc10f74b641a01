"""``criterion_label``: a criterion's key as the candidate reads it."""

from __future__ import annotations

from django import template

from nextround.scorecard.criteria import BY_KEY

register = template.Library()


@register.filter
def criterion_label(key: str) -> str:
    criterion = BY_KEY.get(key)
    return criterion.label if criterion else key
