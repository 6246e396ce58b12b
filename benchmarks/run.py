#!/usr/bin/env python3
"""Benchmark `opendata publish` end to end against the floor (DuckDB) and the peer (presidio-structured).

    .venv/bin/python benchmarks/run.py                       # 10k, 100k and 1M rows
    .venv/bin/python benchmarks/run.py --large               # ... and 10M
    .venv/bin/python benchmarks/run.py --rows 2000 --no-peer --engines plain
    .venv/bin/python benchmarks/run.py --large --profile 1000000  # also a cProfile of the plain engine at 1M

For each size, on the same generated extract (benchmarks/generate.py) and in one run, it measures:

- the floor: DuckDB copying the CSV to Parquet and back to CSV (benchmarks/floor.py);
- the project: `opendata publish SPEC --input CSV --home TMP` through the CLI, once per engine
  (`prefect`, the default, and `plain`), wall time and peak RSS of the whole process tree;
- the peer: presidio-structured with Chinese regex recognizers (benchmarks/peer_presidio.py),
  capped at `--peer-cap` seconds and extrapolated linearly beyond the rows that fit.

It prints a markdown table and writes it, with the machine and the targets, to
benchmarks/out/results.md (and the raw figures to results.json). Each run gets a fresh home
directory and a fresh random pseudonym key in OPENDATA_PSEUDONYM_KEY.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import CST, DEFAULT_SEED, GENERATOR_VERSION, Extract, write_extract
from benchmarks.measure import Run, measure

ROOT = Path(__file__).resolve().parent.parent
HERE = Path(__file__).resolve().parent
OUT = HERE / "out"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
LARGE_SIZE = 10_000_000
# × the floor at 1M rows, by engine: issue 11 asks 8× of the plain engine and 10× with Prefect (issues 3 and 7
# asked 10× of both).
FLOOR_TARGETS = {"plain": 8.0, "prefect": 10.0}
RSS_TARGET_MIB = 2048.0
TOOL_FLOOR = "floor: DuckDB CSV→Parquet→CSV"
TOOL_PEER = "peer: presidio-structured"


def tool_project(engine: str) -> str:
    """Table label of the project run on `engine`."""
    return f"opendata publish ({engine})"


@dataclass
class Result:
    """One row of the table."""

    rows: int
    tool: str
    seconds: float | None
    peak_mib: float | None
    exit_code: int = 0
    cpu_seconds: float | None = None
    notes: list[str] = field(default_factory=list)
    rows_processed: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """Whether the run finished (exit 0) with a time."""
        return self.exit_code == 0 and self.seconds is not None


# -- extracts ------------------------------------------------------------------------------------


def extract_for(workdir: Path, rows: int, seed: int, as_of: date) -> Extract:
    """The extract of `rows` rows, generated once per (rows, seed, as_of) and reused after."""
    folder = workdir / f"extract-v{GENERATOR_VERSION}-{rows}-s{seed}-{as_of.isoformat()}"
    manifest = folder / "extract.csv.manifest.json"
    if manifest.is_file():
        try:
            data = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            data = {}
        csv_path = folder / "extract.csv"
        if data.get("rows") == rows and csv_path.is_file():
            spec = folder / "catalog_spec.yaml"
            shutil.copyfile(HERE / "catalog_spec.yaml", spec)  # the template may have changed since
            return Extract(folder, csv_path, manifest, spec, rows, str(data.get("sha256")), csv_path.stat().st_size)
    return write_extract(folder, rows, seed, as_of)


# -- the three contenders ------------------------------------------------------------------------


def _last_json(text: str) -> dict[str, Any]:
    for line in reversed(text.strip().splitlines()):
        if line.startswith("{"):
            return json.loads(line)  # type: ignore[no-any-return]
    raise ValueError("no JSON report on stdout")


def _failure(run: Run) -> str:
    if run.timed_out:
        return f"timed out after {run.seconds:.0f} s"
    lines = [ln.strip() for ln in run.stderr.strip().splitlines() if ln.strip()]
    # A crash ends with the exception line; a refusal's message comes first. The CLI's messages
    # carry no cell values (DESIGN.md §5).
    crashed = any("Traceback" in ln for ln in lines)
    line = (lines[-1] if crashed else lines[0]) if lines else ""
    return f"exit {run.exit_code}: {line[:160]}"


def run_floor(extract: Extract, scratch: Path, timeout: float) -> Result:
    """DuckDB's CSV → Parquet → CSV round trip, in its own process."""
    out = scratch / "floor"
    run = measure([sys.executable, str(HERE / "floor.py"), str(extract.csv), str(out)], cwd=ROOT, timeout=timeout)
    shutil.rmtree(out, ignore_errors=True)
    if run.exit_code != 0:
        return Result(extract.rows, TOOL_FLOOR, None, run.peak_mib, run.exit_code, run.cpu_seconds, [_failure(run)])
    report = _last_json(run.stdout)
    return Result(
        extract.rows, TOOL_FLOOR, report["seconds"], run.peak_mib, 0, run.cpu_seconds,
        [f"copy time inside DuckDB; process wall {run.seconds:.2f} s"], extract.rows, report,
    )


def project_command(extract: Extract, home: Path) -> list[str]:
    """`opendata publish SPEC --input CSV --home HOME` through the real CLI entry point."""
    return [sys.executable, "-m", "pipelines.cli.main", "publish", str(extract.spec), "--input", str(extract.csv), "--home", str(home)]


def project_env(engine: str) -> dict[str, str]:
    """The environment of a project run: the engine and a fresh random pseudonym key."""
    env = {k: v for k, v in os.environ.items() if k not in ("OPENDATA_HOME", "OPENDATA_INSECURE_DEV_KEY", "OPENDATA_PSEUDONYM_KEY_FILE")}
    env["OPENDATA_ENGINE"] = engine
    env["OPENDATA_PSEUDONYM_KEY"] = secrets.token_urlsafe(32)
    return env


def run_project(extract: Extract, engine: str, scratch: Path, timeout: float) -> Result:
    """One end-to-end publication through the CLI on `engine`, in a fresh home."""
    home = scratch / f"home-{engine}"
    shutil.rmtree(home, ignore_errors=True)
    run = measure(project_command(extract, home), env=project_env(engine), cwd=ROOT, timeout=timeout)
    result = Result(extract.rows, tool_project(engine), run.seconds, run.peak_mib, run.exit_code, run.cpu_seconds, rows_processed=extract.rows)
    if run.peak_parts:
        result.notes.append(f"peak (MiB): {run.peak_composition()}")
    if run.exit_code != 0:
        result.notes.append(_failure(run))
    else:
        release = Path(run.stdout.strip().splitlines()[-1])
        result.extra = _release_facts(release)
        if result.extra.get("rows_published") is not None:
            result.notes.append(f"{result.extra['rows_published']:,} rows published")
    steps = step_seconds(home)
    if steps:
        result.extra["steps"] = steps
        result.notes.append("steps (s): " + ", ".join(f"{name} {sec:.1f}" for name, sec in steps.items()))
    shutil.rmtree(home, ignore_errors=True)
    return result


def step_seconds(home: Path) -> dict[str, float]:
    """Seconds of each publication step, from the audit log the run wrote (best effort: {} if unreadable).

    The publish step's own time is not logged (its entry is written while it runs); the rest of the
    wall time is start-up, imports and, with Prefect, the flow machinery.
    """
    db = home / "opendata.duckdb"
    if not db.is_file():
        return {}
    try:
        import duckdb

        con = duckdb.connect(str(db), read_only=True)
        try:
            rows = con.execute(
                "SELECT event, TRY_CAST(json_extract_string(details, '$.seconds') AS DOUBLE) FROM audit_log ORDER BY seq"
            ).fetchall()
        finally:
            con.close()
    except Exception:  # noqa: BLE001 - the audit schema belongs to another package; the table does without
        return {}
    return {str(event): float(sec) for event, sec in rows if sec is not None}


def _release_facts(release: Path) -> dict[str, Any]:
    """Rows published and files written, from the release's provenance (no values)."""
    facts: dict[str, Any] = {"release": release.name}
    try:
        prov = json.loads((release / "provenance.json").read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return facts
    facts["rows_published"] = prov.get("rows_published")
    facts["bytes"] = {p.name: p.stat().st_size for p in release.iterdir() if p.is_file()}
    return facts


def run_peer(extract: Extract, cap: float, scratch: Path, timeout: float) -> Result:
    """presidio-structured on the first rows that fit `cap` seconds, extrapolated to all rows."""
    out = scratch / "peer"
    cmd = [sys.executable, str(HERE / "peer_presidio.py"), str(extract.csv), "--cap", str(cap), "--rows", str(extract.rows), "--out", str(out)]
    run = measure(cmd, cwd=ROOT, timeout=timeout)
    shutil.rmtree(out, ignore_errors=True)
    if run.exit_code != 0:
        return Result(extract.rows, TOOL_PEER, None, run.peak_mib, run.exit_code, run.cpu_seconds, [_failure(run)])
    report = _last_json(run.stdout)
    notes = []
    if report["extrapolated"]:
        notes.append(f"extrapolated from the first {report['rows_processed']:,} rows (cap {cap:.0f} s); CPU and RSS at those rows")
    else:
        notes.append("all rows measured")
    notes.append(f"recognizers: {report['recognizers'].split(' ')[0]}")
    mapping = report.get("entity_mapping", {})
    notes.append("columns flagged: " + (", ".join(f"{c}→{e}" for c, e in mapping.items()) or "none"))
    return Result(extract.rows, TOOL_PEER, report["seconds"], run.peak_mib, 0, run.cpu_seconds, notes, report["rows_processed"], report)


def run_profile(extract: Extract, scratch: Path, timeout: float, out: Path = OUT, top: int = 30) -> Path:
    """cProfile of one plain-engine publication; writes profile-N.prof and profile-N.txt into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    prof = out / f"profile-{extract.rows}.prof"
    home = scratch / "home-profile"
    shutil.rmtree(home, ignore_errors=True)
    cmd = project_command(extract, home)
    cmd[1:3] = ["-m", "cProfile", "-o", str(prof), "-m", "pipelines.cli.main"]
    run = measure(cmd, env=project_env("plain"), cwd=ROOT, timeout=timeout)
    shutil.rmtree(home, ignore_errors=True)
    text = out / f"profile-{extract.rows}.txt"
    summary = subprocess.run(
        [sys.executable, "-c", (
            "import pstats, sys; s = pstats.Stats(sys.argv[1]); s.sort_stats('cumulative').print_stats(int(sys.argv[2])); "
            "s.sort_stats('tottime').print_stats(int(sys.argv[2]))"
        ), str(prof), str(top)],
        capture_output=True, text=True, check=False,
    ).stdout
    text.write_text(f"# cProfile of `opendata publish` (plain engine), {extract.rows:,} rows: {run.seconds:.1f} s wall "
                    f"under the profiler, exit {run.exit_code}\n\n{summary}", encoding="utf-8")
    return text


# -- the table -----------------------------------------------------------------------------------


def _fmt_seconds(s: float | None) -> str:
    return "—" if s is None else (f"{s:.2f}" if s < 100 else f"{s:,.0f}")


def table(results: list[Result]) -> str:
    """The markdown table: size, tool, seconds, CPU seconds, rows/s, × floor, × peer, peak RSS, notes."""
    lines = [
        "| rows | tool | seconds | CPU s | rows/s | × floor | × peer | peak RSS (MiB) | notes |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    by_size: dict[int, list[Result]] = {}
    for r in results:
        by_size.setdefault(r.rows, []).append(r)
    for size, group in by_size.items():
        floor = next((r.seconds for r in group if r.tool == TOOL_FLOOR and r.ok), None)
        peer = next((r.seconds for r in group if r.tool == TOOL_PEER and r.ok), None)
        for r in group:
            ok = r.seconds is not None
            rate = f"{size / r.seconds:,.0f}" if ok and r.seconds else "—"  # type: ignore[operator]
            x_floor = f"{r.seconds / floor:.1f}" if ok and floor else "—"  # type: ignore[operator]
            x_peer = f"{r.seconds / peer:.3f}" if ok and peer else "—"  # type: ignore[operator]
            rss = f"{r.peak_mib:,.0f}" if r.peak_mib is not None else "—"
            notes = "; ".join(r.notes).replace("|", "/")
            seconds = _fmt_seconds(r.seconds) + ("" if r.exit_code == 0 else " (failed)")
            cpu = _fmt_seconds(r.cpu_seconds)
            lines.append(f"| {size:,} | {r.tool} | {seconds} | {cpu} | {rate} | {x_floor} | {x_peer} | {rss} | {notes} |")
    return "\n".join(lines)


def targets(results: list[Result], engines: list[str]) -> str:
    """The issue's targets checked against what was measured."""
    out = []
    sizes = sorted({r.rows for r in results})
    floors = {r.rows: r.seconds for r in results if r.tool == TOOL_FLOOR and r.ok}
    floor_cpu = {r.rows: r.cpu_seconds for r in results if r.tool == TOOL_FLOOR and r.ok and r.cpu_seconds}
    for engine in engines:
        mine = {r.rows: r for r in results if r.tool == tool_project(engine)}
        for size in sizes:
            r = mine.get(size)
            if r is None:
                continue
            if not r.ok:
                out.append(f"- {engine}, {size:,} rows: did not finish ({'; '.join(r.notes)})")
                continue
            ratio = r.seconds / floors[size] if floors.get(size) else None  # type: ignore[operator]
            target = FLOOR_TARGETS.get(engine, 10.0)
            ratio_text = f"{ratio:.1f}× the floor" + (" ✓" if ratio is not None and ratio <= target else " ✗") if ratio else "no floor"
            rss_ok = "✓" if (r.peak_mib or 0) <= RSS_TARGET_MIB else "✗"
            cpu_text = f"; CPU time {r.cpu_seconds / floor_cpu[size]:.1f}× the floor's" if r.cpu_seconds and floor_cpu.get(size) else ""
            out.append(f"- {engine}, {size:,} rows: {ratio_text} (target ≤ {target:.0f}×){cpu_text}; "
                       f"peak {r.peak_mib:,.0f} MiB {rss_ok} (target ≤ 2 GiB); {r.seconds / size * 1e6:.1f} µs/row")  # type: ignore[operator]
        out.extend(_flatness(engine, {s: r for s, r in mine.items() if s >= 100_000 and r.ok}))
    return "\n".join(out)


def _flatness(engine: str, runs: dict[int, Result]) -> list[str]:
    """µs per row (wall and CPU) at each size from 100k up, each against the size before (flat = 1.0×)."""
    if len(runs) < 2:
        return []
    parts, marginal, previous = [], [], None
    for size in sorted(runs):
        r = runs[size]
        wall, cpu = r.seconds / size * 1e6, (r.cpu_seconds or 0) / size * 1e6  # type: ignore[operator]
        step = f" ({wall / previous[0]:.2f}× wall, {cpu / previous[1]:.2f}× CPU)" if previous and previous[1] else ""
        parts.append(f"{size:,}: {wall:.1f} µs wall, {cpu:.1f} µs CPU{step}")
        if previous:
            # The cost of each extra row between two sizes: the fixed start-up (imports, Prefect's API)
            # cancels out, so this is what streaming must keep flat.
            before = runs[previous[2]]
            extra = (r.seconds - before.seconds) / (size - previous[2]) * 1e6  # type: ignore[operator]
            marginal.append(f"{previous[2]:,}→{size:,}: {extra:.1f} µs")
        previous = (wall, cpu, size)
    return [f"- {engine}, time per row: " + "; ".join(parts), f"- {engine}, marginal time per extra row: " + "; ".join(marginal)]


def machine() -> str:
    """One line describing where the figures were measured."""
    import duckdb
    import psutil

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()
    return (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores, {psutil.virtual_memory().total / 2**30:.0f} GiB RAM; "
        f"Python {platform.python_version()}, DuckDB {duckdb.__version__}; commit {commit or '?'}{' (uncommitted changes)' if dirty else ''}; "
        f"load average {os.getloadavg()[1]:.1f} (5 min) when the report was written"
    )


def report(results: list[Result], engines: list[str], argv: list[str], cap: float, profile: Path | None) -> str:
    """results.md: when, where, the command, the table, the targets."""
    parts = [
        "# Benchmark results",
        "",
        f"Measured {datetime.now(CST):%Y-%m-%d %H:%M} (UTC+8) on {machine()}.",
        "",
        f"Command: `python benchmarks/run.py {' '.join(argv)}`".rstrip(),
        "",
        table(results),
        "",
        "Targets (issues 3, 7 and 11):",
        "",
        targets(results, engines),
        "",
        f"The peer is capped at {cap:.0f} s: beyond the rows that fit, its time is setup + per-row time × rows.",
    ]
    if profile is not None:
        shown = profile.relative_to(ROOT) if profile.is_relative_to(ROOT) else profile
        parts += ["", f"Profile: `{shown}` (cProfile, plain engine)."]
    return "\n".join(parts) + "\n"


# -- main ----------------------------------------------------------------------------------------


def parse_args(argv: list[str]) -> argparse.Namespace:
    """The command line."""
    p = argparse.ArgumentParser(description="Throughput and memory of opendata publish vs DuckDB and presidio-structured.")
    p.add_argument("--rows", type=int, nargs="+", default=None, help="sizes to run (default 10000 100000 1000000)")
    p.add_argument("--large", action="store_true", help=f"also run {LARGE_SIZE:,} rows")
    p.add_argument("--engines", default="prefect,plain", help="comma-separated engines to run (default prefect,plain)")
    p.add_argument("--peer-cap", type=float, default=120.0, help="seconds the peer may run per size (default 120)")
    p.add_argument("--no-peer", action="store_true", help="skip presidio-structured")
    p.add_argument("--profile", type=int, nargs="?", const=0, default=None, metavar="ROWS",
                   help="also profile the plain engine (cProfile) at ROWS (one of the sizes; default the largest)")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--as-of", type=date.fromisoformat, default=None, help="extraction date of the extracts (default today)")
    p.add_argument("--workdir", type=Path, default=Path(tempfile.gettempdir()) / "opendata-bench", help="where extracts and scratch homes go")
    p.add_argument("--out", type=Path, default=OUT, help="folder for results.md and results.json (default benchmarks/out)")
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds before one measured command is stopped")
    return p.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run every size and contender; print and write the table."""
    argv = list(sys.argv[1:] if argv is None else argv)
    args = parse_args(argv)
    sizes = sorted(set(args.rows or DEFAULT_SIZES) | ({LARGE_SIZE} if args.large else set()))
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    as_of = args.as_of or datetime.now(CST).date()
    results: list[Result] = []
    profile: Path | None = None
    for size in sizes:
        print(f"== {size:,} rows", file=sys.stderr, flush=True)
        extract = extract_for(args.workdir, size, args.seed, as_of)
        scratch = args.workdir / f"scratch-{size}"
        scratch.mkdir(parents=True, exist_ok=True)
        steps = [("floor", lambda: run_floor(extract, scratch, args.timeout))]
        steps += [(f"opendata ({e})", lambda e=e: run_project(extract, e, scratch, args.timeout)) for e in engines]  # type: ignore[misc]
        if not args.no_peer:
            steps.append(("peer", lambda: run_peer(extract, args.peer_cap, scratch, args.timeout)))
        for name, step in steps:
            load = os.getloadavg()[0]  # other work on the machine skews the figures: keep a trace of it
            result = step()
            result.extra["load_before"] = round(load, 2)
            results.append(result)
            print(f"   {name}: {_fmt_seconds(result.seconds)} s, {result.peak_mib or 0:,.0f} MiB {'; '.join(result.notes)}", file=sys.stderr, flush=True)
        if args.profile is not None and size == (args.profile or sizes[-1]):
            profile = run_profile(extract, scratch, args.timeout, args.out)
            print(f"   profile: {profile}", file=sys.stderr, flush=True)
        shutil.rmtree(scratch, ignore_errors=True)
    text = report(results, engines, argv, args.peer_cap, profile)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.md").write_text(text, encoding="utf-8")
    (args.out / "results.json").write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=2), encoding="utf-8")
    print(table(results))
    print()
    print(targets(results, engines))
    print(f"\nwritten: {args.out / 'results.md'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
