"""`HOME/catalog.jsonld`: a DCAT-AP catalog of every release, withdrawn ones marked, rebuilt from the registry.

One `dcat:Dataset` per dataset (the catalog entry of 开放办法 §11) links each release as a versioned
`dcat:Dataset` (`dcat:hasVersion`); each release file is a `dcat:Distribution` with its size, sha256
(`spdx:checksum`), version and status (`adms:status` Completed or Withdrawn). A republished version
`dct:replaces` the withdrawn one, which `dct:isReplacedBy` it. Withdrawn distributions keep their
checksum (so a copy in the wild can be identified) but lose their download URL.

The file is rebuilt while the registry is held (so two processes cannot write an older view over a
newer one) and replaced atomically (temp file + os.replace), so readers never see half a catalog.
"""

from __future__ import annotations

import json
import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from pipelines.core.home import Home
from pipelines.store import audit
from pipelines.store.releases import file_rows, release_rows
from pipelines.core.clock import SHANGHAI
from pipelines.core.vocab import OpenType, UpdateFrequency

CONTEXT: dict[str, Any] = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "spdx": "http://spdx.org/rdf/terms#",
    "adms": "http://www.w3.org/ns/adms#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

ID_PREFIX = "urn:opendata-fuzhou:dataset:"
EU = "http://publications.europa.eu/resource/authority/"
STATUS = {"published": "http://purl.org/adms/status/Completed", "withdrawn": "http://purl.org/adms/status/Withdrawn"}

# 更新频度 → EU Publications Office frequency authority table (the DCAT-AP vocabulary).
FREQUENCY = {
    UpdateFrequency.REALTIME: "UPDATE_CONT",
    UpdateFrequency.DAILY: "DAILY",
    UpdateFrequency.WEEKLY: "WEEKLY",
    UpdateFrequency.MONTHLY: "MONTHLY",
    UpdateFrequency.QUARTERLY: "QUARTERLY",
    UpdateFrequency.SEMIANNUAL: "ANNUAL_2",
    UpdateFrequency.YEARLY: "ANNUAL",
    UpdateFrequency.IRREGULAR: "IRREG",
}

# 开放类型 → EU access-right authority table.
ACCESS_RIGHTS = {
    OpenType.GENERAL: "PUBLIC",
    OpenType.AUTHORIZED: "RESTRICTED",
    OpenType.NOT_OPEN: "NON_PUBLIC",
}

MEDIA_TYPES = {
    ".csv": "text/csv",
    ".parquet": "application/vnd.apache.parquet",
    ".json": "application/json",
    ".html": "text/html",
    ".md": "text/markdown",
}


def frequency_uri(value: str) -> str:
    """The EU frequency URI of an `update_frequency` key."""
    return f"{EU}frequency/{FREQUENCY[UpdateFrequency(value)]}"


def access_rights_uri(value: str) -> str:
    """The EU access-right URI of an `open_type` key."""
    return f"{EU}access-right/{ACCESS_RIGHTS[OpenType(value)]}"


def dataset_iri(dataset_id: str, version: str | None = None) -> str:
    """Stable identifiers that do not depend on where the home directory lives."""
    return f"{ID_PREFIX}{dataset_id}" + (f":{version}" if version else "")


def _zh(text: str) -> dict[str, str]:
    return {"@value": text, "@language": "zh"}


def _datetime(value: datetime | str) -> dict[str, str]:
    text = value.astimezone(SHANGHAI).isoformat() if isinstance(value, datetime) else value
    return {"@value": text, "@type": "xsd:dateTime"}


def _iri(value: str) -> dict[str, str]:
    return {"@id": value}


def _license_iri(license_id: str) -> str:
    return f"https://spdx.org/licenses/{license_id}"


def _generated_by(release: dict[str, Any]) -> dict[str, Any]:
    if release.get("flow_run_id"):
        return {"@id": f"urn:prefect:flow-run:{release['flow_run_id']}", "@type": "prov:Activity"}
    # Published by the plain runner (no Prefect): still an activity, named by the release it produced.
    return {
        "@id": f"urn:opendata-fuzhou:run:{release['dataset_id']}:{release['version']}",
        "@type": "prov:Activity",
        "rdfs:label": "publication run without Prefect (plain runner)",
    }


def _rights(release: dict[str, Any]) -> dict[str, Any]:
    open_type = OpenType(release["open_type"])
    text = open_type.label + (f"：{release['open_conditions']}" if release.get("open_conditions") else "")
    return {"@type": "dct:RightsStatement", "rdfs:label": _zh(text)}


def _distribution(release: dict[str, Any], name: str, info: dict[str, Any]) -> dict[str, Any]:
    iri = dataset_iri(release["dataset_id"], release["version"]) + f":{name}"
    node: dict[str, Any] = {
        "@id": iri,
        "@type": "dcat:Distribution",
        "dct:title": name,
        "dcat:mediaType": _iri("http://www.iana.org/assignments/media-types/" + MEDIA_TYPES.get(Path(name).suffix, "application/octet-stream")),
        "dcat:byteSize": {"@value": str(info["bytes"]), "@type": "xsd:nonNegativeInteger"},
        "spdx:checksum": {
            "@type": "spdx:Checksum",
            "spdx:algorithm": _iri("spdx:checksumAlgorithm_sha256"),
            "spdx:checksumValue": {"@value": info["sha256"], "@type": "xsd:hexBinary"},
        },
        "dct:issued": _datetime(release["published_at"]),
        "owl:versionInfo": release["version"],
        "dcat:version": release["version"],
        "adms:status": _iri(STATUS.get(release["status"], STATUS["published"])),
    }
    if release.get("license"):
        node["dct:license"] = _iri(_license_iri(release["license"]))
    if release["status"] == "published":
        # Relative to @base (the home directory): releases/<id>/<version>/<file>.
        folder = release["path"].rstrip("/")
        node["dcat:downloadURL"] = _iri(f"{folder}/{name}")
        node["dcat:accessURL"] = _iri(f"{folder}/")
    return node


def _version_node(release: dict[str, Any], files: dict[str, dict[str, Any]], replaced_by: list[str], previous: str | None) -> dict[str, Any]:
    dataset_id, version = release["dataset_id"], release["version"]
    node: dict[str, Any] = {
        "@id": dataset_iri(dataset_id, version),
        "@type": "dcat:Dataset",
        "dct:identifier": f"{dataset_id}/{version}",
        "dct:title": _zh(f"{release.get('title') or dataset_id}（{version}）"),
        "dct:isVersionOf": _iri(dataset_iri(dataset_id)),
        "owl:versionInfo": version,
        "dcat:version": version,
        "dct:issued": _datetime(release["published_at"]),
        "adms:status": _iri(STATUS.get(release["status"], STATUS["published"])),
        "dct:accessRights": _iri(access_rights_uri(release["open_type"])),
        "dct:rights": _rights(release),
        "prov:wasGeneratedBy": _generated_by(release),
        "dcat:distribution": [_distribution(release, name, files[name]) for name in sorted(files)],
    }
    if release.get("replaces"):
        node["dct:replaces"] = _iri(dataset_iri(dataset_id, release["replaces"]))
    if replaced_by:
        node["dct:isReplacedBy"] = [_iri(dataset_iri(dataset_id, v)) for v in replaced_by]
    if previous:
        node["dcat:previousVersion"] = _iri(dataset_iri(dataset_id, previous))
    if release["status"] == "withdrawn" and release.get("withdrawn_at"):
        # The time only: the reason may describe the leak and stays in the registry and audit log.
        node["dct:modified"] = _datetime(release["withdrawn_at"])
        node["adms:versionNotes"] = _zh(f"已撤回（withdrawn）{_datetime(release['withdrawn_at'])['@value']}")
    return node


def _dataset_node(releases: list[dict[str, Any]], versions: list[dict[str, Any]]) -> dict[str, Any]:
    published = [r for r in releases if r["status"] == "published"]
    current = (published or releases)[-1]  # the catalog entry as the newest (published) release states it
    dataset_id = current["dataset_id"]
    node: dict[str, Any] = {
        "@id": dataset_iri(dataset_id),
        "@type": "dcat:Dataset",
        "dct:identifier": dataset_id,
        "dct:title": _zh(current.get("title") or dataset_id),
        "dct:description": _zh(current.get("description") or ""),
        "dcat:keyword": [_zh(k) for k in current.get("keywords") or []],
        "dct:issued": _datetime(releases[0]["published_at"]),
        "dct:modified": _datetime(releases[-1]["published_at"]),
        "owl:versionInfo": current["version"],
        "adms:status": _iri(STATUS["published"] if published else STATUS["withdrawn"]),
        "dct:accessRights": _iri(access_rights_uri(current["open_type"])),
        "dct:rights": _rights(current),
        "dcat:hasVersion": [_iri(v["@id"]) for v in versions],
        "dcat:distribution": [_iri(d["@id"]) for v in versions for d in v["dcat:distribution"]],
    }
    if current.get("publisher"):
        node["dct:publisher"] = {"@type": "foaf:Agent", "foaf:name": _zh(current["publisher"])}
        node["dcat:contactPoint"] = {
            "@type": "vcard:Organization", "vcard:fn": _zh(current["publisher"]), "vcard:note": current.get("contact") or "",
        }
    if current.get("domain"):
        node["dcat:theme"] = {"@type": "skos:Concept", "skos:prefLabel": _zh(current["domain"])}
    if current.get("update_frequency"):
        node["dct:accrualPeriodicity"] = _iri(frequency_uri(current["update_frequency"]))
    if current.get("license"):
        node["dct:license"] = _iri(_license_iri(current["license"]))
    return node


def build_catalog(releases: list[dict[str, Any]], files: dict[tuple[str, str], dict[str, dict[str, Any]]], base: str) -> dict[str, Any]:
    """The JSON-LD document for registry rows (`release_rows`) and their files (`file_rows`)."""
    by_dataset: dict[str, list[dict[str, Any]]] = {}
    for row in releases:  # already sorted by dataset, then version
        by_dataset.setdefault(row["dataset_id"], []).append(row)
    graph: list[dict[str, Any]] = []
    dataset_ids: list[str] = []
    for dataset_id, rows in by_dataset.items():
        replaced_by: dict[str, list[str]] = {}
        for r in rows:
            if r.get("replaces"):
                replaced_by.setdefault(r["replaces"], []).append(r["version"])
        versions = [
            _version_node(r, files.get((dataset_id, r["version"]), {}), replaced_by.get(r["version"], []), rows[i - 1]["version"] if i else None)
            for i, r in enumerate(rows)
        ]
        graph.append(_dataset_node(rows, versions))
        graph.extend(versions)
        dataset_ids.append(dataset_iri(dataset_id))
    catalog = {
        "@id": "urn:opendata-fuzhou:catalog",
        "@type": "dcat:Catalog",
        "dct:title": _zh("福州市公共数据开放目录"),
        "dct:description": _zh("福州市公共数据开放平台的数据目录（DCAT-AP），含已撤回的版本。"),
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": _zh("福州市大数据委")},
        "dct:modified": _datetime(datetime.now(SHANGHAI)),
        "dcat:dataset": [_iri(i) for i in dataset_ids],
    }
    return {"@context": {**CONTEXT, "@base": base}, "@graph": [catalog, *graph]}


def write_catalog(home: Home) -> Path:
    """Rebuild `HOME/catalog.jsonld` from the registry and replace the old file atomically."""
    base = home.root.as_uri() + "/"
    with audit.transaction(home) as con:
        # Built and written while the registry is held: a concurrent change waits, then rebuilds.
        document = build_catalog(release_rows(con), file_rows(con), base)
        fd, tmp = tempfile.mkstemp(prefix=".catalog-", suffix=".jsonld.tmp", dir=home.root)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(document, fh, ensure_ascii=False, default=str)  # compact: rebuilt after every change
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, home.catalog)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    return home.catalog
