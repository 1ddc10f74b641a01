"""What the candidate keeps about the company of one opportunity: facts with their sources, the
business terms glossary, news feeds and news items.

Every fact has a source: a name or address with the day it was read, or a round note (then its
label, "said by Maya Okafor in round 1", and the round's number are kept with the fact, so they
survive the note). Glossary
suggestions are derived each time (``nextround.dossier.terms``); only the candidate's answers are
stored: a confirmed term with its meaning, or a dismissed one, which is never suggested again.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned, WebAddressField, validate_date_range
from nextround.interviews.models import Opportunity, RoundNote
from nextround.news.items import TEXT_CHARS, TITLE_CHARS, URL_CHARS

FACT_CHARS = 1_000
SOURCE_CHARS = 200
MEANING_CHARS = 500
TERM_CHARS = 100


class FactKind(models.TextChoices):
    WHAT = "what", "What the company does"
    PRODUCTS = "products", "Products and services"
    CUSTOMERS = "customers", "Customers"
    COMPETITORS = "competitors", "Competitors"
    VALUES = "values", "Values and culture signals"
    SIZE = "size", "Size and funding, or public body"
    CHALLENGES = "challenges", "Challenges the role will face"


class Fact(Owned):
    """One thing the candidate learned about the company, and where from."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="facts")
    kind = models.CharField(max_length=20, choices=FactKind.choices)
    text = models.TextField(max_length=FACT_CHARS)
    source_name = models.CharField(
        "source", max_length=SOURCE_CHARS, blank=True, help_text="A site, a report, a person."
    )
    source_url = WebAddressField("source address", max_length=URL_CHARS, blank=True)
    source_date = models.DateField(
        "read on", null=True, blank=True, validators=[validate_date_range]
    )
    note = models.ForeignKey(
        RoundNote, on_delete=models.SET_NULL, null=True, blank=True, related_name="facts"
    )
    heard_in = models.PositiveSmallIntegerField(
        "heard in round", null=True, blank=True, help_text="Kept when the note is removed."
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["opportunity_id", "created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=FactKind.values), name="research_fact_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:40]}"

    def clean(self) -> None:
        super().clean()
        if self.heard_in is not None and self.source_name:
            return  # heard in a round: its label is the source
        if self.source_name and self.source_date is not None:
            return
        if self.source_url and self.source_date is not None:
            return
        errors: dict[str, str] = {}
        if not (self.source_name or self.source_url):
            errors["source_name"] = "Say where it came from: a source, or a round note."
        if self.source_date is None:
            errors["source_date"] = "Give the day you read it."
        raise ValidationError(errors)

    @property
    def source_label(self) -> str:
        """The source in words: "Tidewater Freight site, 2 Mar 2026" or the round note's."""
        if self.source_date is None:
            return self.source_name
        day = f"{self.source_date.day} {self.source_date:%b %Y}"
        return f"{self.source_name or self.source_host}, {day}"

    @property
    def source_host(self) -> str:
        address = str(self.source_url)
        try:
            return urlsplit(address).hostname or address
        except ValueError:
            return address

    @property
    def heard(self) -> bool:
        """Whether the source is a round (its note may since have been removed)."""
        return self.heard_in is not None


class Term(Owned):
    """A business term the candidate confirmed with its meaning, or dismissed (kept so it is
    never suggested again)."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=TERM_CHARS)
    key = models.CharField(max_length=TERM_CHARS * 2, editable=False)
    meaning = models.TextField(blank=True, max_length=MEANING_CHARS)
    confirmed = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["opportunity_id", "term", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "key"], name="research_term_once"),
        ]

    def __str__(self) -> str:
        return self.term

    def clean(self) -> None:
        super().clean()
        if self.confirmed and not self.meaning.strip():
            raise ValidationError({"meaning": "Write its meaning in a few words."})


class Feed(Owned):
    """An RSS or Atom feed the candidate follows for this company, and how its last refresh
    went: ``problem`` holds the message of a failure, or the fault of a feed read anyway."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="feeds")
    url = WebAddressField("feed address", max_length=URL_CHARS)
    title = models.CharField(max_length=TITLE_CHARS, blank=True)
    checked_at = models.DateTimeField("last refreshed", null=True, blank=True)
    ok = models.BooleanField(default=False)
    problem = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    added = models.PositiveIntegerField(default=0, help_text="Items the last refresh added.")
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["opportunity_id", "created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["opportunity", "url"], name="research_feed_once"),
        ]

    def __str__(self) -> str:
        return self.title or self.url


class Origin(models.TextChoices):
    FEED = "feed", "Feed"
    PAGE = "page", "Web page"
    PASTED = "pasted", "Pasted"


class NewsEntry(Owned):
    """A news item kept offline; ``key`` is ``news.dedupe_key`` of it, as stored."""

    opportunity = models.ForeignKey(Opportunity, on_delete=models.CASCADE, related_name="news")
    feed = models.ForeignKey(
        Feed, on_delete=models.SET_NULL, null=True, blank=True, related_name="entries"
    )
    origin = models.CharField(max_length=10, choices=Origin.choices)
    title = models.CharField(max_length=TITLE_CHARS)
    text = models.TextField(blank=True, max_length=TEXT_CHARS)
    source = models.CharField(max_length=TITLE_CHARS, blank=True)
    source_url = models.URLField(max_length=URL_CHARS, blank=True)
    link = models.URLField(max_length=URL_CHARS, blank=True)
    published_on = models.DateField(
        "published on", null=True, blank=True, validators=[validate_date_range]
    )
    published_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)
    key = models.CharField(max_length=URL_CHARS + 400, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["opportunity_id", "-published_on", "-published_at", "-id"]
        verbose_name_plural = "news entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(origin__in=Origin.values), name="research_news_origin_known"
            ),
        ]

    def __str__(self) -> str:
        return self.title
