"""Joining with an invitation, inviting someone, setting a password from a handed-over link;
the candidate's sharing page with the audit log; the coach's dashboard and read-only pages of
what candidates share; comments and their replies; a coach setting practice. Every form works
without a script; a POST that worked answers 303.

A coach's page fetches the candidate's material only through ``coaching.access`` and records
the read in the candidate's audit log; anything not shared answers 404 in the same words."""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.core.cache import caches
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from nextround.brief import selectors as brief_selectors
from nextround.coaching import access, selectors, services
from nextround.coaching.forms import (
    InviteForm,
    JoinForm,
    ShareForm,
)
from nextround.coaching.models import Area, Role, Share
from nextround.core.fragments import FRAGMENTS
from nextround.core.models import Owned
from nextround.core.web import owner_of, page, safe_next, see_other, submit
from nextround.decision import selectors as decision_selectors
from nextround.errors import NotFound
from nextround.feedback import thresholds
from nextround.interviews import selectors as interview_selectors
from nextround.interviews.models import Opportunity, Round
from nextround.practice import selectors as practice_selectors
from nextround.practice.models import Attempt, Status
from nextround.practice.present import highlighted
from nextround.practice.services import recordings_dir
from nextround.prep import selectors as prep_selectors
from nextround.stories import selectors as story_selectors
from nextround.stories.models import Story


@login_not_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest, code: str) -> HttpResponse:
    invitation = services.invitation_for(code, now=timezone.now())
    form = JoinForm(request.POST if request.method == "POST" else None)

    def accept() -> User:
        return services.invitation_accept(
            code=code,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password1"],
            now=timezone.now(),
        )

    if request.method == "POST" and (user := submit(form, accept)) is not None:
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome: your account is ready.")
        return see_other("dashboard")
    context = {"form": form, "invitation": invitation}
    return page(request, "coaching/join.html", context, form)


def _roles_for(role: Role) -> list[Role]:
    return [r for r in Role if services.may_invite_as(role, r)]


@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest) -> HttpResponse:
    inviter = owner_of(request)
    roles = _roles_for(services.role_of(inviter))
    if not roles:
        raise NotFound("There is nothing at this address.")
    form = InviteForm(request.POST if request.method == "POST" else None, roles=roles)

    def send() -> services.NewInvitation:
        return services.invite(
            by=inviter,
            role=Role(form.cleaned_data["role"]),
            email=form.cleaned_data["email"],
            now=timezone.now(),
        )

    if request.method == "POST" and (made := submit(form, send)) is not None:
        link = request.build_absolute_uri(made.path)
        messages.success(
            request,
            f"Invitation made. Hand over this link; it works once, for seven days: {link}",
        )
        return see_other("invite")
    return page(request, "coaching/invite.html", {"form": form}, form)


class PasswordSetView(auth_views.PasswordResetConfirmView):
    """Django's own check of the one-time link, with our page around it."""

    template_name = "coaching/password_set.html"
    success_url = reverse_lazy("login")

    def form_valid(self, form: SetPasswordForm[User]) -> HttpResponse:
        super().form_valid(form)
        messages.success(self.request, "Your password is set: sign in with it.")
        return see_other("login")


# --- the candidate's sharing page ----------------------------------------------------------


def _share_form(candidate: User, data: object = None) -> ShareForm:
    what = [
        (
            group.area.label,
            [(group.area.value, f"All {group.area.label.lower()}, and those added later")]
            + [(f"{group.area.value}:{pk}", name) for pk, name in group.items],
        )
        for group in selectors.shareable(candidate=candidate)
    ]
    coaches = [c.username for c in selectors.coaches(candidate=candidate)]
    return ShareForm(data, coaches=coaches, what=what)


def _back(request: HttpRequest, form: ShareForm) -> str:
    """Where a share form asked to return (the story or round page it sits on), if that is
    a page of this site; the sharing page otherwise."""
    return safe_next(request, form.cleaned_data.get("next") or "") or "sharing"


@require_http_methods(["GET", "POST"])
def sharing(request: HttpRequest) -> HttpResponse:
    candidate = owner_of(request)
    form = _share_form(candidate, request.POST if request.method == "POST" else None)

    def give() -> Share:
        area, item_id = form.area_and_item()
        return services.share(
            candidate=candidate,
            coach_name=form.cleaned_data["coach"],
            area=area,
            item_id=item_id,
            now=timezone.now(),
        )

    if request.method == "POST" and submit(form, give) is not None:
        messages.success(request, f"Shared with {form.cleaned_data['coach']}.")
        return see_other(_back(request, form))
    context = {
        "form": form,
        "shares": selectors.shares_given(candidate=candidate),
        "log": selectors.audit_log(candidate=candidate),
    }
    return page(request, "coaching/sharing.html", context, form)


@require_POST
def sharing_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    services.revoke(candidate=owner_of(request), share_id=pk, now=timezone.now())
    messages.success(request, "Taken back: the coach no longer sees it.")
    return see_other("sharing")


# --- the coach's pages ---------------------------------------------------------------------


def _coach(request: HttpRequest) -> User:
    coach = owner_of(request)
    selectors.require_coach(coach)
    return coach


@require_safe
def coach_dashboard(request: HttpRequest) -> HttpResponse:
    coach = _coach(request)
    now = timezone.now()
    sharing = access.sharing_of(coach)
    keys = selectors.card_keys(coach=coach, sharing=sharing, now=now)
    kept = caches[FRAGMENTS].get_many(list(keys.values()))
    cards = {candidate: kept[key] for candidate, key in keys.items() if key in kept}
    stale = sharing.of(keys.keys() - cards.keys())
    for card in selectors.dashboard(coach=coach, now=now, sharing=stale) if stale.shares else ():
        cards[card.candidate.pk] = render_to_string("coaching/_candidate_card.html", {"card": card})
    caches[FRAGMENTS].set_many({keys[c]: cards[c] for c in stale.candidate_ids()})
    # Kept as drawn by the template engine, which escaped it.
    shown = [mark_safe(cards[candidate]) for candidate in keys]
    return render(request, "coaching/coach_dashboard.html", {"cards": shown})


@require_safe
def coach_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    coach = _coach(request)
    candidate = access.candidate_get(coach, pk)
    context = {
        "candidate": candidate,
        "areas": selectors.shared_by(coach=coach, candidate=candidate),
    }
    return render(request, "coaching/coach_candidate.html", context)


def _read(request: HttpRequest, area: Area, pk: int) -> tuple[User, Owned]:
    """The shared item a coach opens, its read written in the candidate's audit log."""
    coach = _coach(request)
    item = access.item_get(coach, area, pk)
    services.record_read(viewer=coach, item=item, area=area, now=timezone.now())
    return coach, item


@require_safe
def coach_story(request: HttpRequest, pk: int) -> HttpResponse:
    _, story = _read(request, Area.STORIES, pk)
    assert isinstance(story, Story)
    context = {
        "area": Area.STORIES,
        "item": story,
        "story": story,
        "report": story_selectors.story_report(story),
    }
    return render(request, "coaching/coach_story.html", context)


@require_safe
def coach_attempt(request: HttpRequest, pk: int) -> HttpResponse:
    _, attempt = _read(request, Area.PRACTICE, pk)
    assert isinstance(attempt, Attempt)
    context: dict[str, object] = {
        "area": Area.PRACTICE,
        "item": attempt,
        "attempt": attempt,
        "question": attempt.question,
        "target": (thresholds.TARGET_SECONDS_MIN, thresholds.TARGET_SECONDS_MAX),
        "brief": thresholds.BRIEF_SECONDS,
        "hesitation": thresholds.HESITATION_SECONDS,
        "long_pause": thresholds.LONG_PAUSE_SECONDS,
        "has_audio": _recording(attempt) is not None,
    }
    if attempt.status == Status.DONE:
        report = practice_selectors.report_for(attempt)
        context.update(report=report, marked=highlighted(attempt.text, report))
    return render(request, "coaching/coach_attempt.html", context)


def _recording(attempt: Attempt) -> Path | None:
    if not attempt.audio:
        return None
    path = recordings_dir() / attempt.audio
    return path if path.is_file() else None


@require_safe
def coach_attempt_audio(request: HttpRequest, pk: int) -> FileResponse:
    """The recording of a shared attempt, through the same check as its page (whose opening
    is what the audit log records)."""
    attempt = access.item_get(_coach(request), Area.PRACTICE, pk)
    assert isinstance(attempt, Attempt)
    path = _recording(attempt)
    if path is None:
        raise NotFound(access.NOTHING_HERE)
    return FileResponse(path.open("rb"))  # FileResponse closes it


@require_safe
def coach_round(request: HttpRequest, pk: int) -> HttpResponse:
    _, round_ = _read(request, Area.ROUNDS, pk)
    assert isinstance(round_, Round)
    now = timezone.now()
    carry = interview_selectors.carry_forward(round_=round_)
    rp = prep_selectors.round_plan(carry=carry, now=now)
    past = interview_selectors.round_is_past(round_, now)
    context = {
        "area": Area.ROUNDS,
        "item": round_,
        "round": round_,
        "rp": rp,
        "plan": prep_selectors.plan_sections(rp, past=past),
        "brief": brief_selectors.round_brief(round_=round_, now=now),
        "read_only": True,
    }
    return render(request, "coaching/coach_round.html", context)


@require_safe
def coach_fit(request: HttpRequest, pk: int) -> HttpResponse:
    _, opportunity = _read(request, Area.FIT, pk)
    assert isinstance(opportunity, Opportunity)
    view = decision_selectors.fit_view(opportunity=opportunity)
    context = {
        "area": Area.FIT,
        "item": opportunity,
        "opportunity": opportunity,
        "view": view,
        "rows": [(row, None, None) for row in view.rows],
        "read_only": True,
    }
    return render(request, "coaching/coach_fit.html", context)
