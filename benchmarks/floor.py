#!/usr/bin/env python3
"""The floor: DuckDB copies the extract CSV to Parquet and back to CSV, nothing else.

    .venv/bin/python benchmarks/floor.py EXTRACT.csv OUT_DIR

Every column is read as text (as `opendata` reads extracts), so the floor is the least work any
publication of the file must do: parse the CSV once, write Parquet, read it, write CSV. DuckDB uses
its defaults (all cores, its own memory limit). The last stdout line is a JSON report with the
seconds of each copy.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb


def copy_round_trip(csv_path: Path, out_dir: Path) -> dict[str, float]:
    """CSV → Parquet → CSV with DuckDB; return the seconds of each leg."""
    out_dir.mkdir(parents=True, exist_ok=True)
    parquet, csv_back = out_dir / "floor.parquet", out_dir / "floor.csv"
    con = duckdb.connect(":memory:")
    started = time.monotonic()
    con.execute(
        "COPY (SELECT * FROM read_csv(?, header = true, all_varchar = true)) TO '" + _sql_path(parquet) + "' (FORMAT parquet)",
        [str(csv_path)],
    )
    to_parquet = time.monotonic() - started
    con.execute("COPY (SELECT * FROM read_parquet(?)) TO '" + _sql_path(csv_back) + "' (FORMAT csv, HEADER)", [str(parquet)])
    total = time.monotonic() - started
    con.close()
    return {"to_parquet_seconds": round(to_parquet, 3), "to_csv_seconds": round(total - to_parquet, 3), "seconds": round(total, 3)}


def _sql_path(path: Path) -> str:
    # COPY ... TO takes a literal, not a parameter.
    return str(path).replace("'", "''")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: floor.py EXTRACT.csv OUT_DIR")
    print(json.dumps(copy_round_trip(Path(sys.argv[1]), Path(sys.argv[2]))))
