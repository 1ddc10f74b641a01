"""Joining with an invitation, inviting someone, and setting a password from a handed-over
link. Every form works without a script; a POST that worked answers 303."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from nextround.coaching import services
from nextround.coaching.forms import InviteForm, JoinForm
from nextround.coaching.models import Role
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
