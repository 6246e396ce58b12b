"""Prefect for command-line runs: quiet, fast to start, and safe to run many at once.

With no Prefect server configured, Prefect 3 starts a temporary API server in a subprocess for every
process, on the shared `~/.prefect/prefect.db`. That costs 6-15 s a run (imports, migrations, block
registration), and CLI processes running at once fight over that one SQLite file ("database is
locked" tracebacks printed by the server straight onto the terminal).

So a CLI run that has no `PREFECT_API_URL` gets a *private* API server instead:

- its own SQLite database, a copy of a template migrated once per Prefect version and kept in the
  user cache folder (no migrations per run, no shared file, no locks between processes);
- started before Prefect is imported in this process, so the two start-ups overlap;
- every line it prints goes to a log file in its temporary folder, never to the terminal;
- no UI, no block registration, no telemetry; stopped and deleted when the process ends.

When `PREFECT_API_URL` is set (in the environment or the active Prefect profile), that server is used
as it is: that is how runs show up in the Prefect UI (docs/orchestration.md).

Nothing here imports Prefect: `opendata --help` must stay fast.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
import urllib.error
import urllib.request
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from pipelines.core.cache import cache_dir

# Environment for every Prefect process we start or run in. Console logging off (the API still
# receives the run logs, so a real server's UI shows them); telemetry off.
_QUIET = {
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore",
}
_PRIVATE = {
    "DO_NOT_TRACK": "1",  # Prefect's client-side SDK telemetry
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",  # no task or flow result ever written to disk
    "PREFECT_TASKS_DEFAULT_PERSIST_RESULT": "false",
}
# How long a CLI run waits for its private API before publishing without Prefect.
READY_TIMEOUT_S = float(os.environ.get("OPENDATA_PREFECT_START_TIMEOUT", "60"))


class PrefectUnavailable(RuntimeError):
    """The private Prefect API could not be started; the message says where its log is."""


def quiet_prefect() -> None:
    """Keep Prefect's console logs and telemetry off the terminal (OPENDATA_VERBOSE=1 shows the logs).

    Call before Prefect is imported: Prefect reads its settings once, at import.
    """
    for key, value in _PRIVATE.items():
        os.environ.setdefault(key, value)
    if os.environ.get("OPENDATA_VERBOSE"):
        return
    for key, value in _QUIET.items():
        os.environ.setdefault(key, value)
    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "httpx", "uvicorn"):
        logging.getLogger(name).setLevel(logging.WARNING)


def configured_api_url() -> str | None:
    """The Prefect API URL from the environment, the Prefect settings in use, or the active profile."""
    url = os.environ.get("PREFECT_API_URL")
    if url:
        return url
    if "prefect.settings" in sys.modules:
        # Prefect is already loaded (a test harness, a served flow): its settings are the truth.
        from prefect.settings import get_current_settings  # in-function: Prefect is slow to import

        return get_current_settings().api.url or None
    return _profile_api_url() or _toml_api_url(Path.cwd())


def _profile_api_url() -> str | None:
    prefect_home = Path(os.environ.get("PREFECT_HOME", "~/.prefect")).expanduser()
    path = Path(os.environ.get("PREFECT_PROFILES_PATH", prefect_home / "profiles.toml")).expanduser()
    try:
        profiles = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or profiles.get("active") or "ephemeral"
    value = profiles.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(value) if value else None


def _toml_api_url(folder: Path) -> str | None:
    # Prefect 3 also reads settings from ./prefect.toml and [tool.prefect] in ./pyproject.toml.
    for name, keys in (("prefect.toml", ("api", "url")), ("pyproject.toml", ("tool", "prefect", "api", "url"))):
        try:
            node: object = tomllib.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        for key in keys:
            node = node.get(key) if isinstance(node, dict) else None
        if node:
            return str(node)
    return None


# -- the template database -----------------------------------------------------------------------


def _prefect_version() -> str:
    try:
        return version("prefect")
    except PackageNotFoundError:  # pragma: no cover - prefect is a dependency
        return "unknown"


def template_database() -> Path | None:
    """A Prefect API database migrated for the installed Prefect, built once; None if it cannot be."""
    target = cache_dir() / "prefect" / f"api-{_prefect_version()}.db"
    if target.is_file():
        return target
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        build = Path(tempfile.mkdtemp(prefix=".build-", dir=target.parent))
    except OSError:
        return None
    try:
        db = build / "prefect.db"
        code = (
            "import asyncio\n"
            "from prefect.server.database import provide_database_interface\n"
            "asyncio.run(provide_database_interface().create_db())\n"
        )
        env = _server_env(build, db, migrate=True)
        with (build / "build.log").open("wb") as log:
            done = subprocess.run([sys.executable, "-c", code], env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=300)
        if done.returncode != 0 or not db.is_file():
            return None
        # Fold the write-ahead log into the file so one plain file copy is a whole database.
        con = sqlite3.connect(db)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            con.execute("PRAGMA journal_mode=DELETE")
        finally:
            con.close()
        os.replace(db, target)  # atomic: concurrent builders each install a whole template
        return target
    except (OSError, subprocess.SubprocessError, sqlite3.Error):
        return None
    finally:
        shutil.rmtree(build, ignore_errors=True)


def _server_env(workdir: Path, db: Path, *, migrate: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API_URL")}
    env.update(_PRIVATE)
    env.update(
        {
            "PREFECT_HOME": str(workdir),
            "PREFECT_API_DATABASE_CONNECTION_URL": f"sqlite+aiosqlite:///{db}",
            "PREFECT_API_DATABASE_MIGRATE_ON_START": "true" if migrate else "false",
            "PREFECT_API_BLOCKS_REGISTER_ON_START": "false",
            "PREFECT_UI_ENABLED": "false",
            "PREFECT_SERVER_LOGGING_LEVEL": "WARNING",
            # What Prefect's own temporary server sets: no UI, ephemeral-only services.
            "PREFECT__SERVER_EPHEMERAL": "1",
            "PREFECT__SERVER_FINAL": "1",
        }
    )
    return env


# -- the private API server ----------------------------------------------------------------------


def _die_with_parent() -> None:  # pragma: no cover - runs in the child between fork and exec
    # Linux: the server gets SIGTERM if this process dies without running its exit handlers.
    import ctypes  # in-function: only Linux's parent-death signal needs it
    import signal  # in-function: only Linux's parent-death signal needs it

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class LocalApi:
    """A private Prefect API server for this process: its own database, its log in a file."""

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="opendata-prefect-"))
        self.log_path = self.workdir / "server.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.url = ""
        self.template: Path | None = None
        self.process_exit: int | None = None
        self._ready = False

    def start(self) -> LocalApi:
        """Launch the server (returns at once) and point this process's Prefect at it."""
        db = self.workdir / "prefect.db"
        template = self.template = template_database()
        if template is not None:
            shutil.copyfile(template, db)
        # The listening socket is bound here and handed over, so there is no race for a free port.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        self.url = f"http://127.0.0.1:{sock.getsockname()[1]}/api"
        fd = sock.fileno()
        on_main = threading.current_thread() is threading.main_thread()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "uvicorn", "--factory", "prefect.server.api.server:create_app",
                 "--fd", str(fd), "--log-level", "warning", "--lifespan", "on"],
                env=_server_env(self.workdir, db, migrate=template is None),
                stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT, pass_fds=[fd],
                preexec_fn=_die_with_parent if (sys.platform == "linux" and on_main) else None,
            )
        sock.close()  # the server holds its own copy
        os.environ["PREFECT_API_URL"] = self.url
        atexit.register(self.stop)
        return self

    def wait_ready(self, timeout_s: float | None = None) -> None:
        """Block until the server answers its health check; raise PrefectUnavailable if it cannot."""
        if self._ready:
            return
        deadline = time.monotonic() + (READY_TIMEOUT_S if timeout_s is None else timeout_s)
        while time.monotonic() < deadline:
            if self.process is None or self.process.poll() is not None:
                self.process_exit = self.process.returncode if self.process else -1
                break
            try:
                with urllib.request.urlopen(f"{self.url}/health", timeout=2) as response:
                    if response.status == 200:
                        self._ready = True
                        return
            except (urllib.error.URLError, OSError):
                pass
            time.sleep(0.05)
        kept = self._keep_log()
        self.stop()
        if self.template is not None and self.process_exit is not None:
            # The server died, perhaps on a damaged template: drop it, the next run builds a fresh one.
            self.template.unlink(missing_ok=True)
        raise PrefectUnavailable(f"the local Prefect API did not start; its log is {kept}")

    def run_context(self) -> contextlib.AbstractContextManager[object]:
        """Settings for flow runs against this server: no heartbeats.

        Heartbeats let a lasting server notice a crashed run; this one ends with the run. Without
        them a flow run also ends at once, instead of waiting up to a second for the heartbeat
        thread to wake.
        """
        from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings  # in-function: Prefect is slow to import

        return temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None})

    def _keep_log(self) -> Path:
        kept = cache_dir() / "prefect" / "last-failed-server.log"
        try:
            kept.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(self.log_path, kept)
            return kept
        except OSError:
            return self.log_path

    def stop(self) -> None:
        """Stop the server and delete its folder (database and log)."""
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            # Killed, not asked to stop: its database is thrown away, so a graceful shutdown (which
            # waits for services and client connections) would only delay the end of the command.
            process.kill()
            process.wait()
        if os.environ.get("PREFECT_API_URL") == self.url:
            del os.environ["PREFECT_API_URL"]
        shutil.rmtree(self.workdir, ignore_errors=True)


class ConfiguredApi:
    """The Prefect API configured for this process (PREFECT_API_URL, a profile, a test harness): used as is."""

    def wait_ready(self, timeout_s: float | None = None) -> None:
        """Nothing to wait for."""

    def run_context(self) -> contextlib.AbstractContextManager[object]:
        """Prefect's settings as they are."""
        return contextlib.nullcontext()


def prefect_api() -> LocalApi | ConfiguredApi:
    """Prepare this process for Prefect; start a private API unless one is configured.

    Call it before importing Prefect, then `wait_ready()` before the first flow runs, e.g.::

        api = prefect_api()
        from flows import publish_dataset  # imports while the server starts
        api.wait_ready()
        with api.run_context():
            publish_dataset(...)
    """
    quiet_prefect()
    if "prefect.settings" in sys.modules or configured_api_url():
        # Prefect already loaded has read its settings for good (a server, a test harness, or its
        # own temporary server): too late, and no need, to point it elsewhere.
        return ConfiguredApi()
    return LocalApi().start()
