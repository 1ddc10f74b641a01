"""Reads of the money app, each worked through ``nextround.pay``: the budget with the gross it
needs and the walk-away number; the notice period with the earliest start; an opportunity's
money (range with its sources, the posting's band, walk-away, target and ask, the start date,
the rounds' number notes, warnings); the offers side by side with the chart and talking
points; the round page's card. Someone else's record is NotFound."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import User
from django.db.models import QuerySet

from nextround.errors import Invalid, NotFound
from nextround.fit.requirements import Extraction
from nextround.interviews.models import NoteKind, Opportunity, Round, RoundNote
from nextround.money import convert
from nextround.money.models import Budget, MarketEntry, Notice, Offer, OfferStatus
from nextround.pay import budget as pay_budget
from nextround.pay import needs
from nextround.pay import notice as pay_notice
from nextround.pay import offers as pay_offers
from nextround.pay.amounts import Period
from nextround.pay.chart import chart_summary, chart_svg
from nextround.pay.needs import Case, Market, Numbers, PayWarning, WalkAway
from nextround.pay.sources import Combined, combine
from nextround.pay.talk import Backing, Talk, answer_by, talking_points
from nextround.pay.tax import Settings, net_of
from nextround.stories import selectors as story_selectors
from nextround.stories.models import Strength
from nextround.stories.selectors import CoverageView

# A round's number note has no period: a figure under 500 reads as hourly, under 25,000 as
# monthly, else yearly; the page says how it was read.
HOURLY_BELOW = Decimal(500)
MONTHLY_BELOW = Decimal(25_000)
BAND_PERIODS = {"hourly": Period.HOUR, "monthly": Period.MONTH, "yearly": Period.YEAR}


# --- the budget ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class BudgetView:
    budget: Budget  # unsaved, with the defaults, until the first save
    saved: bool
    sheet: pay_budget.Budget
    settings: Settings | None
    currency: str
    walk: WalkAway | None
    problem: str  # why there is no walk-away number yet


def budget_get(*, owner: User) -> Budget | None:
    return Budget.objects.filter(owner=owner).first()


def budget_view(*, owner: User) -> BudgetView:
    stored = budget_get(owner=owner)
    budget = stored or Budget(owner=owner, country=convert.default_tax_country())
    sheet = pay_budget.budget(budget.amounts())
    try:
        settings = convert.tax_settings(budget)
    except Invalid as error:
        return BudgetView(budget, stored is not None, sheet, None, "", None, error.message)
    walk = None
    problem = ""
    if stored is None:
        problem = "Fill in your budget to see the gross pay it takes and your walk-away number."
    elif not sheet.monthly_without_savings:
        problem = "Your budget has no spending besides savings yet: add what a month costs."
    else:
        try:
            walk = needs.walk_away(
                sheet,
                settings,
                margin_percent=budget.margin_percent.normalize(),
                margin_amount=budget.margin_amount,
            )
        except Invalid as error:
            problem = error.message
    currency = walk.derivation.currency if walk else net_of(0, settings).currency
    return BudgetView(budget, stored is not None, sheet, settings, currency, walk, problem)


# --- the notice period --------------------------------------------------------------------------


@dataclass(frozen=True)
class NoticeView:
    notice: Notice | None
    country: str
    region: str
    start: pay_notice.StartDate | None
    problem: str = ""


def notice_view(*, owner: User, today: date) -> NoticeView:
    notice = Notice.objects.filter(owner=owner).first()
    if notice is None:
        country, region = convert.notice_country(Notice())
        return NoticeView(None, country, region, None, "")
    country, region = convert.notice_country(notice)
    try:
        start = pay_notice.start_date(
            notice.text,
            country=country,
            subdivision=region or None,
            given_on=notice.given_on or today,
            holiday_left=notice.holiday_left,
            break_days=notice.break_days,
        )
    except Invalid as error:
        return NoticeView(notice, country, region, None, error.message)
    return NoticeView(notice, country, region, start)


# --- the market ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class EntryView:
    entry: MarketEntry
    market: Market  # yearly
    counted: bool  # in the combined range (its currency is the range's)


@dataclass(frozen=True)
class MarketView:
    currency: str
    entries: list[EntryView]
    combined: Combined | None

    @property
    def market(self) -> Market | None:
        return self.combined.market if self.combined else None

    @property
    def sources(self) -> list[str]:
        return [e.entry.source for e in self.entries if e.counted]

    @property
    def left_out(self) -> list[EntryView]:
        return [e for e in self.entries if not e.counted]


def market_entries(*, opportunity: Opportunity) -> QuerySet[MarketEntry]:
    return MarketEntry.objects.filter(opportunity=opportunity)


def market_view(*, opportunity: Opportunity, currency: str) -> MarketView:
    """The opportunity's entries; those in ``currency`` (or, with none given, the first
    entry's) combine into one range."""
    entries = list(market_entries(opportunity=opportunity))
    wanted = currency or (entries[0].currency if entries else "")
    views = [EntryView(e, convert.entry_market(e), e.currency == wanted) for e in entries]
    counted = [v.market for v in views if v.counted]
    return MarketView(wanted, views, combine(counted) if counted else None)


def entry_get(*, owner: User, pk: int) -> MarketEntry:
    entry = MarketEntry.objects.filter(owner=owner, pk=pk).select_related("opportunity").first()
    if entry is None:
        raise NotFound("No such market range.")
    return entry


# --- target and ask -----------------------------------------------------------------------------


def case_for(
    *,
    opportunity: Opportunity,
    extraction: Extraction | None = None,
    view: CoverageView | None = None,
) -> Case:
    """How many of the posting's needs the stories prove (the coverage page's reading);
    ``extraction`` when the caller read the posting already, ``view`` when it made that
    reading (the brief)."""
    if view is not None:
        rows = view.coverage.rows
    else:
        rows = story_selectors.proof_rows(opportunity=opportunity, extraction=extraction)
    if not rows:
        return needs.case_from_share(0)
    return needs.case_from_counts(sum(1 for r in rows if r.covered), len(rows))


def backing(*, owner: User) -> list[Backing]:
    """Each ranked strength with the first story that backs it."""
    found = []
    for strength in Strength.objects.filter(owner=owner).prefetch_related("stories"):
        story = next(iter(strength.stories.all()), None)
        if story is not None:
            found.append(Backing(strength.name, story.title))
    return found


# --- an opportunity's money ---------------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """A pay figure on a page (a band, a note) with how it was read and what it earns."""

    amount: Decimal
    period: Period
    read_as: str  # "" when the period was given
    warnings: tuple[PayWarning, ...]


@dataclass(frozen=True)
class NoteView:
    note: RoundNote
    round: Round
    figure: Figure | None


@dataclass(frozen=True)
class OfferView:
    offer: Offer
    value: pay_offers.Offer
    warnings: tuple[PayWarning, ...]
    numbers: Numbers | None = None
    talk: Talk | None = None


@dataclass(frozen=True)
class MoneyView:
    opportunity: Opportunity
    budget: BudgetView
    market: MarketView
    band: object  # the posting's PayBand, or None
    band_figure: Figure | None
    case: Case
    numbers: Numbers | None
    notice: NoticeView
    notes: list[NoteView]
    offers: list[OfferView]
    warnings: list[str] = field(default_factory=list)


def _figure(
    amount: Decimal, period: Period, read_as: str, walk: WalkAway | None, mkt: Market | None
) -> Figure:
    line = walk.amount if walk else None
    return Figure(amount, period, read_as, needs.warnings_for(amount, period, line, mkt))


def _note_period(amount: Decimal) -> tuple[Period, str]:
    if amount < HOURLY_BELOW:
        return Period.HOUR, "read as an hourly rate"
    if amount < MONTHLY_BELOW:
        return Period.MONTH, "read as a month's pay"
    return Period.YEAR, "read as a year's pay"


def number_notes(
    *,
    notes: Iterable[RoundNote],
    currency: str,
    walk: WalkAway | None,
    mkt: Market | None,
) -> list[NoteView]:
    """The number notes among ``notes`` (each with its round), with what each figure earns."""
    found = []
    for note in notes:
        if note.kind != NoteKind.NUMBER:
            continue
        amount = note.amount_low if note.amount_low is not None else note.amount_high
        same = not note.currency or not currency or note.currency.upper() == currency
        figure = None
        if amount is not None and same:
            period, read_as = _note_period(amount)
            figure = _figure(amount, period, read_as, walk, mkt)
        found.append(NoteView(note, note.round, figure))
    return found


def _band_figure(
    band: object, currency: str, walk: WalkAway | None, mkt: Market | None
) -> Figure | None:
    low = getattr(band, "low", None)
    period = BAND_PERIODS.get(getattr(band, "period", ""))
    if low is None or period is None or (currency and getattr(band, "currency", "") != currency):
        return None
    amount = Decimal(str(low)).quantize(Decimal("0.01"))
    return _figure(amount, period, "", walk, mkt)


def numbers_for(*, walk: WalkAway | None, mkt: Market | None, case: Case) -> Numbers | None:
    if walk is None:
        return None
    return needs.target_and_ask(walk_away=walk.amount, market=mkt, case=case)


def money_view(*, opportunity: Opportunity, today: date) -> MoneyView:
    owner = opportunity.owner
    budget = budget_view(owner=owner)
    mkt = market_view(opportunity=opportunity, currency=budget.currency)
    walk = budget.walk
    extraction = story_selectors.requirements(opportunity=opportunity)
    facts = extraction.facts
    band_figure = _band_figure(facts.pay, mkt.currency, walk, mkt.market) if facts.pay else None
    case = case_for(opportunity=opportunity, extraction=extraction)
    numbers = numbers_for(walk=walk, mkt=mkt.market, case=case)
    notice = notice_view(owner=owner, today=today)
    said = (
        RoundNote.objects.filter(round__opportunity=opportunity, kind=NoteKind.NUMBER)
        .select_related("round", "person")
        .order_by("round__number", "created_at", "id")  # the rounds' order, then the notes'
    )
    notes = number_notes(notes=said, currency=mkt.currency, walk=walk, mkt=mkt.market)
    offers = offer_views(
        owner=owner,
        today=today,
        offers=list(offer_list(owner=owner)),
        only=opportunity,
        budget=budget,
        notice=notice,
        worked_out={opportunity.pk: (mkt, numbers)},
    )
    warnings = []
    if band_figure:
        warnings += [f"The posting's band: {w.message}" for w in band_figure.warnings]
    for n in notes:
        if n.figure:
            warnings += [f"{n.round.label}, number noted: {w.message}" for w in n.figure.warnings]
    for o in offers:
        warnings += [f"The offer from {o.offer.name}: {w.message}" for w in o.warnings]
    return MoneyView(
        opportunity=opportunity,
        budget=budget,
        market=mkt,
        band=facts.pay,
        band_figure=band_figure,
        case=case,
        numbers=numbers,
        notice=notice,
        notes=notes,
        offers=offers,
        warnings=warnings,
    )


# --- offers -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    offer: Offer
    days_left: int
    text: str


DEADLINE_SHOWN_AFTER = 7  # days a passed deadline stays on the dashboard


def deadlines(*, owner: User, today: date) -> list[Deadline]:
    """Offers waiting for the candidate's answer, soonest first: the dashboard's reminder (a
    deadline passed more than a week ago is no longer shown)."""
    offers = offer_list(owner=owner).filter(
        status__in=[OfferStatus.VERBAL, OfferStatus.WRITTEN],
        deadline__gte=today - timedelta(days=DEADLINE_SHOWN_AFTER),
    )
    found = []
    for offer in offers.order_by("deadline", "id"):
        left, text = answer_by(offer.deadline, today)
        if left is not None:
            found.append(Deadline(offer, left, text))
    return found


def offer_list(*, owner: User) -> QuerySet[Offer]:
    return Offer.objects.filter(owner=owner).select_related("opportunity")


def offer_get(*, owner: User, pk: int) -> Offer:
    offer = offer_list(owner=owner).filter(pk=pk).first()
    if offer is None:
        raise NotFound("No such offer.")
    return offer


def current_job(*, owner: User) -> Offer | None:
    return offer_list(owner=owner).filter(status=OfferStatus.CURRENT).first()


def offer_views(
    *,
    owner: User,
    today: date,
    offers: list[Offer],
    budget: BudgetView,
    only: Opportunity | None = None,
    notice: NoticeView | None = None,
    worked_out: dict[int, tuple[MarketView, Numbers | None]] | None = None,
) -> list[OfferView]:
    """Every offer (not the current job), or those of one opportunity, with its warnings and
    talking points against its opportunity's market and the user's numbers. ``offers`` are
    all the owner's (``offer_list``), the others' values being compared with each; the notice
    period and the strengths are read only when there is an offer to talk about.
    ``worked_out``: opportunities' markets and numbers the caller has, by opportunity id."""
    values = {o.pk: convert.pay_offer(o) for o in offers}
    shown = [
        o for o in offers if not o.is_current and (only is None or o.opportunity_id == only.pk)
    ]
    if not shown:
        return []
    earliest = (notice or notice_view(owner=owner, today=today)).start
    strengths = backing(owner=owner)
    per_opportunity = dict(worked_out or {})
    views = []
    for offer in shown:
        assert offer.opportunity is not None
        if offer.opportunity_id not in per_opportunity:
            mkt = market_view(opportunity=offer.opportunity, currency=budget.currency)
            case = case_for(opportunity=offer.opportunity)
            per_opportunity[offer.opportunity.pk] = (
                mkt,
                numbers_for(walk=budget.walk, mkt=mkt.market, case=case),
            )
        mkt, numbers = per_opportunity[offer.opportunity.pk]
        same = not budget.currency or offer.currency == budget.currency
        walk_line = budget.walk.amount if budget.walk and same else None
        market = mkt.market if offer.currency == mkt.currency else None
        value = values[offer.pk]
        views.append(
            OfferView(
                offer=offer,
                value=value,
                warnings=needs.warnings_for(offer.base, Period.YEAR, walk_line, market),
                numbers=numbers if same else None,
                talk=talking_points(
                    offer=value,
                    numbers=numbers if same else None,
                    market=market,
                    sources=mkt.sources,
                    others=[v for pk, v in values.items() if pk != offer.pk],
                    backing=strengths,
                    earliest_start=earliest.earliest_start if earliest else None,
                    today=today,
                ),
            )
        )
    return views


@dataclass(frozen=True)
class OffersView:
    offers: list[OfferView]
    current: Offer | None
    budget: BudgetView
    comparison: pay_offers.Comparison | None
    chart: str
    summary: str
    problem: str


def offers_view(*, owner: User, today: date) -> OffersView:
    budget = budget_view(owner=owner)
    everything = list(offer_list(owner=owner))
    offers = offer_views(owner=owner, today=today, offers=everything, budget=budget)
    current = next((o for o in everything if o.is_current), None)  # one at most
    if not offers:
        return OffersView(offers, current, budget, None, "", "", "No offers yet.")
    baseline = convert.pay_offer(current) if current else None
    currency = offers[0].value.currency
    walk = budget.walk.amount if budget.walk and budget.currency == currency else None
    # One target line: the highest of the offers' opportunities (they usually share one).
    targets = [o.numbers.target for o in offers if o.numbers]
    target = max(targets) if targets else None
    try:
        comparison = pay_offers.compare([o.value for o in offers], baseline, walk, target)
    except Invalid as error:
        return OffersView(offers, current, budget, None, "", "", error.message)
    return OffersView(
        offers,
        current,
        budget,
        comparison,
        chart_svg(comparison),
        chart_summary(comparison),
        "",
    )
