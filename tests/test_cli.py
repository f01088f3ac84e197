"""The command line: fast help, exit codes, the JSON contract, eval."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CONTRACT = {"question", "status", "quotes", "notices", "markdown"}


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    """Run `python -m assistant ARGS` offline."""
    env = dict(os.environ, HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False")
    return subprocess.run(
        [sys.executable, "-m", "assistant", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )


def test_help_lists_the_commands_and_loads_no_heavy_module() -> None:
    result = run("--help")
    assert result.returncode == 0
    for command in ("build", "ask", "chat", "eval", "calibrate", "serve"):
        assert command in result.stdout
    heavy = "('torch', 'sentence_transformers', 'gradio', 'faiss')"
    probe = f"import sys, assistant.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    loaded = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True)
    assert loaded.stdout.strip() == "[]"


def test_usage_error_exits_2() -> None:
    assert run("frobnicate").returncode == 2
    assert run("ask").returncode == 2


@pytest.mark.model
def test_ask_json_gives_the_contract() -> None:
    result = run("ask", "Can microneedling cause an infection of the scalp?", "--json")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert set(answer) >= CONTRACT
    assert answer["status"] == "answered"
    text = (REPO / "corpus" / "microneedling-hair-loss.txt").read_text(encoding="utf-8")
    for quote in answer["quotes"]:
        assert text[quote["start"] : quote["end"]] == quote["text"]
        assert quote["source"] == "microneedling-hair-loss"


@pytest.mark.model
def test_invalid_input_exits_2_and_human_output_cites_sections() -> None:
    invalid = run("ask", "   ")
    assert invalid.returncode == 2
    assert invalid.stdout.strip()
    answered = run("ask", "What are the risks?", "--history", "Tell me about microneedling")
    assert answered.returncode == 0
    assert "[Risks of Microneedling on Hair Loss > 2. Infection]" in answered.stdout


@pytest.mark.model
def test_eval_prints_metrics(tmp_path: Path) -> None:
    cases = [
        {
            "id": "1",
            "question": "Can microneedling cause an infection?",
            "kind": "direct",
            "answers": ["Risks of Microneedling on Hair Loss > 2. Infection"],
        },
        {"id": "2", "question": "What is the capital of France?", "kind": "unanswerable", "answers": []},
    ]
    file = tmp_path / "cases.jsonl"
    file.write_text("".join(json.dumps(c) + "\n" for c in cases), encoding="utf-8")
    result = run("eval", str(file), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["answerable"] == 1 and report["unanswerable"] == 1
    assert report["abstention"] == 1.0 and report["verbatim"] == 1.0
