"""Working-day deadlines on the State Council schedule (管理办法 §24), with real 2026 dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipelines.core.errors import InputError
from pipelines.platform.workdays import ENV_SCHEDULE, WorkCalendar, calendar_from_env, load_schedule, parse_date

D = date.fromisoformat


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # Mid-Autumn (09-25..27) and National Day (10-01..07) off; Saturday 10-10 is a makeup working day.
        ("2026-09-25", "2026-10-29"),
        ("2026-09-30", "2026-11-03"),
        ("2026-10-01", "2026-11-03"),  # received on a holiday: the same first working day (10-08) as 09-30
        # Spring Festival (02-15..23) off; Saturdays 02-14 and 02-28 are makeup working days.
        ("2026-02-13", "2026-03-19"),
        ("2026-02-18", "2026-03-20"),
        ("2026-01-05", "2026-02-02"),  # an ordinary month: 20 weekdays
    ],
)
def test_deadline_on_the_2026_schedule(received: str, due: str) -> None:
    deadline = WorkCalendar().deadline(D(received))
    assert deadline.due == D(due)
    assert deadline.provisional is False


def test_makeup_saturday_counts_and_holiday_weekday_does_not() -> None:
    cal = WorkCalendar()
    assert cal.is_workday(D("2026-10-10")) and cal.is_workday(D("2026-02-14")), "调休上班 Saturdays"
    assert not cal.is_workday(D("2026-10-05")) and not cal.is_workday(D("2026-02-16")), "holiday Mondays"
    assert cal.knows(2026)


def test_deadline_crossing_into_an_unknown_2027_is_provisional() -> None:
    deadline = WorkCalendar().deadline(D("2026-12-10"))
    # Weekdays only in 2027 (1 January, a Friday, is counted): marked provisional, never a crash.
    assert deadline.due == D("2027-01-07")
    assert deadline.provisional is True
    assert "provisional" in deadline.label()
    far = WorkCalendar().deadline(D("2031-05-01"))
    assert far.provisional and far.due.year == 2031


def test_operator_schedule_makes_2027_official(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text("2027:\n  holidays: [2027-01-01]\n  workdays: []\n", encoding="utf-8")
    deadline = WorkCalendar(load_schedule(path)).deadline(D("2026-12-10"))
    assert deadline.due == D("2027-01-08") and deadline.provisional is False


def test_operator_schedule_in_json_with_a_makeup_day(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "holidays.json"
    path.write_text(json.dumps({"2027": {"holidays": ["2027-01-01"], "workdays": ["2027-01-02"]}}), encoding="utf-8")
    monkeypatch.setenv(ENV_SCHEDULE, str(path))
    cal = calendar_from_env()
    assert cal.is_workday(D("2027-01-02")) and not cal.is_workday(D("2027-01-01"))
    assert cal.deadline(D("2026-12-10")).due == D("2027-01-07")


def test_bad_schedule_file_is_named_with_its_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text("2027:\n  holidays: [2027-01-01]\n  workdays: [2027-02-30]\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_schedule(path)
    assert f"{path}:3:" in err.value.render()
    monkeypatch.setenv(ENV_SCHEDULE, str(path))
    with pytest.raises(InputError):
        calendar_from_env()
    # A web page asks leniently: the bad file is ignored and 2027 stays provisional.
    assert calendar_from_env(strict=False).deadline(D("2026-12-10")).provisional


def test_schedule_dates_must_be_in_their_year(tmp_path: Path) -> None:
    path = tmp_path / "holidays.yaml"
    path.write_text("2027:\n  holidays: [2028-01-01]\n", encoding="utf-8")
    with pytest.raises(InputError, match="holiday schedule"):
        load_schedule(path)


@pytest.mark.parametrize("text", ["2026-13-01", "2026/09/25", "yesterday", "2026-9-25", ""])
def test_bad_dates_are_input_errors(text: str) -> None:
    with pytest.raises(InputError, match="--received"):
        parse_date(text, "--received")
