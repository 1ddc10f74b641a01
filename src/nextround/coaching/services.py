"""Accounts on a shared server: adding them, inviting people, handing over a password reset,
and switching an account off. Web views and the ``nextround user`` commands call these."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from nextround.coaching import access
from nextround.coaching.models import (
    Area,
    AuditAction,
    AuditEntry,
    Invitation,
    LastRead,
    Member,
    Role,
    Share,
)
from nextround.core.models import Owned
from nextround.errors import Invalid, NotFound

_ROLE = "_nextround_role"  # role_of's answer, on the User instance it was asked about
NOT_VALID = "This invitation is not valid: it was used, it expired or the code is wrong."
#: How long an invitation code can be used.
INVITATION_LIFETIME = timedelta(days=7)


def role_of(user: User) -> Role:
    """A superuser administers; an account with no role written down is a candidate."""
    if user.is_superuser:
        return Role.ADMIN
    # A role is written once, with the account: kept on the instance, which a request loads
    # afresh, so the menu and the view of one page ask the database once between them.
    known: Role | None = user.__dict__.get(_ROLE)
    if known is None:
        member = Member.objects.filter(user=user).first()
        known = user.__dict__[_ROLE] = Role(member.role) if member else Role.CANDIDATE
    return known


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().encode("utf-8")).hexdigest()


def _checked_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise Invalid(" ".join(exc.messages), {"password1": list(exc.messages)}) from None


def _username_free(username: str) -> str:
    name = username.strip()
    if not name:
        raise Invalid("Give a user name.", {"username": ["Give a user name."]})
    if User.objects.filter(username__iexact=name).exists():
        message = f"The user name “{name}” is taken."
        raise Invalid(message, {"username": [message]})
    return name


@transaction.atomic
def user_add(*, username: str, password: str, role: Role, email: str = "") -> User:
    """A new account with ``role``; the password must pass Django's validators."""
    user = User(username=_username_free(username), email=email.strip())
    _checked_password(password, user)
    user.set_password(password)
    user.save()
    Member.objects.create(user=user, role=role)
    return user


def may_invite_as(mine: Role, role: Role) -> bool:
    """Administrators invite anyone; coaches invite candidates; candidates nobody."""
    return mine == Role.ADMIN or (mine == Role.COACH and role == Role.CANDIDATE)


def may_invite(inviter: User | None, role: Role) -> bool:
    """The command line (no inviter) acts as an administrator."""
    return inviter is None or may_invite_as(role_of(inviter), role)


@dataclass(frozen=True)
class NewInvitation:
    invitation: Invitation
    code: str  # shown once; only its hash is stored

    @property
    def path(self) -> str:
        return reverse("join", args=[self.code])


def invite(*, by: User | None, role: Role, email: str, now: datetime) -> NewInvitation:
    if not may_invite(by, role):
        raise Invalid(f"Only an administrator can invite a {role.label.lower()}.")
    code = secrets.token_urlsafe(18)
    invitation = Invitation.objects.create(
        code_hash=_hash(code),
        email=email.strip(),
        role=role,
        invited_by=by,
        created_at=now,
        expires_at=now + INVITATION_LIFETIME,
    )
    return NewInvitation(invitation=invitation, code=code)


def invitation_for(code: str, *, now: datetime) -> Invitation:
    """The open invitation with this code; one used or expired is not found, with no hint
    which of the three it was."""
    invitation = Invitation.objects.filter(
        code_hash=_hash(code), used_at__isnull=True, expires_at__gt=now
    ).first()
    if invitation is None:
        raise NotFound(
            "This invitation is not valid: it was used, it expired or the code is wrong."
        )
    return invitation


@transaction.atomic
def invitation_accept(*, code: str, username: str, password: str, now: datetime) -> User:
    invitation = invitation_for(code, now=now)
    # Taken under a row lock, so one code cannot open two accounts. A plain lock, not
    # core.services.lock_for_write: no write takes an invitation's row after renewing a stamp,
    # and renewing the inviter's stamp here would come before everyone's (the new account
    # renews that), the reverse of the order one write renews both in.
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.used_at is not None:
        raise NotFound(
            "This invitation is not valid: it was used, it expired or the code is wrong."
        )
    user = user_add(
        username=username, password=password, role=Role(invitation.role), email=invitation.email
    )
    invitation.used_by, invitation.used_at = user, now
    invitation.save(update_fields=["used_by", "used_at"])
    return user


def user_get(username: str) -> User:
    user = User.objects.filter(username__iexact=username.strip()).first()
    if user is None:
        raise NotFound(f"No account named “{username}”.")
    return user


def user_deactivate(username: str) -> User:
    """Sign-in stops and open sessions end (Django drops an inactive account's sessions on the
    next request); the account's data stays until it is deleted."""
    user = user_get(username)
    user.is_active = False
    user.save(update_fields=["is_active"])
    return user


def reset_path(username: str) -> str:
    """A one-time link to set a new password, for an administrator to hand over when no mail
    server is configured. It stops working once the password changes."""
    user = user_get(username)
    if not user.is_active:
        raise Invalid(f"{user.get_username()} is switched off; nothing to reset.")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("password_reset", args=[uid, default_token_generator.make_token(user)])


@dataclass(frozen=True)
class Account:
    username: str
    email: str
    role: Role
    active: bool
    last_login: datetime | None


def accounts() -> list[Account]:
    members = {m.user_id: Role(m.role) for m in Member.objects.all()}
    return [
        Account(
            username=u.username,
            email=u.email,
            role=Role.ADMIN if u.is_superuser else members.get(u.pk, Role.CANDIDATE),
            active=u.is_active,
            last_login=u.last_login,
        )
        for u in User.objects.order_by("username")
    ]


def _label(area: Area, item_id: int | None, candidate: User) -> str:
    if item_id is None:
        return f"all {area.label.lower()}"
    item = access.item_get(candidate, area, item_id)
    return f"{area.label.lower()}: {item}"[:200]


@transaction.atomic
def share(
    *, candidate: User, coach_name: str, area: Area, item_id: int | None, now: datetime
) -> Share:
    """Let a coach see an area, or one item of it. Sharing what is already shared changes
    nothing; only the candidate's own items can be shared, and only with an active coach."""
    coach = User.objects.filter(username__iexact=coach_name.strip(), is_active=True).first()
    if coach is None or role_of(coach) not in (Role.COACH, Role.ADMIN) or coach == candidate:
        message = f"No coach named “{coach_name.strip()}” on this server."
        raise Invalid(message, {"coach": [message]})
    label = _label(area, item_id, candidate)  # NotFound unless the item is the candidate's
    made, created = Share.objects.get_or_create(
        candidate=candidate, coach=coach, area=area, item_id=item_id, defaults={"created_at": now}
    )
    if created:
        _audit(
            candidate, candidate, AuditAction.SHARED, area, item_id, f"{label} with {coach}", now
        )
    return made


@transaction.atomic
def revoke(*, candidate: User, share_id: int, now: datetime) -> None:
    """Take a share back; the coach's next request no longer finds what it covered."""
    given = Share.objects.filter(candidate=candidate, pk=share_id).select_related("coach").first()
    if given is None:
        raise NotFound(access.NOTHING_HERE)
    area = Area(given.area)
    label = (
        _label(area, given.item_id, candidate) if _exists(candidate, area, given.item_id) else ""
    )
    _audit(
        candidate,
        candidate,
        AuditAction.REVOKED,
        area,
        given.item_id,
        f"{label or area.label.lower()} from {given.coach}",
        now,
    )
    given.delete()


def _exists(candidate: User, area: Area, item_id: int | None) -> bool:
    model = access.AREA_MODELS[area]
    return item_id is None or model._default_manager.filter(owner=candidate, pk=item_id).exists()


def record_read(
    *, viewer: User, item: Owned, area: Area, now: datetime, action: AuditAction = AuditAction.READ
) -> None:
    """Log that someone other than the owner opened an item (or, with ``action``, commented on
    it), for the owner to see; the owner's own doings are not logged."""
    owner_id: int = item.owner_id
    if viewer.pk == owner_id:
        return
    AuditEntry.objects.create(
        candidate_id=owner_id,
        actor=viewer,
        action=action,
        area=area,
        item_id=item.pk,
        label=f"{area.label.lower()}: {item}"[:200],
        at=now,
    )
    if action == AuditAction.READ:
        _last_read_move(viewer, owner_id, area, item.pk, now)


def _last_read_move(
    coach: User, candidate_id: int, area: Area, item_id: int, now: datetime
) -> None:
    """Keep ``LastRead`` the newest read: one UPDATE once the row exists. Of two first reads
    at once, the second insert is dropped and the first's moment stands."""
    moved = LastRead.objects.filter(coach=coach, area=area, item_id=item_id).update(
        at=Greatest(F("at"), Value(now))
    )
    if not moved:
        LastRead.objects.bulk_create(
            [LastRead(coach=coach, candidate_id=candidate_id, area=area, item_id=item_id, at=now)],
            ignore_conflicts=True,
        )


def _audit(
    candidate: User,
    actor: User,
    action: AuditAction,
    area: Area,
    item_id: int | None,
    label: str,
    now: datetime,
) -> None:
    AuditEntry.objects.create(
        candidate=candidate,
        actor=actor,
        action=action,
        area=area,
        item_id=item_id,
        label=label[:200],
        at=now,
    )
