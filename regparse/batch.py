"""``regparse batch``: parse every regulation under a folder, and never lose a file.

What it promises:

- **Inputs are never touched.**  An output folder that is the input folder or
  holds it is refused, and so is any output path that would land on an input;
  nothing is written then.  An output folder inside the input folder is
  allowed and is not read as input.
- **No two inputs share an output.**  ``a.md`` and ``a.txt`` would both become
  ``a.json``: such clashes are found before anything is written and the run
  is refused (``--keep-suffix`` names the outputs ``a.md.json``, ``a.txt.json``).
- **Every output file is whole.**  Each is written to a temporary file beside
  it (``.regparse-*.tmp``) and renamed over the final name, so a full disk, a
  crash or Ctrl-C leaves the previous file or none, never a truncated one.
- **Ctrl-C stops cleanly.**  The files in hand are finished, nothing new is
  started, no temporary file is left, the summary says ``interrupted`` and
  the exit status is 130.  A second Ctrl-C stops at once (and still removes
  the temporary files).  ``--skip-existing`` then goes on where it stopped.
- **Per-file errors.**  A file that cannot be read or parsed is reported on
  one line and the others go on; the exit status is 1 when any file failed.

``--format jsonl`` writes one file (``-o`` names it): one line per document,
in input order, each a JSON object ``{"path": "sub/a.txt", "document": {...}}``
where ``path`` is the input's path under the input folder (``/``-separated)
and ``document`` the tree (``Regulation.model_validate(record["document"])``
reads it back).  The parent process writes it, to a temporary file renamed
at the end.  An interrupted run still renames it, so the file holds every
document finished so far, whole lines only, and ``--skip-existing`` keeps
those lines and adds the rest; but an interrupted run that was to replace an
existing file without ``--skip-existing`` leaves that file as it was.

Example::

    >>> from regparse.batch import run                                  # doctest: +SKIP
    >>> summary = run("laws", "out", fmt="akn", jobs=2)                 # doctest: +SKIP
    >>> summary.parsed, summary.failed, summary.interrupted             # doctest: +SKIP
    (904, 0, False)
"""
from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import IO, Callable, Iterable, Iterator, Sequence

from .errors import RegparseError
from .export import FORMATS as EXPORT_FORMATS

__all__ = ["run", "plan", "Summary", "Job", "BatchRefused", "FORMATS", "SUFFIXES", "INPUT_SUFFIXES",
           "TEMP_PREFIX", "TEMP_SUFFIX"]

#: every export format, and jsonl (all documents in one file, one a line)
FORMATS = (*EXPORT_FORMATS, "jsonl")

#: the name ending each format's outputs get
SUFFIXES = {"json": ".json", "tree": ".tree.txt", "markdown": ".md", "text": ".txt", "akn": ".akn.xml",
            "html": ".html", "jsonl": ".jsonl"}

#: what the batch reads when no --glob is given: text, Markdown and what the readers take
INPUT_SUFFIXES = (".txt", ".md", ".pdf", ".docx", ".html", ".htm")

#: temporary files are named TEMP_PREFIX + final name + random + TEMP_SUFFIX, beside the final file
TEMP_PREFIX = ".regparse-"
TEMP_SUFFIX = ".tmp"


class BatchRefused(RegparseError):
    """The batch would overwrite an input or write two inputs to one output; nothing was written."""


@dataclass(frozen=True)
class Job:
    """One input: its path, its path under the input folder (``/``-separated), its
    output file (None for jsonl, whose lines the parent writes), and whether a PDF
    without a text layer is read by OCR."""

    source: Path
    relative: str
    output: Path | None
    ocr: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one job (sent back from a worker, so plain data)."""

    relative: str
    ok: bool
    articles: int = 0
    error_diagnostics: int = 0
    message: str = ""
    line: str = ""          # the jsonl record, for jsonl only


@dataclass
class Summary:
    """The end of a batch: counts, and whether it was interrupted."""

    total: int
    target: Path
    parsed: int = 0
    failed: int = 0
    skipped: int = 0
    articles: int = 0
    interrupted: bool = False
    seconds: float = 0.0
    failures: list[str] = field(default_factory=list)
    note: str = ""

    @property
    def exit_status(self) -> int:
        """130 when interrupted, 1 when any file failed, else 0."""
        return 130 if self.interrupted else 1 if self.failed else 0

    def line(self) -> str:
        """The summary as one line, e.g. ``903 of 904 files parsed (…), 1 failed, into out in 2.1 s``."""
        parts = [f"{self.parsed} of {self.total} files parsed ({self.articles} articles)"]
        if self.skipped:
            parts.append(f"{self.skipped} skipped (output exists)")
        if self.failed:
            parts.append(f"{self.failed} failed")
        text = ", ".join(parts) + f", into {self.target} in {self.seconds:.1f} s"
        if self.interrupted:
            left = self.total - self.parsed - self.failed - self.skipped
            text = (f"interrupted: {text}; {left} not done "
                    "(run again with --skip-existing to go on)")
        return f"{text}; {self.note}" if self.note else text


# -- planning ------------------------------------------------------------------

def find_inputs(folder: Path, patterns: Sequence[str] | None = None,
                exclude: Iterable[Path] = ()) -> list[Path]:
    """The files under ``folder`` (recursively, sorted) whose path matches one of
    ``patterns`` (``Path.match`` globs such as ``*.txt``), or by default whose
    suffix, in any case, is one of :data:`INPUT_SUFFIXES`.  Folders and files in
    ``exclude`` (resolved paths) are not read: the output folder is one."""
    excluded = {p.resolve() for p in exclude}
    found = []
    for top, dirs, files in os.walk(folder):
        here = Path(top)
        dirs[:] = sorted(d for d in dirs if (here / d).resolve() not in excluded)
        for name in files:
            path = here / name
            if name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX):
                continue  # another run's file in the making
            relative = path.relative_to(folder)
            if patterns:
                wanted = any(relative.match(p) for p in patterns)
            else:
                wanted = path.suffix.lower() in INPUT_SUFFIXES
            if wanted and path.is_file() and path.resolve() not in excluded:
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def _holds(outer: Path, inner: Path) -> bool:
    """``inner`` is ``outer`` or somewhere below it (both resolved)."""
    return inner == outer or outer in inner.parents


def plan(folder: str | os.PathLike, output: str | os.PathLike, fmt: str = "json",
         patterns: Sequence[str] | None = None, keep_suffix: bool = False) -> list[Job]:
    """The jobs of a batch, after every check that protects the inputs.

    Raises :class:`BatchRefused` (nothing written) when the output folder is the
    input folder or holds it, when an output would replace an input, when two
    inputs map to one output name, or, for jsonl, when ``output`` is a folder;
    :class:`RegparseError` when ``folder`` is not a folder or holds no input.
    """
    if fmt not in FORMATS:
        raise RegparseError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    source, target = Path(folder), Path(output)
    if not source.is_dir():
        raise RegparseError(f"{folder}: not a folder")
    source_real, target_real = source.resolve(), target.resolve()
    if fmt == "jsonl":
        if target.is_dir():
            raise BatchRefused(f"{output}: is a folder; with --format jsonl, -o names the file to write "
                               "(e.g. -o laws.jsonl)")
    elif _holds(target_real, source_real):
        where = "is the input folder" if target_real == source_real else f"holds the input folder {folder}"
        raise BatchRefused(f"{output}: the output folder {where}, so outputs would be written among "
                           "the inputs; nothing was written (choose a folder outside it)")
    elif target.exists() and not target.is_dir():
        raise BatchRefused(f"{output}: is a file, not a folder; nothing was written")
    # a jsonl file among the inputs is refused below, not skipped: it is someone's file
    inputs = find_inputs(source, patterns, exclude=[] if fmt == "jsonl" else [target_real])
    if not inputs:
        which = " or ".join(patterns) if patterns else ", ".join("*" + s for s in INPUT_SUFFIXES)
        raise RegparseError(f"{folder}: no file matches {which}")
    jobs = []
    for path in inputs:
        relative = path.relative_to(source)
        if fmt == "jsonl":
            out = None
        elif keep_suffix:
            out = target / relative.parent / (relative.name + SUFFIXES[fmt])
        else:
            out = target / relative.parent / (relative.stem + SUFFIXES[fmt])
        jobs.append(Job(path, relative.as_posix(), out))
    _refuse_overwriting_inputs(jobs, target_real if fmt == "jsonl" else None, output)
    if fmt != "jsonl":
        _refuse_clashes(jobs, output)
    return jobs


def _refuse_overwriting_inputs(jobs: list[Job], jsonl_file: Path | None, output) -> None:
    inputs = {os.path.normcase(job.source.resolve()): job for job in jobs}
    outputs = [jsonl_file] if jsonl_file is not None else [job.output for job in jobs]
    for out in outputs:
        assert out is not None
        hit = inputs.get(os.path.normcase(out.resolve()))
        if hit is not None:
            raise BatchRefused(f"{out}: would replace the input {hit.relative}; nothing was written "
                               f"(choose another -o than {output})")


def _refuse_clashes(jobs: list[Job], output) -> None:
    by_output: dict[str, list[Job]] = {}
    for job in jobs:
        by_output.setdefault(os.path.normcase(job.output), []).append(job)  # type: ignore[arg-type]
    clashes = [group for group in by_output.values() if len(group) > 1]
    if not clashes:
        return
    first = clashes[0]
    more = f" (and {len(clashes) - 1} more clashes)" if len(clashes) > 1 else ""
    raise BatchRefused(f"{' and '.join(j.relative for j in first)} would all be written to {first[0].output}"
                       f"{more}; nothing was written (--keep-suffix names the outputs after the whole "
                       "input name, or narrow --glob)")


# -- writing -------------------------------------------------------------------

# the temporary file being written in this process, removed if the process is stopped
_current_temp: str | None = None
_GUARDED = {signal.SIGINT, signal.SIGTERM}


@contextmanager
def _signals_held() -> Iterator[None]:
    """SIGINT and SIGTERM wait until the block is over (where the platform can hold them)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, _GUARDED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` through a temporary file beside it and a
    rename: readers see the old file or the whole new one, never part of one."""
    global _current_temp
    path.parent.mkdir(parents=True, exist_ok=True)
    # held signals make "the temporary file exists" and "it is recorded for removal" one step
    with _signals_held():
        fd, temp = tempfile.mkstemp(prefix=TEMP_PREFIX + path.name + ".", suffix=TEMP_SUFFIX, dir=path.parent)
        _current_temp = temp
    try:
        # no fsync: the rename already guarantees a whole file to every reader;
        # fsync would only add power-loss durability, at a disk flush per file
        _fill(fd, text)
        os.chmod(temp, 0o666 & ~_umask())
        with _signals_held():
            os.replace(temp, path)
            _current_temp = None
    except BaseException:
        _remove_current_temp()
        raise


def _fill(fd: int, text: str) -> None:
    """Write ``text`` to the open file ``fd`` and close it (the step a full disk breaks)."""
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def _umask() -> int:
    # mkstemp makes 0600 files; outputs get the permissions open() would give them
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove_current_temp() -> None:
    global _current_temp
    temp, _current_temp = _current_temp, None
    if temp:
        try:
            os.unlink(temp)
        except OSError:
            pass


def _ended(text: str) -> str:
    return text if text.endswith("\n") else text + "\n"


def jsonl_record(relative: str, doc) -> str:
    """One jsonl line (without its line break): ``{"path": relative, "document": doc}``."""
    try:
        document = doc.model_dump_json()
    except ValueError:
        # a lone surrogate (text decoded with surrogateescape) is no UTF-8; JSON's \\u escapes carry it
        document = json.dumps(doc.model_dump(mode="json"), ensure_ascii=True, separators=(",", ":"))
    path = json.dumps(relative, ensure_ascii=False)
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:  # an undecodable file name (surrogate escapes) is no UTF-8 either
        path = json.dumps(relative)
    return '{"path":' + path + ',"document":' + document + "}"


def process(job: Job, fmt: str) -> Outcome:
    """Read, parse and write one input; every failure becomes an :class:`Outcome`, never an exception."""
    from .export import render
    from .parse import parse_file

    try:
        doc = parse_file(job.source, ocr=job.ocr)
        if job.output is None:
            line = jsonl_record(job.relative, doc)
        else:
            line = ""
            write_atomically(job.output, _ended(render(doc, fmt)))
    except RegparseError as e:
        return Outcome(job.relative, False, message=str(e))
    except OSError as e:
        where = e.filename or job.output or job.source
        return Outcome(job.relative, False, message=f"{where}: {e.strerror or e}")
    except Exception as e:  # a bug on one file must not end the batch
        return Outcome(job.relative, False, message=f"internal error: {type(e).__name__}: {e}")
    errors = sum(1 for d in doc.diagnostics if d.severity == "error")
    return Outcome(job.relative, True, len(doc.articles), errors, line=line)


# -- running -------------------------------------------------------------------

class _StopRequest:
    """SIGINT and SIGTERM ask the batch to stop after the files in hand; a second one stops it at once."""

    def __init__(self, on_request: Callable[[], None]):
        self.requested = False
        self._announced = False
        self._on_request = on_request
        self._saved: dict[int, object] = {}

    def _handle(self, signum, frame) -> None:
        if self.requested:
            raise KeyboardInterrupt
        # only a flag: writing from a handler could break into a write in progress
        self.requested = True

    def noticed(self) -> bool:
        """Whether a stop was asked for; the first time it is seen, say so."""
        if self.requested and not self._announced:
            self._announced = True
            self._on_request()
        return self.requested

    def __enter__(self) -> "_StopRequest":
        for signum in _GUARDED:
            try:
                self._saved[signum] = signal.signal(signum, self._handle)
            except ValueError:  # not the main thread: Ctrl-C ends the batch as KeyboardInterrupt
                pass
        return self

    def __exit__(self, *exc) -> None:
        for signum, handler in self._saved.items():
            signal.signal(signum, handler)  # type: ignore[arg-type]


def _worker_start() -> None:
    # Ctrl-C reaches the whole process group: the parent decides, a worker
    # finishes its file; when the parent ends it (SIGTERM), its file in the making goes
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_ended)


def _worker_ended(signum, frame) -> None:
    _remove_current_temp()
    os._exit(128 + signum)


def _in_process(jobs: list[tuple[int, Job]], fmt: str, stop: _StopRequest) -> Iterator[tuple[int, Outcome]]:
    for index, job in jobs:
        if stop.noticed():
            return
        yield index, process(job, fmt)


def _in_pool(jobs: list[tuple[int, Job]], fmt: str, workers: int,
             stop: _StopRequest) -> Iterator[tuple[int, Outcome]]:
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_worker_start)
    waiting = iter(jobs)
    running: dict = {}
    ended = False
    try:
        while True:
            # a few jobs per worker in flight: enough to keep each busy, few to finish on Ctrl-C
            while not stop.requested and len(running) < 2 * workers:
                item = next(waiting, None)
                if item is None:
                    break
                running[pool.submit(process, item[1], fmt)] = item
            if not running:
                break
            done, _ = wait(running, timeout=0.1, return_when=FIRST_COMPLETED)
            if stop.noticed():
                for future in list(running):
                    if future.cancel():
                        del running[future]
            for future in done:
                index, job = running.pop(future)
                try:
                    outcome = future.result()
                except Exception as e:  # the worker died (killed, out of memory)
                    outcome = Outcome(job.relative, False, message=f"worker failed: {type(e).__name__}: {e}")
                yield index, outcome
        pool.shutdown(wait=True)
        ended = True
    finally:
        if not ended:
            # stopped at once: end the workers; each removes its file in the making
            processes = list(getattr(pool, "_processes", {}).values())
            for proc in processes:
                proc.terminate()
            pool.shutdown(wait=False, cancel_futures=True)
            for proc in processes:
                proc.join(timeout=5)


class _Progress:
    """Progress on standard error: a bar on a terminal, one line per file otherwise, none when quiet.
    Failures are always reported, one line each."""

    def __init__(self, total: int, stream: IO[str], quiet: bool = False, already: int = 0):
        self.total = total
        self.already = already  # skipped: counted, but not in the rate
        self.stream = stream
        self.quiet = quiet
        isatty = getattr(stream, "isatty", None)
        self.bar = not quiet and bool(isatty and isatty())
        self.started = time.monotonic()
        self.count = already
        self._drawn = 0.0
        self._bar_shown = False

    def _write(self, text: str) -> None:
        try:
            self.stream.write(text)
            self.stream.flush()
        except UnicodeEncodeError:  # a terminal that cannot show Chinese still gets the line
            self.stream.write(text.encode("ascii", "backslashreplace").decode("ascii"))
        except (OSError, ValueError):
            pass

    def _clear(self) -> None:
        if self._bar_shown:
            self._write("\r\x1b[K")
            self._bar_shown = False

    def line(self, text: str) -> None:
        """A line of its own (above the bar, when there is one)."""
        self._clear()
        self._write(text + "\n")
        self._draw(force=True)

    def done(self, outcome: Outcome) -> None:
        self.count += 1
        where = f"[{self.count}/{self.total}] {outcome.relative}"
        if not outcome.ok:
            self.line(f"{where}: error: {' '.join(outcome.message.split())}")
        elif self.bar:
            self._draw(outcome.relative)
        elif not self.quiet:
            extra = f", {outcome.error_diagnostics} error diagnostics" if outcome.error_diagnostics else ""
            self._write(f"{where}: {outcome.articles} articles{extra}\n")

    def _draw(self, name: str = "", force: bool = False) -> None:
        if not self.bar:
            return
        now = time.monotonic()
        if not force and now - self._drawn < 0.1 and self.count < self.total:
            return  # ten redraws a second are plenty
        self._drawn = now
        elapsed = max(now - self.started, 1e-9)
        rate = (self.count - self.already) / elapsed
        left = (self.total - self.count) / rate if rate else None
        width = 24
        filled = width * self.count // max(self.total, 1)
        status = (f"[{self.count}/{self.total}] |{'#' * filled}{'.' * (width - filled)}| "
                  f"{rate:.1f} files/s, {_clock(left)} left")
        columns = _columns(self.stream)
        if name and len(status) + 2 + len(name) * 2 <= columns:  # CJK characters take two columns
            status += "  " + name
        self._write("\r\x1b[K" + status[:columns - 1])
        self._bar_shown = True

    def close(self) -> None:
        self._clear()


def _clock(seconds: float | None) -> str:
    if seconds is None:
        return "--:--"
    seconds = int(seconds + 0.5)
    h, rest = divmod(seconds, 3600)
    return f"{h}:{rest // 60:02d}:{rest % 60:02d}" if h else f"{rest // 60}:{rest % 60:02d}"


def _columns(stream: IO[str]) -> int:
    try:
        columns = os.get_terminal_size(stream.fileno()).columns
    except (OSError, ValueError, AttributeError):
        columns = 0
    return columns if columns > 0 else 80  # a terminal of unknown size reports 0


def _read_jsonl(path: Path) -> dict[str, tuple[int, int]]:
    """Where each whole record of an existing jsonl file is: path → (offset, length)."""
    found: dict[str, tuple[int, int]] = {}
    offset = 0
    with open(path, "rb") as f:
        for raw in f:
            if raw.endswith(b"\n"):
                try:
                    relative = json.loads(raw)["path"]
                except (ValueError, KeyError, TypeError):
                    relative = None
                if isinstance(relative, str):
                    found.setdefault(relative, (offset, len(raw)))
            offset += len(raw)
    return found


def run(folder: str | os.PathLike, output: str | os.PathLike, *, fmt: str = "json",
        patterns: Sequence[str] | None = None, jobs: int = 1, skip_existing: bool = False,
        keep_suffix: bool = False, quiet: bool = False, stream: IO[str] | None = None,
        ocr: bool = False) -> Summary:
    """Parse every input under ``folder`` into ``output`` (a folder; the file for jsonl).

    ``jobs`` worker processes (0: one per core) each parse and write their own
    files; ``skip_existing`` leaves inputs whose output exists alone; ``ocr``
    reads PDFs without a text layer by OCR (tesseract with chi_sim).  Progress
    and per-file errors go to ``stream`` (standard error), then the summary line.
    Raises :class:`BatchRefused` before writing anything when the run would
    lose a file (see :func:`plan`).
    """
    stream = stream if stream is not None else sys.stderr
    started = time.monotonic()
    todo_jobs = plan(folder, output, fmt, patterns, keep_suffix)
    if ocr:
        todo_jobs = [replace(job, ocr=True) for job in todo_jobs]
    target = Path(output)
    summary = Summary(total=len(todo_jobs), target=target)
    previous: dict[str, tuple[int, int]] = {}
    if fmt == "jsonl" and skip_existing and target.is_file():
        previous = _read_jsonl(target)
    todo: list[tuple[int, Job]] = []
    for index, job in enumerate(todo_jobs):
        exists = job.relative in previous if fmt == "jsonl" else skip_existing and job.output.exists()  # type: ignore[union-attr]
        if exists:
            summary.skipped += 1
        else:
            todo.append((index, job))
    progress = _Progress(len(todo_jobs), stream, quiet, already=summary.skipped)
    workers = (os.cpu_count() or 1) if jobs == 0 else jobs
    workers = max(1, min(workers, len(todo)))

    sink = _JsonlSink(target, todo_jobs, previous, skip_existing) if fmt == "jsonl" and todo else None

    def on_stop() -> None:
        progress.line("stopping: finishing the files in hand (press Ctrl-C again to stop at once)")

    try:
        with _StopRequest(on_stop) as stop:
            results = _in_process(todo, fmt, stop) if workers == 1 else _in_pool(todo, fmt, workers, stop)
            try:
                for index, outcome in results:
                    progress.done(outcome)
                    if outcome.ok:
                        summary.parsed += 1
                        summary.articles += outcome.articles
                    else:
                        summary.failed += 1
                        summary.failures.append(outcome.relative)
                    if sink is not None:
                        sink.add(index, outcome)
            finally:
                results.close()  # on a second Ctrl-C: ends the workers now
            # a stop asked for during the last file stopped nothing
            summary.interrupted = stop.requested and len(todo) > summary.parsed + summary.failed
        if sink is not None and not sink.close(summary.interrupted):
            summary.note = f"{target} is left as it was"
    except BaseException:
        _remove_current_temp()
        if sink is not None:
            sink.discard()
        progress.close()
        raise
    progress.close()
    summary.seconds = time.monotonic() - started
    return summary


class _JsonlSink:
    """The jsonl file in the making: records written in input order, the previous
    run's records (``--skip-existing``) copied in their place, renamed into place at the end."""

    def __init__(self, target: Path, jobs: list[Job], previous: dict[str, tuple[int, int]],
                 skip_existing: bool):
        self.target = target
        self.jobs = jobs
        self.previous = previous
        # an interrupted run must not put a part of the documents in place of a whole file
        # it was to replace; with --skip-existing the new file holds the old one's records too
        self.keep_old_if_interrupted = target.exists() and not skip_existing
        self.resolved: dict[int, str | None] = {}   # index → line, or None for nothing to write
        self.next = 0
        self.old: IO[bytes] | None = None
        self.file: IO[bytes] | None = None
        self.temp: str | None = None
        try:
            with self._writing():
                target.parent.mkdir(parents=True, exist_ok=True)
                fd, self.temp = tempfile.mkstemp(prefix=TEMP_PREFIX + target.name + ".", suffix=TEMP_SUFFIX,
                                                 dir=target.parent)
                self.file = os.fdopen(fd, "wb")
                self.old = open(target, "rb") if previous else None
                for index, job in enumerate(jobs):
                    if job.relative in previous:
                        self.resolved[index] = None
                self._flush()
        except BaseException:
            self.discard()
            raise

    @contextmanager
    def _writing(self) -> Iterator[None]:
        # the jsonl file cannot go on without its disk: the batch stops with one line
        try:
            yield
        except OSError as e:
            raise RegparseError(f"{e.filename or self.target}: cannot write: {e.strerror or e}") from None

    def add(self, index: int, outcome: Outcome) -> None:
        self.resolved[index] = outcome.line if outcome.ok else None
        with self._writing():
            self._flush()

    def _copy_previous(self, relative: str) -> None:
        assert self.old is not None
        offset, length = self.previous[relative]
        self.old.seek(offset)
        self.file.write(self.old.read(length))  # type: ignore[union-attr]

    def _write_index(self, index: int) -> None:
        line = self.resolved.pop(index)
        relative = self.jobs[index].relative
        if line is not None:
            self.file.write(line.encode("utf-8") + b"\n")  # type: ignore[union-attr]
        elif relative in self.previous:
            self._copy_previous(relative)

    def _flush(self) -> None:
        while self.next in self.resolved:
            self._write_index(self.next)
            self.next += 1

    def close(self, interrupted: bool = False) -> bool:
        """Write what is done (after an interruption, skipping what is not), keep the
        previous run's records of files no longer among the inputs, rename into place.
        False when an interrupted run left the existing file as it was instead."""
        if interrupted and self.keep_old_if_interrupted:
            self.discard()
            return False
        with self._writing():
            for index in sorted(self.resolved):
                self._write_index(index)
            inputs = {job.relative for job in self.jobs}
            for relative in sorted(self.previous.keys() - inputs, key=self.previous.__getitem__):
                self._copy_previous(relative)
            self.file.close()  # type: ignore[union-attr]
            if self.old is not None:
                self.old.close()
            os.chmod(self.temp, 0o666 & ~_umask())  # type: ignore[arg-type]
            os.replace(self.temp, self.target)  # type: ignore[arg-type]
        return True

    def discard(self) -> None:
        for f in (self.file, self.old):
            if f is not None:
                f.close()
        if self.temp is not None:
            try:
                os.unlink(self.temp)
            except OSError:
                pass
