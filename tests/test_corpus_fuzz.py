"""Broken corpus files: a clear CorpusError naming the file, or a skip with a warning; never a bare crash.

No model needed: this exercises assistant.corpus only.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.corpus import Document, load_corpus, load_document, split_sentences
from assistant.errors import CorpusError

GOOD = "Good Article\n\nIntro\n\nMicroneedling is a procedure. It uses fine needles.\n"


def check_document(document: Document) -> None:
    """Every passage and sentence is a verbatim slice, in order, with no overlap."""
    text = document.text
    assert document.title and not document.title.startswith("\ufeff")
    previous_end = 0
    ids = [p.id for p in document.passages]
    assert len(ids) == len(set(ids)), "passage ids must be unique"
    for passage in document.passages:
        assert text[passage.start : passage.end] == passage.text
        assert passage.text and passage.text == passage.text.strip()
        assert passage.start >= previous_end
        previous_end = passage.end
        assert passage.section and passage.title == document.title
        sentence_end = passage.start
        assert passage.sentences
        for sentence in passage.sentences:
            assert text[sentence.start : sentence.end] == sentence.text
            assert sentence.text.strip()
            assert passage.start <= sentence.start and sentence.end <= passage.end
            assert sentence.start >= sentence_end
            sentence_end = sentence.end


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """Write one corpus file (bytes as they are, str as UTF-8)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


# --- files that must be refused with a CorpusError naming them -------------------------

REFUSED = {
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    "nul.md": (b"# Title\n\nText with a \x00 byte.\n", "binary"),
    "latin1.txt": ("Caf\u00e9 article\n\nMicroneedling na\u00efve text.\n".encode("latin-1"), "UTF-8"),
    "utf16.txt": ("Title\n\nSome text here.\n".encode("utf-16"), "UTF-16"),
    "truncated_utf8.md": ("# T\n\nText \u00e9".encode()[:-1], "UTF-8"),
    "lone_surrogate.txt": ("Title\n\nText \ud800 here.\n".encode("utf-8", "surrogatepass"), "UTF-8"),
}


@pytest.mark.parametrize("name", list(REFUSED))
def test_unreadable_file_raises_a_corpus_error_naming_it(tmp_path: Path, name: str) -> None:
    data, hint = REFUSED[name]
    path = write(tmp_path, name, data)
    with pytest.raises(CorpusError) as caught:
        load_document(path)
    assert name in str(caught.value) and hint in str(caught.value)
    write(tmp_path, "good.txt", GOOD)
    with pytest.raises(CorpusError, match=re.escape(name)):  # the whole corpus refuses: the operator must fix it
        load_corpus(tmp_path)


def test_a_folder_named_like_an_article_is_a_corpus_error(tmp_path: Path) -> None:
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    with pytest.raises(CorpusError, match=re.escape("dir.txt")):
        load_document(folder)
    write(tmp_path, "good.txt", GOOD)
    assert [d.source for d in load_corpus(tmp_path)] == ["good"]  # corpus_files lists files only


def test_a_missing_corpus_folder_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="does not exist"):
        load_corpus(tmp_path / "nowhere")


# --- files that are skipped with a warning ---------------------------------------------

SKIPPED = {
    "empty.txt": b"",
    "empty.md": b"",
    "blank_lines.txt": b"\n\n  \r\n\t\n",
    "bom_only.md": b"\xef\xbb\xbf",
    "title_only.txt": b"Just A Title\n",
    "only_headings.md": b"# Title\n\n## One\n\n### Two\n\n#### Three\n",
    "empty_headings.md": b"#\n\n# \n\n##   \n\n###### ##\n",
    "only_code.md": b"# Title\n\n```\nprint('not prose')\n```\n",
}


@pytest.mark.parametrize("name", list(SKIPPED))
def test_file_without_prose_is_skipped_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, name: str
) -> None:
    write(tmp_path, name, SKIPPED[name])
    write(tmp_path, "good.txt", GOOD)
    with caplog.at_level(logging.WARNING, logger="assistant.corpus"):
        documents = load_corpus(tmp_path)
    assert [d.source for d in documents] == ["good"]
    assert any(name in record.getMessage() and "Skipped" in record.getMessage() for record in caplog.records)


def test_a_corpus_of_only_empty_files_is_a_corpus_error(tmp_path: Path) -> None:
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "headings.md", b"# T\n\n## A\n")
    with pytest.raises(CorpusError, match="No article with text"):
        load_corpus(tmp_path)


# --- odd but valid files: parsed, verbatim ------------------------------------------------


def nested_list(depth: int) -> str:
    """A Markdown list nested `depth` levels deep."""
    return "\n".join(f"{'  ' * level}- level {level}: item text at depth {level}." for level in range(depth))


ODD = {
    "huge_line.txt": "Huge\n\n" + "Microneedling is a procedure. " * 70_000,  # about 2 MB on one line
    "huge_word.txt": "Huge Word\n\n" + "x" * 1_000_000 + ".\n",
    "crlf.txt": GOOD.replace("\n", "\r\n"),
    "cr_only.md": "# Title\r\rFirst paragraph here.\r\r- item: one\r- item: two\r",
    "bom.txt": "\ufeff" + GOOD,
    "bom.md": "\ufeff# Title\n\nText after a BOM.\n",
    "code_fences.md": "# T\n\nBefore.\n\n```python\n# not a heading\n- not an item\n```\n\nAfter.\n\n~~~\nx\n~~~\n",
    "unclosed_fence.md": "# T\n\nBefore the fence.\n\n```\ncode runs to the end\n\nMore code.\n",
    "nested_lists.md": "# Nested\n\n" + nested_list(300),
    "numbered.txt": "Title\n\nRisks\n\n1. Infection: text.\n2) Irritation: more.\n999. Big: x.\n",
    "no_h1.md": "Intro paragraph first.\n\n- a: one\n- b: two\n\n## Later\n\nMore.\n",
    "duplicates.md": "# T\n\n## S\n\nSame paragraph.\n\nSame paragraph.\n\nSame paragraph.\n",
    "separators.txt": "Title\n\nLine one\u2028line two\u2029\x0bthird\x0c\x1cfourth\x85fifth.\n",
    "heading_no_text.md": "# Title\n\n## \n\nParagraph under an empty heading.\n\n####### seven hashes is text\n",
    "html_and_md.md": "# T\n\n<div><script>alert(1)</script></div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> quote\n",
    "rtl_and_zero_width.txt": "Title\n\n\u202eReversed\u202c text and zero\u200bwidth joiners\u200d here.\n",
    "other_scripts.txt": "标题\n\n微针会导致脱发吗？这是一个问题。\n\nМикронидлинг. Это процедура.\n",  # noqa: RUF001
    "abbreviations.txt": "Title\n\n" + "e.g. " * 50_000 + "\n",
}


@pytest.mark.parametrize("name", list(ODD))
def test_odd_file_parses_into_verbatim_passages(tmp_path: Path, name: str) -> None:
    document = load_document(write(tmp_path, name, ODD[name]))
    assert document.passages
    check_document(document)


def test_code_fence_content_is_not_quoted(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "code.md", ODD["code_fences.md"]))
    assert [p.text for p in document.passages] == ["Before.", "After."]


def test_duplicate_paragraphs_get_distinct_stable_ids(tmp_path: Path) -> None:
    path = write(tmp_path, "dup.md", ODD["duplicates.md"])
    first, again = load_document(path), load_document(path)
    assert [p.id for p in first.passages] == [p.id for p in again.passages]
    assert len({p.id for p in first.passages}) == 3


def test_markdown_headings_need_a_space_and_may_close_with_hashes(tmp_path: Path) -> None:
    text = "# Learn C#\n\n## Part ##\n\nText.\n\n#hashtag is text.\n\n###### ##\n\nMore.\n"
    document = load_document(write(tmp_path, "h.md", text))
    assert document.title == "Learn C#" and document.headings == ("Part",)
    assert [(p.section, p.text) for p in document.passages] == [
        ("Part", "Text."),
        ("Part", "#hashtag is text."),
        ("Part", "More."),
    ]


def test_markdown_without_a_title_cites_the_file_name(tmp_path: Path) -> None:
    document = load_document(write(tmp_path, "no-title.md", ODD["no_h1.md"]))
    assert document.title == "no-title"
    assert [p.section for p in document.passages] == ["no-title", "no-title > a", "no-title > b", "Later"]
    assert [p.is_item for p in document.passages] == [False, True, True, False]


def test_huge_line_is_split_into_sentences_in_reasonable_work(tmp_path: Path) -> None:
    # Regression: sentence splitting re-sliced the whole prefix at every sentence end (quadratic).
    text = "Microneedling is a procedure. " * 70_000
    sentences = split_sentences(text)
    assert len(sentences) == 70_000 and sentences[-1].end == len(text.rstrip())


# --- property: arbitrary text as .txt and .md ------------------------------------------------

LINE_PIECES = st.sampled_from(
    [
        "# ",
        "## ",
        "###### ",
        "- ",
        "* ",
        "1. ",
        "2) ",
        "```",
        "~~~",
        "> ",
        "Microneedling can cause hair loss. ",
        "Dr. Smith said so, e.g. here. ",
        "Risks",
        "infection: ",
        "\ufeff",
        "\u202e",
        "\u200b",
        "\t",
        "   ",
        "?",
        "!",
        '"',
        "\u201d",
    ]
)
LINES = st.lists(st.one_of(LINE_PIECES, st.text(max_size=20)), max_size=6).map("".join)
DOCUMENTS = st.lists(LINES, max_size=25)
NEWLINES = st.sampled_from(["\n", "\r\n", "\r", "\n\n", "\u2028", "\x0c"])


@settings(max_examples=300)
@given(lines=DOCUMENTS, newline=NEWLINES, suffix=st.sampled_from([".txt", ".md"]), bom=st.booleans())
def test_any_text_loads_verbatim_or_raises_corpus_error(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], newline: str, suffix: str, bom: bool
) -> None:
    folder = tmp_path_factory.mktemp("fuzz", numbered=True)
    text = ("\ufeff" if bom else "") + newline.join(lines)
    path = write(folder, f"article{suffix}", text.encode("utf-8", "surrogatepass"))
    try:
        document = load_document(path)
    except CorpusError as exc:
        assert "article" in str(exc)
        return
    assert document.text == text
    check_document(document)


@settings(max_examples=100)
@given(data=st.binary(max_size=300), suffix=st.sampled_from([".txt", ".md"]))
def test_any_bytes_load_or_raise_corpus_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = write(tmp_path_factory.mktemp("bytes", numbered=True), f"raw{suffix}", data)
    try:
        document = load_document(path)
    except CorpusError as exc:
        assert "raw" in str(exc)
        return
    check_document(document)
