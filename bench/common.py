"""Shared helpers: percentiles, the question list, servers in subprocesses, machine facts."""

from __future__ import annotations

import json
import os
import platform
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
QUESTIONS = REPO / "tests" / "data" / "eval_questions.jsonl"
START_LIMIT = 240.0


@dataclass(frozen=True)
class Case:
    """One benchmark question and the earlier questions of its conversation."""

    question: str
    history: tuple[str, ...]
    answerable: bool


def load_cases(path: Path = QUESTIONS, limit: int | None = None) -> list[Case]:
    """The fixed question list (answerable and not), in file order."""
    cases = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            cases.append(Case(row["question"], tuple(row.get("history", ())), bool(row.get("answers"))))
    return cases[:limit] if limit else cases


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation; nan when empty."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    at = (len(ordered) - 1) * q / 100
    low = int(at)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (at - low)


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds, and the count."""
    return {"p50_ms": percentile(seconds, 50) * 1000, "p95_ms": percentile(seconds, 95) * 1000, "n": len(seconds)}


def ratio(a: float, b: float) -> float:
    """a / b, nan when b is not positive."""
    return a / b if b > 0 else float("nan")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(port: int) -> dict[str, str]:
    """The environment servers run with: offline, no analytics, the given port."""
    env = {**os.environ, "GRADIO_ANALYTICS_ENABLED": "False", "HF_HUB_OFFLINE": "1", "PYTHONUNBUFFERED": "1"}
    for name in ("SPACE_ID", "GRADIO_SERVER_NAME", "ARTICLE_ASSISTANT_MODEL", "ARTICLE_ASSISTANT_FEEDBACK_DB"):
        env.pop(name, None)
    env["GRADIO_SERVER_PORT"] = str(port)
    return env


class Server:
    """A server subprocess on 127.0.0.1 (started with `command`), stopped on exit."""

    def __init__(self, command: list[str], port: int, log: Path) -> None:
        """Start `command` with its output in `log`."""
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.log = log
        self.started = time.perf_counter()
        with log.open("wb") as sink:
            self.process = subprocess.Popen(
                command, cwd=REPO, env=server_env(port), stdout=sink, stderr=subprocess.STDOUT
            )

    def wait_ready(self, limit: float = START_LIMIT) -> float:
        """Block until the page answers; return the seconds since start."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "config", timeout=5) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.started
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"server did not start in {limit:.0f} s: {self.log.read_text(errors='replace')[-2000:]}")

    def stop(self) -> None:
        """Terminate the process (kill it if it lingers)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=20)

    def __enter__(self) -> Server:
        """Use as a context manager."""
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop on exit."""
        self.stop()


def machine() -> dict[str, Any]:
    """The machine, versions and date the run is on."""
    import importlib.metadata as md

    versions = {}
    for name in ("torch", "sentence-transformers", "transformers", "faiss-cpu", "numpy", "bm25s", "gradio"):
        try:
            versions[name] = md.version(name)
        except md.PackageNotFoundError:
            versions[name] = "-"
    versions["gradio_client"] = md.version("gradio_client")
    try:
        load = os.getloadavg()
    except OSError:
        load = (float("nan"),) * 3
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpu": _cpu_name(),
        "cores": os.cpu_count(),
        "memory_gib": round(memory, 1),
        "load_at_start": [round(x, 2) for x in load],
        "versions": versions,
    }


def _cpu_name() -> str:
    """The CPU model from /proc/cpuinfo, or the platform's processor string."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def rss_mib(pid: int | None = None) -> float:
    """Resident memory of a process (this one by default) in MiB."""
    import psutil

    return float(psutil.Process(pid or os.getpid()).memory_info().rss) / 2**20
