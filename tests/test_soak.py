"""A bounded soak: 64 concurrent clients for 60 s against the real server (real model and index) on 127.0.0.1.

Each client joins Gradio's queue the way the page and gradio_client do (POST /gradio_api/queue/join, then the
event stream /gradio_api/queue/data) and asks, in turn, through /ask, /chat and the page's own chat handler.
Every request must end as a served answer or an explicit messages.BUSY; the queue never holds more than
web.QUEUE_MAX events; with more clients than web.MAX_WAITING busy answers must appear; the server's memory
stays flat after a warm-up. The figures are printed and written to test-artifacts/soak.json
(docs/benchmarks.md, "Soak").
"""

from __future__ import annotations

import json
import os
import statistics
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import pytest
from conftest import REPO, WebServer

from assistant import messages
from assistant.web import MAX_WAITING, QUEUE_MAX

pytestmark = [pytest.mark.web, pytest.mark.soak]

CLIENTS = 64
SECONDS = float(os.environ.get("AA_SOAK_SECONDS", "60"))  # the bounded duration of the soak
WARM_UP = SECONDS / 2  # memory is compared from here to the end (Gradio's bounded caches fill first)
RSS_GROWTH = 1.15  # allowed noise on the server's resident memory after warm-up
REQUEST_TIMEOUT = 120.0
QUESTIONS = (
    *messages.EXAMPLE_QUESTIONS,
    "What is the risk of infection?",
    "How can I reduce the risks?",
    "What is the capital of France?",
    "<b>hair</b> loss?",
    "   ",
    "microneedling " * 200,
)
KINDS = ("ask", "chat", "respond")


@dataclass
class Tally:
    """What the clients saw, shared between their threads."""

    served: Counter[str] = field(default_factory=Counter)
    busy: Counter[str] = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    max_queue_size: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, outcome: str, seconds: float, detail: str = "") -> None:
        """Record one request's outcome: served, busy (queue or gate) or failed."""
        with self.lock:
            if outcome == "served":
                self.served[kind] += 1
                self.latencies.append(seconds)
            elif outcome.startswith("busy"):
                self.busy[outcome] += 1
            else:
                self.failures.append(f"{kind}: {detail[:300]}")

    def saw_queue(self, size: int) -> None:
        """Record a queue size Gradio reported in an estimation message."""
        with self.lock:
            self.max_queue_size = max(self.max_queue_size, size)


def _judge(kind: str, message: dict[str, Any]) -> tuple[str, str]:
    """Classify a process_completed message: ("served" | "busy_gate" | "failed", detail)."""
    output = message.get("output") or {}
    if not message.get("success"):
        error = output.get("error")
        return ("busy_gate", "") if error == messages.BUSY else ("failed", json.dumps(output)[:300])
    data = output.get("data") or [None]
    if kind == "ask":
        answer = data[0]
        ok = isinstance(answer, dict) and answer.get("status") in {"answered", "abstained", "invalid"}
        return ("served", "") if ok else ("failed", json.dumps(data)[:300])
    if kind == "chat":
        reply = data[0]
        if reply == messages.BUSY:
            return "busy_gate", ""
        ok = isinstance(reply, str) and any(m in reply for m in messages.ALL) and reply != messages.ERROR
        return ("served", "") if ok else ("failed", str(reply)[:300])
    chat = data[0] if isinstance(data[0], list) else []
    last = chat[-1].get("content") if chat and isinstance(chat[-1], dict) else None
    text = json.dumps(last)
    if 'data-status=\\"busy\\"' in text:
        return "busy_gate", ""
    ok = 'class=\\"aa-answer\\"' in text and 'data-status=\\"error\\"' not in text
    return ("served", "") if ok else ("failed", text[:300])


def _one_request(http: Any, base: str, fn_index: int, kind: str, question: str, tally: Tally) -> None:
    """Join the queue with one question and follow its event stream to the end."""
    session = uuid.uuid4().hex
    body = {"data": [question, []], "fn_index": fn_index, "session_hash": session, "event_data": None}
    started = time.monotonic()
    try:
        joined = http.post(f"{base}gradio_api/queue/join", json=body)
        if joined.status_code != 200:
            detail = joined.json().get("detail") if joined.headers.get("content-type", "").startswith("app") else ""
            if joined.status_code == 503 and detail == messages.BUSY:
                tally.add(kind, "busy_queue", 0.0)
            else:
                tally.add(kind, "failed", 0.0, f"join {joined.status_code}: {joined.text}")
            return
        with http.stream("GET", f"{base}gradio_api/queue/data", params={"session_hash": session}) as stream:
            for line in stream.iter_lines():
                if not line.startswith("data:"):
                    continue
                message = json.loads(line[5:])
                if message.get("msg") == "estimation" and message.get("queue_size") is not None:
                    tally.saw_queue(int(message["queue_size"]))
                if message.get("msg") == "process_completed":
                    outcome, detail = _judge(kind, message)
                    tally.add(kind, outcome, time.monotonic() - started, detail)
                    return
        tally.add(kind, "failed", 0.0, "the event stream ended without a result")
    except Exception as error:  # a dropped connection or a timeout is a failed request
        tally.add(kind, "failed", 0.0, f"{type(error).__name__}: {error}")


def _rss(pid: int) -> int:
    """Resident memory of the server process and its children, in bytes."""
    import psutil

    process = psutil.Process(pid)
    return int(process.memory_info().rss + sum(c.memory_info().rss for c in process.children(recursive=True)))


def _percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) of `values`, 0.0 when empty."""
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def test_soak_64_clients_for_60_seconds(web_server: WebServer) -> None:
    import httpx

    config = httpx.get(web_server.url + "config", timeout=30).json()
    fn_index = {d.get("api_name"): d["id"] for d in config["dependencies"]}
    assert {"ask", "chat", "respond"} <= set(fn_index)
    tally = Tally()
    tracebacks_before = web_server.log.read_text(errors="replace").count("Traceback")
    rss_before = _rss(web_server.pid)
    samples: list[tuple[float, int]] = []
    start = time.monotonic()
    deadline = start + SECONDS
    done = threading.Event()

    def client(n: int) -> None:
        with httpx.Client(timeout=REQUEST_TIMEOUT) as http:
            i = n
            while time.monotonic() < deadline:
                kind = KINDS[i % len(KINDS)]
                _one_request(http, web_server.url, fn_index[kind], kind, QUESTIONS[i % len(QUESTIONS)], tally)
                i += 1

    def sample_memory() -> None:
        while not done.wait(1.0):
            samples.append((time.monotonic() - start, _rss(web_server.pid)))

    sampler = threading.Thread(target=sample_memory, daemon=True)
    sampler.start()
    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 2 * REQUEST_TIMEOUT)
    elapsed = time.monotonic() - start
    done.set()
    sampler.join(timeout=10)
    assert not any(thread.is_alive() for thread in threads), "a client never finished"

    warm = [rss for t, rss in samples if t >= WARM_UP]
    rss_warm, rss_end = (warm[0], warm[-1]) if warm else (rss_before, _rss(web_server.pid))
    served = sum(tally.served.values())
    figures = {
        "clients": CLIENTS,
        "seconds": round(elapsed, 1),
        "requests": served + sum(tally.busy.values()) + len(tally.failures),
        "served": served,
        "served_by_endpoint": dict(tally.served),
        "busy": sum(tally.busy.values()),
        "busy_by_reason": dict(tally.busy),
        "failures": len(tally.failures),
        "p50_s": round(_percentile(tally.latencies, 50), 3),
        "p95_s": round(_percentile(tally.latencies, 95), 3),
        "max_queue_size_seen": tally.max_queue_size,
        "queue_max": QUEUE_MAX,
        "max_waiting": MAX_WAITING,
        "rss_before_mb": round(rss_before / 2**20, 1),
        "rss_after_warm_up_mb": round(rss_warm / 2**20, 1),
        "rss_end_mb": round(rss_end / 2**20, 1),
        "rss_peak_mb": round(max((r for _, r in samples), default=rss_end) / 2**20, 1),
    }
    artifacts = REPO / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    timeline = [(round(t), round(rss / 2**20, 1)) for t, rss in samples[4::5]]
    record = {**figures, "rss_timeline_s_mb": timeline, "failure_details": tally.failures[:50]}
    (artifacts / "soak.json").write_text(json.dumps(record, indent=2) + "\n")
    print("\nsoak:", json.dumps(figures))

    assert tally.failures == [], tally.failures[:10]
    assert served > CLIENTS, "the server kept answering through the soak"
    assert set(tally.served) == set(KINDS), "every endpoint answered"
    assert tally.busy, f"{CLIENTS} clients exceed the {MAX_WAITING} answers allowed to wait: some must hear BUSY"
    assert tally.max_queue_size <= QUEUE_MAX
    log = web_server.log.read_text(errors="replace")
    assert log.count("Traceback") == tracebacks_before, "busy answers are not errors: no traceback in the log"
    assert rss_end <= rss_warm * RSS_GROWTH, f"memory grew from {rss_warm >> 20} MB to {rss_end >> 20} MB"

    # Afterwards the server answers a normal question at once.
    from gradio_client import Client

    result = Client(web_server.url, verbose=False).predict(
        question="What is the risk of infection?", history=[], api_name="/ask"
    )
    assert result["status"] == "answered"
