"""Shared fixtures. Sections are appended by each test area; keep fixture names specific."""

from __future__ import annotations

# --- robustness and faults (tests/test_robustness.py, test_corpus_fuzz.py, test_faults.py) ---
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

REPO = Path(__file__).resolve().parent.parent
SEED_CORPUS = REPO / "corpus"
SEED_INDEX = REPO / "index"

# CI runs are reproducible (fixed seed); local runs explore new examples each time.
settings.register_profile(
    "ci", derandomize=True, deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") == "true" else "dev"))


@pytest.fixture(scope="session")
def real_embedder() -> object:
    """The bundled all-MiniLM-L6-v2, loaded once per test session (digest-checked)."""
    from assistant.embed import load_embedder

    return load_embedder(None)


@pytest.fixture(scope="session")
def seed_assistant(real_embedder: object, tmp_path_factory: pytest.TempPathFactory) -> object:
    """An Assistant over copies of the committed corpus/ and index/, shared by the session."""
    from assistant.engine import Assistant
    from assistant.index import open_index

    root = tmp_path_factory.mktemp("seed")
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(SEED_CORPUS, corpus)
    shutil.copytree(SEED_INDEX, index)
    return Assistant(open_index(corpus, index, real_embedder), real_embedder, corpus_dir=corpus)  # type: ignore[arg-type]


@pytest.fixture
def seed_copy(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """Fresh copies of the committed corpus/ and index/ in tmp_path: (corpus_dir, index_dir)."""
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(SEED_CORPUS, corpus)
    shutil.copytree(SEED_INDEX, index)
    yield corpus, index
    for path in (corpus, index):  # a test may have made them read-only
        for sub in [path, *path.rglob("*")]:
            if sub.is_dir():
                sub.chmod(0o755)


# --- web server (tests/test_web.py, tests/test_browser.py) ---
import socket  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import urllib.request  # noqa: E402
from dataclasses import dataclass  # noqa: E402

WEB_START_LIMIT = 180.0  # seconds to wait for the model to load and the server to answer


@dataclass(frozen=True)
class WebServer:
    """A running `article-assistant serve`: its URL, its log file, its process id and its private folders.

    The server runs in `workdir` (its current directory) with HOME, TMPDIR, XDG_CACHE_HOME and
    GRADIO_TEMP_DIR pointing under `root`, so every file it writes lands in a folder a test can search.
    """

    url: str
    log: Path
    feedback_db: Path
    corpus: Path
    index: Path
    pid: int = 0
    root: Path = Path()
    workdir: Path = Path()
    home: Path = Path()
    tmp: Path = Path()


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_http(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Return once `url` answers; fail with the server log if the process dies or never answers."""
    deadline = time.monotonic() + WEB_START_LIMIT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    pytest.fail(f"the server did not answer within {WEB_START_LIMIT:.0f} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="session")
def web_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    """The real server (real model, index and article copies) in a subprocess, with feedback on."""
    root = tmp_path_factory.mktemp("web")
    corpus, index = root / "corpus", root / "index"
    shutil.copytree(SEED_CORPUS, corpus)
    shutil.copytree(SEED_INDEX, index)
    port = free_port()
    log, feedback_db = root / "server.log", root / "feedback.sqlite"
    workdir, home, tmp = root / "cwd", root / "home", root / "tmp"
    for folder in (workdir, home, tmp):
        folder.mkdir()
    env = {
        **os.environ,
        "GRADIO_ANALYTICS_ENABLED": "False",
        "HF_HUB_OFFLINE": "1",
        "ARTICLE_ASSISTANT_FEEDBACK_DB": str(feedback_db),
        "PYTHONUNBUFFERED": "1",
        "HOME": str(home),
        "TMPDIR": str(tmp),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "GRADIO_TEMP_DIR": str(tmp / "gradio"),
    }
    for name in ("SPACE_ID", "GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT", "ARTICLE_ASSISTANT_MODEL", "HF_HOME"):
        env.pop(name, None)
    command = [sys.executable, "-m", "assistant", "serve", "--port", str(port), "--corpus", str(corpus)]
    command += ["--index", str(index)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=workdir, env=env, stdout=sink, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for_http(url, process, log)
        yield WebServer(url, log, feedback_db, corpus, index, process.pid, root, workdir, home, tmp)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=20)


# --- browser (tests/test_browser.py, tests/test_http_robustness.py) ---
from typing import Any  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium_path() -> str | None:
    """Chromium's executable, or None when it is not installed."""
    if CHROMIUM.is_file():
        return str(CHROMIUM)
    return shutil.which("chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium driven by Playwright; in CI a missing browser fails the run."""
    executable = _chromium_path()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Chromium is not installed (CI=true): apt-get install -y chromium")
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()
