#!/usr/bin/env python3
"""Wide extracts: time and peak memory of `opendata publish` against the number of columns.

    .venv/bin/python benchmarks/wide.py --columns 250 1000 5000 [--rows 3]

For each column count, writes a CSV of `--rows` rows (a key column, then text, integer and date
columns in turn) and a catalog spec declaring every column, publishes it through the CLI with the
plain engine in a fresh home, and prints the wall time, the peak RSS of the publishing process
(`ru_maxrss` of the child) and the exit code. Cost should grow linearly with the columns.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def measure(columns: int, rows: int, limit_gib: float) -> dict[str, object]:
    """Publish one wide extract in a child process limited to `limit_gib` of address space."""
    with tempfile.TemporaryDirectory(prefix="opendata-wide-") as tmp:
        spec = write_wide(Path(tmp) / "dept", columns, rows)
        env = {**os.environ, "OPENDATA_ENGINE": "plain", "OPENDATA_HOME": str(Path(tmp) / "home")}
        started = time.perf_counter()
        with open(Path(tmp) / "out", "w+") as out, open(Path(tmp) / "err", "w+") as err:
            proc = subprocess.Popen(
                [sys.executable, "-m", "pipelines.cli.main", "publish", str(spec)],
                stdout=out, stderr=err, env=env, cwd=ROOT,
                preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_AS, (int(limit_gib * 2**30),) * 2)) if limit_gib else None,
            )
            # wait4 gives this child's own peak RSS (RUSAGE_CHILDREN would be the largest child so far).
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            seconds = time.perf_counter() - started
            out.seek(0)
            err.seek(0)
            lines = out.read().strip().splitlines() or err.read().strip().splitlines() or [""]
    return {
        "columns": columns, "rows": rows, "seconds": round(seconds, 2),
        "peak_rss_mib": round(usage.ru_maxrss / 1024, 1), "exit": proc.returncode, "last_line": lines[-1][:160],
    }


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
        r = measure(n, args.rows, args.limit_gib)
        print(f"| {r['columns']:,} | {r['rows']} | {r['seconds']} | {r['peak_rss_mib']} | {r['exit']} |", flush=True)
        if r["exit"]:
            print(f"  ({r['last_line']})", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
