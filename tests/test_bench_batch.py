"""The batch benchmark runs -j 1 and -j 2 over the same files and prints their ratio
(its timings are never asserted), and says so when the corpus is absent."""
from __future__ import annotations

import sys

from conftest import ROOT, SEED_004

sys.path.insert(0, str(ROOT / "bench"))
import bench_batch  # noqa: E402


def test_prints_both_times_and_the_ratio(tmp_path, capsys):
    for k in range(3):
        (tmp_path / f"{k}.txt").write_text(SEED_004.read_text(encoding="utf-8"), encoding="utf-8")
    assert bench_batch.main(["--corpus", str(tmp_path), "--repeat", "1"]) == 0
    out = capsys.readouterr().out
    assert "3 files" in out and "-j 1: " in out and "-j 2: " in out and "-j 2 / -j 1: " in out


def test_without_the_corpus_it_measures_nothing_and_exits_0(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("REGPARSE_CORPUS", str(tmp_path / "nowhere"))
    assert bench_batch.main([]) == 0
    assert "absent" in capsys.readouterr().out
