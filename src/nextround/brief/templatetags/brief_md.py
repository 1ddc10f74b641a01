"""Filters of the brief's Markdown template: text escaped for a line or a table row."""

from __future__ import annotations

from collections.abc import Iterable

from django import template

from nextround.briefing.markdown import inline

register = template.Library()


@register.filter
def md(text: str) -> str:
    return inline(text)


@register.filter
def md_row(cells: Iterable[str]) -> str:
    """Cells of a table row, escaped, between pipes ("a | b | c")."""
    return " | ".join(inline(c) or " " for c in cells)


@register.filter
def md_rule(cells: Iterable[str]) -> str:
    """The line under a table's headers: one ``---`` per column."""
    return "|".join("---" for _ in cells)


@register.filter
def md_join(items: Iterable[str], separator: str) -> str:
    return separator.join(inline(i) for i in items)
