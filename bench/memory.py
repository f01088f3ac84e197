"""Benchmark 5: resident memory while answering many questions in one process."""

from __future__ import annotations

import gc
from typing import Any

from bench.common import Case, rss_mib

GROWTH_NOISE_MIB = 20.0


def run(assistant: Any, cases: list[Case], total: int = 10_000, checkpoints: int = 10) -> dict[str, Any]:
    """RSS at rest (after a warm-up round), then every total/checkpoints questions; growth from rest to the end."""
    for case in cases:
        assistant.ask(case.question, list(case.history))
    gc.collect()
    rest = rss_mib()
    step = max(1, total // checkpoints)
    series = []
    for i in range(total):
        case = cases[i % len(cases)]
        assistant.ask(case.question, list(case.history))
        if (i + 1) % step == 0:
            series.append(round(rss_mib(), 1))
    gc.collect()
    end = rss_mib()
    growth = end - rest
    return {
        "questions": total,
        "at_rest_mib": rest,
        "after_mib": end,
        "growth_mib": growth,
        "series_mib": series,
        "noise_mib": GROWTH_NOISE_MIB,
        "meets": growth <= GROWTH_NOISE_MIB,
    }
