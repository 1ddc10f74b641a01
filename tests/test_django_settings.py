"""The Django settings: what production allows, and the files a fresh install creates."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from nextround import django_settings

# Opens the database the way the app does, writes, and lists the data folder's modes while the
# connection (and so SQLite's WAL and shared-memory files) is still open.
OPEN_AND_LIST = """
import os, stat, sys
import django
from pathlib import Path
django.setup()
from django.db import connection
with connection.cursor() as cursor:
    cursor.execute("CREATE TABLE probe (x integer)")
    cursor.execute("INSERT INTO probe VALUES (1)")
folder = Path(sys.argv[1])
print(f"folder {stat.S_IMODE(folder.stat().st_mode):o}")
for path in sorted(folder.iterdir()):
    print(f"{path.name} {stat.S_IMODE(path.stat().st_mode):o}")
"""


def test_the_test_clients_host_is_not_allowed_in_production() -> None:
    # The tests get 'testserver' from Django's test set-up, never from the settings module.
    assert "testserver" not in django_settings.ALLOWED_HOSTS
    assert {"127.0.0.1", "localhost", "[::1]"} <= set(django_settings.ALLOWED_HOSTS)


def test_a_fresh_install_keeps_the_database_and_its_journal_files_private(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "data"
    env = {
        **os.environ,
        "NEXTROUND_DATA_DIR": str(folder),
        "DJANGO_SETTINGS_MODULE": "nextround.django_settings",
    }
    env.pop("NEXTROUND_DATABASE_URL", None)  # the embedded SQLite file is what is checked
    done = subprocess.run(
        [sys.executable, "-c", OPEN_AND_LIST, str(folder)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        umask=0o022,  # the usual default, which would leave the files readable by everyone
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    modes = dict(line.split() for line in done.stdout.splitlines())
    assert modes.pop("folder") == "700"
    assert {"secret_key", "nextround.sqlite3", "nextround.sqlite3-wal"} <= modes.keys()
    assert modes == dict.fromkeys(modes, "600")
