"""Load benchmark: the demo workspace served the way ``nextround serve`` serves it (waitress, one
process, 8 threads), with several clients asking for the demo's round page at once.

Bounded and local: the server listens on a free port of 127.0.0.1 only, in a fresh data folder
(or ``NEXTROUND_DATA_DIR`` when given, which must be empty), and stops when the clients are done.
The clients are threads of this process, each keeping one connection open, as a browser does,
and each signed in as the local user by its first request. Reported: requests a second,
the median and p95 time a request took as a client saw it, and the server's CPU time per
request (read from /proc, so other processes on the machine barely change it).

    .venv/bin/python benchmarks/load.py [--clients 8] [--seconds 20] [--json PATH]

``benchmarks/compare.py`` runs it for a baseline commit and the working tree in the same run and
reports the ratio of their requests a second (target ≥ 3).
"""

from __future__ import annotations

import argparse
import http.client
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

START_TIMEOUT_S = 120.0
WARM_UP_S = 3.0
# The CLI, started the way the ``nextround`` script starts it, with this interpreter and PYTHONPATH.
CLI = [sys.executable, "-c", "from nextround.cli import main; main()"]


@dataclass
class Client:
    """One connection to the server, with the session cookie its first answer set."""

    port: int
    cookie: str = ""
    latencies_ms: list[float] = field(default_factory=list)
    errors: int = 0

    def __post_init__(self) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def get(self, path: str) -> tuple[int, str]:
        headers = {"Cookie": self.cookie} if self.cookie else {}
        self.connection.request("GET", path, headers=headers)
        response = self.connection.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        cookies = [v.split(";", 1)[0] for k, v in response.getheaders() if k == "Set-Cookie"]
        if cookies:
            self.cookie = "; ".join(cookies)
        return response.status, body

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


def server_cpu_seconds(pid: int) -> float:
    """User and system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


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


def round_path(port: int) -> str:
    """The demo's upcoming round (its panel), found the way a user finds it: on the dashboard
    and then the opportunity's page."""
    client = Client(port)
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


def hammer(port: int, server_pid: int, clients: int, seconds: float) -> Outcome:
    path = round_path(port)
    crowd = [Client(port) for _ in range(clients)]
    for client in crowd:
        client.get("/")  # signs the local user in and keeps the session cookie
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


def run(args: argparse.Namespace) -> Outcome:
    given = os.environ.get("NEXTROUND_DATA_DIR")
    data = Path(given) if given else Path(tempfile.mkdtemp(prefix="nextround-load-"))
    env = {**os.environ, "NEXTROUND_DATA_DIR": str(data), "NEXTROUND_DEBUG": "0"}
    env.pop("NEXTROUND_HOST", None)
    port = free_port()
    log = (data / "server.log").open("wb")
    server = None
    try:
        subprocess.run([*CLI, "demo"], env=env, check=True, stdout=subprocess.DEVNULL)
        server = subprocess.Popen(
            [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        wait_until_up(port, server)
        return hammer(port, server.pid, args.clients, args.seconds)
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        log.close()
        if not given:
            shutil.rmtree(data, ignore_errors=True)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (8)")
    parser.add_argument("--seconds", type=float, default=20.0, help="timed seconds (20)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results there")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.seconds <= 0:
        parser.error("--clients must be at least 1 and --seconds above 0")
    load = os.getloadavg()[0]
    outcome = run(args)
    figures = outcome.summary()
    print(
        f"{outcome.path}: {args.clients} clients for {args.seconds:g} s (after {WARM_UP_S:g} s "
        f"of warm-up): {outcome.requests} requests, {figures['rps']:.1f} a second, median "
        f"{figures['median_ms']:.0f} ms, p95 {figures['p95_ms']:.0f} ms, server CPU "
        f"{figures['server_cpu_ms_per_request']:.1f} ms a request, {outcome.errors} errors "
        f"(load average {load:.2f})"
    )
    if args.json:
        document = {
            "benchmark": "load",
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
