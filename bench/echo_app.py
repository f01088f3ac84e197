"""The HTTP baseline: a trivial /ask echo endpoint, same Gradio version, queue and launch options as the app."""

from __future__ import annotations

import argparse
import os
from typing import Any


def build_echo() -> Any:
    """A Blocks app whose /ask returns its input, queued and gated like assistant.web's /ask."""
    import gradio as gr

    def ask(question: str, history: list[str] | None = None) -> dict[str, Any]:
        """Echo the question and history.

        Args:
            question: Any text.
            history: Any list of texts.
        """
        return {"question": question, "history": list(history or ())}

    with gr.Blocks(title="echo", analytics_enabled=False) as app:
        gr.Markdown("echo")
        gr.api(ask, api_name="ask", concurrency_limit=None)
    return app


def main() -> None:
    """Serve the echo app on 127.0.0.1 the way assistant.web.serve serves the real one."""
    from assistant.web import QUEUE_MAX, launch_options

    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=None)
    args = parser.parse_args()
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    app = build_echo()
    app.queue(max_size=QUEUE_MAX, default_concurrency_limit=1)
    app.launch(**launch_options("127.0.0.1", args.port))


if __name__ == "__main__":
    main()
