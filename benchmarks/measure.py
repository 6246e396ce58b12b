"""Run one command and measure it: wall time and the peak memory of its whole process tree.

Peak memory is the largest sum of RSS over the process and all its descendants, sampled every
`interval` seconds with psutil, so that grandchildren such as Prefect's API server count. Pages
shared between processes are counted more than once, so the sum errs high; a spike shorter than
the interval can be missed. The kernel's `ru_maxrss` is not used: for a forked-then-exec'd child
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

    @property
    def peak_mib(self) -> float:
        """Peak RSS in MiB."""
        return self.peak_rss / 2**20


def _tree_rss(proc: psutil.Process) -> int:
    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            continue  # exited between listing and reading
    return total


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
        while status is None:
            peak = max(peak, _tree_rss(proc))
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
        )
