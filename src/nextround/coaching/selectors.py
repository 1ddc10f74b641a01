"""Reads for the sharing page and the coach's pages. Whatever a coach sees of a candidate's
material is fetched through ``coaching.access``; these only arrange it, in a number of queries
that does not grow with the number of candidates."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from hashlib import sha256
from typing import cast

from django.contrib.auth.models import User
from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.expressions import Combinable
from django.db.models.functions import Coalesce, Greatest
from django.utils.timezone import get_current_timezone_name
from django.utils.translation import get_language

from nextround import __version__
from nextround.coaching import access
from nextround.coaching.models import Area, AuditEntry, LastRead, Member, Role, Share
from nextround.coaching.services import role_of
from nextround.core import stamps
from nextround.core.models import Owned
from nextround.decision.models import Score, Scorecard
from nextround.errors import NotFound
from nextround.interviews.models import ACTIVE_STAGES, Round
from nextround.playbook.plan import Readiness
from nextround.practice.models import Attempt
from nextround.prep import selectors as prep_selectors
from nextround.prep.models import PlanProgress

#: The coach's page of one item of each area.
COACH_PAGES: dict[Area, str] = {
    Area.STORIES: "coach_story",
    Area.PRACTICE: "coach_attempt",
    Area.ROUNDS: "coach_round",
    Area.FIT: "coach_fit",
}

#: What an item's name is read with, so naming a list of them costs no query per item.
_RELATED: dict[Area, tuple[str, ...]] = {
    Area.PRACTICE: ("question",),
    Area.ROUNDS: ("opportunity",),
}

LOG_SHOWN = 200  # audit entries on the sharing page, newest first


def require_coach(user: User) -> None:
    """The coach's pages are for coaches and administrators; anyone else finds nothing there,
    in the same words as an item that is not shared."""
    if role_of(user) not in (Role.COACH, Role.ADMIN):
        raise NotFound(access.NOTHING_HERE)


def _named(area: Area, items: QuerySet[Owned]) -> QuerySet[Owned]:
    related = _RELATED.get(area)
    # Not select_related() with nothing named: that would follow every foreign key.
    return items.select_related(*related) if related else items


def item_label(area: Area, item: Owned) -> str:
    """An item as a list names it: a story by its title, an attempt by its question and day,
    a round by its label and job, a scorecard by its job."""
    if isinstance(item, Attempt):
        return f"{item.question.text} ({item.created_at:%d %b %Y})"
    if isinstance(item, Round):
        return f"{item.label} · {item.opportunity}"
    return str(item)


# --- the candidate's sharing page ---------------------------------------------------------


def coaches(*, candidate: User) -> QuerySet[User]:
    """The active coaches and administrators a candidate can share with."""
    roles = Member.objects.filter(user=OuterRef("pk"), role__in=[Role.COACH, Role.ADMIN])
    return (
        User.objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(Exists(roles)))
        .exclude(pk=candidate.pk)
        .order_by("username")
    )


@dataclass(frozen=True)
class Shareable:
    """One area and the candidate's items in it, as the share form offers them."""

    area: Area
    items: list[tuple[int, str]]  # (id, name)


def shareable(*, candidate: User) -> list[Shareable]:
    """The candidate's own items, area by area (one query per area)."""
    found = []
    for area in Area:
        items = _named(area, access.items_shared(candidate, candidate, area)).order_by("pk")
        found.append(Shareable(area, [(item.pk, item_label(area, item)) for item in items]))
    return found


def share_labels(shares: Iterable[Share]) -> dict[int, str]:
    """Each share in words ("all stories", "story: The late shipment"), the items read in one
    query per area. An item deleted since reads as "an item that was deleted"."""
    shares = list(shares)
    wanted: dict[Area, set[int]] = {}
    for given in shares:
        if given.item_id is not None:
            wanted.setdefault(Area(given.area), set()).add(given.item_id)
    names: dict[tuple[Area, int], str] = {}
    for area, ids in wanted.items():
        model = access.AREA_MODELS[area]
        items = _named(area, model._default_manager.filter(pk__in=ids))
        names.update({(area, item.pk): item_label(area, item) for item in items})
    labels = {}
    for given in shares:
        area = Area(given.area)
        if given.item_id is None:
            labels[given.pk] = f"all {area.label.lower()}"
        else:
            name = names.get((area, given.item_id), "an item that was deleted")
            labels[given.pk] = f"{ITEM_WORD[area]}: {name}"
    return labels


#: One item of each area, in words.
ITEM_WORD: dict[Area, str] = {
    Area.STORIES: "story",
    Area.PRACTICE: "practice attempt",
    Area.ROUNDS: "round plan and brief",
    Area.FIT: "fit scorecard",
}


@dataclass(frozen=True)
class ShareRow:
    share: Share
    label: str


def shares_given(*, candidate: User) -> list[ShareRow]:
    shares = list(
        Share.objects.filter(candidate=candidate)
        .select_related("coach")
        .order_by("coach__username", "area", "item_id")
    )
    labels = share_labels(shares)
    return [ShareRow(s, labels[s.pk]) for s in shares]


def audit_log(*, candidate: User) -> list[AuditEntry]:
    """What happened to the candidate's material, newest first."""
    return list(AuditEntry.objects.filter(candidate=candidate).select_related("actor")[:LOG_SHOWN])


# --- the coach's dashboard ----------------------------------------------------------------


def _changed_at(area: Area) -> Combinable:
    """When an item last changed, as far as the records tell: a story's own edits, a round's
    plan ticked or annotated, a scorecard's weights or scores; an attempt never changes."""
    if area == Area.STORIES:
        return F("updated_at")
    if area == Area.ROUNDS:
        progress = PlanProgress.objects.filter(round=OuterRef("pk")).order_by("-updated_at")
        return Greatest(
            F("created_at"), Coalesce(Subquery(progress.values("updated_at")[:1]), F("created_at"))
        )
    if area == Area.FIT:
        card = Scorecard.objects.filter(opportunity=OuterRef("pk"))
        score = Score.objects.filter(scorecard__opportunity=OuterRef("pk")).order_by("-updated_at")
        return Greatest(
            F("created_at"),
            Coalesce(Subquery(card.values("updated_at")[:1]), F("created_at")),
            Coalesce(Subquery(score.values("updated_at")[:1]), F("created_at")),
        )
    return F("created_at")


@dataclass(frozen=True)
class Reads:
    """A coach's latest opening of each item of their candidates (``LastRead``), read once."""

    item: dict[tuple[str, int], datetime]  # (area, item id) -> when
    candidate: dict[int, datetime]  # candidate id -> the latest of any of their items

    def unread(self, area: Area, item: Owned) -> bool:
        last = self.item.get((area, item.pk))
        changed: datetime = item.changed  # type: ignore[attr-defined]
        return last is None or changed > last


def _reads(coach: User, sharing: access.Sharing) -> Reads:
    rows = LastRead.objects.filter(
        coach=coach, candidate__in={s.candidate_id for s in sharing.shares}
    ).values_list("candidate", "area", "item_id", "at")
    item: dict[tuple[str, int], datetime] = {}
    candidate: dict[int, datetime] = {}
    for candidate_id, area, item_id, at in rows:
        item[(area, item_id)] = at
        candidate[candidate_id] = max(at, candidate.get(candidate_id, at))
    return Reads(item, candidate)


def _unread(sharing: access.Sharing, area: Area, reads: Reads) -> list[Owned]:
    items = _named(area, sharing.items(area).annotate(changed=_changed_at(area))).order_by("pk")
    return [item for item in items if reads.unread(area, item)]


def unread(coach: User, area: Area) -> list[Owned]:
    """The items of ``area`` shared with ``coach`` that the coach has not opened since they
    were shared or last changed: never read, or changed after the coach's latest read."""
    sharing = access.sharing_of(coach)
    return _unread(sharing, area, _reads(coach, sharing))


@dataclass(frozen=True)
class NewItem:
    area: Area
    item: Owned
    label: str

    @property
    def page(self) -> str:
        return COACH_PAGES[self.area]


NEW_SHOWN = 10  # new items listed on a card; the rest are counted


@dataclass
class CandidateCard:
    candidate: User
    last_looked: datetime | None  # the coach's latest read of anything of theirs
    upcoming: list[tuple[Round, Readiness]] = field(default_factory=list)
    new_shares: list[ShareRow] = field(default_factory=list)
    new_items: list[NewItem] = field(default_factory=list)

    @property
    def new_first(self) -> list[NewItem]:
        return self.new_items[:NEW_SHOWN]

    @property
    def new_more(self) -> int:
        return max(0, len(self.new_items) - NEW_SHOWN)


UPCOMING_SHOWN = 3  # rounds per candidate on the dashboard


def dashboard(
    *, coach: User, now: datetime, sharing: access.Sharing | None = None
) -> list[CandidateCard]:
    """The coach's candidates, each with their shared upcoming rounds and readiness, the shares
    given since the coach last looked, and the shared items new or changed since the coach
    last opened them. A round shows only when it is shared: an unshared round is not even
    mentioned, since its date and employer are the candidate's material too. Only the areas
    someone shares are read. ``sharing``: the coach's shares already read, or some of them
    (the candidates whose card is drawn again)."""
    sharing = access.sharing_of(coach) if sharing is None else sharing
    reads = _reads(coach, sharing)
    cards: dict[int, CandidateCard] = {}
    for given in sharing.shares:
        cards.setdefault(
            given.candidate_id,
            CandidateCard(given.candidate, reads.candidate.get(given.candidate_id)),
        )
    labels = share_labels(sharing.shares)
    for given in sharing.shares:
        card = cards[given.candidate_id]
        if card.last_looked is None or given.created_at > card.last_looked:
            card.new_shares.append(ShareRow(given, labels[given.pk]))
    areas = {Area(given.area) for given in sharing.shares}
    for area in (a for a in Area if a in areas):
        for item in _unread(sharing, area, reads):
            cards[item.owner_id].new_items.append(NewItem(area, item, item_label(area, item)))
    if Area.ROUNDS in areas:
        _add_upcoming(sharing, cards, now)
    return list(cards.values())


def card_keys(*, coach: User, sharing: access.Sharing, now: datetime) -> dict[int, str]:
    """Each candidate's card on the coach's dashboard by its key among the kept fragments, in
    the dashboard's order; one query. A card shows only the candidate's records, their shares
    and the coach's reads of them, and every write to those renews the candidate's version
    stamp (``core.stamps``), so the key is that stamp with the minute (readiness and "upcoming"
    move with the clock), the coach, and the language and time zone it is drawn in."""
    candidates = sharing.candidate_ids()
    tokens = stamps.current_many(candidates)
    drawn_in = (get_language(), get_current_timezone_name(), __version__)
    minute = now.replace(second=0, microsecond=0).isoformat()
    return {
        candidate: "coach-card:"
        + sha256(
            repr((coach.pk, candidate, tokens[candidate], minute, drawn_in)).encode()
        ).hexdigest()
        for candidate in candidates
    }


def _add_upcoming(sharing: access.Sharing, cards: dict[int, CandidateCard], now: datetime) -> None:
    """The first shared upcoming rounds of each candidate, soonest first, with readiness
    worked out for those shown only."""
    rounds = cast(QuerySet[Round], sharing.items(Area.ROUNDS))
    picked: dict[int, list[Round]] = {}
    upcoming = rounds.filter(ends_at__gt=now, opportunity__stage__in=ACTIVE_STAGES)
    for round_ in upcoming.select_related("opportunity").order_by("starts_at", "pk"):
        theirs = picked.setdefault(round_.owner_id, [])
        if len(theirs) < UPCOMING_SHOWN:
            theirs.append(round_)
    ready = prep_selectors.readiness_many(
        rounds=[round_ for theirs in picked.values() for round_ in theirs], now=now
    )
    for owner_id, theirs in picked.items():
        cards[owner_id].upcoming = [(round_, ready[round_.pk]) for round_ in theirs]


# --- one candidate ------------------------------------------------------------------------


@dataclass(frozen=True)
class SharedArea:
    area: Area
    items: list[NewItem]

    @property
    def page(self) -> str:
        return COACH_PAGES[self.area]


def shared_by(*, coach: User, candidate: User) -> list[SharedArea]:
    """What ``candidate`` shares with ``coach``, area by area, newest first."""
    found = []
    for area in Area:
        items = _named(area, access.items_shared(coach, candidate, area)).order_by("-pk")
        found.append(SharedArea(area, [NewItem(area, i, item_label(area, i)) for i in items]))
    return found
