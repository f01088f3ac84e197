"""A second article in the corpus: answers come from both, each quote naming its source."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from fakes import WordEmbedder

from assistant.corpus import load_corpus
from assistant.engine import ADVICE_ROLE, ADVICE_VERB, MAX_ADVICE, Assistant
from assistant.index import build_index, open_index

TESTS = Path(__file__).resolve().parent
SECOND = TESTS / "data" / "second_corpus" / "washing-hair-after-swimming.md"


@pytest.mark.model
def test_two_articles_answer_with_their_own_sources(real_embedder: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTS.parent / "corpus", corpus)
    shutil.copy(SECOND, corpus)
    shutil.copytree(TESTS.parent / "index", tmp_path / "index")  # stale now: must be rebuilt
    assistant = Assistant(open_index(corpus, tmp_path / "index", real_embedder), real_embedder, corpus_dir=corpus)
    assert assistant.index.manifest["counts"]["documents"] == 2

    swim = assistant.ask("Why should I rinse my hair with fresh water after swimming in a chlorine pool?")
    assert swim.status == "answered"
    assert swim.quotes[0].source == "washing-hair-after-swimming"
    assert swim.quotes[0].section == "Why Rinse > Chlorine"
    text = SECOND.read_text(encoding="utf-8")
    assert text[swim.quotes[0].start : swim.quotes[0].end] == swim.quotes[0].text

    needles = assistant.ask("Can microneedling cause an infection?")
    assert needles.status == "answered"
    assert needles.quotes[0].source == "microneedling-hair-loss"
    assert {q.source for q in needles.advice} <= {"microneedling-hair-loss", "washing-hair-after-swimming"}


def test_advice_is_at_most_two_sentences_per_article_in_article_order() -> None:
    embedder = WordEmbedder()
    documents = [*load_corpus(TESTS.parent / "corpus"), *load_corpus(SECOND.parent)]
    assistant = Assistant(build_index(documents, embedder), embedder)
    for source in assistant.sources:
        expected = [
            s.text
            for p in assistant.index.passages
            if p.source == source
            for s in p.sentences
            if ADVICE_ROLE.search(s.text) and ADVICE_VERB.search(s.text)
        ][:MAX_ADVICE]
        assert expected, f"{source} has sentences that send readers to a professional"
        assert [q.text for q in assistant._advice if q.source == source] == expected
    assert [q.source for q in assistant._advice] == sorted(
        (q.source for q in assistant._advice), key=assistant.sources.index
    )
