"""Benchmark 2: the /ask endpoint over HTTP (gradio_client) against an echo endpoint; then concurrent clients."""

from __future__ import annotations

import contextlib
import json
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from bench.common import REPO, Case, Server, free_port, ratio, rss_mib, summary_ms

TARGET = 1.3
BUSY_TEXT = "busy"


def start_app(log_dir: Path) -> Server:
    """The real server, started as the tests start it (`python -m assistant serve`), over the repo's index."""
    port = free_port()
    command = [sys.executable, "-m", "assistant", "serve", "--port", str(port)]
    command += ["--corpus", str(REPO / "corpus"), "--index", str(REPO / "index")]
    return Server(command, port, log_dir / "bench-app.log")


def start_echo(log_dir: Path) -> Server:
    """The echo server, served the same way."""
    port = free_port()
    return Server([sys.executable, "-m", "bench.echo_app", "--port", str(port)], port, log_dir / "bench-echo.log")


def _client(url: str) -> Any:
    """A gradio_client Client for `url`."""
    from gradio_client import Client

    return Client(url, verbose=False)


def single_client(app_url: str, echo_url: str, cases: list[Case], warmup: int = 5) -> dict[str, Any]:
    """One client: /ask on the app and on echo, interleaved per question."""
    app, echo = _client(app_url), _client(echo_url)
    for case in cases[:warmup]:
        app.predict(question=case.question, history=list(case.history), api_name="/ask")
        echo.predict(question=case.question, history=list(case.history), api_name="/ask")
    app_times: list[float] = []
    echo_times: list[float] = []
    for i, case in enumerate(cases):
        pairs = [(app, app_times), (echo, echo_times)]
        for client, sink in pairs if i % 2 == 0 else pairs[::-1]:
            start = time.perf_counter()
            client.predict(question=case.question, history=list(case.history), api_name="/ask")
            sink.append(time.perf_counter() - start)
    a, e = summary_ms(app_times), summary_ms(echo_times)
    p50 = ratio(a["p50_ms"], e["p50_ms"])
    return {
        "requests": len(cases),
        "app": a,
        "echo": e,
        "ratio_p50": p50,
        "ratio_p95": ratio(a["p95_ms"], e["p95_ms"]),
        "target_p50": TARGET,
        "meets": p50 <= TARGET,
    }


def _raw_ask(http: Any, url: str, fn_index: int, case: Case) -> float:
    """One /ask over Gradio's queue protocol (join, then the event stream) on a kept-open connection; seconds."""
    session = uuid.uuid4().hex[:12]
    body = {"data": [case.question, list(case.history)], "fn_index": fn_index, "session_hash": session}
    start = time.perf_counter()
    http.post(url + "gradio_api/queue/join", json=body).raise_for_status()
    with http.stream("GET", url + "gradio_api/queue/data", params={"session_hash": session}) as stream:
        for line in stream.iter_lines():
            if line.startswith("data:") and json.loads(line[5:]).get("msg") == "process_completed":
                return time.perf_counter() - start
    raise RuntimeError("the event stream ended without process_completed")


def raw_single(app_url: str, echo_url: str, cases: list[Case], warmup: int = 5) -> dict[str, Any]:
    """Like single_client, without gradio_client: what the servers take, on one kept-open connection.

    gradio_client checks for its result every 50 ms and builds two HTTP clients per call (~40 ms of
    client CPU), so its latencies move in 50 ms steps; this shows the servers' own difference.
    """
    import httpx

    with httpx.Client(timeout=120) as http:
        fns = {}
        for url in (app_url, echo_url):
            config = http.get(url + "config").raise_for_status().json()
            fns[url] = next(d["id"] for d in config["dependencies"] if d.get("api_name") == "ask")
        for case in cases[:warmup]:
            _raw_ask(http, app_url, fns[app_url], case)
            _raw_ask(http, echo_url, fns[echo_url], case)
        times: dict[str, list[float]] = {app_url: [], echo_url: []}
        for i, case in enumerate(cases):
            for url in (app_url, echo_url) if i % 2 == 0 else (echo_url, app_url):
                times[url].append(_raw_ask(http, url, fns[url], case))
    a, e = summary_ms(times[app_url]), summary_ms(times[echo_url])
    return {"requests": len(cases), "app": a, "echo": e, "ratio_p50": ratio(a["p50_ms"], e["p50_ms"])}


def concurrent(url: str, cases: list[Case], clients: int, per_client: int) -> dict[str, Any]:
    """`clients` threads, each with its own Client, each sending `per_client` requests; no retries."""
    from assistant import messages

    times: list[float] = []
    outcome = {"ok": 0, "busy": 0, "errors": 0}
    samples: list[str] = []
    lock = threading.Lock()
    connected = threading.Barrier(clients)

    def worker(k: int) -> None:
        """Connect, wait for all, then send this worker's requests."""
        try:
            client = _client(url)
        except Exception as exc:
            with lock:
                outcome["errors"] += per_client
                samples.append(f"connect: {exc!r}"[:200])
            connected.abort()
            return
        with contextlib.suppress(threading.BrokenBarrierError):
            connected.wait(timeout=120)
        for j in range(per_client):
            case = cases[(k * per_client + j) % len(cases)]
            start = time.perf_counter()
            try:
                client.predict(question=case.question, history=list(case.history), api_name="/ask")
                kind = "ok"
            except Exception as exc:
                kind = "busy" if messages.BUSY in str(exc) else "errors"
                if kind == "errors":
                    samples.append(repr(exc)[:200])
            with lock:
                outcome[kind] += 1
                if kind == "ok":
                    times.append(time.perf_counter() - start)

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(clients)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=600)
    wall = time.perf_counter() - start
    total = clients * per_client
    return {
        "clients": clients,
        "requests": total,
        **outcome,
        "wall_s": wall,
        "throughput_ok_per_s": outcome["ok"] / wall if wall > 0 else 0.0,
        "ok_latency": summary_ms(times),
        "error_samples": samples[:3],
    }


def run(cases: list[Case], levels: tuple[int, ...], per_client: int, log_dir: Path) -> dict[str, Any]:
    """Start app and echo servers, measure one client, then each concurrency level on both; stop them."""
    with start_app(log_dir) as app, start_echo(log_dir) as echo:
        app.wait_ready()
        echo.wait_ready()
        rest_before = rss_mib(app.process.pid)
        single = single_client(app.url, echo.url, cases)
        single_raw = raw_single(app.url, echo.url, cases)
        levels_out = []
        for level in levels:
            levels_out.append({"app": concurrent(app.url, cases, level, per_client)})
            levels_out[-1]["echo"] = concurrent(echo.url, cases, level, per_client)
        rest_after = rss_mib(app.process.pid)
    served = single["requests"] + sum(x["app"]["requests"] for x in levels_out)
    zero = all(x["app"]["errors"] == 0 for x in levels_out if x["app"]["clients"] == max(levels))
    return {
        "single": single,
        "single_raw": single_raw,
        "levels": levels_out,
        "zero_errors_at_max": zero,
        "server_rss_mib": {"at_rest": rest_before, "after": rest_after, "requests": served},
    }
