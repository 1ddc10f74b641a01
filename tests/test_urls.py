"""The probe: every address in ``nextround.urls`` fed hostile input.

The forms are found, not listed: every page the URL configuration offers is fetched with ids of
records that exist (the demo workspace, plus a practice session, an answer, an ask and a
strength), and every ``<form method=post>`` on it is read with BeautifulSoup, so a new form is
probed the day it appears. Each field then gets, in turn, the input families a careless or
hostile visitor sends — empty, blanks, a megabyte, a null character, half a surrogate pair,
right-to-left text with emoji, markup, ``javascript:`` addresses, huge, negative and non-finite
numbers, dates at the calendar's edges, unknown ids and another account's ids — while the other
fields keep what the page filled in. Every answer must be below 500 and show no traceback; an
answer that is not a success must leave the database exactly as it was.

Each request runs inside a savepoint rolled back afterwards, so a probe that succeeds (a 303)
cannot change what the next one sees. Addresses the probe cannot reach by a form are listed in
``NOT_PROBED`` with the reason, never skipped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from django.apps import apps
from django.contrib.auth.models import User
from django.db import connection, reset_queries, transaction
from django.db.models import Model
from django.test import Client
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

from nextround.coaching import services as coaching
from nextround.coaching.models import Area, Comment, Role, Share
from nextround.core import stamps
from nextround.core.services import LOCAL_USERNAME
from nextround.decision.models import Evidence, MustHave
from nextround.followup.models import Reply, Sent
from nextround.interviews.models import NoteKind, Opportunity, Person, Round, RoundNote
from nextround.money.models import MarketEntry, Offer
from nextround.practice import jobs as practice_jobs
from nextround.practice import services as practice
from nextround.practice.models import Attempt, PracticeQuestion, PracticeSession
from nextround.prep import services as prep
from nextround.prep.models import AskItem
from nextround.rehearsal import services as rehearsal
from nextround.rehearsal.models import (
    CaseSession,
    PresentationPlan,
    RunStatus,
    RunThrough,
    Slide,
)
from nextround.research.models import Fact, Feed, NewsEntry, Term
from nextround.stories import jobs as story_jobs
from nextround.stories import services as stories
from nextround.stories.models import Quote, Story, Strength
from nextround.workspace.demo import demo_load

pytestmark = pytest.mark.django_db

# --- the workspace the probe runs in -------------------------------------------------------

# The record an `<int:pk>` names, told by the part of the address before it (longest first).
KINDS: dict[str, type[Any]] = {
    "practice/sessions/": PracticeSession,
    "practice/attempts/": Attempt,
    "facts/": Fact,
    "terms/": Term,
    "feeds/": Feed,
    "news/": NewsEntry,
    "strengths/quotes/": Quote,
    "opportunities/": Opportunity,
    "people/": Person,
    "rounds/": Round,
    "followups/": Sent,
    "replies/": Reply,
    "market/": MarketEntry,
    "offers/": Offer,
    "notes/": RoundNote,
    "cases/sessions/": CaseSession,
    "run-throughs/": RunThrough,
    "cases/from-note/": RoundNote,
    "slides/": Slide,
    "asks/": AskItem,
    "stories/": Story,
    "strengths/": Strength,
    "evidence/": Evidence,
    "must-haves/": MustHave,
    "sharing/": Share,
    "coach/candidates/": User,
    "coach/stories/": Story,
    "coach/attempts/": Attempt,
    "coach/rounds/": Round,
    "coach/opportunities/": Opportunity,
    "comments/": Comment,
}

# Records whose account is not in an ``owner`` field: an account is its own, a share belongs
# to the candidate who gave it, a comment to the candidate whose material it is on.
OWNED_THROUGH: dict[type[Any], str] = {User: "pk", Share: "candidate", Comment: "candidate"}


def owned_by(model: type[Any], owner: User) -> Any:
    """The records of ``model`` that belong to ``owner``."""
    return model.objects.filter(**{OWNED_THROUGH.get(model, "owner"): owner.pk})


# POST addresses a page's script calls with the fields of another form: the probe sends them
# that form's fields.
SCRIPTED: dict[str, str] = {
    "story_analysis": "story_create",  # the story page's live analysis
}

# POST addresses no page's form reaches, with the reason; the probe fails on any other.
NOT_PROBED: dict[str, str] = {
    "logout": "signing out has no fields; tests/core/test_views.py covers it",
    "load_demo": "no fields, and its button shows only to an empty workspace; "
    "tests/workspace/test_views.py covers it",
    "join": "needs a one-time invitation code the probe cannot hold; "
    "tests/coaching/test_services.py posts good and bad forms to it",
    "invite": "its form shows only to coaches and administrators, and the probe's local account "
    "is a candidate; tests/coaching/test_services.py covers it",
    "password_reset": "needs a valid one-time token; tests/coaching/test_services.py covers it",
    "comment_add": "comments show on a shared server only, and the probe runs in local mode; "
    "tests/coaching/test_comment_views.py posts good, bad and foreign forms to it",
    "comment_reply": "as comment_add",
    "comment_resolve": "as comment_add",
    "comment_reopen": "as comment_add",
    "assign": "its form shows only to a coach a candidate shares with, and the probe's local "
    "account is a candidate; tests/coaching/test_assignments.py covers it",
}

UNKNOWN = 999_999
PROBE_COACH = "probe-coach"
SURROGATE = "\x00SURROGATE\x00"  # replaced by the bytes of a lone surrogate in the raw body
BIG = "a" * (1 << 20)


def _populate(owner: User) -> dict[type[Any], int]:
    """The demo plus one record of every kind the demo lacks; the first id of each kind."""
    now = timezone.now()
    opportunity, _ = demo_load(owner=owner, now=now)
    next_round = opportunity.rounds.order_by("-starts_at").first()
    assert next_round is not None
    person = next_round.attendees.first()
    assert person is not None
    prep.ask_create(
        round_=next_round, person=person, text="What does a good first month look like?"
    )
    story = Story.objects.filter(owner=owner).first()
    assert story is not None
    stories.strength_save(owner=owner, name="Calm under load", rank=1, stories=[story])
    # A feed the fetcher refuses at once (a loopback address not allowed): refreshing it records
    # the refusal on its row, and nothing goes out on the network.
    feed = Feed.objects.create(
        owner=owner, opportunity=opportunity, url="http://127.0.0.1:9/feed.xml"
    )
    # An undated item from it, so the form that dates one shows.
    NewsEntry.objects.create(
        owner=owner, opportunity=opportunity, feed=feed, origin="feed", title="Undated", key="u"
    )
    # A case question noted in a round, so the case page offers to practise it.
    RoundNote.objects.create(
        owner=owner,
        round=next_round,
        kind=NoteKind.QUESTION,
        text="How many deliveries a day could one more dock door handle?",
        category="case",
        category_by_hand=True,
    )
    # A case session under way, so its phase button shows (the demo's is finished).
    rehearsal.case_session_from_bank(owner=owner, key="kitchen-waste", now=now)
    # A comment on the owner's story (a shared server shows it; the ids are probed here).
    Comment.objects.create(
        candidate=owner,
        author=owner,
        area="stories",
        item_id=story.pk,
        body="Probe",
        created_at=now,
    )
    # A run-through of the demo's presentation, transcribed, so its report page shows.
    RunThrough.objects.create(
        owner=owner,
        plan=PresentationPlan.objects.get(owner=owner),
        audio="probe.webm",
        marks=[20.0],
        status=RunStatus.DONE,
        seconds=60.0,
        words=[["We", 0.5, 0.7], ["measured", 0.8, 1.3], ["dwell", 21.0, 21.4]],
    )
    session = practice.session_start(owner=owner, round_=next_round, count=2)
    question = PracticeQuestion.objects.filter(session=session).order_by("position").first()
    assert question is not None
    practice.attempt_typed(
        owner=owner,
        question=question,
        text="I led the dock schedule rewrite; dwell time fell by a fifth in six weeks.",
    )
    # A share with a coach, so the sharing page offers the form to take it back.
    if not User.objects.filter(username=PROBE_COACH).exists():
        coaching.user_add(username=PROBE_COACH, password="harbour-lantern-71", role=Role.COACH)
    coaching.share(
        candidate=owner, coach_name=PROBE_COACH, area=Area.STORIES, item_id=None, now=now
    )
    firsts: dict[type[Any], int] = {}
    for model in set(KINDS.values()):
        pk = owned_by(model, owner).order_by("pk").values_list("pk", flat=True).first()
        assert pk is not None, f"the probe's workspace has no {model.__name__}"
        firsts[model] = pk
    return firsts


@dataclass
class Workspace:
    mine: dict[type[Any], int]
    theirs: dict[type[Any], int]

    def their_ids(self) -> list[int]:
        return sorted(set(self.theirs.values()) - set(self.mine.values()))


@pytest.fixture
def workspace(user: User, other_user: User, monkeypatch: pytest.MonkeyPatch) -> Workspace:
    # No background work: what would be queued is dropped (the test's transaction never
    # commits, so nothing queued on commit runs either).
    monkeypatch.setattr(practice_jobs, "enqueue", lambda pk: None)
    monkeypatch.setattr(story_jobs, "enqueue", lambda pk: None)
    return Workspace(mine=_populate(user), theirs=_populate(other_user))


@pytest.fixture
def client(user: User) -> Client:
    # From 127.0.0.1: local mode signs the local user in; no CSRF check. A crash is answered
    # with the 500 page, as in production, so the probe lists every one it finds.
    return Client(raise_request_exception=False)


# --- the addresses -------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str
    route: str  # e.g. "rounds/<int:pk>/notes/new/<slug:kind>/"

    @property
    def kind(self) -> type[Any] | None:
        if "<int:pk>" not in self.route:
            return None
        before = self.route.split("<int:pk>")[0]
        for prefix, model in KINDS.items():
            if before == prefix:
                return model
        raise AssertionError(f"{self.route}: add the record its <int:pk> names to KINDS")

    def url(self, pk: int | None = None) -> str:
        path = self.route
        if pk is not None:
            path = path.replace("<int:pk>", str(pk))
        path = path.replace("<int:position>", "1").replace("<slug:kind>", NoteKind.QUESTION)
        # One-time codes and password-reset tokens: the probe holds none, so these pages
        # answer their "not valid" message.
        for code in ("<str:code>", "<uidb64>", "<token>"):
            path = path.replace(code, "not-a-code")
        path = path.replace("<slug:criterion>", "manager")
        assert "<" not in path, f"{self.route}: teach the probe this converter"
        return "/" + path


def _routes() -> list[Route]:
    found: list[Route] = []

    def walk(patterns: list[Any], prefix: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                found.append(Route(str(pattern.name), prefix + str(pattern.pattern)))

    walk(get_resolver("nextround.urls").url_patterns, "")
    return found


ROUTES = _routes()


def _name_of(url: str) -> str | None:
    try:
        return resolve(urlsplit(url).path).url_name
    except Resolver404:
        return None


# --- forms as a browser would send them ----------------------------------------------------


@dataclass
class Field:
    name: str
    type: str  # text, textarea, url, email, number, date, datetime-local, time, choice, file…
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    page: str
    action: str
    multipart: bool
    fields: list[Field]
    values: list[tuple[str, str]]  # what the page filled in, as a browser would send it


def _valid_text(kind: str) -> str:
    tomorrow = timezone.localdate() + timedelta(days=1)
    return {
        "url": "https://example.com/job",
        "email": "someone@example.com",
        "number": "1",
        "date": tomorrow.isoformat(),
        "datetime-local": f"{tomorrow.isoformat()}T10:00",
        "time": "10:00",
        "file": "",
    }.get(kind, "Probe text")


def _read_form(page: str, form: Tag) -> Form:
    action = str(form.get("action") or page)
    multipart = str(form.get("enctype", "")) == MULTIPART_CONTENT.split(";")[0]
    fields: dict[str, Field] = {}
    values: list[tuple[str, str]] = []
    for element in form.select("input[name], textarea[name], select[name]"):
        name = str(element["name"])
        if element.name == "textarea":
            kind, value = "textarea", element.get_text()
            if not value and element.has_attr("required"):
                value = _valid_text("text")
            values.append((name, value))
        elif element.name == "select":
            options = [str(o.get("value", o.get_text())) for o in element.select("option")]
            kind = "choice"
            chosen = element.select("option[selected]")
            if not chosen and not element.has_attr("multiple"):
                real = [o for o in options if o]
                chosen_values = real[:1] if element.has_attr("required") else options[:1]
            else:
                chosen_values = [str(o.get("value", o.get_text())) for o in chosen]
            values.extend((name, v) for v in chosen_values)
            fields.setdefault(name, Field(name, kind)).options.extend(options)
            continue
        else:
            kind = str(element.get("type", "text")).lower()
            if kind in {"submit", "button", "reset", "image"}:
                continue
            if kind in {"radio", "checkbox"}:
                option = str(element.get("value", "on"))
                fields.setdefault(name, Field(name, "choice")).options.append(option)
                if element.has_attr("checked"):
                    values.append((name, option))
                continue
            value = str(element.get("value", ""))
            if not value and element.has_attr("required"):
                value = _valid_text(kind)
            if kind != "file":
                values.append((name, value))
        fields.setdefault(name, Field(name, kind))
    # A required radio group with nothing checked: a browser user must pick one.
    for f in fields.values():
        if f.type == "choice" and f.options and all(n != f.name for n, _ in values):
            group = form.select(f'input[name="{f.name}"][required]')
            if group:
                values.append((f.name, f.options[0]))
    return Form(page, action, multipart, list(fields.values()), values)


def _encode(form: Form, pairs: list[tuple[str, str]], files: dict[str, bytes]) -> tuple[bytes, str]:
    """The raw body a browser sends, with the surrogate placeholder turned into the bytes no
    browser should send (the UTF-8 form of U+D800) and the Django test client cannot."""
    if form.multipart:
        data: dict[str, Any] = {}
        for name, value in pairs:
            data.setdefault(name, []).append(value)
        for name, content in files.items():
            upload = _Upload(content)
            data[name] = upload
        body = encode_multipart(BOUNDARY, data)
        return body.replace(SURROGATE.encode(), b"\xed\xa0\x80"), MULTIPART_CONTENT
    encoded = urlencode(pairs).replace(urlencode({"": SURROGATE})[1:], "%ED%A0%80")
    return encoded.encode(), "application/x-www-form-urlencoded"


class _Upload:
    """A file for ``encode_multipart``: a hostile name and the given bytes."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.name = "<script>alert(1)</script>\u202epdf.exe"

    def read(self) -> bytes:
        return self.content


# --- the input families --------------------------------------------------------------------

TEXT = [
    "",
    "   ",
    "tab\x00null",
    SURROGATE,
    "\u05e9\u05dc\u05d5\u05dd \u202e\U0001f600\u200d\U0001f525",
]
MARKUP = "<script>alert(1)</script><img src=x onerror=alert(1)>"
NUMBERS = ["", "   ", "99999999999999999999999", "-1", "1e309", "NaN", "abc"]
DATES = ["", "0001-01-01", "9999-12-31", "2026-02-30", "tomorrow"]
DATETIMES = ["", "0001-01-01T00:00", "9999-12-31T23:59", "2026-02-30T10:00", "tomorrow"]
IDS = ["", str(UNKNOWN), "99999999999999999999999", "-1", "abc", "tab\x00null", SURROGATE]
FILES = [
    b"",
    b"%PDF-1.7\n" + b"\x00\xff" * 2048,
    b"PK\x03\x04" + b"\x00" * 512,
    "\u202e<script>alert(1)</script>".encode() + b"\xed\xa0\x80\x00",
]


def _families(f: Field, workspace: Workspace) -> list[str]:
    if f.type in {"text", "textarea", "search", "email", "password", "tel"}:
        return [*TEXT, MARKUP]
    if f.type == "url":
        return [*TEXT, MARKUP, "javascript:alert(1)", "http://[::1", "file:///etc/passwd"]
    if f.type in {"number", "range"}:
        return NUMBERS
    if f.type == "date":
        return DATES
    if f.type == "datetime-local":
        return DATETIMES
    if f.type == "time":
        return ["", "25:61", "tomorrow"]
    if f.type in {"choice", "hidden"}:
        mine = set(f.options)
        theirs = [str(pk) for pk in workspace.their_ids() if str(pk) not in mine]
        return [*IDS, *theirs, MARKUP]
    if f.type == "file":
        return []
    raise AssertionError(f"teach the probe the field type {f.type!r} ({f.name})")


# --- what must hold after each request -----------------------------------------------------


# The tables the app keeps (with the many-to-many ones) and the accounts, by table name.
KEPT: list[type[Model]] = [
    m for m in apps.get_models(include_auto_created=True) if m.__module__.startswith("nextround.")
]
TABLES: dict[str, type[Model]] = {m._meta.db_table: m for m in KEPT}
TABLES[User._meta.db_table] = User
Snapshot = dict[str, list[tuple[Any, ...]]]
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)


def _snapshot(tables: set[str] | None = None) -> Snapshot:
    """Every row of ``tables`` (all of them by default), in order."""
    return {
        table: list(TABLES[table]._default_manager.order_by("pk").values_list())
        for table in (TABLES if tables is None else tables)
    }


def _written(queries: list[dict[str, Any]]) -> set[str]:
    """The kept tables a request sent a write to. Only these can differ from before, so only
    these are read again: reading every table after each of thousands of requests made the
    probe the slowest part of the suite."""
    return {m[1] for q in queries if (m := WRITE.match(q["sql"])) and m[1] in TABLES}


TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")


@dataclass
class Answer:
    status: int
    body: str
    changed: list[str]  # the tables a refused request changed
    after: Answer | None = None  # the page a success redirected to, fetched with its changes
    unstamped: list[str] = field(default_factory=list)  # tables a 303 changed, stamp as it was


def _changes(before: Snapshot, written: set[str]) -> list[str]:
    now = _snapshot(written)
    return [TABLES[table].__name__ for table in sorted(written) if now[table] != before[table]]


def _answer(response: Any) -> tuple[int, str]:
    # A streamed file (a recording) is read to its end, which closes it.
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response.status_code, content.decode("utf-8", "replace")


def _send(
    client: Client,
    url: str,
    *,
    method: str = "POST",
    body: bytes = b"",
    content_type: str = "",
    before: Snapshot | None = None,
) -> Answer:
    """One request inside a savepoint that is rolled back, so whatever it saved is undone.
    A refused request must have changed nothing (``before``); a success's page is fetched
    while its changes are there, since what was saved must show; a 303 that changed rows must
    have renewed the account's version stamp, or a page kept under it (core.pagecache) would
    not show them (a 303 that refused, with a message, changes nothing and renews nothing)."""
    with transaction.atomic():
        stamp = _local_stamp() if before is not None else None
        reset_queries()  # the capture below keeps adding to the connection's log of 9000
        with CaptureQueriesContext(connection) as queries:
            response = client.generic(method, url, body, content_type=content_type)
            status, text = _answer(response)
        written = _written(queries.captured_queries)
        answer = Answer(status, text, [])
        if status == 303 and before is not None and _local_stamp() == stamp:
            answer.unstamped = _changes(before, written)
        if status in {301, 302, 303}:
            location = response["Location"]
            if location.startswith("/") and not location.startswith("/login/"):
                answer.after = Answer(*_answer(client.get(location)), [])
        elif before is not None:
            answer.changed = _changes(before, written)
        transaction.set_rollback(True)
    return answer


def _local_stamp() -> str:
    return stamps.current(User.objects.get(username=LOCAL_USERNAME).pk)


def _problems(answer: Answer, what: str) -> list[str]:
    found = []
    if answer.unstamped:
        changed = ", ".join(answer.unstamped)
        found.append(f"{what}: changed {changed} but left the account's version stamp as it was")
    for label, each in (("", answer), (" then its page", answer.after)):
        if each is None:
            continue
        if each.status >= 500:
            found.append(f"{what}{label}: {each.status}")
        elif TRACEBACK.search(each.body):
            found.append(f"{what}{label}: a traceback is shown")
    if answer.changed:
        found.append(f"{what}: refused ({answer.status}) but changed {', '.join(answer.changed)}")
    return found


def _pages(route: Route, workspace: Workspace) -> list[str]:
    """The route with the first and the last of the workspace's records of its kind (the
    demo's round that is over and the one ahead show different forms)."""
    if route.kind is None:
        return [route.url()]
    local = User.objects.get(username=LOCAL_USERNAME)
    ids = owned_by(route.kind, local).filter(pk__gte=workspace.mine[route.kind])
    mine = ids.order_by("pk").values_list("pk", flat=True)
    return [route.url(mine.first()), route.url(mine.last())]


# --- the probes ----------------------------------------------------------------------------


def _forms(client: Client, workspace: Workspace) -> dict[tuple[str, tuple[str, ...]], Form]:
    """Every distinct POST form on every page, by its action's route and its field names. The
    pages are every route with the workspace's ids, and the first link to each route that
    carries a query (a concern's answer is reached as ``concerns/answer/?ref=…``)."""
    forms: dict[tuple[str, tuple[str, ...]], Form] = {}
    pages = list(dict.fromkeys(url for r in ROUTES for url in _pages(r, workspace)))
    linked: set[tuple[str | None, tuple[str, ...]]] = set()
    while pages:
        url = pages.pop(0)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        soup = BeautifulSoup(response.content, "html.parser")
        for link in soup.select("a[href*='?']"):
            href = urlsplit(str(link["href"]))
            key = (_name_of(href.path), tuple(sorted(parse_qs(href.query))))
            if href.path.startswith("/") and key[0] is not None and key not in linked:
                linked.add(key)
                pages.append(str(link["href"]))
        for element in soup.select("form"):
            if str(element.get("method", "get")).lower() != "post":
                continue
            form = _read_form(url, element)
            name = _name_of(form.action)
            assert name is not None, f"{url}: a form posts to {form.action}, which is no page"
            forms.setdefault((name, tuple(sorted(f.name for f in form.fields))), form)
    for name, source in SCRIPTED.items():
        form = next(f for (n, _), f in forms.items() if n == source)
        action = next(r for r in ROUTES if r.name == name).url()
        forms[(name, ())] = replace(form, action=action)
    return forms


def _probe_form(client: Client, form: Form, workspace: Workspace) -> tuple[list[str], int]:
    before = _snapshot()
    problems: list[str] = []
    sent = 0

    def post(
        pairs: list[tuple[str, str]], what: str, files: dict[str, bytes] | None = None
    ) -> None:
        nonlocal sent
        body, content_type = _encode(form, pairs, files or {})
        answer = _send(client, form.action, body=body, content_type=content_type, before=before)
        sent += 1
        problems.extend(_problems(answer, f"POST {form.action} ({form.page}) {what}"))

    post(form.values, "as the page fills it")
    big_sent = False
    for f in form.fields:
        others = [(n, v) for n, v in form.values if n != f.name and n != "csrfmiddlewaretoken"]
        values = _families(f, workspace)
        if not big_sent and f.type in {"textarea", "text"}:
            values = [*values, BIG]
            big_sent = True
        for value in values:
            shown = value if len(value) < 40 else f"{value[:10]}… ({len(value)} characters)"
            post([*others, (f.name, value)], f"{f.name}={shown!r}")
        if f.type == "file":
            for content in FILES:
                post(others, f"{f.name}=<{len(content)} hostile bytes>", {f.name: content})
    return problems, sent


def test_the_probe_sees_each_kind_of_write_on_this_database(workspace: Workspace) -> None:
    # A refused request is checked only in the tables it wrote to: the check must recognise
    # an insert, an update and a delete as this database's driver spells them.
    owner = User.objects.get(username=LOCAL_USERNAME)
    fact = Fact.objects.filter(owner=owner).first()
    round_ = Round.objects.filter(owner=owner, attendees__isnull=False).first()
    assert fact is not None and round_ is not None
    people = list(round_.attendees.all())
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        round_.attendees.clear()
        round_.attendees.add(*people)
        Fact.objects.filter(pk=fact.pk).update(text="Changed")
        Fact.objects.filter(pk=fact.pk).delete()
        transaction.set_rollback(True)
    writes = [q for q in queries.captured_queries if WRITE.match(q["sql"])]
    assert len(writes) >= 4
    assert _written(queries.captured_queries) >= {
        Fact._meta.db_table,
        Round.attendees.through._meta.db_table,
    }


# The forms are probed in shards, so that the suite's workers (pytest-xdist) share them.
SHARDS = 4


@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_form_survives_hostile_input(
    client: Client, workspace: Workspace, shard: int
) -> None:
    forms = _forms(client, workspace)
    assert len(forms) > 20  # the crawl found the forms
    problems: list[str] = []
    sent = 0
    for _, form in sorted(forms.items())[shard::SHARDS]:
        found, count = _probe_form(client, form, workspace)
        problems.extend(found)
        sent += count
    assert sent > 500 // SHARDS
    assert problems == [], "\n".join(problems)


def test_every_post_address_is_probed_or_says_why_not(client: Client, workspace: Workspace) -> None:
    probed = {name for name, _ in _forms(client, workspace)}
    unreached = []
    for route in ROUTES:
        kind = route.kind
        url = route.url(workspace.mine[kind] if kind else None)
        if route.name in probed or route.name in NOT_PROBED:
            continue
        answer = _send(client, url, body=b"", content_type="application/x-www-form-urlencoded")
        if answer.status != 405:  # it takes a POST, and no page offers a form for it
            unreached.append(route.name)
    assert unreached == []
    assert set(NOT_PROBED) - {r.name for r in ROUTES} == set()  # no stale reasons


HOSTILE_QUERIES = [
    "?round=abc",
    "?person=-1",
    "?ref=%00",
    "?round=99999999999999999999999",
    "?kind=%ED%A0%80",
    "?page=-1",
    "?q=%3Cscript%3E",
]


def test_every_page_answers_unknown_and_foreign_ids_with_404(
    client: Client, workspace: Workspace
) -> None:
    problems = []
    before = _snapshot()  # every request is rolled back, so one look serves them all
    for route in ROUTES:
        kind = route.kind
        if kind is None:
            continue
        for pk, who in ((UNKNOWN, "an unknown id"), (workspace.theirs[kind], "another's id")):
            for method in ("GET", "POST"):
                answer = _send(client, route.url(pk), method=method, before=before)
                if answer.status not in {404, 405} or answer.changed:
                    problems.append(
                        f"{method} {route.url(pk)} ({who}): {answer.status} {answer.changed}"
                    )
    assert problems == [], "\n".join(problems)


def test_every_page_shrugs_off_hostile_query_strings(client: Client, workspace: Workspace) -> None:
    problems = []
    for route in ROUTES:
        kind = route.kind
        url = route.url(workspace.mine[kind] if kind else None)
        for query in HOSTILE_QUERIES:
            answer = _send(client, url + query, method="GET")
            problems.extend(_problems(answer, f"GET {url}{query}"))
    assert problems == [], "\n".join(problems)


# --- records saved before dates were held to a range ---------------------------------------

OUT_OF_RANGE = [
    datetime(9999, 12, 31, 22, 0, tzinfo=UTC),
    datetime(1, 1, 1, 1, 0, tzinfo=UTC),
]


@pytest.mark.parametrize("starts", OUT_OF_RANGE, ids=lambda d: str(d.year))
def test_a_round_stored_out_of_range_shows_a_message_on_every_page(
    client: Client, workspace: Workspace, starts: datetime
) -> None:
    """A round written before the date-range check (or straight into the database) must not
    take a page down: the pages show it with a message asking to edit its date."""
    round_ = Round.objects.filter(owner__username=LOCAL_USERNAME).order_by("-starts_at").first()
    assert round_ is not None
    Round.objects.filter(pk=round_.pk).update(
        starts_at=starts, ends_at=starts + timedelta(minutes=30)
    )
    problems = []
    for route in ROUTES:
        for url in _pages(route, workspace):
            answer = _send(client, url, method="GET")
            problems.extend(_problems(answer, f"GET {url}"))
    assert problems == [], "\n".join(problems)
    shown = [f"/rounds/{round_.pk}/", f"/opportunities/{round_.opportunity_id}/"]
    if starts > timezone.now():
        shown.append("/")  # the dashboard's next interview
    for url in shown:
        page = client.get(url).content.decode()
        assert "date is out of range" in page, url
    calendar = client.get(f"/rounds/{round_.pk}/calendar.ics")
    assert calendar.status_code == 400
    assert "date is out of range" in calendar.content.decode()
