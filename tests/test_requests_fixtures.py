"""A real home for the request and assessment tests: two departments' datasets published from a
`catalog_specs/` folder, copied fresh for each test (publishing once per module keeps tests quick)."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest

from tests.conftest import ROWS, SPEC, run_cli, write_csv_with_manifest
from tests.test_lifecycle_fixtures import company_dataset, publish

MARKET = "福州市市场监督管理局"
TRANSPORT = "福州市交通运输局"
STOPS_HEADER = ["站点编号", "站点名称", "所属区县", "启用日期", "客流量"]


@dataclass(frozen=True)
class Site:
    """A working folder with `catalog_specs/` (the CLI's default) and a published home."""

    root: Path
    home: Path

    def cli(self, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
        """Run `opendata ARGS --home HOME` from the site folder; (exit code, stdout, stderr)."""
        done = run_cli(*args, "--home", str(self.home), cwd=self.root, env=env)
        return done.returncode, done.stdout, done.stderr

    def ok(self, *args: str, env: dict[str, str] | None = None) -> str:
        """Run and expect exit 0; return stdout."""
        code, out, err = self.cli(*args, env=env)
        assert code == 0, err
        assert "Traceback" not in err
        return out

    def items(self, *args: str) -> list[dict]:
        """`request list --json` with extra options."""
        return json.loads(self.ok("request", "list", "--json", *args))

    def version(self, dataset_id: str) -> str:
        """The one published version of a dataset."""
        return sorted(p.name for p in (self.home / "releases" / dataset_id).iterdir())[-1]


def _publish_site(root: Path) -> Site:
    catalog = root / "catalog_specs"
    catalog.mkdir(parents=True)
    market_spec = company_dataset(catalog, "food-permits")
    write_csv_with_manifest(catalog / "stops.csv", STOPS_HEADER, ROWS, TRANSPORT)
    stops_spec = catalog / "bus-stops.yaml"
    stops_spec.write_text(SPEC.format(id="bus-stops", source="stops.csv"), encoding="utf-8")
    home = root / "home"
    with mock.patch.dict(os.environ, {"OPENDATA_ENGINE": "plain", "OPENDATA_INSECURE_DEV_KEY": "1"}):
        publish(market_spec, home)
        publish(stops_spec, home)
    return Site(root, home)


@pytest.fixture(scope="module")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """Published once per test module; use `site` in tests."""
    return _publish_site(tmp_path_factory.mktemp("published"))


@pytest.fixture
def site(published_site: Site, tmp_path: Path) -> Iterator[Site]:
    """A private copy of the published site."""
    root = tmp_path / "site"
    shutil.copytree(published_site.root, root)
    yield Site(root, root / "home")


def test_site_has_two_departments_published(site: Site) -> None:
    assert site.version("food-permits") and site.version("bus-stops")
    assert (site.root / "catalog_specs" / "food-permits.yaml").is_file()
