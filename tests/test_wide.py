"""Wide extracts (issue 13 item 3): 5,000 columns × 3 rows is refused cleanly within 1 GiB; 250 pass."""

from __future__ import annotations

from benchmarks.wide import measure


def test_five_thousand_columns_are_refused_cleanly_within_a_gibibyte() -> None:
    result = measure(5000, 3, limit_gib=0)
    assert result["exit"] == 1, result
    assert "5,000 columns, more than the 1,000" in str(result["last_line"])
    assert float(result["peak_rss_mib"]) < 1024, result  # type: ignore[arg-type]


def test_two_hundred_fifty_columns_publish_within_a_gibibyte() -> None:
    result = measure(250, 3, limit_gib=0)
    assert result["exit"] == 0, result
    assert float(result["peak_rss_mib"]) < 1024, result  # type: ignore[arg-type]
