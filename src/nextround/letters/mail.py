"""A draft handed to the candidate's own mail program: a ``.eml`` file marked unsent, which mail
programs open for editing, and a ``mailto:`` link when it is short enough to work everywhere.
Nothing here sends mail."""

from __future__ import annotations

import email.policy
import re
from datetime import UTC, datetime
from email.errors import HeaderParseError, MessageError
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

import msgspec

from nextround.errors import Invalid
from nextround.letters.model import Draft

# Longer links are cut or refused by some browsers and mail programs.
MAILTO_LIMIT = 2000
_SPACE = re.compile(r"\s+")


class Mailbox(msgspec.Struct, frozen=True):
    name: str
    email: str


def address(box: Mailbox, role: str) -> Address:
    """The mailbox as a header address; ``Invalid`` naming ``role`` when it is not one."""
    name = _SPACE.sub(" ", box.name).strip()
    spec = box.email.strip()
    if not spec or "@" not in spec or _SPACE.search(spec):
        raise Invalid(
            f"The {role} address {spec!r} is not an email address.",
            {role: ["Enter an email address."]},
        )
    try:
        return Address(display_name=name, addr_spec=spec)
    except (MessageError, HeaderParseError, ValueError, IndexError) as error:
        raise Invalid(
            f"The {role} address {spec!r} is not an email address.",
            {role: ["Enter an email address."]},
        ) from error


def eml_bytes(
    draft: Draft, to: Mailbox | None, sender: Mailbox | None, *, now: datetime | None = None
) -> bytes:
    """The draft as an RFC 5322 message, UTF-8, with CRLF line ends, marked ``X-Unsent: 1``.
    Without an address for the interviewer (or the candidate) the header is left out, for the
    candidate to fill in their mail program."""
    message = EmailMessage(policy=email.policy.SMTP)
    domain = "nextround.invalid"
    if sender is not None:
        from_address = address(sender, "from")
        message["From"] = from_address
        domain = from_address.domain or domain
    if to is not None:
        message["To"] = address(to, "to")
    message["Subject"] = _SPACE.sub(" ", draft.subject).strip()
    message["Date"] = format_datetime(now or datetime.now(UTC))
    # The sender's own domain: make_msgid would otherwise ask the network for this host's name.
    message["Message-ID"] = make_msgid(domain=domain)
    message["X-Unsent"] = "1"
    message.set_content(draft.body, charset="utf-8")
    return message.as_bytes(policy=email.policy.SMTP)


def mailto_link(draft: Draft, to: Mailbox | None, *, limit: int = MAILTO_LIMIT) -> str | None:
    """A ``mailto:`` link (RFC 6068) with subject and body, addressed when ``to`` is given; None
    when longer than ``limit`` characters, when the file is the way to go."""
    spec = address(to, "to").addr_spec if to is not None else ""
    body = draft.body.replace("\r\n", "\n").replace("\n", "\r\n")
    link = (
        f"mailto:{quote(spec, safe='@')}"
        f"?subject={quote(_SPACE.sub(' ', draft.subject).strip(), safe='')}"
        f"&body={quote(body, safe='')}"
    )
    return link if len(link) <= limit else None
