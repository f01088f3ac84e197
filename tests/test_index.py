"""The index: committed index is current, save/load round trip, staleness, plain file formats."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from fakes import WordEmbedder

from assistant.corpus import corpus_files, file_digest, load_corpus
from assistant.embed import DEFAULT_MODEL, DIGESTS
from assistant.errors import IndexStale
from assistant.index import FORMAT_VERSION, approximate_index, build_index, exact_index, load_index, save_index
from assistant.retrieve import Retriever
from bench.scale import synthetic_vectors

REPO = Path(__file__).resolve().parent.parent


def test_committed_index_is_current() -> None:
    manifest = json.loads((REPO / "index" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["format_version"] == FORMAT_VERSION
    assert manifest["model"]["id"] == DEFAULT_MODEL
    assert manifest["model"]["digest"] == DIGESTS["model.safetensors"]
    assert manifest["corpus"] == {p.name: file_digest(p) for p in corpus_files(REPO / "corpus")}
    stored = [json.loads(line) for line in (REPO / "index" / "passages.jsonl").read_text(encoding="utf-8").splitlines()]
    parsed = [p.to_dict() for d in load_corpus(REPO / "corpus") for p in d.passages]
    assert stored == parsed
    assert manifest["counts"]["passages"] == len(parsed)


def test_no_pickle_is_committed() -> None:
    files = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True).stdout.split()
    assert not [f for f in files if f.endswith((".pkl", ".pickle"))]


def test_round_trip_with_a_fake_embedder(tmp_path: Path) -> None:
    embedder = WordEmbedder()
    index = build_index(load_corpus(REPO / "corpus"), embedder)
    save_index(index, tmp_path)
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file())
    assert "manifest.json" in names and "passages.faiss" in names and "bm25/params.index.json" in names
    assert not [n for n in names if n.startswith(".build-")], "staging folder removed"
    loaded = load_index(tmp_path, embedder, REPO / "corpus")
    assert loaded.passages == index.passages
    assert loaded.passage_vectors.ntotal == index.passage_vectors.ntotal == len(index.passages)
    query = embedder.encode(["infection risk"])
    assert np.array_equal(loaded.passage_vectors.search(query, 3)[1], index.passage_vectors.search(query, 3)[1])
    assert loaded.lexicon.terms == index.lexicon.terms and "infection" in loaded.lexicon.terms
    assert loaded.lexicon.labels == index.lexicon.labels and "Infection" in loaded.lexicon.labels
    np.testing.assert_array_equal(loaded.lexicon.term_vectors, index.lexicon.term_vectors)
    np.testing.assert_array_equal(loaded.lexicon.label_vectors, index.lexicon.label_vectors)


def test_the_lexicon_is_embedded_at_build_and_loading_embeds_nothing(tmp_path: Path) -> None:
    class Counting(WordEmbedder):
        """Counts the texts it embeds."""

        texts = 0

        def encode(self, texts: list[str]) -> np.ndarray:
            self.texts += len(texts)
            return super().encode(texts)

    embedder = Counting()
    index = build_index(load_corpus(REPO / "corpus"), embedder)
    terms, labels = index.lexicon.terms, index.lexicon.labels
    assert list(terms) == sorted(set(terms)) and {"microneedling", "follicles", "dermatologist"} <= set(terms)
    assert "the" not in terms, "stopwords are not terms"
    np.testing.assert_allclose(index.lexicon.term_vectors, WordEmbedder().encode(list(terms)), atol=1e-6)
    np.testing.assert_allclose(index.lexicon.label_vectors, WordEmbedder().encode(list(labels)), atol=1e-6)
    save_index(index, tmp_path)
    embedder.texts = 0
    Retriever(load_index(tmp_path, embedder, REPO / "corpus"), embedder)
    assert embedder.texts == 0


def test_flat_search_matches_brute_force(tmp_path: Path) -> None:
    embedder = WordEmbedder()
    index = build_index(load_corpus(REPO / "corpus"), embedder)
    vectors = index.passage_vectors.reconstruct_n(0, index.passage_vectors.ntotal)
    query = embedder.encode(["allergic reaction to the serum"])
    scores, ids = index.passage_vectors.search(query, len(vectors))
    expected = np.argsort(-(vectors @ query[0]), kind="stable")
    assert np.allclose(scores[0], (vectors @ query[0])[ids[0]], atol=1e-5)
    assert ids[0][0] == expected[0]


def test_other_model_makes_the_index_stale(tmp_path: Path) -> None:
    embedder = WordEmbedder()
    save_index(build_index(load_corpus(REPO / "corpus"), embedder), tmp_path)

    class Other(WordEmbedder):
        model_id = "another-model"

    with pytest.raises(IndexStale, match="article-assistant build"):
        load_index(tmp_path, Other(), REPO / "corpus")


def test_approximate_index_finds_what_exact_search_finds() -> None:
    vectors, queries = synthetic_vectors(30_000, seed=0), synthetic_vectors(100, seed=1)
    _, truth = exact_index(vectors).search(queries, 10)
    approximate = approximate_index(vectors)
    _, found = approximate.search(queries, 10)
    recall = np.mean([len(set(t) & set(f)) / 10 for t, f in zip(truth, found, strict=True)])
    assert recall >= 0.95
    np.testing.assert_allclose(approximate.reconstruct_batch(np.arange(5)), vectors[:5], atol=1e-6)
