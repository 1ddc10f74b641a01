"""Load benchmark: the demo workspace served the way ``nextround serve`` serves it, with several
clients asking for the demo's round page at once.

Two ways of serving, as the product has them: server mode (``NEXTROUND_MODE=server``: gunicorn,
one web process per CPU core, 8 threads each; the clients sign in with a password and load the
demo with its button, as a person does) and local mode (waitress, one process, 8 threads; the
clients are signed in as the local user by their first request). ``--mode auto``, the default,
takes server mode when the code under test has it (``nextround.cli.gunicorn``) and local mode
otherwise, so a baseline from before server mode runs the way it served.

Bounded and local: the server listens on a free port of 127.0.0.1 only, in a fresh data folder
(or ``NEXTROUND_DATA_DIR`` when given, which must be empty), and stops when the clients are done.
The clients are threads of this process, each keeping one connection open, as a browser does.
Reported: requests a second, the median and p95 time a request took as a client saw it, and the
server's CPU time per request, all its processes together (read from /proc, so other processes
on the machine barely change it).

    .venv/bin/python benchmarks/load.py [--clients 8] [--seconds 20] [--mode auto] [--json PATH]

``benchmarks/compare.py`` runs it for a baseline commit and the working tree in the same run and
reports the ratio of their requests a second (target ≥ 3).
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

START_TIMEOUT_S = 120.0
WARM_UP_S = 3.0
# The CLI, started the way the ``nextround`` script starts it, with this interpreter and PYTHONPATH.
CLI = [sys.executable, "-c", "from nextround.cli import main; main()"]
# Server mode's account: the clients sign in with it.
USERNAME, PASSWORD = "load-bench", "harbour-lantern-71"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Browser:
    """One connection to the server, with the cookies its answers set, as a browser keeps them."""

    port: int
    cookies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str, str]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        try:
            response = self._send(method, path, body, headers)
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
            # The server closed a kept-alive connection left idle (gunicorn keeps one 2 s,
            # and the clients wait while the others sign in): a browser opens a new one and
            # sends again, and so does this client, once.
            self.connection.close()
            response = self._send(method, path, body, headers)
        text = response.read().decode("utf-8", errors="replace")
        for key, value in response.getheaders():
            if key.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name] = rest.split(";", 1)[0]
        return response.status, text, response.getheader("Location") or ""

    def _send(
        self, method: str, path: str, body: str | None, headers: dict[str, str]
    ) -> http.client.HTTPResponse:
        self.connection.request(method, path, body=body, headers=headers)
        return self.connection.getresponse()

    def get(self, path: str) -> tuple[int, str]:
        status, text, _ = self.request("GET", path)
        return status, text

    def post_form(self, page: str, action: str, fields: dict[str, str]) -> int:
        """Send the form of ``page`` that posts to ``action``, with its CSRF token."""
        _, text = self.get(page)
        token = CSRF.search(text)
        if token is None:
            raise SystemExit(f"{page} has no form.")
        status, _, _ = self.request("POST", action, {"csrfmiddlewaretoken": token[1], **fields})
        return status

    def sign_in(self, username: str = USERNAME, password: str = PASSWORD) -> None:
        status = self.post_form("/login/", "/login/", {"username": username, "password": password})
        if status not in (302, 303):
            raise SystemExit(f"Could not sign in as {username} (status {status}).")


@dataclass
class Client(Browser):
    """A client asking for one page again and again, timing the answers."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def run_until(self, path: str, deadline: float, record_after: float) -> None:
        while (now := time.perf_counter()) < deadline:
            try:
                status, _ = self.get(path)
            except (OSError, http.client.HTTPException):
                self.errors += 1
                self.connection.close()
                continue
            if now >= record_after:
                if status == 200:
                    self.latencies_ms.append((time.perf_counter() - now) * 1000)
                else:
                    self.errors += 1


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def server_cpu_seconds(pid: int) -> float:
    """User and system CPU time so far of a process and its children, gunicorn's web
    processes (Linux /proc)."""
    pids = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    pids.append(int(entry.name))
            except (OSError, IndexError):  # gone while we looked
                continue
    ticks = 0
    for each in pids:
        try:
            fields = _stat(each)
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"The server stopped before answering (exit {server.returncode}).")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"The server did not answer on port {port} within {START_TIMEOUT_S:.0f} s.")


def round_path(client: Client) -> str:
    """The demo's upcoming round (its panel), found the way a user finds it: on the dashboard
    and then the opportunity's page."""
    _, dashboard = client.get("/")
    opportunity = re.search(r'href="(/opportunities/\d+/)"', dashboard)
    page = client.get(opportunity.group(1))[1] if opportunity else dashboard
    rounds = sorted({int(pk) for pk in re.findall(r'href="/rounds/(\d+)/"', page)})
    if not rounds:
        raise SystemExit("Could not find the demo's round page.")
    return f"/rounds/{rounds[-1]}/"


@dataclass
class Outcome:
    path: str
    seconds: float
    requests: int
    errors: int
    latencies_ms: list[float]
    server_cpu_s: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def summary(self) -> dict[str, float]:
        ordered = sorted(self.latencies_ms) or [0.0]
        return {
            "rps": self.rps,
            "median_ms": statistics.median(ordered),
            "p95_ms": ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))],
            "server_cpu_ms_per_request": 1000 * self.server_cpu_s / max(1, self.requests),
        }


def signed_in(port: int, *, server: bool) -> Client:
    """A client signed in: with the password in server mode, by its first request (as the
    local user) in local mode."""
    client = Client(port)
    if server:
        client.sign_in()
    else:
        client.get("/")
    return client


def load_demo(port: int) -> None:
    """Server mode: the demo loaded with the button of the empty workspace's welcome page."""
    status = signed_in(port, server=True).post_form("/", "/welcome/demo/", {})
    if status not in (302, 303):
        raise SystemExit(f"Loading the demo answered {status}.")


def hammer(port: int, server_pid: int, args: argparse.Namespace, *, server: bool) -> Outcome:
    if server:
        load_demo(port)
    path = round_path(signed_in(port, server=server))
    crowd = [signed_in(port, server=server) for _ in range(args.clients)]
    seconds = args.seconds
    started = time.perf_counter()
    record_after = started + WARM_UP_S
    deadline = record_after + seconds
    cpu_before: list[float] = []
    threads = [
        threading.Thread(target=c.run_until, args=(path, deadline, record_after)) for c in crowd
    ]
    for thread in threads:
        thread.start()
    time.sleep(max(0.0, record_after - time.perf_counter()))
    cpu_before.append(server_cpu_seconds(server_pid))
    for thread in threads:
        thread.join()
    cpu = server_cpu_seconds(server_pid) - cpu_before[0]
    latencies = [ms for c in crowd for ms in c.latencies_ms]
    return Outcome(path, seconds, len(latencies), sum(c.errors for c in crowd), latencies, cpu)


def has_server_mode() -> bool:
    """Whether the code under test (first on PYTHONPATH) serves server mode with gunicorn."""
    return importlib.util.find_spec("nextround.cli.gunicorn") is not None


def prepare(env: dict[str, str], *, server: bool) -> list[str]:
    """Set up the data folder; the serve command's options."""
    if not server:
        subprocess.run([*CLI, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        return []
    env.update(NEXTROUND_MODE="server", NEXTROUND_ALLOWED_HOSTS="127.0.0.1")
    subprocess.run(
        [*CLI, "user", "add", USERNAME, "--password", PASSWORD],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return ["--workers", str(os.cpu_count() or 1)]


def run(args: argparse.Namespace, *, server: bool) -> Outcome:
    given = os.environ.get("NEXTROUND_DATA_DIR")
    data = Path(given) if given else Path(tempfile.mkdtemp(prefix="nextround-load-"))
    env = {**os.environ, "NEXTROUND_DATA_DIR": str(data), "NEXTROUND_DEBUG": "0"}
    env.pop("NEXTROUND_HOST", None)
    port = free_port()
    log = (data / "server.log").open("wb")
    server_process = None
    try:
        options = prepare(env, server=server)
        server_process = subprocess.Popen(
            [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), *options],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_up(port, server_process)
        return hammer(port, server_process.pid, args, server=server)
    finally:
        if server_process is not None:
            server_process.terminate()
            try:
                server_process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server_process.kill()
                server_process.wait()
        log.close()
        if not given:
            shutil.rmtree(data, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--seconds", type=float, default=20.0, help="timed seconds (20)")
    parser.add_argument(
        "--mode",
        choices=["auto", "server", "local"],
        default="auto",
        help="server: gunicorn, a web process per core; local: waitress; auto: server mode "
        "when the code has it (default)",
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results there")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be at least 1 and --seconds above 0")
    server = has_server_mode() if args.mode == "auto" else args.mode == "server"
    if server and not has_server_mode():
        parser.error("this code has no server mode (nextround.cli.gunicorn)")
    load = os.getloadavg()[0]
    outcome = run(args, server=server)
    figures = outcome.summary()
    mode = "server mode (gunicorn)" if server else "local mode (waitress)"
    print(
        f"{mode}, {outcome.path}: {args.clients} clients for {args.seconds:g} s "
        f"(after {WARM_UP_S:g} s of warm-up): {outcome.requests} requests, "
        f"{figures['rps']:.1f} a second, median "
        f"{figures['median_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, server CPU "
        f"{figures['server_cpu_ms_per_request']:.1f} ms a request, {outcome.errors} errors "
        f"(load average {load:.2f})"
    )
    if args.json:
        document = {
            "benchmark": "load",
            "mode": "server" if server else "local",
            "clients": args.clients,
            "seconds": args.seconds,
            "path": outcome.path,
            "errors": outcome.errors,
            "load_average": load,
            "latencies_ms": outcome.latencies_ms,
            **figures,
        }
        args.json.write_text(json.dumps(document), encoding="utf-8")
    return 1 if outcome.errors or not outcome.requests else 0


if __name__ == "__main__":
    sys.exit(main())
