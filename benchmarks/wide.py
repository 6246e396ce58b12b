#!/usr/bin/env python3
"""Wide extracts: time and peak memory of `opendata publish` against the number of columns.

    .venv/bin/python benchmarks/wide.py --columns 250 1000 5000 [--rows 3]

For each column count, writes a CSV of `--rows` rows (a key column, then text, integer and date
columns in turn) and a catalog spec declaring every column, publishes it through the CLI with the
plain engine in a fresh home, and prints the wall time, the peak RSS of the publishing process
tree (sampled by `benchmarks.measure`, not the child's `ru_maxrss`, which starts from the parent's
own RSS at fork) and the exit code. Cost should grow linearly with the columns.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.measure import measure  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent

SPEC_HEAD = """\
id: wide-{n}
title: 宽表基准测试
provider:
  department: 福州市大数据委
  contact: 0591-87000000
domain: 综合
summary: 列数很多、行数很少的基准测试数据集。
keywords: [基准测试]
open_type: general
sharing_type: unconditional
update_frequency: irregular
source:
  path: wide.csv
fields:
  - name: c0000
    source_column: 编号
    label: 编号
    required: true
    unique: true
"""

KINDS = ("string", "integer", "date")


def _value(kind: str, row: int, col: int) -> str:
    if kind == "integer":
        return str(row * 7 + col % 97)
    if kind == "date":
        return f"2026-{1 + (col % 12):02d}-{1 + row:02d}"
    return f"类目{(row + col) % 5}"


def write_wide(folder: Path, columns: int, rows: int) -> Path:
    """A CSV of `columns` columns (the first a key) and `rows` rows, and its catalog spec; the spec path."""
    folder.mkdir(parents=True, exist_ok=True)
    kinds = [KINDS[i % len(KINDS)] for i in range(1, columns)]
    header = ["编号", *(f"字段{i:05d}" for i in range(1, columns))]
    lines = [",".join(header)]
    for r in range(1, rows + 1):
        lines.append(",".join([f"K{r:06d}", *(_value(k, r, i) for i, k in enumerate(kinds, start=1))]))
    (folder / "wide.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fields = [
        f"  - name: c{i:04d}\n    source_column: 字段{i:05d}\n    label: 字段{i:05d}\n" + (f"    type: {k}\n" if k != "string" else "")
        for i, k in enumerate(kinds, start=1)
    ]
    spec = folder / "spec.yaml"
    spec.write_text(SPEC_HEAD.format(n=columns) + "".join(fields), encoding="utf-8")
    return spec


@dataclass(frozen=True)
class WideRun:
    """One wide extract published: its shape, wall time, peak memory, exit code and last output line."""

    columns: int
    rows: int
    seconds: float
    peak_mib: float
    exit_code: int
    last_line: str


def measure_wide(columns: int, rows: int, limit_gib: float = 0.0) -> WideRun:
    """Publish one wide extract in a child process, optionally limited to `limit_gib` of address space."""
    with tempfile.TemporaryDirectory(prefix="opendata-wide-") as tmp:
        spec = write_wide(Path(tmp) / "dept", columns, rows)
        env = {**os.environ, "OPENDATA_ENGINE": "plain", "OPENDATA_HOME": str(Path(tmp) / "home")}
        run = measure(
            [sys.executable, "-m", "pipelines.cli.main", "publish", str(spec)],
            env=env, cwd=ROOT, address_limit=int(limit_gib * 2**30),
        )
    lines = run.stdout.strip().splitlines() or run.stderr.strip().splitlines() or [""]
    return WideRun(columns, rows, round(run.seconds, 2), round(run.peak_mib, 1), run.exit_code, lines[-1][:160])


def main(argv: list[str] | None = None) -> int:
    """Command line: measure each column count in turn, smallest first."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--columns", type=int, nargs="+", default=[250, 1000, 5000])
    parser.add_argument("--rows", type=int, default=3)
    parser.add_argument("--limit-gib", type=float, default=0.0, help="address-space limit of the child (0: none)")
    args = parser.parse_args(argv)
    print("| columns | rows | seconds | peak RSS MiB | exit |")
    print("|---:|---:|---:|---:|---:|")
    for n in sorted(args.columns):
        r = measure_wide(n, args.rows, args.limit_gib)
        print(f"| {r.columns:,} | {r.rows} | {r.seconds} | {r.peak_mib} | {r.exit_code} |", flush=True)
        if r.exit_code:
            print(f"  ({r.last_line})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
