"""Parse corpus files (.txt and .md) into verbatim Passage records."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from assistant.errors import CorpusError

log = logging.getLogger(__name__)

SUFFIXES = (".txt", ".md")
SEPARATOR = " > "
MAX_HEADING_WORDS = 12
MAX_LABEL_WORDS = 8

_ITEM = re.compile(r"(?:[-*+\u2022]|\d{1,3}[.)])\s+\S")
_NUMBER = re.compile(r"(\d{1,3})[.)]\s")
_MD_HEADING = re.compile(r"(#{1,6})(?:\s+(.*))?$")
_MD_CLOSING = re.compile(r"(?:^|\s)#+\s*$")
_FENCE = re.compile(r"(`{3,}|~{3,})")
_SENTENCE_END = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")
_NUMBER_SPAN = 64
_ABBREVIATIONS = frozenset("e.g i.e dr mr mrs ms vs etc st no fig approx cf al".split())


@dataclass(frozen=True)
class Sentence:
    """One sentence of a passage, with offsets into the source file's text."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form."""
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class Passage:
    """A verbatim, quotable unit of an article: a paragraph or a list item.

    `text == source_text[start:end]`; `section` is the heading path that cites it,
    and `group` is the heading path of the list an item belongs to ("" otherwise).
    """

    id: str
    source: str
    title: str
    section: str
    group: str
    text: str
    start: int
    end: int
    sentences: tuple[Sentence, ...]

    @property
    def is_item(self) -> bool:
        """True for a list item."""
        return bool(self.group)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (one line of passages.jsonl)."""
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "group": self.group,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "sentences": [s.to_dict() for s in self.sentences],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Passage:
        """Rebuild a passage from its JSON form."""
        sentences = tuple(Sentence(**s) for s in data["sentences"])
        fields = {k: data[k] for k in ("id", "source", "title", "section", "group", "text")}
        return cls(**fields, start=data["start"], end=data["end"], sentences=sentences)


@dataclass(frozen=True)
class Document:
    """One corpus file: its verbatim text, digest, headings and passages."""

    source: str
    path: Path
    text: str
    sha256: str
    title: str
    headings: tuple[str, ...] = field(default=())
    passages: tuple[Passage, ...] = field(default=())


@dataclass(frozen=True)
class _Line:
    """A non-blank line: stripped text and its offsets."""

    text: str
    start: int
    end: int


def section_label(section: str) -> str:
    """The last heading of a section path, without a list number: 'Infection' from '... > 2. Infection'."""
    return _NUMBER.sub("", section.split(SEPARATOR)[-1], count=1).strip()


def corpus_files(corpus_dir: Path) -> list[Path]:
    """List the .txt and .md files of a corpus folder, sorted by name."""
    if not corpus_dir.is_dir():
        raise CorpusError(f"Corpus folder {corpus_dir} does not exist. Create it and add .txt or .md articles.")
    return sorted(p for p in corpus_dir.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def file_digest(path: Path) -> str:
    """Return the sha-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def load_corpus(corpus_dir: Path) -> list[Document]:
    """Read every .txt and .md article of `corpus_dir` into Documents.

    Empty files and files with no prose are skipped with a warning; a file that is
    not UTF-8 text raises CorpusError naming it. Raises CorpusError when no article
    is left.
    """
    documents = []
    for path in corpus_files(corpus_dir):
        document = load_document(path)
        if document.passages:
            documents.append(document)
        else:
            log.warning("Skipped %s: it has no paragraphs to quote.", path.name)
    if not documents:
        raise CorpusError(f"No article with text found in {corpus_dir}. Add a .txt or .md file with paragraphs.")
    return documents


def load_document(path: Path) -> Document:
    """Parse one article file; raises CorpusError when it cannot be read or is not UTF-8 text."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CorpusError(f"{path} cannot be read ({exc.strerror or exc}). Check the file, then rebuild.") from exc
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusError(f"{path} is UTF-16 text. Save it as UTF-8, then rebuild.")
    if b"\x00" in raw:
        raise CorpusError(f"{path} looks like a binary file, not an article. Remove it from the corpus folder.")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CorpusError(
            f"{path} is not valid UTF-8 (byte {exc.start}). Save it as UTF-8 text, then rebuild."
        ) from exc
    lines = list(_lines(text))
    source = path.stem
    if path.suffix.lower() == ".md":
        title, headings, blocks = _parse_markdown(lines, source)
    else:
        title, headings, blocks = _parse_text(lines)
    title = title or source
    passages = []
    seen: dict[str, int] = {}
    for section, group, start, end in blocks:
        passage = _passage(source, title, text, section or title, group, start, end)
        seen[passage.id] = count = seen.get(passage.id, 0) + 1
        if count > 1:  # the same paragraph twice in one section: keep ids unique, and stable across rebuilds
            passage = replace(passage, id=f"{passage.id}-{count}")
        passages.append(passage)
    digest = hashlib.sha256(raw).hexdigest()
    return Document(source, path, text, digest, title, tuple(headings), tuple(passages))


def split_sentences(text: str, offset: int = 0) -> tuple[Sentence, ...]:
    """Split `text` into sentences whose offsets are shifted by `offset`."""
    sentences = []
    start = 0
    lead = len(text) - len(text.lstrip())
    for match in _SENTENCE_END.finditer(text):
        word = _word_before(text, match.start()).lower()
        # Only a short prefix can be a bare list number ("1. "); checking longer ones made this quadratic.
        number = (
            start == 0 and match.end() - lead <= _NUMBER_SPAN and _NUMBER.fullmatch(text[: match.end()].strip() + " ")
        )
        if word.rstrip(".") in _ABBREVIATIONS or number:
            continue
        end = match.start() + len(match.group().rstrip())
        sentences.append(Sentence(text[start:end], offset + start, offset + end))
        start = match.end()
    tail = text[start:].rstrip()
    if tail.strip():
        sentences.append(Sentence(tail, offset + start, offset + start + len(tail)))
    return tuple(sentences)


def _word_before(text: str, end: int) -> str:
    """The last whitespace-separated word of `text[:end]` ("" when there is none), without copying the prefix."""
    stop = end
    while stop > 0 and text[stop - 1].isspace():
        stop -= 1
    begin = stop
    while begin > 0 and not text[begin - 1].isspace():
        begin -= 1
    return text[begin:stop]


def _lines(text: str) -> Iterator[_Line | None]:
    """Yield each line stripped with its offsets, or None for a blank line."""
    position = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        stripped = body.strip().lstrip("\ufeff").strip()
        if stripped:
            lead = body.index(stripped)
            yield _Line(stripped, position + lead, position + lead + len(stripped))
        else:
            yield None
        position += len(raw)


Block = tuple[str, str, int, int]


def _parse_text(lines: list[_Line | None]) -> tuple[str, list[str], list[Block]]:
    """Parse the plain-text layout: title line, heading lines, paragraphs, numbered items."""
    title = ""
    heading = ""
    headings: list[str] = []
    blocks: list[Block] = []
    previous: _Line | None = None
    for line in lines:
        if line is None:
            previous = None
            continue
        if not title:
            title = line.text
            continue
        if _ITEM.match(line.text):
            section = _join(heading, _label(line.text))
            blocks.append((section, heading or title, line.start, line.end))
        elif _is_plain_heading(line.text):
            heading = line.text
            headings.append(heading)
            line = None
        elif previous is not None and _continues(previous.text, line.text) and blocks:
            section, group, start, _ = blocks[-1]
            blocks[-1] = (section, group, start, line.end)
        else:
            blocks.append((heading or title, "", line.start, line.end))
        previous = line
    return title, headings, blocks


def _parse_markdown(lines: list[_Line | None], source: str = "") -> tuple[str, list[str], list[Block]]:
    """Parse Markdown: # headings (nested), paragraphs, - and 1. list items; `source` names text before any heading."""
    title = ""
    path: list[tuple[int, str]] = []
    headings: list[str] = []
    blocks: list[Block] = []
    open_block = False
    fenced = False
    for line in lines:
        if line is not None and _FENCE.match(line.text):
            fenced = not fenced
            open_block = False
            continue
        if fenced:
            continue
        if line is None:
            open_block = False
            continue
        heading = _MD_HEADING.match(line.text)
        if heading:
            level, name = len(heading.group(1)), _MD_CLOSING.sub("", heading.group(2) or "").strip()
            open_block = False
            if not name:
                continue
            if not title and level == 1:
                title = name
                continue
            path = [(lvl, text) for lvl, text in path if lvl < level] + [(level, name)]
            headings.append(name)
            continue
        current = SEPARATOR.join(text for _, text in path) or title or source
        if _ITEM.match(line.text):
            blocks.append((_join(current, _label(line.text)), current, line.start, line.end))
            open_block = True
        elif open_block and blocks:
            section, group, start, _ = blocks[-1]
            blocks[-1] = (section, group, start, line.end)
        else:
            blocks.append((current, "", line.start, line.end))
            open_block = True
    return title, headings, blocks


def _is_plain_heading(text: str) -> bool:
    """A short line without closing punctuation (or a short question) is a heading."""
    return len(text.split()) <= MAX_HEADING_WORDS and not re.search(r"[.,;:!\"'\u201d]$", text)


def _continues(previous: str, text: str) -> bool:
    """True when `text` is the wrapped continuation of the paragraph line `previous`."""
    return not re.search(r"[.!?:\"'\u201d)]$", previous) and text[:1].islower()


def _label(item: str) -> str:
    """Name a list item for its citation: '1. Infection' from '1. Infection: ...'."""
    head = item.split(":", 1)[0] if ":" in item else ""
    head = head.replace("**", "").replace("__", "").strip()
    if head and len(head.split()) <= MAX_LABEL_WORDS:
        return head.lstrip("-*+\u2022 ").strip()
    marker = _NUMBER.match(item)
    words = item.lstrip("-*+\u2022 ").split()
    return marker.group(0).strip() if marker else " ".join(words[:4])


def _join(parent: str, child: str) -> str:
    """Join two heading path parts."""
    return f"{parent}{SEPARATOR}{child}" if parent else child


def _passage(source: str, title: str, text: str, section: str, group: str, start: int, end: int) -> Passage:
    """Build a Passage with a content-derived id and its sentences."""
    body = text[start:end]
    digest = hashlib.sha256(f"{source}\n{section}\n{body}".encode()).hexdigest()[:12]
    return Passage(f"{source}#{digest}", source, title, section, group, body, start, end, split_sentences(body, start))
