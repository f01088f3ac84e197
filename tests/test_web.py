"""The web layer: the real server over HTTP (gradio_client, MCP, file routes), and its pieces in-process."""

from __future__ import annotations

import json
import sqlite3
import tomllib
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import anyio
import pytest
from conftest import REPO, WebServer, free_port

from assistant import messages
from assistant.answer import Answer, Quote

CONTRACT_KEYS = {"question", "status", "quotes", "notices", "advice", "suggestions", "markdown"}
QUOTE_KEYS = {"source", "section", "passage_id", "text", "highlights", "score", "start", "end"}
LIST_QUESTION = "What are the risks of microneedling on the scalp?"
OFF_TOPIC = "What is the capital of France?"


@pytest.fixture(scope="module")
def client(web_server: WebServer) -> Any:
    """A gradio_client connected to the session's server."""
    from gradio_client import Client

    return Client(web_server.url, verbose=False)


def _article(web_server: WebServer, source: str) -> str:
    """The full text of the server's copy of a corpus file."""
    [path] = [p for p in web_server.corpus.iterdir() if p.stem == source]
    return path.read_text(encoding="utf-8")


def _get(url: str) -> tuple[int, bytes]:
    """GET `url`: (status, body), without raising on HTTP errors."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


# ---------------------------------------------------------------- the /ask and /chat endpoints


@pytest.mark.web
def test_ask_endpoint_returns_the_contract_with_verbatim_quotes_in_article_order(
    client: Any, web_server: WebServer
) -> None:
    result = client.predict(question=LIST_QUESTION, history=[], api_name="/ask")
    assert set(result) == CONTRACT_KEYS
    assert result["status"] == "answered"
    assert len(result["quotes"]) >= 2, "a list question is answered by several items"
    for quote in result["quotes"]:
        assert set(quote) == QUOTE_KEYS
        article = _article(web_server, quote["source"])
        assert article[quote["start"] : quote["end"]] == quote["text"]
        assert quote["highlights"] and all(h in quote["text"] for h in quote["highlights"])
    starts = [q["start"] for q in result["quotes"]]
    assert starts == sorted(starts)
    assert messages.DISCLAIMER in result["notices"]


@pytest.mark.web
def test_ask_endpoint_abstains_on_an_off_topic_question(client: Any) -> None:
    result = client.predict(question=OFF_TOPIC, history=[], api_name="/ask")
    assert result["status"] == "abstained"
    assert result["quotes"] == []
    assert messages.NOT_COVERED in result["notices"]
    assert result["suggestions"]


@pytest.mark.web
def test_ask_endpoint_reports_invalid_input(client: Any) -> None:
    result = client.predict(question="   ", history=[], api_name="/ask")
    assert result["status"] == "invalid"
    assert result["notices"] == [messages.EMPTY]


@pytest.mark.web
def test_ask_endpoint_passes_the_history_to_the_engine(client: Any) -> None:
    follow_up = "Why would that cause hair loss?"
    alone = client.predict(question=follow_up, history=[], api_name="/ask")
    after = client.predict(question=follow_up, history=["Can microneedling cause an infection?"], api_name="/ask")
    sections = [(r["status"], [q["section"] for q in r["quotes"]]) for r in (alone, after)]
    assert sections[0] != sections[1], "the earlier question must change how the follow-up is read"
    assert after["status"] == "answered"
    assert after["quotes"][0]["section"] == "Risks of Microneedling on Hair Loss > 2. Infection"


@pytest.mark.web
def test_chat_endpoint_replies_with_quotes_and_the_disclaimer(client: Any, web_server: WebServer) -> None:
    reply = client.predict(message="What is the risk of infection?", history=[], api_name="/chat")
    assert isinstance(reply, str)
    assert "Infection" in reply
    assert "If an infection occurs in the scalp" in reply
    assert messages.DISCLAIMER in reply
    history = [{"role": "user", "content": LIST_QUESTION}, {"role": "assistant", "content": "..."}]
    follow_up = client.predict(message="tell me more", history=history, api_name="/chat")
    assert messages.NOT_COVERED not in follow_up, "read after the earlier question"
    assert messages.NOT_COVERED in client.predict(message="tell me more", history=[], api_name="/chat")


@pytest.mark.web
def test_only_the_documented_endpoints_are_public(client: Any) -> None:
    endpoints = client.view_api(return_format="dict", print_info=False)["named_endpoints"]
    assert set(endpoints) == {"/ask", "/chat"}
    names = [p["parameter_name"] for p in endpoints["/ask"]["parameters"]]
    assert names == ["question", "history"]


# ---------------------------------------------------------------- MCP


async def _mcp_session(url: str, question: str) -> tuple[list[Any], Any]:
    """List the MCP tools and call `ask` over streamable HTTP."""
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with (
        streamable_http_client(url) as (read, write, _),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        tools = (await session.list_tools()).tools
        result = await session.call_tool("ask", {"question": question, "history": []})
        return tools, result


@pytest.mark.web
def test_mcp_ask_tool_is_described_typed_and_returns_grounded_quotes(web_server: WebServer) -> None:
    tools, result = anyio.run(_mcp_session, web_server.url + "gradio_api/mcp/", "What are the risks of infection?")
    by_name = {tool.name: tool for tool in tools}
    assert "ask" in by_name
    ask = by_name["ask"]
    assert "verbatim quotes" in (ask.description or "")
    properties = ask.inputSchema["properties"]
    assert properties["question"]["type"] == "string"
    assert properties["question"].get("description")
    assert "history" in properties
    assert ask.inputSchema.get("required", []) == ["question"]
    assert not result.isError
    text = "".join(getattr(part, "text", "") for part in result.content)
    payload = json.loads(text)
    assert payload["status"] == "answered"
    article = _article(web_server, payload["quotes"][0]["source"])
    assert all(article[q["start"] : q["end"]] == q["text"] for q in payload["quotes"])


# ---------------------------------------------------------------- safe defaults


@pytest.mark.web
def test_file_routes_refuse_files_outside_the_app(web_server: WebServer) -> None:
    corpus_file = next(web_server.corpus.iterdir())
    targets = [
        Path("/etc/passwd"),
        web_server.index / "manifest.json",
        corpus_file,
        REPO / "index" / "manifest.json",
        REPO / "corpus" / corpus_file.name,
        REPO / "pyproject.toml",
    ]
    for target in targets:
        secret = target.read_bytes()[:40]
        for route in ("gradio_api/file=", "file=", "gradio_api/file/"):
            status, body = _get(web_server.url + route + str(target))
            assert status >= 400, f"{route}{target} was served"
            assert secret not in body


@pytest.mark.web
def test_uploads_are_refused(web_server: WebServer) -> None:
    boundary = "aaboundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="x.txt"\r\n'
        f"Content-Type: text/plain\r\n\r\n{'x' * 200}\r\n--{boundary}--\r\n"
    ).encode()
    request = urllib.request.Request(
        web_server.url + "gradio_api/upload",
        data=body,
        headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    assert status == 413


@pytest.mark.web
def test_config_is_safe(web_server: WebServer) -> None:
    status, body = _get(web_server.url + "config")
    assert status == 200
    config = json.loads(body)
    assert config.get("analytics_enabled") is False
    assert config.get("show_error") is False
    assert config.get("run_history") is False, "no record of questions kept, not even in the browser"
    assert not config.get("share_url")
    text = body.decode()
    assert messages.DISCLAIMER in text and messages.ABOUT in text
    assert all(example in text for example in messages.EXAMPLE_QUESTIONS)


@pytest.mark.web
def test_questions_are_not_written_to_the_server_log(client: Any, web_server: WebServer) -> None:
    marker = "Does quokkamarmalade microneedling cause hair loss"
    client.predict(question=marker, history=[], api_name="/ask")
    client.predict(message=marker, history=[], api_name="/chat")
    log = web_server.log.read_text(errors="replace")
    assert "Running on local URL" in log, "the log is the server's real output"
    assert "quokkamarmalade" not in log


# ---------------------------------------------------------------- in-process pieces (no server)


def _quote(text: str, highlights: tuple[str, ...], section: str = "Risks > 1. Thing", score: float = 2.0) -> Quote:
    """A Quote record for rendering tests."""
    return Quote("doc", section, "doc#1", text, highlights, score, 0, len(text))


def test_answer_html_escapes_article_text_and_marks_highlights() -> None:
    from assistant.web import answer_html

    text = "Plain <script>alert(1)</script> text. Use *stars* and $x$ and [a](b)!\n\nNext paragraph."
    html = answer_html(Answer("q", "answered", (_quote(text, ("Next paragraph.",)),), (messages.DISCLAIMER,)))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "*" not in html and "$" not in html and "[" not in html
    assert "<mark>Next paragraph.</mark>" in html
    assert "\n" not in html, "one HTML block: a blank line would let Markdown parse article text"
    assert "Risks &gt; 1. Thing" in html
    assert messages.RELEVANCE["high"] in html
    assert 'data-passage-id="doc#1"' in html
    assert messages.DISCLAIMER in html


def test_answer_html_for_an_abstention_lists_what_the_article_covers() -> None:
    from assistant.web import answer_html

    answer = Answer("q", "abstained", notices=(messages.NOT_COVERED, messages.COVERS), suggestions=("Infection",))
    html = answer_html(answer)
    assert messages.NOT_COVERED.replace("'", "&#x27;") in html
    assert "<li>Infection</li>" in html
    assert "<figure" not in html


def test_article_html_marks_exactly_the_quoted_spans(seed_assistant: Any) -> None:
    from assistant.web import article_html

    answer = seed_assistant.ask(LIST_QUESTION)
    page = article_html(seed_assistant, answer)
    assert page.count('<mark class="aa-quoted">') == len(answer.quotes)
    assert page.count("<strong>") >= len(answer.quotes)
    plain = article_html(seed_assistant)
    assert "<mark" not in plain
    assert "Conclusion" in plain


def test_feedback_is_off_by_default_and_on_with_a_store(seed_assistant: Any, tmp_path: Path) -> None:
    from assistant.web import FeedbackStore, build_app

    def like_events(app: Any) -> list[Any]:
        return [d for d in app.config["dependencies"] if any(t[1] == "like" for t in d["targets"])]

    off = build_app(seed_assistant)
    assert like_events(off) == []
    on = build_app(seed_assistant, FeedbackStore(tmp_path / "f.sqlite"))
    assert len(like_events(on)) == 1


def test_feedback_store_keeps_rating_ids_and_time_only(tmp_path: Path) -> None:
    from assistant.web import FeedbackStore

    store = FeedbackStore(tmp_path / "sub" / "feedback.sqlite")
    store.add(True, ["a#1", "a#2"])
    store.add(False, [])
    rows = store.rows()
    assert [(r[1], r[2]) for r in rows] == [("like", ["a#1", "a#2"]), ("dislike", [])]
    assert all(r[0].endswith("+00:00") for r in rows)
    with sqlite3.connect(tmp_path / "sub" / "feedback.sqlite") as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(feedback)")]
    assert columns == ["id", "created_at", "rating", "passage_ids"]


def test_feedback_from_env_is_off_unless_named(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from assistant.web import FEEDBACK_ENV, feedback_from_env

    monkeypatch.delenv(FEEDBACK_ENV, raising=False)
    assert feedback_from_env() is None
    monkeypatch.setenv(FEEDBACK_ENV, str(tmp_path / "f.sqlite"))
    store = feedback_from_env()
    assert store is not None and store.path == tmp_path / "f.sqlite"


def test_gate_turns_away_callers_beyond_its_slots() -> None:
    from assistant.web import Busy, Gate

    gate = Gate(waiting=1)
    with gate.enter(), pytest.raises(Busy), gate.enter():
        pass
    with gate.enter():  # the slot is free again
        pass


def test_handlers_run_the_engine_with_the_loading_threads_openmp_counts(seed_assistant: Any) -> None:
    """OpenMP counts are per thread: a Gradio worker thread starts at one per core, not at the loader's one."""
    import threading

    import faiss
    import torch

    from assistant.web import build_app

    class Recording:
        """The seed assistant, noting the thread and its OpenMP counts each time the app asks it."""

        def __init__(self, inner: Any) -> None:
            self.inner = inner
            self.calls: list[tuple[int, int, str]] = []

        def __getattr__(self, name: str) -> Any:
            return getattr(self.inner, name)

        def note(self) -> None:
            counts = (torch.get_num_threads(), faiss.omp_get_max_threads())
            self.calls.append((*counts, threading.current_thread().name))

        def ask(self, *args: Any) -> Any:
            self.note()
            return self.inner.ask(*args)

        def follow_ups(self, *args: Any) -> Any:  # the first call finds the answerable topics with the model
            self.note()
            return self.inner.follow_ups(*args)

    loader = (torch.get_num_threads(), faiss.omp_get_max_threads())
    recording = Recording(seed_assistant)
    app = build_app(recording)
    [ask] = [f.fn for f in app.fns.values() if f.api_name == "ask"]
    respond = next(f.fn for f in app.fns.values() if getattr(f.fn, "__name__", "") == "respond")  # page handler
    callers = [threading.Thread(target=ask, args=(LIST_QUESTION, [])) for _ in range(3)]
    callers.append(threading.Thread(target=respond, args=(LIST_QUESTION, [])))
    for thread in callers:
        thread.start()
    for thread in callers:
        thread.join()
    assert len(recording.calls) == 5, "three /ask calls, and the page's ask and follow-ups"
    assert {call[:2] for call in recording.calls} == {loader}
    assert len({call[2] for call in recording.calls}) == 1, "one engine thread serves every caller"
    assert recording.calls[0][2] not in {t.name for t in callers}


def test_user_questions_reads_gradio_6_message_content() -> None:
    from assistant.web import user_questions

    chat = [
        {"role": "user", "content": [{"type": "text", "text": "What are the risks?"}]},
        {"role": "assistant", "content": [{"type": "text", "text": "<div>quotes</div>"}]},
        {"role": "user", "content": "And infection?"},
        "junk",
    ]
    assert user_questions(chat) == ["What are the risks?", "And infection?"]
    assert user_questions(None) == []


def test_launch_options_are_safe_and_bind_for_a_space(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from assistant.web import launch_options

    for name in ("SPACE_ID", "GRADIO_SERVER_NAME", "GRADIO_SERVER_PORT"):
        monkeypatch.delenv(name, raising=False)
    local = launch_options(blocked=(tmp_path / "index", None))
    assert (local["server_name"], local["server_port"]) == ("127.0.0.1", 7860)
    assert local["share"] is False and local["show_error"] is False
    assert local["allowed_paths"] == []
    assert local["blocked_paths"] == [str((tmp_path / "index").resolve())]
    assert local["mcp_server"] is True
    monkeypatch.setenv("SPACE_ID", "someone/article-assistant")
    assert launch_options()["server_name"] == "0.0.0.0"
    monkeypatch.setenv("GRADIO_SERVER_PORT", "7999")
    assert launch_options()["server_port"] == 7999
    assert launch_options(host="127.0.0.2", port=8001)["server_name"] == "127.0.0.2"


def test_a_failed_load_serves_a_page_that_says_what_to_run(tmp_path: Path) -> None:
    from gradio_client import Client

    from assistant.web import create_app

    app = create_app(tmp_path / "no-corpus", tmp_path / "no-index", model=str(tmp_path / "no-model"))
    assert messages.FAULT in json.dumps(app.config)
    port = free_port()
    app.queue(max_size=4)
    app.launch(server_name="127.0.0.1", server_port=port, prevent_thread_lock=True, quiet=True, show_error=False)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        with pytest.raises(Exception, match="article-assistant build"):
            client.predict(question="What are the risks?", history=[], api_name="/ask")
        assert client.predict(message="What are the risks?", history=[], api_name="/chat") == messages.FAULT
    finally:
        app.close()


# ---------------------------------------------------------------- the Space


def _front_matter() -> dict[str, str]:
    """The YAML front matter of README.md as flat key: value pairs."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    assert text.startswith("---\n"), "a Space reads its settings from front matter at the very top"
    block = text[4 : text.index("\n---\n", 4)]
    pairs = (line.split(":", 1) for line in block.splitlines() if ":" in line)
    return {key.strip(): value.strip().strip('"') for key, value in pairs}


def test_readme_front_matter_configures_the_space() -> None:
    meta = _front_matter()
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    [gradio_pin] = [d for d in project["dependencies"] if d.startswith("gradio")]
    assert meta["sdk"] == "gradio"
    assert gradio_pin.endswith("==" + meta["sdk_version"])
    assert meta["python_version"] == "3.11"
    assert meta["app_file"] == "app.py" and (REPO / meta["app_file"]).is_file()
    assert meta["license"] == "mit"
    for key in ("title", "emoji", "colorFrom", "colorTo", "short_description"):
        assert meta[key], key
    assert len(meta["short_description"]) <= 60


def test_requirements_match_the_project_dependencies() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = (REPO / "requirements.txt").read_text(encoding="utf-8").splitlines()
    requirements = [line.strip() for line in lines if line.strip() and not line.startswith(("#", "-"))]
    assert sorted(requirements) == sorted(project["dependencies"])
    assert "torch==2.13.0" in requirements
