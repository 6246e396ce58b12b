"""Quality checks by dimension, scores, publication gates and reports (管理办法 §8; 开放办法 §23).

How it fits together:

- `check` — what a check is (plan, SQL parts, outcome, its Great Expectations mapping); `checks/`
  holds one module per check, a folder per dimension, listed in `checks.ALL`; `registry` finds
  them by their stable key `<dimension>.<name>`.
- `suite` — plans the checks a spec calls for and validates spec-made SQL (regexes, date formats)
  and `quality.accept` before any data is read.
- `engine` — runs every planned check in one DuckDB scan of the working table (per-check derived
  layers, projections and aggregates), then fetches and masks (`display`) the first failing rows.
- `score` — GB/T 36344-style ratios: per check conforming/evaluated, per dimension the mean of its
  checks, overall the mean of the dimensions; grades 优秀 ≥ 0.95, 良好 ≥ 0.85, 合格 ≥ 0.70, else 不合格.
- `gate` — critical failures block; error failures block unless the spec accepts them with a reason;
  warnings are reported. Blocking raises `GateBlocked` (exit 2).
- `report_json` / `report_html` — quality.json (DESIGN.md §5 contract, plus examples, profile, trend
  and the Great Expectations suite) and a self-contained quality.html.
- `gx_suite` — the same rules as a Great Expectations 1.x suite (each check's own mapping), and an
  optional GE run with Data Docs.
- `step.quality_step` — the publication stage; `summary` — a report as console tables. The runner
  composes `opendata quality` (`pipelines.runner.quality_check`), the CLI prints it.

Severities chosen: a manifest that disagrees with the bytes, the rows or the provider is critical; a
missing manifest is a warning (authenticity shows as unproven); completeness and accuracy failures
and a stale update window are errors; future-dated records, an overdue publication, GBK encoding,
control characters in text and unusable header names are warnings.
"""
