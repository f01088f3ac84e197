"""Nothing a user types is written to logs or files: a unique marker asked through /ask, /chat, MCP and the chat
page is found nowhere the server could have written (its output, its working directory, HOME, TMPDIR,
GRADIO_TEMP_DIR, the feedback database, the repository)."""

from __future__ import annotations

import concurrent.futures
import os
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import anyio
import pytest
from conftest import CHROMIUM_ARGS, REPO, WebServer, _chromium_path
from test_browser import WAIT_MS

pytestmark = pytest.mark.web

SKIP_DIRS = {".git", ".mypy_cache", ".ruff_cache", ".hypothesis", "__pycache__", "node_modules"}


def _files(root: Path, since: float | None = None) -> Iterator[Path]:
    """Regular files under `root` (optionally only those changed since `since`), skipping tool caches."""
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(folder.iterdir())
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir():
                if entry.name not in SKIP_DIRS:
                    stack.append(entry)
            elif entry.is_file() and (since is None or entry.stat().st_mtime >= since):
                yield entry


def _holding(files: Iterator[Path], needles: list[bytes]) -> list[str]:
    """The files whose bytes contain any needle."""
    found = []
    for path in files:
        try:
            data = path.read_bytes()
        except OSError:
            continue
        if any(needle in data for needle in needles):
            found.append(str(path))
    return found


async def _mcp_ask(url: str, question: str) -> None:
    """Call the MCP `ask` tool once."""
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with streamable_http_client(url) as (read, write, _), ClientSession(read, write) as session:
        await session.initialize()
        result = await session.call_tool("ask", {"question": question, "history": []})
        assert not result.isError


def test_typed_questions_leave_no_trace_on_the_server(web_server: WebServer) -> None:
    from gradio_client import Client

    started = time.time() - 1
    marker = "quokka" + uuid.uuid4().hex[:12]  # made at run time: no source file holds it
    question = f"Does {marker} microneedling cause hair loss?"
    client = Client(web_server.url, verbose=False)
    client.predict(question=question, history=[question], api_name="/ask")
    client.predict(message=question, history=[{"role": "user", "content": question}], api_name="/chat")
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        pool.submit(anyio.run, _mcp_ask, web_server.url + "gradio_api/mcp/", question).result(timeout=120)

    browsed = _ask_in_the_browser(web_server, question)
    time.sleep(1)  # let the server flush anything it was going to write

    needles = [marker.encode(), marker.encode("utf-16-le")]
    log = web_server.log.read_bytes()
    assert b"Running on local URL" in log, "the captured output is the server's real output"
    assert not any(needle in log for needle in needles), "a question reached the server's output"
    private = [web_server.root, web_server.workdir, web_server.home, web_server.tmp]
    assert web_server.feedback_db.parent == web_server.root
    leaks = [hit for folder in private for hit in _holding(_files(folder), needles)]
    leaks += _holding(_files(REPO, since=started), needles)
    assert leaks == [], f"the marker was written to {leaks}"
    assert browsed or (_chromium_path() is None and os.environ.get("CI") != "true"), "Chromium is needed in CI"


def _ask_in_the_browser(web_server: WebServer, question: str) -> bool:
    """Type the question in the chat page and wait for the reply; False when Chromium is missing."""
    executable = _chromium_path()
    if executable is None:
        return False
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser: Any = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.set_default_timeout(WAIT_MS)
            page.goto(web_server.url)
            box = page.locator("#aa-question textarea")
            box.fill(question)
            box.press("Enter")
            page.wait_for_selector("#aa-chat .aa-answer")
            like = page.get_by_role("button", name="Like", exact=True)
            if like.count():
                like.last.click()  # feedback is on in this server: a rating must not store the question
                page.wait_for_timeout(500)
        finally:
            browser.close()
    return True
