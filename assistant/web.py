"""The web layer: a Gradio chat page, the /ask and /chat API endpoints and the MCP `ask` tool.

`build_app(assistant)` builds the page; `serve()` loads the assistant and launches it with
safe defaults (no share link, no extra files served, analytics off, a bounded queue).
Nothing a user types is kept on the server or written to logs.
"""

from __future__ import annotations

import html
import json
import logging
import os
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import gradio as gr

from assistant import messages
from assistant.answer import Answer, Quote, mark_highlights
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.engine import Assistant

log = logging.getLogger(__name__)
T = TypeVar("T")

FEEDBACK_ENV = "ARTICLE_ASSISTANT_FEEDBACK_DB"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7860
MAX_WAITING = 4  # answers running or waiting for the model; more get messages.BUSY at once
QUEUE_MAX = 32  # events Gradio holds before refusing new ones
# Sessions whose copy of the page state Gradio keeps in memory; the oldest are dropped first. Every API call
# starts a new session, so Gradio's default (10,000) let a flood of calls grow the server for a long time.
SESSION_CAPACITY = 256
SUGGESTION_SLOTS = 4
FOLLOW_UPS = 3
_MARKDOWN_ENTITIES = {c: f"&#{ord(c)};" for c in "\\`*_[]#|~$"}
_PASSAGE_ID = re.compile(r'data-passage-id="([^"]+)"')

CSS = """
.aa-header h1 { margin: 0 0 .25rem; font-size: 1.5rem; }
.aa-header p { margin: .25rem 0; }
.aa-notice { border-left: 4px solid #b45309; background: #fffbeb; color: #3b2a06; padding: .4rem .6rem; }
.aa-answer figure { margin: 0 0 .75rem; }
.aa-answer blockquote { margin: 0; padding: .25rem .75rem; border-left: 4px solid #6b7280; }
.aa-answer mark, .aa-article mark { background: #fde68a; color: inherit; padding: 0 .1em; }
.aa-answer mark strong, .aa-answer blockquote strong { font-weight: 700; }
.aa-answer figcaption { font-size: .9em; margin-top: .25rem; }
.aa-rel { display: inline-block; border: 1px solid currentColor; border-radius: .5rem;
  padding: 0 .4rem; font-size: .85em; }
.aa-scroll { position: relative; max-height: 70vh; overflow-y: auto; white-space: pre-wrap; line-height: 1.55;
  padding: .5rem .75rem; border: 1px solid #d1d5db; border-radius: .5rem; }
.aa-scroll:focus { outline: 3px solid #2563eb; outline-offset: 2px; }
.aa-article mark.aa-quoted { background: #fde68a; }
.aa-article mark.aa-advice { background: #e0e7ff; }
.aa-article mark strong { font-weight: 700; text-decoration: underline; }
.aa-article .aa-h { font-weight: 700; }
.aa-suggestions button { white-space: normal; }
@media (max-width: 640px) { .aa-scroll { max-height: 50vh; } .aa-header h1 { font-size: 1.25rem; } }
"""

# Runs in the article panel whenever its value changes: scroll the first quoted passage into view
# inside the panel only (the page itself does not jump).
SCROLL_JS = """
const show = () => {
  const box = element.querySelector('.aa-scroll');
  const mark = box && box.querySelector('mark');
  if (box) { box.scrollTop = mark ? Math.max(0, mark.offsetTop - 24) : 0; }
};
watch('value', show);
show();
"""

# Runs after each answer: scroll the chat (only the chat) so the latest answer starts in view.
SCROLL_CHAT_JS = """
() => {
  setTimeout(() => {
    const answers = document.querySelectorAll('#aa-chat .aa-answer');
    const last = answers[answers.length - 1];
    let box = last ? last.parentElement : null;
    while (box && !(box.scrollHeight > box.clientHeight && /(auto|scroll)/.test(getComputedStyle(box).overflowY))) {
      box = box.parentElement;
    }
    if (!box || box === document.body || box === document.documentElement) { return; }
    box.scrollTop += last.getBoundingClientRect().top - box.getBoundingClientRect().top - 72;
  }, 120);
}
"""


class FeedbackStore:
    """Ratings of answers in a SQLite file: the rating, the quoted passage ids and the time; never the question."""

    def __init__(self, path: Path | str) -> None:
        """Open (and create when needed) the feedback database at `path`."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._connect() as db:
            db.execute(
                "CREATE TABLE IF NOT EXISTS feedback ("
                "id INTEGER PRIMARY KEY AUTOINCREMENT, created_at TEXT NOT NULL, "
                "rating TEXT NOT NULL CHECK (rating IN ('like', 'dislike')), passage_ids TEXT NOT NULL)"
            )

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """A short-lived connection, committed and closed on exit."""
        db = sqlite3.connect(self.path, timeout=10)
        try:
            with db:
                yield db
        finally:
            db.close()

    def add(self, liked: bool, passage_ids: Sequence[str]) -> None:
        """Store one rating with the ids of the passages it rates."""
        now = datetime.now(UTC).isoformat(timespec="seconds")
        with self._connect() as db:
            db.execute(
                "INSERT INTO feedback (created_at, rating, passage_ids) VALUES (?, ?, ?)",
                (now, "like" if liked else "dislike", json.dumps(list(passage_ids))),
            )

    def rows(self) -> list[tuple[str, str, list[str]]]:
        """All ratings, oldest first, as (created_at, rating, passage_ids)."""
        with self._connect() as db:
            found = db.execute("SELECT created_at, rating, passage_ids FROM feedback ORDER BY id").fetchall()
        return [(created, rating, json.loads(ids)) for created, rating, ids in found]


def feedback_from_env() -> FeedbackStore | None:
    """The feedback store named by $ARTICLE_ASSISTANT_FEEDBACK_DB, or None (the default: feedback off)."""
    path = os.environ.get(FEEDBACK_ENV, "").strip()
    return FeedbackStore(path) if path else None


class Busy(Exception):
    """Too many answers are already running or waiting."""


class Gate:
    """Lets at most `waiting` callers in at once (the rest are told to come back) and one at a time use the model."""

    def __init__(self, waiting: int = MAX_WAITING) -> None:
        """Create a gate admitting `waiting` callers."""
        self._slots = threading.BoundedSemaphore(waiting)
        self._model = threading.Lock()

    @contextmanager
    def enter(self) -> Iterator[None]:
        """Hold the model; raise Busy at once when the waiting slots are full."""
        if not self._slots.acquire(blocking=False):
            raise Busy
        try:
            with self._model:
                yield
        finally:
            self._slots.release()


class EngineThreads:
    """Runs the engine on one dedicated thread that has the OpenMP thread counts of the thread that loaded it.

    OpenMP thread counts belong to a thread: `torch.set_num_threads` and `faiss.omp_set_num_threads`
    change only the calling thread's. Loading leaves the loading thread at one (index.configure_faiss;
    torch shares that OpenMP runtime), which is how the engine runs in process. Gradio runs handlers in
    AnyIO worker threads (up to 40) that start at OpenMP's default, one thread per core: on 2 cores the
    second thread spun against the event loop, the HTTP client and anything else running, and an answer
    took up to 2-7x longer in the server than in process. Setting the counts in each worker instead let
    every one of them keep its own torch buffers (server RSS +35% over a 90 s soak). The Gate already
    lets one answer use the model at a time, so one engine thread, set once, costs no throughput.
    """

    def __init__(self, torch_threads: int | None, faiss_threads: int | None) -> None:
        """Counts to give the engine thread; None leaves that library as it is."""
        self.torch_threads = torch_threads
        self.faiss_threads = faiss_threads
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="engine", initializer=self._apply)

    @classmethod
    def of_this_thread(cls) -> EngineThreads:
        """The calling thread's counts (for libraries already imported; the web layer imports neither)."""
        torch, faiss = sys.modules.get("torch"), sys.modules.get("faiss")
        return cls(
            int(torch.get_num_threads()) if torch is not None else None,
            int(faiss.omp_get_max_threads()) if faiss is not None else None,
        )

    def run(self, fn: Callable[..., T], *args: Any) -> T:
        """Call `fn(*args)` on the engine thread and wait for its result (its exceptions are raised here)."""
        return self._pool.submit(fn, *args).result()

    def _apply(self) -> None:
        """Give the engine thread the counts (runs once, when it starts)."""
        torch, faiss = sys.modules.get("torch"), sys.modules.get("faiss")
        if torch is not None and self.torch_threads:
            torch.set_num_threads(self.torch_threads)
        if faiss is not None and self.faiss_threads:
            faiss.omp_set_num_threads(self.faiss_threads)


# ---------------------------------------------------------------- rendering


def _escape(text: str) -> str:
    """Escape text for HTML, and Markdown/LaTeX control characters as entities, so it shows literally."""
    return "".join(_MARKDOWN_ENTITIES.get(c) or html.escape(c, quote=True) for c in text).replace("\n", "<br>")


def _marked(quote: Quote, tag: str) -> str:
    """A quote's text escaped, with its highlight sentences wrapped in <tag>."""
    return mark_highlights(quote.text, quote.highlights, _escape, f"<{tag}>{{}}</{tag}>")


def _quote_html(quote: Quote, kind: str = "aa-quote") -> str:
    """One quote: the verbatim passage with its best sentences marked, its section cited and its relevance."""
    relevance = messages.RELEVANCE[quote.relevance]
    return (
        f'<figure class="{kind}" data-passage-id="{html.escape(quote.passage_id)}">'
        f"<blockquote>{mark_highlights(quote.text, quote.highlights, _escape, '<mark>{}</mark>')}</blockquote>"
        f"<figcaption>— <cite>{_escape(quote.section)}</cite> "
        f'<span class="aa-rel aa-rel-{quote.relevance}">{_escape(relevance)}</span></figcaption></figure>'
    )


def answer_html(answer: Answer) -> str:
    """The chat message for an answer: quotes in reading order, the article's advice, then the fixed notices.

    It is one HTML block with no blank lines, and every piece of text is escaped,
    so the chat's Markdown renderer shows the article's words exactly.
    """
    parts = [_quote_html(q) for q in answer.quotes]
    if answer.status == "answered" and answer.advice:
        parts.append(f'<p class="aa-from">{_escape(messages.FROM_ARTICLE)}</p>')
        parts.extend(_quote_html(q, "aa-advice") for q in answer.advice)
    parts.extend(f'<p class="aa-note">{_escape(n)}</p>' for n in answer.notices)
    if answer.suggestions:
        parts.append("<ul>" + "".join(f"<li>{_escape(s)}</li>" for s in answer.suggestions) + "</ul>")
    return f'<div class="aa-answer" data-status="{answer.status}">' + "".join(parts) + "</div>"


def notice_html(text: str, status: str = "notice") -> str:
    """A chat message holding one fixed message."""
    return f'<div class="aa-answer" data-status="{status}"><p class="aa-note">{_escape(text)}</p></div>'


def article_html(assistant: Assistant, answer: Answer | None = None) -> str:
    """The whole article as escaped HTML, with the passages quoted in `answer` marked (<mark>) in place."""
    quotes = answer.quotes if answer else ()
    advice = answer.advice if answer and answer.status == "answered" else ()
    sources = assistant.sources
    source = (quotes or advice)[0].source if (quotes or advice) else (sources[0] if sources else "")
    text = assistant.article_text(source) if source else ""
    if not text:
        return f'<div class="aa-article"><p>{_escape(messages.NO_ARTICLE)}</p></div>'
    headings = _headings(assistant, source)
    spans = sorted(
        [(q.start, q.end, "aa-quoted", q) for q in quotes if q.source == source]
        + [(q.start, q.end, "aa-advice", q) for q in advice if q.source == source],
        key=lambda span: span[0],
    )
    pieces: list[str] = []
    cursor = 0
    for start, end, kind, quote in spans:
        if start < cursor or end > len(text) or text[start:end] != quote.text:
            continue  # overlapping or not where it claims to be: leave that text unmarked
        pieces.append(_plain(text[cursor:start], headings))
        pieces.append(f'<mark class="{kind}">{_marked(quote, "strong")}</mark>')
        cursor = end
    pieces.append(_plain(text[cursor:], headings))
    body = "".join(pieces)
    return (
        f'<div class="aa-article"><div class="aa-scroll" tabindex="0" role="region" '
        f'aria-label="{html.escape(messages.ARTICLE_LABEL)}">{body}</div></div>'
    )


def _headings(assistant: Assistant, source: str) -> set[str]:
    """The article's heading lines: its title and the last part of each section path."""
    found: set[str] = set()
    for passage in assistant.index.passages:
        if passage.source == source:
            found.add(passage.title.strip())
            found.add(passage.section.split(" > ")[-1].strip())
    return found


def _plain(text: str, headings: set[str]) -> str:
    """Unquoted article text, escaped; lines that are headings are set in bold."""
    lines = text.split("\n")
    out = [
        f'<span class="aa-h">{_escape(line)}</span>' if line.strip() in headings else _escape(line) for line in lines
    ]
    return "<br>".join(out)


def _text_of(content: Any) -> str:
    """The text of a chat message's content (a string or a list of content parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or content.get("content") or "")
    if isinstance(content, (list, tuple)):
        return "".join(_text_of(part) for part in content)
    return ""


def user_questions(chat: Sequence[Any] | None) -> list[str]:
    """The user's earlier questions in a chat history (message dicts), oldest first."""
    return [_text_of(m.get("content")) for m in chat or () if isinstance(m, dict) and m.get("role") == "user"]


def _header_html(title: str) -> str:
    """The first thing on the page: title, what the assistant does, and the standing notice."""
    return (
        f'<div class="aa-header"><h1>{html.escape(title)}</h1><p>{html.escape(messages.ABOUT)}</p>'
        f'<p class="aa-notice" role="note">{html.escape(messages.DISCLAIMER)}</p></div>'
    )


def article_title(assistant: Assistant) -> str:
    """The first article's title, as the article gives it."""
    passages = assistant.index.passages
    return passages[0].title if passages else "article-assistant"


# ---------------------------------------------------------------- the app


def send_mcp_results_as_json() -> None:
    """Make Gradio's MCP server send a tool's dict result as JSON text (it sends `str(result)`, a Python repr).

    Patches `GradioMCPServer.postprocess_output_data` once per process; file results are left alone.
    """
    from gradio import mcp
    from gradio_client import utils as client_utils

    server = mcp.GradioMCPServer
    if getattr(server.postprocess_output_data, "_article_assistant_json", False):
        return
    original = server.postprocess_output_data

    def postprocess_output_data(self: Any, data: Any, root_url: str) -> Any:
        """JSON-encode plain dict results, then do what Gradio does."""
        if isinstance(data, (list, tuple)):
            data = [
                json.dumps(item, ensure_ascii=False)
                if isinstance(item, dict) and not client_utils.is_file_obj_with_meta(item)
                else item
                for item in data
            ]
        return original(self, data, root_url)

    postprocess_output_data._article_assistant_json = True  # type: ignore[attr-defined]
    server.postprocess_output_data = postprocess_output_data  # type: ignore[method-assign]


def busy_when_queue_full(app: gr.Blocks) -> None:
    """Make a full Gradio queue refuse new events with messages.BUSY (it says "Queue is full. Max size is ...").

    Call after `app.queue(...)`, which creates the queue. The refusal keeps its HTTP status (503).
    """
    queue = app._queue
    if getattr(queue.push, "_article_assistant_busy", False):
        return
    original = queue.push

    async def push(*args: Any, **kwargs: Any) -> tuple[bool, Any, str]:
        """Gradio's push, with the fixed busy message when the queue is full."""
        success, detail, state = await original(*args, **kwargs)
        return (success, messages.BUSY, state) if state == "queue_full" else (success, detail, state)

    push._article_assistant_busy = True  # type: ignore[attr-defined]
    queue.push = push  # type: ignore[method-assign,assignment]


def build_app(assistant: Assistant, feedback: FeedbackStore | None = None, gate: Gate | None = None) -> gr.Blocks:
    """Build the chat page, the /ask and /chat endpoints and (through launch) the MCP tool.

    `feedback` turns on like/dislike buttons whose ratings go to that store; without it
    nothing is stored. `gate` bounds how many answers run or wait at once.
    """
    send_mcp_results_as_json()
    gate = gate or Gate()
    threads = EngineThreads.of_this_thread()
    title = article_title(assistant)
    known_ids = {p.id for p in assistant.index.passages}

    def ask(question: str, history: list[str] | None = None) -> dict[str, Any]:
        """Answer a question about the article with verbatim quotes from it (never advice of its own).

        Returns the JSON answer contract: status is "answered" (quotes hold the article's
        passages, each with its section, the best sentences in highlights and a score),
        "abstained" (the article does not answer it; suggestions lists topics it does) or
        "invalid" (no usable question). notices holds fixed messages such as the disclaimer.

        Args:
            question: The question about the article, in English.
            history: Earlier questions of the same conversation, oldest first (empty for a new conversation).
        """
        try:
            with gate.enter():
                return threads.run(assistant.ask, question, list(history or ())).to_dict()
        except Busy:  # no traceback in the log: under load every refusal printed ~30 lines
            raise gr.Error(messages.BUSY, print_exception=False) from None
        except Exception:
            log.exception("the /ask endpoint failed")
            raise gr.Error(messages.ERROR, print_exception=False) from None

    def chat(message: str, history: list[dict[str, Any]] | None = None) -> str:
        """Reply to a chat message about the article with verbatim quotes (Markdown), as the chat page does.

        Args:
            message: The new chat message (a question about the article).
            history: The conversation so far as {"role", "content"} messages; only user messages are used.
        """
        try:
            with gate.enter():
                return threads.run(assistant.ask, message, user_questions(history)).markdown
        except Busy:
            return messages.BUSY
        except Exception:
            log.exception("the /chat endpoint failed")
            return messages.ERROR

    def respond(message: str, chat_value: list[dict[str, Any]] | None) -> tuple[Any, ...]:
        """The page's handler: append the question and its answer, mark the article, offer follow-ups."""
        chat_value = list(chat_value or [])
        earlier = user_questions(chat_value)
        answer: Answer | None = None
        try:
            with gate.enter():
                answer = threads.run(assistant.ask, message, earlier)
                # on the engine thread too: the first follow-ups find the answerable topics with the model
                follow = threads.run(assistant.follow_ups, answer, FOLLOW_UPS) if answer.status != "invalid" else []
            reply = answer_html(answer)
            panel = article_html(assistant, answer)
        except Busy:
            reply, panel, follow = notice_html(messages.BUSY, "busy"), gr.skip(), []
        except Exception:
            log.exception("the chat handler failed")
            reply, panel, follow = notice_html(messages.ERROR, "error"), gr.skip(), []
        shown = answer.question if answer is not None else message.strip()
        if shown:
            chat_value.append({"role": "user", "content": shown})
        chat_value.append({"role": "assistant", "content": reply})
        label = messages.TRY_ASKING if follow else gr.skip()
        buttons = _suggestion_updates(follow) if follow else [gr.skip()] * SUGGESTION_SLOTS
        return (chat_value, "", panel, label, *buttons)

    def rate(chat_value: list[dict[str, Any]] | None, like: gr.LikeData) -> None:
        """Store a like/dislike with the passage ids of the rated answer (never its question)."""
        if feedback is None:
            return
        index = like.index[0] if isinstance(like.index, (list, tuple)) else like.index
        items = list(chat_value or [])
        if not isinstance(index, int) or not 0 <= index < len(items):
            return
        message = items[index]
        if not isinstance(message, dict) or message.get("role") != "assistant":
            return
        ids = [i for i in dict.fromkeys(_PASSAGE_ID.findall(_text_of(message.get("content")))) if i in known_ids]
        if like.liked is True or like.liked is False:
            feedback.add(bool(like.liked), ids)

    with gr.Blocks(title=title, analytics_enabled=False) as app:
        gr.HTML(_header_html(title), elem_id="aa-header", js_on_load=None)
        with gr.Row(equal_height=False):
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    label="Chat",
                    show_label=False,
                    autoscroll=False,
                    elem_id="aa-chat",
                    height=None,
                    min_height=180,
                    max_height=560,
                    latex_delimiters=[],
                    feedback_options=("Like", "Dislike") if feedback else None,
                    buttons=["copy"],
                    placeholder=html.escape(messages.EXAMPLES_LABEL.rstrip(":")) + " ↓",
                )
                with gr.Row():
                    question = gr.Textbox(
                        label=messages.QUESTION_LABEL,
                        placeholder=messages.QUESTION_PLACEHOLDER,
                        elem_id="aa-question",
                        scale=5,
                        min_width=200,
                        max_length=2000,
                        autofocus=True,
                        lines=1,
                        max_lines=4,
                    )
                    send = gr.Button(messages.SEND, variant="primary", elem_id="aa-send", scale=1, min_width=80)
                label = gr.Markdown(messages.EXAMPLES_LABEL, elem_id="aa-suggestions-label")
                with gr.Row(elem_classes="aa-suggestions", elem_id="aa-suggestions"):
                    slots = [
                        gr.Button(
                            text if (text := _slot_text(messages.EXAMPLE_QUESTIONS, i)) else "",
                            visible=bool(text),
                            size="sm",
                            variant="secondary",
                            elem_classes="aa-suggestion",
                            min_width=140,
                        )
                        for i in range(SUGGESTION_SLOTS)
                    ]
            with gr.Column(scale=2, min_width=300):
                gr.Markdown(f"**{messages.ARTICLE_LABEL}**")
                article = gr.HTML(article_html(assistant), elem_id="aa-article", js_on_load=SCROLL_JS)

        outputs = [chatbot, question, article, label, *slots]
        common: dict[str, Any] = {
            "outputs": outputs,
            "api_visibility": "private",
            "concurrency_limit": None,
            "show_progress": "minimal",
        }
        events = [question.submit(respond, [question, chatbot], **common)]
        events.append(send.click(respond, [question, chatbot], **common))
        events.extend(slot.click(respond, [slot, chatbot], **common) for slot in slots)
        for event in events:
            event.then(None, None, None, js=SCROLL_CHAT_JS, queue=False, api_visibility="private")
        if feedback is not None:
            chatbot.like(rate, [chatbot], None, api_visibility="private", queue=False)
        gr.api(ask, api_name="ask", concurrency_limit=None)
        gr.api(chat, api_name="chat", concurrency_limit=None)
    return app


def _slot_text(texts: Sequence[str], i: int) -> str:
    """The i-th text, or "" past the end."""
    return texts[i] if i < len(texts) else ""


def _suggestion_updates(texts: Sequence[str]) -> list[Any]:
    """Button updates showing `texts` in the suggestion slots and hiding the rest."""
    return [gr.Button(value=_slot_text(texts, i), visible=bool(_slot_text(texts, i))) for i in range(SUGGESTION_SLOTS)]


def build_fault_app(reason: str = messages.FAULT) -> gr.Blocks:
    """A page (and /ask, /chat endpoints) that only says the assistant is not ready and what to run."""

    def ask(question: str, history: list[str] | None = None) -> dict[str, Any]:
        """Answer a question about the article with verbatim quotes (unavailable: the assistant is not ready).

        Args:
            question: The question about the article.
            history: Earlier questions of the conversation, oldest first.
        """
        raise gr.Error(reason, print_exception=False)

    def chat(message: str, history: list[dict[str, Any]] | None = None) -> str:
        """Reply to a chat message about the article (unavailable: the assistant is not ready).

        Args:
            message: The new chat message.
            history: The conversation so far as role/content messages.
        """
        return reason

    with gr.Blocks(title="article-assistant", analytics_enabled=False) as app:
        gr.HTML(
            f'<div class="aa-header"><h1>article-assistant</h1><p class="aa-notice" role="alert">'
            f"{html.escape(reason)}</p></div>",
            elem_id="aa-header",
            js_on_load=None,
        )
        gr.api(ask, api_name="ask")
        gr.api(chat, api_name="chat")
    return app


def create_app(
    corpus_dir: Path | str | None = None,
    index_dir: Path | str | None = None,
    model: str | None = None,
    feedback: FeedbackStore | None = None,
) -> gr.Blocks:
    """Load the assistant and build its app; if loading fails, build the fault page instead.

    The operator's detailed reason (which may name local paths) goes to the log;
    the page shows messages.FAULT.
    """
    from assistant.engine import Assistant

    try:
        assistant = Assistant.load(corpus_dir, index_dir, model)
    except AssistantError as error:
        log.error("the assistant could not load: %s", error)
        print(f"error: {error}", file=sys.stderr)
        return build_fault_app()
    return build_app(assistant, feedback)


def launch_options(
    host: str | None = None,
    port: int | None = None,
    blocked: Sequence[Path | str | None] = (),
) -> dict[str, Any]:
    """The keyword arguments for `Blocks.launch`: address, safe defaults, theme and CSS.

    Host: `host`, else $GRADIO_SERVER_NAME, else 0.0.0.0 on a Space ($SPACE_ID), else 127.0.0.1.
    Port: `port`, else $GRADIO_SERVER_PORT, else 7860. `blocked` folders (the corpus and
    index) are refused by Gradio's file routes even if something asked for them.
    """
    on_space = bool(os.environ.get("SPACE_ID"))
    host = host or os.environ.get("GRADIO_SERVER_NAME") or ("0.0.0.0" if on_space else DEFAULT_HOST)
    port = port or int(os.environ.get("GRADIO_SERVER_PORT") or DEFAULT_PORT)
    return {
        "server_name": host,
        "server_port": port,
        "share": False,
        "show_error": False,
        "allowed_paths": [],
        "max_file_size": 0,  # the page takes no files: refuse uploads
        "state_session_capacity": SESSION_CAPACITY,
        "blocked_paths": [str(Path(p).resolve()) for p in blocked if p],
        "footer_links": ["api"],
        "run_history": False,
        "mcp_server": True,
        "ssr_mode": False,
        "pwa": False,
        "enable_monitoring": False,
        "theme": gr.themes.Soft(),
        "css": CSS,
    }


def serve(
    corpus_dir: Path | str | None = None,
    index_dir: Path | str | None = None,
    model: str | None = None,
    host: str | None = None,
    port: int | None = None,
) -> None:
    """Load the assistant and serve the chat page, API and MCP tool until stopped.

    If the model or index cannot load, the server still starts and every page and
    endpoint says that the assistant is not ready and what the operator should run.
    Feedback buttons appear only when $ARTICLE_ASSISTANT_FEEDBACK_DB names a SQLite file.
    """
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from assistant.engine import default_paths

    default_corpus, default_index = default_paths()
    app = create_app(corpus_dir, index_dir, model, feedback_from_env())
    app.queue(max_size=QUEUE_MAX, default_concurrency_limit=1)
    busy_when_queue_full(app)
    options = launch_options(host, port, blocked=(corpus_dir or default_corpus, index_dir or default_index))
    app.launch(**options)
