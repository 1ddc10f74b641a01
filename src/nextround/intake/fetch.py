"""The product's one web fetcher, guarded. Every fetch from the network (a posting's address, a
news feed, a news page) goes through :func:`fetch_bytes`; :func:`fetch_url` reads a posting
from what it brings back:

- http(s) only, redirects included;
- no address inside this computer or a private network: the host name is resolved, every
  address it gives is checked (loopback, private, shared/CGNAT, link-local, multicast, reserved
  and unspecified, IPv4 and IPv6, mapped and embedded forms included), and the connection is
  made to the checked address itself, so a second lookup can't switch it (DNS rebinding). The
  original host name still goes out as the Host header and the TLS server name. Every redirect
  opens a new connection and is checked the same way. A refused address gets the same message
  whatever listens there, so the fetcher can't be used to scan ports. Hosts named in the
  allow-list (``NEXTROUND_FETCH_ALLOW_HOSTS``) are exempt, for postings or feeds served locally;
- one deadline for the whole fetch (name lookups, connections, redirects, every byte), so a
  server that drips its answer can't hold the calling thread longer than that;
- a size limit checked against the declared length and again while reading;
- network failures turned into messages the candidate can act on.

No proxy is used: a proxy would make its own connections, past the address check.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Collection
from http.client import HTTPConnection, HTTPException, HTTPMessage, HTTPSConnection
from typing import IO, Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import (
    HTTPHandler,
    HTTPRedirectHandler,
    HTTPSHandler,
    ProxyHandler,
    Request,
    build_opener,
)

import msgspec

from nextround import __version__
from nextround.errors import Invalid
from nextround.intake.decode import parse_content_type, sniff
from nextround.intake.limits import MAX_BYTES, check_size
from nextround.intake.read import ACCEPTED, MIME_TYPES, Document, read_document

USER_AGENT = f"nextround/{__version__} (fetches what its user asks for; runs on their computer)"

#: Seconds a whole fetch may take, redirects and the last byte included.
DEADLINE = 20.0

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # IPv4 addresses reached through a NAT64 gateway


class Fetched(msgspec.Struct, frozen=True):
    """What a fetch brought back, before it is read: the bytes, the address after redirects and
    the declared ``Content-Type`` (empty when the server gave none)."""

    data: bytes
    url: str
    content_type: str


def fetch_url(
    url: str,
    *,
    deadline: float = DEADLINE,
    max_bytes: int = MAX_BYTES,
    allow_hosts: Collection[str] = (),
) -> Document:
    """Download a posting over http(s) and read it. ``source`` is the address after redirects.

    ``allow_hosts`` names hosts (as written in an address: a name, or an IP address) that may be
    inside this computer or a private network. The request runs on the candidate's own machine
    with a plain User-Agent naming nextround.
    """
    fetched = fetch_bytes(url, deadline=deadline, max_bytes=max_bytes, allow_hosts=allow_hosts)
    mime, charset = parse_content_type(fetched.content_type)
    fmt = MIME_TYPES.get(mime) or sniff(fetched.data)
    if fmt is None:
        kind = mime or "content of an unknown type"
        raise Invalid(f"{url.strip()} returned {kind}; nextround reads {ACCEPTED}.")
    return read_document(fetched.url, fetched.data, fmt, charset)


def fetch_bytes(
    url: str,
    *,
    deadline: float = DEADLINE,
    max_bytes: int = MAX_BYTES,
    allow_hosts: Collection[str] = (),
    accept: str = "*/*",
) -> Fetched:
    """Download whatever is at ``url`` with every guard of :func:`fetch_url`, leaving the
    reading to the caller (a feed, a news page). ``accept`` is the Accept header sent."""
    url = url.strip()
    _check_web_address(url)
    guard = _Guard(time.monotonic() + deadline, _AllowList(allow_hosts))
    opener = build_opener(
        ProxyHandler({}),
        _WebOnlyRedirects(),
        _GuardedHTTPHandler(guard),
        _GuardedHTTPSHandler(guard),
    )
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
    try:
        with opener.open(request, timeout=deadline) as response:
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
        raise Invalid(f"Couldn't fetch {url}: {_network_reason(exc.reason, deadline)}.") from exc
    except (HTTPException, OSError, ValueError) as exc:
        raise Invalid(f"Couldn't fetch {url}: {_network_reason(exc, deadline)}.") from exc
    return Fetched(data=data, url=final_url, content_type=headers.get("Content-Type", ""))


def is_public_address(address: IPAddress) -> bool:
    """Whether an address is on the public internet (not this machine, not a private network).

    IPv6 forms that carry an IPv4 address (mapped, 6to4, Teredo, NAT64) are judged by it too.
    """
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return is_public_address(address.ipv4_mapped)
        if address in _NAT64:  # inside ::/8, reserved; what counts is the IPv4 address
            return is_public_address(ipaddress.IPv4Address(int(address) & 0xFFFFFFFF))
        embedded = [address.sixtofour, *(address.teredo or ())]
        if any(v4 is not None and not is_public_address(v4) for v4 in embedded):
            return False
        if address.is_site_local:
            return False
    return address.is_global and not (
        address.is_multicast
        or address.is_private
        or address.is_loopback
        or address.is_link_local
        or address.is_reserved
        or address.is_unspecified
    )


class _Refused(OSError):
    """An address inside this computer or a private network that isn't allowed."""

    def __init__(self, host: str) -> None:
        super().__init__(
            f"{host} is inside this computer or a private network, and nextround fetches only "
            "public web addresses (NEXTROUND_FETCH_ALLOW_HOSTS can name a host to allow)"
        )


class _AllowList:
    """Hosts exempt from the address check, matched as written in the address: names by their
    lower-case spelling, IP addresses by value (``[::1]`` and ``0:0::1`` are the same)."""

    def __init__(self, hosts: Collection[str]) -> None:
        self.names: set[str] = set()
        self.addresses: set[IPAddress] = set()
        for entry in hosts:
            host = entry.strip().strip("[]").lower().rstrip(".")
            address = _ip(host)
            if address is None:
                self.names.add(host)
            else:
                self.addresses.add(address)

    def __contains__(self, host: str) -> bool:
        host = host.strip("[]").lower().rstrip(".")
        address = _ip(host)
        return host in self.names if address is None else address in self.addresses


def _ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.split("%", 1)[0])  # an IPv6 zone (%eth0) aside
    except ValueError:
        return None


class _Guard:
    """One fetch's deadline and allow-list; opens every connection the fetch makes."""

    def __init__(self, deadline: float, allow: _AllowList) -> None:
        self.deadline = deadline
        self.allow = allow
        self.tls = ssl.create_default_context()
        self.tls.sslsocket_class = _DeadlineSSLSocket

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the fetch ran out of time")
        return left

    def connect(self, host: str, port: int) -> socket.socket:
        """A socket connected to a checked address of ``host``."""
        candidates = self._resolve(host, port)
        allowed = host in self.allow
        if not allowed and any(not is_public_address(_address(c[4])) for c in candidates):
            raise _Refused(host)
        error: OSError | None = None
        for family, kind, proto, _name, sockaddr in candidates:
            sock = _DeadlineSocket(family, kind, proto)
            sock.deadline = self.deadline
            try:
                sock.settimeout(self.remaining())
                sock.connect(sockaddr)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock
        raise error or OSError(f"no address found for {host}")

    def wrap(self, sock: socket.socket, host: str) -> socket.socket:
        """TLS over ``sock``, checked against the host name (which also goes out as SNI)."""
        sock.settimeout(self.remaining())  # bounds the handshake
        wrapped = self.tls.wrap_socket(sock, server_hostname=host)
        assert isinstance(wrapped, _DeadlineSSLSocket)
        wrapped.deadline = self.deadline
        return wrapped

    def _resolve(self, host: str, port: int) -> list[Any]:
        """getaddrinfo, within the deadline: it can't be interrupted, so it runs in a thread
        of its own that is left to finish on its own when time is up."""
        found: list[Any] = []
        failure: list[BaseException] = []

        def look_up() -> None:
            try:
                found.extend(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM))
            except BaseException as exc:  # handed to the waiting thread
                failure.append(exc)

        worker = threading.Thread(target=look_up, name="nextround-fetch-lookup", daemon=True)
        worker.start()
        worker.join(self.remaining())
        if worker.is_alive():
            raise TimeoutError("the host name lookup ran out of time")
        if failure:
            raise failure[0]
        return found


def _address(sockaddr: tuple[Any, ...]) -> IPAddress:
    address = _ip(str(sockaddr[0]))
    if address is None:  # getaddrinfo gives numeric addresses; anything else is refused
        return ipaddress.IPv4Address(0)
    return address


class _DeadlineMixin:
    """Each read or write may wait only for what is left of the fetch's deadline."""

    deadline: float | None = None

    def _arm(self) -> None:
        if self.deadline is not None:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("the fetch ran out of time")
            self.settimeout(left)  # type: ignore[attr-defined]

    def recv(self, *args: Any) -> bytes:
        self._arm()
        return super().recv(*args)  # type: ignore[misc,no-any-return]

    def recv_into(self, *args: Any) -> int:
        self._arm()
        return super().recv_into(*args)  # type: ignore[misc,no-any-return]

    def sendall(self, *args: Any) -> None:
        self._arm()
        super().sendall(*args)  # type: ignore[misc]


class _DeadlineSocket(_DeadlineMixin, socket.socket):
    pass


class _DeadlineSSLSocket(_DeadlineMixin, ssl.SSLSocket):
    pass


class _GuardedHTTPConnection(HTTPConnection):
    def __init__(self, host: str, *, guard: _Guard, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.guard = guard

    def connect(self) -> None:
        self.sock = self.guard.connect(self.host, self.port)


class _GuardedHTTPSConnection(HTTPSConnection):
    def __init__(self, host: str, *, guard: _Guard, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self.guard = guard

    def connect(self) -> None:
        self.sock = self.guard.wrap(self.guard.connect(self.host, self.port), self.host)


class _GuardedHTTPHandler(HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: Request) -> Any:
        return self.do_open(functools.partial(_GuardedHTTPConnection, guard=self.guard), req)


class _GuardedHTTPSHandler(HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: Request) -> Any:
        return self.do_open(functools.partial(_GuardedHTTPSConnection, guard=self.guard), req)


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


def _check_web_address(url: str) -> None:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 -- raises ValueError for a port out of range
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


def _network_reason(reason: object, deadline: float) -> str:
    if isinstance(reason, _Refused):
        return str(reason)
    if isinstance(reason, ConnectionRefusedError):
        return "the connection was refused (is the address right, and the site up?)"
    if isinstance(reason, socket.gaierror):
        return "the host name couldn't be found (check the address and your connection)"
    if isinstance(reason, TimeoutError):
        return f"no complete answer within {deadline:g} second{'' if deadline == 1 else 's'}"
    if isinstance(reason, ssl.SSLError):
        return "the secure connection failed (certificate or TLS problem)"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__
