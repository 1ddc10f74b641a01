"""Handing a draft to the candidate's mail program (nextround.letters.mail): an .eml file that
parses back with Python's email package, and a mailto: link when it is short enough."""

from __future__ import annotations

import email
import email.policy
from datetime import UTC, datetime
from email.message import EmailMessage
from urllib.parse import parse_qs, unquote, urlsplit

import msgspec
import pytest

from nextround.errors import Invalid
from nextround.letters import MAILTO_LIMIT, Draft, Mailbox, draft_thanks, eml_bytes, mailto_link
from tests.letters.helpers import CANDIDATE, PANEL

SENDER = Mailbox("Sam Rivera", "sam@example.org")
ZOE = Mailbox("Zoë Ångström", "zoe@acme.example")
LI = Mailbox("李娜", "li.na@acme.example")


def _draft(i: int = 0) -> Draft:
    draft = draft_thanks(CANDIDATE, PANEL)[i]
    assert isinstance(draft, Draft)
    return draft


def _parse(raw: bytes) -> EmailMessage:
    message = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.mark.parametrize(("i", "to"), [(0, ZOE), (1, LI)])
def test_eml_parses_back_with_names_subject_and_body(i: int, to: Mailbox) -> None:
    draft = _draft(i)
    moment = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)
    raw = eml_bytes(draft, to, SENDER, now=moment)
    assert raw.isascii()  # the UTF-8 names and body are encoded
    assert all(len(line) <= 78 for line in raw.split(b"\r\n"))
    message = _parse(raw)
    (recipient,) = message["To"].addresses
    assert (recipient.display_name, recipient.addr_spec) == (to.name, to.email)
    (sender,) = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Sam Rivera", "sam@example.org")
    assert message["Subject"] == draft.subject
    assert message["X-Unsent"] == "1"
    assert message["Date"].datetime == moment
    assert message["Message-ID"].endswith("@example.org>")
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    # Mail carries CRLF line ends; the text is the draft's.
    assert message.get_content().replace("\r\n", "\n") == draft.body


def test_non_ascii_sender_and_subject_round_trip() -> None:
    draft = msgspec.structs.replace(_draft(), subject="Merci — 谢谢, Zoë")
    message = _parse(eml_bytes(draft, ZOE, Mailbox("李娜 Ångström", "li@example.org")))
    assert message["Subject"] == "Merci — 谢谢, Zoë"
    assert message["From"].addresses[0].display_name == "李娜 Ångström"


def test_line_breaks_in_names_cannot_add_headers() -> None:
    to = Mailbox("Zoë\r\nBcc: everyone@example.org", "zoe@acme.example")
    message = _parse(eml_bytes(_draft(), to, SENDER))
    assert message["Bcc"] is None
    assert message["To"].addresses[0].display_name == "Zoë Bcc: everyone@example.org"


@pytest.mark.parametrize("bad", ["", "zoe", "zoe at acme", "a@@b", "zoe@acme.example\nBcc: x@y"])
def test_a_bad_address_is_refused_with_a_message(bad: str) -> None:
    with pytest.raises(Invalid, match="not an email address"):
        eml_bytes(_draft(), Mailbox("Zoë", bad), SENDER)
    with pytest.raises(Invalid, match="not an email address"):
        mailto_link(_draft(), Mailbox("Zoë", bad))


def test_mailto_link_carries_subject_and_body() -> None:
    draft = _draft()
    link = mailto_link(draft, ZOE)
    assert link is not None
    assert len(link) <= MAILTO_LIMIT
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "zoe@acme.example"
    query = parse_qs(parts.query)
    assert query["subject"] == [draft.subject]
    assert query["body"] == [draft.body.replace("\n", "\r\n")]


def test_a_too_long_body_gives_no_mailto_link_but_still_a_file() -> None:
    draft = msgspec.structs.replace(_draft(), body="Zoë, " + "thank you again. " * 200)
    assert mailto_link(draft, ZOE) is None
    text = _parse(eml_bytes(draft, ZOE, SENDER)).get_content()
    assert text.replace("\r\n", "\n") == draft.body + "\n"  # a text part ends its last line
    assert mailto_link(_draft(), ZOE, limit=100) is None
