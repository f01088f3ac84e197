"""Benchmark 3: cold start of `python app.py` to the first answer, and the CLI's import cost."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from bench.common import REPO, Server, free_port, percentile, ratio

TARGET = 1.5
QUESTION = "Can microneedling cause hair loss?"


def _timed(command: list[str], env: dict[str, str] | None = None) -> float:
    """Seconds to run `command` to completion (output discarded; fails loudly on a non-zero exit)."""
    start = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def app_first_answer(log_dir: Path) -> dict[str, float]:
    """Seconds from starting `python app.py` to its page answering and to its first answered /ask."""
    from gradio_client import Client

    port = free_port()
    with Server([sys.executable, "app.py"], port, log_dir / "bench-cold.log") as server:
        page = server.wait_ready()
        client = Client(server.url, verbose=False)
        result = client.predict(question=QUESTION, history=[], api_name="/ask")
        answered = time.perf_counter() - server.started
    if result.get("status") != "answered":
        raise RuntimeError(f"cold start: unexpected answer {result!r}")
    return {"page_s": page, "first_answer_s": answered}


def run(log_dir: Path, repeats: int = 2) -> dict[str, Any]:
    """Interleave app cold starts with `import sentence_transformers`; then the CLI against `python -c pass`."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    app_runs: list[dict[str, float]] = []
    imports: list[float] = []
    for _ in range(repeats):
        imports.append(_timed([sys.executable, "-c", "import sentence_transformers"], env))
        app_runs.append(app_first_answer(log_dir))
    first = percentile([r["first_answer_s"] for r in app_runs], 50)
    baseline = percentile(imports, 50)
    cli = cli_costs(env)
    return {
        "repeats": repeats,
        "app_first_answer_s": first,
        "app_page_s": percentile([r["page_s"] for r in app_runs], 50),
        "import_sentence_transformers_s": baseline,
        "ratio": ratio(first, baseline),
        "target": TARGET,
        "meets": ratio(first, baseline) <= TARGET,
        **cli,
    }


def cli_costs(env: dict[str, str], repeats: int = 5) -> dict[str, Any]:
    """`article-assistant --help` vs `python -c pass`; `ask` on the built index vs the import it needs."""
    exe = [sys.executable, "-m", "assistant"]
    helps, passes = [], []
    for _ in range(repeats):
        passes.append(_timed([sys.executable, "-c", "pass"], env))
        helps.append(_timed([*exe, "--help"], env))
    asks, imports = [], []
    for _ in range(2):
        imports.append(_timed([sys.executable, "-c", "import sentence_transformers"], env))
        asks.append(_timed([*exe, "ask", QUESTION], env))
    return {
        "help_s": percentile(helps, 50),
        "python_pass_s": percentile(passes, 50),
        "help_ratio": ratio(percentile(helps, 50), percentile(passes, 50)),
        "ask_s": percentile(asks, 50),
        "ask_ratio_to_import": ratio(percentile(asks, 50), percentile(imports, 50)),
        "importtime_help": import_top([*exe, "--help"], env),
        "importtime_ask": import_top([*exe, "ask", QUESTION], env),
        "heavy_modules_on_help": heavy_modules([*exe, "--help"], env),
        "heavy_modules_on_ask": heavy_modules([*exe, "ask", QUESTION], env),
    }


HEAVY = ("torch", "sentence_transformers", "transformers", "gradio", "faiss", "bm25s", "fastapi", "pandas", "scipy")


def _importtime(command: list[str], env: dict[str, str]) -> list[tuple[str, int, int]]:
    """(module, self µs, cumulative µs) from `python -X importtime`."""
    done = subprocess.run(
        [command[0], "-X", "importtime", *command[1:]], cwd=REPO, env=env, capture_output=True, text=True, check=False
    )
    rows = []
    for line in done.stderr.splitlines():
        if line.startswith("import time:") and "|" in line and "self [us]" not in line:
            self_us, cumulative, name = line[len("import time:") :].split("|")
            rows.append((name.rstrip()[1:], int(self_us), int(cumulative)))  # keeps the nesting indent
    return rows


def import_top(command: list[str], env: dict[str, str], count: int = 8) -> list[tuple[str, float]]:
    """The top-level imports with the largest cumulative time, in ms."""
    rows = [(name, cumulative) for name, _, cumulative in _importtime(command, env) if not name.startswith(" ")]
    rows.sort(key=lambda row: -row[1])
    return [(name, cumulative / 1000) for name, cumulative in rows[:count]]


def heavy_modules(command: list[str], env: dict[str, str]) -> list[str]:
    """Which heavy packages the command imports at all."""
    names = {name.strip().split(".")[0] for name, _, _ in _importtime(command, env)}
    return [name for name in HEAVY if name in names]
