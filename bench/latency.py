"""Benchmark 1: Assistant.ask latency in process against the floor (one encode + one FAISS search)."""

from __future__ import annotations

import time
from typing import Any

from bench.common import Case, load_cases, ratio, summary_ms

TARGET = 1.2


def floor_once(assistant: Any, question: str) -> None:
    """The floor: the same model encoding the question, then one FAISS search of the passages."""
    vector = assistant.embedder.encode([question])
    assistant.index.passage_vectors.search(vector, 10)


def run(assistant: Any, cases: list[Case], rounds: int = 2, warmup: int = 10) -> dict[str, Any]:
    """Interleave floor and ask per question (after a warm-up); p50/p95 of each and their ratios."""
    for case in cases[:warmup]:
        assistant.ask(case.question, list(case.history))
        floor_once(assistant, case.question)
    asks: list[float] = []
    floors: list[float] = []
    for round_ in range(rounds):
        for i, case in enumerate(cases):
            order = (0, 1) if (i + round_) % 2 == 0 else (1, 0)  # alternate which runs first
            for which in order:
                start = time.perf_counter()
                if which == 0:
                    assistant.ask(case.question, list(case.history))
                    asks.append(time.perf_counter() - start)
                else:
                    floor_once(assistant, case.question)
                    floors.append(time.perf_counter() - start)
    ask, floor = summary_ms(asks), summary_ms(floors)
    p50 = ratio(ask["p50_ms"], floor["p50_ms"])
    return {
        "questions": len(cases),
        "rounds": rounds,
        "ask": ask,
        "floor": floor,
        "ratio_p50": p50,
        "ratio_p95": ratio(ask["p95_ms"], floor["p95_ms"]),
        "target_p50": TARGET,
        "meets": p50 <= TARGET,
    }


def encode_counts(assistant: Any, cases: list[Case]) -> dict[str, float]:
    """How many texts Assistant.ask embeds per question (the main reason it costs more than the floor)."""
    embedder = assistant.embedder
    original = embedder.encode
    counts: list[int] = []

    def counting(texts: list[str]) -> Any:
        """Count texts, then encode."""
        counts[-1] += len(texts)
        return original(texts)

    embedder.encode = counting
    try:
        for case in cases:
            counts.append(0)
            assistant.ask(case.question, list(case.history))
    finally:
        del embedder.encode  # back to the class method
    ordered = sorted(counts)
    return {"mean": sum(counts) / len(counts), "median": float(ordered[len(ordered) // 2]), "max": float(max(counts))}


def default_cases(quick: bool) -> list[Case]:
    """The question list: all 150 (quick: the first 50)."""
    return load_cases(limit=50 if quick else None)
