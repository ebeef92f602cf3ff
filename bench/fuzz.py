"""Fuzz regparse.parse: no input may raise, hang, or lose a character.

    python bench/fuzz.py --runs 1000000            # a long run: prints the figures
    python bench/fuzz.py --seconds 5               # a bounded run (the test suite's)
    python bench/fuzz.py --atheris -runs=1000000 -max_len=256 CORPUS_DIR
        # coverage-guided (pip install regparse-cn[fuzz]); libFuzzer's own flags follow --atheris

Every input is checked three ways:

- ``regparse.parse`` returns (any exception is a failure);
- nothing is lost: every non-space character of the input is in the tree or
  in ``doc.noise`` (the same accounting as the test suite's);
- every noise record's text is the input at its span (a lone surrogate is
  kept as its escape, which JSON can carry).

Without ``--atheris`` the inputs come from a seeded generator that mixes the
pieces regulations are made of (markers, numerals, citation steps, ranges,
brackets, control characters, line breaks of every kind) with random
characters, and mutates slices of the bundled seed documents.  With it,
atheris (libFuzzer) drives the same checks from its own coverage-guided
bytes, decoded as UTF-8 with surrogate escapes; regparse's modules are
instrumented for coverage, the libraries below it are not (instrumenting
them all takes minutes and guides nothing of ours).

A failure is printed with the input's ``repr`` (shortened) and the run ends
with the figures: inputs tried, exceptions, accounting errors, slowest input.
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if "--atheris" in sys.argv:
    # coverage of regparse's own code is what guides atheris's mutations
    import atheris

    with atheris.instrument_imports(include=["regparse"]):
        import regparse  # noqa: E402
else:
    import regparse  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from accounting import lost_characters  # noqa: E402  (the suite's no-loss check)

PIECES = [
    "第", "条", "章", "节", "编", "分编", "款", "项", "目", "之一", "第一条", "第十条", "第二章", "第 三 条", "第1条",
    "第１０条", "第一万条", "第十亿条", "第九九九九九九九九九条", "至", "、", "和", "或者", "及",
    "第一条至第一百万条", "第（一）项至第（三）项", "第十、十八条", "本法", "本条", "前款", "前两款", "本章",
    "（一）", "(二)", "一、", "1.", "1．", "（1）", "①", "目录", "序言", "附件", "附则", "总　则",
    "规定", "的", "。", "；", "：", "，", "《", "》", "《关于》", "中华人民共和国", "刑法", "条例", "零", "〇", "两", "十",
    "百", "千", "万", "亿", "一", "二", "九", "0", "7", "\n", "\n\n", "\r\n", "\r", "\u2028", "\x0b", "\x0c", "\x85",
    " ", "\u3000", "\t", "\xa0", "\x00", "\x01", "\x1f", "\x7f", "\u200b", "\ufeff", "\ud800", "\udfff", "**", "## ",
    "> ", "(上接第1版)", "（下转第四版）", "第22期", "&", "<", "\"",
]


def problems(text: str) -> list[str]:
    """What is wrong with the parse of ``text`` (empty when nothing is); raises what parse raises."""
    doc = regparse.parse(text)
    out = []
    lost = lost_characters(text, doc)
    # a lone surrogate is accounted for by its escape
    lost = {ch: n for ch, n in lost.items() if not "\ud800" <= ch <= "\udfff"}
    if lost:
        out.append(f"lost {sum(lost.values())} characters: {''.join(list(lost)[:10])!r}")
    for noise in doc.noise:
        a, b = noise.span
        if noise.text != text[a:b] and not any("\ud800" <= ch <= "\udfff" for ch in text[a:b]):
            out.append(f"noise {noise.kind} at {noise.span}: {noise.text[:20]!r} is not {text[a:b][:20]!r}")
            break
    return out


class Generator:
    """Inputs from regulation pieces, random characters and slices of the seed documents."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]

    def __call__(self) -> str:
        r = self.random
        choice = r.random()
        if choice < 0.45:
            return "".join(r.choice(PIECES) if r.random() < 0.8 else self.character()
                           for _ in range(r.randint(0, 80)))
        if choice < 0.6:   # a long run of one piece: the inputs that used to take time superlinear in length
            unit = "".join(r.choice(PIECES) for _ in range(r.randint(1, 3)))
            return r.choice(["", "第一条 "]) + unit * r.randint(1, 300)
        if choice < 0.9 and self.seeds:
            seed = r.choice(self.seeds)
            start = r.randrange(len(seed))
            text = list(seed[start:start + r.randint(1, 1500)])
            for _ in range(r.randint(0, 8)):
                if text:
                    i = r.randrange(len(text))
                    text[i:i + r.randint(0, 3)] = r.choice(PIECES)
            return "".join(text)
        return "".join(self.character() for _ in range(r.randint(0, 60)))

    def character(self) -> str:
        r = self.random
        band = r.random()
        if band < 0.4:
            return chr(r.randint(0x4E00, 0x9FFF))
        if band < 0.6:
            return chr(r.randint(0, 0x7F))
        if band < 0.7:
            return chr(r.randint(0xD800, 0xDFFF))
        return chr(r.randint(0, 0x10FFFF))


def run(runs: int | None, seconds: float | None, seed: int = 0, quiet: bool = False) -> dict:
    """Check generated inputs until ``runs`` inputs or ``seconds`` seconds; the figures of the run."""
    generate = Generator(seed)
    figures = {"inputs": 0, "exceptions": 0, "accounting_errors": 0, "slowest_seconds": 0.0,
               "slowest_length": 0, "slowest_input": "", "failures": []}
    start = time.monotonic()
    while (runs is None or figures["inputs"] < runs) and (seconds is None or time.monotonic() - start < seconds):
        text = generate()
        began = time.perf_counter()
        try:
            found = problems(text)
        except Exception as e:  # the property under test: parse raises on no str
            figures["exceptions"] += 1
            found = [f"{type(e).__name__}: {e}"]
        took = time.perf_counter() - began
        figures["inputs"] += 1
        if took > figures["slowest_seconds"]:
            figures.update(slowest_seconds=took, slowest_length=len(text), slowest_input=text[:60])
        if found:
            if not found[0].startswith(tuple(n for n in ("lost", "noise"))):
                pass
            else:
                figures["accounting_errors"] += 1
            figures["failures"].append((text, found))
            if not quiet:
                print(f"FAIL {found}: {text[:200]!r}", flush=True)
        if not quiet and figures["inputs"] % 10000 == 0:
            print(f"{figures['inputs']:,} inputs, {time.monotonic() - start:.0f} s, "
                  f"{len(figures['failures'])} failures", flush=True)
    figures["seconds"] = time.monotonic() - start
    return figures


def _atheris(argv: list[str]) -> None:
    import atheris

    runs = next((int(a.split("=", 1)[1]) for a in argv if a.startswith("-runs=")), None)
    figures = {"inputs": 0, "slowest_seconds": 0.0, "slowest_input": ""}
    start = time.monotonic()

    def report() -> None:
        print(f"inputs tried {figures['inputs']:,} in {time.monotonic() - start:.0f} s; exceptions 0; "
              f"accounting errors 0; slowest input {figures['slowest_seconds']:.3f} s "
              f"(starting {figures['slowest_input'][:30]!r})", flush=True)

    def one(data: bytes) -> None:
        text = data.decode("utf-8", "surrogateescape")
        began = time.perf_counter()
        found = problems(text)      # an exception ends the run: libFuzzer keeps the input
        took = time.perf_counter() - began
        if found:
            raise AssertionError(f"{found}: {text[:200]!r}")
        figures["inputs"] += 1
        if took > figures["slowest_seconds"]:
            figures.update(slowest_seconds=took, slowest_input=text[:60])
        if figures["inputs"] % 100000 == 0 or figures["inputs"] == runs:
            report()

    atheris.Setup([sys.argv[0], *argv], one)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="how many inputs (default: until --seconds)")
    parser.add_argument("--seconds", type=float, help="how long to run")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--atheris", action="store_true", help="coverage-guided with atheris; other arguments go to it")
    args, rest = parser.parse_known_args(argv)
    if args.atheris:
        _atheris(rest)
        return 0
    if args.runs is None and args.seconds is None:
        args.seconds = 10.0
    figures = run(args.runs, args.seconds, args.seed)
    print(f"inputs tried {figures['inputs']:,} in {figures['seconds']:.0f} s; exceptions {figures['exceptions']}; "
          f"accounting errors {figures['accounting_errors']}; slowest input {figures['slowest_seconds']:.3f} s "
          f"({figures['slowest_length']:,} characters, starting {figures['slowest_input'][:30]!r})")
    return 1 if figures["failures"] else 0


if __name__ == "__main__":
    sys.exit(main())
