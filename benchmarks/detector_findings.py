#!/usr/bin/env python3
"""The free-text detector on the benchmark's remarks: its CPU time, and a fingerprint of all it finds.

    .venv/bin/python benchmarks/detector_findings.py                # 300,000 rows
    .venv/bin/python benchmarks/detector_findings.py --rows 100000

The remarks are the benchmark generator's (generate.py), read as `opendata publish` reads them: with the
extract's own name column known (`TextDetector(known_names=…)`), all kinds, distinct texts once. Prints the
rows, the distinct remarks, the CPU seconds of `find_many` over them, the number of findings and the
SHA-256 of every finding's kind and offsets, text by text. A change meant to leave the benchmark's findings
as they were shows the same fingerprint before and after (run both on the same machine for the CPU
figures: they move with the machine's load by ±10 %). Offsets only: no remark's text is printed or hashed
in.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pyarrow as pa  # noqa: E402

from benchmarks import generate  # noqa: E402
from desensitize.detect.text import TextDetector  # noqa: E402


def main() -> int:
    """Print the detector's CPU time and the fingerprint of its findings on `--rows` generated rows."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=300_000)
    args = parser.parse_args()
    table = pa.Table.from_batches(list(generate.batches(args.rows)))
    remarks = [t or "" for t in table.column("备注").to_pylist()]
    detector = TextDetector(known_names=table.column("姓名").to_pylist())
    detector.find_many(remarks[:1_000])  # loads the model and the dictionaries outside the timing
    start = time.process_time()
    found = detector.find_many(remarks)
    cpu = time.process_time() - start
    digest = hashlib.sha256()
    for spans in found:
        digest.update(repr([(s.kind.value, s.start, s.end) for s in spans]).encode())
    print(
        f"{args.rows:,} rows, {len(set(remarks)):,} distinct remarks: detector CPU {cpu:.2f} s, "
        f"{sum(map(len, found)):,} findings, SHA-256 {digest.hexdigest()[:12]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
