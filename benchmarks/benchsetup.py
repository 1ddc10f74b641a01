"""What every benchmark shares: Django set up on a throwaway database, and its results
written into docs/performance.md, one marked section per benchmark and database.

Import this module before anything imports a model: it configures Django on import.
"""

from __future__ import annotations

import os
import platform
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import django


def _bootstrap() -> str | None:
    """Configure Django before anything imports a model; return the data folder made for it.

    Without NEXTROUND_DATA_DIR the benchmark gets a temporary folder (removed at the end), so it
    can never fill the user's real workspace. Local mode (loopback host) is forced on, since the
    dashboard client relies on the local user being signed in automatically, and debug is forced
    off to measure what a user gets.
    """
    created = None
    if not os.environ.get("NEXTROUND_DATA_DIR"):
        created = tempfile.mkdtemp(prefix="nextround-bench-")
        os.environ["NEXTROUND_DATA_DIR"] = created
    os.environ["NEXTROUND_HOST"] = "127.0.0.1"
    os.environ["NEXTROUND_DEBUG"] = "0"
    os.environ["DJANGO_SETTINGS_MODULE"] = "nextround.django_settings"
    django.setup()
    return created


OWN_DATA_DIR = _bootstrap()

import dj_database_url  # noqa: E402
import psycopg  # noqa: E402
from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections  # noqa: E402
from psycopg import sql  # noqa: E402


def vendor() -> str:
    return str(connection.vendor)


def _postgres_admin(config: dict[str, Any]) -> psycopg.Connection[Any]:
    return psycopg.connect(
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )


def _postgres_config() -> dict[str, Any]:
    url = settings.APP.database_url
    assert url is not None
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    if "bench" not in config["NAME"]:
        raise SystemExit(
            f"Refusing to drop database {config['NAME']!r}: the benchmark recreates its "
            "database, so its name must contain 'bench' (e.g. nextround_bench)."
        )
    return config


def postgres_drop() -> None:
    config = _postgres_config()
    connections.close_all()
    drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(config["NAME"]))
    with _postgres_admin(config) as admin:
        admin.execute(drop)


def postgres_recreate() -> None:
    postgres_drop()
    config = _postgres_config()
    with _postgres_admin(config) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config["NAME"])))


def sqlite_check_fresh() -> None:
    path = Path(str(settings.DATABASES["default"]["NAME"]))
    if path.exists() and path.stat().st_size > 0:
        raise SystemExit(
            f"{path} already exists. The benchmark fills the database with generated data; "
            "point NEXTROUND_DATA_DIR at an empty folder (make bench does)."
        )


def prepare_database() -> None:
    if vendor() == "postgresql":
        postgres_recreate()
    else:
        sqlite_check_fresh()
    call_command("migrate", verbosity=0, interactive=False)


def database_description() -> str:
    if vendor() == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            row = cursor.fetchone()
        return f"PostgreSQL {row[0].split()[0] if row else '?'}"
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        row = cursor.fetchone()
    mode = str(row[0]).upper() if row else "?"
    return f"SQLite {sqlite3.sqlite_version} ({mode} mode)"


def machine() -> str:
    return (
        f"{os.cpu_count()} CPU cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


def clean_up() -> None:
    """Drop the PostgreSQL benchmark database, or remove the temporary data folder."""
    if vendor() == "postgresql":
        postgres_drop()
    connections.close_all()
    if OWN_DATA_DIR:
        shutil.rmtree(OWN_DATA_DIR, ignore_errors=True)


def timed(
    runs: int, work: Callable[[], object], *, before: Callable[[], object] | None = None
) -> tuple[float, float]:
    """Median and p95 in ms after one warm-up run; ``before`` runs untimed ahead of each run."""
    if before:
        before()
    work()
    samples = []
    for _ in range(runs):
        if before:
            before()
        started = time.perf_counter()
        work()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(0.95 * len(samples)))]
