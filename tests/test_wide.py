"""Wide extracts (issue 13 item 3): 5,000 columns × 3 rows is refused cleanly within 1 GiB; 250 pass."""

from __future__ import annotations

from benchmarks.wide import measure_wide


def test_five_thousand_columns_are_refused_cleanly_within_a_gibibyte() -> None:
    result = measure_wide(5000, 3)
    assert result.exit_code == 1, result
    assert "5,000 columns, more than the 1,000" in result.last_line
    assert result.peak_mib < 1024, result


def test_two_hundred_fifty_columns_publish_within_a_gibibyte() -> None:
    result = measure_wide(250, 3)
    assert result.exit_code == 0, result
    assert result.peak_mib < 1024, result
