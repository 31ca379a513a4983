"""Measuring one benchmark step, and describing the machine it ran on.

Each step runs in a child process of its own so that its peak memory is its alone: the parent
reaps the child with ``os.wait4``, whose resource usage carries the child's ``ru_maxrss`` — the
high-water mark of its resident set size, sampled by the kernel, so no spike between two polls
is missed. (``getrusage(RUSAGE_CHILDREN)`` would instead report the largest of *all* children
so far, mixing steps.) One caveat: Linux carries the parent's own peak RSS over into a child
it spawns, so a figure is never below the harness's own peak; the harness imports only the
standard library and psutil and never loads data, so that floor is a few tens of MiB, and it is
recorded (``own_peak_rss_bytes``) next to the figures. Wall time is measured around the whole
child, interpreter start and imports included, which is what a person running the command
waits for.
"""

from __future__ import annotations

import os
import platform
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

#: ru_maxrss is in kilobytes on Linux and in bytes on macOS.
_MAXRSS_UNIT = 1 if sys.platform == "darwin" else 1024


@dataclass(frozen=True)
class Measured:
    """What a child process did: exit code, wall time, peak RSS, and its stderr's last lines."""

    returncode: int
    wall_seconds: float
    peak_rss_bytes: int
    timed_out: bool
    stderr_tail: str

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and not self.timed_out

    def to_dict(self) -> dict[str, Any]:
        return {
            "returncode": self.returncode,
            "wall_seconds": round(self.wall_seconds, 3),
            "peak_rss_mib": round(self.peak_rss_bytes / 2**20, 1),
            "timed_out": self.timed_out,
        }


def measure(argv: list[str], log: Path, timeout: float | None = None) -> Measured:
    """Run ``argv`` to completion (or kill it after ``timeout`` s); stderr goes to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("wb") as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err)
        killed = threading.Event()

        def kill() -> None:
            killed.set()
            proc.kill()

        timer = threading.Timer(timeout, kill) if timeout else None
        if timer:
            timer.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            if timer:
                timer.cancel()
        wall = time.perf_counter() - start
    # wait4 reaped the child; tell Popen so it does not try again
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Measured(
        returncode=proc.returncode,
        wall_seconds=wall,
        peak_rss_bytes=usage.ru_maxrss * _MAXRSS_UNIT,
        timed_out=killed.is_set(),
        stderr_tail=_tail(log),
    )


def own_peak_rss_bytes() -> int:
    """This process's peak RSS: the floor under every child's figure (see the module doc)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * _MAXRSS_UNIT


def _tail(path: Path, lines: int = 15) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    return "\n".join(text.rstrip().splitlines()[-lines:])


def _cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def _version(dist: str) -> str | None:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _git_commit(repo: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip() or None


def machine_facts(repo: Path) -> dict[str, Any]:
    """The facts a reader needs to compare figures: hardware, OS and library versions."""
    import psutil  # dev dependency, installed by `make setup`

    return {
        "date_utc": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "cpu": _cpu_model(),
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "ram_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": {
            name: _version(name)
            for name in ("lockstep", "duckdb", "ibis-framework", "pyarrow", "numpy")
        },
        "git_commit": _git_commit(repo),
    }
