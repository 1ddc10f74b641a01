"""Fetching a posting from the web, guarded: http(s) only, redirects included; a time limit;
a size limit checked against the declared length and again while reading; network failures
turned into messages the candidate can act on."""

from __future__ import annotations

import socket
import ssl
from http.client import HTTPException, HTTPMessage
from typing import IO
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, OpenerDirector, Request, build_opener

from nextround import __version__
from nextround.errors import Invalid
from nextround.intake.decode import parse_content_type, sniff
from nextround.intake.limits import MAX_BYTES, check_size
from nextround.intake.read import ACCEPTED, MIME_TYPES, Document, read_document

USER_AGENT = f"nextround/{__version__} (job posting reader; runs on the candidate's computer)"


def fetch_url(
    url: str,
    *,
    timeout: float = 15,
    max_bytes: int = MAX_BYTES,
    opener: OpenerDirector | None = None,
) -> Document:
    """Download a posting over http(s) and read it. ``source`` is the address after redirects.

    The request runs on the candidate's own machine with a plain User-Agent naming nextround.
    """
    url = url.strip()
    _check_web_address(url)
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with (opener or _default_opener()).open(request, timeout=timeout) as response:
            final_url: str = response.geturl()
            headers: HTTPMessage = response.headers
            check_size(url, _content_length(headers), max_bytes)
            data = _read_limited(url, response, max_bytes)
    except HTTPError as exc:
        exc.close()  # it holds the error page's open connection
        raise Invalid(
            f"Couldn't fetch {url}: the server answered {exc.code} {exc.reason}."
        ) from exc
    except URLError as exc:
        raise Invalid(f"Couldn't fetch {url}: {_network_reason(exc.reason, timeout)}.") from exc
    except (HTTPException, OSError, ValueError) as exc:
        raise Invalid(f"Couldn't fetch {url}: {_network_reason(exc, timeout)}.") from exc
    mime, charset = parse_content_type(headers.get("Content-Type", ""))
    fmt = MIME_TYPES.get(mime) or sniff(data)
    if fmt is None:
        kind = mime or "content of an unknown type"
        raise Invalid(f"{url} returned {kind}; nextround reads {ACCEPTED}.")
    return read_document(final_url, data, fmt, charset)


class _WebOnlyRedirects(HTTPRedirectHandler):
    """urllib follows redirects to ftp://; a posting link should stay on the web."""

    def redirect_request(
        self,
        req: Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: HTTPMessage,
        newurl: str,
    ) -> Request | None:
        try:
            _check_web_address(newurl)
        except Invalid:
            fp.close()  # urllib only closes the redirect response when it follows it
            raise
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _default_opener() -> OpenerDirector:
    return build_opener(_WebOnlyRedirects)


def _check_web_address(url: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise Invalid(f"{url} isn't a valid web address.") from exc
    if parts.scheme.lower() not in ("http", "https"):
        raise Invalid(f"Only http:// and https:// addresses can be fetched, not {url}.")
    if not parts.hostname:
        raise Invalid(f"{url} has no host name.")


def _content_length(headers: HTTPMessage) -> int:
    value = headers.get("Content-Length", "")
    return int(value) if value.strip().isdigit() else 0


def _read_limited(url: str, response: IO[bytes], max_bytes: int) -> bytes:
    """Read at most ``max_bytes + 1`` bytes: Content-Length may be missing or wrong."""
    chunks: list[bytes] = []
    total = 0
    while total <= max_bytes:
        chunk = response.read(min(64 * 1024, max_bytes + 1 - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    check_size(url, total, max_bytes)
    return b"".join(chunks)


def _network_reason(reason: object, timeout: float) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused (is the address right, and the site up?)"
    if isinstance(reason, socket.gaierror):
        return "the host name couldn't be found (check the address and your connection)"
    if isinstance(reason, TimeoutError):
        return f"no answer within {timeout:g} seconds"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed (certificate or TLS problem)"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__
