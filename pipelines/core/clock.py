"""Fuzhou's time zone and the current time in it: versions, audit times and catalog dates follow local time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

TIMEZONE = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TIMEZONE)


def now() -> datetime:
    """The current time in Fuzhou (Asia/Shanghai), time-zone aware."""
    return datetime.now(SHANGHAI)
