"""The money app's records: one budget sheet with its tax settings and one notice period per
account; market range entries and offers per opportunity; the current job as an offer with no
opportunity. The arithmetic on them lives in the pure package ``nextround.pay``."""

from __future__ import annotations

from decimal import Decimal
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from nextround.core.models import TEXT_LIMIT, TEXT_MAX, Owned, WebAddressField, validate_date_range
from nextround.interviews.models import Opportunity
from nextround.pay.budget import KEYS


def _amount(label: str, **extra: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """An amount of money: 12 digits, cents, never negative."""
    return models.DecimalField(
        label, max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal(0))], **extra
    )


PERCENT_PLACES = 4


def _percent(label: str, **extra: Any) -> models.DecimalField:  # type: ignore[type-arg]
    """A number of percent (22 means 22 %), up to four decimals; ``pay`` checks its range."""
    return models.DecimalField(label, max_digits=7, decimal_places=PERCENT_PLACES, **extra)


class TaxCountry(models.TextChoices):
    US = "us", "United States"
    UK = "uk", "United Kingdom"
    DE = "de", "Germany"
    OTHER = "other", "Elsewhere (one effective rate)"


class FilingStatus(models.TextChoices):
    SINGLE = "single", "Single"
    MARRIED_JOINTLY = "married_jointly", "Married filing jointly"
    HEAD_OF_HOUSEHOLD = "head_of_household", "Head of household"


class Budget(Owned):
    """The monthly budget sheet (one field per ``pay.budget`` category), the tax settings of
    the country the pay is taxed in, and the margin on top of the walk-away number."""

    housing = _amount("housing", default=Decimal(0))
    utilities = _amount("utilities", default=Decimal(0))
    food = _amount("food", default=Decimal(0))
    transport = _amount("transport", default=Decimal(0))
    insurance = _amount("insurance", default=Decimal(0))
    debt = _amount("debt payments", default=Decimal(0))
    childcare = _amount("childcare", default=Decimal(0))
    savings = _amount("savings", default=Decimal(0))
    other = _amount("other", default=Decimal(0))
    country = models.CharField(
        "where the pay is taxed", max_length=10, choices=TaxCountry.choices, default=TaxCountry.US
    )
    filing_status = models.CharField(
        "US filing status",
        max_length=20,
        choices=FilingStatus.choices,
        default=FilingStatus.SINGLE,
    )
    state_local_rate = _percent("US state and local rate (%)", default=Decimal(0))
    tax_class = models.PositiveSmallIntegerField(
        "German tax class", default=1, validators=[MinValueValidator(1), MaxValueValidator(6)]
    )
    de_state = models.CharField("German state", max_length=40, blank=True, help_text="e.g. BY")
    church = models.BooleanField("pays church tax", default=False)
    children = models.PositiveSmallIntegerField(
        "children under 25", default=0, validators=[MaxValueValidator(20)]
    )
    under_23 = models.BooleanField("under 23", default=False)
    health_rate = _percent(
        "health fund's additional rate (%)",
        null=True,
        blank=True,
        help_text="Blank: the 2026 average, 2.9 %.",
    )
    flat_rate = _percent(
        "effective tax rate (%)",
        null=True,
        blank=True,
        help_text="All taxes and contributions together, as a share of gross.",
    )
    flat_currency = models.CharField("currency", max_length=3, blank=True, help_text="e.g. CHF")
    margin_percent = _percent("margin (%)", default=Decimal(0))
    margin_amount = _amount("margin a year", default=Decimal(0))
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner"], name="money_budget_once"),
            models.CheckConstraint(
                condition=models.Q(country__in=TaxCountry.values), name="money_country_known"
            ),
        ]

    def __str__(self) -> str:
        return "Budget"

    def amounts(self) -> dict[str, Decimal]:
        return {key: getattr(self, key) for key in KEYS}


class Notice(Owned):
    """The notice period at the current job, holiday still owed, a planned break, and the
    country (and region) whose public holidays count."""

    text = models.CharField(
        "notice period", max_length=200, help_text="e.g. “3 months to the end of a month”"
    )
    given_on = models.DateField(
        "notice given on",
        null=True,
        blank=True,
        validators=[validate_date_range],
        help_text="Blank: today.",
    )
    holiday_left = models.PositiveSmallIntegerField(
        "holiday left (working days)", default=0, validators=[MaxValueValidator(100)]
    )
    break_days = models.PositiveSmallIntegerField(
        "planned break (days)", default=0, validators=[MaxValueValidator(366)]
    )
    country = models.CharField(max_length=2, blank=True, help_text="e.g. DE; blank: yours")
    region = models.CharField(max_length=10, blank=True, help_text="e.g. BY")
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["owner"], name="money_notice_once")]

    def __str__(self) -> str:
        return f"Notice: {self.text}"


class PayPeriod(models.TextChoices):
    YEAR = "year", "a year"
    MONTH = "month", "a month"
    HOUR = "hour", "an hour"


FIGURES = ("p10", "low", "median", "high", "p90")  # the 10th, 25th, 50th, 75th, 90th


class MarketEntry(Owned):
    """One source's pay range for the role: any of five percentiles (low and high are the
    25th and 75th), per year, month or hour."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, related_name="market_entries"
    )
    source = models.CharField("source", max_length=200, help_text="e.g. “Levels.fyi”")
    address = WebAddressField("source address", max_length=500, blank=True)
    on = models.DateField("figures as of", null=True, blank=True, validators=[validate_date_range])
    period = models.CharField(max_length=10, choices=PayPeriod.choices, default=PayPeriod.YEAR)
    currency = models.CharField(max_length=3, help_text="e.g. USD")
    p10 = _amount("10th percentile", null=True, blank=True)
    low = _amount("low (25th percentile)", null=True, blank=True)
    median = _amount("median", null=True, blank=True)
    high = _amount("high (75th percentile)", null=True, blank=True)
    p90 = _amount("90th percentile", null=True, blank=True)
    note = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["opportunity_id", "created_at", "id"]
        verbose_name_plural = "market entries"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period__in=PayPeriod.values), name="money_market_period_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} range"

    def figures(self) -> list[tuple[str, Decimal]]:
        return [(name, getattr(self, name)) for name in FIGURES if getattr(self, name) is not None]

    def clean(self) -> None:
        given = self.figures()
        if not given:
            raise ValidationError("Give at least one figure: low, median or high.")
        for (before, low), (name, value) in pairwise(given):
            if value < low:
                raise ValidationError({name: f"Not below the {before} figure."})


class OfferStatus(models.TextChoices):
    VERBAL = "verbal", "Verbal"
    WRITTEN = "written", "Written"
    CURRENT = "current", "My current job"


class Schedule(models.TextChoices):
    YEARLY = "yearly", "25/25/25/25 a year"
    BACK_LOADED = "back_loaded", "5/15/40/40 a year"
    MONTHLY = "monthly", "Monthly after a one-year cliff"
    QUARTERLY = "quarterly", "Quarterly after a one-year cliff"
    CUSTOM = "custom", "Custom (a percentage per year)"


class Offer(Owned):
    """An offer for an opportunity, or (``status`` current, no opportunity) the job the
    candidate has now, compared as the baseline. Amounts are a year's."""

    opportunity = models.ForeignKey(
        Opportunity, on_delete=models.CASCADE, null=True, blank=True, related_name="offers"
    )
    name = models.CharField(max_length=200, help_text="e.g. the employer's name")
    status = models.CharField(max_length=10, choices=OfferStatus.choices, default="verbal")
    base = _amount("base salary a year")
    currency = models.CharField(max_length=3, help_text="e.g. USD")
    bonus_percent = _percent("target bonus (% of base)", null=True, blank=True)
    bonus_amount = _amount("target bonus (amount)", null=True, blank=True)
    sign_on = _amount("sign-on bonus", default=Decimal(0))
    equity_value = _amount("equity grant value", null=True, blank=True)
    equity_units = models.DecimalField(
        "equity units", null=True, blank=True, max_digits=14, decimal_places=4
    )
    equity_unit_price = _amount("price of one unit", null=True, blank=True)
    equity_schedule = models.CharField(
        "vesting", max_length=20, choices=Schedule.choices, default=Schedule.YEARLY
    )
    equity_custom = models.CharField(
        "custom vesting (% per year)", max_length=100, blank=True, help_text="e.g. 10, 20, 30, 40"
    )
    match_percent = _percent("retirement match (% of contributions)", default=Decimal(0))
    match_up_to = _percent("matched up to (% of base)", default=Decimal(0))
    health_premium = _amount("your health premium a year", default=Decimal(0))
    commute_cost = _amount("commute cost a year", default=Decimal(0))
    commute_minutes = models.PositiveSmallIntegerField(
        "commute (minutes a day)", null=True, blank=True, validators=[MaxValueValidator(1440)]
    )
    pto_days = models.PositiveSmallIntegerField(
        "paid time off (days)", null=True, blank=True, validators=[MaxValueValidator(366)]
    )
    remote_days = models.PositiveSmallIntegerField(
        "remote days a week", null=True, blank=True, validators=[MaxValueValidator(7)]
    )
    start = models.DateField("start date", null=True, blank=True, validators=[validate_date_range])
    deadline = models.DateField(
        "answer by", null=True, blank=True, validators=[validate_date_range]
    )
    note = models.TextField(blank=True, max_length=TEXT_LIMIT, validators=[TEXT_MAX])
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=OfferStatus.values), name="money_offer_status_known"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(status=OfferStatus.CURRENT, opportunity__isnull=True)
                    | (~models.Q(status=OfferStatus.CURRENT) & models.Q(opportunity__isnull=False))
                ),
                name="money_offer_current_has_no_opportunity",
            ),
            models.UniqueConstraint(
                fields=["owner"],
                condition=models.Q(status=OfferStatus.CURRENT),
                name="money_one_current_job",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.status == OfferStatus.CURRENT

    @property
    def has_equity(self) -> bool:
        return self.equity_value is not None or self.equity_units is not None
