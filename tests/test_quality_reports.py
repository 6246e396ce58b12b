"""Reports: a self-contained HTML page with charts and the trend of earlier releases; the overdue
check against the registry; the Great Expectations suite and Data Docs; the CLI; the sample data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pipelines.core.home import Home
from pipelines.runner.publish import run_plain
from pipelines.store.db import connect
from pipelines.cli.quality import quality_command
from tests.conftest import ROOT, run_cli
from tests.test_quality_fixtures import make_extract


def test_html_is_self_contained_with_charts(tmp_path: Path) -> None:
    planted = make_extract(tmp_path)
    html_path = tmp_path / "page" / "report.html"
    assert quality_command(planted.extract, planted.spec, None, html_path, tmp_path / "home") == 2
    html = html_path.read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and " src=" not in html
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", html)  # the SVG namespace is not a fetch
    assert html.count("<svg") >= 4  # scores, null rates, two distributions, the trend
    assert "质量门关闭" in html and "accuracy.resident_id" in html
    # Distributions only of non-personal low-cardinality columns: gender and district, not names.
    assert "鼓楼区" in html and "外星区" not in html.split("取值分布")[1].split("历次发布")[0]


def test_trend_and_overdue_from_earlier_releases(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = make_extract(tmp_path / "v1", plant=False)
    run_plain(first.spec, None, home)
    with connect(Home(home)) as con:  # the first release was due a new version 40 days ago
        con.execute("UPDATE releases SET published_at = published_at - INTERVAL 71 DAY")
    second = make_extract(tmp_path / "v2")
    assert quality_command(second.extract, second.spec, tmp_path / "out", None, home) == 2
    q = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    assert len(q["trend"]) == 1
    assert q["trend"][0]["overall"] == 1.0 and q["trend"][0]["grade"] == "优秀"
    overdue = next(c for c in q["checks"] if c["check"] == "timeliness.overdue")
    assert (overdue["failed"], overdue["total"], overdue["severity"]) == (1, 1, "warning")
    assert "71 days ago" in overdue["note"]
    html = (tmp_path / "out" / "quality.html").read_text(encoding="utf-8")
    assert "<polyline" in html and q["trend"][0]["version"] in html


def test_no_registry_means_no_trend_and_nothing_written_to_home(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False)
    home = tmp_path / "home"
    assert quality_command(planted.extract, planted.spec, tmp_path / "out", None, home) == 0
    q = json.loads((tmp_path / "out" / "quality.json").read_text(encoding="utf-8"))
    assert q["trend"] == []
    assert next(c for c in q["checks"] if c["check"] == "timeliness.overdue")["total"] == 0
    assert not home.exists()


def test_great_expectations_suite_and_data_docs(tmp_path: Path) -> None:
    import great_expectations as gx

    planted = make_extract(tmp_path)
    docs = tmp_path / "gx-docs"
    rc = quality_command(planted.extract, planted.spec, tmp_path / "out", None, tmp_path / "home", gx_docs=docs)
    assert rc == 2
    suite_json = json.loads((tmp_path / "out" / "expectations.json").read_text(encoding="utf-8"))
    suite = gx.ExpectationSuite(**suite_json)  # GE loads what we generated
    types = {e.expectation_type for e in suite.expectations}
    assert {"expect_column_values_to_not_be_null", "expect_column_values_to_be_in_set",
            "expect_column_values_to_match_regex", "expect_column_values_to_be_between",
            "expect_column_values_to_be_unique", "expect_column_values_to_match_strftime_format"} <= types
    not_expressed = {n["check"] for n in suite_json["meta"]["not_expressed"]}
    assert {"accuracy.id_consistency", "timeliness.window", "authenticity.sha256"} <= not_expressed
    assert (docs / "index.html").is_file()
    pages = [p.read_text(encoding="utf-8", errors="replace") for p in docs.rglob("*.html")]
    assert len(pages) >= 3
    for value in planted.personal:
        assert not any(value in page for page in pages), "a personal value reached the Data Docs"


def test_great_expectations_counts_agree_with_sql(tmp_path: Path) -> None:
    import duckdb

    from pipelines.core.context import PublishContext
    from pipelines.ingest.step import ingest_step
    from pipelines.core.spec.loader import load_spec
    from quality.gx_suite import expectation_suite, gx_frame, validate_with_gx
    from quality.suite import build_suite

    planted = make_extract(tmp_path)
    spec = load_spec(planted.spec)
    suite = build_suite(spec)
    ctx = PublishContext(spec=spec, spec_path=planted.spec, extract=planted.extract, home=Home(tmp_path / "home"), con=duckdb.connect())
    ingest_step(ctx)
    results, _ = validate_with_gx(gx_frame(ctx.con, ctx.table, suite, None), expectation_suite(suite))
    ge = {(r["check"], r["column"]): r["unexpected"] for r in results}
    for key in ("completeness.required:name", "accuracy.enum:district", "accuracy.pattern:postcode", "accuracy.phone:phone",
                "accuracy.range:age", "accuracy.type:record_date"):
        check, column = key.split(":")
        assert ge[(check, column)] == len(planted.problems[key]), key
    # GE's unique counts every row of a repeated value, we count the repeats after the first.
    assert ge[("accuracy.unique", "id_number")] == 2 * len(planted.problems["accuracy.unique:id_number"])


def test_cli_quality_exit_codes(tmp_path: Path) -> None:
    planted = make_extract(tmp_path)
    out = tmp_path / "out"
    result = run_cli("quality", str(planted.extract), "--spec", str(planted.spec), "--out", str(out))
    assert result.returncode == 2, result.stderr
    assert (out / "quality.json").is_file() and (out / "quality.html").is_file()
    assert "accuracy.resident_id" in result.stdout
    for value in planted.personal:
        assert value not in result.stdout and value not in result.stderr
    clean = make_extract(tmp_path / "clean", plant=False)
    assert run_cli("quality", str(clean.extract), "--spec", str(clean.spec)).returncode == 0
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\n", encoding="utf-8")
    assert run_cli("quality", str(clean.extract), "--spec", str(bad)).returncode == 1


SAMPLES = sorted((ROOT / "catalog_specs").glob("*.yaml"))


@pytest.mark.skipif(not (ROOT / "sample_data").is_dir() or not SAMPLES, reason="sample data not generated")
def test_sample_extracts_report_without_personal_values(tmp_path: Path) -> None:
    import duckdb

    from pipelines.core.spec.loader import load_spec
    from pipelines.core.vocab import OpenType

    checked = 0
    for spec_path in SAMPLES:
        spec = load_spec(spec_path)
        extract = spec.source_path(spec_path)
        if spec.open_type is OpenType.NOT_OPEN or not extract.is_file():
            continue
        out = tmp_path / spec.id
        rc = quality_command(extract, spec_path, out, None, tmp_path / "home")
        q = json.loads((out / "quality.json").read_text(encoding="utf-8"))
        assert rc == (0 if q["publishable"] else 2)
        assert set(q["dimensions"]) == {"authenticity", "completeness", "accuracy", "timeliness", "usability"}
        # What a reader sees: JSON values and the page's text (tags and SVG coordinates stripped),
        # without the file hash, whose hex digits could match a number by chance.
        page = re.sub(r"<[^>]+>", " ", (out / "quality.html").read_text(encoding="utf-8"))
        text = (json.dumps({k: v for k, v in q.items() if k != "source"}, ensure_ascii=False) + page).replace(q["source"]["sha256"][:16], "")
        personal = [f for f in spec.fields if f.pii is not None and not f.pii.is_public]
        if not personal:
            continue
        # Every distinct personal value of the sample stays out: 4+ characters (not a bare surname),
        # 6+ for plain numbers (a 3-digit amount matches some count by chance).
        from pipelines.core.context import PublishContext
        from pipelines.ingest.step import ingest_step

        ctx = PublishContext(spec=spec, spec_path=spec_path, extract=extract, home=Home(tmp_path / "home"), con=duckdb.connect())
        ingest_step(ctx)
        spec_text = spec_path.read_text(encoding="utf-8")  # what the reviewed spec itself says is no leak
        for f in personal:
            values = [v for (v,) in ctx.con.execute(f'SELECT DISTINCT "{f.name}" FROM work WHERE length("{f.name}") >= 4').fetchall()
                      if (len(v) >= 6 or not re.fullmatch(r"[0-9.]+", v)) and v not in spec_text]
            assert not [v for v in values if v in text], f"{spec.id}.{f.name} leaked into the report"
        checked += 1
    assert checked >= 1
