"""Commands for running nextround as a shared server."""

from __future__ import annotations

import click

from nextround.cli.base import EXIT_FAILED, fail, main, setup_django


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
