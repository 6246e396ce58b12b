"""A private working folder per run, for whatever holds raw extract values outside memory.

DuckDB's spill files, a file-backed working database and a GBK extract's UTF-8 copy all hold raw
values. They go into one folder per process, made by `tempfile.mkdtemp` (mode 0700, a fresh random
name: never a fixed path another user could create first or plant a symlink at), named
`opendata-run-<pid>-<random>` so that a later run knows whose it is.

It is removed when the process ends normally (atexit), on SIGTERM and SIGINT (handlers that
unwind the process as an exception would, so atexit runs), and, for a run killed outright (`kill -9`, a power
cut), by `clean_stale` at the start of the next command: any folder of ours whose process is gone.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import signal
import stat
import tempfile
import threading
from pathlib import Path
from types import FrameType

PREFIX = "opendata-run-"
_NAME = re.compile(rf"^{re.escape(PREFIX)}(\d+)-")

_lock = threading.Lock()
_folder: Path | None = None
_owner_pid: int | None = None


def pid_alive(pid: int) -> bool:
    """True while process `pid` exists on this machine (another user's process counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    return True


def _remove(path: Path) -> None:
    """Delete `path` (a folder of ours) without following a symlink anywhere in it."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode) or not stat.S_ISDIR(st.st_mode):
        return  # never ours: mkdtemp makes a real folder
    shutil.rmtree(path, ignore_errors=True)  # rmtree removes symlinks inside, never their targets


def clean_stale(base: Path | None = None) -> list[Path]:
    """Remove the run folders (in the OS temp folder) of our user's processes that are gone; return them."""
    base = base or Path(tempfile.gettempdir())
    removed: list[Path] = []
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(os.scandir(base))
    except OSError:
        return removed
    for entry in entries:
        m = _NAME.match(entry.name)
        if not m:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISDIR(st.st_mode) or (uid is not None and st.st_uid != uid):
            continue
        pid = int(m.group(1))
        if pid == os.getpid() or pid_alive(pid):
            continue
        _remove(Path(entry.path))
        removed.append(Path(entry.path))
    return removed


def run_folder() -> Path:
    """This process's private folder (made on first use, mode 0700), removed when the process ends."""
    global _folder, _owner_pid
    with _lock:
        if _folder is not None and _owner_pid == os.getpid() and _folder.is_dir():
            return _folder
        _folder = Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))
        _owner_pid = os.getpid()
        atexit.register(remove_run_folder)
        _install_signal_handlers()
        return _folder


def private_subfolder(name: str) -> Path:
    """A fresh folder (0700) inside the run folder, e.g. for one working database or the spill files."""
    return Path(tempfile.mkdtemp(prefix=f"{name}-", dir=run_folder()))


def remove_run_folder() -> None:
    """Remove this process's run folder now (it is made again if needed)."""
    global _folder
    with _lock:
        folder, _folder = _folder, None
    if folder is not None and _owner_pid == os.getpid():
        _remove(folder)


def _install_signal_handlers() -> None:
    if threading.current_thread() is not threading.main_thread():
        return  # signal handlers can only be set from the main thread; atexit and clean_stale remain
    for sig in (signal.SIGTERM, signal.SIGINT):
        previous = signal.getsignal(sig)
        if getattr(previous, "_opendata_workspace", False):
            continue

        def handler(signum: int, frame: FrameType | None, previous: object = previous) -> None:
            # Unwind instead of exiting on the spot: the working database is closed and its folder
            # deleted by the context managers on the way out, then atexit removes the run folder.
            if callable(previous):
                previous(signum, frame)  # e.g. Python's own SIGINT handler raises KeyboardInterrupt
            raise SystemExit(128 + signum)

        handler._opendata_workspace = True  # type: ignore[attr-defined]
        signal.signal(sig, handler)
