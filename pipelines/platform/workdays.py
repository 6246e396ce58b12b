"""Working days on the State Council holiday schedule, and the 20-working-day answer deadline.

管理办法 §24: a department answers an open-data request "自收到申请之日起 20 个工作日内", and the
commission answers a review within 20 working days. The deadline is the 20th working day *after*
the day of receipt. Working days follow the State Council's yearly schedule: public holidays are
off, and weekend days announced as makeup working days (调休上班) are working days.

Sources of the schedule, first match wins for a year:
1. the operator's schedule file (`$OPENDATA_HOLIDAYS`), for the years it lists — so the commission
   can add next year's schedule the day it is announced, or correct one, without a new release;
2. the `chinesecalendar` package (official schedules from 2004 through 2026 in version 1.11.0);
3. otherwise weekdays only, and any deadline that counts a day of such a year is *provisional*.

Schedule file (YAML or JSON; JSON is read as YAML), one mapping per year::

    2027:
      holidays: [2027-01-01, 2027-02-16]   # 放假: days off (weekdays; listed weekend days are harmless)
      workdays: [2027-02-07]               # 调休上班: weekend days that are working days

Dates are calendar dates in Asia/Shanghai (the city's own day, whatever the server's zone).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from pipelines.core.errors import InputError
from pipelines.core.clock import SHANGHAI
from pipelines.core.spec.yaml_lines import YamlDocument, error_line

ANSWER_WORKING_DAYS = 20
ENV_SCHEDULE = "OPENDATA_HOLIDAYS"


def today() -> date:
    """Today in Fuzhou (Asia/Shanghai): a request received at 07:00 Beijing time is received that day."""
    return datetime.now(SHANGHAI).date()


def parse_date(text: str, what: str) -> date:
    """A YYYY-MM-DD date, or an InputError naming the option (`what`) and the bad text."""
    try:
        if len(text) != 10:
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise InputError(f"{what}: {text!r} is not a date (YYYY-MM-DD)") from None


# -- the operator's schedule file -------------------------------------------------------------


class _YearModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    holidays: list[date] = []
    workdays: list[date] = []

    @model_validator(mode="after")
    def _disjoint(self) -> _YearModel:
        both = sorted(set(self.holidays) & set(self.workdays))
        if both:
            raise ValueError(f"{both[0].isoformat()} is listed both as a holiday and as a makeup working day")
        return self


@dataclass(frozen=True)
class YearSchedule:
    """One year's days off and makeup working days."""

    holidays: frozenset[date] = field(default_factory=frozenset)
    workdays: frozenset[date] = field(default_factory=frozenset)


def load_schedule(path: Path) -> dict[int, YearSchedule]:
    """Read a schedule file; problems raise InputError with `FILE:LINE: message` details."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: cannot read the holiday schedule ({exc.__class__.__name__})") from None
    try:
        doc = YamlDocument(text)
    except yaml.YAMLError as exc:
        line = error_line(exc)
        raise InputError("invalid holiday schedule", details=[f"{path}:{line}: not valid YAML or JSON"]) from None
    except ValueError:  # YAML reads 2027-02-30 as a date and fails on it
        raise InputError("invalid holiday schedule", details=[_bad_date_line(path, text)]) from None
    if not isinstance(doc.data, dict):
        raise InputError("invalid holiday schedule", details=[f"{path}:1: expected a mapping of year: {{holidays, workdays}}"])
    out: dict[int, YearSchedule] = {}
    problems: list[str] = []
    for key, body in doc.data.items():
        line = doc.line_of((key,))
        try:
            year = int(str(key))
        except ValueError:
            problems.append(f"{path}:{line}: {key!r} is not a year")
            continue
        try:
            model = _YearModel.model_validate(body if body is not None else {})
        except ValidationError as exc:
            for err in exc.errors():
                loc = (key, *err["loc"])
                problems.append(f"{path}:{doc.line_of(loc)}: {'.'.join(str(p) for p in loc)}: {err['msg'].removeprefix('Value error, ')}")
            continue
        stray = [d for d in (*model.holidays, *model.workdays) if d.year != year]
        if stray:
            problems.append(f"{path}:{line}: {stray[0].isoformat()} is not in {year}")
            continue
        out[year] = YearSchedule(frozenset(model.holidays), frozenset(model.workdays))
    if problems:
        raise InputError("invalid holiday schedule", details=problems)
    return out


def _bad_date_line(path: Path, text: str) -> str:
    """`FILE:LINE: message` for the first date-like text that is no calendar date."""
    for number, line in enumerate(text.splitlines(), 1):
        for token in re.findall(r"\d{4}-\d{2}-\d{2}", line):
            try:
                date.fromisoformat(token)
            except ValueError:
                return f"{path}:{number}: {token} is not a calendar date"
    return f"{path}:1: a date is not a calendar date"


# -- the calendar -----------------------------------------------------------------------------


def _library_workday(day: date) -> bool | None:
    """The chinesecalendar answer, or None when the package has no schedule for that year."""
    import chinese_calendar

    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:  # the package raises this for a year it has no data for
        return None


@dataclass(frozen=True)
class Deadline:
    """When an answer is due, and whether that date rests on an unknown year's schedule."""

    received: date
    due: date
    provisional: bool

    def overdue(self, as_of: date, answered: date | None) -> bool:
        """Unanswered on `as_of` (answered later or never) although the due date had passed."""
        return self.due < as_of and (answered is None or answered > as_of)

    def late(self, answered: date) -> bool:
        """An answer given after the due date."""
        return answered > self.due

    def label(self) -> str:
        """The due date as shown to people, marked when provisional."""
        return f"{self.due.isoformat()} (暂定 provisional)" if self.provisional else self.due.isoformat()


class WorkCalendar:
    """Working days from the operator's schedule, the chinesecalendar package, or weekdays."""

    def __init__(self, operator: dict[int, YearSchedule] | None = None) -> None:
        self.operator = operator or {}

    def _day(self, day: date) -> tuple[bool, bool]:
        """(is a working day, known from an official schedule)."""
        schedule = self.operator.get(day.year)
        if schedule is not None:
            if day in schedule.workdays:
                return True, True
            return day.weekday() < 5 and day not in schedule.holidays, True
        known = _library_workday(day)
        if known is not None:
            return known, True
        return day.weekday() < 5, False

    def is_workday(self, day: date) -> bool:
        """Whether `day` is a working day (weekdays only for a year no schedule covers)."""
        return self._day(day)[0]

    def knows(self, year: int) -> bool:
        """Whether an official schedule (operator file or package) covers `year`."""
        return self._day(date(year, 6, 30))[1]

    def deadline(self, received: date, working_days: int = ANSWER_WORKING_DAYS) -> Deadline:
        """The `working_days`-th working day after the day of receipt."""
        day, counted, provisional = received, 0, False
        while counted < working_days:
            day += timedelta(days=1)
            is_work, known = self._day(day)
            provisional = provisional or not known
            counted += is_work
        return Deadline(received, day, provisional)


def calendar_from_env(*, strict: bool = True) -> WorkCalendar:
    """The calendar with `$OPENDATA_HOLIDAYS` if set.

    strict: a missing or bad file raises InputError (the CLI's exit 1). Not strict (a web page):
    the file is ignored, so deadlines of unknown years come out provisional instead of failing.
    """
    path = os.environ.get(ENV_SCHEDULE, "").strip()
    if not path:
        return WorkCalendar()
    try:
        if not Path(path).is_file():
            raise InputError(f"{ENV_SCHEDULE}={path}: no such file")
        return WorkCalendar(load_schedule(Path(path)))
    except InputError:
        if strict:
            raise
        return WorkCalendar()
