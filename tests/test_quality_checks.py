"""Problems planted in known numbers are each counted exactly; scores follow from the counts;
reports never hold a planted personal value."""

from __future__ import annotations

import io
import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from pipelines.cli.quality import quality_command
from quality.score import grade_of
from tests.test_quality_fixtures import EXTRACT_DAY, Planted, make_extract


def run(planted: Planted, out: Path, home: Path | None = None) -> tuple[int, dict[str, Any], str]:
    buf = io.StringIO()
    rc = quality_command(planted.extract, planted.spec, out, None, home or out / "home", console=Console(file=buf, width=200))
    return rc, json.loads((out / "quality.json").read_text(encoding="utf-8")), buf.getvalue()


def find(q: dict[str, Any], key: str, column: str | None) -> dict[str, Any]:
    hits = [c for c in q["checks"] if c["check"] == key and c["column"] == column]
    assert len(hits) == 1, (key, column)
    return hits[0]


@pytest.fixture(scope="module")
def planted_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Planted, int, dict[str, Any], str, Path]:
    folder = tmp_path_factory.mktemp("planted")
    planted = make_extract(folder)
    rc, q, console = run(planted, folder / "out")
    return planted, rc, q, console, folder / "out"


def test_every_planted_problem_is_counted_exactly(planted_run) -> None:  # type: ignore[no-untyped-def]
    planted, rc, q, _, _ = planted_run
    assert rc == 2
    for key_col, rows in planted.problems.items():
        key, column = key_col.split(":")
        c = find(q, key, column)
        assert c["failed"] == len(rows), key_col
        assert c["rows"] == rows[:10], key_col  # the first failing rows, in order


def test_totals_count_the_evaluated_items(planted_run) -> None:  # type: ignore[no-untyped-def]
    planted, _, q, _, _ = planted_run
    n = planted.rows
    assert find(q, "completeness.required", "name")["total"] == n  # every row is evaluated
    assert find(q, "completeness.required", "id_number")["total"] == n
    assert find(q, "accuracy.type", "age")["total"] == n
    # Range looks only at values that parse: one age is 三十 and fails accuracy.type instead.
    assert find(q, "accuracy.range", "age")["total"] == n - 1
    assert find(q, "accuracy.range", "amount")["total"] == n - 1
    # Duplicates: n non-null IDs, 2 repeats.
    assert find(q, "accuracy.unique", "id_number")["total"] == n
    assert "2 values occur more than once" in find(q, "accuracy.unique", "id_number")["note"]
    columns = find(q, "completeness.columns", None)
    assert (columns["failed"], columns["total"]) == (0, 13)
    assert find(q, "authenticity.rows", None)["failed"] == 0


def test_checks_with_nothing_planted_pass(planted_run) -> None:  # type: ignore[no-untyped-def]
    planted, _, q, _, _ = planted_run
    planted_keys = {tuple(k.split(":")) for k in planted.problems}
    for c in q["checks"]:
        if (c["check"], c["column"]) not in planted_keys:
            assert c["failed"] == 0, c


def test_contract_keys_and_severities(planted_run) -> None:  # type: ignore[no-untyped-def]
    _, _, q, _, _ = planted_run
    assert set(q["dimensions"]) == {"authenticity", "completeness", "accuracy", "timeliness", "usability"}
    for d in q["dimensions"].values():
        assert d["score"] is None or 0 <= d["score"] <= 1
    for c in q["checks"]:
        assert {"check", "dimension", "column", "failed", "total", "severity"} <= set(c)
        assert c["severity"] in ("critical", "error", "warning")
        assert c["check"].startswith(c["dimension"] + ".")
    assert find(q, "authenticity.sha256", None)["severity"] == "critical"
    assert find(q, "accuracy.resident_id", "id_number")["severity"] == "error"
    assert not q["publishable"]
    blocking = {(b["check"], b["column"]) for b in q["blocking"]}
    assert blocking == {tuple(k.split(":")) for k in planted_run[0].problems}


def test_scores_follow_from_the_counts(planted_run) -> None:  # type: ignore[no-untyped-def]
    _, _, q, _, _ = planted_run
    dims = {}
    for dim in q["dimensions"]:
        ratios = [(c["total"] - c["failed"]) / c["total"] for c in q["checks"] if c["dimension"] == dim and c["total"]]
        dims[dim] = sum(ratios) / len(ratios) if ratios else None
        assert q["dimensions"][dim]["score"] == pytest.approx(dims[dim], abs=1e-6)
    overall = [v for v in dims.values() if v is not None]
    assert q["overall"]["score"] == pytest.approx(sum(overall) / len(overall), abs=1e-6)
    # Accuracy: 3 bad IDs of 300 make that check 0.99, and so on; the gate is closed, so 不合格.
    assert find(q, "accuracy.resident_id", "id_number")["ratio"] == pytest.approx(296 / 300)
    assert q["overall"]["grade"] == "不合格"


def test_grades() -> None:
    assert grade_of(0.95, False) == ("优秀", "excellent")
    assert grade_of(0.9499, False) == ("良好", "good")
    assert grade_of(0.85, False)[0] == "良好"
    assert grade_of(0.7, False)[0] == "合格"
    assert grade_of(0.69, False)[0] == "不合格"
    assert grade_of(1.0, True)[0] == "不合格"  # a closed gate fails whatever the score


def test_examples_are_masked(planted_run) -> None:  # type: ignore[no-untyped-def]
    _, _, q, _, _ = planted_run
    for e in find(q, "accuracy.resident_id", "id_number")["examples"]:
        assert re.fullmatch(r"\d{6}\*{8}[0-9X]{4}", e["value"]), e
    for e in find(q, "accuracy.bank_card", "bank_card")["examples"]:
        assert re.fullmatch(r"\d{4}\*+\d{4}", e["value"]), e
    for e in find(q, "accuracy.phone", "phone")["examples"]:
        assert "*" in e["value"]
    # Values of a non-personal enum or typed column are shown as they are.
    assert {e["value"] for e in find(q, "accuracy.enum", "district")["examples"]} == {"外星区"}
    assert [e["value"] for e in find(q, "accuracy.range", "age")["examples"]] == ["150", "-1"]
    # Blank required names: row numbers only.
    assert all(e["value"] is None for e in find(q, "completeness.required", "name")["examples"])


def test_no_planted_personal_value_in_any_report(planted_run) -> None:  # type: ignore[no-untyped-def]
    planted, _, _, console, out = planted_run
    texts = {p.name: p.read_text(encoding="utf-8") for p in out.iterdir() if p.is_file()}
    texts["console"] = console
    assert {"quality.json", "quality.html", "expectations.json"} <= set(texts)
    assert len(planted.personal) > 1000
    for value in planted.personal:
        for name, text in texts.items():
            assert value not in text, f"a planted personal value leaked into {name}"


def test_clean_extract_is_publishable_and_excellent(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False)
    rc, q, console = run(planted, tmp_path / "out")
    assert rc == 0 and q["publishable"]
    assert all(c["failed"] == 0 for c in q["checks"])
    assert q["overall"] == {"score": 1.0, "grade": "优秀", "grade_en": "excellent"}
    assert "quality gate open" in console


def test_stale_extract_fails_the_update_window(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False, stale=True)
    rc, q, _ = run(planted, tmp_path / "out")
    c = find(q, "timeliness.window", "record_date")
    assert (c["failed"], c["total"], c["severity"]) == (1, 1, "error")
    assert "newest record 2025-05-01" in c["note"] and "2025-05-30" in c["note"]  # 31-day monthly window
    assert rc == 2 and [b["check"] for b in q["blocking"]] == ["timeliness.window"]
    assert q["dimensions"]["timeliness"]["score"] == pytest.approx(0.5)  # window 0/1, future 1/1


def test_future_dates_are_a_warning(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False)
    text = planted.extract.read_text(encoding="utf-8").splitlines()
    # Row 5 (line 6) dated a week after the extract: reported, not blocking.
    cells = text[5].split(",")
    cells[10] = "2025/07/07"
    text[5] = ",".join(cells)
    planted.extract.write_text("\n".join(text) + "\n", encoding="utf-8")
    from tests.test_quality_fixtures import write_manifest

    write_manifest(planted.extract, planted.rows)
    rc, q, _ = run(planted, tmp_path / "out")
    c = find(q, "timeliness.future", "record_date")
    assert (c["failed"], c["rows"], c["severity"]) == (1, [5], "warning")
    assert rc == 0


def test_missing_manifest_is_a_warning_and_scores_zero(tmp_path: Path) -> None:
    planted = make_extract(tmp_path, plant=False, manifest=False)
    # Without a manifest the extract date is the file's modification time.
    stamp = datetime(EXTRACT_DAY.year, EXTRACT_DAY.month, EXTRACT_DAY.day, 12, tzinfo=timezone.utc).timestamp()
    os.utime(planted.extract, (stamp, stamp))
    rc, q, _ = run(planted, tmp_path / "out")
    assert q["extract_date"] == EXTRACT_DAY.isoformat()
    assert rc == 0
    m = find(q, "authenticity.manifest", None)
    assert (m["failed"], m["total"], m["severity"]) == (1, 1, "warning")
    for key in ("authenticity.sha256", "authenticity.rows", "authenticity.provider"):
        assert find(q, key, None)["total"] == 0  # nothing to compare
    assert q["dimensions"]["authenticity"]["score"] == 0.0
