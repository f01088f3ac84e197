"""`python -m bench [--quick] [--only NAME ...] [--out FILE]`: run the benchmarks and write docs/benchmarks.md."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench import cold, latency, memory, scale, web
from bench.common import REPO, machine
from bench.report import merge, render

SECTIONS = ("latency", "http", "cold", "memory", "scale")  # memory before scale: its large corpora stay in RSS


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sizes and counts: a smoke run of a few minutes")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, help="run only these sections")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "benchmarks.md", help="Markdown report")
    parser.add_argument("--json", type=Path, help="also write the raw results as JSON")
    return parser.parse_args(argv)


def run(quick: bool, only: tuple[str, ...] = SECTIONS, log_dir: Path | None = None) -> dict[str, Any]:
    """Run the chosen sections; returns the results (one key per section, plus machine and timings)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    logs = log_dir or Path(tempfile.mkdtemp(prefix="bench-"))
    results: dict[str, Any] = {"machine": machine(), "quick": quick, "seconds": {}}
    cases = latency.default_cases(quick)
    assistant = None
    if {"latency", "scale", "memory"} & set(only):
        from assistant.engine import Assistant

        assistant = Assistant.load(REPO / "corpus", REPO / "index")
    for name in only:
        start = time.perf_counter()
        print(f"bench: {name} ...", file=sys.stderr, flush=True)
        if name == "latency":
            results["latency"] = latency.run(assistant, cases, rounds=1 if quick else 2)
            results["latency"]["texts_encoded_per_ask"] = latency.encode_counts(assistant, cases)
        elif name == "http":
            levels = (8,) if quick else (8, 32, 64)
            results["http"] = web.run(cases[: 20 if quick else 60], levels, per_client=2 if quick else 4, log_dir=logs)
        elif name == "cold":
            results["cold"] = cold.run(logs, repeats=1 if quick else 2)
        elif name == "scale":
            vector_sizes = [1_000, 10_000] if quick else [1_000, 10_000, 100_000, 1_000_000]
            results["scale"] = {
                "vectors": scale.vector_scale(vector_sizes, queries=10 if quick else 30),
                "end_to_end": scale.end_to_end(assistant, vector_sizes, cases[: 10 if quick else 30]),
            }
        elif name == "memory":
            results["memory"] = memory.run(assistant, cases, total=300 if quick else 10_000)
        results["seconds"][name] = time.perf_counter() - start
        print(f"bench: {name} done in {results['seconds'][name]:.0f} s", file=sys.stderr, flush=True)
    return results


def main(argv: list[str] | None = None) -> int:
    """Run and write the report."""
    args = parse(argv)
    only = tuple(args.only or SECTIONS)
    results = run(args.quick, only)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    existing = args.out.read_text(encoding="utf-8") if args.out.is_file() else ""
    args.out.write_text(merge(existing, render(results)), encoding="utf-8")
    print(f"bench: wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
