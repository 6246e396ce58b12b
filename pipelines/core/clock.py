"""The one time zone of the toolkit: Asia/Shanghai (Fuzhou's local time).

Versions, audit times, catalog dates and every timestamp the toolkit shows or writes follow local
time, so a release dated 2026-12-05 is never shown as published 2026-12-04 and no file mixes
+00:00 with +08:00.
"""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

TIMEZONE = "Asia/Shanghai"
SHANGHAI = ZoneInfo(TIMEZONE)


def now() -> datetime:
    """The current time in Fuzhou (Asia/Shanghai), time-zone aware."""
    return datetime.now(SHANGHAI)


def today() -> date:
    """Today's date in Shanghai."""
    return now().date()


def local(value: datetime) -> datetime:
    """`value` in Shanghai time; a naive value is taken to be UTC (how the registry stores instants)."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(SHANGHAI)
