"""--jobs N: workers share the built engine, big files are split across them, results come back in order."""
import multiprocessing
from pathlib import Path

import pytest

from cleanup import batch
from cleanup.batch import CorrectorSpec, FixOptions, fix_paths
from cleanup.document import Document
from cleanup.lexicon import Entry, Lexicon

LEXICON = Lexicon([Entry("商汤", variants=["上汤"]), Entry("日日新", variants=["日日心"]),
                   Entry("商汤科技", kind="org")])
SPEC = CorrectorSpec(LEXICON)


def transcripts(folder: Path, count: int, lines: int) -> list[Path]:
    folder.mkdir()
    paths = []
    for i in range(count):
        path = folder / f"{i:02}.txt"
        path.write_text("".join(f"第{i}篇第{n}行，上汤发布了日日心，上当科技也来了。\n" for n in range(lines)), "utf-8")
        paths.append(path)
    return paths


def run(tmp_path: Path, name: str, inputs: list[Path], workers: int, options: FixOptions | None = None):
    out = tmp_path / name
    out.mkdir()
    result = fix_paths(inputs, SPEC, out, options=options, workers=workers)
    return result, {p.name: p.read_bytes() for p in sorted(out.iterdir())}


def test_jobs_2_gives_the_same_files_and_records_in_input_order(tmp_path):
    inputs = transcripts(tmp_path / "raw", 40, 3)  # more files than one task takes
    one, files_one = run(tmp_path, "one", inputs, 1)
    two, files_two = run(tmp_path, "two", inputs, 2)
    assert files_two == files_one and len(files_one) == 40
    assert [r.source for r in two.results] == inputs
    assert two.records == one.records and len(one.records) >= 40 * 3 * 2
    assert [r["file"] for r in two.records] == sorted(r["file"] for r in two.records)


def test_a_big_file_is_split_into_chunks_across_the_workers(tmp_path, monkeypatch):
    (path,) = transcripts(tmp_path / "raw", 1, 300)
    options = FixOptions(chunk_chars=1000)  # the file is several chunks
    assert batch._shared(batch._size(batch.Job(path)), batch._size(batch.Job(path)), 2, options)
    one, files_one = run(tmp_path, "one", [path], 1, options)
    sent = []
    real = batch._pool_chunks

    def counting(pool, workers):
        correct = real(pool, workers)

        def wrapped(chunks):
            for chunk, edits in correct(chunks):
                sent.append(chunk[0])
                yield chunk, edits
        return wrapped

    monkeypatch.setattr(batch, "_pool_chunks", counting)
    two, files_two = run(tmp_path, "two", [path], 2, options)
    assert len(sent) > 5 and sent == sorted(sent)  # chunks went to the pool and came back in order
    assert files_two == files_one
    assert two.records == one.records and [r["line"] for r in one.records] == sorted(r["line"] for r in one.records)


def test_forked_workers_use_the_parents_corrector(tmp_path):
    """The parent builds once: a worker that built its own from the spec would get the emptied lexicon."""
    inputs = transcripts(tmp_path / "raw", 4, 2)
    spec = CorrectorSpec(LEXICON)
    spec.build()
    spec.lexicon = Lexicon()
    result = fix_paths(inputs, spec, tmp_path / "out", workers=2)
    assert not result.failed and [r.changed for r in result.results] == [True] * 4


def test_spawned_workers_give_the_same_results(tmp_path, monkeypatch):
    """Where there is no fork, each worker builds its own Corrector (or loads it from the engine cache)."""
    (big,) = transcripts(tmp_path / "big", 1, 2000)
    inputs = [*transcripts(tmp_path / "raw", 3, 2), big.rename(big.with_name("big.txt"))]  # the big one is shared
    forked, files_forked = run(tmp_path, "forked", inputs, 2)
    monkeypatch.setattr(batch, "_pool_context", lambda: multiprocessing.get_context("spawn"))
    spawned, files_spawned = run(tmp_path, "spawned", inputs, 2)
    assert files_spawned == files_forked and spawned.records == forked.records


def test_pieces_cover_the_segments_in_order_with_about_equal_prose():
    text = "".join(f"第{n}行，上汤发布了日日心。\n" * (1 + n % 3) for n in range(30))
    document = Document.from_text(text, "talk.txt")
    for count in (1, 2, 3, 4, 7):
        pieces = document.pieces(count)
        assert 1 <= len(pieces) <= count
        assert [s for piece in pieces for s in piece.segments] == document.segments
        assert all(piece.text is document.text and piece.name == "talk.txt" for piece in pieces)
        sizes = [sum(end - start for start, end in piece.segments) for piece in pieces]
        assert max(sizes) <= 2 * len(text) / count + 40  # no piece holds much more than its share
    assert len(Document.from_text("", "empty.txt").pieces(4)) == 1


def test_pieces_correct_to_the_edits_of_the_whole_with_the_whole_text_as_evidence():
    """A term used elsewhere in the document backs a fix (the latin pass's 'appears in the document'):
    a piece that does not hold the use must still see it."""
    lexicon = Lexicon([Entry("SenseTime", kind="org"), Entry("商汤", variants=["上汤"])])
    corrector = CorrectorSpec(lexicon).build()
    text = "SenseTime 发布了新模型。\n" + "今天天气很好。\n" * 20 + "Welcome to since time, said 上汤.\n"
    document = Document.from_text(text, "talk.txt")
    whole = corrector.correct(document).edits
    assert {e.replacement for e in whole} == {"SenseTime", "商汤"}  # the first line backs the fix
    for count in (2, 3, 5):
        assert [e for piece in document.pieces(count) for e in corrector.correct(piece).edits] == whole


def test_a_few_big_files_are_shared_out_in_pieces(tmp_path, monkeypatch):
    inputs = transcripts(tmp_path / "raw", 3, 1200)  # each bigger than SPLIT_BYTES, and a third of the batch
    sizes = [batch._size(batch.Job(p)) for p in inputs]
    assert all(batch._shared(size, sum(sizes), 2, FixOptions()) for size in sizes)
    one, files_one = run(tmp_path, "one", inputs, 1)
    pieces = []
    real = batch._correct_in_worker
    monkeypatch.setattr(batch, "_correct_in_worker", lambda document: pieces.append(document) or real(document))
    monkeypatch.setattr(batch, "_pool_context", lambda: multiprocessing.get_context("fork"))
    # the pool runs the patched function in the parent's stead: count what it was sent through a thread pool
    monkeypatch.setattr(batch, "ProcessPoolExecutor", _InlinePool)
    two, files_two = run(tmp_path, "two", inputs, 2)
    assert files_two == files_one and two.records == one.records
    assert len(pieces) == 3 * 2 * batch.PIECES_PER_WORKER
    assert all(len(piece.text) == len(pieces[0].text) for piece in pieces)


class _InlinePool:
    """A stand-in for the process pool that runs tasks in this process, so a test can see what is sent."""

    def __init__(self, workers, mp_context=None, initializer=None, initargs=()):
        from concurrent.futures import ThreadPoolExecutor
        self._threads = ThreadPoolExecutor(workers)

    def submit(self, fn, *args):
        return self._threads.submit(fn, *args)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._threads.shutdown()


@pytest.mark.parametrize("sizes, shared", [
    ([300_000], [True]),  # one big file: the workers share it
    ([100_000] * 3, [True] * 3),  # three on two workers: one would be left alone at the end
    ([100_000] * 4, [False] * 4),  # four balance among themselves
    ([1_000_000, 70_000, 70_000, 70_000], [True, False, False, False]),
    ([30_000], [False]),  # small: sharing would cost more than it saves
    ([3 << 20, *[1 << 20] * 20], [True, *[False] * 20]),  # several streamed chunks: always shared
])
def test_a_file_is_shared_out_when_it_would_keep_the_other_workers_waiting(sizes, shared):
    assert [batch._shared(size, sum(sizes), 2, FixOptions()) for size in sizes] == shared


def test_a_piece_that_fails_fails_its_file_only(tmp_path, monkeypatch):
    """A bug on one piece of a shared file: that file is reported (internal error) and not written; the others
    are written as with --jobs 1."""
    from cleanup.pipeline import Corrector

    real = Corrector.correct

    def correct(self, document):
        if document.name.endswith("01.txt") and document.segments and document.segments[0][0] > 0:
            raise AttributeError("boom")  # a later piece of one file
        return real(self, document)

    inputs = transcripts(tmp_path / "raw", 3, 1200)
    one, files_one = run(tmp_path, "one", inputs, 1)
    monkeypatch.setattr(Corrector, "correct", correct)
    monkeypatch.setattr(batch, "_pool_context", lambda: multiprocessing.get_context("fork"))
    two, files_two = run(tmp_path, "two", inputs, 2)
    assert [r.source.name for r in two.failed] == ["01.txt"]
    assert "internal error (AttributeError: boom)" in two.failed[0].error
    assert files_two == {name: data for name, data in files_one.items() if name != "01.txt"}
