"""Load benchmark for a shared server: many candidates and coaches on PostgreSQL, served the way
server mode serves them (``nextround serve --workers N``, gunicorn on Linux), with clients that
sign in with a password like a person does.

Seeded straight into a throwaway PostgreSQL database (its name must contain "bench"; it is
dropped at the end): 2,000 candidates and 50 coaches; every candidate has three stories, an
opportunity with a round behind and one ahead, and shares their stories and rounds with one
coach, so a coach has 40 candidates. Then 20 clients for 60 s (after a warm-up), each signed
in as its own account: most as candidates opening their dashboard, stories and round; some as
coaches opening their dashboard and a candidate's shared story, and posting a comment on it.
The pages are found the way a person finds them, by following links, so the benchmark does not
depend on how the URLs are spelled.

Reported: requests a second, the median and p95 per page kind as the clients saw them, and
every answer of 500 or more (target: none; coach dashboard p95 ≤ 300 ms).

    NEXTROUND_DATA_DIR=$(mktemp -d) \\
    NEXTROUND_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/nextround_bench \\
        .venv/bin/python benchmarks/coaching.py [--candidates 2000] [--coaches 50] \\
        [--clients 20] [--seconds 60] [--workers 2] [--json PATH]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from benchsetup import (  # configures Django: before any model import
    clean_up,
    database_description,
    machine,
    prepare_database,
    vendor,
)
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.utils import timezone
from load import CLI, Browser, free_port, wait_until_up

from nextround.coaching.models import Area, Member, Role, Share
from nextround.interviews.models import Opportunity, Round, Stage
from nextround.stories.models import Story

PASSWORD = "harbour-lantern-71"
WARM_UP_S = 5.0
COACH_CLIENTS_SHARE = 0.3  # of the clients, the part signed in as coaches


# ---- the seed ----------------------------------------------------------------------------


def seed(candidates: int, coaches: int, rng: random.Random) -> None:
    """Accounts, their material and their shares, written in bulk."""
    hashed = make_password(PASSWORD)  # once: hashing 2,000 times would take minutes
    people = User.objects.bulk_create(
        [User(username=f"coach{i:03}", password=hashed) for i in range(coaches)]
        + [User(username=f"cand{i:05}", password=hashed) for i in range(candidates)]
    )
    coach_users, candidate_users = people[:coaches], people[coaches:]
    Member.objects.bulk_create(
        [Member(user=u, role=Role.COACH) for u in coach_users]
        + [Member(user=u, role=Role.CANDIDATE) for u in candidate_users]
    )
    now = timezone.now()
    Story.objects.bulk_create(
        Story(
            owner=u,
            title=f"{topic} at {u.username}'s last job",
            situation="The night shift kept missing handovers.",
            action="I rebuilt the rota and wrote a one-page checklist.",
            result="Missed handovers fell by a third in two months.",
            competencies="planning, teamwork",
        )
        for u in candidate_users
        for topic in ("The missed handovers", "The budget cut", "The new starter")
    )
    opportunities = Opportunity.objects.bulk_create(
        Opportunity(
            owner=u, company=f"Company {i % 300}", role_title="Team lead", stage=Stage.INTERVIEWING
        )
        for i, u in enumerate(candidate_users)
    )
    Round.objects.bulk_create(
        Round(
            owner_id=o.owner_id,
            opportunity=o,
            number=number,
            starts_at=now + timedelta(days=days, hours=rng.randint(0, 8)),
            ends_at=now + timedelta(days=days, hours=9),
            timezone="Europe/London",
        )
        for o in opportunities
        for number, days in ((1, -7), (2, rng.randint(1, 14)))
    )
    Share.objects.bulk_create(
        Share(candidate=u, coach=coach_users[i % coaches], area=area, created_at=now)
        for i, u in enumerate(candidate_users)
        for area in (Area.STORIES, Area.ROUNDS)
    )


# ---- the clients -------------------------------------------------------------------------


@dataclass
class Client(Browser):
    """One person's browser: its account and the pages it uses, with the answers timed by kind."""

    username: str = ""
    latencies_ms: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    pages: dict[str, str] = field(default_factory=dict)  # page kind -> path
    recording: bool = False  # after the warm-up

    def timed(self, kind: str, method: str, path: str, form: dict[str, str] | None = None) -> str:
        started = time.perf_counter()
        try:
            status, text, _ = self.request(method, path, form)
        except (OSError, http.client.HTTPException):
            self.statuses[0] += 1
            self.connection.close()
            return ""
        if self.recording:
            self.statuses[status] += 1
            self.latencies_ms[kind].append((time.perf_counter() - started) * 1000)
        return text


def first_link(page: str, pattern: str) -> str | None:
    found = re.search(rf'href="({pattern})"', page)
    return found.group(1) if found else None


def find_candidate_pages(client: Client) -> None:
    client.pages["candidate dashboard"] = "/"
    client.pages["story list"] = "/stories/"
    _, stories, _ = client.request("GET", "/stories/")
    if story := first_link(stories, r"/stories/\d+/"):
        client.pages["own story"] = story
    _, opportunities, _ = client.request("GET", "/opportunities/")
    if opportunity := first_link(opportunities, r"/opportunities/\d+/"):
        _, page, _ = client.request("GET", opportunity)
        if round_path := first_link(page, r"/rounds/\d+/"):
            client.pages["round"] = round_path


def find_coach_pages(client: Client) -> None:
    _, dashboard, _ = client.request("GET", "/coach/")
    client.pages["coach dashboard"] = "/coach/"
    candidate = first_link(dashboard, r"/coach/candidates/\d+/")
    if candidate is None:
        raise SystemExit(f"{client.username}'s dashboard links to no candidate.")
    client.pages["coach's candidate"] = candidate
    _, shared, _ = client.request("GET", candidate)
    story = first_link(shared, r"/coach/[\w/-]*stories/\d+/")
    if story is None:
        raise SystemExit(f"{candidate} links to no shared story.")
    client.pages["shared story"] = story


def comment_form(page: str) -> tuple[str, dict[str, str]] | None:
    """The comment form on a shared story: its address and its hidden fields."""
    for form in re.finditer(r"<form[^>]*action=\"([^\"]+)\"[^>]*>(.*?)</form>", page, re.S):
        action, inner = form.groups()
        if 'name="body"' not in inner:
            continue
        hidden = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', inner))
        return action, hidden
    return None


def coach_round(client: Client, rng: random.Random) -> None:
    client.timed("coach dashboard", "GET", client.pages["coach dashboard"])
    client.timed("coach's candidate", "GET", client.pages["coach's candidate"])
    story = client.timed("shared story", "GET", client.pages["shared story"])
    if rng.random() < 0.5 and (found := comment_form(story)):
        action, hidden = found
        hidden["body"] = "Lead with the figure: the third fewer missed handovers."
        client.timed("comment post", "POST", action, hidden)


def candidate_round(client: Client) -> None:
    for kind in ("candidate dashboard", "story list", "own story", "round"):
        if kind in client.pages:
            client.timed(kind, "GET", client.pages[kind])


def run_client(client: Client, *, coach: bool, start_recording: float, deadline: float) -> None:
    rng = random.Random(client.username)
    while time.perf_counter() < deadline:
        client.recording = time.perf_counter() >= start_recording
        if coach:
            coach_round(client, rng)
        else:
            candidate_round(client)


# ---- running it --------------------------------------------------------------------------


@dataclass
class Outcome:
    seconds: float
    latencies_ms: dict[str, list[float]]
    statuses: dict[int, int]

    @property
    def requests(self) -> int:
        return sum(len(v) for v in self.latencies_ms.values())

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.statuses.items() if status >= 500 or status == 0)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def serve(port: int, workers: int, data: Path) -> subprocess.Popen[bytes]:
    env = {
        **os.environ,
        "NEXTROUND_DATA_DIR": str(data),
        "NEXTROUND_DATABASE_URL": str(settings.APP.database_url),
        "NEXTROUND_MODE": "server",
        "NEXTROUND_DEBUG": "0",
        "NEXTROUND_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    log = (data / "server.log").open("wb")
    return subprocess.Popen(
        [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


def hammer(args: argparse.Namespace, port: int) -> Outcome:
    coach_count = max(1, round(args.clients * COACH_CLIENTS_SHARE))
    crowd = [Client(port, username=f"coach{i:03}") for i in range(coach_count)] + [
        Client(port, username=f"cand{i * 97 % args.candidates:05}")
        for i in range(args.clients - coach_count)
    ]
    for i, client in enumerate(crowd):
        client.sign_in(client.username, PASSWORD)
        (find_coach_pages if i < coach_count else find_candidate_pages)(client)
    start_recording = time.perf_counter() + WARM_UP_S
    deadline = start_recording + args.seconds
    threads = [
        threading.Thread(
            target=run_client,
            args=(c,),
            kwargs={
                "coach": i < coach_count,
                "start_recording": start_recording,
                "deadline": deadline,
            },
        )
        for i, c in enumerate(crowd)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies: dict[str, list[float]] = defaultdict(list)
    statuses: dict[int, int] = defaultdict(int)
    for client in crowd:
        for kind, values in client.latencies_ms.items():
            latencies[kind].extend(values)
        for status, n in client.statuses.items():
            statuses[status] += n
    return Outcome(args.seconds, dict(latencies), dict(statuses))


def report(args: argparse.Namespace, outcome: Outcome, load: float) -> bool:
    print(f"- Date: {time.strftime('%Y-%m-%d')}")
    print(f"- Database: {database_description()}")
    print(f"- Machine: {machine()}; 1-minute load average {load:.2f} when the timing started")
    print(
        f"- {args.candidates} candidates, {args.coaches} coaches; {args.clients} clients for "
        f"{args.seconds:g} s after {WARM_UP_S:g} s of warm-up; `nextround serve --workers "
        f"{args.workers}` in server mode"
    )
    print(
        f"- {outcome.requests} requests, {outcome.requests / outcome.seconds:.1f} a second; "
        f"answers by status: {dict(sorted(outcome.statuses.items()))}"
    )
    print()
    print("| page | requests | median ms | p95 ms | target |")
    print("|---|---:|---:|---:|---|")
    met = outcome.server_errors == 0
    for kind, values in sorted(outcome.latencies_ms.items()):
        target = ""
        if kind == "coach dashboard":
            ok = p95(values) <= 300
            met &= ok
            target = f"p95 ≤ 300 ms: {'PASS' if ok else 'FAIL'}"
        print(
            f"| {kind} | {len(values)} | {statistics.median(values):.0f} | {p95(values):.0f} | "
            f"{target} |"
        )
    print(f"\nAnswers of 500 or more, or dropped connections: {outcome.server_errors} (target 0)")
    return met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--candidates", type=int, default=2000)
    parser.add_argument("--coaches", type=int, default=50)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2, help="web processes (2)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the results there")
    args = parser.parse_args(argv)
    if min(args.candidates, args.coaches, args.clients, args.workers) < 1 or args.seconds <= 0:
        parser.error("every count must be at least 1 and --seconds above 0")
    if vendor() != "postgresql":
        parser.error("set NEXTROUND_DATABASE_URL to a PostgreSQL database named *bench*")
    server = None
    try:
        prepare_database()
        seed(args.candidates, args.coaches, random.Random(7))
        port = free_port()
        server = serve(port, args.workers, Path(settings.APP.data_dir))
        wait_until_up(port, server)
        load = os.getloadavg()[0]
        outcome = hammer(args, port)
        met = report(args, outcome, load)
        if args.json:
            document = {
                "benchmark": "coaching",
                "requests": outcome.requests,
                "rps": outcome.requests / outcome.seconds,
                "statuses": outcome.statuses,
                "latencies_ms": outcome.latencies_ms,
                "load_average": load,
            }
            args.json.write_text(json.dumps(document), encoding="utf-8")
        return 0 if met else 1
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
        clean_up()


if __name__ == "__main__":
    sys.exit(main())
