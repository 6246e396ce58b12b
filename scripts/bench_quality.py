"""Measure the quality stage on a generated 1M-row, 13-column extract: DuckDB SQL checks vs Great Expectations.

    .venv/bin/python scripts/bench_quality.py [--rows 1000000] [--gx-rows N] [--keep DIR]

Prints, in seconds: DuckDB's CSV→Parquet→CSV copy (the throughput yardstick), ingest, the SQL
checks (one scan + reports), and GE 1.x validating the same suite on pandas. GE runs on `--gx-rows`
rows (default: all) so its cost can be measured on a bounded sample too.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from quality import identifiers as ids  # noqa: E402

SPEC = """
id: bench-residents
title: 基准测试居民名单
provider: {department: 福州市民政局, contact: 民政局办公室 0591-00000000}
domain: 社会保障
summary: 基准测试用的一百万行居民补助名单，含个人信息与自由文本。
open_type: general
sharing_type: unconditional
update_frequency: monthly
source: {path: extract.csv}
timeliness: {column: record_date}
fields:
  - {name: name, source_column: 姓名, label: 姓名, required: true, pii: person_name, policy: partial_mask}
  - {name: id_number, source_column: 身份证号, label: 身份证号, required: true, unique: true, pii: resident_id, policy: pseudonymize}
  - {name: gender, source_column: 性别, label: 性别, enum: [男, 女]}
  - {name: birth_date, source_column: 出生日期, label: 出生日期, type: date, pii: birth_date, policy: generalize}
  - {name: phone, source_column: 手机号, label: 手机号, pii: mobile_phone, policy: partial_mask}
  - {name: bank_card, source_column: 银行卡号, label: 银行卡号, pii: bank_card, policy: redact}
  - {name: org_code, source_column: 单位信用代码, label: 统一社会信用代码, pii: company_credit_code}
  - {name: age, source_column: 年龄, label: 年龄, type: integer, minimum: 0, maximum: 120}
  - {name: district, source_column: 区县, label: 区县, enum: [鼓楼区, 台江区, 仓山区, 晋安区, 马尾区, 长乐区]}
  - {name: postcode, source_column: 邮编, label: 邮编, pattern: "35[0-9]{4}"}
  - {name: record_date, source_column: 登记日期, label: 登记日期, type: date, format: "%Y/%m/%d"}
  - {name: amount, source_column: 补助金额, label: 补助金额, type: number, minimum: 0}
  - {name: remark, source_column: 备注, label: 备注, pii: address, policy: scan_text}
"""


def _check_char_sql(body: str) -> str:
    total = " + ".join(f"(ascii(substr({body}, {i + 1}, 1)) - 48) * {w}" for i, w in enumerate(ids.ID_WEIGHTS))
    return f"substr('{ids.ID_CHECK}', (({total}) % 11) + 1, 1)"


def generate(path: Path, rows: int) -> None:
    """A realistic extract, generated in SQL (about 1% of IDs get a wrong check character)."""
    con = duckdb.connect()
    con.execute(f"""
        CREATE TABLE g AS SELECT i,
          DATE '1940-01-01' + CAST(hash(i, 1) % 21900 AS INTEGER) AS birth,
          ['350102','350103','350104','350105','350111','350121'][CAST(1 + hash(i, 2) % 6 AS BIGINT)] AS area,
          lpad(CAST(hash(i, 3) % 1000 AS VARCHAR), 3, '0') AS seq
        FROM range({rows}) t(i)""")
    body = "(area || strftime(birth, '%Y%m%d') || seq)"
    surnames = "'赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张'"
    con.execute(f"""
        COPY (SELECT
          substr({surnames}, 1 + CAST(hash(i, 4) % 24 AS INTEGER), 1) || chr(19968 + CAST(hash(i, 5) % 20000 AS INTEGER))
            || chr(19968 + CAST(hash(i, 6) % 20000 AS INTEGER)) AS 姓名,
          {body} || CASE WHEN hash(i, 7) % 100 = 0 THEN 'Y' ELSE {_check_char_sql(body)} END AS 身份证号,
          CASE WHEN CAST(substr(seq, 3, 1) AS INTEGER) % 2 = 1 THEN '男' ELSE '女' END AS 性别,
          strftime(birth, '%Y-%m-%d') AS 出生日期,
          '1' || CAST(3 + hash(i, 8) % 7 AS VARCHAR) || lpad(CAST(hash(i, 9) % 1000000000 AS VARCHAR), 9, '0') AS 手机号,
          '622848' || lpad(CAST(hash(i, 10) % 10000000000000 AS VARCHAR), 13, '0') AS 银行卡号,
          '91350100' || lpad(CAST(hash(i, 11) % 1000000000 AS VARCHAR), 9, '0') || '0' AS 单位信用代码,
          CAST(2025 - year(birth) AS VARCHAR) AS 年龄,
          ['鼓楼区','台江区','仓山区','晋安区','马尾区','长乐区'][CAST(1 + hash(i, 12) % 6 AS BIGINT)] AS 区县,
          '350' || lpad(CAST(hash(i, 13) % 1000 AS VARCHAR), 3, '0') AS 邮编,
          strftime(DATE '2025-06-27' - CAST(hash(i, 14) % 25 AS INTEGER), '%Y/%m/%d') AS 登记日期,
          CAST(100 + hash(i, 15) % 490000 / 100.0 AS VARCHAR) AS 补助金额,
          CASE hash(i, 16) % 4 WHEN 0 THEN '' WHEN 1 THEN '按月发放，家住鼓楼区五四路' || CAST(hash(i, 17) % 300 AS VARCHAR) || '号'
               WHEN 2 THEN '联系人电话13' || lpad(CAST(hash(i, 18) % 1000000000 AS VARCHAR), 9, '0') ELSE '低保户，特困供养' END AS 备注
        FROM g ORDER BY i) TO '{path}' (HEADER, DELIMITER ',')""")
    con.close()


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)  # all threads of this process, DuckDB's included
    return usage.ru_utime + usage.ru_stime


def timed(label: str, fn, results: dict[str, tuple[float, float]]):  # type: ignore[no-untyped-def]
    """Run fn; print and record its wall and CPU seconds (CPU is steadier on a shared machine)."""
    wall, cpu = time.perf_counter(), _cpu()
    out = fn()
    results[label] = (time.perf_counter() - wall, _cpu() - cpu)
    print(f"{label:<52} wall {results[label][0]:7.2f} s   cpu {results[label][1]:7.2f} s", flush=True)
    return out


def main() -> None:
    """Generate (or reuse) the extract and print the timings."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--gx-rows", type=int, default=0, help="rows GE validates (0 = all)")
    ap.add_argument("--no-gx", action="store_true")
    ap.add_argument("--keep", type=Path)
    args = ap.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="bench-quality-"))
    work.mkdir(parents=True, exist_ok=True)
    csv_path = work / "extract.csv"
    (work / "spec.yaml").write_text(SPEC, encoding="utf-8")
    results: dict[str, tuple[float, float]] = {}
    if not csv_path.exists():
        timed(f"generate {args.rows:,} rows", lambda: generate(csv_path, args.rows), results)
    manifest = csv_path.with_name(csv_path.name + ".manifest.json")
    if not manifest.exists():
        from pipelines.core.hashing import sha256_file

        sha, _ = sha256_file(csv_path)
        manifest.write_text(json.dumps({"sha256": sha, "rows": args.rows, "provider": "福州市民政局",
                                        "extracted_at": "2025-06-30T09:00:00+08:00"}, ensure_ascii=False), encoding="utf-8")
    print(f"extract: {csv_path.stat().st_size / 1e6:.0f} MB")

    def copy_roundtrip() -> None:
        con = duckdb.connect()
        con.execute(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar=true)) TO '{work / 'copy.parquet'}' (FORMAT parquet)")
        con.execute(f"COPY (SELECT * FROM read_parquet('{work / 'copy.parquet'}')) TO '{work / 'copy.csv'}' (HEADER)")
        con.close()

    timed("yardstick: DuckDB CSV -> Parquet -> CSV", copy_roundtrip, results)

    from pipelines.core.context import PublishContext
    from pipelines.core.home import Home
    from pipelines.ingest.step import ingest_step
    from pipelines.core.spec.loader import load_spec
    from quality.report_html import render_html
    from quality.report_json import to_json
    from quality.run import evaluate
    from quality.suite import build_suite

    spec = load_spec(work / "spec.yaml")
    suite = build_suite(spec)
    from pipelines.runner.publish import working_database

    con = working_database()  # the publication's own settings (memory limit, spill folder)
    ctx = PublishContext(spec=spec, spec_path=work / "spec.yaml", extract=csv_path, home=Home(work / "home"), con=con)
    timed("ingest (pipelines.ingest)", lambda: ingest_step(ctx), results)
    report = timed("quality: all SQL checks + profile (evaluate)", lambda: evaluate(ctx, suite=suite), results)
    q = timed("quality: quality.json", lambda: to_json(report), results)
    timed("quality: quality.html", lambda: render_html(q), results)
    print(f"  {len(report.results)} checks; "
          f"failed: {', '.join(f'{r.planned.key}[{r.planned.column}]={r.failed}' for r in report.results if r.failed)}")

    print(f"  peak RSS so far (ingest + SQL checks): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    if not args.no_gx:
        from quality.gx_suite import gx_frame, validate_with_gx

        n = args.gx_rows or None
        frame = timed(f"GE: DuckDB -> pandas frame ({n or args.rows:,} rows)", lambda: gx_frame(con, ctx.table, suite, n), results)
        timed("GE: import great_expectations", lambda: __import__("great_expectations"), results)
        out, _ = timed(f"GE: validate suite on pandas ({len(frame):,} rows)",
                       lambda: validate_with_gx(frame, q["expectation_suite"], sampled=n is not None), results)
        print(f"  peak RSS with GE: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        print("  GE unexpected counts:", json.dumps({f"{o['check']}[{o['column']}]": o["unexpected"] for o in out if not o["success"]}, ensure_ascii=False))
    con.close()

    def total(prefix: str) -> tuple[float, float]:
        picked = [v for k, v in results.items() if k.startswith(prefix)]
        return sum(w for w, _ in picked), sum(c for _, c in picked)

    base = results["yardstick: DuckDB CSV -> Parquet -> CSV"]
    sql = total("quality:")
    print(f"\nSQL quality stage: wall {sql[0]:.2f} s = {sql[0] / base[0]:.2f}x the copy; cpu {sql[1]:.2f} s = {sql[1] / base[1]:.2f}x")
    if not args.no_gx:
        gx = total("GE:")
        print(f"GE quality stage:  wall {gx[0]:.2f} s = {gx[0] / base[0]:.2f}x the copy; cpu {gx[1]:.2f} s = {gx[1] / base[1]:.2f}x")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
