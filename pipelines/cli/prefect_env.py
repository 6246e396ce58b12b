"""Prefect settings for CLI runs: quiet console logs unless asked for."""

from __future__ import annotations

import logging
import os


def quiet_prefect() -> None:
    """Keep Prefect's INFO chatter and telemetry off the terminal (OPENDATA_VERBOSE=1 shows it)."""
    if os.environ.get("OPENDATA_VERBOSE"):
        return
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "CRITICAL")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    os.environ.setdefault("PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW", "ignore")
    for name in ("prefect", "prefect.flow_runs", "prefect.task_runs", "httpx", "uvicorn"):
        logging.getLogger(name).setLevel(logging.WARNING)
