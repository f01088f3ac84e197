"""Command line: article-assistant build | ask | chat | eval | calibrate | serve."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from assistant import __version__, messages
from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.answer import Answer
    from assistant.engine import Assistant

USAGE_ERROR = 2
DEFAULT_EVAL = Path("tests/data/eval_questions.jsonl")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit status (0 ok, 1 failure, 2 invalid input or usage)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    for noisy in ("sentence_transformers", "transformers", "faiss", "bm25s", "httpx"):
        logging.getLogger(noisy).setLevel(logging.ERROR)
    try:
        return int(args.run(args))
    except AssistantError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and closed early
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the flush at exit
        return 0


def _parser() -> argparse.ArgumentParser:
    """Build the argument parser."""
    parser = argparse.ArgumentParser(
        prog="article-assistant",
        description="Answers questions about an article by quoting it. It never gives advice of its own.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)

    def paths(command: argparse.ArgumentParser) -> None:
        command.add_argument("--corpus", type=Path, help="folder of .txt/.md articles (default: ./corpus)")
        command.add_argument("--index", type=Path, help="index folder (default: ./index)")
        command.add_argument("--model", help="sentence-transformers model name or path (default: bundled MiniLM)")

    build = commands.add_parser("build", help="build the search index from the corpus")
    paths(build)
    build.set_defaults(run=_build)

    ask = commands.add_parser("ask", help="answer one question")
    paths(ask)
    ask.add_argument("question")
    ask.add_argument(
        "--history",
        action="append",
        default=[],
        metavar="EARLIER_QUESTION",
        help="an earlier question in the conversation (repeat, oldest first)",
    )
    ask.add_argument("--json", action="store_true", help="print the JSON answer contract")
    ask.set_defaults(run=_ask)

    chat = commands.add_parser("chat", help="answer questions typed at a prompt")
    paths(chat)
    chat.set_defaults(run=_chat)

    evaluate = commands.add_parser("eval", help="score a labelled question file")
    paths(evaluate)
    evaluate.add_argument("file", nargs="?", type=Path, default=DEFAULT_EVAL)
    evaluate.add_argument("--json", action="store_true", help="print metrics as JSON")
    evaluate.add_argument("--misses", action="store_true", help="list the questions that missed")
    evaluate.set_defaults(run=_eval)

    calibrate = commands.add_parser(
        "calibrate", help="refit the abstention score's weights on a labelled question file (prints them)"
    )
    paths(calibrate)
    calibrate.add_argument("file", nargs="?", type=Path, default=DEFAULT_EVAL)
    calibrate.add_argument(
        "--min-abstention", type=float, default=0.95, help="share of unanswerable questions that must abstain"
    )
    calibrate.add_argument("--rounds", type=int, default=20_000, help="weights tried (default 20000)")
    calibrate.add_argument("--seed", type=int, default=0, help="seed of the search (default 0)")
    calibrate.set_defaults(run=_calibrate)

    serve = commands.add_parser("serve", help="serve the web chat, API and MCP tool")
    paths(serve)
    serve.add_argument("--host", help="address to bind (default 127.0.0.1; 0.0.0.0 on a Space)")
    serve.add_argument("--port", type=int, default=None, help="port (default 7860)")
    serve.set_defaults(run=_serve)
    return parser


def _load(args: argparse.Namespace) -> Assistant:
    """Load the assistant with the paths and model from the command line."""
    from assistant.engine import Assistant

    return Assistant.load(args.corpus, args.index, args.model)


def _build(args: argparse.Namespace) -> int:
    """Build and save the index."""
    from assistant.corpus import load_corpus
    from assistant.embed import load_embedder
    from assistant.engine import default_paths
    from assistant.index import build_index, save_index

    corpus, index_dir = default_paths()
    corpus, index_dir = args.corpus or corpus, args.index or index_dir
    index = build_index(load_corpus(corpus), load_embedder(args.model))
    save_index(index, index_dir)
    counts = index.manifest["counts"]
    print(
        f"Built {index_dir}: {counts['documents']} article(s), {counts['passages']} passages, "
        f"{counts['sentences']} sentences."
    )
    return 0


def _ask(args: argparse.Namespace) -> int:
    """Answer one question; exit 2 when the input is invalid."""
    answer = _load(args).ask(args.question, args.history)
    if args.json:
        print(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(render_text(answer))
    return USAGE_ERROR if answer.status == "invalid" else 0


def _chat(args: argparse.Namespace) -> int:
    """An interactive prompt; the conversation is kept only in memory."""
    assistant = _load(args)
    history: list[str] = []
    print(messages.CHAT_PROMPT)
    while True:
        try:
            question = input("\n> ")
        except EOFError:
            return 0
        if not question.strip():
            return 0
        answer = assistant.ask(question, history)
        print(render_text(answer))
        if answer.status != "invalid":
            history.append(question)


def _eval(args: argparse.Namespace) -> int:
    """Print evaluation metrics for a labelled file."""
    from assistant.evaluate import evaluate, read_cases

    if not args.file.is_file():
        raise AssistantError(f"No question file at {args.file}. Give the path of a .jsonl file.")
    report = evaluate(_load(args), read_cases(args.file))
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(f"answerable   {report.answerable:4d}  top-1 correct {report.top1:.1%}")
        print(f"unanswerable {report.unanswerable:4d}  abstained     {report.abstention:.1%}")
        print(f"quotes       {report.quotes:4d}  verbatim      {report.verbatim_rate:.1%}")
        for kind, (correct, total) in sorted(report.by_kind.items()):
            print(f"  {kind:13s} {correct:3d}/{total:<3d}")
    if args.misses:
        print("\n".join(report.misses))
    return 0


def _calibrate(args: argparse.Namespace) -> int:
    """Print abstention-score weights fitted on a labelled file, with what they give on it."""
    from assistant.calibrate import collect, fit, measure
    from assistant.evaluate import read_cases

    if not args.file.is_file():
        raise AssistantError(f"No question file at {args.file}. Give the path of a .jsonl file.")
    if not 0.0 <= args.min_abstention <= 1.0 or args.rounds < 1:
        print("error: --min-abstention must be between 0 and 1, and --rounds at least 1.", file=sys.stderr)
        return 2
    assistant = _load(args)
    settings = assistant.retriever.settings
    samples = collect(assistant, read_cases(args.file))
    top1, abstention = measure(samples, settings.answer_weights, settings.answer_bias)
    print(f"current  weights {settings.answer_weights} bias {settings.answer_bias}: ", end="")
    print(f"top-1 {top1:.1%}, abstention {abstention:.1%}")
    found = fit(samples, settings, args.min_abstention, args.rounds, args.seed)
    if found is None:
        print(f"No weights keep abstention at {args.min_abstention:.0%} on this file.")
        return 1
    print(f"fitted   weights {found.weights} bias {found.bias}: ", end="")
    print(f"top-1 {found.top1:.1%}, abstention {found.abstention:.1%}")
    print("To use them, set answer_weights and answer_bias in assistant.retrieve.Settings.")
    return 0


def _serve(args: argparse.Namespace) -> int:
    """Serve the web app."""
    from assistant.web import serve

    serve(corpus_dir=args.corpus, index_dir=args.index, model=args.model, host=args.host, port=args.port)
    return 0


def render_text(answer: Answer) -> str:
    """Plain-text rendering for the terminal: quotes, citations, highlights, notices."""
    lines: list[str] = []
    for quote in answer.quotes:
        lines.append(f"[{quote.section}] ({quote.source}) {messages.RELEVANCE[quote.relevance]}")
        lines.append(f'  "{quote.text}"')
        for highlight in quote.highlights:
            lines.append(f"  >> {highlight}")
        lines.append("")
    for quote in answer.advice:
        lines.append(f'{messages.FROM_ARTICLE} [{quote.section}] "{quote.text}"')
    lines.extend(answer.notices)
    lines.extend(f"  - {s}" for s in answer.suggestions)
    return "\n".join(lines).strip()
