#!/usr/bin/env python3
"""How fast `opendata detect-text` answers: piped lines (detected a batch at a time) against lines typed
at a terminal (one at a time).

    .venv/bin/python benchmarks/detect_text_speed.py               # 20,000 benchmark remarks
    .venv/bin/python benchmarks/detect_text_speed.py --rows 100000

The remarks are the benchmark generator's (generate.py), as a department would pipe a column of them in
(`opendata detect-text < remarks.txt`). Both runs go through `detect_text_lines`, the command's own
function; the terminal run is the same input read from a stream that says it is a terminal. Prints the
seconds, lines a second and microseconds a line of each, and checks the two answered the same.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow as pa  # noqa: E402

from benchmarks import generate  # noqa: E402
from desensitize.detect.text import detect_text_lines  # noqa: E402


class _Terminal(io.StringIO):
    """Input that says it is a terminal, so `detect_text_lines` answers it line by line."""

    def isatty(self) -> bool:
        return True


def main() -> int:
    """Time both ways and print one line each."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=20_000)
    args = parser.parse_args()
    table = pa.Table.from_batches(list(generate.batches(args.rows)))
    text = "\n".join((t or "").replace("\n", " ") for t in table.column("备注").to_pylist()) + "\n"
    detect_text_lines(io.StringIO(text[:20_000]), io.StringIO())  # load the dictionaries and the model once
    answers = []
    for label, stream in (("piped (batches)", io.StringIO(text)), ("terminal (line by line)", _Terminal(text))):
        out = io.StringIO()
        t0 = time.perf_counter()
        detect_text_lines(stream, out)
        seconds = time.perf_counter() - t0
        answers.append(out.getvalue())
        print(f"{label:24} {args.rows:>9,} lines {seconds:7.2f} s {args.rows / seconds:>10,.0f} lines/s {seconds / args.rows * 1e6:8.1f} µs/line")
    print("same answers" if answers[0] == answers[1] else "ANSWERS DIFFER")
    return 0 if answers[0] == answers[1] else 1


if __name__ == "__main__":
    raise SystemExit(main())
