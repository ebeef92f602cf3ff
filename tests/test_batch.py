"""regparse batch never loses a file: inputs untouched, clashes refused, whole outputs only,
resumable, parallel, every format and jsonl, progress, summary and exit status."""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import regparse
from conftest import ROOT, SEED_004
from regparse import batch
from regparse.cli import main
from regparse.export import FORMATS, render

SHORT = "示例条例\n第一条　为了示例，制定本条例。\n第二条　本条例自发布之日起施行。\n"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``folder``: its bytes and its modification time (ns)."""
    return {p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.startswith(batch.TEMP_PREFIX)]


def batch_run(capsys, *argv: str) -> tuple[int, str]:
    status = main(["batch", *argv])
    return status, capsys.readouterr().err


@pytest.fixture
def laws(tmp_path, seed_004_text) -> Path:
    """A folder of three regulations: a text, a Markdown file below, a GB18030 text."""
    folder = tmp_path / "laws"
    (folder / "sub").mkdir(parents=True)
    (folder / "004.txt").write_text(seed_004_text, encoding="utf-8")
    (folder / "sub" / "short.md").write_text(SHORT, encoding="utf-8")
    (folder / "sub" / "gbk.txt").write_bytes(seed_004_text.encode("gb18030"))
    return folder


# -- inputs are never touched --------------------------------------------------------------

def test_output_equal_to_the_input_folder_is_refused_and_changes_nothing(capsys, laws):
    before = snapshot(laws)
    status, err = batch_run(capsys, str(laws), "-o", str(laws))
    assert status == 1
    assert err.count("\n") == 1 and err.startswith("regparse: error: ") and "nothing was written" in err
    assert snapshot(laws) == before
    # the same folder by another name
    status, _ = batch_run(capsys, str(laws), "-o", str(laws / "sub" / ".."), "--format", "markdown")
    assert status == 1 and snapshot(laws) == before


def test_output_folder_that_holds_the_input_folder_is_refused(capsys, laws):
    before = snapshot(laws.parent)
    status, err = batch_run(capsys, str(laws / "sub"), "-o", str(laws), "--format", "text")
    assert status == 1 and "holds the input folder" in err
    assert snapshot(laws.parent) == before


def test_jsonl_output_that_is_an_input_is_refused(capsys, laws):
    before = snapshot(laws)
    status, err = batch_run(capsys, str(laws), "-o", str(laws / "004.txt"), "--format", "jsonl")
    assert status == 1 and "would replace the input 004.txt" in err
    assert snapshot(laws) == before


def test_output_folder_inside_the_input_folder_is_not_read_as_input(capsys, laws):
    out = laws / "out"
    status, err = batch_run(capsys, str(laws), "-o", str(out), "--format", "markdown")
    assert status == 0 and "3 of 3 files parsed" in err
    inputs = {k: v for k, v in snapshot(laws).items() if not k.startswith("out/")}
    # a second run reads the same three inputs, not the .md files the first one wrote
    status, err = batch_run(capsys, str(laws), "-o", str(out), "--format", "markdown")
    assert status == 0 and "3 of 3 files parsed" in err
    assert {k: v for k, v in snapshot(laws).items() if not k.startswith("out/")} == inputs


def test_two_inputs_with_one_output_name_are_refused_before_anything_is_written(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(SHORT, encoding="utf-8")
    (folder / "a.md").write_text(SHORT.replace("示例", "样例"), encoding="utf-8")
    out = tmp_path / "out"
    status, err = batch_run(capsys, str(folder), "-o", str(out))
    assert status == 1 and "a.md and a.txt would all be written to" in err and "--keep-suffix" in err
    assert not out.exists()
    # --keep-suffix gives each its own output
    status, err = batch_run(capsys, str(folder), "-o", str(out), "--keep-suffix")
    assert status == 0
    assert sorted(p.name for p in out.iterdir()) == ["a.md.json", "a.txt.json"]
    titles = {p.name: regparse.Regulation.model_validate_json(p.read_text(encoding="utf-8")).title
              for p in out.iterdir()}
    assert titles == {"a.md.json": "样例条例", "a.txt.json": "示例条例"}


# -- whole outputs only ---------------------------------------------------------------------

def test_a_failed_write_keeps_the_previous_output_and_leaves_no_temporary_file(capsys, tmp_path, monkeypatch):
    folder, out = tmp_path / "in", tmp_path / "out"
    folder.mkdir()
    out.mkdir()
    (folder / "a.txt").write_text(SHORT, encoding="utf-8")
    (out / "a.json").write_text("the previous output", encoding="utf-8")

    def disk_full(fd: int, text: str) -> None:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text[: len(text) // 2])
            f.flush()
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(batch, "_fill", disk_full)
    status, err = batch_run(capsys, str(folder), "-o", str(out))
    assert status == 1
    assert "[1/1] a.txt: error:" in err and "No space left on device" in err
    assert (out / "a.json").read_text(encoding="utf-8") == "the previous output"
    assert temp_files(out) == []


def test_outputs_get_the_permissions_of_an_ordinary_file(capsys, laws, tmp_path):
    out = tmp_path / "out"
    assert batch_run(capsys, str(laws), "-o", str(out))[0] == 0
    mask = os.umask(0)
    os.umask(mask)
    assert (out / "004.json").stat().st_mode & 0o777 == 0o666 & ~mask


# -- resume --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_skip_existing_writes_nothing_the_second_time(capsys, laws, tmp_path, fmt):
    out = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out")
    status, _ = batch_run(capsys, str(laws), "-o", str(out), "--format", fmt)
    assert status == 0
    root = tmp_path
    before = snapshot(root)
    time.sleep(0.01)
    status, err = batch_run(capsys, str(laws), "-o", str(out), "--format", fmt, "--skip-existing")
    assert status == 0 and "0 of 3 files parsed" in err and "3 skipped" in err
    assert snapshot(root) == before


def test_skip_existing_parses_only_what_is_missing(capsys, laws, tmp_path):
    out = tmp_path / "out"
    assert batch_run(capsys, str(laws), "-o", str(out))[0] == 0
    (out / "sub" / "short.json").unlink()
    kept = (out / "004.json").stat().st_mtime_ns
    status, err = batch_run(capsys, str(laws), "-o", str(out), "--skip-existing")
    assert status == 0 and "1 of 3 files parsed" in err and "2 skipped" in err
    assert (out / "sub" / "short.json").is_file()
    assert (out / "004.json").stat().st_mtime_ns == kept


def test_jsonl_skip_existing_keeps_the_records_and_adds_the_rest_in_input_order(capsys, laws, tmp_path):
    out = tmp_path / "all.jsonl"
    assert batch_run(capsys, str(laws), "-o", str(out), "--format", "jsonl")[0] == 0
    whole = out.read_bytes()
    lines = whole.splitlines(keepends=True)
    # as an interruption leaves it: the first record only, then a cut-off line
    out.write_bytes(lines[0] + lines[2][:40])
    status, err = batch_run(capsys, str(laws), "-o", str(out), "--format", "jsonl", "--skip-existing")
    assert status == 0 and "2 of 3 files parsed" in err and "1 skipped" in err
    assert out.read_bytes() == whole


# -- parallel --------------------------------------------------------------------------------

def test_workers_write_the_same_files_as_one_process(capsys, laws, tmp_path):
    assert batch_run(capsys, str(laws), "-o", str(tmp_path / "one"), "-j", "1")[0] == 0
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "two"), "-j", "2")
    assert status == 0 and "3 of 3 files parsed (52 articles)" in err
    one = {k: v[0] for k, v in snapshot(tmp_path / "one").items()}
    assert one == {k: v[0] for k, v in snapshot(tmp_path / "two").items()}
    assert sorted(one) == ["004.json", "sub/gbk.json", "sub/short.json"]


def test_jsonl_with_workers_is_in_input_order(capsys, laws, tmp_path):
    assert batch_run(capsys, str(laws), "-o", str(tmp_path / "one.jsonl"), "-f", "jsonl")[0] == 0
    assert batch_run(capsys, str(laws), "-o", str(tmp_path / "two.jsonl"), "-f", "jsonl", "-j", "2")[0] == 0
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()


def test_a_failing_file_does_not_stop_the_workers(capsys, laws, tmp_path):
    (laws / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "out"), "-j", "2")
    assert status == 1
    assert "bad.txt: error:" in err and "binary data" in err
    assert "3 of 4 files parsed" in err and "1 failed" in err


@pytest.mark.parametrize("value", ["-1", "two"])
def test_jobs_must_be_a_count(capsys, laws, tmp_path, value):
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "out"), "-j", value)
    assert status == 2 and "not a number of processes" in err


# -- formats ---------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_the_exporters_output(capsys, laws, tmp_path, fmt, seed_004):
    out = tmp_path / "out"
    status, _ = batch_run(capsys, str(laws), "-o", str(out), "--format", fmt)
    assert status == 0
    written = out / ("004" + batch.SUFFIXES[fmt])
    assert written.read_text(encoding="utf-8").rstrip("\n") == render(regparse.parse_file(laws / "004.txt"),
                                                                     fmt).rstrip("\n")
    assert len(list(out.rglob("*" + batch.SUFFIXES[fmt]))) == 3


def test_jsonl_is_one_record_per_input_with_its_path_and_document(capsys, laws, tmp_path):
    out = tmp_path / "all.jsonl"
    status, err = batch_run(capsys, str(laws), "-o", str(out), "--format", "jsonl")
    assert status == 0 and f"into {out}" in err
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["path"] for r in records] == ["004.txt", "sub/gbk.txt", "sub/short.md"]
    for record in records:
        assert set(record) == {"path", "document"}
        doc = regparse.Regulation.model_validate(record["document"])
        assert doc == regparse.parse_file(laws / record["path"])


def test_jsonl_to_a_folder_is_refused(capsys, laws, tmp_path):
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path), "--format", "jsonl")
    assert status == 1 and "names the file to write" in err


# -- which files ----------------------------------------------------------------------------

def test_default_takes_text_markdown_and_the_formats_the_readers_take(capsys, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["a.txt", "b.md", "c.pdf", "d.docx", "e.html", "f.htm", "G.TXT"]
    for name in names:
        (folder / name).write_text(SHORT, encoding="utf-8")
    for name in ["a.gold.json", "notes.csv", "image.png"]:
        (folder / name).write_text("{}", encoding="utf-8")
    status, err = batch_run(capsys, str(folder), "-o", str(tmp_path / "out"), "--keep-suffix")
    reported = sorted(line.split("] ", 1)[1].split(":", 1)[0] for line in err.splitlines() if line.startswith("["))
    assert reported == sorted(names)
    assert status in (0, 1)  # a reader not there yet is a per-file error, no more


def test_glob_narrows_the_inputs_and_repeats(capsys, laws, tmp_path):
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "a"), "--glob", "*.md")
    assert status == 0 and "1 of 1 files parsed" in err
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "b"), "--glob", "*.md", "--glob", "004.*")
    assert status == 0 and "2 of 2 files parsed" in err
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "c"), "--glob", "*.pdf")
    assert status == 1 and "no file matches *.pdf" in err


def test_a_missing_folder_is_one_line(capsys, tmp_path):
    status, err = batch_run(capsys, str(tmp_path / "nowhere"), "-o", str(tmp_path / "out"))
    assert status == 1 and err.count("\n") == 1 and "not a folder" in err


# -- progress and summary -----------------------------------------------------------------

def test_plain_progress_is_one_line_per_file_then_the_summary(capsys, laws, tmp_path):
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "out"))
    lines = err.splitlines()
    assert status == 0
    assert lines[:3] == ["[1/3] 004.txt: 25 articles", "[2/3] sub/gbk.txt: 25 articles",
                         "[3/3] sub/short.md: 2 articles"]
    assert lines[3].startswith(f"3 of 3 files parsed (52 articles), into {tmp_path / 'out'} in ")
    assert len(lines) == 4


def test_quiet_prints_failures_and_the_summary_only(capsys, laws, tmp_path):
    (laws / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    status, err = batch_run(capsys, str(laws), "-o", str(tmp_path / "out"), "--quiet")
    lines = err.splitlines()
    assert status == 1 and len(lines) == 2
    assert lines[0].startswith("[2/4] bad.txt: error:") and lines[1].startswith("3 of 4 files parsed")


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_the_progress_is_a_bar_with_count_rate_and_time_left(laws, tmp_path):
    terminal = Terminal()
    summary = batch.run(laws, tmp_path / "out", stream=terminal)
    shown = terminal.getvalue()
    assert summary.parsed == 3 and summary.exit_status == 0
    assert "\r" in shown and "[3/3] |" in shown and "files/s" in shown and "left" in shown
    assert "\n" not in shown and shown.endswith("\r\x1b[K")  # the bar is cleared before the summary


def test_help_shows_examples(capsys):
    assert main(["batch", "--help"]) == 0
    out = capsys.readouterr().out
    assert "regparse batch laws/ -o out/" in out and "--skip-existing" in out and "exit status" in out


# -- interruption -----------------------------------------------------------------------

def _start_batch(*argv: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    # a session of its own, so that the signal goes to the whole group as Ctrl-C does
    return subprocess.Popen([sys.executable, "-m", "regparse", "batch", *argv], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)


def _many(tmp_path: Path, count: int) -> Path:
    folder = tmp_path / "many"
    folder.mkdir()
    text = SEED_004.read_text(encoding="utf-8")
    for k in range(count):
        (folder / f"{k:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _wait_for(predicate, proc: subprocess.Popen, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert proc.poll() is None, proc.communicate()[1].decode()
        assert time.monotonic() < deadline, "the batch wrote nothing in time"
        time.sleep(0.02)


posix_signals = pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")


@posix_signals
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_sigint_in_the_middle_leaves_only_whole_files_and_resume_finishes(tmp_path, jobs):
    count = 150
    folder, out = _many(tmp_path, count), tmp_path / "out"
    proc = _start_batch(str(folder), "-o", str(out), "-j", jobs)
    _wait_for(lambda: out.is_dir() and len(list(out.glob("*.json"))) >= 3, proc)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    err = err.decode("utf-8")
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "--skip-existing" in err and "Traceback" not in err
    written = sorted(out.glob("*.json"))
    assert 3 <= len(written) < count
    for path in written:
        regparse.Regulation.model_validate_json(path.read_text(encoding="utf-8"))
    assert temp_files(out) == []

    done = {p.name: p.stat().st_mtime_ns for p in written}
    proc = _start_batch(str(folder), "-o", str(out), "-j", jobs, "--skip-existing", "--quiet")
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    assert len(list(out.glob("*.json"))) == count
    assert {name: (out / name).stat().st_mtime_ns for name in done} == done


@posix_signals
def test_sigint_during_a_jsonl_batch_leaves_whole_lines_in_input_order(tmp_path):
    count = 150
    folder, out = _many(tmp_path, count), tmp_path / "all.jsonl"
    proc = _start_batch(str(folder), "-o", str(out), "--format", "jsonl", "-j", "2")
    _wait_for(lambda: any(p.stat().st_size > 0 for p in temp_files(tmp_path)), proc)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err.decode()
    assert temp_files(tmp_path) == []
    lines = out.read_bytes().split(b"\n")
    assert lines[-1] == b""  # ends with a whole line
    paths = [json.loads(line)["path"] for line in lines[:-1]]
    assert paths and paths == sorted(paths) and len(paths) < count


def test_an_interrupted_jsonl_run_leaves_the_file_it_was_to_replace_as_it_was(capsys, laws, tmp_path):
    out = tmp_path / "all.jsonl"
    out.write_text('{"path": "old.txt", "document": {}}\n', encoding="utf-8")
    jobs = batch.plan(laws, out, "jsonl")
    sink = batch._JsonlSink(out, jobs, {}, skip_existing=False)
    sink.add(0, batch.process(jobs[0], "jsonl"))
    assert sink.close(interrupted=True) is False
    assert out.read_text(encoding="utf-8") == '{"path": "old.txt", "document": {}}\n'
    assert temp_files(tmp_path) == []
