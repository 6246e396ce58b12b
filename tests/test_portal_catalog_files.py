"""The DCAT-AP catalog on the portal (issue 17 × issue 15): `/catalog.{jsonld,ttl,rdf}`, `/catalog` by
`Accept`, one dataset's entry at `/datasets/{id}/catalog.{jsonld,ttl,rdf}`, and the pages linking them.

Each answer is the file the publication wrote (byte for byte) and parses as RDF in its own format.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rdflib import Graph, URIRef

from pipelines.store.dcat import catalog_path
from pipelines.core.home import Home
from pipelines.portal.app import create_app
from pipelines.portal.routes_dcat import choose_format
from tests.portal_fixtures import AUTHORIZED, GENERAL

DCAT_DATASET_SERIES = URIRef("http://www.w3.org/ns/dcat#DatasetSeries")
RDF_TYPE = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
PARSERS = {"jsonld": "json-ld", "ttl": "turtle", "rdf": "xml"}
MEDIA = {"jsonld": "application/ld+json", "ttl": "text/turtle", "rdf": "application/rdf+xml"}


def client(home: Path) -> TestClient:
    return TestClient(create_app(Home(home)), raise_server_exceptions=False)


def series(body: bytes, fmt: str) -> int:
    """How many dcat:DatasetSeries a serialization describes (it must parse in its format)."""
    graph = Graph().parse(data=body, format=PARSERS[fmt])
    return len(set(graph.subjects(RDF_TYPE, DCAT_DATASET_SERIES)))


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_whole_catalog_in_each_format(portal_home: Path, fmt: str) -> None:
    got = client(portal_home).get(f"/catalog.{fmt}")
    assert got.status_code == 200
    assert got.headers["content-type"].split(";")[0] == MEDIA[fmt]
    assert got.content == catalog_path(Home(portal_home), fmt).read_bytes()
    assert series(got.content, fmt) == 2


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        (None, "jsonld"),
        ("application/ld+json", "jsonld"),
        ("text/turtle", "ttl"),
        ("application/rdf+xml", "rdf"),
        ("text/turtle;q=0.5, application/rdf+xml", "rdf"),
        ("application/ld+json;q=0.1, text/*;q=0.9", "ttl"),
        ("text/html,application/xhtml+xml,*/*;q=0.8", "jsonld"),  # a browser: the default
        ("image/png", "jsonld"),
    ],
)
def test_catalog_negotiates_by_accept(portal_home: Path, accept: str | None, fmt: str) -> None:
    headers = {"Accept": accept} if accept else {}
    got = client(portal_home).get("/catalog", headers=headers)
    assert got.status_code == 200
    assert got.headers["content-type"].split(";")[0] == MEDIA[fmt]
    assert got.headers["vary"] == "Accept" and got.headers["content-location"] == f"/catalog.{fmt}"
    assert got.content == catalog_path(Home(portal_home), fmt).read_bytes()


def test_choose_format_ignores_malformed_parts() -> None:
    assert choose_format("text/turtle;q=abc, application/rdf+xml;q=0.2") == "rdf"
    assert choose_format(", ,") == "jsonld"
    assert choose_format("application/rdf+xml;q=0") == "jsonld"


@pytest.mark.parametrize("fmt", ["jsonld", "ttl", "rdf"])
def test_one_datasets_entry_in_each_format(portal_home: Path, fmt: str) -> None:
    c = client(portal_home)
    for dataset_id in (GENERAL, AUTHORIZED):
        got = c.get(f"/datasets/{dataset_id}/catalog.{fmt}")
        assert got.status_code == 200
        assert got.headers["content-type"].split(";")[0] == MEDIA[fmt]
        assert got.content == catalog_path(Home(portal_home), fmt, dataset_id).read_bytes()
        assert series(got.content, fmt) == 1
        assert dataset_id.encode() in got.content


def test_unknown_dataset_format_or_traversal_is_404(portal_home: Path) -> None:
    c = client(portal_home)
    assert c.get("/datasets/no-such/catalog.jsonld").status_code == 404
    assert c.get(f"/datasets/{GENERAL}/catalog.xml").status_code == 404
    assert c.get("/datasets/..%2Fopendata/catalog.jsonld").status_code == 404


def test_no_catalog_written_yet_is_404(tmp_path: Path) -> None:
    c = client(tmp_path / "empty-home")
    for url in ("/catalog", "/catalog.jsonld", "/catalog.ttl", "/catalog.rdf"):
        got = c.get(url)
        assert got.status_code == 404 and "目录文件尚未生成" in got.text, url


def test_pages_link_the_catalog_files(portal_home: Path) -> None:
    c = client(portal_home)
    home_page = c.get("/").text
    for fmt in ("jsonld", "ttl", "rdf"):
        assert f'href="/catalog.{fmt}"' in home_page
    dataset_page = c.get(f"/datasets/{GENERAL}").text
    for fmt in ("jsonld", "ttl", "rdf"):
        href = f"/datasets/{GENERAL}/catalog.{fmt}"
        assert f'href="{href}"' in dataset_page
        assert c.get(href).status_code == 200
