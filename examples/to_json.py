"""Dump a parsed regulation to JSON and load it back: the round trip is lossless.

``doc.model_dump_json()`` writes the whole tree (spans, ids, citations,
diagnostics, references); ``regparse.Regulation.model_validate_json`` reads it
back into an equal tree on which lookups work as before.

    python examples/to_json.py
"""
from pathlib import Path

import regparse

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_931bd066818f0e97.txt"


def main() -> None:
    doc = regparse.parse_file(SEED)
    data = doc.model_dump_json(indent=1)
    print(f"JSON: {len(data)} characters, {len(data.splitlines())} lines")
    print("\n".join(data.splitlines()[:8]))
    print("…")

    loaded = regparse.Regulation.model_validate_json(data)
    print(f"round trip equal: {loaded == doc}")
    print(f"same JSON again: {loaded.model_dump_json(indent=1) == data}")
    item = loaded.get("第十一条第一款第（三）项")
    print(f"loaded {item.citation}: {item.text}")


if __name__ == "__main__":
    main()
