"""Commands for running nextround as a shared server."""

from __future__ import annotations

import click

from nextround.cli.base import (
    EXIT_FAILED,
    WALL_CLOCK,
    fail,
    main,
    print_json,
    print_table,
    ready_database,
    setup_django,
)


@main.command("check")
@click.option(
    "--deploy",
    is_flag=True,
    help="Also run Django's deployment checks (cookies, HTTPS, hosts, debug, secret).",
)
def check_command(*, deploy: bool) -> None:
    """Check the configuration; exit status 1 when anything needs fixing.

    With --deploy, run it with the settings the shared server runs with (NEXTROUND_MODE=server
    and the variables docs/settings.md lists under "A shared server")."""
    setup_django()
    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=deploy, fail_level="WARNING")
    except SystemCheckError as exc:
        fail(f"the checks found problems:\n{exc}", status=EXIT_FAILED)
    if deploy and not settings.APP.server_mode:
        fail(
            "the deployment checks passed, but NEXTROUND_MODE is not 'server': "
            "local mode signs its one account in without a password.",
            status=EXIT_FAILED,
        )
    click.echo("No problems found." + (" Ready to serve as a shared server." if deploy else ""))


ROLES = ("candidate", "coach", "admin")


@main.group()
def user() -> None:
    """Accounts on a shared server: add, list, invite, reset a password, switch off."""


@user.command("add")
@click.argument("username")
@click.option("--role", type=click.Choice(ROLES), default="candidate", show_default=True)
@click.option("--email", default="", help="Their e-mail address.")
@click.password_option(help="Asked for when not given (twice, hidden).")
def user_add(username: str, role: str, email: str, password: str) -> None:
    """Add an account with a password that passes the password rules."""
    ready_database()
    from nextround.coaching import services
    from nextround.coaching.models import Role

    made = services.user_add(username=username, password=password, role=Role(role), email=email)
    click.echo(f"Added {made.username} as {Role(role).label.lower()}.")


@user.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
def user_list(*, as_json: bool) -> None:
    """Every account with its role, whether it can sign in, and its last sign-in."""
    ready_database()
    from nextround.coaching import services

    rows = services.accounts()
    if as_json:
        print_json(
            [
                {
                    "username": a.username,
                    "email": a.email,
                    "role": a.role.value,
                    "active": a.active,
                    "last_login": a.last_login.isoformat() if a.last_login else None,
                }
                for a in rows
            ]
        )
        return
    print_table(
        ("user", "role", "active", "last sign-in"),
        [
            (
                a.username,
                a.role.value,
                "yes" if a.active else "no",
                a.last_login.strftime(WALL_CLOCK) if a.last_login else "never",
            )
            for a in rows
        ],
    )


@user.command("invite")
@click.option("--role", type=click.Choice(ROLES), default="candidate", show_default=True)
@click.option("--email", default="", help="Whom it is for (shown on the invitation).")
@click.option("--site", default="", help="The site's address, to print a whole link.")
def user_invite(role: str, email: str, site: str) -> None:
    """Print a one-time invitation link, valid for seven days, to hand over."""
    ready_database()
    from django.utils import timezone

    from nextround.coaching import services
    from nextround.coaching.models import Role

    made = services.invite(by=None, role=Role(role), email=email, now=timezone.now())
    click.echo(f"{site.rstrip('/')}{made.path}")


@user.command("reset")
@click.argument("username")
@click.option("--site", default="", help="The site's address, to print a whole link.")
def user_reset(username: str, site: str) -> None:
    """Print a one-time link that sets a new password, for when no mail server is set up."""
    ready_database()
    from nextround.coaching import services

    click.echo(f"{site.rstrip('/')}{services.reset_path(username)}")


@user.command("deactivate")
@click.argument("username")
def user_deactivate(username: str) -> None:
    """Stop an account signing in; its data stays."""
    ready_database()
    from nextround.coaching import services

    done = services.user_deactivate(username)
    click.echo(f"{done.username} can no longer sign in.")


@user.command("delete")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def user_delete(username: str, *, yes: bool) -> None:
    """Delete an account and everything in it, recordings included; it cannot be undone
    (export the workspace first to keep a copy)."""
    ready_database()
    from nextround.coaching import services
    from nextround.workspace.services import account_delete

    account = services.user_get(username)
    if not yes:
        click.confirm(
            f"Delete {account.username} and everything in it? This cannot be undone.", abort=True
        )
    account_delete(owner=account)
    click.echo(f"{account.username} and everything in it are deleted.")
