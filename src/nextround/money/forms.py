"""The budget sheet with its tax settings, the notice period, a market range entry, an offer
(or the current job), and the wage tables' search. The model's rules check each field; the
services then check the whole with ``nextround.pay``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, ClassVar

from django import forms

from nextround.core.forms import DrawnFromValues
from nextround.money.models import (
    PERCENT_PLACES,
    Budget,
    MarketEntry,
    Notice,
    Offer,
    OfferStatus,
)
from nextround.pay.budget import KEYS

_DATE = forms.DateInput(attrs={"type": "date"})

US_FIELDS = ("filing_status", "state_local_rate")
DE_FIELDS = ("tax_class", "de_state", "church", "children", "under_23", "health_rate")
OTHER_FIELDS = ("flat_rate", "flat_currency")
MARGIN_FIELDS = ("margin_percent", "margin_amount")


class PercentInput(forms.NumberInput):
    """A percent stored with four decimals shown as written: 5, not 5.0000."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            value = format(value.normalize(), "f")
        return super().format_value(value)


def _trim_percents(form: forms.BaseForm) -> None:
    for field in form.fields.values():
        if isinstance(field, forms.DecimalField) and field.decimal_places == PERCENT_PLACES:
            field.widget = PercentInput(attrs=field.widget.attrs)


class BudgetForm(DrawnFromValues, forms.ModelForm):  # type: ignore[type-arg]
    """The sheet and the tax settings; the groups are named apart from the fields (a field is
    called ``other``, and a template reads ``form.other`` as that field)."""

    class Meta:
        model = Budget
        fields = (*KEYS, "country", *US_FIELDS, *DE_FIELDS, *OTHER_FIELDS, *MARGIN_FIELDS)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _trim_percents(self)

    def group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def amount_fields(self) -> list[forms.BoundField]:
        return self.group(KEYS)

    def us_fields(self) -> list[forms.BoundField]:
        return self.group(US_FIELDS)

    def de_fields(self) -> list[forms.BoundField]:
        return self.group(DE_FIELDS)

    def other_fields(self) -> list[forms.BoundField]:
        return self.group(OTHER_FIELDS)

    def margin_fields(self) -> list[forms.BoundField]:
        return self.group(MARGIN_FIELDS)


class NoticeForm(DrawnFromValues, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Notice
        fields = ("text", "given_on", "holiday_left", "break_days", "country", "region")
        widgets: ClassVar[dict[str, Any]] = {"given_on": _DATE}


class MarketEntryForm(DrawnFromValues, forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = MarketEntry
        fields = (
            "source",
            "address",
            "on",
            "currency",
            "period",
            "low",
            "median",
            "high",
            "p10",
            "p90",
            "note",
        )
        widgets: ClassVar[dict[str, Any]] = {
            "on": _DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }


OFFER_FIELDS = (
    "name",
    "status",
    "currency",
    "base",
    "bonus_percent",
    "bonus_amount",
    "sign_on",
    "equity_value",
    "equity_units",
    "equity_unit_price",
    "equity_schedule",
    "equity_custom",
    "match_percent",
    "match_up_to",
    "health_premium",
    "commute_cost",
    "commute_minutes",
    "pto_days",
    "remote_days",
    "start",
    "deadline",
    "note",
)


class OfferForm(forms.ModelForm):  # type: ignore[type-arg]
    """An offer for an opportunity (verbal or written); ``current=True`` is the current job,
    whose status is fixed and whose dates of an offer do not apply."""

    class Meta:
        model = Offer
        fields = OFFER_FIELDS
        widgets: ClassVar[dict[str, Any]] = {
            "start": _DATE,
            "deadline": _DATE,
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, current: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _trim_percents(self)
        self.fields["name"].required = False
        if current:
            self.instance.status = OfferStatus.CURRENT  # the service keeps it so
            for name in ("status", "deadline", "start"):
                del self.fields[name]
        else:
            status = self.fields["status"]
            assert isinstance(status, forms.ChoiceField)
            status.choices = [
                (v, label) for v, label in OfferStatus.choices if v != OfferStatus.CURRENT
            ]


class WagesForm(forms.Form):
    title = forms.CharField(
        label="Occupation", max_length=200, help_text="A job title or a SOC code (29-1141)."
    )
    area = forms.CharField(
        label="Area",
        max_length=200,
        required=False,
        help_text="“national”, a state (“Texas”) or a metropolitan area (“Austin, TX”).",
    )
