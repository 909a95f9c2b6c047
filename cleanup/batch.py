"""Run a Corrector over files and folders: plan the outputs, fix each file, collect the results.

The Python entry point is :func:`fix_paths`; the ``fix`` command is a thin layer over it. A failing
file never stops the batch: its :class:`FileResult` carries the error and nothing is written for it.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
import sys
import threading
import time
from collections import Counter, deque
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from . import engine_cache, formats, safeio, stale
from .document import Document
from .edits import Edit
from .encoding import text_codec
from .errors import describe
from .judge import JudgeConfig
from .lexicon import Lexicon
from .passes import DEFAULT_PASSES
from .pipeline import Corrector
from .render import edit_records, unified_diff


class PlanError(ValueError):
    """Inputs and outputs that cannot be combined (a usage error)."""


@dataclass
class CorrectorSpec:
    """What a Corrector is built from; picklable, so each worker process builds its own once."""

    lexicon: Lexicon
    passes: Sequence[str] = DEFAULT_PASSES
    options: Mapping[str, dict] = field(default_factory=dict)
    judge: JudgeConfig = field(default_factory=JudgeConfig)
    #: Where the built Corrector is kept between runs (see :mod:`cleanup.engine_cache`); None: not kept
    cache_key: str | None = None
    _built: Corrector | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_cache(cls, cache_key: str, passes: Sequence[str], options: Mapping[str, dict],
                   judge: JudgeConfig) -> "CorrectorSpec | None":
        """The spec of a Corrector stored under ``cache_key``, already built; None if there is none."""
        corrector = engine_cache.load(cache_key)
        if not isinstance(corrector, Corrector):
            return None
        spec = cls(corrector.lexicon, passes, options, judge, cache_key)
        spec._built = corrector
        return spec

    def build(self) -> Corrector:
        """The Corrector, built (or loaded from the engine cache) on the first call and reused after."""
        if self._built is None and self.cache_key:
            cached = engine_cache.load(self.cache_key)
            self._built = cached if isinstance(cached, Corrector) else None
        if self._built is None:
            self._built = Corrector(self.lexicon, self.passes, self.options, self.judge)
            if self.cache_key:
                engine_cache.store(self.cache_key, self._built)
        return self._built

    def __getstate__(self) -> dict:
        return {**self.__dict__, "_built": None}


@dataclass
class FixOptions:
    format: str | None = None
    encoding: str | None = None
    in_place: bool = False
    backup: bool = True
    force: bool = False
    #: Build a unified diff of each changed file (the whole file is then held in memory).
    diff: bool = False
    #: Keep every edit record in the results (for ``--edits``); counts are always kept.
    keep_records: bool = True
    #: Plain text and markdown are corrected in chunks of this many lines / characters.
    chunk_lines: int = 100_000
    chunk_chars: int = 2 << 20


@dataclass
class Job:
    """One input file; ``dest`` None means write nothing, ``stdout`` means write to standard output."""

    source: Path
    dest: Path | None = None
    #: The folder ``dest`` must stay inside (symlinked folders may not lead out of it).
    root: Path | None = None
    stdout: bool = False


@dataclass
class FileResult:
    source: Path
    dest: Path | None = None
    format: str | None = None
    encoding: str | None = None
    #: Edit counts by ``(pass, term)``.
    tally: Counter = field(default_factory=Counter)
    records: list[dict] = field(default_factory=list)
    changed: bool = False
    written: bool = False
    backup: Path | None = None
    diff: str = ""
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    #: The error is a bug (an unexpected exception), not bad input.
    internal: bool = False
    seconds: float = 0.0

    @property
    def edit_count(self) -> int:
        return sum(self.tally.values())


@dataclass
class BatchResult:
    results: list[FileResult]
    seconds: float = 0.0

    @property
    def failed(self) -> list[FileResult]:
        return [r for r in self.results if r.error]

    @property
    def internal(self) -> bool:
        return any(r.internal for r in self.results)

    @property
    def changed(self) -> list[FileResult]:
        return [r for r in self.results if r.changed]

    @property
    def records(self) -> list[dict]:
        return [record for r in self.results for record in r.records]

    @property
    def edit_count(self) -> int:
        return sum(r.edit_count for r in self.results)

    def edits_by(self, key: str) -> Counter:
        """Edit counts by ``"pass"`` or ``"term"``."""
        index = ("pass", "term").index(key)
        counts: Counter = Counter()
        for r in self.results:
            for pass_and_term, count in r.tally.items():
                counts[pass_and_term[index]] += count
        return counts


# --- planning -------------------------------------------------------------------------------------

def find_inputs(paths: Iterable[str | Path]) -> tuple[list[tuple[Path, Path | None]], list[FileResult]]:
    """``(file, folder it was found in or None)`` for every input, and a failure per unreadable folder.

    Folders are walked recursively (symlinked folders are not followed) for known extensions.
    """
    found, failures = [], []
    for path in map(Path, paths):
        if not path.is_dir():
            found.append((path, None))
            continue

        def unreadable(error: OSError) -> None:
            failures.append(FileResult(Path(error.filename), error=f"{error.filename}: cannot read folder: "
                                                                        f"{error.strerror}"))

        for folder, subfolders, files in os.walk(path, onerror=unreadable):
            subfolders.sort()
            for name in sorted(files):
                if Path(name).suffix.lower() in formats.EXTENSIONS:
                    found.append((Path(folder) / name, path))
    return found, failures


def plan(paths: Sequence[str | Path], output: str | Path | None = None, in_place: bool = False,
         stdout: bool = False) -> tuple[list[Job], list[FileResult]]:
    """The jobs for ``paths`` and the failures met while finding them.

    ``output`` is a file for a single file input, else a folder mirroring the inputs; ``stdout``
    sends a single input to standard output; with neither (and no ``in_place``) nothing is written.
    """
    inputs, failures = find_inputs(paths)
    folders = [Path(p) for p in paths if Path(p).is_dir()]
    if output is not None and in_place:
        raise PlanError("use either --output or --in-place, not both")
    if output is None:
        if stdout and (len(inputs) != 1 or folders):
            raise PlanError("several inputs need -o FOLDER (or --in-place, --check or --diff)")
        return [Job(f, f if in_place else None, f.parent if in_place else None, stdout) for f, _ in inputs], failures
    output = Path(output)
    for folder in folders:
        if safeio.is_inside(output, folder):
            raise PlanError(f"output {output} is inside the input folder {folder}; choose an output outside it")
    if len(paths) == 1 and not folders and not output.is_dir():
        source = inputs[0][0]
        if output.resolve() == source.resolve():
            raise PlanError(f"output {output} is the input; use --in-place to change it")
        return [Job(source, output, output.parent)], failures
    jobs = [Job(f, output / (f.relative_to(top) if top else f.name), output) for f, top in inputs]
    _refuse_collisions(jobs)
    return jobs, failures


def _refuse_collisions(jobs: list[Job]) -> None:
    seen: dict[Path, Path] = {}
    for job in jobs:
        if job.dest in seen:
            raise PlanError(f"{seen[job.dest]} and {job.source} would both be written to {job.dest}")
        if job.dest.resolve() == job.source.resolve():
            raise PlanError(f"output {job.dest} is the input {job.source}; use --in-place to change it")
        seen[job.dest] = job.source


def check_names(options: FixOptions) -> None:
    """Refuse an unknown ``format`` or ``encoding`` before any file is read."""
    try:
        if options.format:
            formats.format_for(Path(), "", options.format)
        if options.encoding:
            text_codec(options.encoding)
    except (ValueError, LookupError) as exc:
        raise PlanError(str(exc)) from None


# --- one file -------------------------------------------------------------------------------------

ChunkEdits = Callable[[Iterable[tuple[int, "formats.Transcript"]]],
                      Iterator[tuple[tuple[int, "formats.Transcript"], list[Edit]]]]


def fix_file(job: Job, corrector: Corrector, options: FixOptions | None = None,
             correct_chunks: ChunkEdits | None = None) -> FileResult:
    """Correct one file as ``job`` says; errors are reported in the result, never raised.

    ``correct_chunks`` pairs each chunk of the transcript (a streamed one's chunks, or the whole of any other)
    with its edits, in order (default: ``corrector`` here).
    """
    options = options or FixOptions()
    started = time.perf_counter()
    result = FileResult(job.source, job.dest)
    try:
        _fix(job, corrector, options, result, correct_chunks or _chunk_corrector(corrector))
    except (OSError, ValueError) as exc:  # EncodingError, FormatError and UnsafeOutput included
        result.error = describe(exc, job.source)
    except Exception as exc:  # a bug must not stop the other files
        _internal_error(result, exc)
    if result.error:  # nothing was written, so nothing is recorded (chunks may have been counted)
        result.tally.clear()
        result.records.clear()
    result.changed = result.changed and result.error is None
    result.seconds = time.perf_counter() - started
    return result


def _internal_error(result: FileResult, exc: BaseException) -> None:
    result.error = f"{result.source}: internal error ({type(exc).__name__}: {exc}); please report it"
    result.internal = True


def _chunk_corrector(corrector: Corrector) -> ChunkEdits:
    return lambda chunks: ((chunk, corrector.correct(chunk[1].document).edits) for chunk in chunks)


def _fix(job: Job, corrector: Corrector, options: FixOptions, result: FileResult, correct_chunks: ChunkEdits) -> None:
    if not job.source.is_file():
        raise FileNotFoundError(2, "not a file" if job.source.exists() else "no such file", str(job.source))
    if job.dest is not None:
        safeio.prepare_destination(job.dest, job.root, force=options.force or options.in_place)
    stream = formats.open_stream(job.source, options.format, options.encoding)
    result.format, result.encoding = stream.format.name, stream.text_encoding.name
    result.warnings.extend(stream.warnings)
    with _output(job, options) as out:
        if stream.format.streamable and stream.text_encoding.lossless and not options.diff:
            _fix_streamed(stream, correct_chunks, options, out, result)
        else:
            _fix_whole(job, correct_chunks, options, out, result)
        if job.dest is not None and job.dest == job.source and not result.changed:
            return  # in place and nothing to fix: leave the file alone
        if options.in_place and options.backup:
            result.backup = safeio.backup(job.source)
        out.commit()
        result.written = job.dest is not None or job.stdout


def _output(job: Job, options: FixOptions):
    if job.stdout:
        return safeio.SpooledOutput(sys.stdout.buffer)
    if job.dest is None:
        return safeio.NoOutput()
    return safeio.AtomicFile(job.dest, replace=options.force or options.in_place)


def _fix_whole(job: Job, correct_chunks: ChunkEdits, options: FixOptions, out, result: FileResult) -> None:
    source = formats.read_source(job.source, options.format, options.encoding)
    [(_, edits)] = correct_chunks([(0, source.transcript)])
    corrected = source.render(edits)
    result.warnings.extend(w for w in source.warnings if w not in result.warnings)
    _record(result, source.document, edits, 0, options)
    result.changed = corrected != source.data
    if options.diff and result.changed:
        name = job.source.as_posix()
        result.diff = unified_diff(source.transcript.source, source.transcript.render(edits),
                                   f"a/{name}", f"b/{name}")
    out.write(corrected)


def _fix_streamed(stream: formats.Stream, correct_chunks: ChunkEdits, options: FixOptions, out,
                  result: FileResult) -> None:
    out.write(stream.text_encoding.bom)
    column_offset = 0  # characters of a line cut across chunks that earlier chunks held
    for (line_offset, transcript), edits in correct_chunks(stream.chunks(options.chunk_lines, options.chunk_chars)):
        _record(result, transcript.document, edits, line_offset, options, column_offset)
        result.changed = result.changed or bool(edits)
        out.write(transcript.render(edits).encode(stream.text_encoding.codec))
        text = transcript.document.text
        column_offset = column_offset + len(text) if "\n" not in text else len(text) - text.rfind("\n") - 1
    result.warnings.extend(w for w in stream.warnings if w not in result.warnings)


def _record(result: FileResult, document: Document, edits: list[Edit], line_offset: int,
            options: FixOptions, column_offset: int = 0) -> None:
    """Count ``edits`` and, if asked, keep their records; for a chunk, lines are shifted by ``line_offset``
    and columns on its first line by ``column_offset`` (where the chunk began mid-line)."""
    result.tally.update((e.pass_name, e.term) for e in edits)
    if options.keep_records:
        for record in edit_records(document, edits):
            if record["line"] == 1:
                record["column"] += column_offset
            record["line"] += line_offset
            result.records.append(record)


# --- many files -----------------------------------------------------------------------------------

_worker_corrector: Corrector | None = None
PARENT_CHECK_SECONDS = 0.5
# Files a worker takes at a time, at most: fewer round trips for many small files, yet a fair share each
MAX_FILES_PER_TASK = 16
# Chunks of one big file sent ahead per worker: enough to keep them busy, few enough to bound memory
CHUNKS_AHEAD = 2
#: A file at least this big (bytes) that is also over half a worker's share of the batch is no one worker's
#: task: the parent reads and writes it and the workers correct its pieces (see :func:`_shared`)
SPLIT_BYTES = 64 << 10
# Pieces per worker that a chunk of a split file is cut into, if the chunk is at most PIECED_CHARS long (each
# piece carries the chunk's whole text, which its evidence reads; longer chunks are many already)
PIECES_PER_WORKER = 2
PIECED_CHARS = 256_000


def _start_worker(spec: CorrectorSpec | None, parent: int) -> None:
    """A forked worker inherits the parent's Corrector (``spec`` None); a spawned one builds its own, or
    loads it from the engine cache."""
    global _worker_corrector
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    if spec is not None:
        _worker_corrector = spec.build()


def _exit_with_parent(parent: int) -> None:
    """End this worker once its parent is gone: a parent killed with -9 cannot shut its pool down, and
    the workers would go on correcting files nobody writes. An orphan gets a new parent process id."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


def _run_in_worker(jobs: list[Job], options: FixOptions) -> list[FileResult]:
    return [fix_file(job, _worker_corrector, options) for job in jobs]


def _correct_in_worker(document: Document) -> list[Edit]:
    return _worker_corrector.correct(document).edits


def _pool_context() -> multiprocessing.context.BaseContext:
    """fork where the platform has it, so workers share the Corrector the parent built; else spawn."""
    return multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")


def _size(job: Job) -> int:
    """The file's size in bytes; 0 for one that cannot be read (it fails at once wherever it goes)."""
    try:
        return job.source.stat().st_size
    except OSError:
        return 0


def _shared(size: int, total: int, workers: int, options: FixOptions) -> bool:
    """Whether a file of ``size`` bytes, in a batch of ``total``, is shared out among the workers rather than
    one worker's task: a file of several streamed chunks, or one so big a share of the batch (over half of
    what each worker has to do) that the others would finish first and wait for it. Sharing costs a little
    (each piece reads the whole text for its evidence), so files that balance among themselves are not."""
    return size > options.chunk_chars or size >= SPLIT_BYTES and size * 2 * workers > total


def _pool_chunks(pool: ProcessPoolExecutor, workers: int) -> ChunkEdits:
    """Chunks of one file corrected across the pool, each cut into pieces, a few chunks sent ahead, paired
    with their edits in order."""
    def pieces(document: Document) -> list[Document]:
        return document.pieces(workers * PIECES_PER_WORKER) if len(document.text) <= PIECED_CHARS else [document]

    def correct_chunks(chunks):
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, [pool.submit(_correct_in_worker, piece) for piece in pieces(chunk[1].document)]))
            if len(pending) > workers * CHUNKS_AHEAD:
                chunk, futures = pending.popleft()
                yield chunk, [edit for future in futures for edit in future.result()]
        while pending:
            chunk, futures = pending.popleft()
            yield chunk, [edit for future in futures for edit in future.result()]
    return correct_chunks


def _fix_shared(job: Job, corrector: Corrector, options: FixOptions, pool: ProcessPoolExecutor,
                workers: int) -> list[FileResult]:
    """A big file, read and written here, its pieces corrected by the pool."""
    return [fix_file(job, corrector, options, _pool_chunks(pool, workers))]


def _largest_first(sizes: Sequence[int], indices: list[int]) -> list[int]:
    """The indices, biggest file first: a big file handed out last keeps one worker busy while the others
    wait."""
    return sorted(indices, key=lambda i: -sizes[i])


def run_jobs(jobs: Sequence[Job], spec: CorrectorSpec, options: FixOptions, workers: int = 1,
             on_result: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Results in job order; ``workers`` > 1 shares the files, and the pieces of big ones (see :func:`_shared`),
    among a pool of processes.

    First removes what an earlier, killed run left of its temporary files beside these outputs.
    """
    global _worker_corrector
    stale.remove_stale_temps(job.dest for job in jobs if job.dest is not None)
    corrector = spec.build()
    sizes = [_size(job) for job in jobs] if workers > 1 else []
    total = sum(sizes)
    big = {i for i, size in enumerate(sizes) if _shared(size, total, workers, options)}
    if workers <= 1 or len(jobs) <= 1 and not big:
        results = []
        for job in jobs:
            results.append(fix_file(job, corrector, options))
            if on_result:
                on_result(results[-1])
        return results
    context = _pool_context()
    forked = context.get_start_method() == "fork"
    if forked:
        corrector.preload()
        gc.freeze()  # else each child's collector writes to every inherited object, copying the memory
    _worker_corrector = corrector  # what forked workers inherit
    small = _largest_first(sizes, [i for i in range(len(jobs)) if i not in big])
    per_task = max(1, min(MAX_FILES_PER_TASK, len(small) // (workers * 4)))
    by_job: dict[int, FileResult] = {}

    def done(i: int, result: FileResult) -> None:
        by_job[i] = result
        if on_result:
            on_result(result)

    try:
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                 initargs=(None if forked else spec, os.getpid())) as pool:
            pool.submit(os.getpid).result()  # the workers start from this thread, before any other is made
            tasks = {pool.submit(_run_in_worker, [jobs[i] for i in part], options): part
                     for part in (small[k:k + per_task] for k in range(0, len(small), per_task))}
            # The parent reads and writes the big files, several at once so that the workers never wait for
            # one to be read or written, and the workers correct their pieces
            with ThreadPoolExecutor(workers) as feeders:
                tasks.update({feeders.submit(_fix_shared, jobs[i], corrector, options, pool, workers): [i]
                              for i in _largest_first(sizes, sorted(big))})
                for future in as_completed(tasks):
                    try:
                        results = future.result()
                    except Exception as exc:  # a worker that died (or a result that would not pickle) fails its files
                        results = [FileResult(jobs[i].source, jobs[i].dest) for i in tasks[future]]
                        for result in results:
                            _internal_error(result, exc)
                    for i, result in zip(tasks[future], results):
                        done(i, result)
    finally:
        gc.unfreeze()
    return [by_job[i] for i in range(len(jobs))]


def fix_paths(paths: Sequence[str | Path], spec: CorrectorSpec | Lexicon, output: str | Path | None = None,
              options: FixOptions | None = None, workers: int = 1, stdout: bool = False,
              on_result: Callable[[FileResult], None] | None = None) -> BatchResult:
    """Correct files and folders; see :func:`plan` for where output goes.

    Raises PlanError for impossible combinations (nothing is done then); every other problem is a
    failed :class:`FileResult`.
    """
    started = time.perf_counter()
    options = options or FixOptions()
    check_names(options)
    if isinstance(spec, Lexicon):
        spec = CorrectorSpec(spec)
    jobs, failures = plan(paths, output, options.in_place, stdout)
    results = failures + run_jobs(jobs, spec, options, workers, on_result)
    return BatchResult(results, time.perf_counter() - started)
