"""The Assistant: loads the index and model, and answers questions with verbatim quotes."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from assistant import messages
from assistant.answer import Answer, Quote
from assistant.corpus import Passage, Sentence, corpus_files, section_label
from assistant.embed import Embedder, load_embedder
from assistant.index import SearchIndex, open_index
from assistant.question import Question, clean_history, normalize
from assistant.retrieve import Hit, Retrieval, Retriever, Settings

log = logging.getLogger(__name__)

CORPUS_ENV = "ARTICLE_ASSISTANT_CORPUS"
INDEX_ENV = "ARTICLE_ASSISTANT_INDEX"
ADVICE_ROLE = re.compile(
    r"\b(professional|doctor|physician|dermatologist|clinician|specialist|pharmacist|nurse|healthcare provider|gp)s?\b",
    re.IGNORECASE,
)
ADVICE_VERB = re.compile(r"\b(consult|seek|see|ask|talk|speak|visit|contact)\w*\b", re.IGNORECASE)
MAX_ADVICE = 2
MAX_SUGGESTIONS = 3
MAX_TOPICS = 12
MAX_TOPIC_TRIES = 50


def default_paths() -> tuple[Path, Path]:
    """The corpus and index folders: $ARTICLE_ASSISTANT_CORPUS / $ARTICLE_ASSISTANT_INDEX, else ./corpus and ./index."""
    return Path(os.environ.get(CORPUS_ENV, "corpus")), Path(os.environ.get(INDEX_ENV, "index"))


@dataclass(frozen=True)
class Topic:
    """A section of an article the assistant can answer about, named in the article's words."""

    label: str
    section: str
    source: str


class Assistant:
    """Answers questions about the corpus by quoting it; never writes claims of its own."""

    def __init__(
        self, index: SearchIndex, embedder: Embedder, settings: Settings | None = None, corpus_dir: Path | None = None
    ) -> None:
        """Wrap a loaded index and model; prefer `Assistant.load`."""
        self.index = index
        self.embedder = embedder
        self.retriever = Retriever(index, embedder, settings)
        self.corpus_dir = corpus_dir
        self.sources = list(dict.fromkeys(p.source for p in index.passages))  # corpus file stems, in index order
        self._advice = self._find_advice()

    @classmethod
    def load(
        cls,
        corpus_dir: Path | str | None = None,
        index_dir: Path | str | None = None,
        model: str | None = None,
        settings: Settings | None = None,
    ) -> Assistant:
        """Load the model and the index (rebuilt when stale and the corpus is there).

        Raises ModelError or IndexFault with a message that says what to run.
        """
        default_corpus, default_index = default_paths()
        corpus = Path(corpus_dir) if corpus_dir is not None else default_corpus
        index_path = Path(index_dir) if index_dir is not None else default_index
        embedder = load_embedder(model)
        index = open_index(corpus, index_path, embedder)
        return cls(index, embedder, settings, corpus)

    def ask(self, question: object, history: Sequence[object] = ()) -> Answer:
        """Answer `question`, using earlier user questions in `history` for follow-ups.

        Never raises on any input: unusable input gives status "invalid", a question
        the article does not answer gives "abstained", otherwise "answered" with
        verbatim quotes in the order to read them.
        """
        cleaned = self._prepare(question)
        if cleaned.problem in ("empty", "no_words"):
            return Answer(cleaned.text, "invalid", notices=(messages.PROBLEMS[cleaned.problem],))
        if cleaned.problem == "not_english":
            return Answer(cleaned.text, "abstained", notices=(messages.NOT_ENGLISH,))
        retrieval = self.retriever.search(cleaned.text, clean_history(history))
        length_notice = (messages.TRUNCATED,) if cleaned.truncated else ()
        if retrieval.abstained:
            return Answer(
                cleaned.text,
                "abstained",
                notices=(messages.NOT_COVERED, *length_notice, messages.COVERS),
                suggestions=tuple(t.label for t in self.topics[: MAX_SUGGESTIONS + 1]),
            )
        quotes = tuple(_quote(hit) for hit in retrieval.hits)
        quoted = {q.passage_id for q in quotes}
        advice = tuple(q for q in self._advice if q.passage_id not in quoted)
        return Answer(cleaned.text, "answered", quotes, (*length_notice, messages.DISCLAIMER), advice)

    def retrieve(self, question: object, history: Sequence[object] = ()) -> Retrieval | None:
        """What retrieval decides for `question` and why (its signals), as `ask` reads it.

        None for input that `ask` turns away before retrieval (empty, not English).
        For calibration and debugging; the signals are never shown to users.
        """
        cleaned = self._prepare(question)
        return None if cleaned.problem else self.retriever.search(cleaned.text, clean_history(history))

    def _prepare(self, question: object) -> Question:
        """The question normalised and cut to the model's limit (or its problem)."""
        cleaned = normalize(question)
        if cleaned.problem:
            return cleaned
        text, cut = self.embedder.truncate(cleaned.text)
        return Question(text, "", cleaned.truncated or cut)

    def follow_ups(self, answer: Answer, limit: int = MAX_SUGGESTIONS) -> list[str]:
        """Topics (article headings) near the answer that the assistant is known to answer."""
        quoted = {q.section for q in answer.quotes}
        groups = {q.section.split(" > ")[0] for q in answer.quotes}
        near = [t for t in self.topics if t.section not in quoted and t.section.split(" > ")[0] in groups]
        rest = [t for t in self.topics if t.section not in quoted and t not in near]
        return [t.label for t in (near + rest)[:limit]]

    def article_text(self, source: str) -> str:
        """The full text of a corpus file by its stem, or "" when the corpus is not there."""
        if self.corpus_dir is None or not self.corpus_dir.is_dir():
            return ""
        for path in corpus_files(self.corpus_dir):
            if path.stem == source:  # bytes, decoded as the loader does: no newline translation
                return path.read_bytes().decode("utf-8", errors="replace")
        return ""

    def _find_advice(self) -> tuple[Quote, ...]:
        """Per article, its sentences that send readers to a professional (verbatim, at most two).

        One pass over the passages (a pass per article would grow with articles x passages);
        an article's remaining sentences are skipped once it has its two.
        """
        found: dict[str, list[Quote]] = {source: [] for source in self.sources}
        for passage in self.index.passages:
            matches = found[passage.source]
            for sentence in passage.sentences:
                if len(matches) >= MAX_ADVICE:
                    break
                if ADVICE_ROLE.search(sentence.text) and ADVICE_VERB.search(sentence.text):
                    matches.append(_sentence_quote(passage, sentence))
        return tuple(quote for source in self.sources for quote in found[source])

    @cached_property
    def topics(self) -> list[Topic]:
        """Section labels that, asked as they are, get their own section quoted (each section tried once).

        Found on first use (an abstention or a chat answer's follow-ups), not at load:
        it asks the retriever once per section, which a server's first answer need not wait for.
        """
        topics: list[Topic] = []
        sections = {p.section: p for p in self.index.passages if p.section != p.title}
        for tried, (section, passage) in enumerate(sections.items()):
            label = section_label(section)
            if len(topics) >= MAX_TOPICS or tried >= MAX_TOPIC_TRIES:
                break
            if label and self._answers_itself(label, section):
                topics.append(Topic(label, section, passage.source))
        return topics

    def _answers_itself(self, label: str, section: str) -> bool:
        """True when asking a section's label quotes that section first."""
        retrieval = self.retriever.search(label)
        return not retrieval.abstained and retrieval.hits[0].passage.section == section


def _quote(hit: Hit) -> Quote:
    """Turn a retrieval hit into a Quote."""
    p: Passage = hit.passage
    return Quote(p.source, p.section, p.id, p.text, tuple(s.text for s in hit.highlights), hit.score, p.start, p.end)


def _sentence_quote(passage: Passage, sentence: Sentence) -> Quote:
    """A Quote of one sentence of a passage (score 1: chosen by rule, not by relevance)."""
    return Quote(
        passage.source, passage.section, passage.id, sentence.text, (sentence.text,), 1.0, sentence.start, sentence.end
    )
