"""The corpus parser: the seed's structure, Markdown, verbatim offsets, sentences."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from assistant.corpus import load_corpus, load_document, split_sentences

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "corpus" / "microneedling-hair-loss.txt"
SEED_SHA256 = "b8676c380f180e75eb3676502bedc471c1fd195d8b15e53803e37b7b432e741d"
SHARED_SEED = REPO.parent / "shared" / "seed" / "microneedling-hair-loss.txt"


def test_bundled_article_is_byte_identical_to_the_seed() -> None:
    assert hashlib.sha256(SEED.read_bytes()).hexdigest() == SEED_SHA256
    if SHARED_SEED.is_file():
        assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_structure() -> None:
    document = load_document(SEED)
    assert document.title == "Can Microneedling Cause Hair Loss?"
    assert document.headings == (
        "Risks of Microneedling on Hair Loss",
        "Benefits of Microneedling for Hair Health",
        "Conclusion",
    )
    sections = [p.section for p in document.passages]
    assert len(sections) == 11
    assert sections[0] == document.title
    assert "Risks of Microneedling on Hair Loss > 2. Infection" in sections
    assert "Benefits of Microneedling for Hair Health > 3. Enhance Product Absorption" in sections
    items = [p for p in document.passages if p.is_item]
    assert [p.group for p in items].count("Risks of Microneedling on Hair Loss") == 4
    assert [p.group for p in items].count("Benefits of Microneedling for Hair Health") == 3
    assert not any(p.text in document.headings for p in document.passages), "headings are not answers"


def test_every_passage_and_sentence_is_verbatim() -> None:
    document = load_document(SEED)
    previous_end = 0
    for passage in document.passages:
        assert document.text[passage.start : passage.end] == passage.text
        assert passage.start >= previous_end
        previous_end = passage.end
        assert passage.sentences
        for sentence in passage.sentences:
            assert document.text[sentence.start : sentence.end] == sentence.text
            assert passage.start <= sentence.start < sentence.end <= passage.end


def test_list_item_marker_does_not_end_a_sentence() -> None:
    text = "2. Infection: Anytime the skin is punctured, there is a risk. If it occurs, it can damage follicles."
    sentences = [s.text for s in split_sentences(text)]
    assert sentences == [
        "2. Infection: Anytime the skin is punctured, there is a risk.",
        "If it occurs, it can damage follicles.",
    ]


def test_abbreviations_do_not_end_a_sentence() -> None:
    sentences = split_sentences("Use a serum, e.g. Hyaluronic acid. Ask Dr. Smith first.")
    assert [s.text for s in sentences] == ["Use a serum, e.g. Hyaluronic acid.", "Ask Dr. Smith first."]


def test_passage_ids_are_stable_across_loads_and_change_with_text(tmp_path: Path) -> None:
    first = [p.id for p in load_document(SEED).passages]
    assert first == [p.id for p in load_document(SEED).passages]
    assert len(set(first)) == len(first)
    changed = tmp_path / SEED.name
    changed.write_text(SEED.read_text(encoding="utf-8").replace("tiny needles", "small needles"), encoding="utf-8")
    second = [p.id for p in load_document(changed).passages]
    assert sum(a != b for a, b in zip(first, second, strict=True)) == 1


MARKDOWN = """# Sleep and Hair

Sleep matters for many things.

## Pillows

- **Silk:** A silk pillowcase causes less friction.
- Cotton: Cotton absorbs more moisture.

### Washing

Wash pillowcases weekly.
Long lines wrap here.

```
code is skipped
```
"""


def test_markdown_headings_lists_and_paragraphs(tmp_path: Path) -> None:
    path = tmp_path / "sleep.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = load_document(path)
    assert document.title == "Sleep and Hair"
    sections = [(p.section, p.group) for p in document.passages]
    assert sections == [
        ("Sleep and Hair", ""),
        ("Pillows > Silk", "Pillows"),
        ("Pillows > Cotton", "Pillows"),
        ("Pillows > Washing", ""),
    ]
    washing = document.passages[-1]
    assert washing.text == "Wash pillowcases weekly.\nLong lines wrap here."
    assert "code is skipped" not in " ".join(p.text for p in document.passages)
    for passage in document.passages:
        assert document.text[passage.start : passage.end] == passage.text


def test_loader_reads_txt_and_md_and_ignores_other_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nA paragraph about hair.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# B\n\nAnother paragraph.\n", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    assert [d.source for d in load_corpus(tmp_path)] == ["a", "b"]


@pytest.mark.parametrize("text", ["", "\n\n", "Only a title\n"])
def test_files_without_prose_are_skipped(tmp_path: Path, text: str) -> None:
    (tmp_path / "empty.txt").write_text(text, encoding="utf-8")
    (tmp_path / "real.txt").write_text("Title\nSome text to quote.\n", encoding="utf-8")
    assert [d.source for d in load_corpus(tmp_path)] == ["real"]


@pytest.mark.model
def test_crlf_article_quotes_slice_the_served_text(real_embedder: object, tmp_path: Path) -> None:
    from assistant.engine import Assistant
    from assistant.index import open_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / SEED.name).write_bytes(SEED.read_bytes().replace(b"\n", b"\r\n"))
    assistant = Assistant(open_index(corpus, tmp_path / "index", real_embedder), real_embedder, corpus_dir=corpus)  # type: ignore[arg-type]
    answer = assistant.ask("Can microneedling cause an infection?")
    assert answer.status == "answered"
    text = assistant.article_text(answer.quotes[0].source)
    assert "\r\n" in text
    for quote in (*answer.quotes, *answer.advice):
        assert text[quote.start : quote.end] == quote.text
