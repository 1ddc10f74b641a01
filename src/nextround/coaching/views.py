"""Joining with an invitation, inviting someone, setting a password from a handed-over link,
comments and their replies, and a coach setting practice. Every form works without a script; a
POST that worked answers 303."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from nextround.coaching import access, assignments, comments, services
from nextround.coaching.forms import AssignForm, CommentForm, InviteForm, JoinForm, ReplyForm
from nextround.coaching.models import Area, Assignment, Comment, Role
from nextround.core.web import owner_of, page, see_other, submit
from nextround.errors import NotFound


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


# --- comments ------------------------------------------------------------------------------

#: Where an item's candidate reads it; the page a comment form sends them back to when the
#: form carried no usable address.
ITEM_PAGES = {
    Area.STORIES: "story_detail",
    Area.PRACTICE: "practice_attempt",
    Area.ROUNDS: "round_detail",
    Area.FIT: "fit",
}


def _safe_next(request: HttpRequest) -> str:
    """The page the form was on (``next``) when it is an address on this site, else ""."""
    target = request.POST.get("next", "")
    safe = (
        target.startswith("/")
        and target.isprintable()
        and url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
    )
    return target if safe else ""


def _to_thread(request: HttpRequest, comment: Comment, *, folded: bool = False) -> HttpResponse:
    """Back to the page the form was on, at the thread (at the comments when it was just
    folded away: a browser opens a fold to show the element an address points at); without a
    usable address, to the item's own page for its candidate and the dashboard for others."""
    back = _safe_next(request)
    if not back and comment.candidate_id == owner_of(request).pk:
        back = reverse(ITEM_PAGES[Area(comment.area)], args=[comment.item_id])
    back = back.partition("#")[0] or reverse("dashboard")
    anchor = "comments" if folded else f"comment-{comment.parent_id or comment.pk}"
    return see_other(f"{back}#{anchor}")


def _comment_page(request: HttpRequest, form: forms.Form, action: str, what: str) -> HttpResponse:
    """A form that came back with errors, on a page of its own, to correct and send again."""
    context = {
        "form": form,
        "action": action,
        "what": what,
        "next": request.POST.get("next", ""),
        "back": _safe_next(request),
    }
    return page(request, "coaching/comment_form.html", context, form)


@require_POST
def comment_add(request: HttpRequest) -> HttpResponse:
    author = owner_of(request)
    form = CommentForm(request.POST)
    form.is_valid()
    if {"area", "item_id"} <= form.cleaned_data.keys():
        # What is not the author's to see is not found, however the rest of the form reads.
        access.item_get(author, Area(form.cleaned_data["area"]), form.cleaned_data["item_id"])

    def add() -> Comment:
        data = form.cleaned_data
        return comments.comment_add(
            author=author,
            area=Area(data["area"]),
            item_id=data["item_id"],
            body=data["body"],
            at_seconds=data["at"],
            quote=data["quote"],
            now=timezone.now(),
        )

    if (made := submit(form, add)) is not None:
        return _to_thread(request, made)
    return _comment_page(request, form, reverse("comment_add"), "Your comment")


@require_POST
def comment_reply(request: HttpRequest, pk: int) -> HttpResponse:
    author = owner_of(request)
    comments.thread_get(author, pk)  # not found before any word of the form is read
    form = ReplyForm(request.POST)

    def reply() -> Comment:
        return comments.comment_reply(
            author=author, comment_id=pk, body=form.cleaned_data["body"], now=timezone.now()
        )

    if (made := submit(form, reply)) is not None:
        return _to_thread(request, made)
    return _comment_page(request, form, reverse("comment_reply", args=[pk]), "Your reply")


@require_POST
def comment_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    root = comments.comment_resolve(user=owner_of(request), comment_id=pk, now=timezone.now())
    return _to_thread(request, root, folded=True)


@require_POST
def comment_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    root = comments.comment_resolve(
        user=owner_of(request), comment_id=pk, now=timezone.now(), reopen=True
    )
    return _to_thread(request, root)


# --- assigned practice ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    """A coach sets practice for a candidate who shares something with them."""
    coach = owner_of(request)
    candidate = assignments.candidate_get(coach, pk)
    form = AssignForm(request.POST if request.method == "POST" else None)

    def set_practice() -> Assignment:
        return assignments.assignment_create(
            coach=coach,
            candidate_id=candidate.pk,
            questions=form.cleaned_data["questions"].splitlines(),
            due_on=form.cleaned_data["due_on"],
            now=timezone.now(),
        )

    if request.method == "POST" and (made := submit(form, set_practice)) is not None:
        messages.success(
            request,
            f"Practice set for {candidate.get_username()}: due {made.due_on:%A %d %B %Y}.",
        )
        return see_other("assign", candidate.pk)
    context = {
        "form": form,
        "candidate": candidate,
        "assignments": assignments.assignments_set(coach, candidate),
    }
    return page(request, "coaching/assign.html", context, form)
