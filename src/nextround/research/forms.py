"""The research page's forms: a fact with its source, a glossary term, a feed, pasted news, a
saved or fetched page, an undated item's day, and what the candidate knows of a person."""

from __future__ import annotations

from typing import Any

from django import forms

from nextround.core.forms import DrawnFromValues
from nextround.core.models import TEXT_LIMIT, validate_date_range
from nextround.interviews.models import Opportunity, RoundNote
from nextround.news.items import TEXT_CHARS, TITLE_CHARS, URL_CHARS
from nextround.research.models import FACT_CHARS, MEANING_CHARS, SOURCE_CHARS, TERM_CHARS, FactKind
from nextround.research.selectors import source_notes

_DATE = forms.DateInput(attrs={"type": "date"})


def _day(label: str, *, required: bool, help_text: str = "") -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=_DATE,
        validators=[validate_date_range],
        help_text=help_text,
    )


class NoteChoice(forms.ModelChoiceField[RoundNote]):
    def label_from_instance(self, obj: RoundNote) -> str:
        who = f"{obj.person.name}, " if obj.person else ""
        text = obj.text if len(obj.text) <= 80 else obj.text[:79] + "…"
        return f"Round {obj.round.number} ({who}{obj.get_kind_display().lower()}): {text}"


class FactForm(forms.Form):
    kind = forms.ChoiceField(label="About", choices=FactKind.choices)
    text = forms.CharField(
        label="The fact", max_length=FACT_CHARS, widget=forms.Textarea(attrs={"rows": 3})
    )
    note = NoteChoice(
        label="Heard in a round",
        queryset=RoundNote.objects.none(),
        required=False,
        empty_label="— not from a round —",
        help_text="A round note as the source; then no name or day is needed.",
    )
    source_name = forms.CharField(
        label="Or a source", max_length=SOURCE_CHARS, required=False,
        help_text="The site, report or person it came from.",
    )  # fmt: skip
    source_url = forms.URLField(
        label="Its address", max_length=URL_CHARS, required=False, assume_scheme="https"
    )
    source_date = _day("Read on", required=False)

    def __init__(self, *args: Any, opportunity: Opportunity, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        note = self.fields["note"]
        assert isinstance(note, forms.ModelChoiceField)
        note.queryset = source_notes(opportunity)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("note") is None and not self.errors:
            if not (data.get("source_name") or data.get("source_url")):
                self.add_error("source_name", "Say where it came from: a source, or a round note.")
            if data.get("source_date") is None:
                self.add_error("source_date", "Give the day you read it.")
        return data


class TermForm(DrawnFromValues, forms.Form):
    term = forms.CharField(label="Term", max_length=TERM_CHARS)
    meaning = forms.CharField(
        label="What it means",
        max_length=MEANING_CHARS,
        required=False,
        help_text="In a few words of your own.",
    )


class FeedForm(DrawnFromValues, forms.Form):
    url = forms.URLField(
        label="Feed address",
        max_length=URL_CHARS,
        assume_scheme="https",
        help_text="An RSS or Atom feed: the company's newsroom, blog or a news search.",
    )


class PasteForm(forms.Form):
    title = forms.CharField(label="Title", max_length=TITLE_CHARS, required=False)
    published_on = _day("Published on", required=True)
    source = forms.CharField(label="Source", max_length=TITLE_CHARS, required=False)
    source_url = forms.URLField(
        label="Address", max_length=URL_CHARS, required=False, assume_scheme="https"
    )
    text = forms.CharField(
        label="The news", max_length=TEXT_CHARS, widget=forms.Textarea(attrs={"rows": 8})
    )


class PageForm(forms.Form):
    file = forms.FileField(
        label="A saved page",
        required=False,
        help_text="The .html file your browser saved (Save page as…).",
        widget=forms.ClearableFileInput(attrs={"accept": ".html,.htm,text/html"}),
    )
    url = forms.URLField(
        label="Or its address, fetched once",
        max_length=URL_CHARS,
        required=False,
        assume_scheme="https",
    )
    published_on = _day(
        "Published on",
        required=False,
        help_text="Only when the page gives no date, or a wrong one.",
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and bool(data.get("file")) == bool(data.get("url")):
            self.add_error(None, "Choose a saved page, or give an address: one of the two.")
        return data


class NewsDateForm(forms.Form):
    published_on = _day("Published on", required=True)


class PersonResearchForm(forms.Form):
    decision_maker = forms.BooleanField(
        label="Decision-maker", required=False, help_text="The person whose yes decides."
    )
    background = forms.CharField(
        label="Background",
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    common_ground = forms.CharField(
        label="Common ground",
        max_length=TEXT_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
