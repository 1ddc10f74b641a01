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
    assert config.load_settings(env).speech_model is None
    env["NEXTROUND_SPEECH_MODEL"] = " ~/models/whisper "
    assert config.load_settings(env).speech_model == "~/models/whisper"


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
