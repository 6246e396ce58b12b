"""Run one command and measure it: wall time and the peak memory of its whole process tree.

Peak memory is the largest sum of RSS over the process and all its descendants, sampled every
`interval` seconds with psutil, so that grandchildren such as Prefect's API server count. Pages
shared between processes are counted more than once, so the sum errs high; a spike shorter than
the interval can be missed. A child caught between fork and exec (it still runs its parent's
program, in its parent's address space: the same command line and the same virtual size) is its
parent's pages seen twice and is not added: a sample that falls in that window (subprocess, git,
Prefect's server, a spawned helper start so) would otherwise count the parent's RSS again, up to a
gigabyte for an instant. The peak's composition, the RSS of each kind of process at the peak,
comes with it (`peak_parts`). The kernel's `ru_maxrss` is not used: for a forked-then-exec'd child
it starts from the parent's own RSS at fork time, which would charge the runner's memory to it.

CPU time (user + system, from `wait4`) is reported beside wall time: on a machine busy with other
work, wall time stretches while CPU time stays close to what the command itself needs.
"""

from __future__ import annotations

import os
import resource
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil


@dataclass(frozen=True)
class Run:
    """What one measured command did."""

    seconds: float
    peak_rss: int  # bytes
    cpu_seconds: float  # user + system time of the process and the descendants it waited for
    exit_code: int
    stdout: str
    stderr: str
    timed_out: bool = False
    peak_parts: tuple[tuple[str, int], ...] = ()  # (kind of process, bytes) at the peak, largest first

    @property
    def peak_mib(self) -> float:
        """Peak RSS in MiB."""
        return self.peak_rss / 2**20

    def peak_composition(self) -> str:
        """The peak's RSS by kind of process, in MiB: "publish 981, helper 306, Prefect server 210"."""
        return ", ".join(f"{kind} {size / 2**20:,.0f}" for kind, size in self.peak_parts)


def process_kind(cmdline: list[str]) -> str:
    """What a process of a measured tree is, from its command line (no argument values: they may name files)."""
    line = " ".join(cmdline)
    if "uvicorn" in line or "prefect.server" in line:
        return "Prefect server"
    if "multiprocessing.spawn" in line:
        return "helper"
    if "multiprocessing.resource_tracker" in line:
        return "resource tracker"
    if "pipelines.cli.main" in line:
        return "publish"
    return os.path.basename(cmdline[0]) if cmdline else "?"


def _tree_rss(proc: psutil.Process) -> tuple[int, dict[str, int]]:
    """The summed RSS of `proc` and its descendants, and its parts by kind of process (module docstring)."""
    total, parts = 0, dict[str, int]()
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0, {}
    seen: dict[int, tuple[list[str], int]] = {}  # pid → command line and virtual size, for the fork window
    for member in members:
        try:
            with member.oneshot():
                info, cmdline, parent = member.memory_info(), member.cmdline(), member.ppid()
        except psutil.Error:
            continue  # exited between listing and reading
        seen[member.pid] = (cmdline, info.vms)
        if member.pid != proc.pid and seen.get(parent) == (cmdline, info.vms):
            continue  # between fork and exec: the parent's own pages, counted once already
        kind = process_kind(cmdline)
        parts[kind] = parts.get(kind, 0) + info.rss
        total += info.rss
    return total, parts


def measure(
    cmd: list[str],
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
    interval: float = 0.05,
    address_limit: int = 0,
) -> Run:
    """Run `cmd` to completion (or `timeout`), sampling its tree's memory; stdout/stderr go to temp files.

    `address_limit` (bytes, 0 for none) caps the command's address space, as `ulimit -v` would.
    """
    limit = (lambda: resource.setrlimit(resource.RLIMIT_AS, (address_limit, address_limit))) if address_limit else None
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        popen = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=err, start_new_session=True, preexec_fn=limit)
        proc = psutil.Process(popen.pid)
        peak, timed_out, status, cpu = 0, False, None, 0.0
        peak_parts: dict[str, int] = {}
        while status is None:
            rss, parts = _tree_rss(proc)
            if rss > peak:
                peak, peak_parts = rss, parts
            pid, raw_status, usage = os.wait4(popen.pid, os.WNOHANG)
            if pid:
                status, cpu = raw_status, usage.ru_utime + usage.ru_stime
                break
            if timeout is not None and time.monotonic() - started > timeout:
                timed_out = True
                os.killpg(popen.pid, 9)  # the session we started: the command and its children only
                _, status, usage = os.wait4(popen.pid, 0)
                cpu = usage.ru_utime + usage.ru_stime
                break
            time.sleep(interval)
        seconds = time.monotonic() - started
        popen.returncode = os.waitstatus_to_exitcode(status)  # keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        return Run(
            seconds=seconds,
            peak_rss=peak,
            cpu_seconds=cpu,
            exit_code=popen.returncode,
            stdout=out.read().decode("utf-8", "replace"),
            stderr=err.read().decode("utf-8", "replace"),
            timed_out=timed_out,
            peak_parts=tuple(sorted(peak_parts.items(), key=lambda kv: -kv[1])),
        )
