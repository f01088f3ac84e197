"""Bad input and hostile requests against the real server: /ask and /chat over HTTP, the chat page in Chromium,
file routes, CORS and the published API.

Reuses the inputs of tests/test_robustness.py (its listed nasty inputs and its hypothesis strategies, with fewer
examples). Every reply must be a clear, fixed message or a valid answer, never a traceback or exception text,
and the server must answer the next normal question.
"""

from __future__ import annotations

import concurrent.futures
import http.client
import json
import math
import re
import urllib.error
import urllib.parse
import urllib.request
from types import SimpleNamespace
from typing import Any

import anyio
import pytest
from conftest import REPO, WebServer
from hypothesis import HealthCheck, given, settings
from test_browser import WAIT_MS
from test_robustness import CANARY, LISTED, histories, questions

from assistant import messages

pytestmark = pytest.mark.web

STATUSES = {"answered", "abstained", "invalid"}
NORMAL = "What is the risk of infection?"
NORMAL_QUOTE = "If an infection occurs in the scalp"
# What a leaked Python error looks like: a traceback, an exception class name, a source path.
LEAK = re.compile(
    r"Traceback|File \"|\b[A-Z][A-Za-z]*(Error|Exception)\b|site-packages|\.py\b|/tmp/|/home/|/work/|object at 0x"
)
TRACEBACK = re.compile(r"Traceback|File \"|\b[A-Z][A-Za-z]*(Error|Exception)\b|site-packages")
EVIL = "http://evil.example"
XSS = "<img src=x onerror=alert(1)><b>bold</b><script>window.pwned=1</script>"


@pytest.fixture(scope="module")
def client(web_server: WebServer) -> Any:
    """A gradio_client connected to the session's server."""
    from gradio_client import Client

    return Client(web_server.url, verbose=False)


def _request(
    url: str, body: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One HTTP request: (status, lower-cased headers, body), without raising on HTTP errors."""
    request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            found = {k.lower(): v for k, v in response.headers.items()}
            try:
                return response.status, found, response.read()
            except http.client.IncompleteRead as cut:  # an event stream the server ends early
                return response.status, found, cut.partial
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _run_async(fn: Any, *args: Any) -> Any:
    """anyio.run in a fresh thread (Playwright's sync API keeps an event loop running in this one)."""
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(anyio.run, fn, *args).result(timeout=120)


def _no_leak(text: str) -> None:
    """`text` holds no traceback, exception name or local path."""
    found = LEAK.search(text)
    assert found is None, f"error text leaked: {found.group(0)!r} in {text[:300]!r}"


def _check_ask(result: Any) -> None:
    """A /ask result: the answer contract with fixed notices only, nothing leaked, the user's words not echoed."""
    assert isinstance(result, dict)
    assert result["status"] in STATUSES
    assert set(result["notices"]) <= set(messages.ALL), result["notices"]
    if result["status"] != "answered":
        assert result["quotes"] == []
        assert result["notices"], "a refusal says why"
    markdown = result["markdown"]
    assert "<" not in markdown
    assert CANARY not in markdown.lower()
    _no_leak(json.dumps({k: v for k, v in result.items() if k != "question"}, ensure_ascii=False))


def _check_chat(reply: Any) -> None:
    """A /chat reply: Markdown made of quotes and fixed messages, nothing leaked, the user's words not echoed."""
    assert isinstance(reply, str) and reply.strip()
    assert "<" not in reply
    assert CANARY not in reply.lower()
    assert any(m in reply for m in messages.ALL), "every reply carries at least one fixed message"
    _no_leak(reply)


def _raw_call(web_server: WebServer, api: str, body: bytes) -> tuple[str, str]:
    """POST a raw JSON body to /gradio_api/call/<api> and read its event stream: (event, data), or ("http", detail)."""
    base = web_server.url + f"gradio_api/call/{api}"
    status, _, joined = _request(base, body, {"Content-Type": "application/json"}, "POST")
    if status != 200:
        return "http", joined.decode("utf-8", "replace")
    event_id = json.loads(joined)["event_id"]
    _, _, stream = _request(f"{base}/{event_id}")
    lines = stream.decode("utf-8", "replace").splitlines()
    events = [line.split(":", 1)[1].strip() for line in lines if line.startswith("event:")]
    data = [line.split(":", 1)[1].strip() for line in lines if line.startswith("data:")]
    return events[-1], data[-1]


def _still_answers(client: Any) -> None:
    """The server answers a normal question after whatever came before."""
    reply = client.predict(message=NORMAL, history=[], api_name="/chat")
    assert NORMAL_QUOTE in reply


def _jsonable(raw: object) -> bool:
    """Whether gradio_client can send `raw` as it is (JSON, UTF-8, finite numbers)."""
    try:
        json.dumps(raw, allow_nan=False).encode("utf-8")
        if isinstance(raw, str):
            raw.encode("utf-8")
    except (TypeError, ValueError, UnicodeEncodeError):
        return False
    return True


# ---------------------------------------------------------------- the listed inputs over HTTP

SENDABLE = {key: raw for key, raw in LISTED.items() if _jsonable(raw)}
RAW_ONLY = {key: raw for key, raw in LISTED.items() if key not in SENDABLE}


@pytest.mark.parametrize("raw", list(SENDABLE.values()), ids=list(SENDABLE))
def test_listed_input_over_ask_and_chat(client: Any, raw: object) -> None:
    _check_ask(client.predict(question=raw, history=[], api_name="/ask"))
    _check_chat(client.predict(message=raw, history=[], api_name="/chat"))
    _still_answers(client)


def _raw_bodies() -> dict[str, bytes]:
    """Request bodies gradio_client cannot send: lone surrogates, NaN, bytes and objects as JSON can carry them."""
    bodies: dict[str, bytes] = {}
    for key, raw in RAW_ONLY.items():
        if isinstance(raw, str):
            value: object = raw  # json.dumps escapes lone surrogates as \\udxxx
        elif isinstance(raw, float) and math.isnan(raw):
            value = float("nan")  # sent as the bare token NaN, which strict JSON does not allow
        elif isinstance(raw, bytes):
            value = {"__bytes__": list(raw)}
        else:
            value = repr(raw)
        bodies[key] = json.dumps({"data": [value, []]}).encode("ascii")
    bodies["not_json"] = b"{this is not json"
    bodies["wrong_shape"] = b'{"data": "hair loss"}'
    bodies["too_many_args"] = b'{"data": ["hair loss", [], "extra", 1, 2]}'
    bodies["history_object"] = b'{"data": ["hair loss", {"role": "user"}]}'
    bodies["deep_nesting"] = ('{"data": [' + "[" * 500 + "]" * 500 + ", []]}").encode()
    return bodies


RAW_BODIES = _raw_bodies()


@pytest.mark.parametrize("body", list(RAW_BODIES.values()), ids=list(RAW_BODIES))
@pytest.mark.parametrize("api", ["ask", "chat"])
def test_raw_bodies_get_a_clear_answer_or_refusal(client: Any, web_server: WebServer, api: str, body: bytes) -> None:
    event, data = _raw_call(web_server, api, body)
    _no_leak(data)
    if event == "complete":
        [value] = json.loads(data)
        _check_ask(value) if api == "ask" else _check_chat(value)
    elif event == "error":
        error = json.loads(data)
        assert error is None or error.get("error") in {None, messages.ERROR, messages.BUSY}
    else:
        assert event == "http", "a body the server cannot read is refused by HTTP status"
    _still_answers(client)


# ---------------------------------------------------------------- hypothesis over HTTP

HTTP_EXAMPLES = 60


def _sendable_text(text: str) -> str:
    """The text with lone surrogates replaced (HTTP clients encode UTF-8; raw surrogates are covered above)."""
    return text.encode("utf-8", "replace").decode("utf-8")


def _sendable(value: Any) -> Any:
    """A history with every string made sendable, tuples as lists (what JSON carries), file parts as text.

    File parts reach the server in the raw-body tests; gradio_client itself would try to upload them.
    """
    if isinstance(value, str):
        return _sendable_text(value)
    if isinstance(value, (list, tuple)):
        return [_sendable(item) for item in value]
    if isinstance(value, dict):
        if "path" in value:  # gradio_client would upload this local file before sending: not what is tested here
            return {"type": "text", "text": _sendable_text(str(value["path"]))}
        return {_sendable_text(str(k)): _sendable(v) for k, v in value.items()}
    return value


@settings(max_examples=HTTP_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=questions.map(_sendable_text))
def test_any_text_over_ask(client: Any, question: str) -> None:
    _check_ask(client.predict(question=question, history=[], api_name="/ask"))


@settings(max_examples=HTTP_EXAMPLES, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=questions.map(_sendable_text), history=histories)
def test_any_text_and_history_over_chat(client: Any, question: str, history: Any) -> None:
    _check_chat(client.predict(message=question, history=_sendable(history), api_name="/chat"))


def test_the_server_answers_normally_after_the_fuzzing(client: Any) -> None:
    _still_answers(client)
    result = client.predict(question=NORMAL, history=[], api_name="/ask")
    assert result["status"] == "answered"


# ---------------------------------------------------------------- the chat page never renders input as markup


@pytest.mark.browser
def test_the_chat_never_renders_typed_html(browser: Any, web_server: WebServer) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(WAIT_MS)
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(web_server.url)
    page.wait_for_selector("#aa-question textarea")
    counts = "() => ['img', 'b', 'script'].map(t => document.querySelectorAll('#aa-chat ' + t).length)"
    before = page.evaluate(counts)
    for text in (XSS, f"{XSS} Can microneedling cause hair loss?"):
        n = page.locator("#aa-chat .aa-answer").count()
        box = page.locator("#aa-question textarea")
        box.fill(text)
        box.press("Enter")
        page.wait_for_function("n => document.querySelectorAll('#aa-chat .aa-answer').length > n", arg=n)
    page.wait_for_timeout(500)  # let any injected handler run before looking
    assert page.evaluate(counts) == before, "an <img>, <b> or <script> from the input reached the chat"
    assert page.locator("#aa-chat img[src='x'], #aa-chat [onerror]").count() == 0
    assert dialogs == []
    assert page.evaluate("() => typeof window.pwned") == "undefined"
    chat_html = page.locator("#aa-chat").inner_html()
    assert "onerror" not in chat_html.replace("onerror=alert(1)&gt;", "")  # shown as text at most
    replies = page.locator("#aa-chat .aa-answer")
    assert replies.count() == 2
    last = replies.last.inner_text()
    assert any(m in last for m in (messages.DISCLAIMER, messages.NOT_COVERED)), "a clear reply, not an error"
    page.close()


def test_article_text_is_escaped_in_the_article_panel(seed_assistant: Any) -> None:
    """Markup inside the article shows as text in the panel and in quotes (the article is not trusted as HTML)."""
    from assistant.answer import Quote
    from assistant.web import _marked, article_html

    hostile = "Risks <img src=x onerror=alert(1)> and <script>window.pwned=1</script> **bold** & more"
    original = seed_assistant.article_text

    class Article:
        """The seed assistant with a hostile article text."""

        def __getattr__(self, name: str) -> Any:
            return getattr(seed_assistant, name)

        def article_text(self, source: str) -> str:
            return hostile + "\n" + original(source)

    panel = article_html(Article())  # type: ignore[arg-type]
    assert "<img" not in panel and "<script" not in panel
    assert "&lt;img src=x onerror=alert(1)&gt;" in panel and "&lt;script&gt;" in panel
    assert "&amp; more" in panel and "**" not in panel
    quote = Quote("doc", "A <b>section</b>", "doc#1", hostile, (hostile[:5],), 1.0, 0, len(hostile))
    marked = _marked(quote, "mark")
    assert "<img" not in marked and "<script" not in marked and "<b>" not in marked


@pytest.mark.browser
def test_the_article_panel_shows_the_article_as_text(browser: Any, web_server: WebServer) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(WAIT_MS)
    page.goto(web_server.url)
    page.wait_for_selector("#aa-article .aa-scroll")
    article = next(web_server.corpus.iterdir()).read_text(encoding="utf-8")
    shown = page.locator("#aa-article .aa-scroll").inner_text()
    squash = re.compile(r"\s+")
    assert squash.sub(" ", shown).strip() == squash.sub(" ", article).strip()
    allowed = {"DIV", "SPAN", "BR", "MARK", "STRONG"}
    tags = set(page.evaluate("() => [...document.querySelectorAll('#aa-article .aa-scroll *')].map(e => e.tagName)"))
    assert tags <= allowed, tags - allowed
    page.close()


# ---------------------------------------------------------------- file routes (beyond test_web.py)


def _traversals(web_server: WebServer) -> dict[str, str]:
    """URL paths that try to reach files outside the app, by route and encoding."""
    corpus_file = next(web_server.corpus.iterdir())
    depth = "../" * 12
    encoded = "%2e%2e%2f" * 12
    double = "%252e%252e%252f" * 12
    targets = {
        "etc_passwd": "/etc/passwd",
        "index_folder": str(web_server.index),
        "index_manifest": str(web_server.index / "manifest.json"),
        "corpus_folder": str(web_server.corpus),
        "corpus_file": str(corpus_file),
        "git_config": str(REPO / ".git" / "config"),
        "cwd_git_config": str(web_server.workdir / ".git" / "config"),
        "cwd_env_file": str(web_server.workdir / ".env"),
        "server_log": str(web_server.log),
        "feedback_db": str(web_server.feedback_db),
    }
    paths: dict[str, str] = {}
    for name, target in targets.items():
        quoted = urllib.parse.quote(target)
        for route in ("gradio_api/file=", "file=", "gradio_api/file/"):
            paths[f"{route}{name}"] = route + target
            paths[f"{route}{name}_quoted"] = route + quoted
        paths[f"dots_{name}"] = f"gradio_api/file={depth}{target.lstrip('/')}"
        paths[f"encoded_dots_{name}"] = f"gradio_api/file={encoded}{quoted.lstrip('/')}"
        paths[f"double_encoded_{name}"] = f"gradio_api/file={double}{quoted.lstrip('/')}"
        paths[f"static_dots_{name}"] = f"static/{encoded}{quoted.lstrip('/')}"
        paths[f"assets_dots_{name}"] = f"assets/{encoded}{quoted.lstrip('/')}"
        paths[f"slash_dots_{name}"] = f"gradio_api/file/{encoded}{quoted.lstrip('/')}"
    for name in (".git/config", ".env", ".git/HEAD", "pyproject.toml", "index/manifest.json", "../../etc/passwd"):
        paths[f"relative_{name}"] = "gradio_api/file=" + name
        paths[f"relative_encoded_{name}"] = "gradio_api/file=" + urllib.parse.quote(name.replace("..", "%2e%2e"))
        paths[f"root_{name}"] = name
    return paths


ENV_SECRET = b"AA_TOKEN=not-a-real-secret-4f1c"
SECRETS = [b"root:x:0:0", b"[core]", b"ref: refs/heads", b'"passages"', b"build-system", b"SQLite format", ENV_SECRET]


def test_file_routes_refuse_traversal_dotfiles_and_private_folders(web_server: WebServer) -> None:
    # Dotfiles in the server's own working directory, where relative paths resolve.
    (web_server.workdir / ".git").mkdir(exist_ok=True)
    (web_server.workdir / ".git" / "config").write_text("[core]\n\trepositoryformatversion = 0\n")
    (web_server.workdir / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (web_server.workdir / ".env").write_bytes(ENV_SECRET + b"\n")
    article = next(web_server.corpus.iterdir()).read_bytes()[:60]
    served: list[str] = []
    for name, path in _traversals(web_server).items():
        status, _, body = _request(web_server.url + path)
        if status < 400 and (article in body or any(secret in body for secret in SECRETS)):
            served.append(f"{name}: {status}")
        assert TRACEBACK.search(body.decode("utf-8", "replace")) is None, name
    assert served == []


def test_the_index_page_is_the_only_thing_at_the_root(web_server: WebServer) -> None:
    for path in (".git/config", ".env", "server.log", "app.py", "assistant/web.py"):
        status, _, body = _request(web_server.url + path)
        assert status >= 400 or b"<!doctype html>" in body.lower()[:200], path
        assert b"[core]" not in body and b"import gradio" not in body


# ---------------------------------------------------------------- CORS, share link, published API


CORS_ROUTES = [
    ("GET", ""),
    ("GET", "config"),
    ("GET", "gradio_api/info"),
    ("GET", "gradio_api/openapi.json"),
    ("POST", "gradio_api/call/ask"),
    ("POST", "gradio_api/run/ask"),
    ("POST", "gradio_api/queue/join"),
    ("GET", "gradio_api/queue/data?session_hash=x"),
    ("POST", "gradio_api/upload"),
    ("POST", "gradio_api/mcp/"),
    ("GET", "gradio_api/mcp/schema"),
]


@pytest.mark.parametrize(("method", "path"), CORS_ROUTES, ids=[p or "root" for _, p in CORS_ROUTES])
@pytest.mark.parametrize("origin", [EVIL, "null", "http://127.0.0.1.evil.example", "http://localhost.evil.example"])
def test_cors_does_not_allow_other_origins(web_server: WebServer, method: str, path: str, origin: str) -> None:
    url = web_server.url + path
    preflight = {"Origin": origin, "Access-Control-Request-Method": method, "Access-Control-Request-Headers": "x"}
    _, headers, _ = _request(url, headers=preflight, method="OPTIONS")
    assert headers.get("access-control-allow-origin") not in {origin, "*"}
    body = json.dumps({"data": [NORMAL, []]}).encode() if method == "POST" else None
    simple = {"Origin": origin, "Content-Type": "application/json"}
    _, headers, _ = _request(url, body, simple, method)
    assert headers.get("access-control-allow-origin") not in {origin, "*"}


def test_cors_allows_the_page_itself(web_server: WebServer) -> None:
    """The check above could pass with CORS headers missing altogether: the app's own origin is echoed."""
    origin = web_server.url.rstrip("/")
    _, headers, _ = _request(web_server.url + "config", headers={"Origin": origin})
    assert headers.get("access-control-allow-origin") == origin


@pytest.mark.xfail(
    strict=True,
    reason="Gradio's CORS middleware is strict only when the Host is localhost: behind a proxy or on a Space it "
    "echoes any Origin (docs/security.md, 'What it does not defend against')",
)
def test_cors_behind_a_proxy_does_not_allow_other_origins(web_server: WebServer) -> None:
    _, headers, _ = _request(web_server.url + "config", headers={"Origin": EVIL, "Host": "assistant.example.org"})
    assert headers.get("access-control-allow-origin") != EVIL


def test_no_share_link_is_made(web_server: WebServer) -> None:
    log = web_server.log.read_text(errors="replace")
    assert "gradio.live" not in log and "Running on public URL" not in log
    _, _, body = _request(web_server.url + "config")
    config = json.loads(body)
    assert not config.get("share_url")


def test_the_published_api_is_exactly_ask_and_chat(web_server: WebServer, client: Any) -> None:
    expected = {"/ask", "/chat"}
    for query in ("", "?all_endpoints=true"):
        _, _, body = _request(web_server.url + "gradio_api/info" + query)
        info = json.loads(body)
        assert set(info["named_endpoints"]) == expected, query
        assert info["unnamed_endpoints"] == {}, query
    _, _, body = _request(web_server.url + "gradio_api/openapi.json")
    paths = set(json.loads(body).get("paths", {}))
    apis = {p.split("/")[-1] for p in paths if "/call/v2/" in p}
    assert apis == {"ask", "chat"}
    assert {p for p in paths if "/call/" not in p} <= {"/gradio_api/upload"}
    assert set(client.view_api(return_format="dict", print_info=False)["named_endpoints"]) == expected
    # The page's own handler is private: Gradio's client refuses it (raw HTTP can still reach it, as the page does).
    with pytest.raises(Exception, match="respond"):
        client.predict("x", [], api_name="/respond")


async def _mcp_tools(url: str) -> list[str]:
    """The names of the MCP server's tools."""
    from mcp import ClientSession
    from mcp.client.streamable_http import streamable_http_client

    async with streamable_http_client(url) as (read, write, _), ClientSession(read, write) as session:
        await session.initialize()
        return [tool.name for tool in (await session.list_tools()).tools]


def test_the_mcp_server_offers_only_the_public_endpoints(web_server: WebServer) -> None:
    tools = _run_async(_mcp_tools, web_server.url + "gradio_api/mcp/")
    assert sorted(tools) == ["ask", "chat"]


# ---------------------------------------------------------------- a full queue says busy


def test_a_full_queue_refuses_with_the_busy_message() -> None:
    import gradio as gr

    from assistant.web import busy_when_queue_full

    with gr.Blocks() as app:

        def echo(question: str) -> str:
            return question

        gr.api(echo, api_name="echo")
    app.queue(max_size=0)  # always full
    busy_when_queue_full(app)
    busy_when_queue_full(app)  # idempotent
    success, detail, state = _run_async(app._queue.push, SimpleNamespace(fn_index=0), None, None)
    assert (success, detail, state) == (False, messages.BUSY, "queue_full")


def test_sessions_kept_in_memory_are_bounded() -> None:
    from assistant.web import SESSION_CAPACITY, launch_options

    assert launch_options()["state_session_capacity"] == SESSION_CAPACITY
    assert 0 < SESSION_CAPACITY < 10_000, "below Gradio's default, which a flood of API calls fills"
