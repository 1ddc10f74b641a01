import multiprocessing
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from nextround import config


def test_defaults_use_the_given_data_dir_and_loopback(tmp_path: Path) -> None:
    settings = config.load_settings({"NEXTROUND_DATA_DIR": str(tmp_path), "TZ": "Europe/Paris"})
    assert settings.data_dir == tmp_path
    assert settings.port == 8765
    assert settings.local_mode
    assert settings.database_url is None
    assert settings.time_zone == "Europe/Paris"


def test_secret_is_created_once_and_kept_private(tmp_path: Path) -> None:
    first = config.load_settings({"NEXTROUND_DATA_DIR": str(tmp_path)}).secret_key
    second = config.load_settings({"NEXTROUND_DATA_DIR": str(tmp_path)}).secret_key
    assert first == second and len(first) > 40
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_processes_starting_together_read_one_whole_secret(tmp_path: Path) -> None:
    # Server workers (and test workers) start at once on a new data folder: each must read the
    # same complete key, never an empty one another is still writing.
    env = {"NEXTROUND_DATA_DIR": str(tmp_path / "fresh")}
    with multiprocessing.get_context("spawn").Pool(6) as pool:
        keys = pool.map(_secret_of, [env] * 24)
    assert len(set(keys)) == 1 and len(keys[0]) > 40
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == ["secret_key"]


def _secret_of(env: dict[str, str]) -> str:
    return config.load_settings(env).secret_key


@pytest.mark.parametrize(
    ("host", "local"),
    [
        ("127.0.0.1", True),
        ("::1", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
    ],
)
def test_local_mode_only_on_loopback(tmp_path: Path, host: str, local: bool) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_HOST": host}
    assert config.load_settings(env).local_mode is local


def test_bad_port_and_zone_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="port"):
        config.load_settings({"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_PORT": "http"})
    with pytest.raises(ValueError, match="IANA"):
        config.load_settings(
            {"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_TIME_ZONE": "Nowhere/Land"}
        )


def test_every_setting_is_documented() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "settings.md").read_text(encoding="utf-8")
    for name in config.ENVIRONMENT:
        assert f"`{name}`" in doc, name


def test_sqlite_runs_in_wal_mode_with_foreign_keys(db: None) -> None:
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA foreign_keys")
        assert cursor.fetchone()[0] == 1
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 5000


def test_the_speech_model_setting_is_read_from_the_environment(tmp_path: Path) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path)}
    assert config.load_settings(env).speech_model == "auto"
    for value in ("base", "tiny.en", "auto", "~/models/whisper", "./whisper", "/opt/whisper"):
        env["NEXTROUND_SPEECH_MODEL"] = f" {value} "
        assert config.load_settings(env).speech_model == value
    for wrong in ("large", "base.en", "Tiny"):  # no model is downloaded by name any more
        env["NEXTROUND_SPEECH_MODEL"] = wrong
        with pytest.raises(ValueError, match=r"auto, base, tiny\.en or a model folder"):
            config.load_settings(env)


def test_the_embedding_precision_is_int8_unless_float_is_asked_for(tmp_path: Path) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path)}
    assert config.load_settings(env).embedding_precision == "int8"
    env["NEXTROUND_EMBEDDING_PRECISION"] = " Float "
    assert config.load_settings(env).embedding_precision == "float"
    env["NEXTROUND_EMBEDDING_PRECISION"] = "fp16"
    with pytest.raises(ValueError, match="'int8' or 'float', not 'fp16'"):
        config.load_settings(env)


def test_the_data_folder_is_known_without_loading_the_settings(tmp_path: Path) -> None:
    assert config.data_folder({"NEXTROUND_DATA_DIR": str(tmp_path / "later")}) == tmp_path / "later"
    assert not (tmp_path / "later").exists()
    assert config.data_folder({}).name == "nextround"


def test_fetch_allow_hosts_are_names_or_addresses(tmp_path: Path) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path)}
    assert config.load_settings(env).fetch_allow_hosts == ()
    env["NEXTROUND_FETCH_ALLOW_HOSTS"] = " localhost, Jobs.LAN ,192.168.1.20,[::1],fd00::5,,"
    assert config.load_settings(env).fetch_allow_hosts == (
        "localhost",
        "jobs.lan",
        "192.168.1.20",
        "[::1]",
        "fd00::5",
    )


@pytest.mark.parametrize("entry", ["http://localhost", "localhost:8000", "jobs.lan/feed", "-x.lan"])
def test_fetch_allow_hosts_refuses_anything_else(tmp_path: Path, entry: str) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_FETCH_ALLOW_HOSTS": f"jobs.lan,{entry}"}
    with pytest.raises(ValueError, match=rf"^NEXTROUND_FETCH_ALLOW_HOSTS takes .* not '{entry}'$"):
        config.load_settings(env)


# --- private files: the data folder is the user's alone --------------------------------------


@pytest.fixture
def shared_umask() -> Iterator[None]:
    """The common default umask (022): what a file gets when nothing asks for less."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_a_new_data_folder_and_secret_are_private_from_the_start(
    tmp_path: Path, shared_umask: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were the secret written readable and only then narrowed, this chmod-less run shows it.
    monkeypatch.setattr(Path, "chmod", lambda self, mode, **kwargs: None)
    folder = tmp_path / "fresh" / "nextround"
    config.load_settings({"NEXTROUND_DATA_DIR": str(folder)})
    assert _mode(folder) == 0o700
    assert _mode(folder / "secret_key") == 0o600


def test_an_existing_installs_files_are_tightened_and_others_left_alone(
    tmp_path: Path, shared_umask: None
) -> None:
    tmp_path.chmod(0o755)
    ours = ["secret_key", "nextround.sqlite3", "nextround.sqlite3-wal", "nextround.sqlite3-shm"]
    for name in ours:
        (tmp_path / name).write_text("x", encoding="utf-8")
        (tmp_path / name).chmod(0o644)
    recordings = tmp_path / "recordings"
    recordings.mkdir(mode=0o755)
    (recordings / "a.webm").write_bytes(b"x")
    (recordings / "a.webm").chmod(0o644)
    (tmp_path / "unrelated.txt").write_text("not ours", encoding="utf-8")
    (tmp_path / "unrelated.txt").chmod(0o644)

    config.load_settings({"NEXTROUND_DATA_DIR": str(tmp_path)})

    assert _mode(tmp_path) == 0o700
    assert {name: _mode(tmp_path / name) for name in ours} == dict.fromkeys(ours, 0o600)
    assert _mode(recordings) == 0o700
    assert _mode(recordings / "a.webm") == 0o600
    assert _mode(tmp_path / "unrelated.txt") == 0o644


def test_keep_private_sets_the_process_umask() -> None:
    before = os.umask(0o022)
    try:
        config.keep_private()
        assert os.umask(0o022) == 0o077
    finally:
        os.umask(before)


def test_server_mode_never_signs_in_without_a_password(tmp_path: Path) -> None:
    env = {"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_MODE": "server"}
    settings = config.load_settings(env)  # bound to 127.0.0.1 by default
    assert settings.server_mode
    assert not settings.local_mode


def test_server_mode_refuses_debug_and_an_unknown_mode(tmp_path: Path) -> None:
    base = {"NEXTROUND_DATA_DIR": str(tmp_path)}
    with pytest.raises(ValueError, match="refused in server mode"):
        config.load_settings({**base, "NEXTROUND_MODE": "server", "NEXTROUND_DEBUG": "1"})
    with pytest.raises(ValueError, match="'local' or 'server'"):
        config.load_settings({**base, "NEXTROUND_MODE": "shared"})


def test_server_hosts_and_origins_are_checked(tmp_path: Path) -> None:
    base = {"NEXTROUND_DATA_DIR": str(tmp_path), "NEXTROUND_MODE": "server"}
    settings = config.load_settings(
        {
            **base,
            "NEXTROUND_ALLOWED_HOSTS": "Coach.Example.org, .example.net",
            "NEXTROUND_CSRF_TRUSTED_ORIGINS": "https://coach.example.org/",
        }
    )
    assert settings.allowed_hosts == ("coach.example.org", ".example.net")
    assert settings.csrf_trusted_origins == ("https://coach.example.org",)
    with pytest.raises(ValueError, match="ALLOWED_HOSTS"):
        config.load_settings({**base, "NEXTROUND_ALLOWED_HOSTS": "*"})
    with pytest.raises(ValueError, match="CSRF_TRUSTED_ORIGINS"):
        config.load_settings({**base, "NEXTROUND_CSRF_TRUSTED_ORIGINS": "coach.example.org"})


def test_the_task_backend_is_a_dotted_path(tmp_path: Path) -> None:
    base = {"NEXTROUND_DATA_DIR": str(tmp_path)}
    assert config.load_settings(base).task_backend == "django_tasks_db.DatabaseBackend"
    rq = {**base, "NEXTROUND_TASK_BACKEND": "django_tasks_rq.RQBackend"}
    assert config.load_settings(rq).task_backend == "django_tasks_rq.RQBackend"
    for bad in ("redis://localhost", "RQBackend", "django_tasks_rq.RQBackend()"):
        with pytest.raises(ValueError, match="NEXTROUND_TASK_BACKEND takes the dotted path"):
            config.load_settings({**base, "NEXTROUND_TASK_BACKEND": bad})
