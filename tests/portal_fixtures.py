"""A home with one general-open and one authorized-open release (with a pseudonym column), for portal tests.

Publishing costs seconds, so the home is built once per test session and copied per test
(`portal_home`; loaded for every test file by tests/conftest.py): each test gets its own registry and may withdraw, approve or restrict freely.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

GENERAL = "food-permits"
AUTHORIZED = "relief-payments"


@pytest.fixture(scope="session")
def _published_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Publish the two datasets once per session (imported here: loading this plugin stays cheap)."""
    from tests.test_lifecycle_fixtures import company_dataset, person_dataset, publish

    mp = pytest.MonkeyPatch()
    mp.setenv("OPENDATA_INSECURE_DEV_KEY", "1")
    mp.setenv("OPENDATA_ENGINE", "plain")
    base = tmp_path_factory.mktemp("portal")
    home = base / "home"
    try:
        publish(company_dataset(base / "dept", GENERAL), home)
        publish(person_dataset(base / "dept", AUTHORIZED, name_policy="pseudonymize"), home)
    finally:
        mp.undo()
    return home


@pytest.fixture
def portal_home(_published_home: Path, tmp_path: Path) -> Path:
    """A fresh copy of the published home for one test."""
    home = tmp_path / "portal-home"
    shutil.copytree(_published_home, home)
    return home


def version_of(home: Path, dataset_id: str) -> str:
    """The one version published of a dataset in the fixture home."""
    return sorted(p.name for p in (home / "releases" / dataset_id).iterdir() if not p.name.startswith("."))[-1]
